//! Flattening a request into wire parameters, in spec order. The rules themselves live in the runtime
//! (`aliyun_rpc_runtime::params`); generated code only lists each parameter with its key and location.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;
use crate::ir;

fn location(p: &ir::Param) -> TokenStream {
    match p.location {
        ir::Location::Query => quote!(::aliyun_rpc_runtime::params::Location::Query),
        ir::Location::Form => quote!(::aliyun_rpc_runtime::params::Location::Form),
    }
}

/// One statement that pushes parameter `p`; `key` is the wire key expression.
fn push(p: &ir::Param, key: TokenStream) -> TokenStream {
    let field = types::ident(&p.rust_name);
    let loc = location(p);
    match &p.shape {
        ir::ParamShape::Single(_) if p.required => quote!(params.push(#loc, #key, &self.#field);),
        ir::ParamShape::Single(_) => quote!(params.push_opt(#loc, #key, &self.#field);),
        ir::ParamShape::RepeatList {
            item: ir::ParamValue::Object(_),
            ..
        } => {
            quote!(params.push_object_list(#key, &self.#field);)
        }
        ir::ParamShape::RepeatList { .. } => quote!(params.push_list(#loc, #key, &self.#field);),
    }
}

/// `to_params` for the request type, plus the `ToParam` impls of enums used as parameters.
pub fn request_params(op: &ir::Operation) -> TokenStream {
    let name = types::ident(&op.request.rust_name);
    let pushes = op.request.params.iter().map(|p| {
        let key = &p.wire_name;
        push(p, quote!(#key))
    });
    quote! {
        impl #name {
            /// The request's parameters as ordered `(key, value)` pairs, split by where they travel
            /// (`shared/docs/wire-format.md`: 1-based repeat lists, empty lists send nothing).
            pub fn to_params(&self) -> ::aliyun_rpc_runtime::params::Params {
                let mut params = ::aliyun_rpc_runtime::params::Params::new();
                #(#pushes)*
                params
            }
        }
    }
}

/// `WriteParams` for a repeat-list element: each present field under `prefix.Field`.
pub fn param_struct_params(s: &ir::ParamStruct) -> TokenStream {
    let name = types::ident(&s.rust_name);
    let pushes = s.fields.iter().map(|p| {
        let suffix = format!(".{}", p.wire_name);
        push(p, quote!(&::std::format!("{prefix}{}", #suffix)))
    });
    quote! {
        impl ::aliyun_rpc_runtime::params::WriteParams for #name {
            fn write_params(&self, params: &mut ::aliyun_rpc_runtime::params::Params, prefix: &str) {
                #(#pushes)*
            }
        }
    }
}
