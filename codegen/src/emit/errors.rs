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
    let codes = op.errors.iter().map(|e| {
        let variant = types::ident(&e.rust_name);
        let code = &e.code;
        quote! { #variant = #code }
    });
    let doc = docs::outer(&[
        format!("Why a `{}` call did not return a [`{}`].", op.wire_name, op.structs[0].rust_name),
        String::new(),
        "Documented error codes have their own variant; any other code the service sends is [`Self::Service`]. Every service error carries the HTTP status, code, message, request id and the `Recommend` link when present.".to_string(),
        String::new(),
        unsuccessful_note(op),
    ]);
    let unsuccessful = unsuccessful(op, &response);
    let checked = op.envelope.as_ref().map(|_| quote!(checked));
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

        ::aliyun_rpc_runtime::operation_error!(#name for #response in #root { #(#codes),* } #checked);

        #unsuccessful
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
            quote!(self.#f.as_deref())
        }
        None => quote!(::std::option::Option::None),
    };
    let code = text(&env.code);
    let message = text(&env.message);
    let request_id = text(&env.request_id);
    let status = match &env.http_status {
        Some(f) => {
            let f = types::ident(f);
            quote!(self.#f.map(i64::from))
        }
        None => quote!(::std::option::Option::None),
    };
    Some(quote! {
        impl #response {
            /// The service's error when the body says `Success: false` (the service does this with HTTP 200).
            /// Its status is the body's `HttpStatusCode` when present, else 200.
            pub fn unsuccessful(&self) -> ::std::option::Option<::aliyun_rpc_runtime::response::ServiceError> {
                ::aliyun_rpc_runtime::support::unsuccessful(self.#success, #status, #code, #message, #request_id)
            }
        }
    })
}
