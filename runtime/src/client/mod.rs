//! An async HTTP client for the RPC gateway (feature `client`): signs every attempt afresh, sends it with
//! reqwest over rustls, and retries what is worth retrying.
//!
//! [`Client::send`] returns the service's answer as a [`RawResponse`] whatever its status, so that the
//! generated code turns error envelopes into typed errors; it returns a [`TransportError`] only when there is
//! no answer to give (no connection, a timeout, a broken connection) or the request could not be built.
//!
//! TLS is rustls with the `ring` provider and the operating system's CA certificates (no OpenSSL, no
//! native-tls). Redirects are not followed. The client is built on first use, so a missing CA store shows up
//! as a [`TransportErrorKind::Setup`] error from the first call.
//!
//! Retries follow [`RetryPolicy`]; timeouts [`Timeouts`]. In short, with the defaults: up to 3 retries with
//! jittered exponential backoff from 200 ms, none started after 20 s; each attempt has 30 s, connecting 5 s.
//!
//! # Setting up
//!
//! [`Client::from_env`] (or [`ClientBuilder`]) reads the region from `ALIBABA_CLOUD_REGION_ID`, an endpoint
//! override from `ALIBABA_CLOUD_ENDPOINT`, and credentials from the default chain
//! ([`crate::credentials::DefaultChain`]: environment, OIDC role, CLI profile, credentials file, ECS RAM role,
//! credentials URI), cached and renewed before they expire. So the same program runs against a local mock
//! or the real service by changing only its environment:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use aliyun_rpc_runtime::client::{Client, ClientBuilder, ServiceInfo};
//!
//! // A generated crate passes its product's endpoint and default region:
//! const OUTBOUNDBOT: ServiceInfo = ServiceInfo::new("outboundbot.{region}.aliyuncs.com", Some("cn-shanghai"));
//! let client = ClientBuilder::new(OUTBOUNDBOT).load().await?;
//!
//! // Without one, the region must come from the builder or ALIBABA_CLOUD_REGION_ID:
//! let client = Client::from_env().await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Tracing
//!
//! Each call is a `tracing` span `aliyun_rpc.call` (INFO; fields `action`, `version`, and when it ends
//! `attempts`, `status`, `request_id`), and each attempt a child span `aliyun_rpc.attempt` (DEBUG; `attempt`,
//! `status`, `request_id`, `code`, `error`, and before a retry `retry_reason` and `retry_delay_ms`). A
//! `retrying` DEBUG event marks each wait. Nothing secret is recorded: no URL (a V1 query carries the
//! signature and the STS token), no header, no credentials. Without a subscriber, all of it is silent.

mod builder;
pub mod paginate;
mod retry;
#[cfg(test)]
mod tests;
mod trace;
#[cfg(test)]
mod trace_tests;
pub(crate) mod transport;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub use builder::{ClientBuilder, ENDPOINT_VAR, REGION_VAR, ServiceInfo, SetupError};
pub use paginate::{Items, PageValue, Paginated, Paginator, Paging};
pub use retry::RetryPolicy;
use tracing::Instrument as _;
use tracing::field::Empty;

use self::retry::{Decision, jitter_random, parse_retry_after};
use self::transport::Failure;
use crate::credentials::{Credentials, ProvideCredentials};
use crate::params::Params;
use crate::request::{Config, OperationInfo, SigningInputs, build_request};
use crate::response::{SIGNATURE_DOES_NOT_MATCH, WithServiceError, is_retryable, parse_error};
use crate::transport_error::{TransportError, TransportErrorKind};

/// How long the client waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For a connection (TCP and TLS) to be made. Applies only to the HTTP client this crate builds; a
    /// client given with [`Client::with_http_client`] keeps its own.
    pub connect: Duration,
    /// For one whole attempt: connecting, sending, and receiving the full answer. Each retry gets its own.
    pub request: Duration,
}

impl Timeouts {
    /// 5 s to connect, 30 s for each attempt.
    pub const DEFAULT: Self = Self {
        connect: Duration::from_secs(5),
        request: Duration::from_secs(30),
    };
}

impl Default for Timeouts {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The service's answer, read in full: status, headers and body, whatever the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The body, as received.
    pub body: Vec<u8>,
    /// The string this client signed for the attempt that got this answer (see
    /// [`StringToSign`](crate::request::StringToSign)).
    pub string_to_sign: Option<String>,
}

