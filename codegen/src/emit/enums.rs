//! String enums: known values as variants plus `Unknown(String)`, so a value the service adds later decodes,
//! re-encodes and is sent unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, types};
use crate::ir;

/// The enum with `as_str`, `From<&str>`, `From<String>`, `Display`, and its runtime trait impls.
pub fn string_enum(e: &ir::Enum) -> TokenStream {
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
    let to_str = e.variants.iter().map(|v| {
        let ident = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        quote! { Self::#ident => #wire, }
    });
    let from_str = e.variants.iter().map(|v| {
        let ident = types::ident(&v.rust_name);
        let wire = &v.wire_name;
        quote! { #wire => Self::#ident, }
    });
    let known = e.variants.iter().map(|v| &v.wire_name);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value not listed in the spec, kept exactly as sent.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The values listed in the spec, in spec order.
            pub const KNOWN: &'static [&'static str] = &[#(#known),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::aliyun_rpc_runtime::params::ToParam for #name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        impl ::aliyun_rpc_runtime::decode::FromNode for #name {
            const SCALAR: bool = true;

            fn from_node(
                node: ::aliyun_rpc_runtime::decode::Node<'_>,
                path: &::aliyun_rpc_runtime::decode::Path<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, ::aliyun_rpc_runtime::decode::DecodeError> {
                ::std::result::Result::Ok(node.read::<::std::string::String>(path)?.map(Self::from))
            }
        }

        impl ::aliyun_rpc_runtime::encode::EncodeValue for #name {
            fn encode_value(&self, w: &mut ::aliyun_rpc_runtime::encode::Writer) {
                w.string(self.as_str());
            }
        }
    }
}
