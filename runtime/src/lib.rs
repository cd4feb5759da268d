//! Hand-written runtime for generated Alibaba Cloud RPC bindings.
//!
//! Generated crates stay thin: every rule of the wire format that is the same for all operations lives here,
//! once, with its tests. Layout:
//!
//! - [`params`]: request parameters flattened to ordered `(key, value)` pairs (repeat lists, object lists).
//! - [`sign`]: Alibaba's percent-encoding and the two signature schemes (V1 `HMAC-SHA1`, V3
//!   `ACS3-HMAC-SHA256`), checked against the published test vectors.
//! - [`credentials`]: AccessKey credentials (optionally STS, with an expiry) whose secrets never show in
//!   `Debug` or errors, the [`credentials::ProvideCredentials`] trait, and (feature `client`) the official
//!   default chain: environment, OIDC role (RRSA), CLI profile, credentials file, ECS RAM role, credentials
//!   URI, plus `RamRoleArnProvider` and a refreshing cache.
//! - [`request`]: sans-IO building of a signed [`http::Request`] from an operation, its parameters and the
//!   client configuration.
//! - [`decode`]: response bodies (JSON, and XML via [`decode::xml`]) read into generated types, leniently and
//!   with field paths in errors.
//! - [`encode`]: generated types written back as JSON or XML.
//! - [`response`]: the service's error envelope and bodies that are not one.
//! - [`operation`]: static descriptions of operations for the command-line tool and the mock service.
//! - [`transport_error`]: failures to get an answer at all (connect, timeout, retries exhausted), for
//!   generated error types' `Transport` variant; always compiled.
//! - `client` (feature `client`): an async HTTP client (reqwest over rustls) that signs each attempt afresh,
//!   with timeouts, bounded retries with jittered exponential backoff, `tracing` spans per call and per
//!   attempt, and one-line setup from the environment (`Client::from_env`, `ClientBuilder`).
//! - [`wire_format`]: the wire facts all of this follows and cites (flattening, encoding, signatures with
//!   their published vectors, response quirks), shipped with the crate.
//!
//! The local mock service (`aliyun-rpc-mock`) and the command-line tool (`aliyun-rpc-cli`) are crates of
//! their own: test tooling and an application, built on this crate's public API.

pub mod decode;
pub mod encode;
pub mod operation;
pub mod params;
pub mod response;
pub mod support;

/// An untyped value: what a response field the spec does not type (`type: Any`) or an operation without a
/// response schema holds. JSON is kept as sent; XML elements become objects, repeated elements arrays and
/// text strings.
pub type Any = serde_json::Value;

/// The body format a response is requested in (`Format=JSON` or `Format=XML`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `application/json`, the service's default.
    #[default]
    Json,
    /// `application/xml`.
    Xml,
}

impl Format {
    /// The value of the `Format` common parameter.
    pub fn as_param(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }
}

#[cfg(feature = "client")]
pub mod client;
pub mod credentials;
pub mod request;
pub mod sign;
pub mod transport_error;
mod xml_chars;

#[doc = include_str!("../docs/wire-format.md")]
pub mod wire_format {}