impl RawResponse {
    /// The `Content-Type` header, when present and readable as text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Where the reqwest client comes from.
#[derive(Debug, Clone)]
enum Http {
    /// Given by the caller, used as it is.
    Supplied(reqwest::Client),
    /// Built by this crate on first use, with [`Timeouts::connect`]; shared by clones so they share the
    /// connection pool.
    Owned(Arc<OnceLock<reqwest::Client>>),
}

/// Sends signed RPC requests. Cheap to clone; clones share connections.
///
/// ```no_run
/// use aliyun_rpc_runtime::client::{Client, RetryPolicy};
/// use aliyun_rpc_runtime::credentials::Credentials;
/// use aliyun_rpc_runtime::params::{Location, Params};
/// use aliyun_rpc_runtime::request::{Config, OperationInfo};
///
/// const MODIFY_JOB_GROUP: OperationInfo = OperationInfo {
///     action: "ModifyJobGroup",
///     version: "2019-12-26",
///     method: "POST",
///     endpoint_template: "outboundbot.{region}.aliyuncs.com",
/// };
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = Client::new(Config::new("cn-shanghai"), Credentials::from_env()?)
///     .with_retry_policy(RetryPolicy { max_retries: 5, ..RetryPolicy::default() });
/// let mut params = Params::new();
/// params.push(Location::Query, "InstanceId", "inst-1");
/// let answer = client.send(&MODIFY_JOB_GROUP, &params).await?;
/// println!("HTTP {}: {}", answer.status, String::from_utf8_lossy(&answer.body));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    config: Config,
    credentials: Arc<dyn ProvideCredentials>,
    retry: RetryPolicy,
    timeouts: Timeouts,
    max_body_bytes: usize,
    http: Http,
}

/// The most bytes of an answer's body a [`Client`] reads unless told otherwise (16 MiB): far above any
/// OutboundBot answer, far below what would hurt a process. A larger body is a
/// [`TransportErrorKind::BodyTooLarge`] error.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// An operation's generated `parse_response`: `(status, content type, format, body)` → its outcome.
pub type ParseFn<R, E> = fn(u16, Option<&str>, crate::Format, &[u8]) -> Result<R, E>;

impl Client {
    /// A client for `config` signing with the fixed `credentials`, with the default [`RetryPolicy`] and
    /// [`Timeouts`]. Nothing is set up until the first call.
    pub fn new(config: Config, credentials: Credentials) -> Self {
        Self::from_provider(config, Arc::new(credentials))
    }

    /// A client for `config` that asks `provider` for credentials before every attempt. The provider is used
    /// as it is: wrap one that goes to the network in a
    /// [`CachedProvider`](crate::credentials::CachedProvider) (as [`ClientBuilder`] does).
    pub fn from_provider(config: Config, provider: Arc<dyn ProvideCredentials>) -> Self {
        Self {
            config,
            credentials: provider,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            http: Http::Owned(Arc::default()),
        }
    }

    /// Reads at most `bytes` of an answer's body (default [`DEFAULT_MAX_BODY_BYTES`]); a larger body is a
    /// [`TransportErrorKind::BodyTooLarge`] error, found from `Content-Length` before reading or as soon as
    /// the limit is passed, so memory stays bounded whatever the server sends.
    pub fn with_max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// The one-line setup: region from `ALIBABA_CLOUD_REGION_ID`, endpoint override from
    /// `ALIBABA_CLOUD_ENDPOINT`, credentials from the default chain (resolved once here, so a missing
    /// credential is reported now rather than at the first call). Generated crates call
    /// [`ClientBuilder::new`] with their [`ServiceInfo`] instead, which adds the product's default region.
    pub async fn from_env() -> Result<Self, SetupError> {
        ClientBuilder::new(ServiceInfo::default()).load().await
    }

    /// A builder for a client of `service`.
    pub fn builder(service: ServiceInfo) -> ClientBuilder {
        ClientBuilder::new(service)
    }

