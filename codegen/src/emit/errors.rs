//! The operation's error type (a variant per documented code, one for any other code, and the ways an answer
//! can fail to be one) and `parse_response`, which turns an HTTP answer into `Result<Response, Error>`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, types};
use crate::ir;

/// The error enum, its conversions, and `parse_response`.
pub fn error_type(op: &ir::Operation) -> TokenStream {
    let name = types::ident(&op.error_type);
    let response = types::ident(&op.structs[0].rust_name);
    let variants = op.errors.iter().map(|e| {
        let variant = types::ident(&e.rust_name);
        let mut line = format!(
            "{} (HTTP {}): {}",
            docs::code(&e.code),
            e.http_status,
            docs::prose(&e.message).join(" ")
        );
        if !e.description.is_empty() {
            line.push(' ');
            line.push_str(&docs::prose(&e.description).join(" "));
        }
        let doc = docs::outer(&[line]);
        quote! { #doc #variant(::aliyun_rpc_runtime::response::ServiceError), }
    });
    let by_code = op.errors.iter().map(|e| {
        let variant = types::ident(&e.rust_name);
        let code = &e.code;
        quote! { #code => Self::#variant(error), }
    });
    let as_service = op.errors.iter().map(|e| {
        let variant = types::ident(&e.rust_name);
        quote! { Self::#variant(error) }
    });
    let doc = docs::outer(&[
        format!("Why a `{}` call did not return a [`{}`].", op.wire_name, op.structs[0].rust_name),
        String::new(),
        "Documented error codes have their own variant; any other code the service sends is [`Self::Service`]. Every service error carries the HTTP status, code, message, request id and the `Recommend` link when present.".to_string(),
    ]);
    let unsuccessful = unsuccessful(op, &response);
    let parse_doc = docs::outer(&[
        format!("Turns an HTTP answer to `{}` into the response or its error.", op.wire_name),
        String::new(),
        "A 2xx body is decoded in `format`; any other status is the service's error envelope (JSON or XML), or [`aliyun_rpc_runtime::response::UnexpectedBody`] with the status and a bounded excerpt when the body is not one.".to_string(),
        unsuccessful_note(op),
    ]);
    let check_success = op.envelope.as_ref().map(|_| {
        quote! {
            if let ::std::option::Option::Some(error) = response.unsuccessful() {
                return ::std::result::Result::Err(#name::from_service(error));
            }
        }
    });
    let root = &op.xml_root;
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// Any other error code the service answered with.
            Service(::aliyun_rpc_runtime::response::ServiceError),
            /// An error status whose body is not the service's error envelope (e.g. a proxy's HTML page).
            UnexpectedBody(::aliyun_rpc_runtime::response::UnexpectedBody),
            /// A success status whose body does not match the response type.
            Decode(::aliyun_rpc_runtime::decode::DecodeError),
            /// The request could not be sent or no answer arrived.
            Transport(::aliyun_rpc_runtime::transport_error::TransportError),
        }

        impl #name {
            /// Sorts a service error into its documented variant, or [`Self::Service`].
            pub fn from_service(error: ::aliyun_rpc_runtime::response::ServiceError) -> Self {
                match error.code.as_str() {
                    #(#by_code)*
                    _ => Self::Service(error),
                }
            }

            /// The service's error, for every variant that has one.
            pub fn service_error(&self) -> ::std::option::Option<&::aliyun_rpc_runtime::response::ServiceError> {
                match self {
                    #(#as_service)|* | Self::Service(error) => ::std::option::Option::Some(error),
                    _ => ::std::option::Option::None,
                }
            }

            /// The service's error code, when the service sent one.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.service_error().map(|e| e.code.as_str())
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Self::UnexpectedBody(e) => ::std::fmt::Display::fmt(e, f),
                    Self::Decode(e) => ::std::fmt::Display::fmt(e, f),
                    Self::Transport(e) => ::std::fmt::Display::fmt(e, f),
                    other => match other.service_error() {
                        ::std::option::Option::Some(e) => ::std::fmt::Display::fmt(e, f),
                        ::std::option::Option::None => f.write_str("unknown error"),
                    },
                }
            }
        }

        impl ::std::error::Error for #name {}

        impl ::std::convert::From<::aliyun_rpc_runtime::response::Failure> for #name {
            fn from(failure: ::aliyun_rpc_runtime::response::Failure) -> Self {
                match failure {
                    ::aliyun_rpc_runtime::response::Failure::Service(e) => Self::from_service(e),
                    ::aliyun_rpc_runtime::response::Failure::Unexpected(e) => Self::UnexpectedBody(e),
                    ::aliyun_rpc_runtime::response::Failure::Decode(e) => Self::Decode(e),
                }
            }
        }

        #unsuccessful

        #parse_doc
        #[allow(clippy::result_large_err)] // the error is the rare path; variants hold the service error unboxed
        pub fn parse_response(
            status: u16,
            content_type: ::std::option::Option<&str>,
            format: ::aliyun_rpc_runtime::Format,
            body: &[u8],
        ) -> ::std::result::Result<#response, #name> {
            let response: #response = ::aliyun_rpc_runtime::response::read_answer(status, content_type, format, body, #root)?;
            #check_success
            ::std::result::Result::Ok(response)
        }
    }
}

fn unsuccessful_note(op: &ir::Operation) -> String {
    match &op.envelope {
        Some(_) => format!(
            "An HTTP 200 answer whose body says `Success: false` is an error too (see [`{}::unsuccessful`]): a failed call is never an `Ok`.",
            op.structs[0].rust_name
        ),
        None => String::new(),
    }
}

/// `unsuccessful()` on the response when it has Alibaba's `Success` field.
fn unsuccessful(op: &ir::Operation, response: &proc_macro2::Ident) -> Option<TokenStream> {
    let env = op.envelope.as_ref()?;
    let success = types::ident(&env.success);
    let text = |field: &Option<String>| match field {
        Some(f) => {
            let f = types::ident(f);
            quote!(self.#f.clone())
        }
        None => quote!(::std::option::Option::None),
    };
    let code = text(&env.code);
    let message = text(&env.message);
    let request_id = text(&env.request_id);
    let status = match &env.http_status {
        Some(f) => {
            let f = types::ident(f);
            quote!(self.#f.and_then(|s| u16::try_from(s).ok()).unwrap_or(200))
        }
        None => quote!(200),
    };
    Some(quote! {
        impl #response {
            /// The service's error when the body says `Success: false` (the service does this with HTTP 200).
            /// Its status is the body's `HttpStatusCode` when present, else 200.
            pub fn unsuccessful(&self) -> ::std::option::Option<::aliyun_rpc_runtime::response::ServiceError> {
                if self.#success != ::std::option::Option::Some(false) {
                    return ::std::option::Option::None;
                }
                ::std::option::Option::Some(::aliyun_rpc_runtime::response::ServiceError {
                    status: #status,
                    code: #code.unwrap_or_default(),
                    message: #message.unwrap_or_default(),
                    request_id: #request_id,
                    host_id: ::std::option::Option::None,
                    recommend: ::std::option::Option::None,
                })
            }
        }
    })
}
