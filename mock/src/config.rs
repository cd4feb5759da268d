//! What the mock accepts and which faults it injects.

use std::fmt;
use std::time::{Duration, SystemTime};

/// The parameter that names the instance an operation works on, unless configured otherwise.
pub const DEFAULT_INSTANCE_PARAM: &str = "InstanceId";

/// The documented error code answered for an unknown instance, unless configured otherwise.
pub const DEFAULT_INSTANCE_ERROR: &str = "NotExist.Instance";

/// The gateway's tolerance for clock skew in either direction.
const DEFAULT_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The largest request body read; a bigger one is answered with HTTP 413 instead of being buffered.
const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// How long a connection may take to send a request's head (request line and headers); a client that
/// connects and sends nothing, or trickles its headers, is cut off after this.
const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request's body may take to arrive once its head has; a client that stops half-way through
/// its body is cut off after this.
const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections served at once; further clients wait in the listen backlog until one closes.
const DEFAULT_MAX_CONNECTIONS: usize = 256;

/// The largest request head (request line plus headers) read; a larger one is answered with HTTP 431.
const DEFAULT_MAX_HEADER_BYTES: usize = 64 * 1024;

/// Faults injected for client tests, applied by the order in which requests arrive (counting from 1).
///
/// The first [`Self::close_first`] requests are dropped; of the requests after those, the first
/// [`Self::throttle_first`] are throttled; the rest are served normally. [`Self::close_always`] drops every
/// request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Faults {
    /// Answer this many requests with HTTP 400 `Throttling.User` ("Request was denied due to user flow
    /// control."), as the gateway does under flow control.
    pub throttle_first: u32,
    /// Add `Retry-After: <seconds>` to throttled answers (the gateway itself sends none).
    pub throttle_retry_after: Option<u32>,
    /// Read this many requests, then close their connection without answering.
    pub close_first: u32,
    /// Close every connection after reading its request, without answering.
    pub close_always: bool,
    /// Answer every request that passes all checks with the operation's documented error of this code
    /// (e.g. `InternalError`), so clients can be tested against each documented error.
    pub fail_with: Option<String>,
}

/// How the mock behaves: credentials, known instances, the clock and injected faults.
///
/// Built with [`MockConfig::new`] and the `with_*` methods; the fields are public for reading.
#[derive(Clone)]
#[non_exhaustive]
pub struct MockConfig {
    /// Accepted AccessKey pairs: `(AccessKeyId, AccessKeySecret)`.
    pub credentials: Vec<(String, String)>,
    /// Instance ids that exist; `None` turns the instance check off.
    pub known_instances: Option<Vec<String>>,
    /// The parameter checked against [`Self::known_instances`] (default [`DEFAULT_INSTANCE_PARAM`]).
    pub instance_param: String,
    /// The documented error answered for an unknown instance (default [`DEFAULT_INSTANCE_ERROR`]); an
    /// operation that documents no such error skips the check, as the real one would answer differently.
    pub instance_error: String,
    /// How far a request's timestamp may be from the mock's clock, either way (default 15 minutes).
    pub timestamp_window: Duration,
    /// The mock's clock (default [`SystemTime::now`]); tests fix it to check fixed timestamps.
    pub clock: fn() -> SystemTime,
    /// The `product` in the envelope's `Recommend` link; default: the first label of the operation's
    /// endpoint template (`outboundbot`).
    pub product: Option<String>,
    /// The largest request body accepted, in bytes (default 1 MiB).
    pub max_body_bytes: usize,
    /// The largest request head accepted, in bytes (default 64 KiB); larger gets HTTP 431.
    pub max_header_bytes: usize,
    /// How long a request's head may take to arrive (default 10 s); then the connection is closed. Applies
    /// to a connection that sends nothing at all, too.
    pub header_read_timeout: Duration,
    /// How long a request's body may take to arrive after its head (default 10 s); then the connection is
    /// closed without an answer.
    pub body_read_timeout: Duration,
    /// The most connections served at once (default 256); more wait until one closes, so slow or idle
    /// clients cannot exhaust the process's file descriptors.
    pub max_connections: usize,
    /// Faults to inject.
    pub faults: Faults,
    /// List operations served as pages: `(Action, total number of items)` (see [`Self::with_pages`]).
    pub pages: Vec<(String, u64)>,
}

impl MockConfig {
    /// No credentials (so every signed request fails until one is added), no instance check, a 15-minute
    /// window, the system clock, no faults.
    pub fn new() -> Self {
        Self {
            credentials: Vec::new(),
            known_instances: None,
            instance_param: DEFAULT_INSTANCE_PARAM.to_owned(),
            instance_error: DEFAULT_INSTANCE_ERROR.to_owned(),
            timestamp_window: DEFAULT_WINDOW,
            clock: SystemTime::now,
            product: None,
            max_body_bytes: DEFAULT_MAX_BODY,
            max_header_bytes: DEFAULT_MAX_HEADER_BYTES,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            faults: Faults::default(),
            pages: Vec::new(),
        }
    }

