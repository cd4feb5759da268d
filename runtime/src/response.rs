//! Turning an HTTP answer into an outcome: the service's error envelope, and bodies that are not one.
//!
//! Alibaba answers errors with HTTP 4xx/5xx and a body like
//! `{"RequestId":"…","HostId":"…","Code":"NotExist.Instance","Message":"…","Recommend":"…"}` (XML: the same
//! fields in an `<Error>` element). Generated error types wrap [`ServiceError`] in a variant per documented
//! code. A body that is not the envelope (a proxy's HTML page, an empty body) is an [`UnexpectedBody`] that
//! keeps the status and a bounded excerpt.

use std::fmt;

use crate::Format;
use crate::decode::xml::parse_document;

/// Most bytes of an unexpected body kept for the error message.
pub const EXCERPT_LIMIT: usize = 512;

/// Most bytes of an error envelope's `Message` kept in a [`ServiceError`]; longer messages are cut at a
/// character boundary and end with `…`. Large enough for the gateway's `SignatureDoesNotMatch` message,
/// which quotes the whole string it signed; small enough that a hostile 2 MB message costs nothing.
pub const MESSAGE_LIMIT: usize = 16 * 1024;

/// Most bytes kept of the envelope's other fields (`Code`, `RequestId`, `HostId`, `Recommend`).
pub const FIELD_LIMIT: usize = 512;

/// `text` cut to at most `limit` bytes at a character boundary, with `…` appended when something was cut.
pub fn bounded(mut text: String, limit: usize) -> String {
    if text.len() > limit {
        let mut cut = limit;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// An error answer from the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// HTTP status of the answer (for `Success: false` answers: the body's `HttpStatusCode` when present).
    pub status: u16,
    /// The `Code`, e.g. `NotExist.Instance`.
    pub code: String,
    /// The `Message`.
    pub message: String,
    /// The `RequestId`, to quote to support.
    pub request_id: Option<String>,
    /// The `HostId`.
    pub host_id: Option<String>,
    /// The `Recommend` link to the diagnosis page, when the service sends one.
    pub recommend: Option<String>,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {}: {}", self.status, self.code, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId {id})")?;
        }
        if let Some(link) = &self.recommend {
            write!(f, " see {link}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// An answer whose body is neither the expected response nor the error envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedBody {
    /// HTTP status.
    pub status: u16,
    /// The `Content-Type` header, when present.
    pub content_type: Option<String>,
    /// At most [`EXCERPT_LIMIT`] bytes of the body (lossy UTF-8).
    pub excerpt: String,
    /// Why it was not understood.
    pub reason: String,
}

impl UnexpectedBody {
    /// Describes `body` with a bounded excerpt.
    pub fn new(
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
        reason: impl Into<String>,
    ) -> Self {
        let cut = &body[..body.len().min(EXCERPT_LIMIT)];
        let mut excerpt = String::from_utf8_lossy(cut).into_owned();
        if body.len() > EXCERPT_LIMIT {
            excerpt.push('…');
        }
        Self {
            status,
            content_type: content_type.map(str::to_string),
            excerpt,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for UnexpectedBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {}: unexpected response body ({})",
            self.status, self.reason
        )?;
        if let Some(ct) = &self.content_type {
            write!(f, ", content-type {ct}")?;
        }
        write!(f, ": {:?}", self.excerpt)
    }
}

impl std::error::Error for UnexpectedBody {}

/// Reads the error envelope from an error answer. JSON and XML are both tried, format first, since gateways
/// sometimes answer in JSON whatever was asked.
pub fn parse_error(
    status: u16,
    format: Format,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<ServiceError, UnexpectedBody> {
    let order = match format {
        Format::Json => [Format::Json, Format::Xml],
        Format::Xml => [Format::Xml, Format::Json],
    };
    for f in order {
        let fields = match f {
            Format::Json => json_fields(body),
            Format::Xml => xml_fields(body),
        };
        if let Some(fields) = fields
            && let Some(code) = fields.code
        {
            return Ok(ServiceError {
                status,
                code,
                message: fields.message.unwrap_or_default(),
                request_id: fields.request_id,
                host_id: fields.host_id,
                recommend: fields.recommend,
            });
        }
    }
    Err(UnexpectedBody::new(
        status,
        content_type,
        body,
        "not the service's error envelope (no `Code`)",
    ))
}

#[derive(Default)]
struct EnvelopeFields {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    host_id: Option<String>,
    recommend: Option<String>,
}

impl EnvelopeFields {
    /// Keeps a field, bounded: [`MESSAGE_LIMIT`] for `Message`, [`FIELD_LIMIT`] for the others.
    fn set(&mut self, name: &str, value: String) {
        let limit = if name == "Message" {
            MESSAGE_LIMIT
        } else {
            FIELD_LIMIT
        };
        let value = bounded(value, limit);
        match name {
            "Code" => self.code = Some(value),
            "Message" => self.message = Some(value),
            "RequestId" => self.request_id = Some(value),
            "HostId" => self.host_id = Some(value),
            "Recommend" => self.recommend = Some(value),
            _ => {}
        }
    }
}

fn json_fields(body: &[u8]) -> Option<EnvelopeFields> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let map = value.as_object()?;
    let mut fields = EnvelopeFields::default();
    for (k, v) in map {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => continue,
        };
        fields.set(k, text);
    }
    Some(fields)
}

