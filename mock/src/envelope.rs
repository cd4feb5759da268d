//! The answers the mock writes: the service's error envelope (JSON or XML) and the rejections behind it.
//!
//! Codes and messages are the gateway's own, byte for byte, since clients match on them; what exactly went
//! wrong goes into an `x-mock-reason` header instead of the envelope.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use http::{HeaderValue, Response, StatusCode};

use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::operation::ErrorSpec;
use aliyun_rpc_runtime::response::{SERVER_STRING_TO_SIGN, SIGNATURE_DOES_NOT_MATCH};
use aliyun_rpc_runtime::sign::percent;

/// The header that carries the mock's own explanation of a rejection.
pub(crate) const REASON_HEADER: &str = "x-mock-reason";

/// The header that carries the request id on every answer, as the service sends it.
pub(crate) const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// Longest `x-mock-reason` value written, so a huge request cannot make a huge header.
const REASON_LIMIT: usize = 4096;

/// Why a request is refused: the envelope's status, code and message, plus the mock's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reject {
    pub status: u16,
    pub code: Cow<'static, str>,
    pub message: Cow<'static, str>,
    /// Sent in `x-mock-reason` only.
    pub reason: String,
    /// `Retry-After` seconds, for throttling.
    pub retry_after: Option<u32>,
}

impl Reject {
    fn new(status: u16, code: &'static str, message: &'static str, reason: String) -> Self {
        Self {
            status,
            code: Cow::Borrowed(code),
            message: Cow::Borrowed(message),
            reason,
            retry_after: None,
        }
    }

    /// A required parameter (or signing header) is absent.
    pub fn missing(name: &str) -> Self {
        Self {
            message: Cow::Owned(format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            )),
            ..Self::new(400, "MissingParameter", "", format!("{name} is missing"))
        }
    }

    /// A parameter's value or key is not acceptable.
    pub fn invalid_parameter(name: &str, reason: String) -> Self {
        Self {
            message: Cow::Owned(format!("The specified parameter \"{name}\" is not valid.")),
            ..Self::new(400, "InvalidParameter", "", reason)
        }
    }

    /// The recomputed signature differs from the one sent. The message ends with the string the mock signed,
    /// after [`SERVER_STRING_TO_SIGN`], as the gateway's does: the official SDKs compare it with their own to
    /// tell a wrong secret from a signing bug (alibaba-cloud-sdk-go,
    /// `sdk/errors/signature_does_not_match_wrapper.go`).
    pub fn signature_mismatch(server_string_to_sign: &str, reason: String) -> Self {
        Self {
            message: Cow::Owned(format!(
                "Specified signature is not matched with our calculation. {SERVER_STRING_TO_SIGN}{server_string_to_sign}"
            )),
            ..Self::new(400, SIGNATURE_DOES_NOT_MATCH, "", reason)
        }
    }

    /// The request is signed in a way the gateway does not verify (wrong method, malformed header, …).
    pub fn incomplete_signature(reason: String) -> Self {
        Self::new(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards.",
            reason,
        )
    }

    /// The AccessKeyId is not one the mock accepts.
    pub fn unknown_access_key(access_key_id: &str) -> Self {
        Self::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
            format!("AccessKeyId {access_key_id:?} is not configured"),
        )
    }

    /// The timestamp is outside the window.
    pub fn expired(reason: String) -> Self {
        Self::new(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
            reason,
        )
    }

    /// The timestamp is not `YYYY-MM-DDThh:mm:ssZ`.
    pub fn timestamp_format(value: &str) -> Self {
        Self::new(
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted.",
            format!("{value:?} is not YYYY-MM-DDThh:mm:ssZ"),
        )
    }

    /// The nonce was seen before within the window.
    pub fn nonce_used(nonce: &str) -> Self {
        Self::new(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
            format!("nonce {nonce:?} was seen before"),
        )
    }

    /// No operation has this Action (or the request is not an RPC call at all).
    pub fn action_not_found(reason: String) -> Self {
        Self::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
            reason,
        )
    }

    /// The Action exists, but not in this Version.
    pub fn invalid_version(reason: String) -> Self {
        Self::new(
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
            reason,
        )
    }

    /// Flow control, as injected by [`super::Faults::throttle_first`].
    pub fn throttled(retry_after: Option<u32>) -> Self {
        Self {
            retry_after,
            ..Self::new(
                400,
                "Throttling.User",
                "Request was denied due to user flow control.",
                "injected fault: throttle_first".to_owned(),
            )
        }
    }

    /// The body is larger than [`super::MockConfig::max_body_bytes`].
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            413,
            "RequestTooLarge",
            "The request body is too large.",
            format!("the body exceeds {limit} bytes"),
        )
    }

    /// An error the operation documents, with its status, code and message.
    pub fn documented(error: &ErrorSpec, reason: String) -> Self {
        Self::new(error.http_status, error.code, error.message, reason)
    }
}

