//! Crate-level entry points that need I/O, behind cargo features so the bindings stay light: the async
//! `Client` (feature `client`) with one method per operation, and the command-line tool's glue (feature `cli`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types;
use crate::ir;

/// `src/client.rs`: a typed client wrapping the runtime's transport.
pub fn client_module(service: &ir::Service) -> TokenStream {
    let methods = service.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let method = types::ident(&op.method_name);
        let request = types::ident(&op.request.rust_name);
        let response = types::ident(&op.structs[0].rust_name);
        let error = types::ident(&op.error_type);
        let doc = format!(" Calls `{}`: signs and sends the request, retries per the runtime's policy, and decodes the answer.", op.wire_name);
        quote! {
            #[doc = #doc]
            #[allow(clippy::result_large_err)] // the error is the rare path; variants hold the service error unboxed
            pub async fn #method(&self, request: crate::#module::#request) -> ::std::result::Result<crate::#module::#response, crate::#module::#error> {
                self.inner.call(&crate::#module::OPERATION, &request.to_params(), crate::#module::parse_response).await
            }
        }
    });
    quote! {
        #![doc = " The async client (feature `client`): one method per operation."]
        #![doc = ""]
        #![doc = " Build the transport with [`aliyun_rpc_runtime::client::Client`] (configuration, credentials, retry"]
        #![doc = " policy, timeouts) and wrap it: `Client::new(transport)`."]

        /// Typed client for this product's operations.
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::aliyun_rpc_runtime::client::Client,
        }

        impl Client {
            /// Wraps a configured transport.
            pub fn new(inner: ::aliyun_rpc_runtime::client::Client) -> Self {
                Self { inner }
            }

            /// The transport, with its configuration.
            pub fn transport(&self) -> &::aliyun_rpc_runtime::client::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

/// `src/cli.rs`: the operations as data plus the typed decoders, for the runtime's command-line tool.
pub fn cli_module(service: &ir::Service) -> TokenStream {
    let entries = service.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let response = types::ident(&op.structs[0].rust_name);
        quote! {
            ::aliyun_rpc_runtime::cli::CliOperation {
                spec: &crate::#module::SPEC,
                decode: ::aliyun_rpc_runtime::cli::decode_as::<crate::#module::#response>,
                outcome: |s, c, f, b| ::aliyun_rpc_runtime::cli::outcome(crate::#module::parse_response(s, c, f, b)),
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
        pub static OPERATIONS: &[::aliyun_rpc_runtime::cli::CliOperation] = &[#(#entries)*];

        /// Runs the command-line tool with the process arguments.
        pub fn main() -> ::std::process::ExitCode {
            ::aliyun_rpc_runtime::cli::main(#name, #about, crate::DEFAULT_REGION, OPERATIONS)
        }
    }
}
