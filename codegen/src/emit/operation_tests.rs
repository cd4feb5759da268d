//! The generated test crate (`<crate>-tests`): four tests per operation, written from the spec, and a
//! paginator test per operation that pages.
//!
//! - `response_examples`: the JSON example decodes, round-trips through JSON and XML and loses nothing.
//! - `request_flattens`: a request built from the spec's example values gives exactly the pairs derived here
//!   from the spec's styles (`repeat_list` → `Name.1`, `flat` → `Name.Field`, `json` → one JSON text, …). The
//!   expected pairs are computed in this file from the IR, independently of the runtime's `Params` code that
//!   the generated `to_params` calls, so the test compares two derivations of the wire rules.
//! - `cli_round_trip`: the command-line tool, with one flag per parameter from the same values, calls the
//!   mock service and prints the example response back, in JSON and XML.
//! - `serde_round_trip`: the same request, the default response (typed ones) and the decoded JSON example
//!   go through `serde_json` and back unchanged (the bindings' `serde` feature).
//! - `tests/paginators.rs`: each paging operation's paginator against the mock serving it as pages.
//!
//! The checks themselves live once in the `aliyun-rpc-testkit` crate.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::types;
use crate::ir;

/// A sample value for a parameter, chosen from the spec's examples.
#[derive(Debug, Clone)]
pub(super) enum Sample {
    /// Text: strings, enum values and JSON-in-a-string.
    Text(String),
    /// `Integer` / `Long`.
    Int(i64),
    /// `Float` / `Double`.
    Float(f64),
    /// `Boolean`.
    Bool(bool),
    /// A request object: its struct and each field's sample.
    Object(usize, Vec<Sample>),
    /// A list: one element.
    List(Box<Sample>),
}

impl Sample {
    /// The value's text as a parameter (scalars only).
    fn wire(&self) -> String {
        match self {
            Sample::Text(t) => t.clone(),
            Sample::Int(i) => i.to_string(),
            Sample::Float(f) => f.to_string(),
            Sample::Bool(b) => b.to_string(),
            Sample::Object(..) | Sample::List(_) => String::new(),
        }
    }

    /// The value as JSON text (`style: json`), fields in spec order.
    fn json(&self, op: &ir::Operation) -> String {
        match self {
            Sample::Text(t) => serde_json::Value::String(t.clone()).to_string(),
            Sample::Int(_) | Sample::Float(_) | Sample::Bool(_) => self.wire(),
            Sample::List(item) => format!("[{}]", item.json(op)),
            Sample::Object(i, fields) => {
                let members: Vec<String> = op.param_structs[*i]
                    .fields
                    .iter()
                    .zip(fields)
                    .map(|(p, s)| {
                        format!(
                            "{}:{}",
                            serde_json::Value::String(p.wire_name.clone()),
                            s.json(op)
                        )
                    })
                    .collect();
                format!("{{{}}}", members.join(","))
            }
        }
    }
}

/// The sample for one value of `value`'s type, from `example` when it fits.
fn sample_value(
    op: &ir::Operation,
    value: &ir::ParamValue,
    example: Option<&str>,
    bounds: ir::Bounds,
    in_object: bool,
) -> Sample {
    let example = example.map(str::trim).filter(|e| !e.is_empty());
    match value {
        ir::ParamValue::Scalar(ir::Scalar::String, _) => {
            let text = example.unwrap_or("sample").to_string();
            // Object fields travel through the tool's `Field=value,…` syntax, which splits on commas.
            Sample::Text(if in_object {
                text.replace(',', ";")
            } else {
                text
            })
        }
        ir::ParamValue::Scalar(ir::Scalar::Integer | ir::Scalar::Long, _) => {
            let limit = if matches!(value, ir::ParamValue::Scalar(ir::Scalar::Integer, _)) {
                i64::from(i32::MAX)
            } else {
                i64::MAX
            };
            let fallback = bounds.minimum.map_or(1, |m| m as i64);
            let n = example
                .and_then(|e| e.parse::<i64>().ok())
                .filter(|n| n.abs() <= limit)
                .unwrap_or(fallback);
            Sample::Int(clamp(n as f64, bounds) as i64)
        }
        ir::ParamValue::Scalar(ir::Scalar::Float | ir::Scalar::Double, _) => {
            let n = example
                .and_then(|e| e.parse::<f64>().ok())
                .filter(|n| n.is_finite())
                .unwrap_or(1.5);
            Sample::Float(clamp(n, bounds))
        }
        ir::ParamValue::Scalar(ir::Scalar::Boolean, _) => {
            Sample::Bool(!example.is_some_and(|e| e.eq_ignore_ascii_case("false")))
        }
        ir::ParamValue::Enum(i) => {
            let variants = &op.enums[*i].variants;
            let known = example.filter(|e| variants.iter().any(|v| v.wire_name == *e));
            let first = variants.first().map_or("sample", |v| v.wire_name.as_str());
            Sample::Text(known.unwrap_or(first).to_string())
        }
        ir::ParamValue::Object(i) => object(op, *i),
    }
}

