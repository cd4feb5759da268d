//! The generator: API spec (YAML) → validated IR → Rust bindings.
//!
//! ```text
//! api-spec/*.yaml --load--> spec (positions kept) --validate--> ir --emit--> files / tokens
//! ```
//!
//! - [`load`] reads a spec folder; YAML parsing lives behind one private module (`yaml.rs`).
//! - [`spec`] mirrors the YAML; [`validate`] checks it and lowers it to [`ir`], reporting `file:line:col`.
//! - [`naming`] decides every Rust name once; [`emit`] turns the IR into code and never fails.
//!
//! Entry points: [`generate_files`] (for `cargo xtask gen`) and [`generate_tokens`] (for the proc-macro).

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod import;
pub mod ir;
pub mod load;
pub mod naming;
pub mod spec;
pub mod validate;
mod yaml;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use emit::GeneratedFile;

use std::path::Path;

/// Loads the spec folder and returns every file of the generated crate, paths relative to the output folder.
pub fn generate_files(spec_dir: &Path) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let service = load::load_dir(spec_dir)?;
    Ok(emit::crate_files(&service))
}

/// Loads the spec folder and returns the crate's items as tokens with inline modules.
pub fn generate_tokens(spec_dir: &Path) -> Result<proc_macro2::TokenStream, Diagnostics> {
    let service = load::load_dir(spec_dir)?;
    Ok(emit::crate_tokens(&service))
}
