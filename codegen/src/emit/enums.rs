//! String enums: known values as variants plus `Unknown(UnknownValue<Self>)` (never a known value), so a value the service adds later decodes,
//! re-encodes and is sent unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::serde::{self, Features};
use super::{docs, types};
use crate::ir;

/// The enum, with `as_str`, `From<&str>`, `From<String>`, `Display` and the runtime traits from the
/// runtime's `string_enum!`.
pub fn string_enum(e: &ir::Enum, features: Features) -> TokenStream {
    let name = types::ident(&e.rust_name);
    let mut lines = docs::prose(&e.description);
    lines.push(String::new());
    lines.push(
        "Values this version knows are variants; any other value is kept in `Unknown`.".to_string(),
    );
    let doc = docs::outer(&lines);
    let variants = e.variants.iter().map(|v| {
        let ident = types::ident(&v.rust_name);
        let mut lines = vec![docs::code(&v.wire_name)];
        if !v.description.is_empty() {
            lines[0].push_str(": ");
            lines[0].push_str(&docs::prose(&v.description).join(" "));
        }
        let doc = docs::outer(&lines);
        quote! { #doc #ident, }
    });
    let pairs = e.variants.iter().map(|v| {
        let ident = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        quote! { #ident = #wire }
    });
    let serde_impls = serde::string_enum(features, &e.rust_name);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value not listed in the spec, kept exactly as sent. Never one of the values above: build
            /// values with `From<&str>` / `From<String>`, which pick the known variant when there is one.
            Unknown(::aliyun_rpc_runtime::support::UnknownValue<#name>),
        }

        ::aliyun_rpc_runtime::string_enum!(#name { #(#pairs),* });
        #serde_impls
    }
}
