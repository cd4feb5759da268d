//! Rust types for IR types. Paths are spelled in full so a spec type named `Option` or `String` cannot shadow
//! the standard ones.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir;

/// The Rust type of a scalar.
pub fn scalar(s: ir::Scalar) -> TokenStream {
    match s {
        ir::Scalar::String => quote!(::std::string::String),
        ir::Scalar::Integer => quote!(i32),
        ir::Scalar::Long => quote!(i64),
        ir::Scalar::Float => quote!(f32),
        ir::Scalar::Double => quote!(f64),
        ir::Scalar::Boolean => quote!(bool),
    }
}

/// The Rust type of a request value.
pub fn param_value(op: &ir::Operation, v: &ir::ParamValue) -> TokenStream {
    match v {
        ir::ParamValue::Scalar(s, _) => scalar(*s),
        ir::ParamValue::Enum(i) => path(&op.enums[*i].rust_name),
        ir::ParamValue::Object(i) => path(&op.param_structs[*i].rust_name),
    }
}

/// The value a parameter holds: one value (scalar, enum or object), or the element of a list.
pub enum Held<'a> {
    /// One value of this type.
    One(TokenStream),
    /// A list of this element.
    List(&'a ir::ParamValue),
}

/// What a parameter holds, whatever its style.
pub fn held<'a>(op: &ir::Operation, p: &'a ir::Param) -> Held<'a> {
    match &p.shape {
        ir::ParamShape::Single(v) => Held::One(param_value(op, v)),
        ir::ParamShape::Flat(i) | ir::ParamShape::Json(ir::JsonValue::Object(i)) => {
            Held::One(path(&op.param_structs[*i].rust_name))
        }
        ir::ParamShape::RepeatList { item, .. }
        | ir::ParamShape::Json(ir::JsonValue::List { item, .. }) => Held::List(item),
    }
}

/// The Rust type of a request field as stored in the request struct: required values as they are, optional
/// ones in `Option`, lists in `Vec` (empty when not sent).
pub fn param_field(op: &ir::Operation, p: &ir::Param) -> TokenStream {
    match held(op, p) {
        Held::One(ty) if p.required => ty,
        Held::One(ty) => quote!(::std::option::Option<#ty>),
        Held::List(item) => {
            let inner = param_value(op, item);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}

/// The Rust type of a response value (array element or single value).
pub fn field_value(op: &ir::Operation, t: &ir::FieldType) -> TokenStream {
    match t {
        ir::FieldType::Scalar(s) => scalar(*s),
        ir::FieldType::Enum(i) => path(&op.enums[*i].rust_name),
        ir::FieldType::Object(i) => path(&op.structs[*i].rust_name),
        ir::FieldType::Array(inner) => {
            let inner = field_value(op, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        ir::FieldType::Any => quote!(::aliyun_rpc_runtime::Any),
    }
}

/// The Rust type of a response field: arrays are `Vec` (empty when absent), everything else `Option`.
pub fn field(op: &ir::Operation, t: &ir::FieldType) -> TokenStream {
    let inner = field_value(op, t);
    match t {
        ir::FieldType::Array(_) => inner,
        _ => quote!(::std::option::Option<#inner>),
    }
}

/// A type defined in the same module.
fn path(name: &str) -> TokenStream {
    let ident = ident(name);
    quote!(#ident)
}

/// An identifier from an IR name, raw (`r#type`) where the IR says so.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}
