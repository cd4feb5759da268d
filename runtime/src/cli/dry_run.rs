//! `--dry-run`: the signed request as one JSON object,
//! `{"method": "...", "url": "...", "headers": {"name": "value", ...}, "body": "..."}`, headers sorted by name
//! so the output is reproducible.

/// Renders the request.
pub fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut headers: Vec<(&str, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
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
        json(&request.uri().to_string()),
        headers.join(", "),
        json(&String::from_utf8_lossy(request.body()))
    )
}

fn json(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}
