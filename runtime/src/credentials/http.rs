//! The HTTP side shared by the network providers: a lazily built reqwest client with the provider's own
//! timeouts (the client's transport, rustls over `ring`), and reading the JSON answers that carry
//! credentials. Messages name endpoints without their query (a credentials URI may carry a token there) and
//! never quote a body that may hold credentials.

use std::fmt;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::error::bounded;
use super::{Credentials, CredentialsError, parse_expiration};
use crate::Format;
use crate::client::transport::{build_http_client, execute};
use crate::client::{RawResponse, Timeouts};
use crate::response::parse_error;
use crate::transport_error::TransportErrorKind;

/// The most bytes of a credentials answer read (STS, the metadata service, a credentials URI): they send a
/// few hundred bytes; anything near this is not a credential.
const MAX_CREDENTIALS_BODY: usize = 1024 * 1024;

/// Where a provider's reqwest client comes from.
#[derive(Clone)]
enum Source {
    /// Given by the caller (tests pass one without proxies; applications may share theirs).
    Supplied(reqwest::Client),
    /// Built on first use with the provider's timeouts; a failure is not kept, so a later call retries.
    Owned(Arc<OnceLock<reqwest::Client>>),
}

/// Sends a provider's requests.
#[derive(Clone)]
pub(super) struct Fetcher {
    source: Source,
    timeouts: Timeouts,
}

impl Fetcher {
    /// A fetcher that builds its own client with `timeouts`.
    pub(super) fn new(timeouts: Timeouts) -> Self {
        Self {
            source: Source::Owned(Arc::default()),
            timeouts,
        }
    }

    /// Sends through `http` from now on; [`Timeouts::request`] still applies to each request.
    pub(super) fn set_client(&mut self, http: reqwest::Client) {
        self.source = Source::Supplied(http);
    }

    /// Changes the timeouts (and so rebuilds an owned client on next use).
    pub(super) fn set_timeouts(&mut self, timeouts: Timeouts) {
        self.timeouts = timeouts;
        if let Source::Owned(_) = self.source {
            self.source = Source::Owned(Arc::default());
        }
    }

    fn client(&self, provider: &'static str) -> Result<reqwest::Client, CredentialsError> {
        match &self.source {
            Source::Supplied(http) => Ok(http.clone()),
            Source::Owned(cell) => {
                if let Some(http) = cell.get() {
                    return Ok(http.clone());
                }
                let built =
                    build_http_client(&self.timeouts).map_err(|err| CredentialsError::Request {
                        provider,
                        reason: err.message().to_owned(),
                    })?;
                Ok(cell.get_or_init(|| built).clone())
            }
        }
    }

    /// Sends `request` and reads the whole answer (at most [`MAX_CREDENTIALS_BODY`] bytes), whatever its status.
    pub(super) async fn send(
        &self,
        provider: &'static str,
        request: http::Request<Vec<u8>>,
    ) -> Result<RawResponse, CredentialsError> {
        let http = self.client(provider)?;
        execute(&http, request, self.timeouts.request, MAX_CREDENTIALS_BODY)
            .await
            .map_err(|failure| match failure.kind {
                TransportErrorKind::Build => CredentialsError::Request {
                    provider,
                    reason: failure.message,
                },
                _ => CredentialsError::Unreachable {
                    provider,
                    reason: failure.message,
                },
            })
    }
}

impl fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fetcher")
            .field(
                "http",
                &match self.source {
                    Source::Supplied(_) => "supplied",
                    Source::Owned(_) => "built on first use",
                },
            )
            .field("timeouts", &self.timeouts)
            .finish()
    }
}

/// `scheme://authority/path` of `uri`: no user info, no query.
pub(super) fn target_of(uri: &http::Uri) -> String {
    match (uri.scheme_str(), uri.authority()) {
        (Some(scheme), Some(authority)) => {
            // `Authority` keeps user info; drop it.
            let host = authority
                .as_str()
                .rsplit_once('@')
                .map_or(authority.as_str(), |(_, host)| host);
            format!("{scheme}://{host}{}", uri.path())
        }
        _ => uri.path().to_owned(),
    }
}

/// The error for an answer whose status is not 200: its `Code` and `Message` when it is the usual error
/// envelope, nothing of the body otherwise.
pub(super) fn rejected(
    provider: &'static str,
    target: &str,
    answer: &RawResponse,
) -> CredentialsError {
    let (code, message) = match parse_error(
        answer.status,
        Format::Json,
        answer.content_type(),
        &answer.body,
    ) {
        Ok(envelope) => (
            Some(bounded(&envelope.code)),
            Some(bounded(&envelope.message)),
        ),
        Err(_) => (None, None),
    };
    CredentialsError::Rejected {
        provider,
        target: target.to_owned(),
        status: answer.status,
        code,
        message: message.filter(|m| !m.is_empty()),
    }
}

