//! Where responses are read: one `FromNode` impl per struct serves JSON and XML alike (the runtime's `Node`
//! hides the format). Straight-line code: loop over the object's entries once, `match` on the wire name,
//! skip unknown names.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;
use crate::ir;

/// `FromNode` for a response struct.
pub fn struct_decode(s: &ir::Struct) -> TokenStream {
    let name = types::ident(&s.rust_name);
    let arms = s.fields.iter().map(|f| {
        let wire = &f.wire_name;
        let field = types::ident(&f.rust_name);
        match f.ty {
            ir::FieldType::Array(_) => quote! { #wire => node.read_into(&mut out.#field, &path)?, },
            _ => quote! { #wire => out.#field = node.read(&path)?, },
        }
    });
    // An untyped response keeps the whole body beside its typed envelope.
    let body = s.body.as_ref().map(|b| {
        let b = types::ident(b);
        quote! { out.#b = node.read(path)?.unwrap_or_default(); }
    });
    // An object without fields only checks that it is an object.
    let read_entries = if s.fields.is_empty() {
        quote! {
            let _ = entries;
            let out = Self::default();
        }
    } else {
        quote! {
            let mut out = Self::default();
            for (key, node) in entries {
                let path = path.field(key);
                match key {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    quote! {
        impl ::aliyun_rpc_runtime::decode::FromNode for #name {
            fn from_node(
                node: ::aliyun_rpc_runtime::decode::Node<'_>,
                path: &::aliyun_rpc_runtime::decode::Path<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, ::aliyun_rpc_runtime::decode::DecodeError> {
                let ::std::option::Option::Some(entries) = node.entries(path)? else {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                };
                #read_entries
                #body
                ::std::result::Result::Ok(::std::option::Option::Some(out))
            }
        }
    }
}
