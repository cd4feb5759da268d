//! The reqwest side of the client: building the HTTP client (rustls with `ring`, no OpenSSL), sending one
//! signed request, and sorting reqwest's errors into [`TransportErrorKind`]s without leaking the URL.

use std::sync::Arc;
use std::time::Duration;

use rustls_platform_verifier::BuilderVerifierExt as _;

use super::{RawResponse, Timeouts};
use crate::transport_error::{TransportError, TransportErrorKind};

/// The `User-Agent` sent with every request.
const USER_AGENT: &str = concat!("aliyun-rpc-runtime/", env!("CARGO_PKG_VERSION"));

/// A reqwest client builder with this crate's settings: rustls over `ring` checking certificates against the
/// system's CA store, the connect timeout, no redirects (a signed RPC call is never redirected; following
/// one would send the request somewhere it was not signed for), HTTP/1.1.
pub(crate) fn http_client_builder(
    timeouts: &Timeouts,
) -> Result<reqwest::ClientBuilder, TransportError> {
    // The provider is chosen here rather than installed process-wide, so that this crate neither depends on
    // nor changes the application's rustls default.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| setup_error("no usable TLS protocol version", &err))?
        .with_platform_verifier()
        .map_err(|err| setup_error("cannot load the system's CA certificates", &err))?
        .with_no_client_auth();
    // reqwest leaves ALPN to a preconfigured TLS setup; only HTTP/1.1 is built in.
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];

    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(timeouts.connect)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT))
}

/// Builds the default reqwest client.
pub(crate) fn build_http_client(timeouts: &Timeouts) -> Result<reqwest::Client, TransportError> {
    http_client_builder(timeouts)?
        .build()
        .map_err(|err| setup_error("cannot build the HTTP client", &err))
}

fn setup_error(what: &str, err: &dyn std::error::Error) -> TransportError {
    TransportError::new(
        TransportErrorKind::Setup,
        format!("{what}: {}", error_chain(err)),
    )
    .with_attempts(0)
}

/// One attempt's failure, before the retry loop decides what to report.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) kind: TransportErrorKind,
    pub(crate) message: String,
}

impl Failure {
    /// Whether the failure is one that trying again may fix.
    pub(crate) fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io
        )
    }
}

/// Sends `request` with `timeout` for the whole exchange (connect, send, headers and body) and reads the full
/// answer, refusing a body of more than `max_body` bytes (by its `Content-Length` before reading, else
/// as soon as the bytes read pass the limit), so a huge or endless answer costs at most `max_body` bytes of
/// memory.
pub(crate) async fn execute(
    http: &reqwest::Client,
    request: http::Request<Vec<u8>>,
    timeout: Duration,
    max_body: usize,
) -> Result<RawResponse, Failure> {
    // Only scheme and authority go into messages: the V1 query carries the signature and the STS token.
    let target = match (request.uri().scheme_str(), request.uri().authority()) {
        (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
        _ => "the endpoint".to_owned(),
    };
    let mut request = reqwest::Request::try_from(request).map_err(|err| Failure {
        kind: TransportErrorKind::Build,
        message: format!(
            "cannot convert the request for {target}: {}",
            error_chain(&err.without_url())
        ),
    })?;
    *request.timeout_mut() = Some(timeout);

    let mut response = http
        .execute(request)
        .await
        .map_err(|err| classify(err, &target, timeout))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let too_large = |what: String| Failure {
        kind: TransportErrorKind::BodyTooLarge,
        message: format!(
            "the answer from {target} (HTTP {status}) {what}; this client reads at most {max_body} bytes (see `max_body_bytes`)"
        ),
    };
    if let Some(declared) = response.content_length()
        && declared > max_body as u64
    {
        return Err(too_large(format!("declares {declared} bytes")));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|err| classify(err, &target, timeout))?
    {
        if body.len() + chunk.len() > max_body {
            return Err(too_large(format!(
                "is longer ({} bytes received so far)",
                body.len() + chunk.len()
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse {
        status,
        headers,
        body,
        string_to_sign: None,
    })
}

/// Sorts a reqwest error into a kind, with a message that names the target but not the URL.
fn classify(err: reqwest::Error, target: &str, timeout: Duration) -> Failure {
    let err = err.without_url();
    let detail = error_chain(&err);
    let (kind, message) = if err.is_connect() {
        // A connect timeout is a connection failure: nothing reached the service.
        let what = if err.is_timeout() {
            "timed out connecting to"
        } else {
            "cannot connect to"
        };
        (
            TransportErrorKind::Connect,
            format!("{what} {target}: {detail}"),
        )
    } else if err.is_timeout() {
        (
            TransportErrorKind::Timeout,
            format!("no complete answer from {target} within {timeout:?}: {detail}"),
        )
    } else if err.is_builder() {
        (
            TransportErrorKind::Build,
            format!("cannot send the request to {target}: {detail}"),
        )
    } else {
        (
            TransportErrorKind::Io,
            format!("exchange with {target} failed: {detail}"),
        )
    };
    Failure { kind, message }
}

/// An error and its sources, `: `-joined, skipping a source whose text the previous one already ends with
/// (several layers repeat their inner error).
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.ends_with(&inner_text) {
            text.push_str(": ");
            text.push_str(&inner_text);
        }
        source = inner.source();
    }
    text
}
