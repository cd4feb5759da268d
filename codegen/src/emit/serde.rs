//! The `serde` feature of a generated crate: attributes and macro calls that exist only under
//! `#[cfg(feature = "serde")]`, so the default build has no serde derive at all.
//!
//! - Structs (requests, request objects, typed responses and their objects) derive `Serialize` and
//!   `Deserialize` with each field renamed to its wire name, in spec order. `None` is written as `null`
//!   (one attribute per field keeps the generated code small); absent fields deserialize as `None` or
//!   empty lists.
//! - Enums are their wire string; any other string round-trips through `Unknown` (the runtime's
//!   `serde_string_enum!`).
//! - An untyped response (`untyped_response: true`) is its body: serialized as the JSON the service sent, and
//!   deserialized by the same decoder as `from_json` (the runtime's `serde_untyped!`).
//!
//! The proc-macro entry point emits none of it ([`Features::serde`] off): a macro expansion cannot rely on the
//! invoking crate having a `serde` feature.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;

/// What a generated struct's fields may be, for their serde attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Always present (a required request parameter).
    Required,
    /// `Option<T>`.
    Optional,
    /// `Vec<T>`.
    List,
}

/// Which optional parts the emitters write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// The `#[cfg(feature = "serde")]` impls.
    pub serde: bool,
}

impl Features {
    /// What the crate files get.
    pub const FILES: Features = Features { serde: true };
    /// What the proc-macro expansion gets.
    pub const MACRO: Features = Features { serde: false };
}

/// `derive(Serialize, Deserialize)` for a struct; `default` when it implements `Default` (then missing
/// fields default as a whole).
pub fn derive(features: Features, default: bool) -> TokenStream {
    if !features.serde {
        return TokenStream::new();
    }
    let default = default.then(|| quote!(, serde(default)));
    quote! {
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize) #default)]
    }
}

/// A field's wire name; a list also defaults to empty when absent (an `Option` is `None` by itself, and a
/// response struct defaults as a whole).
pub fn field(features: Features, wire: &str, slot: Slot) -> TokenStream {
    if !features.serde {
        return TokenStream::new();
    }
    match slot {
        Slot::Required | Slot::Optional => {
            quote! { #[cfg_attr(feature = "serde", serde(rename = #wire))] }
        }
        Slot::List => quote! { #[cfg_attr(feature = "serde", serde(rename = #wire, default))] },
    }
}

/// An enum as its wire string.
pub fn string_enum(features: Features, name: &str) -> TokenStream {
    if !features.serde {
        return TokenStream::new();
    }
    let name = types::ident(name);
    quote! {
        #[cfg(feature = "serde")]
        ::aliyun_rpc_runtime::serde_string_enum!(#name);
    }
}

/// An untyped response as its body.
pub fn untyped(features: Features, name: &str) -> TokenStream {
    if !features.serde {
        return TokenStream::new();
    }
    let name = types::ident(name);
    quote! {
        #[cfg(feature = "serde")]
        ::aliyun_rpc_runtime::serde_untyped!(#name);
    }
}
