//! Request structs: required parameters are constructor arguments (checked at compile time, no fallible
//! `build()`), optional ones chainable setters, repeat lists take any iterator and have a `push_` helper.

use proc_macro2::TokenStream;
use quote::quote;

use super::serde::{self, Features, Slot};
use super::{docs, types};
use crate::ir;
use crate::naming;

/// The request struct and its constructor and setters.
pub fn request(op: &ir::Operation, features: Features) -> TokenStream {
    let doc = vec![
        format!("Parameters of `{}`: {}", op.wire_name, docs::prose(&op.summary).join(" ")),
        String::new(),
        "Required parameters are arguments of [`Self::new`]; optional ones have chainable setters of the same name. Fields are public for reading and adjusting.".to_string(),
    ];
    let new = format!("A `{}` request with its required parameters.", op.wire_name);
    parameter_struct(
        op,
        &op.request.rust_name,
        &doc,
        &op.request.params,
        new,
        features,
    )
}

/// A request-side object (repeat-list element, `flat` or `json` object): required fields are arguments of
/// `new()`, optional ones setters.
pub fn param_struct(op: &ir::Operation, s: &ir::ParamStruct, features: Features) -> TokenStream {
    let doc = docs::object(&s.docs, "");
    let new = "An object with its required fields.".to_string();
    parameter_struct(op, &s.rust_name, &doc, &s.fields, new, features)
}

/// A struct of parameters with `new(required…)` and a setter per optional one; also `Default` when nothing
/// is required (what `new()` returns then).
fn parameter_struct(
    op: &ir::Operation,
    name: &str,
    doc: &[String],
    params: &[ir::Param],
    new_doc: String,
    features: Features,
) -> TokenStream {
    let name = types::ident(name);
    let doc = docs::outer(doc);
    let fields = params.iter().map(|p| {
        let field = types::ident(&p.rust_name);
        let ty = types::param_field(op, p);
        let doc = docs::outer(&docs::param(op, p));
        let slot = match types::held(op, p) {
            types::Held::List(_) => Slot::List,
            types::Held::One(_) if p.required => Slot::Required,
            types::Held::One(_) => Slot::Optional,
        };
        let wire = serde::field(features, &p.wire_name, slot);
        quote! { #doc #wire pub #field: #ty, }
    });
    let derives = if params.iter().any(|p| p.required) {
        quote!(#[derive(Debug, Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone, Default, PartialEq)])
    };
    // Required fields have no default; optional ones default one by one.
    let serde_derive = serde::derive(features, false);
    let derives = quote!(#derives #serde_derive);
    let new = constructor(op, params, new_doc);
    let setters = params
        .iter()
        .filter(|p| !p.required)
        .map(|p| setters(op, p));
    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #new
            #(#setters)*
        }
    }
}

/// `new()` taking the required fields in spec order; the others start empty.
fn constructor(op: &ir::Operation, params: &[ir::Param], summary: String) -> TokenStream {
    let required: Vec<&ir::Param> = params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let arg = types::ident(&p.rust_name);
        let ty = argument_type(op, p);
        quote! { #arg: #ty }
    });
    let inits = params.iter().map(|p| {
        let field = types::ident(&p.rust_name);
        if p.required && matches!(types::held(op, p), types::Held::One(_)) && !takes_into(p) {
            quote! { #field, }
        } else if p.required {
            let value = convert(op, p, quote!(#field));
            quote! { #field: #value, }
        } else {
            quote! { #field: ::std::default::Default::default(), }
        }
    });
    let mut doc = vec![summary];
    if !required.is_empty() {
        doc.push(String::new());
        for p in &required {
            doc.push(format!(
                "- `{}`: {}",
                naming::bare(&p.rust_name),
                docs::code(&p.wire_name)
            ));
        }
    }
    let doc = docs::outer(&doc);
    quote! {
        #doc
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits)* }
        }
    }
}

/// The conversion from an argument of [`argument_type`] to the stored value.
fn convert(op: &ir::Operation, p: &ir::Param, value: TokenStream) -> TokenStream {
    match types::held(op, p) {
        types::Held::List(
            ir::ParamValue::Scalar(ir::Scalar::String, _) | ir::ParamValue::Enum(_),
        ) => {
            quote!(#value.into_iter().map(::std::convert::Into::into).collect())
        }
        types::Held::List(_) => quote!(#value.into_iter().collect()),
        types::Held::One(_) if takes_into(p) => quote!(#value.into()),
        types::Held::One(_) => value,
    }
}

/// Strings and enums are taken as `impl Into<…>`.
fn takes_into(p: &ir::Param) -> bool {
    matches!(
        p.shape,
        ir::ParamShape::Single(
            ir::ParamValue::Scalar(ir::Scalar::String, _) | ir::ParamValue::Enum(_)
        )
    )
}

/// The argument type of a constructor argument or setter: lists take any iterator.
fn argument_type(op: &ir::Operation, p: &ir::Param) -> TokenStream {
    match types::held(op, p) {
        types::Held::List(item) => {
            let item = element_argument(op, item);
            quote!(impl ::std::iter::IntoIterator<Item = #item>)
        }
        types::Held::One(ty) if takes_into(p) => quote!(impl ::std::convert::Into<#ty>),
        types::Held::One(ty) => ty,
    }
}

/// The argument type of one list element (`push_…`, and the items of a list argument).
fn element_argument(op: &ir::Operation, item: &ir::ParamValue) -> TokenStream {
    let ty = types::param_value(op, item);
    match item {
        ir::ParamValue::Scalar(ir::Scalar::String, _) | ir::ParamValue::Enum(_) => {
            quote!(impl ::std::convert::Into<#ty>)
        }
        _ => ty,
    }
}

fn setters(op: &ir::Operation, p: &ir::Param) -> TokenStream {
    let field = types::ident(&p.rust_name);
    // Setters repeat the parameter's docs: they are what users read in their editor's completion.
    let mut lines = vec![format!("Sets {}.", docs::code(&p.wire_name)), String::new()];
    lines.extend(docs::param(op, p));
    let doc = docs::outer(&lines);
    let deprecated = p.docs.historic.as_ref().map(|h| {
        let note = format!("historic parameter: {h}");
        quote!(#[deprecated(note = #note)])
    });
    let ty = argument_type(op, p);
    let value = convert(op, p, quote!(value));
    let values = convert(op, p, quote!(values));
    match types::held(op, p) {
        types::Held::One(_) => quote! {
            #doc
            #deprecated
            pub fn #field(mut self, value: #ty) -> Self {
                self.#field = ::std::option::Option::Some(#value);
                self
            }
        },
        types::Held::List(item) => {
            let push = types::ident(&p.push_name);
            let push_doc = docs::outer(&[format!(
                "Appends one element to {}.",
                docs::code(&p.wire_name)
            )]);
            let item_ty = element_argument(op, item);
            let one = match item {
                ir::ParamValue::Scalar(ir::Scalar::String, _) | ir::ParamValue::Enum(_) => {
                    quote!(value.into())
                }
                _ => quote!(value),
            };
            quote! {
                #doc
                #deprecated
                pub fn #field(mut self, values: #ty) -> Self {
                    self.#field = #values;
                    self
                }

                #push_doc
                #deprecated
                pub fn #push(mut self, value: #item_ty) -> Self {
                    self.#field.push(#one);
                    self
                }
            }
        }
    }
}
