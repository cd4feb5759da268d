//! Flattening a request into wire parameters, in spec order. The rules themselves live in the runtime
//! (`aliyun_rpc_runtime::params`); generated code only lists each parameter with its key and location.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;
use crate::ir;

/// `Query` / `Form`: imported at the top of the generated function (a `use` in the function body shadows
/// any spec type of the same name in the module).
fn location(p: &ir::Param) -> TokenStream {
    match p.location {
        ir::Location::Query => quote!(Query),
        ir::Location::Form => quote!(Form),
    }
}

/// One statement that pushes parameter `p`; `key` is the wire key expression.
fn push(p: &ir::Param, key: TokenStream) -> TokenStream {
    let field = types::ident(&p.rust_name);
    let loc = location(p);
    match (&p.shape, p.required) {
        (ir::ParamShape::Single(_), true) => quote!(params.push(#loc, #key, &self.#field);),
        (ir::ParamShape::Single(_), false) => quote!(params.push_opt(#loc, #key, &self.#field);),
        (
            ir::ParamShape::RepeatList {
                item: ir::ParamValue::Object(_),
                ..
            },
            _,
        ) => quote!(params.push_object_list(#key, &self.#field);),
        (ir::ParamShape::RepeatList { .. }, _) => {
            quote!(params.push_list(#loc, #key, &self.#field);)
        }
        (ir::ParamShape::Flat(_), true) => quote!(params.push_flat(#key, &self.#field);),
        (ir::ParamShape::Flat(_), false) => quote!(params.push_flat_opt(#key, &self.#field);),
        (ir::ParamShape::Json(ir::JsonValue::Object(_)), true) => {
            quote!(params.push_json(#loc, #key, &self.#field);)
        }
        (ir::ParamShape::Json(ir::JsonValue::Object(_)), false) => {
            quote!(params.push_json_opt(#loc, #key, &self.#field);)
        }
        (ir::ParamShape::Json(ir::JsonValue::List { .. }), true) => {
            quote!(params.push_json(#loc, #key, &self.#field);)
        }
        (ir::ParamShape::Json(ir::JsonValue::List { .. }), false) => {
            quote!(params.push_json_list(#loc, #key, &self.#field);)
        }
    }
}

/// The spec's `max_items` of a list parameter (repeat list or JSON array).
pub fn max_items(p: &ir::Param) -> Option<u32> {
    match &p.shape {
        ir::ParamShape::RepeatList { max_items, .. }
        | ir::ParamShape::Json(ir::JsonValue::List { max_items, .. }) => *max_items,
        _ => None,
    }
}

/// `to_params` for the request type, plus the `ToParam` impls of enums used as parameters.
pub fn request_params(op: &ir::Operation) -> TokenStream {
    let name = types::ident(&op.request.rust_name);
    let pushes: Vec<TokenStream> = op
        .request
        .params
        .iter()
        .map(|p| {
            let key = &p.wire_name;
            let push = push(p, quote!(#key));
            match max_items(p) {
                Some(max) => {
                    let max = proc_macro2::Literal::u32_unsuffixed(max);
                    let field = types::ident(&p.rust_name);
                    quote! { #push params.check_max_items(#key, self.#field.len(), #max); }
                }
                None => push,
            }
        })
        .collect();
    let body = if pushes.is_empty() {
        quote!(::aliyun_rpc_runtime::params::Params::new())
    } else {
        quote! {
            #[allow(unused_imports)]
            use ::aliyun_rpc_runtime::params::Location::{Form, Query};
            let mut params = ::aliyun_rpc_runtime::params::Params::new();
            #(#pushes)*
            params
        }
    };
    quote! {
        impl #name {
            /// The request's parameters as ordered `(key, value)` pairs, split by where they travel
            /// ([wire format](crate::runtime::wire_format): 1-based repeat lists, empty lists send nothing).
            pub fn to_params(&self) -> ::aliyun_rpc_runtime::params::Params {
                #body
            }
        }
    }
}

/// How a request object is sent: `WriteParams` (each present field under `prefix.Field`) for repeat-list
/// elements and `flat` objects, `EncodeValue` (a JSON object in spec order) for `json` ones.
pub fn param_struct_params(s: &ir::ParamStruct) -> TokenStream {
    let name = types::ident(&s.rust_name);
    if s.json {
        let writes = s.fields.iter().map(|p| {
            let wire = &p.wire_name;
            let field = types::ident(&p.rust_name);
            match (&p.shape, p.required) {
                (ir::ParamShape::Json(ir::JsonValue::List { .. }), false) => {
                    quote!(w.list(#wire, &self.#field);)
                }
                (_, true) => quote!(w.member(#wire, &self.#field);),
                (_, false) => quote!(w.field(#wire, &self.#field);),
            }
        });
        return quote! {
            impl ::aliyun_rpc_runtime::encode::EncodeValue for #name {
                fn encode_value(&self, w: &mut ::aliyun_rpc_runtime::encode::Writer) {
                    let scope = w.begin_object();
                    #(#writes)*
                    w.end_object(scope);
                }
            }
        };
    }
    let pushes = s.fields.iter().map(|p| {
        let suffix = format!(".{}", p.wire_name);
        push(p, quote!(&::std::format!("{prefix}{}", #suffix)))
    });
    quote! {
        impl ::aliyun_rpc_runtime::params::WriteParams for #name {
            fn write_params(&self, params: &mut ::aliyun_rpc_runtime::params::Params, prefix: &str) {
                #[allow(unused_imports)]
                use ::aliyun_rpc_runtime::params::Location::{Form, Query};
                #(#pushes)*
            }
        }
    }
}