/// The body as a JSON object.
pub(super) fn json_object(
    provider: &'static str,
    target: &str,
    body: &[u8],
) -> Result<Map<String, Value>, CredentialsError> {
    let invalid = |reason: String| CredentialsError::InvalidAnswer {
        provider,
        target: target.to_owned(),
        reason,
    };
    // A syntax error's text gives a position, never the text around it.
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid("the body is JSON but not an object".to_owned())),
        Err(err) if err.is_syntax() || err.is_eof() => {
            Err(invalid(format!("the body is not JSON ({err})")))
        }
        Err(_) => Err(invalid("the body is not JSON".to_owned())),
    }
}

/// A string field of `object`, or an error naming it.
pub(super) fn string_field<'a>(
    provider: &'static str,
    target: &str,
    object: &'a Map<String, Value>,
    prefix: &str,
    field: &str,
) -> Result<&'a str, CredentialsError> {
    match object.get(field) {
        Some(Value::String(value)) if !value.is_empty() => Ok(value),
        Some(Value::String(_)) => Err(CredentialsError::InvalidAnswer {
            provider,
            target: target.to_owned(),
            reason: format!("field `{prefix}{field}` is empty"),
        }),
        Some(_) => Err(CredentialsError::InvalidAnswer {
            provider,
            target: target.to_owned(),
            reason: format!("field `{prefix}{field}` is not a string"),
        }),
        None => Err(CredentialsError::InvalidAnswer {
            provider,
            target: target.to_owned(),
            reason: format!("field `{prefix}{field}` is missing"),
        }),
    }
}

/// Temporary credentials from an object with `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and
/// `Expiration` (the shape of STS's `Credentials`, of the ECS metadata answer and of a credentials URI's
/// answer). `prefix` names the object in errors, e.g. `Credentials.`.
pub(super) fn temporary_credentials(
    provider: &'static str,
    target: &str,
    object: &Map<String, Value>,
    prefix: &str,
) -> Result<Credentials, CredentialsError> {
    let field = |name: &str| string_field(provider, target, object, prefix, name);
    let id = field("AccessKeyId")?;
    let secret = field("AccessKeySecret")?;
    let token = field("SecurityToken")?;
    let expiration = field("Expiration")?;
    let expiry = parse_expiration(expiration).ok_or_else(|| CredentialsError::InvalidAnswer {
        provider,
        target: target.to_owned(),
        reason: format!(
            "field `{prefix}Expiration` is not a UTC time like 2026-12-02T10:00:00Z: {:?}",
            bounded(expiration)
        ),
    })?;
    Ok(Credentials::new(id, secret)
        .with_security_token(token)
        .with_expiry(expiry))
}

/// An `http::Request` with an empty body.
pub(super) fn empty_request(method: http::Method, uri: http::Uri) -> http::Request<Vec<u8>> {
    let mut request = http::Request::new(Vec::new());
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    request
}

#[cfg(test)]
mod tests {
    use super::{json_object, target_of, temporary_credentials};
    use crate::credentials::CredentialsError;

    #[test]
    fn targets_drop_user_info_and_query() {
        let uri: http::Uri = "http://user:pw@127.0.0.1:9/creds?token=s3cr3t"
            .parse()
            .unwrap();
        assert_eq!(target_of(&uri), "http://127.0.0.1:9/creds");
    }

    #[test]
    fn answers_are_checked_field_by_field() {
        let reason = |body: &str| match json_object("p", "t", body.as_bytes())
            .and_then(|map| temporary_credentials("p", "t", &map, "Credentials."))
        {
            Err(CredentialsError::InvalidAnswer { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert!(reason("not json").starts_with("the body is not JSON"));
        assert_eq!(reason("[1]"), "the body is JSON but not an object");
        assert_eq!(reason("{}"), "field `Credentials.AccessKeyId` is missing");
        assert_eq!(
            reason(r#"{"AccessKeyId":"a","AccessKeySecret":7}"#),
            "field `Credentials.AccessKeySecret` is not a string"
        );
        assert_eq!(
            reason(r#"{"AccessKeyId":"a","AccessKeySecret":"s3cr3t","SecurityToken":""}"#),
            "field `Credentials.SecurityToken` is empty"
        );
        let text = reason(
            r#"{"AccessKeyId":"a","AccessKeySecret":"s3cr3t","SecurityToken":"t0k3n","Expiration":"tomorrow"}"#,
        );
        assert_eq!(
            text,
            "field `Credentials.Expiration` is not a UTC time like 2026-12-02T10:00:00Z: \"tomorrow\""
        );
    }
}
