//! What the client's spans record about an answer: its `RequestId`, and why it is retried. Only values that
//! are safe to log: the RequestId is an opaque identifier for support, codes and statuses are public.

use super::RawResponse;

/// Longest RequestId taken (they are UUIDs, 36 characters).
const MAX_REQUEST_ID: usize = 64;

/// The answer's RequestId: the `x-acs-request-id` header, else the body's top-level `RequestId` (JSON
/// `"RequestId":"…"` or XML `<RequestId>…</RequestId>`). Found by a bounded scan rather than a full parse,
/// and kept only if it looks like an identifier (letters, digits, `-`, `_`, `.`).
pub(super) fn request_id(answer: &RawResponse) -> Option<String> {
    if let Some(id) = answer
        .headers
        .get("x-acs-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|id| plausible(id))
    {
        return Some(id.to_owned());
    }
    let body = std::str::from_utf8(&answer.body).ok()?;
    json_request_id(body)
        .or_else(|| xml_request_id(body))
        .filter(|id| plausible(id))
        .map(str::to_owned)
}

fn json_request_id(body: &str) -> Option<&str> {
    let after = &body[body.find("\"RequestId\"")? + "\"RequestId\"".len()..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let value = after.strip_prefix('"')?;
    Some(&value[..value.find('"')?])
}

fn xml_request_id(body: &str) -> Option<&str> {
    let start = body.find("<RequestId>")? + "<RequestId>".len();
    let rest = &body[start..];
    Some(rest[..rest.find("</RequestId>")?].trim())
}

fn plausible(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_REQUEST_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Why an answer is retried, e.g. `HTTP 503 Throttling.User`.
pub(super) fn answer_reason(status: u16, code: Option<&str>) -> String {
    match code {
        Some(code) => format!("HTTP {status} {code}"),
        None => format!("HTTP {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{answer_reason, request_id};
    use crate::client::RawResponse;

    fn answer(headers: &[(&'static str, &'static str)], body: &str) -> RawResponse {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, http::HeaderValue::from_static(value));
        }
        RawResponse {
            status: 200,
            headers: map,
            body: body.as_bytes().to_vec(),
            string_to_sign: None,
        }
    }

    #[test]
    fn request_ids_from_header_json_and_xml() {
        assert_eq!(
            request_id(&answer(
                &[("x-acs-request-id", "H-1")],
                r#"{"RequestId":"B-1"}"#
            )),
            Some("H-1".to_owned())
        );
        assert_eq!(
            request_id(&answer(
                &[],
                r#"{"Success":true, "RequestId" : "254EB995-DEDF-48A4-9101-9CA5B72FFBCC"}"#
            )),
            Some("254EB995-DEDF-48A4-9101-9CA5B72FFBCC".to_owned())
        );
        assert_eq!(
            request_id(&answer(
                &[],
                "<?xml version=\"1.0\"?><R><RequestId> X-9 </RequestId></R>"
            )),
            Some("X-9".to_owned())
        );
        assert_eq!(request_id(&answer(&[], "<html>")), None);
        assert_eq!(
            request_id(&answer(&[], r#"{"RequestId":"has space"}"#)),
            None
        );
        assert_eq!(
            request_id(&answer(
                &[],
                &format!(r#"{{"RequestId":"{}"}}"#, "a".repeat(65))
            )),
            None
        );
    }

    #[test]
    fn reasons() {
        assert_eq!(
            answer_reason(503, Some("Throttling.User")),
            "HTTP 503 Throttling.User"
        );
        assert_eq!(answer_reason(500, None), "HTTP 500");
    }
}
