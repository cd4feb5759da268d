//! Response structs: `Option` for scalars and objects the service may omit, `Vec` for arrays (empty when
//! absent). `#[non_exhaustive]`: users read them, the decoder builds them, so new fields are not breaking.

use proc_macro2::TokenStream;
use quote::quote;

use super::serde::{self, Features, Slot};
use super::{docs, types};
use crate::ir;

/// A response struct; the top-level one also gets its decode/encode entry points.
pub fn response_struct(
    op: &ir::Operation,
    s: &ir::Struct,
    top: bool,
    features: Features,
) -> TokenStream {
    let name = types::ident(&s.rust_name);
    let mut lines = docs::object(&s.docs, &s.wire_path);
    if top {
        lines.push(String::new());
        lines.push(format!(
            "Decode with [`Self::from_json`] or [`Self::from_xml`] (root element {}); HTTP 200 with `Success: false` is still decoded here, so check `success`.",
            docs::code(&op.xml_root)
        ));
    }
    let doc = docs::outer(&lines);
    // An untyped response is its body for serde too; a typed one derives with the wire names.
    let untyped = s.body.is_some();
    let serde_features = Features {
        serde: features.serde && !untyped,
    };
    let fields = s.fields.iter().map(|f| {
        let field = types::ident(&f.rust_name);
        let ty = types::field(op, &f.ty);
        let doc = docs::outer(&docs::field(op, f));
        let slot = match f.ty {
            ir::FieldType::Array(_) => Slot::List,
            _ => Slot::Optional,
        };
        let wire = serde::field(serde_features, &f.wire_name, slot);
        quote! { #doc #wire pub #field: #ty, }
    });
    let derive = serde::derive(serde_features, true);
    let serde_untyped = if untyped {
        serde::untyped(features, &s.rust_name)
    } else {
        TokenStream::new()
    };
    let body = s.body.as_ref().map(|b| {
        let b = types::ident(b);
        quote! {
            /// The whole decoded response, untyped (Alibaba's metadata has no schema for it).
            pub #b: ::aliyun_rpc_runtime::Any,
        }
    });
    let entry_points = top.then(|| entry_points(op, &name));
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        #derive
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #body
        }

        #serde_untyped
        #entry_points
    }
}

fn entry_points(op: &ir::Operation, name: &proc_macro2::Ident) -> TokenStream {
    let root = &op.xml_root;
    quote! {
        impl #name {
            /// Decodes a JSON response body.
            pub fn from_json(body: &[u8]) -> ::std::result::Result<Self, ::aliyun_rpc_runtime::decode::DecodeError> {
                ::aliyun_rpc_runtime::decode::from_json(body)
            }

            #[doc = concat!(" Decodes an XML response body; the root element must be `", #root, "`.")]
            pub fn from_xml(body: &[u8]) -> ::std::result::Result<Self, ::aliyun_rpc_runtime::decode::DecodeError> {
                ::aliyun_rpc_runtime::decode::from_xml(body, #root)
            }

            /// Decodes a body in the given format.
            pub fn from_body(
                format: ::aliyun_rpc_runtime::Format,
                body: &[u8],
            ) -> ::std::result::Result<Self, ::aliyun_rpc_runtime::decode::DecodeError> {
                ::aliyun_rpc_runtime::decode::from_body(format, body, #root)
            }

            /// Encodes as compact JSON with the API's field names, in spec order.
            pub fn to_json(&self) -> ::std::string::String {
                ::aliyun_rpc_runtime::encode::to_json(self)
            }

            /// Encodes as JSON indented by two spaces, fields in spec order.
            pub fn to_json_pretty(&self) -> ::std::string::String {
                ::aliyun_rpc_runtime::encode::to_json_pretty(self)
            }

            /// Encodes as XML, as the service would send it.
            pub fn to_xml(&self) -> ::std::string::String {
                ::aliyun_rpc_runtime::encode::to_xml(self, #root)
            }
        }
    }
}
