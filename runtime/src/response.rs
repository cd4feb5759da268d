//! Turning an HTTP answer into an outcome: the service's error envelope, and bodies that are not one.
//!
//! Alibaba answers errors with HTTP 4xx/5xx and a body like
//! `{"RequestId":"…","HostId":"…","Code":"NotExist.Instance","Message":"…","Recommend":"…"}` (XML: the same
//! fields in an `<Error>` element). Generated error types wrap [`ServiceError`] in a variant per documented
//! code. A body that is not the envelope (a proxy's HTML page, an empty body) is an [`UnexpectedBody`] that
//! keeps the status and a bounded excerpt.

use std::fmt;

use crate::Format;
use crate::decode;

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
    /// For `SignatureDoesNotMatch`: the string this client signed, set by the client beside the server's
    /// (which the gateway quotes in the message after [`SERVER_STRING_TO_SIGN`]).
    pub client_string_to_sign: Option<String>,
}

/// The code of a signature the gateway computed differently.
pub const SIGNATURE_DOES_NOT_MATCH: &str = "SignatureDoesNotMatch";

/// What precedes the gateway's own string to sign in a `SignatureDoesNotMatch` message: `Specified
/// signature is not matched with our calculation. server string to sign is:POST&%2F&…`. The official SDKs
/// read it there (alibaba-cloud-sdk-go, `sdk/errors/signature_does_not_match_wrapper.go`: equal strings mean
/// a wrong AccessKey secret, different ones a bug in the signer).
pub const SERVER_STRING_TO_SIGN: &str = "server string to sign is:";

impl ServiceError {
    /// The gateway's string to sign, quoted in a `SignatureDoesNotMatch` message.
    pub fn server_string_to_sign(&self) -> Option<&str> {
        if self.code != SIGNATURE_DOES_NOT_MATCH {
            return None;
        }
        self.message
            .split_once(SERVER_STRING_TO_SIGN)
            .map(|(_, rest)| rest)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {}: {}", self.status, self.code, self.message)?;
        if let Some(ours) = &self.client_string_to_sign {
            write!(f, "; client string to sign is:{ours}")?;
            match self.server_string_to_sign() {
                Some(theirs) if theirs == ours => f.write_str(
                    " (the same as the server's: the AccessKey secret is wrong)",
                )?,
                Some(_) => f.write_str(
                    " (differs from the server's: the request was changed after signing, or canonicalised differently)",
                )?,
                None => {}
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId {id})")?;
        }
        if let Some(link) = &self.recommend {
            write!(f, " see {link}")?;
        }
        Ok(())
    }
}

/// An error type that may carry a [`ServiceError`]: lets the client add what only it knows (its string to
/// sign) to the error an operation's `parse_response` made. Implemented by `operation_error!`.
pub trait WithServiceError {
    /// The service error inside, if any.
    fn service_error_mut(&mut self) -> Option<&mut ServiceError>;
}

impl WithServiceError for ServiceError {
    fn service_error_mut(&mut self) -> Option<&mut ServiceError> {
        Some(self)
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
                client_string_to_sign: None,
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
    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "Code" => &mut self.code,
            "Message" => &mut self.message,
            "RequestId" => &mut self.request_id,
            "HostId" => &mut self.host_id,
            "Recommend" => &mut self.recommend,
            _ => return None,
        })
    }
}

/// The envelope's fields are read leniently: a string or a number is kept as text, anything else is ignored
/// (an error answer is reported as well as it can be, never rejected for a field's shape). Each is kept
/// bounded: [`MESSAGE_LIMIT`] for `Message`, [`FIELD_LIMIT`] for the others.
impl decode::Object for EnvelopeFields {
    fn decode_field<'de, A: decode::MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut A,
        cx: decode::Cx<'_>,
    ) -> Result<(), A::Error> {
        let limit = if name == "Message" {
            MESSAGE_LIMIT
        } else {
            FIELD_LIMIT
        };
        let Some(slot) = self.slot(name) else {
            return decode::skip_value(map);
        };
        match map.next_value_seed(decode::Seed::<serde_json::Value>::new(cx))? {
            Some(serde_json::Value::String(s)) => *slot = Some(bounded(s, limit)),
            Some(serde_json::Value::Number(n)) => *slot = Some(bounded(n.to_string(), limit)),
            _ => {}
        }
        Ok(())
    }
}

