//! Request structs: required parameters are constructor arguments (checked at compile time, no fallible
//! `build()`), optional ones chainable setters, repeat lists take any iterator and have a `push_` helper.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, types};
use crate::ir;
use crate::naming;

/// The request struct and its constructor and setters.
pub fn request(op: &ir::Operation) -> TokenStream {
    let name = types::ident(&op.request.rust_name);
    let doc = docs::outer(&[
        format!("Parameters of `{}`: {}", op.wire_name, docs::prose(&op.summary).join(" ")),
        String::new(),
        "Required parameters are arguments of [`Self::new`]; optional ones have chainable setters of the same name. Fields are public for reading and adjusting.".to_string(),
    ]);
    let fields = op.request.params.iter().map(|p| {
        let field = types::ident(&p.rust_name);
        let ty = types::param_field(op, p);
        let doc = docs::outer(&docs::param(op, p));
        quote! { #doc pub #field: #ty, }
    });
    let required: Vec<&ir::Param> = op.request.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let arg = types::ident(&p.rust_name);
        let ty = argument_type(op, p);
        quote! { #arg: #ty }
    });
    let inits = op.request.params.iter().map(|p| {
        let field = types::ident(&p.rust_name);
        if p.required {
            let value = convert(p, quote!(#field));
            quote! { #field: #value, }
        } else {
            quote! { #field: ::std::default::Default::default(), }
        }
    });
    let mut new_doc = vec![format!(
        "A `{}` request with its required parameters.",
        op.wire_name
    )];
    if !required.is_empty() {
        new_doc.push(String::new());
        for p in &required {
            new_doc.push(format!(
                "- `{}`: {}",
                naming::bare(&p.rust_name),
                docs::code(&p.wire_name)
            ));
        }
    }
    let new_doc = docs::outer(&new_doc);
    let setters = op
        .request
        .params
        .iter()
        .filter(|p| !p.required)
        .map(|p| setters(op, p));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #new_doc
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }

            #(#setters)*
        }
    }
}

/// A request-side object used in repeat lists: all fields optional, `new()` plus setters.
pub fn param_struct(op: &ir::Operation, s: &ir::ParamStruct) -> TokenStream {
    let name = types::ident(&s.rust_name);
    let doc = docs::outer(&docs::object(&s.docs, ""));
    let fields = s.fields.iter().map(|p| {
        let field = types::ident(&p.rust_name);
        let ty = types::param_field(op, p);
        let doc = docs::outer(&docs::param(op, p));
        quote! { #doc pub #field: #ty, }
    });
    let setters = s.fields.iter().map(|p| setters(op, p));
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// An element with no fields set.
            pub fn new() -> Self {
                Self::default()
            }

            #(#setters)*
        }
    }
}

/// `value.into()` where the argument type is `impl Into<…>`, `value` otherwise.
fn convert(p: &ir::Param, value: TokenStream) -> TokenStream {
    let (ir::ParamShape::Single(item) | ir::ParamShape::RepeatList { item, .. }) = &p.shape;
    match item {
        ir::ParamValue::Scalar(ir::Scalar::String, _) | ir::ParamValue::Enum(_) => {
            quote!(#value.into())
        }
        _ => value,
    }
}

/// The argument type of a constructor argument or single-value setter.
fn argument_type(op: &ir::Operation, p: &ir::Param) -> TokenStream {
    let (ir::ParamShape::Single(value) | ir::ParamShape::RepeatList { item: value, .. }) = &p.shape;
    match value {
        ir::ParamValue::Scalar(ir::Scalar::String, _) => {
            quote!(impl ::std::convert::Into<::std::string::String>)
        }
        ir::ParamValue::Enum(_) => {
            let ty = types::param_value(op, value);
            quote!(impl ::std::convert::Into<#ty>)
        }
        _ => types::param_value(op, value),
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
    let value = convert(p, quote!(value));
    match &p.shape {
        ir::ParamShape::Single(_) => quote! {
            #doc
            #deprecated
            pub fn #field(mut self, value: #ty) -> Self {
                self.#field = ::std::option::Option::Some(#value);
                self
            }
        },
        ir::ParamShape::RepeatList { .. } => {
            let push = types::ident(&p.push_name);
            let push_doc = docs::outer(&[format!(
                "Appends one element to {}.",
                docs::code(&p.wire_name)
            )]);
            let item_ty = match &p.shape {
                ir::ParamShape::RepeatList { item, .. } => types::param_value(op, item),
                ir::ParamShape::Single(_) => quote!(()),
            };
            quote! {
                #doc
                #deprecated
                pub fn #field<I>(mut self, values: I) -> Self
                where
                    I: ::std::iter::IntoIterator,
                    I::Item: ::std::convert::Into<#item_ty>,
                {
                    self.#field = values.into_iter().map(::std::convert::Into::into).collect();
                    self
                }

                #push_doc
                #deprecated
                pub fn #push(mut self, value: #ty) -> Self {
                    self.#field.push(#value);
                    self
                }
            }
        }
    }
}
