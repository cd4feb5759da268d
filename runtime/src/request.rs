//! Sans-IO request building: parameters, configuration and credentials in, a signed [`http::Request`] out.
//!
//! Nothing here opens a socket, reads the clock or draws randomness on its own (that is
//! [`SigningInputs::fresh`], called by the caller), so the same inputs always give the same bytes and any
//! HTTP client can send the result. The wire rules are in [`crate::wire_format`].
//!
//! Choices this module makes, with the reasons:
//!
//! - **No `RegionId` common parameter.** Older SDKs add `RegionId=<region>` to every request, but it is not
//!   one of the common parameters the gateway needs for either signature: the region is already in the
//!   endpoint's host name. Operations whose API takes a `RegionId` list it in their spec, and it then arrives
//!   here as an ordinary API parameter. Sending an undeclared one would only add a signed parameter the
//!   operation never asked for.
//! - **Form parameters are signed in V1.** V1 signs "all request parameters", and the gateway treats body
//!   parameters as request parameters, so (as the official SDKs do) the V1 string to sign covers the query
//!   and the form body together, while only the query parameters are put in the URL. V3 signs the body
//!   through its hash (`x-acs-content-sha256`) instead.
//! - **`Format` travels in the V3 query.** `Format` is a common parameter of the RPC gateway in both
//!   versions, and V3 has no header for it; it is added to the query with the API parameters, which puts it
//!   in the canonical query, so it is signed like everything else that is sent.
//! - API parameters must not reuse the common parameters' names (`Action`, `Format`, `Signature…`, …); the
//!   generator never emits such names.

pub(crate) mod endpoint;

pub use endpoint::valid_region;
pub(crate) mod inputs;
#[cfg(test)]
mod tests;

use std::fmt;

use http::{HeaderName, HeaderValue, Method, Request, Uri};

pub use endpoint::REGION_PLACEHOLDER;
pub use inputs::SigningInputs;

use crate::Format;
use crate::credentials::Credentials;
use crate::params::Params;
use crate::sign::{percent, v1, v3};

/// The string a built request's signature was computed over (V1: `METHOD&%2F&…`; V3:
/// `ACS3-HMAC-SHA256\n<hex SHA-256 of the canonical request>`), kept in the request's extensions. It holds no
/// secret. On `SignatureDoesNotMatch` the gateway quotes its own after
/// [`SERVER_STRING_TO_SIGN`](crate::response::SERVER_STRING_TO_SIGN); comparing the two tells a wrong
/// secret (equal) from a request changed or canonicalised differently (different).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign(pub String);

/// Query parameters whose values are credentials or derived from them (V1 carries the STS token and the
/// signature in the query, where the gateway reads them), hidden by [`Redacted`].
pub const SENSITIVE_QUERY_PARAMS: &[&str] = &["SecurityToken", "Signature"];

/// `query` with the values of the parameters `names` replaced by `<redacted>` (the parameter stays, so a
/// reader can see e.g. that a token is present).
pub fn redact_query(query: &str, names: &[&str]) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if names.contains(&name) => format!("{name}=<redacted>"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A built request shown without its secrets: `Debug` prints the method, the URI with
/// [`SENSITIVE_QUERY_PARAMS`] redacted, the headers (the token and `Authorization` are marked sensitive and
/// print as `Sensitive`) and the body's length. Log this, not the `http::Request`: a V1 request's URI
/// necessarily carries the STS token, and `http::Request`'s own `Debug` prints it.
pub struct Redacted<'a>(pub &'a Request<Vec<u8>>);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let request = self.0;
        let uri = request.uri();
        let shown = match uri.query() {
            Some(query) => format!(
                "{}?{}",
                uri.to_string().split('?').next().unwrap_or_default(),
                redact_query(query, SENSITIVE_QUERY_PARAMS)
            ),
            None => uri.to_string(),
        };
        f.debug_struct("Request")
            .field("method", request.method())
            .field("uri", &shown)
            .field("headers", request.headers())
            .field("body_bytes", &request.body().len())
            .finish()
    }
}

/// A signed request, ready for any transport: an [`http::Request`] (through `Deref`, or [`into_inner`]
/// to send it) whose `Debug` is [`Redacted`]'s. A V1 request's URI necessarily carries the STS token and the
/// signature, and `http::Request`'s own `Debug` would print them; logging this type cannot.
///
/// [`into_inner`]: SignedRequest::into_inner
pub struct SignedRequest(Request<Vec<u8>>);

