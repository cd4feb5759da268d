//! `generate!("spec-dir")`: the bindings for an API spec folder, expanded in place.
//!
//! A thin wrapper over [`codegen::generate_tokens`], the same generator `cargo xtask gen` runs, for crates that
//! would rather not check generated files in (tests use it on fixture specs):
//!
//! ```ignore
//! mod widgets {
//!     codegen_macro::generate!("fixtures/widget-spec");
//! }
//!
//! let request = widgets::create_widget::CreateWidgetRequest::new("cn-hangzhou", 3);
//! ```
//!
//! - The folder is relative to the calling crate's `CARGO_MANIFEST_DIR` (the folder of its `Cargo.toml`), and
//!   holds `service.yaml` plus one `<Operation>.yaml` per operation.
//! - The expansion is the crate's items (constants, re-exports) and one `pub mod` per operation. Generated code
//!   names `::aliyun_rpc_runtime`, so the calling crate must depend on `aliyun-rpc-runtime`.
//! - Every `*.yaml` of the folder is pulled in with `include_str!`, so cargo rebuilds the caller when a spec
//!   file changes. Adding or removing a file does not by itself trigger a rebuild (a proc-macro cannot watch a
//!   folder on stable Rust); touch one of the existing files.
//! - A spec error is a `compile_error!` listing every diagnostic as `file:line:col: error: message`, the file
//!   relative to the manifest folder; the macro never panics.
//! - `CARGO_MANIFEST_DIR_OVERRIDE`, when set, is used instead of `CARGO_MANIFEST_DIR`: harnesses that compile
//!   test programs in a folder of their own (`trybuild`, as this crate's tests do) point it back at the crate.

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenTree};
use quote::{quote, quote_spanned};

/// Expands to the bindings generated from the spec folder named by the string literal argument, relative to
/// the calling crate's manifest folder. See the [crate docs](crate).
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    let (relative, span) = match spec_dir_argument(input) {
        Ok(arg) => arg,
        Err((message, span)) => return error(&message, span),
    };
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR_OVERRIDE")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"));
    let Some(manifest_dir) = manifest_dir else {
        return error(
            "CARGO_MANIFEST_DIR is not set: `generate!` must be expanded by cargo",
            span,
        );
    };
    let manifest_dir = PathBuf::from(manifest_dir);
    let dir = manifest_dir.join(&relative);
    match codegen::generate_tokens(&dir) {
        Ok(items) => {
            let tracked = yaml_files(&dir).into_iter().map(|path| {
                let path = path.to_string_lossy().into_owned();
                quote! { const _: &str = ::core::include_str!(#path); }
            });
            quote! {
                #items
                #(#tracked)*
            }
            .into()
        }
        Err(diagnostics) => error(
            &format!(
                "invalid API spec in {relative}:\n{}",
                relative_to(diagnostics, &manifest_dir)
            ),
            span,
        ),
    }
}

/// The single string literal argument, decoded, with its span.
fn spec_dir_argument(input: proc_macro2::TokenStream) -> Result<(String, Span), (String, Span)> {
    const EXPECTED: &str =
        "expected one string literal naming the spec folder, e.g. `generate!(\"api-spec\")`";
    let mut tokens = input.into_iter();
    let (first, second) = (tokens.next(), tokens.next());
    let (Some(TokenTree::Literal(lit)), None) = (&first, &second) else {
        // Point at what was written instead, or at the call when nothing was.
        let span = first.map_or_else(Span::call_site, |t| t.span());
        return Err((EXPECTED.to_string(), span));
    };
    match string_value(&lit.to_string()) {
        Some(value) if !value.is_empty() => Ok((value, lit.span())),
        _ => Err((EXPECTED.to_string(), lit.span())),
    }
}

/// The value of a string literal token: `"…"` with the common escapes, or a raw string `r#"…"#`.
fn string_value(token: &str) -> Option<String> {
    if let Some(raw) = token.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let fence = "#".repeat(hashes);
        return raw
            .strip_prefix(&fence)?
            .strip_prefix('"')?
            .strip_suffix(&fence)?
            .strip_suffix('"')
            .map(str::to_string);
    }
    let body = token.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'n' => '\n',
            't' => '\t',
            _ => return None, // other escapes make no sense in a folder name
        });
    }
    Some(out)
}

/// The `*.yaml` files of `dir`, sorted, as absolute paths (what `include_str!` needs to be location-free).
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|ext| ext == "yaml") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The diagnostics with their files named relative to the manifest folder, as the caller wrote the folder
/// (shorter, and the same on every machine).
fn relative_to(mut diagnostics: codegen::Diagnostics, manifest_dir: &Path) -> codegen::Diagnostics {
    for d in &mut diagnostics.0 {
        if let Ok(relative) = d.position.file.strip_prefix(manifest_dir) {
            d.position.file = relative.to_path_buf();
        }
    }
    diagnostics
}

fn error(message: &str, span: Span) -> TokenStream {
    quote_spanned!(span=> ::core::compile_error!(#message);).into()
}

#[cfg(test)]
mod tests {
    use super::string_value;

    #[test]
    fn string_literals_are_decoded() {
        assert_eq!(
            string_value(r#""fixtures/widget-spec""#).as_deref(),
            Some("fixtures/widget-spec")
        );
        assert_eq!(string_value(r#""a\\b\"c""#).as_deref(), Some(r#"a\b"c"#));
        assert_eq!(string_value(r#"r"raw\path""#).as_deref(), Some(r"raw\path"));
        assert_eq!(
            string_value(r###"r##"has "# inside"##"###).as_deref(),
            Some(r##"has "# inside"##)
        );
        assert_eq!(string_value(r#""\x41""#), None);
        assert_eq!(string_value("fixtures"), None);
        assert_eq!(string_value("42"), None);
        assert_eq!(string_value(r#"b"bytes""#), None);
    }
}