impl decode::Decode for EnvelopeFields {
    fn decode<'de, D: decode::Deserializer<'de>>(
        de: D,
        cx: decode::Cx<'_>,
    ) -> Result<Option<Self>, D::Error> {
        decode::decode_object(de, cx)
    }
}

fn json_fields(body: &[u8]) -> Option<EnvelopeFields> {
    decode::from_json(body).ok()
}

/// The root is `<Error>`; any root is accepted so an `<XxxResponse>` carrying a Code works too. A
/// declaration, comments or a DOCTYPE before it are skipped by the reader.
fn xml_fields(body: &[u8]) -> Option<EnvelopeFields> {
    decode::xml::decode_document(body, None).ok().flatten()
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
    fn xml_envelope_after_comments_doctype_pis_and_bom() {
        let bodies: [&[u8]; 3] = [
            b"<!-- c --><Error><Code>C</Code><Message>m</Message></Error>",
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?><!DOCTYPE Error><!-- a ?> b --><?pi?><Error><Code>C</Code></Error>",
            b"<Error><!-- x --><Code><![CDATA[C]]></Code></Error><!-- trailing -->",
        ];
        for body in bodies {
            let e = parse_error(400, Format::Xml, None, body).expect("the envelope is read");
            assert_eq!(e.code, "C", "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn many_comments_before_the_envelope_are_read_once() {
        let mut body = "<!--x-->".repeat(200_000).into_bytes();
        body.extend_from_slice(b"<Error><Code>C</Code></Error>");
        let started = std::time::Instant::now();
        let e = parse_error(400, Format::Xml, None, &body).expect("the envelope is read");
        assert_eq!(e.code, "C");
        // Linear: 1.6 MB of comments take milliseconds; the old rescan per comment took minutes.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn a_deep_envelope_is_unexpected_not_a_crash() {
        let body = format!("<Error>{}</Error>", "<A>".repeat(50_000));
        let e = parse_error(500, Format::Xml, None, body.as_bytes()).unwrap_err();
        assert_eq!(e.status, 500);
        let body = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
        assert!(parse_error(500, Format::Json, None, body.as_bytes()).is_err());
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
    fn signature_mismatch_shows_both_strings_to_sign_and_what_their_comparison_means() {
        let body = br#"{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&A%3D1","RequestId":"R"}"#;
        let mut e = parse_error(400, Format::Json, None, body).unwrap();
        assert_eq!(e.server_string_to_sign(), Some("POST&%2F&A%3D1"));
        e.client_string_to_sign = Some("POST&%2F&A%3D1".into());
        assert_eq!(
            e.to_string(),
            "HTTP 400 SignatureDoesNotMatch: Specified signature is not matched with our calculation. server string to sign is:POST&%2F&A%3D1; client string to sign is:POST&%2F&A%3D1 (the same as the server's: the AccessKey secret is wrong) (RequestId R)"
        );
        e.client_string_to_sign = Some("POST&%2F&A%3D2".into());
        assert!(e.to_string().contains("client string to sign is:POST&%2F&A%3D2 (differs from the server's: the request was changed after signing, or canonicalised differently)"));
        // Other codes quote nothing.
        let other = parse_error(
            400,
            Format::Json,
            None,
            br#"{"Code":"X","Message":"server string to sign is:S"}"#,
        )
        .unwrap();
        assert_eq!(other.server_string_to_sign(), None);
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
pub fn read_answer<T: crate::decode::Decode>(
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