impl SignedRequest {
    /// The `http::Request` to hand to a transport.
    pub fn into_inner(self) -> Request<Vec<u8>> {
        self.0
    }
}

impl std::ops::Deref for SignedRequest {
    type Target = Request<Vec<u8>>;

    fn deref(&self) -> &Request<Vec<u8>> {
        &self.0
    }
}

impl std::ops::DerefMut for SignedRequest {
    fn deref_mut(&mut self) -> &mut Request<Vec<u8>> {
        &mut self.0
    }
}

impl From<SignedRequest> for Request<Vec<u8>> {
    fn from(request: SignedRequest) -> Self {
        request.0
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Redacted(&self.0).fmt(f)
    }
}

/// The longest URI the `http` crate (and so hyper and reqwest) accepts: its length is kept in a `u16` and
/// `u16::MAX` itself is reserved.
pub const MAX_URI_LENGTH: usize = u16::MAX as usize - 1;

/// The content type of a request whose parameters travel in the body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// What the generated code knows about one operation; each operation has a `const` of this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The `Action`, e.g. `ModifyJobGroup`.
    pub action: &'static str,
    /// The API version, e.g. `2019-12-26`.
    pub version: &'static str,
    /// The HTTP method, `POST` or `GET`.
    pub method: &'static str,
    /// The host, with [`REGION_PLACEHOLDER`] where the region goes, e.g. `outboundbot.{region}.aliyuncs.com`.
    pub endpoint_template: &'static str,
}

/// Which signature scheme to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureVersion {
    /// `HMAC-SHA1`, `SignatureVersion=1.0`: every parameter in the query (see [`crate::sign::v1`]).
    V1,
    /// `ACS3-HMAC-SHA256`, the current official SDKs' default (see [`crate::sign::v3`]).
    #[default]
    V3,
}

/// Client-wide settings that shape every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The region, e.g. `cn-shanghai`; fills the endpoint template.
    pub region: String,
    /// A full endpoint override, e.g. `http://127.0.0.1:8080` or a bare host (which means https).
    pub endpoint: Option<String>,
    /// The response format to ask for.
    pub format: Format,
    /// The signature scheme.
    pub signature_version: SignatureVersion,
}

impl Config {
    /// Defaults for `region`: templated endpoint, JSON responses, signature V3.
    pub fn new(region: impl Into<String>) -> Self {
        Self {
            region: region.into(),
            endpoint: None,
            format: Format::default(),
            signature_version: SignatureVersion::default(),
        }
    }

    /// Sends every request to `endpoint` instead of the operation's regional host.
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Asks for responses in `format`.
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Signs with `signature_version`.
    pub fn with_signature_version(mut self, signature_version: SignatureVersion) -> Self {
        self.signature_version = signature_version;
        self
    }
}

