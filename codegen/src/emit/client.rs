//! Crate-level entry points that need I/O, behind cargo features so the bindings stay light: the async
//! `Client` (feature `client`) with one method per operation, and the command-line tool's glue (feature `cli`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, types};
use crate::ir;

/// `src/client.rs`: a typed client wrapping the runtime's transport, its one-line setup, and a paginator
/// per paging operation.
pub fn client_module(service: &ir::Service) -> TokenStream {
    let methods = service.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let method = types::ident(&op.method_name);
        let request = types::ident(&op.request.rust_name);
        let response = types::ident(&op.structs[0].rust_name);
        let error = types::ident(&op.error_type);
        let doc = format!(" Calls `{}`: signs and sends the request, retries per the runtime's policy, and decodes the answer.", op.wire_name);
        let paginator = op.paging.as_ref().map(|_| {
            let name = format_ident!("{}", crate::validate::paginator_method(&op.method_name));
            let doc = format!(
                " Pages through `{}`, from the page `request` asks for: a stream of pages, or of items with `.items()` (see [`Paginator`](::aliyun_rpc_runtime::client::Paginator) for when it stops).",
                op.wire_name
            );
            quote! {
                #[doc = #doc]
                pub fn #name(&self, request: crate::#module::#request) -> ::aliyun_rpc_runtime::client::Paginator<crate::#module::#request> {
                    self.inner.paginate(request)
                }
            }
        });
        quote! {
            #[doc = #doc]
            #[allow(clippy::result_large_err)] // the error is the rare path; variants hold the service error unboxed
            pub async fn #method(&self, request: crate::#module::#request) -> ::std::result::Result<crate::#module::#response, crate::#module::#error> {
                self.inner.call(&crate::#module::OPERATION, &request.to_params(), crate::#module::parse_response).await
            }

            #paginator
        }
    });
    let paginated = service
        .operations
        .iter()
        .filter_map(|op| Some(paginated(op, op.paging.as_ref()?)));
    let krate = service.crate_name.replace('-', "_");
    let builder_doc = format!(
        " Builds a [`Client`]: the runtime's [`ClientBuilder`](::aliyun_rpc_runtime::client::ClientBuilder) for this product ([`SERVICE`]), producing this crate's client. Region: the builder's, else `ALIBABA_CLOUD_REGION_ID`, else `{}`; endpoint: the builder's, else `ALIBABA_CLOUD_ENDPOINT`, else `{}` with the region; credentials: the default chain unless set.",
        service.default_region, service.endpoint
    );
    let from_env_doc = docs::outer(&[
        "The one-line setup: region from `ALIBABA_CLOUD_REGION_ID` (else the product's default region), endpoint".to_string(),
        "override from `ALIBABA_CLOUD_ENDPOINT`, credentials from the default chain (environment, OIDC role, CLI".to_string(),
        "profile, credentials file, ECS RAM role, credentials URI), asked once here so missing credentials fail now.".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("# async fn run() -> Result<(), {krate}::SetupError> {{"),
        format!("let client = {krate}::Client::from_env().await?;"),
        "# Ok(())".to_string(),
        "# }".to_string(),
        "```".to_string(),
    ]);
    let endpoint = &service.endpoint;
    let region = &service.default_region;
    let uses = service
        .operations
        .iter()
        .any(|op| op.paging.is_some())
        .then(|| {
            quote!(
                use ::aliyun_rpc_runtime::client::PageValue;
            )
        });
    quote! {
        #![doc = " The async client (feature `client`): one method per operation, a paginator per operation that pages."]
        #![doc = ""]
        #![doc = " Set it up from the environment with [`Client::from_env`], or with [`Client::builder`] (region, endpoint,"]
        #![doc = " credentials provider, signature version, format, retry policy, timeouts); or wrap a configured"]
        #![doc = " [`aliyun_rpc_runtime::client::Client`] with [`Client::new`]."]

        #uses

        /// This product's endpoint template and default region, for the runtime's client builder.
        pub const SERVICE: ::aliyun_rpc_runtime::client::ServiceInfo =
            ::aliyun_rpc_runtime::client::ServiceInfo::new(#endpoint, ::std::option::Option::Some(#region));

        #[doc = #builder_doc]
        pub type ClientBuilder = ::aliyun_rpc_runtime::client::ClientBuilder<Client>;

        /// Typed client for this product's operations. Cheap to clone; clones share connections.
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::aliyun_rpc_runtime::client::Client,
        }

        impl ::std::convert::From<::aliyun_rpc_runtime::client::Client> for Client {
            fn from(inner: ::aliyun_rpc_runtime::client::Client) -> Self {
                Self { inner }
            }
        }

        impl Client {
            /// Wraps a configured transport.
            pub fn new(inner: ::aliyun_rpc_runtime::client::Client) -> Self {
                Self { inner }
            }

            #from_env_doc
            pub async fn from_env() -> ::std::result::Result<Self, ::aliyun_rpc_runtime::client::SetupError> {
                Self::builder().load().await
            }

            /// A builder for this product's client (see [`ClientBuilder`]); `.build()` without I/O, or `.load().await`.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::with_service(SERVICE)
            }

            /// The transport, with its configuration.
            pub fn transport(&self) -> &::aliyun_rpc_runtime::client::Client {
                &self.inner
            }

            /// Pages through any paging operation's request (each has a `…_paginator` method too).
            pub fn paginate<R: ::aliyun_rpc_runtime::client::Paginated>(&self, request: R) -> ::aliyun_rpc_runtime::client::Paginator<R> {
                self.inner.paginate(request)
            }

            #(#methods)*
        }

        #(#paginated)*
    }
}