    /// Accepts the AccessKey pair `access_key_id` / `access_key_secret`.
    pub fn with_credential(
        mut self,
        access_key_id: impl Into<String>,
        access_key_secret: impl Into<String>,
    ) -> Self {
        self.credentials
            .push((access_key_id.into(), access_key_secret.into()));
        self
    }

    /// Adds a known instance id (and turns the instance check on).
    pub fn with_instance(mut self, instance_id: impl Into<String>) -> Self {
        self.known_instances
            .get_or_insert_with(Vec::new)
            .push(instance_id.into());
        self
    }

    /// Checks `name` instead of `InstanceId` against the known instances.
    pub fn with_instance_param(mut self, name: impl Into<String>) -> Self {
        self.instance_param = name.into();
        self
    }

    /// Answers unknown instances with the documented error `code` instead of `NotExist.Instance`.
    pub fn with_instance_error(mut self, code: impl Into<String>) -> Self {
        self.instance_error = code.into();
        self
    }

    /// Accepts timestamps at most `window` away from the clock.
    pub fn with_timestamp_window(mut self, window: Duration) -> Self {
        self.timestamp_window = window;
        self
    }

    /// Reads the time from `clock` instead of the system clock.
    pub fn with_clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.clock = clock;
        self
    }

    /// Names the product in `Recommend` links.
    pub fn with_product(mut self, product: impl Into<String>) -> Self {
        self.product = Some(product.into());
        self
    }

    /// Accepts bodies of at most `bytes`.
    pub fn with_max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Cuts off connections whose request head takes longer than `header` to arrive, or whose body takes
    /// longer than `body` after that.
    pub fn with_read_timeouts(mut self, header: Duration, body: Duration) -> Self {
        self.header_read_timeout = header;
        self.body_read_timeout = body;
        self
    }

    /// Serves at most `count` connections at once (at least one).
    pub fn with_max_connections(mut self, count: usize) -> Self {
        self.max_connections = count.max(1);
        self
    }

    /// Throttles the first `count` requests (after any closed ones).
    pub fn throttle_first(mut self, count: u32) -> Self {
        self.faults.throttle_first = count;
        self
    }

    /// Sends `Retry-After: <seconds>` with throttled answers.
    pub fn throttle_retry_after(mut self, seconds: u32) -> Self {
        self.faults.throttle_retry_after = Some(seconds);
        self
    }

    /// Drops the first `count` requests without answering.
    pub fn close_first(mut self, count: u32) -> Self {
        self.faults.close_first = count;
        self
    }

    /// Drops every request without answering.
    pub fn close_always(mut self) -> Self {
        self.faults.close_always = true;
        self
    }

    /// Answers valid requests with the operation's documented error `code` instead of its example (operations
    /// that do not document `code` answer normally).
    pub fn fail_with(mut self, code: impl Into<String>) -> Self {
        self.faults.fail_with = Some(code.into());
        self
    }

    /// Serves the list operation `action` as pages of `items` items in all, generated from its JSON
    /// example: the page number and size (or the token and `MaxResults`) the request sends select the page,
    /// and the answer's total (or next token) matches. Each item is a copy of the example's first list
    /// element with `#n` appended to its id (its first member ending in `Id`, else its first string), `n`
    /// counting from 1 over all pages. Only operations the generator found to page
    /// ([`OperationSpec::paging`](aliyun_rpc_runtime::operation::OperationSpec::paging)) are affected; the others answer
    /// with their example as always.
    pub fn with_pages(mut self, action: impl Into<String>, items: u64) -> Self {
        let action = action.into();
        self.pages.retain(|(a, _)| *a != action);
        self.pages.push((action, items));
        self
    }

    /// How many items `action` is served with as pages, if it is.
    pub(crate) fn pages_of(&self, action: &str) -> Option<u64> {
        self.pages
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, items)| *items)
    }

    /// The secret of `access_key_id`, if it is accepted.
    pub(crate) fn secret(&self, access_key_id: &str) -> Option<&str> {
        self.credentials
            .iter()
            .find(|(id, _)| id == access_key_id)
            .map(|(_, secret)| secret.as_str())
    }
}

impl Default for MockConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for MockConfig {
    /// Leaves the secrets out, like [`aliyun_rpc_runtime::credentials::Credentials`] does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.credentials.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("MockConfig")
            .field("access_key_ids", &ids)
            .field("known_instances", &self.known_instances)
            .field("instance_param", &self.instance_param)
            .field("instance_error", &self.instance_error)
            .field("timestamp_window", &self.timestamp_window)
            .field("product", &self.product)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_header_bytes", &self.max_header_bytes)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("body_read_timeout", &self.body_read_timeout)
            .field("max_connections", &self.max_connections)
            .field("faults", &self.faults)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}