/// Why a request could not be built. Never contains the AccessKey secret or the security token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The endpoint (override or filled template) is not a usable `[scheme://]host[:port]`.
    InvalidEndpoint {
        /// The endpoint as given or filled in.
        endpoint: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The operation's method is not a valid HTTP method.
    InvalidMethod {
        /// The method as given.
        method: &'static str,
    },
    /// A value cannot be sent in the named header (it contains control or non-ASCII characters).
    InvalidHeaderValue {
        /// The header's name; the value is left out since it may be a credential.
        header: &'static str,
    },
    /// The request's URI would be longer than HTTP libraries accept ([`MAX_URI_LENGTH`]): too many or too
    /// long parameters in the query.
    RequestTooLong {
        /// The URI's length in bytes.
        length: usize,
        /// The most bytes allowed.
        limit: usize,
    },
    /// A list parameter has more items than the spec's `max_items` allows (see
    /// [`Params::over_limit`](crate::params::Params::over_limit)); nothing was sent.
    TooManyItems(crate::params::TooManyItems),
    /// The operating system could not supply random bytes for a nonce.
    NoRandomness {
        /// The operating system's error.
        reason: String,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidEndpoint { endpoint, reason } => {
                write!(f, "invalid endpoint {endpoint:?}: {reason}")
            }
            Self::InvalidMethod { method } => write!(f, "invalid HTTP method {method:?}"),
            Self::InvalidHeaderValue { header } => {
                write!(
                    f,
                    "the value for header {header} contains characters HTTP headers cannot carry"
                )
            }
            Self::RequestTooLong { length, limit } => write!(
                f,
                "the request is too long: its URI would be {length} bytes, more than the {limit} HTTP libraries accept; send fewer or shorter parameters (or, with signature V3 and POST, put long ones in the body)"
            ),
            Self::TooManyItems(limit) => write!(f, "{limit}"),
            Self::NoRandomness { reason } => {
                write!(
                    f,
                    "no randomness available for the signature nonce: {reason}"
                )
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// Builds the signed request for one call of `op`.
///
/// `params.query` go into the URL, `params.form` into an `application/x-www-form-urlencoded` body
/// (encoded like the query; empty form means empty body). The result carries every header the gateway
/// needs, including `host`; a transport only has to send it.
///
/// ```
/// use aliyun_rpc_runtime::credentials::Credentials;
/// use aliyun_rpc_runtime::params::{Location, Params};
/// use aliyun_rpc_runtime::request::{Config, OperationInfo, SigningInputs, build_request};
///
/// const MODIFY_JOB_GROUP: OperationInfo = OperationInfo {
///     action: "ModifyJobGroup",
///     version: "2019-12-26",
///     method: "POST",
///     endpoint_template: "outboundbot.{region}.aliyuncs.com",
/// };
///
/// let mut params = Params::new();
/// params.push(Location::Query, "InstanceId", "inst-1");
/// let config = Config::new("cn-shanghai").with_endpoint("http://127.0.0.1:8080");
/// let credentials = Credentials::new("my-id", "my-secret");
/// let inputs = SigningInputs::fresh()?;
///
/// let request = build_request(&MODIFY_JOB_GROUP, &params, &config, &credentials, &inputs)?;
/// assert_eq!(request.uri().to_string(), "http://127.0.0.1:8080/?Format=JSON&InstanceId=inst-1");
/// assert!(request.headers().contains_key("authorization"));
/// # Ok::<(), aliyun_rpc_runtime::request::BuildError>(())
/// ```
pub fn build_request(
    op: &OperationInfo,
    params: &Params,
    config: &Config,
    credentials: &Credentials,
    inputs: &SigningInputs,
) -> Result<SignedRequest, BuildError> {
    if let Some(limit) = params.over_limit.first() {
        return Err(BuildError::TooManyItems(limit.clone()));
    }
    let method = Method::from_bytes(op.method.as_bytes())
        .map_err(|_| BuildError::InvalidMethod { method: op.method })?;
    let endpoint = endpoint::resolve(op, config)?;
    let body = if params.form.is_empty() {
        Vec::new()
    } else {
        percent::encode_pairs(&params.form).into_bytes()
    };

    let mut headers = Headers::default();
    headers.push("host", endpoint.authority.as_str())?;
    if !body.is_empty() {
        headers.push("content-type", FORM_CONTENT_TYPE)?;
    }

    let call = Call {
        // Sign the method exactly as it will be sent.
        method: method.as_str(),
        op,
        params,
        config,
        credentials,
        inputs,
    };
    let (query, string_to_sign) = match config.signature_version {
        SignatureVersion::V1 => v1_query(&call),
        SignatureVersion::V3 => v3_sign(&call, &body, &mut headers)?,
    };

    let mut uri = format!("{}://{}/", endpoint.scheme, endpoint.authority);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query);
    }
    if uri.len() > MAX_URI_LENGTH {
        return Err(BuildError::RequestTooLong {
            length: uri.len(),
            limit: MAX_URI_LENGTH,
        });
    }
    // Scheme and authority were validated, the query is percent-encoded and the length checked, so this
    // cannot fail in practice; it is still mapped to an error rather than unwrapped.
    let uri: Uri = uri.parse().map_err(|_| BuildError::InvalidEndpoint {
        endpoint: format!("{}://{}", endpoint.scheme, endpoint.authority),
        reason: "does not form a valid URI",
    })?;

    let mut request = Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    for (name, value) in headers.entries {
        request.headers_mut().insert(name, value);
    }
    request.extensions_mut().insert(string_to_sign);
    Ok(SignedRequest(request))
}

/// The full V1 query: API query parameters and common parameters in canonical order, `Signature` last.
/// Form parameters are signed too but stay in the body.
fn v1_query(call: &Call<'_>) -> (String, StringToSign) {
    let Call {
        method,
        op,
        params,
        config,
        credentials,
        inputs,
    } = *call;
    let mut sent: Vec<(&str, &str)> = params
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    sent.extend([
        ("Action", op.action),
        ("Version", op.version),
        ("Format", config.format.as_param()),
        ("AccessKeyId", credentials.access_key_id()),
        ("SignatureMethod", v1::SIGNATURE_METHOD),
        ("SignatureVersion", v1::SIGNATURE_VERSION),
        ("SignatureNonce", inputs.nonce()),
        ("Timestamp", inputs.timestamp()),
    ]);
    if let Some(token) = credentials.security_token() {
        sent.push(("SecurityToken", token));
    }

    let mut query = percent::canonical_query(&sent);
    let string_to_sign =
        if params.form.is_empty() && !sent.iter().any(|(k, _)| *k == v1::SIGNATURE_PARAM) {
            // What is signed is exactly what is sent: reuse the sorted, encoded query.
            v1::string_to_sign_canonical(method, &query)
        } else {
            let mut signed = sent.clone();
            signed.extend(params.form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            v1::string_to_sign(method, &signed)
        };
    let signature = v1::sign(credentials.access_key_secret(), &string_to_sign);

    query.push('&');
    query.push_str(v1::SIGNATURE_PARAM);
    query.push('=');
    query.push_str(&percent::encode(&signature));
    (query, StringToSign(string_to_sign))
}

/// Adds the V3 `x-acs-*` and `Authorization` headers and returns the canonical query (API query parameters
/// plus `Format`).
fn v3_sign(
    call: &Call<'_>,
    body: &[u8],
    headers: &mut Headers,
) -> Result<(String, StringToSign), BuildError> {
    let Call {
        method,
        op,
        params,
        config,
        credentials,
        inputs,
    } = *call;
    let mut query: Vec<(&str, &str)> = params
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    query.push(("Format", config.format.as_param()));

    let content_sha256 = v3::hex_sha256(body);
    headers.push("x-acs-action", op.action)?;
    headers.push("x-acs-version", op.version)?;
    headers.push("x-acs-date", inputs.timestamp())?;
    headers.push("x-acs-signature-nonce", inputs.nonce())?;
    headers.push("x-acs-content-sha256", &content_sha256)?;
    if let Some(token) = credentials.security_token() {
        headers.push("x-acs-security-token", token)?;
        headers.mark_last_sensitive();
    }

    // Every header set so far is signed: host, content-type (when there is a body) and all x-acs-*.
    let signed: Vec<(&str, &str)> = headers
        .signed
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    let canonical = v3::CanonicalRequest::new(method, &query, &signed, &content_sha256);
    let authorization =
        canonical.authorization(credentials.access_key_id(), credentials.access_key_secret());
    headers.push_unsigned("authorization", &authorization, true)?;

    Ok((
        percent::canonical_query(&query),
        StringToSign(canonical.string_to_sign()),
    ))
}

/// Everything one call's signature depends on, borrowed from [`build_request`]'s arguments.
#[derive(Clone, Copy)]
struct Call<'a> {
    method: &'a str,
    op: &'a OperationInfo,
    params: &'a Params,
    config: &'a Config,
    credentials: &'a Credentials,
    inputs: &'a SigningInputs,
}

/// Headers being collected: the `http` form for the request and the plain text the V3 signer reads.
#[derive(Default)]
struct Headers {
    entries: Vec<(HeaderName, HeaderValue)>,
    signed: Vec<(&'static str, String)>,
}

impl Headers {
    /// Adds a header that V3 signs (V1 signs no headers). `name` is one of this module's lower-case constants.
    fn push(&mut self, name: &'static str, value: &str) -> Result<(), BuildError> {
        self.push_unsigned(name, value, false)?;
        self.signed.push((name, value.to_owned()));
        Ok(())
    }

    /// Adds a header without signing it. A `sensitive` value is hidden from the request's `Debug` output
    /// (and from HTTP/2 header compression tables).
    fn push_unsigned(
        &mut self,
        name: &'static str,
        value: &str,
        sensitive: bool,
    ) -> Result<(), BuildError> {
        let mut header_value = HeaderValue::from_str(value)
            .map_err(|_| BuildError::InvalidHeaderValue { header: name })?;
        header_value.set_sensitive(sensitive);
        self.entries
            .push((HeaderName::from_static(name), header_value));
        Ok(())
    }

    /// Marks the most recently added header as sensitive.
    fn mark_last_sensitive(&mut self) {
        if let Some((_, value)) = self.entries.last_mut() {
            value.set_sensitive(true);
        }
    }
}