pub(super) fn clamp(n: f64, bounds: ir::Bounds) -> f64 {
    let n = bounds.minimum.map_or(n, |min| n.max(min));
    bounds.maximum.map_or(n, |max| n.min(max))
}

fn object(op: &ir::Operation, index: usize) -> Sample {
    let fields = op.param_structs[index]
        .fields
        .iter()
        .map(|p| sample(op, p, true))
        .collect();
    Sample::Object(index, fields)
}

/// The sample for a parameter (or a field of a request object).
pub(super) fn sample(op: &ir::Operation, p: &ir::Param, in_object: bool) -> Sample {
    let example = p.docs.example.as_deref();
    match &p.shape {
        ir::ParamShape::Single(v) => sample_value(op, v, example, p.bounds, in_object),
        ir::ParamShape::Flat(i) | ir::ParamShape::Json(ir::JsonValue::Object(i)) => object(op, *i),
        ir::ParamShape::RepeatList { item, .. }
        | ir::ParamShape::Json(ir::JsonValue::List { item, .. }) => {
            let example = p.item_example.as_deref();
            Sample::List(Box::new(sample_value(op, item, example, p.bounds, true)))
        }
    }
}

/// The pairs a parameter holding `s` must flatten to, by the wire rules (`shared` wire format, repeated here).
fn pairs(
    op: &ir::Operation,
    p: &ir::Param,
    s: &Sample,
    key: &str,
    out: &mut Vec<(String, String)>,
) {
    match (&p.shape, s) {
        (ir::ParamShape::Json(_), s) => out.push((key.to_string(), s.json(op))),
        (_, Sample::List(item)) => match item.as_ref() {
            Sample::Object(i, fields) => object_pairs(op, *i, fields, &format!("{key}.1"), out),
            scalar => out.push((format!("{key}.1"), scalar.wire())),
        },
        (_, Sample::Object(i, fields)) => object_pairs(op, *i, fields, key, out),
        (_, scalar) => out.push((key.to_string(), scalar.wire())),
    }
}

fn object_pairs(
    op: &ir::Operation,
    index: usize,
    fields: &[Sample],
    prefix: &str,
    out: &mut Vec<(String, String)>,
) {
    for (p, s) in op.param_structs[index].fields.iter().zip(fields) {
        pairs(op, p, s, &format!("{prefix}.{}", p.wire_name), out);
    }
}

