//! `--dry-run`: the signed request as one JSON object,
//! `{"method": "...", "url": "...", "headers": {"name": "value", ...}, "body": "..."}`, headers sorted by name
//! so the output is reproducible. The STS token never shows: V1's `SecurityToken` parameter and V3's
//! `x-acs-security-token` header print as `<redacted>`, so the output says a token is present without giving it
//! away. The signature does show (it is what a dry run is for, and useless without the nonce's first use).

use aliyun_rpc_runtime::request::redact_query;

/// Where each signature version carries the STS token.
const TOKEN_PARAM: &str = "SecurityToken";
const TOKEN_HEADER: &str = "x-acs-security-token";

/// Renders the request.
pub fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut headers: Vec<(&str, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let shown = if name.as_str() == TOKEN_HEADER {
                "<redacted>".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str(), shown)
        })
        .collect();
    headers.sort();
    let headers: Vec<String> = headers
        .iter()
        .map(|(n, v)| format!("{}: {}", json(n), json(v)))
        .collect();
    format!(
        "{{\"method\": {}, \"url\": {}, \"headers\": {{{}}}, \"body\": {}}}",
        json(request.method().as_str()),
        json(&url(request.uri())),
        headers.join(", "),
        json(&String::from_utf8_lossy(request.body()))
    )
}

/// The URI with the values of credential parameters redacted.
fn url(uri: &http::Uri) -> String {
    let text = uri.to_string();
    match text.split_once('?') {
        Some((base, query)) => format!("{base}?{}", redact_query(query, &[TOKEN_PARAM])),
        None => text,
    }
}

fn json(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}
