//! A static description of the operation (`SPEC`) for tools that work by data: the command-line tool and the
//! mock service.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::ir;

// Inside `SPEC`'s initializer the runtime's types are imported under short aliases (`P`, `K`, `S`), and the
// module's own enums are named through `self::`, so no spec name can be shadowed.

fn scalar_kind(s: ir::Scalar) -> TokenStream {
    match s {
        ir::Scalar::String => quote!(S::String),
        ir::Scalar::Integer => quote!(S::Integer),
        ir::Scalar::Long => quote!(S::Long),
        ir::Scalar::Float => quote!(S::Float),
        ir::Scalar::Double => quote!(S::Double),
        ir::Scalar::Boolean => quote!(S::Boolean),
    }
}

fn param_kind(op: &ir::Operation, p: &ir::Param) -> TokenStream {
    let value_kind = |v: &ir::ParamValue| match v {
        ir::ParamValue::Scalar(s, _) => scalar_kind(*s),
        _ => scalar_kind(ir::Scalar::String),
    };
    match &p.shape {
        ir::ParamShape::Single(ir::ParamValue::Enum(i)) => {
            // The enum's own list of known values, not a second copy of it.
            let name = super::types::ident(&op.enums[*i].rust_name);
            quote!(K::Enum(self::#name::KNOWN))
        }
        ir::ParamShape::Single(v) => {
            let k = value_kind(v);
            quote!(K::Single(#k))
        }
        ir::ParamShape::RepeatList {
            item: ir::ParamValue::Object(i),
            ..
        } => {
            let fields = object_fields(op, *i);
            quote!(K::ObjectList(#fields))
        }
        ir::ParamShape::RepeatList { item, .. } => {
            let k = value_kind(item);
            quote!(K::List(#k))
        }
        ir::ParamShape::Flat(i) => {
            let fields = object_fields(op, *i);
            quote!(K::Flat(#fields))
        }
        ir::ParamShape::Json(_) => quote!(K::Json),
    }
}

/// `&[("Field", kind), …]` for the single-valued fields of an object sent as parameters (what the tool's
/// `Field=value,…` syntax and the mock's checks cover; nested lists and objects are left to the typed API).
fn object_fields(op: &ir::Operation, index: usize) -> TokenStream {
    let fields = op.param_structs[index].fields.iter().filter_map(|f| {
        let wire = &f.wire_name;
        let k = match &f.shape {
            ir::ParamShape::Single(ir::ParamValue::Scalar(s, _)) => scalar_kind(*s),
            ir::ParamShape::Single(ir::ParamValue::Enum(_)) => scalar_kind(ir::Scalar::String),
            _ => return None,
        };
        Some(quote!((#wire, #k)))
    });
    quote!(&[#(#fields),*])
}

/// One line of help: the description's first line, plain text.
fn help(p: &ir::Param) -> String {
    let first = p.docs.description.lines().next().unwrap_or("").trim();
    match &p.docs.historic {
        Some(h) => format!("{first} [historic: {h}]"),
        None => first.to_string(),
    }
}

/// `pub static SPEC: OperationSpec`.
pub fn operation_spec(op: &ir::Operation) -> TokenStream {
    let params = op.request.params.iter().map(|p| {
        let wire = &p.wire_name;
        let flag = &p.flag;
        let kind = param_kind(op, p);
        let help = help(p);
        let required = p.required.then(|| quote!(.required()));
        let form = (p.location == ir::Location::Form).then(|| quote!(.form()));
        let bounds = (p.bounds != ir::Bounds::default()).then(|| {
            let bound = |b: Option<f64>| match b {
                Some(v) => quote!(::std::option::Option::Some(#v)),
                None => quote!(::std::option::Option::None),
            };
            let (min, max) = (bound(p.bounds.minimum), bound(p.bounds.maximum));
            quote!(.bounds(#min, #max))
        });
        let max_items = super::params::max_items(p).map(|max| {
            let max = proc_macro2::Literal::u32_unsuffixed(max);
            quote!(.max_items(#max))
        });
        quote! { P::new(#wire, #flag, #kind, #help)#required #form #bounds #max_items, }
    });
    let errors = op.errors.iter().map(|e| {
        let status = e.http_status;
        let code = &e.code;
        let message = &e.message;
        quote! { ::aliyun_rpc_runtime::operation::ErrorSpec { http_status: #status, code: #code, message: #message }, }
    });
    let opt_const = |present: bool, name: TokenStream| {
        if present {
            quote!(::std::option::Option::Some(#name))
        } else {
            quote!(::std::option::Option::None)
        }
    };
    let json = opt_const(
        op.examples.response_json.is_some(),
        quote!(EXAMPLE_RESPONSE_JSON),
    );
    let xml = opt_const(
        op.examples.response_xml.is_some(),
        quote!(EXAMPLE_RESPONSE_XML),
    );
    let command = &op.command;
    let summary = docs::prose(&op.summary).join(" ");
    let paging = match &op.paging {
        Some(paging) => {
            let spec = paging_spec(op, paging);
            quote!(::std::option::Option::Some(#spec))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        /// This operation as data, for the command-line tool and the mock service.
        pub static SPEC: ::aliyun_rpc_runtime::operation::OperationSpec = {
            #[allow(unused_imports)]
            use ::aliyun_rpc_runtime::operation::{ParamKind as K, ParamSpec as P, ScalarKind as S};
            ::aliyun_rpc_runtime::operation::OperationSpec {
                info: OPERATION,
                command: #command,
                summary: #summary,
                params: &[#(#params)*],
                xml_root: XML_ROOT,
                example_json: #json,
                example_xml: #xml,
                errors: &[#(#errors)*],
                paging: #paging,
            }
        };
    }
}

/// `&["JobGroups", "List"]`: a path as wire names.
fn wire_path(path: &[ir::FieldRef]) -> TokenStream {
    let names = path.iter().map(|f| &f.wire_name);
    quote!(&[#(#names),*])
}

/// The paging rule's findings as the runtime's `PagingSpec` (read by the mock).
fn paging_spec(op: &ir::Operation, paging: &ir::Paging) -> TokenStream {
    let wire = |index: usize| op.request.params[index].wire_name.as_str();
    let style = match &paging.style {
        ir::PagingStyle::PageNumber {
            number,
            size,
            first,
            total,
        } => {
            let (number, size, total) = (wire(*number), wire(*size), wire_path(total));
            let first_lit = proc_macro2::Literal::i64_unsuffixed(*first);
            quote! {
                ::aliyun_rpc_runtime::operation::PagingStyle::PageNumber {
                    number: #number,
                    size: #size,
                    first: #first_lit,
                    total: #total,
                }
            }
        }
        ir::PagingStyle::Token {
            token,
            max_results,
            next_token,
        } => {
            let token = wire(*token);
            let max_results = match max_results {
                Some(i) => {
                    let name = wire(*i);
                    quote!(::std::option::Option::Some(#name))
                }
                None => quote!(::std::option::Option::None),
            };
            let next_token = wire_path(next_token);
            quote! {
                ::aliyun_rpc_runtime::operation::PagingStyle::Token {
                    token: #token,
                    max_results: #max_results,
                    next_token: #next_token,
                }
            }
        }
    };
    let items = wire_path(&paging.items);
    quote! {
        ::aliyun_rpc_runtime::operation::PagingSpec {
            style: #style,
            items: #items,
        }
    }
}
