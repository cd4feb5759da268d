//! IR → Rust source. One concern per file; nothing here can fail (validation already ran).
//!
//! - `docs`: doc comments from spec text, escaped for rustdoc.
//! - `types`: Rust types for IR types.
//! - `request`: request structs, constructors, setters.
//! - `params`: flattening requests into query / form parameters.
//! - `model`: response structs.
//! - `enums`: string enums with an `Unknown` fallback.
//! - `errors`: the operation's error type and `parse_response`.
//! - `operation_spec`: the operation as static data for the CLI and the mock service.
//! - `codec`: reading and writing response bodies (JSON and XML share one `codec!` per type).
//! - `client`: the async client and the command-line glue (behind features).
//! - `operation_tests`: the generated test crate, three tests per operation from the spec's examples.
//! - `examples`: `examples/` (programs chosen by rule) and the test crate's `tests/examples.rs`.
//! - `crate_files`: `Cargo.toml`, `lib.rs` and the crate docs.
//! - `serde`: the `serde` feature's attributes (crate files only, not the proc-macro expansion).
//! - `spec_lock`: `api-surface.lock`, the API surface `cargo xtask gen` reports changes against.

mod client;
mod codec;
mod crate_files;
mod docs;
mod enums;
mod errors;
mod examples;
mod model;
mod operation_spec;
mod operation_tests;
mod params;
mod request;
mod serde;
mod spec_lock;
mod types;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir;
use serde::Features;

/// One generated file, its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path with `/` separators, e.g. `outboundbot/src/lib.rs`.
    pub path: String,
    /// Full content.
    pub contents: String,
}

/// Every file of the generated crate for `service`.
pub fn crate_files(service: &ir::Service) -> Vec<GeneratedFile> {
    let mut files = crate_files::files(service);
    files.push(spec_lock::file(service));
    files
}

/// The whole crate as one token stream with inline modules, for the proc-macro entry point.
pub fn crate_tokens(service: &ir::Service) -> TokenStream {
    let lib = crate_files::lib_items(service);
    let modules = service.operations.iter().map(|op| {
        let name = format_ident!("{}", op.module);
        let items = module_items(service, op, Features::MACRO);
        quote! { pub mod #name { #items } }
    });
    quote! { #lib #(#modules)* }
}

/// The items of one operation's module, starting with its inner docs.
fn module_items(service: &ir::Service, op: &ir::Operation, features: Features) -> TokenStream {
    let docs = docs::inner(&docs::module_docs(op));
    let constants = crate_files::operation_constants(service, op);
    let request = request::request(op, features);
    let params = params::request_params(op);
    let param_structs = op.param_structs.iter().map(|s| {
        let def = request::param_struct(op, s, features);
        let write = params::param_struct_params(s);
        quote! { #def #write }
    });
    let structs = op.structs.iter().enumerate().map(|(i, s)| {
        let def = model::response_struct(op, s, i == 0, features);
        let codec = codec::struct_codec(s);
        quote! { #def #codec }
    });
    let enums = op.enums.iter().map(|e| enums::string_enum(e, features));
    let errors = errors::error_type(op);
    let spec = operation_spec::operation_spec(op);
    quote! {
        #docs
        #constants
        #spec
        #request
        #params
        #(#param_structs)*
        #(#structs)*
        #(#enums)*
        #errors
    }
}

/// Formats a token stream as a Rust file. A generator bug that produced unparsable tokens yields the raw token
/// text, which then fails to compile with a precise message instead of a panic here.
fn render(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}