/// Per-answer values that are the same for success and error: where the envelope says it came from.
pub(crate) struct Context {
    pub request_id: String,
    pub host_id: String,
    pub format: Format,
    pub product: Option<String>,
}

impl Context {
    /// A `200 OK` with `body` (already in `self.format`).
    pub fn success(&self, body: Vec<u8>, format: Format) -> Response<Vec<u8>> {
        let mut response = Response::new(body);
        self.common_headers(&mut response, format);
        response
    }

    /// The error envelope for `reject`, in the requested format.
    pub fn error(&self, reject: &Reject) -> Response<Vec<u8>> {
        let recommend = self.recommend(&reject.code);
        let body = match self.format {
            Format::Json => self.json_envelope(reject, &recommend),
            Format::Xml => self.xml_envelope(reject, &recommend),
        };
        let mut response = Response::new(body.into_bytes());
        *response.status_mut() =
            StatusCode::from_u16(reject.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        self.common_headers(&mut response, self.format);
        let headers = response.headers_mut();
        if let Ok(reason) = HeaderValue::from_str(&header_text(&reject.reason)) {
            headers.insert(REASON_HEADER, reason);
        }
        if let Some(seconds) = reject.retry_after {
            headers.insert(http::header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }

    fn common_headers(&self, response: &mut Response<Vec<u8>>, format: Format) {
        let content_type = match format {
            Format::Json => "application/json",
            Format::Xml => "application/xml",
        };
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(content_type),
        );
        // The id is hex and dashes, always a valid header value.
        if let Ok(id) = HeaderValue::from_str(&self.request_id) {
            headers.insert(REQUEST_ID_HEADER, id);
        }
    }

    fn recommend(&self, code: &str) -> String {
        let mut url = format!(
            "https://api.aliyun.com/troubleshoot?q={}",
            percent::encode(code)
        );
        if let Some(product) = &self.product {
            url.push_str("&product=");
            url.push_str(&percent::encode(product));
        }
        url.push_str("&requestId=");
        url.push_str(&percent::encode(&self.request_id));
        url
    }

    fn json_envelope(&self, reject: &Reject, recommend: &str) -> String {
        // Field order as the service writes it; `Value::String`'s `Display` is infallible JSON quoting.
        let quote = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
        format!(
            "{{\"RequestId\":{},\"HostId\":{},\"Code\":{},\"Message\":{},\"Recommend\":{}}}",
            quote(&self.request_id),
            quote(&self.host_id),
            quote(&reject.code),
            quote(&reject.message),
            quote(recommend),
        )
    }

    fn xml_envelope(&self, reject: &Reject, recommend: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>{}</RequestId><HostId>{}</HostId>\
             <Code>{}</Code><Message>{}</Message><Recommend>{}</Recommend></Error>",
            xml_text(&self.request_id),
            xml_text(&self.host_id),
            xml_text(&reject.code),
            xml_text(&reject.message),
            xml_text(recommend),
        )
    }
}

/// Escapes text for an XML element's content, so the envelope is well-formed whatever a message quotes
/// from the request (a parameter's name, say, which may hold any character after percent-decoding).
///
/// Characters XML 1.0 cannot carry at all, raw or as a reference (C0 controls other than tab, LF and CR;
/// U+FFFE and U+FFFF), become U+FFFD, the runtime's `to_xml` policy; CR is written as `&#13;`, since a reader
/// turns a raw one into LF.
pub(crate) fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out
}

/// Makes `reason` a valid header value: printable ASCII with escapes (`\n`, `\u{…}`), at most
/// [`REASON_LIMIT`] bytes.
fn header_text(reason: &str) -> String {
    let mut text: String = reason.escape_default().collect();
    if text.len() > REASON_LIMIT {
        // Escaped text is ASCII, so any byte index is a character boundary.
        text.truncate(REASON_LIMIT);
        text.push_str("...");
    }
    text
}

/// A fresh request id shaped like the service's (`8-4-4-4-12` upper-case hex, UUID version 4).
///
/// Falls back to a process-wide counter if the operating system has no randomness, rather than failing the
/// answer over an id.
pub(crate) fn request_id() -> String {
    static FALLBACK: AtomicU64 = AtomicU64::new(1);
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        bytes[8..].copy_from_slice(&FALLBACK.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = aliyun_rpc_runtime::sign::lower_hex(&bytes).to_ascii_uppercase();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
