//! Reading a received request: query and form parameters, headers, the requested format, timestamps.
//!
//! Nothing here rejects a request; malformed encodings decode leniently (invalid UTF-8 becomes U+FFFD), so
//! a request that was not what its sender signed fails later with `SignatureDoesNotMatch`, as at the gateway.
//! Since a lossy decoding is also what a signer's own U+FFFD decodes to, a parameter that was not UTF-8 is
//! recorded ([`Incoming::query_not_utf8`], [`Incoming::form_not_utf8`]) and the signature checks refuse it
//! rather than compare its decoding.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, Method};
use percent_encoding::percent_decode_str;

use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::request::FORM_CONTENT_TYPE;

/// One received request, decoded.
pub(crate) struct Incoming<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    /// Query parameters, decoded, in the order received.
    pub query: Vec<(String, String)>,
    /// Form body parameters, decoded (empty unless the body is `application/x-www-form-urlencoded`).
    pub form: Vec<(String, String)>,
    /// The (lossily decoded) key of the first query parameter whose key or value is not UTF-8 once
    /// percent-decoded: no signer signed the bytes that were sent.
    pub query_not_utf8: Option<String>,
    /// The same for the form body (a body that is not UTF-8 at all counts as its first parameter's).
    pub form_not_utf8: Option<String>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

impl<'a> Incoming<'a> {
    pub fn new(
        method: &'a Method,
        path: &'a str,
        query: Option<&str>,
        headers: &'a HeaderMap,
        body: &'a [u8],
    ) -> Self {
        let (form, form_not_utf8) = if is_form(headers) {
            // A form body that is not UTF-8 cannot hold percent-encoded ASCII pairs; read it lossily so the
            // signature check, not a parse error, reports it.
            let text = String::from_utf8_lossy(body);
            let (pairs, mut not_utf8) = parse_pairs_checked(&text);
            if std::str::from_utf8(body).is_err() {
                not_utf8 = Some(pairs.first().map(|(k, _)| k.clone()).unwrap_or_default());
            }
            (pairs, not_utf8)
        } else {
            (Vec::new(), None)
        };
        let (query, query_not_utf8) = query.map(parse_pairs_checked).unwrap_or_default();
        Self {
            method,
            path,
            query,
            form,
            query_not_utf8,
            form_not_utf8,
            headers,
            body,
        }
    }

    /// Query and form parameters together: the gateway treats both as request parameters.
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query
            .iter()
            .chain(&self.form)
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The first value of parameter `name` (query before form).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Whether every value of header `name` is UTF-8 (true when it is absent), so that [`Self::header`] is
    /// exactly what was sent.
    pub fn header_is_utf8(&self, name: &str) -> bool {
        self.headers
            .get_all(name)
            .iter()
            .all(|v| std::str::from_utf8(v.as_bytes()).is_ok())
    }

    /// A header's value as text (lossy, so odd bytes cannot make the mock fail); repeated headers are joined
    /// with `,` as HTTP allows.
    pub fn header(&self, name: &str) -> Option<String> {
        let mut values = self.headers.get_all(name).iter().peekable();
        values.peek()?;
        let texts: Vec<String> = values
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        Some(texts.join(","))
    }

    /// The response format asked for: `Format=XML` (any case) means XML, anything else JSON, the default.
    pub fn format(&self) -> Format {
        match self.param("Format") {
            Some(f) if f.eq_ignore_ascii_case("XML") => Format::Xml,
            _ => Format::Json,
        }
    }
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case(FORM_CONTENT_TYPE))
}

/// Splits `k=v&k2=v2` into decoded pairs. `+` is a space (form encoding; signers send a plus as `%2B`), a
/// pair without `=` has an empty value, empty segments are skipped.
#[cfg(test)]
pub(crate) fn parse_pairs(text: &str) -> Vec<(String, String)> {
    parse_pairs_checked(text).0
}

/// [`parse_pairs`], with the key of the first pair whose key or value did not decode to UTF-8.
pub(crate) fn parse_pairs_checked(text: &str) -> (Vec<(String, String)>, Option<String>) {
    let mut not_utf8 = None;
    let pairs = text
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let ((key, key_ok), (value, value_ok)) = (decode(key), decode(value));
            if !(key_ok && value_ok) && not_utf8.is_none() {
                not_utf8 = Some(key.clone());
            }
            (key, value)
        })
        .collect();
    (pairs, not_utf8)
}

/// The decoded text, and whether the decoded bytes were UTF-8 (else invalid sequences became U+FFFD).
fn decode(text: &str) -> (String, bool) {
    let spaced = text.replace('+', " ");
    match String::from_utf8(percent_decode_str(&spaced).collect()) {
        Ok(decoded) => (decoded, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

/// Parses the gateway's only timestamp form, `YYYY-MM-DDThh:mm:ssZ` (UTC), strictly.
pub(crate) fn parse_timestamp(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z';
    if !shape_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = &b[range];
        digits.iter().all(u8::is_ascii_digit).then(|| {
            digits
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))
        })
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let valid = year >= 1970
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour < 24
        && minute < 60
        && second < 60;
    if !valid {
        return None;
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

fn days_in_month(year: u64, month: u64) -> u64 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date at or after it (Howard Hinnant's `days_from_civil`:
/// years counted from 1 March so the leap day ends the year, in 400-year eras of 146 097 days).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// True when `a` and `b` are at most `window` apart, in either order.
pub(crate) fn within(a: SystemTime, b: SystemTime, window: Duration) -> bool {
    let gap = match a.duration_since(b) {
        Ok(gap) => gap,
        Err(earlier) => earlier.duration(),
    };
    gap <= window
}
