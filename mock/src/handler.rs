//! The sans-IO core: one request in, one answer (or a dropped connection) out.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use http::{Method, Request, Response};

use super::check;
use super::config::MockConfig;
use super::envelope::{Context, Reject, request_id};
use super::pages;
use super::replay::NonceCache;
use super::verify::{Authenticated, authenticate};
use super::wire::Incoming;
use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::operation::OperationSpec;

/// What the mock does with one request.
#[derive(Debug)]
pub enum MockOutcome {
    /// Send this answer.
    Respond(Response<Vec<u8>>),
    /// Close the connection without answering (an injected fault).
    Close,
}

/// The mock service without a transport: verifies requests and builds answers.
///
/// Shared by every connection of a [`super::MockServer`]; also usable directly, e.g. on the output of
/// [`aliyun_rpc_runtime::request::build_request`].
#[derive(Debug)]
pub struct MockService {
    operations: &'static [&'static OperationSpec],
    config: MockConfig,
    requests: AtomicU64,
    nonces: Mutex<NonceCache>,
}

impl MockService {
    /// A service answering for `operations` as `config` says.
    pub fn new(operations: &'static [&'static OperationSpec], config: MockConfig) -> Self {
        Self {
            operations,
            config,
            requests: AtomicU64::new(0),
            nonces: Mutex::new(NonceCache::default()),
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &MockConfig {
        &self.config
    }

    /// How many requests have arrived so far, including refused and dropped ones.
    pub fn request_count(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// Handles one request. The URI may be absolute (as [`aliyun_rpc_runtime::request::build_request`] makes it) or
    /// origin-form (as a server receives it); only its path and query are read.
    pub fn handle<B: AsRef<[u8]>>(&self, request: &Request<B>) -> MockOutcome {
        self.handle_parts(
            request.method(),
            request.uri(),
            request.headers(),
            request.body().as_ref(),
        )
    }

    /// [`Self::handle`] on a request's parts, so the server need not rebuild a request around the body.
    pub(crate) fn handle_parts(
        &self,
        method: &Method,
        uri: &http::Uri,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> MockOutcome {
        let number = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        let faults = &self.config.faults;
        let closed = u64::from(faults.close_first);
        if faults.close_always || number <= closed {
            return MockOutcome::Close;
        }

        let request = Incoming::new(method, uri.path(), uri.query(), headers, body);
        let mut context = self.context(&request);
        if number <= closed + u64::from(faults.throttle_first) {
            return MockOutcome::Respond(
                context.error(&Reject::throttled(faults.throttle_retry_after)),
            );
        }

        let mut found = None;
        let outcome = self.process(&request, &mut found);
        if self.config.product.is_none()
            && let Some(product) = found.and_then(product_of)
        {
            context.product = Some(product);
        }
        let injected = |op: &OperationSpec| {
            let code = faults.fail_with.as_deref()?;
            op.error(code)
                .map(|e| Reject::documented(e, "injected by MockConfig::fail_with".to_owned()))
        };
        MockOutcome::Respond(match outcome {
            Ok(op) => match injected(op) {
                Some(reject) => context.error(&reject),
                None => match self.paged(op, &request) {
                    Some(Ok(body)) => paged_success(&context, op, &body),
                    Some(Err(reject)) => context.error(&reject),
                    None => success(&context, op),
                },
            },
            Err(reject) => context.error(&reject),
        })
    }

    /// Answers a request whose body exceeded [`MockConfig::max_body_bytes`] (HTTP 413), counting it.
    pub(crate) fn too_large(
        &self,
        method: &Method,
        uri: &http::Uri,
        headers: &http::HeaderMap,
    ) -> MockOutcome {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let request = Incoming::new(method, uri.path(), uri.query(), headers, &[]);
        let context = self.context(&request);
        MockOutcome::Respond(context.error(&Reject::too_large(self.config.max_body_bytes)))
    }

    /// A fresh request id, and where the answer says it comes from: the `Host` the client used, and the
    /// configured product or else the first operation's (a mock normally serves one product; once the
    /// request's operation is known, [`Self::handle_parts`] uses its product instead).
    fn context(&self, request: &Incoming<'_>) -> Context {
        Context {
            request_id: request_id(),
            host_id: request
                .header("host")
                .unwrap_or_else(|| "localhost".to_owned()),
            format: request.format(),
            product: self
                .config
                .product
                .clone()
                .or_else(|| self.operations.first().and_then(|op| product_of(op))),
        }
    }

    /// Every check, in the gateway's order; the operation answered on success. `found` is set as soon as the
    /// operation is known, so errors after that point can name its product.
    fn process(
        &self,
        request: &Incoming<'_>,
        found: &mut Option<&'static OperationSpec>,
    ) -> Result<&'static OperationSpec, Reject> {
        if request.path != "/" || !matches!(*request.method, Method::GET | Method::POST) {
            return Err(Reject::action_not_found(format!(
                "RPC calls are GET or POST on /, not {} {}",
                request.method, request.path
            )));
        }
        let now = (self.config.clock)();
        let auth = authenticate(request, &self.config, now)?;
        self.remember_nonce(&auth, now)?;
        let op = self.operation(&auth.action, &auth.version)?;
        *found = Some(op);
        check::params(op, request)?;
        check::instance(op, request, &self.config)?;
        Ok(op)
    }

    fn remember_nonce(
        &self,
        auth: &Authenticated,
        now: std::time::SystemTime,
    ) -> Result<(), Reject> {
        // A panic elsewhere while holding the lock leaves the cache consistent (every update is a single
        // insert or remove), so a poisoned lock is used as is rather than failing every later request.
        let mut nonces = self
            .nonces
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if nonces.insert(&auth.access_key_id, &auth.nonce, auth.expires, now) {
            Ok(())
        } else {
            Err(Reject::nonce_used(&auth.nonce))
        }
    }

    fn operation(&self, action: &str, version: &str) -> Result<&'static OperationSpec, Reject> {
        let mut versions = Vec::new();
        for op in self.operations {
            if op.info.action == action {
                if op.info.version == version {
                    return Ok(op);
                }
                versions.push(op.info.version);
            }
        }
        if versions.is_empty() {
            Err(Reject::action_not_found(format!(
                "no operation named {action:?}"
            )))
        } else {
            Err(Reject::invalid_version(format!(
                "{action} exists in version(s) {}, not {version:?}",
                versions.join(", ")
            )))
        }
    }
}

impl MockService {
    /// The page `request` asks for, when `op` is served as pages ([`MockConfig::with_pages`]).
    fn paged(
        &self,
        op: &OperationSpec,
        request: &Incoming<'_>,
    ) -> Option<Result<serde_json::Value, Reject>> {
        let items = self.config.pages_of(op.info.action)?;
        let paging = op.paging.as_ref()?;
        let example = op.example_json?;
        Some(pages::page(example, paging, items, request))
    }
}

/// A generated page in the requested format (XML the way [`success`] converts the JSON example).
fn paged_success(
    context: &Context,
    op: &OperationSpec,
    body: &serde_json::Value,
) -> Response<Vec<u8>> {
    let (format, text) = match context.format {
        Format::Json => (Format::Json, body.to_string()),
        Format::Xml => (
            Format::Xml,
            aliyun_rpc_runtime::encode::to_xml(body, op.xml_root),
        ),
    };
    context.success(text.into_bytes(), format)
}

/// The first label of the operation's endpoint template: `outboundbot` for `outboundbot.{region}.aliyuncs.com`.
fn product_of(op: &OperationSpec) -> Option<String> {
    op.info
        .endpoint_template
        .split('.')
        .next()
        .filter(|label| !label.is_empty())
        .map(str::to_owned)
}

/// The documented example in the requested format. Asked for XML when only the JSON example is documented
/// (the metadata has JSON demos only), the JSON example converted the way the service renders XML: members
/// become elements, arrays repeated elements. The XML example when only that one is documented; a body with
/// just the `RequestId` when neither is.
fn success(context: &Context, op: &OperationSpec) -> Response<Vec<u8>> {
    let (format, body) = match (context.format, op.example_json, op.example_xml) {
        (Format::Xml, _, Some(xml)) | (Format::Json, None, Some(xml)) => {
            (Format::Xml, xml.to_owned())
        }
        (Format::Xml, Some(json), None) => match serde_json::from_str::<serde_json::Value>(json) {
            Ok(value) => (
                Format::Xml,
                aliyun_rpc_runtime::encode::to_xml(&value, op.xml_root),
            ),
            Err(_) => (Format::Json, json.to_owned()),
        },
        (_, Some(json), _) => (Format::Json, json.to_owned()),
        (Format::Xml, None, None) => (
            Format::Xml,
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root}><RequestId>{id}</RequestId></{root}>",
                root = op.xml_root,
                id = context.request_id
            ),
        ),
        (Format::Json, None, None) => (
            Format::Json,
            format!("{{\"RequestId\":\"{}\"}}", context.request_id),
        ),
    };
    context.success(body.into_bytes(), format)
}