/// The Rust expression for a sample, as an argument of `new()` or a setter.
pub(super) fn expr(op: &ir::Operation, module: &proc_macro2::Ident, s: &Sample) -> TokenStream {
    match s {
        Sample::Text(t) => quote!(#t),
        Sample::Int(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        Sample::Float(f) => {
            let lit = Literal::f64_unsuffixed(*f);
            quote!(#lit)
        }
        Sample::Bool(b) => quote!(#b),
        Sample::List(item) => {
            let item = expr(op, module, item);
            quote!([#item])
        }
        Sample::Object(i, fields) => {
            let s = &op.param_structs[*i];
            let name = types::ident(&s.rust_name);
            build(op, module, quote!(#module::#name), &s.fields, fields)
        }
    }
}

/// `Type::new(required…).optional(…)…` for a request or request object.
fn build(
    op: &ir::Operation,
    module: &proc_macro2::Ident,
    ty: TokenStream,
    params: &[ir::Param],
    samples: &[Sample],
) -> TokenStream {
    let required = params
        .iter()
        .zip(samples)
        .filter(|(p, _)| p.required)
        .map(|(_, s)| expr(op, module, s));
    let setters = params
        .iter()
        .zip(samples)
        .filter(|(p, _)| !p.required)
        .map(|(p, s)| {
            let setter = types::ident(&p.rust_name);
            let value = expr(op, module, s);
            quote!(.#setter(#value))
        });
    quote!(#ty::new(#(#required),*)#(#setters)*)
}

/// `--flag=value` arguments for the command-line tool.
fn flags(op: &ir::Operation, p: &ir::Param, s: &Sample, out: &mut Vec<String>) {
    let flag = &p.flag;
    // The tool's `Field=value,…` syntax covers single-valued fields only (see `operation_spec`).
    let field_list = |i: usize, fields: &[Sample]| -> String {
        op.param_structs[i]
            .fields
            .iter()
            .zip(fields)
            .filter(|(f, _)| {
                matches!(
                    f.shape,
                    ir::ParamShape::Single(ir::ParamValue::Scalar(..) | ir::ParamValue::Enum(_))
                )
            })
            .map(|(f, s)| format!("{}={}", f.wire_name, s.wire()))
            .collect::<Vec<_>>()
            .join(",")
    };
    match (&p.shape, s) {
        (ir::ParamShape::Json(_), s) => out.push(format!("--{flag}={}", s.json(op))),
        (_, Sample::List(item)) => match item.as_ref() {
            Sample::Object(i, fields) => out.push(format!("--{flag}={}", field_list(*i, fields))),
            scalar => out.push(format!("--{flag}={}", scalar.wire())),
        },
        (_, Sample::Object(i, fields)) => out.push(format!("--{flag}={}", field_list(*i, fields))),
        (_, scalar) => out.push(format!("--{flag}={}", scalar.wire())),
    }
}

/// The tests of one operation.
fn operation_tests(service: &ir::Service, op: &ir::Operation) -> TokenStream {
    let krate = format_ident!("{}", service.crate_name.replace('-', "_"));
    let module = format_ident!("{}", op.module);
    let alias = format_ident!("op");
    let request = types::ident(&op.request.rust_name);
    let response = types::ident(&op.structs[0].rust_name);
    let samples: Vec<Sample> = op
        .request
        .params
        .iter()
        .map(|p| sample(op, p, false))
        .collect();
    let built = build(
        op,
        &alias,
        quote!(#alias::#request),
        &op.request.params,
        &samples,
    );
    let (mut query, mut form) = (Vec::new(), Vec::new());
    let mut args = vec![op.command.clone()];
    for (p, s) in op.request.params.iter().zip(&samples) {
        let target = match p.location {
            ir::Location::Query => &mut query,
            ir::Location::Form => &mut form,
        };
        pairs(op, p, s, &p.wire_name, target);
        flags(op, p, s, &mut args);
    }
    let pair_tokens = |list: &[(String, String)]| {
        let items = list.iter().map(|(k, v)| quote!((#k, #v)));
        quote!(&[#(#items),*])
    };
    let query = pair_tokens(&query);
    let form = pair_tokens(&form);
    // An untyped response is its body: the default one (no body) reads back with `{}` as its body.
    let default = op.structs[0]
        .body
        .is_none()
        .then(|| quote!(super::serde_round_trip(&#alias::#response::default());));
    let example = op.examples.response_json.is_some().then(|| {
        quote! {
            let response = #alias::#response::from_json(#alias::EXAMPLE_RESPONSE_JSON.as_bytes())
                .expect("the example decodes");
            super::serde_round_trip(&response);
        }
    });
    quote! {
        mod #module {
            use #krate::#module as #alias;

            #[test]
            fn response_examples() {
                aliyun_rpc_testkit::response_examples::<#alias::#response>(&#alias::SPEC);
            }

            #[test]
            fn request_flattens() {
                let request = #built;
                aliyun_rpc_testkit::flattens(&request.to_params(), #query, #form);
            }

            #[test]
            fn cli_round_trip() {
                aliyun_rpc_testkit::cli_round_trip::<#alias::#response>(
                    &super::tool(),
                    #krate::OPERATIONS,
                    &#alias::SPEC,
                    &[#(#args),*],
                );
            }

            #[test]
            fn serde_round_trip() {
                super::serde_round_trip(&#built);
                #default
                #example
            }
        }
    }
}

/// `tests/every_operation.rs` of the test crate.
pub fn every_operation(service: &ir::Service) -> TokenStream {
    let krate = format_ident!("{}", service.crate_name.replace('-', "_"));
    let name = &service.crate_name;
    let modules = service
        .operations
        .iter()
        .map(|op| operation_tests(service, op));
    quote! {
        #![allow(deprecated)] // historic parameters are set too: their setters are deprecated

        /// `value` through JSON text and back: equal.
        fn serde_round_trip<T>(value: &T)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let text = serde_json::to_string(value).expect("serializes");
            let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            assert_eq!(&back, value, "{text}");
        }

        fn tool() -> aliyun_rpc_cli::Tool<'static> {
            aliyun_rpc_cli::Tool {
                name: #name,
                about: "tests",
                default_region: #krate::DEFAULT_REGION,
                operations: #krate::cli::OPERATIONS,
            }
        }

        #(#modules)*
    }
}

/// Items the mock serves each paging operation with in `tests/paginators.rs`.
const PAGED_ITEMS: i64 = 25;
/// The page size those tests ask for (clamped into the parameter's bounds).
const PAGE_SIZE: i64 = 10;
/// The mock's page size when the request sets none (`aliyun_rpc_mock::DEFAULT_PAGE_SIZE`).
const MOCK_PAGE_SIZE: i64 = 10;

/// `tests/paginators.rs` of the test crate: every operation the paging rule matched, paged through by its
/// generated paginator against the mock serving it as pages, from the first page to the last and no further.
/// `None` when no operation pages.
pub fn paginators(service: &ir::Service) -> Option<TokenStream> {
    let krate = format_ident!("{}", service.crate_name.replace('-', "_"));
    let tests: Vec<TokenStream> = service
        .operations
        .iter()
        .filter_map(|op| Some(paginator_test(&krate, op, op.paging.as_ref()?)))
        .collect();
    if tests.is_empty() {
        return None;
    }
    Some(quote! {
        #![allow(deprecated)] // historic parameters are set too: their setters are deprecated

        use aliyun_rpc_runtime::credentials::{Credentials, Environment};
        use aliyun_rpc_mock::{MockConfig, MockServer};

        const ID: &str = "paginator-test-id";
        const SECRET: &str = "paginator-test-secret";

        async fn mock(action: &str, items: u64) -> MockServer {
            let config = MockConfig::new().with_credential(ID, SECRET).with_pages(action, items);
            MockServer::bind_loopback(#krate::OPERATIONS, config).await.expect("the mock binds on loopback")
        }

        /// A client of the mock that reads nothing from the process environment.
        fn client(server: &MockServer) -> #krate::Client {
            #krate::Client::builder()
                .env(Environment::from_pairs([("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")]))
                .endpoint(server.url())
                .credentials(Credentials::new(ID, SECRET))
                .build()
                .expect("the client builds")
        }

        #(#tests)*
    })
}

fn paginator_test(
    krate: &proc_macro2::Ident,
    op: &ir::Operation,
    paging: &ir::Paging,
) -> TokenStream {
    let module = format_ident!("{}", op.module);
    let alias = format_ident!("op");
    let request = types::ident(&op.request.rust_name);
    let samples: Vec<Sample> = op
        .request
        .params
        .iter()
        .map(|p| sample(op, p, false))
        .collect();
    let built = build(
        op,
        &alias,
        quote!(#alias::#request),
        &op.request.params,
        &samples,
    );
    let assign = |index: usize, value: TokenStream| {
        let p = &op.request.params[index];
        let field = types::ident(&p.rust_name);
        if p.required {
            quote!(request.#field = #value;)
        } else {
            quote!(request.#field = ::std::option::Option::Some(#value);)
        }
    };
    let size_of = |index: usize| clamp(PAGE_SIZE as f64, op.request.params[index].bounds) as i64;
    let (setup, per_page) = match &paging.style {
        ir::PagingStyle::PageNumber {
            number,
            size,
            first,
            ..
        } => {
            let per_page = size_of(*size);
            let first = Literal::i64_unsuffixed(*first);
            let set_number = assign(*number, quote!(#first));
            let size_lit = Literal::i64_unsuffixed(per_page);
            let set_size = assign(*size, quote!(#size_lit));
            (quote!(#set_number #set_size), per_page)
        }
        ir::PagingStyle::Token {
            token, max_results, ..
        } => {
            let p = &op.request.params[*token];
            let field = types::ident(&p.rust_name);
            let clear = if p.required {
                quote!(request.#field = ::std::string::String::new();)
            } else {
                quote!(request.#field = ::std::option::Option::None;)
            };
            match max_results {
                Some(index) => {
                    let per_page = size_of(*index);
                    let lit = Literal::i64_unsuffixed(per_page);
                    let set = assign(*index, quote!(#lit));
                    (quote!(#clear #set), per_page)
                }
                None => (clear, MOCK_PAGE_SIZE),
            }
        }
    };
    let pages = (PAGED_ITEMS + per_page - 1) / per_page;
    let pages = Literal::u64_unsuffixed(pages as u64);
    let items = Literal::u64_unsuffixed(PAGED_ITEMS as u64);
    let action = &op.wire_name;
    let paginator = format_ident!("{}", crate::validate::paginator_method(&op.method_name));
    quote! {
        #[tokio::test]
        async fn #module() {
            use #krate::#module as #alias;
            let server = mock(#action, #items).await;
            let mut request = #built;
            #setup
            let mut items = client(&server).#paginator(request).items();
            let mut count = 0u64;
            while let Some(item) = items.next_item().await {
                item.expect("every page decodes");
                count += 1;
            }
            assert_eq!(count, #items, "every item, once");
            assert_eq!(server.request_count(), #pages, "one request per page, none after the last");
            server.shutdown().await;
        }
    }
}