    /// Asks `provider` for credentials from now on (used as it is; see [`Client::from_provider`]).
    pub fn with_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = provider;
        self
    }

    /// The credentials provider.
    pub fn credentials_provider(&self) -> &Arc<dyn ProvideCredentials> {
        &self.credentials
    }

    /// Retries according to `policy` ([`RetryPolicy::none`] to never retry).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Waits according to `timeouts`.
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        if let Http::Owned(_) = self.http {
            // The connect timeout is part of the built client: build a new one (lazily) with it.
            self.http = Http::Owned(Arc::default());
        }
        self
    }

    /// Sends through `http` instead of a client this crate builds: for proxies, custom CA certificates,
    /// HTTP/2 or a shared connection pool. [`Timeouts::request`] still applies to each attempt;
    /// [`Timeouts::connect`] does not (set it on `http`). Redirects should be off on `http`.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Http::Supplied(http);
        self
    }

    /// The configuration requests are built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The timeouts in force.
    pub fn timeouts(&self) -> &Timeouts {
        &self.timeouts
    }

    /// Sends `params` for `op` and turns the answer into the operation's outcome with its generated
    /// `parse_response`; a transport failure becomes the operation error's `Transport` variant. Generated
    /// clients call this once per operation method.
    pub async fn call<R, E>(
        &self,
        op: &OperationInfo,
        params: &Params,
        parse: ParseFn<R, E>,
    ) -> Result<R, E>
    where
        E: From<TransportError> + WithServiceError,
    {
        let answer = self.send(op, params).await?;
        parse(
            answer.status,
            answer.content_type(),
            self.config().format,
            &answer.body,
        )
        .map_err(|mut error| {
            // Only the client knows what it signed: put it beside the gateway's for a signature mismatch.
            if let Some(service) = error.service_error_mut()
                && service.code == SIGNATURE_DOES_NOT_MATCH
            {
                service.client_string_to_sign = answer.string_to_sign.clone();
            }
            error
        })
    }

    /// Calls `op` with `params` and returns the service's answer, retrying as [`RetryPolicy`] says.
    ///
    /// - Any answer that is not worth retrying, success or error (`404 NotExist.Instance`, a signature
    ///   mismatch, …), is returned at once as `Ok`.
    /// - An answer worth retrying (429, 5xx, a throttling `Code`) is retried; when the retries run out the
    ///   last such answer is returned as `Ok`, so the caller sees the service's own error.
    /// - No answer at all (connection refused or closed, timeout) is retried; when the retries run out the
    ///   result is a [`TransportError`] of kind [`TransportErrorKind::RetriesExhausted`] (or, with
    ///   retries disabled, the failure's own kind) that says what the last attempt met.
    /// - A request that cannot be built (bad endpoint, no randomness for the nonce) is a
    ///   [`TransportErrorKind::Build`] error with nothing sent; a client that cannot be set up is
    ///   [`TransportErrorKind::Setup`]; a credentials provider that has nothing to give is
    ///   [`TransportErrorKind::Credentials`], not retried (a `CachedProvider` already serves credentials that
    ///   are still valid when a refresh fails).
    ///
    /// Every attempt asks the credentials provider (cached providers answer from memory until renewal is
    /// due) and is signed with a fresh nonce and timestamp: the gateway rejects a nonce it has seen.
    ///
    /// The call is traced as an `aliyun_rpc.call` span with an `aliyun_rpc.attempt` span per attempt (see
    /// the [module documentation](self)).
    pub async fn send(
        &self,
        op: &OperationInfo,
        params: &Params,
    ) -> Result<RawResponse, TransportError> {
        let span = tracing::info_span!(
            "aliyun_rpc.call",
            action = op.action,
            version = op.version,
            attempts = Empty,
            status = Empty,
            request_id = Empty,
        );
        let outcome = self
            .send_traced(op, params, &span)
            .instrument(span.clone())
            .await;
        match &outcome {
            Ok(answer) => {
                span.record("status", answer.status);
            }
            Err(err) => {
                span.record("attempts", err.attempts());
                tracing::debug!(parent: &span, error = %err, "call failed");
            }
        }
        outcome
    }

    async fn send_traced(
        &self,
        op: &OperationInfo,
        params: &Params,
        call_span: &tracing::Span,
    ) -> Result<RawResponse, TransportError> {
        let http_client = self.http_client()?;
        let started = Instant::now();
        // The most recent answer worth retrying, reported if later attempts end without one.
        let mut last_answer: Option<(u16, Option<String>)> = None;
        let mut attempts: u32 = 0;
        loop {
            let attempt_span = tracing::debug_span!(
                parent: call_span,
                "aliyun_rpc.attempt",
                attempt = attempts + 1,
                status = Empty,
                request_id = Empty,
                code = Empty,
                error = Empty,
                retry_reason = Empty,
                retry_delay_ms = Empty,
            );
            let credentials = self
                .credentials
                .provide()
                .instrument(attempt_span.clone())
                .await
                .map_err(|err| {
                    attempt_span.record("error", tracing::field::display(&err));
                    let mut error =
                        TransportError::new(TransportErrorKind::Credentials, err.to_string())
                            .with_attempts(attempts);
                    if let Some((status, code)) = &last_answer {
                        error = error.with_last_answer(*status, code.clone());
                    }
                    error
                })?;
            let inputs = SigningInputs::fresh()
                .map_err(|err| TransportError::from(err).with_attempts(attempts))?;
            let request = build_request(op, params, &self.config, &credentials, &inputs)
                .map_err(|err| TransportError::from(err).with_attempts(attempts))?;
            drop(credentials);
            attempts += 1;
            call_span.record("attempts", attempts);
            let string_to_sign = request
                .extensions()
                .get::<crate::request::StringToSign>()
                .map(|s| s.0.clone());
            let outcome = transport::execute(
                &http_client,
                request.into_inner(),
                self.timeouts.request,
                self.max_body_bytes,
            )
            .instrument(attempt_span.clone())
            .await
            .map(|mut answer| {
                answer.string_to_sign = string_to_sign;
                answer
            });

            let (retry_after, retry_reason, outcome) = match outcome {
                Ok(answer) => {
                    let code = self.error_code(&answer);
                    attempt_span.record("status", answer.status);
                    if let Some(code) = &code {
                        attempt_span.record("code", code.as_str());
                    }
                    // The body is scanned for the RequestId only when someone is listening.
                    if (!attempt_span.is_disabled() || !call_span.is_disabled())
                        && let Some(id) = trace::request_id(&answer)
                    {
                        attempt_span.record("request_id", id.as_str());
                        call_span.record("request_id", id.as_str());
                    }
                    if !is_retryable(answer.status, code.as_deref()) {
                        return Ok(answer);
                    }
                    let retry_after = answer
                        .headers
                        .get(http::header::RETRY_AFTER)
                        .and_then(|value| value.to_str().ok())
                        .and_then(parse_retry_after);
                    let reason = trace::answer_reason(answer.status, code.as_deref());
                    last_answer = Some((answer.status, code));
                    (retry_after, reason, Ok(answer))
                }
                Err(failure) if !failure.is_retryable() => {
                    attempt_span.record("error", failure.message.as_str());
                    // A request reqwest would not take was not sent: do not count it.
                    let sent = if failure.kind == TransportErrorKind::Build {
                        attempts - 1
                    } else {
                        attempts
                    };
                    return Err(self.failure_error(&failure, sent, &last_answer, None));
                }
                Err(failure) => {
                    attempt_span.record("error", failure.message.as_str());
                    let reason = failure.kind.to_string();
                    (None, reason, Err(failure))
                }
            };

            match self.retry.decide(
                attempts - 1,
                started.elapsed(),
                retry_after,
                jitter_random(),
            ) {
                Decision::Retry(wait) => {
                    let delay_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
                    attempt_span.record("retry_reason", retry_reason.as_str());
                    attempt_span.record("retry_delay_ms", delay_ms);
                    tracing::debug!(
                        parent: &attempt_span,
                        retry_reason = retry_reason.as_str(),
                        retry_delay_ms = delay_ms,
                        "retrying"
                    );
                    drop(attempt_span);
                    tokio::time::sleep(wait).await;
                }
                Decision::GiveUp(stop) => {
                    return match outcome {
                        Ok(answer) => Ok(answer),
                        Err(failure) => Err(self.failure_error(
                            &failure,
                            attempts,
                            &last_answer,
                            Some(stop.describe(&self.retry)),
                        )),
                    };
                }
            }
        }
    }

    /// The reqwest client: the one supplied, or this crate's, built on first use.
    fn http_client(&self) -> Result<reqwest::Client, TransportError> {
        match &self.http {
            Http::Supplied(http) => Ok(http.clone()),
            Http::Owned(cell) => {
                if let Some(http) = cell.get() {
                    return Ok(http.clone());
                }
                // Two tasks racing here both build; one result is kept, the other dropped. A failure is
                // not kept, so a later call tries again (e.g. after CA certificates are installed).
                let built = transport::build_http_client(&self.timeouts)?;
                Ok(cell.get_or_init(|| built).clone())
            }
        }
    }

    /// The error envelope's `Code` of an error answer, if it has one.
    fn error_code(&self, answer: &RawResponse) -> Option<String> {
        if answer.status < 400 {
            return None;
        }
        parse_error(
            answer.status,
            self.config.format,
            answer.content_type(),
            &answer.body,
        )
        .ok()
        .map(|err| err.code)
    }

    /// The error for a call that ended on `failure` after `attempts` attempts. `gave_up` is why the retries
    /// stopped, when the failure was retryable and retries were allowed.
    fn failure_error(
        &self,
        failure: &Failure,
        attempts: u32,
        last_answer: &Option<(u16, Option<String>)>,
        gave_up: Option<String>,
    ) -> TransportError {
        let mut err = match gave_up {
            Some(why) if self.retry.max_retries > 0 => TransportError::new(
                TransportErrorKind::RetriesExhausted,
                format!("{why}; last attempt: {}", failure.message),
            )
            .with_last_failure(failure.kind),
            _ => TransportError::new(failure.kind, failure.message.clone()),
        }
        .with_attempts(attempts);
        if let Some((status, code)) = last_answer {
            err = err.with_last_answer(*status, code.clone());
        }
        err
    }
}