/// The Rust type of a response value named from outside its module (`crate::<module>::<Type>`).
fn qualified(op: &ir::Operation, ty: &ir::FieldType) -> TokenStream {
    let module = format_ident!("{}", op.module);
    match ty {
        ir::FieldType::Enum(_) | ir::FieldType::Object(_) => {
            let inner = types::field_value(op, ty);
            quote!(crate::#module::#inner)
        }
        ir::FieldType::Array(inner) => {
            let inner = qualified(op, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        ir::FieldType::Scalar(_) | ir::FieldType::Any => types::field_value(op, ty),
    }
}

/// `response.a.as_ref()?.b` (or `as_mut`): the last field of `path`, through the optional objects before it.
fn field_path(path: &[ir::FieldRef], mutable: bool) -> TokenStream {
    let mut expr = quote!(response);
    for (i, step) in path.iter().enumerate() {
        let field = types::ident(&step.rust_name);
        expr = if i + 1 == path.len() {
            quote!(#expr.#field)
        } else if mutable {
            quote!(#expr.#field.as_mut()?)
        } else {
            quote!(#expr.#field.as_ref()?)
        };
    }
    expr
}

/// `impl Paginated for <Request>`: one line per fact the runtime's paginator needs.
fn paginated(op: &ir::Operation, paging: &ir::Paging) -> TokenStream {
    let module = format_ident!("{}", op.module);
    let request = types::ident(&op.request.rust_name);
    let response = types::ident(&op.structs[0].rust_name);
    let error = types::ident(&op.error_type);
    let item = qualified(op, &paging.item);
    let items = field_path(&paging.items, true);
    let field = |index: usize| types::ident(&op.request.params[index].rust_name);
    let style = match &paging.style {
        ir::PagingStyle::PageNumber {
            number,
            size,
            first,
            total,
        } => {
            let first = proc_macro2::Literal::i64_unsuffixed(*first);
            let (number, size) = (field(*number), field(*size));
            let total = field_path(total, false);
            quote! {
                const PAGING: ::aliyun_rpc_runtime::client::Paging = ::aliyun_rpc_runtime::client::Paging::PageNumber { first: #first };

                fn page(&self) -> (::std::option::Option<i64>, ::std::option::Option<i64>) {
                    (PageValue::page_value(&self.#number), PageValue::page_value(&self.#size))
                }

                fn set_page(&mut self, number: i64) -> bool {
                    PageValue::set_page_value(&mut self.#number, number)
                }

                fn total(response: &Self::Response) -> ::std::option::Option<i64> {
                    PageValue::page_value(&#total)
                }
            }
        }
        ir::PagingStyle::Token {
            token, next_token, ..
        } => {
            let required = op.request.params[*token].required;
            let token = field(*token);
            let next = field_path(next_token, false);
            let store = if required {
                quote!(self.#token = token;)
            } else {
                quote!(self.#token = ::std::option::Option::Some(token);)
            };
            quote! {
                const PAGING: ::aliyun_rpc_runtime::client::Paging = ::aliyun_rpc_runtime::client::Paging::Token;

                fn next_token(response: &Self::Response) -> ::std::option::Option<&str> {
                    #next.as_deref()
                }

                fn set_token(&mut self, token: ::std::string::String) -> bool {
                    #store
                    true
                }
            }
        }
    };
    quote! {
        impl ::aliyun_rpc_runtime::client::Paginated for crate::#module::#request {
            type Response = crate::#module::#response;
            type Item = #item;
            type Error = crate::#module::#error;
            const OPERATION: &'static ::aliyun_rpc_runtime::request::OperationInfo = &crate::#module::OPERATION;
            const PARSE: ::aliyun_rpc_runtime::client::ParseFn<Self::Response, Self::Error> = crate::#module::parse_response;
            #style

            fn params(&self) -> ::aliyun_rpc_runtime::params::Params {
                self.to_params()
            }

            fn items(response: &mut Self::Response) -> ::std::option::Option<&mut ::std::vec::Vec<Self::Item>> {
                ::std::option::Option::Some(&mut #items)
            }
        }
    }
}

/// `src/cli.rs`: the operations as data plus the typed decoders, for the command-line tool (`aliyun-rpc-cli`).
pub fn cli_module(service: &ir::Service) -> TokenStream {
    let entries = service.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let response = types::ident(&op.structs[0].rust_name);
        quote! {
            ::aliyun_rpc_cli::CliOperation {
                spec: &crate::#module::SPEC,
                decode: ::aliyun_rpc_cli::decode_as::<crate::#module::#response>,
                outcome: |answer, format| ::aliyun_rpc_cli::outcome(answer, format, crate::#module::parse_response),
            },
        }
    });
    let name = &service.crate_name;
    let about = format!(
        "{} API {} (Alibaba Cloud) from the command line",
        service.product, service.version
    );
    quote! {
        #![doc = " The command-line tool's glue (feature `cli`): every operation as data, with its typed decoders."]

        /// Every operation of the product.
        pub static OPERATIONS: &[::aliyun_rpc_cli::CliOperation] = &[#(#entries)*];

        /// Runs the command-line tool with the process arguments.
        pub fn main() -> ::std::process::ExitCode {
            ::aliyun_rpc_cli::main(#name, #about, crate::DEFAULT_REGION, OPERATIONS)
        }
    }
}
