//! A local mock of an Alibaba Cloud RPC service, for tests of generated clients and tools.
//!
//! The mock checks a request the way the gateway does, then answers from the operation's static description
//! ([`OperationSpec`]): the documented example response on success, the documented error (or the gateway's
//! own) otherwise, in the envelope the real service uses. It verifies what [`aliyun_rpc_runtime::request::build_request`]
//! produces and what the official SDKs send:
//!
//! - both signature schemes: V1 (`Signature` parameter, `HMAC-SHA1`, query and form parameters signed
//!   together) and V3 (`Authorization: ACS3-HMAC-SHA256 …`, signed headers, body hash);
//! - the timestamp window (±15 minutes by default) and nonce replay;
//! - `Action` / `Version`, required parameters, value types, repeat-list keys (`Name.N`, `Name.N.Field`);
//! - the instance parameter against a list of known instances, answered with the spec's documented
//!   `NotExist.Instance` error;
//! - faults for client tests: throttling (`Throttling.User`) and connections dropped without an answer;
//! - list operations served as pages ([`MockConfig::with_pages`]), so paginators can be tested end to end;
//! - the gateway's answers: its codes, statuses and messages for unknown AccessKeyIds, expired timestamps,
//!   reused nonces, throttling and missing or malformed parameters, in JSON or XML; a `SignatureDoesNotMatch`
//!   message ends with `server string to sign is:` and the string the mock signed, as the gateway's does.
//!
//! Resources are bounded, so a misbehaving client cannot hold the mock: request bodies
//! ([`MockConfig::max_body_bytes`], 1 MiB, HTTP 413) and heads ([`MockConfig::max_header_bytes`], 64 KiB,
//! HTTP 431); a head must arrive within [`MockConfig::header_read_timeout`] and a body within
//! [`MockConfig::body_read_timeout`] (10 s each; a client that sends nothing or half a body is cut off); at
//! most [`MockConfig::max_connections`] connections (256) are served at once, others wait in the listen
//! backlog; the replay cache forgets a nonce once its request has expired and holds at most 100,000.
//! `tests/load.rs` measures it under load and beside slow clients.
//!
//! Layout: [`MockService`] is the sans-IO core (an [`http::Request`] in, a [`MockOutcome`] out) so checks can
//! be tested without sockets; [`MockServer`] runs it over HTTP/1.1 on a tokio [`TcpListener`] (hyper) and
//! [`serve`] does the same in the foreground. Configuration is [`MockConfig`] and [`Faults`].
//!
//! Every rejection also carries an `x-mock-reason` header that says precisely what did not match (for
//! signatures: the string the mock signed), so a failing client test explains itself; the envelope keeps the
//! service's exact codes and messages.
//!
//! ```no_run
//! # async fn example(operations: &'static [&'static aliyun_rpc_runtime::operation::OperationSpec]) -> std::io::Result<()> {
//! use aliyun_rpc_mock::{MockConfig, MockServer};
//!
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let config = MockConfig::new()
//!     .with_credential("test-id", "test-secret")
//!     .with_instance("inst-1");
//! let server = MockServer::start(listener, operations, config)?;
//! // Point a client at `server.url()` …
//! assert_eq!(server.request_count(), 0);
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! [`OperationSpec`]: aliyun_rpc_runtime::operation::OperationSpec
//! [`TcpListener`]: tokio::net::TcpListener

mod check;
mod config;
mod envelope;
mod handler;
mod pages;
mod replay;
mod server;
mod verify;
mod wire;

#[cfg(test)]
mod tests;

pub use config::{DEFAULT_INSTANCE_ERROR, DEFAULT_INSTANCE_PARAM, Faults, MockConfig};
pub use handler::{MockOutcome, MockService};
pub use pages::DEFAULT_PAGE_SIZE;
pub use server::{MockServer, serve};