fn xml_fields(body: &[u8]) -> Option<EnvelopeFields> {
    // The root is `<Error>`; any root is accepted so an `<XxxResponse>` carrying a Code works too.
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find('<')?;
    let rest = &text[start + 1..];
    let name_end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
    let root = &rest[..name_end];
    if root.starts_with('?') || root.starts_with('!') {
        // A declaration or comment first: find the first real element.
        let after = text[start..]
            .find("?>")
            .or_else(|| text[start..].find("-->"))?;
        return xml_fields(&body[start + after + 2..]);
    }
    let element = parse_document(body, root).ok()?;
    let mut fields = EnvelopeFields::default();
    for child in &element.children {
        fields.set(&child.name, child.text.clone());
    }
    Some(fields)
}

/// True for codes and statuses that mean "try again later" (throttling, service unavailable).
pub fn is_retryable(status: u16, code: Option<&str>) -> bool {
    let throttled = code.is_some_and(|c| c.starts_with("Throttling") || c == "ServiceUnavailable");
    throttled || status == 429 || (500..=599).contains(&status) && status != 501
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_envelope() {
        let body = br#"{"RequestId":"R1","HostId":"outboundbot.cn-shanghai.aliyuncs.com","Code":"NotExist.Instance","Message":"The specified Instance does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=NotExist.Instance"}"#;
        let e = parse_error(404, Format::Json, Some("application/json"), body).unwrap();
        assert_eq!(e.status, 404);
        assert_eq!(e.code, "NotExist.Instance");
        assert_eq!(e.message, "The specified Instance does not exist.");
        assert_eq!(e.request_id.as_deref(), Some("R1"));
        assert_eq!(
            e.host_id.as_deref(),
            Some("outboundbot.cn-shanghai.aliyuncs.com")
        );
        assert_eq!(
            e.recommend.as_deref(),
            Some("https://api.aliyun.com/troubleshoot?q=NotExist.Instance")
        );
        assert_eq!(
            e.to_string(),
            "HTTP 404 NotExist.Instance: The specified Instance does not exist. (RequestId R1) see https://api.aliyun.com/troubleshoot?q=NotExist.Instance"
        );
    }

    #[test]
    fn xml_envelope_with_declaration() {
        let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><RequestId>R2</RequestId><Code>InternalError</Code><Message>An error occurred.</Message></Error>";
        let e = parse_error(500, Format::Xml, None, body).unwrap();
        assert_eq!(
            (e.code.as_str(), e.message.as_str(), e.request_id.as_deref()),
            ("InternalError", "An error occurred.", Some("R2"))
        );
        assert_eq!(e.recommend, None);
    }

    #[test]
    fn json_answer_to_an_xml_request_still_parses() {
        let e = parse_error(
            400,
            Format::Xml,
            None,
            br#"{"Code":"Throttling.User","Message":"slow down"}"#,
        )
        .unwrap();
        assert_eq!(e.code, "Throttling.User");
    }

    #[test]
    fn html_page_is_unexpected_with_bounded_excerpt() {
        let mut body = b"<html><body>502 Bad Gateway</body></html>".to_vec();
        body.extend(std::iter::repeat_n(b'x', 2000));
        let e = parse_error(502, Format::Json, Some("text/html"), &body).unwrap_err();
        assert_eq!(e.status, 502);
        assert_eq!(e.content_type.as_deref(), Some("text/html"));
        assert!(e.excerpt.starts_with("<html><body>502 Bad Gateway"));
        assert_eq!(e.excerpt.chars().count(), EXCERPT_LIMIT + 1);
        assert!(
            e.to_string()
                .starts_with("HTTP 502: unexpected response body")
        );
        assert!(parse_error(503, Format::Json, None, b"").is_err());
    }

    #[test]
    fn huge_envelope_fields_are_bounded() {
        let message = "é".repeat(1024 * 1024); // 2 MB
        let code = "C".repeat(10_000);
        let body = format!(r#"{{"Code":"{code}","Message":"{message}","RequestId":"R"}}"#);
        let e = parse_error(400, Format::Json, None, body.as_bytes()).unwrap();
        // 16 KiB of two-byte characters, then the ellipsis (3 bytes).
        assert_eq!(e.message.len(), MESSAGE_LIMIT + '…'.len_utf8());
        assert!(e.message.ends_with("éé…"));
        assert_eq!(e.code.len(), FIELD_LIMIT + 3);
        assert_eq!(e.request_id.as_deref(), Some("R"));
        let xml = format!("<Error><Code>X</Code><Message>{message}</Message></Error>");
        let e = parse_error(400, Format::Xml, None, xml.as_bytes()).unwrap();
        assert_eq!(e.message.len(), MESSAGE_LIMIT + 3);
    }

    #[test]
    fn bounded_cuts_at_a_character_boundary() {
        assert_eq!(bounded("abc".into(), 3), "abc");
        assert_eq!(bounded("abcd".into(), 3), "abc…");
        // 'é' is two bytes: a cut at byte 3 falls inside the second one.
        assert_eq!(bounded("ééé".into(), 3), "é…");
    }

    #[test]
    fn retryable() {
        assert!(is_retryable(400, Some("Throttling.User")));
        assert!(is_retryable(503, None));
        assert!(is_retryable(429, None));
        assert!(!is_retryable(404, Some("NotExist.Instance")));
        assert!(!is_retryable(400, Some("MissingParameter")));
    }
}

/// Why an answer is not the expected response (transport errors aside).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The service answered with its error envelope.
    Service(ServiceError),
    /// An error status whose body is not the envelope.
    Unexpected(UnexpectedBody),
    /// A success status whose body does not match the response type.
    Decode(crate::decode::DecodeError),
}

/// Reads an HTTP answer: a 2xx body decodes into `T` (`format`, XML root `xml_root`); any other status is the
/// service's error envelope, or an [`UnexpectedBody`] when the body is not one.
// Errors are the rare path and are returned once per call; boxing them would only cost callers a deref.
#[allow(clippy::result_large_err)]
pub fn read_answer<T: crate::decode::FromNode>(
    status: u16,
    content_type: Option<&str>,
    format: Format,
    body: &[u8],
    xml_root: &str,
) -> Result<T, Failure> {
    if (200..300).contains(&status) {
        crate::decode::from_body(format, body, xml_root).map_err(Failure::Decode)
    } else {
        Err(match parse_error(status, format, content_type, body) {
            Ok(e) => Failure::Service(e),
            Err(e) => Failure::Unexpected(e),
        })
    }
}
