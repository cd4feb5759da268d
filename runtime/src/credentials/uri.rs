//! Credentials from a URI: a local agent or sidecar that hands out temporary credentials over HTTP.
//!
//! `GET <ALIBABA_CLOUD_CREDENTIALS_URI>` answers `{"Code": "Success", "AccessKeyId", "AccessKeySecret",
//! "SecurityToken", "Expiration"}` (`credentials-go` `providers/uri.go`, Python `alibabacloud-credentials`
//! `provider/uri.py`). A `Code` other than `Success` is a rejection, as in the Python library; an answer
//! without `Code` is accepted, as in the Go library. The URI's query may hold a token of its own, so
//! messages show the URI without it.

use http::Method;

use super::http::{
    Fetcher, empty_request, json_object, rejected, target_of, temporary_credentials,
};
use super::provider::{ProvideCredentials, ProvideFuture};
use super::sts::STS_TIMEOUTS;
use super::{Credentials, CredentialsError, Environment};
use crate::client::Timeouts;

/// Environment variable holding the credentials URI.
pub const CREDENTIALS_URI_VAR: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

const NAME: &str = "credentials_uri";

/// Temporary credentials from an HTTP endpoint.
#[derive(Clone)]
pub struct CredentialsUriProvider {
    uri: String,
    fetcher: Fetcher,
}

impl CredentialsUriProvider {
    /// Asks `uri` (`http://…` or `https://…`).
    pub fn new(uri: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            fetcher: Fetcher::new(STS_TIMEOUTS),
        }
    }

    /// Asks the URI in `ALIBABA_CLOUD_CREDENTIALS_URI`; [`CredentialsError::NotConfigured`] when it is unset.
    pub fn from_env(env: &Environment) -> Result<Self, CredentialsError> {
        env.get(CREDENTIALS_URI_VAR)
            .map(Self::new)
            .ok_or_else(|| CredentialsError::NotConfigured {
                provider: NAME,
                reason: format!("{CREDENTIALS_URI_VAR} not set"),
            })
    }

    /// Sends through `http` instead of a client built on first use.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.fetcher.set_client(http);
        self
    }

    /// Waits according to `timeouts` (default: 5 s to connect, 10 s in all).
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.fetcher.set_timeouts(timeouts);
        self
    }

    fn parsed_uri(&self) -> Result<http::Uri, CredentialsError> {
        let invalid = |reason: &str| CredentialsError::Request {
            provider: NAME,
            reason: format!("the credentials URI is not a usable URL: {reason}"),
        };
        let uri: http::Uri = self.uri.parse().map_err(|_| invalid("cannot parse it"))?;
        match uri.scheme_str() {
            Some(scheme)
                if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {}
            _ => return Err(invalid("the scheme must be http or https")),
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(invalid("it has no host"));
        }
        Ok(uri)
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let request = empty_request(Method::GET, self.parsed_uri()?);
        let target = target_of(request.uri());
        tracing::debug!(provider = NAME, target = %target, "fetching credentials");
        let answer = self.fetcher.send(NAME, request).await?;
        if answer.status != 200 {
            return Err(rejected(NAME, &target, &answer));
        }
        let object = json_object(NAME, &target, &answer.body)?;
        match object.get("Code") {
            None => {}
            Some(serde_json::Value::String(code)) if code == "Success" => {}
            Some(code) => {
                return Err(CredentialsError::Rejected {
                    provider: NAME,
                    target,
                    status: 200,
                    code: Some(match code {
                        serde_json::Value::String(code) => super::error::bounded(code),
                        _ => "(not a string)".to_owned(),
                    }),
                    message: object
                        .get("Message")
                        .and_then(|m| m.as_str())
                        .map(super::error::bounded),
                });
            }
        }
        temporary_credentials(NAME, &target, &object, "")
    }
}

/// Shows the URI without its query.
impl std::fmt::Debug for CredentialsUriProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = match self.uri.parse::<http::Uri>() {
            Ok(uri) => target_of(&uri),
            Err(_) => "<unparsable>".to_owned(),
        };
        f.debug_struct("CredentialsUriProvider")
            .field("uri", &shown)
            .field("fetcher", &self.fetcher)
            .finish()
    }
}

impl ProvideCredentials for CredentialsUriProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.fetch())
    }

    fn name(&self) -> &'static str {
        NAME
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, SystemTime};

    use super::CredentialsUriProvider;
    use crate::credentials::fake::{
        Counter, FakeServer, Reply, assert_no_secret, expiration_in, http, metadata_answer,
        refused_url,
    };
    use crate::credentials::{
        CachedProvider, Clock, CredentialsError, Environment, ProvideCredentials,
    };

    const QUERY_TOKEN: &str = "agent-query-token";

    fn provider(url: &str) -> CredentialsUriProvider {
        CredentialsUriProvider::new(format!("{url}/creds?auth={QUERY_TOKEN}"))
            .with_http_client(http())
    }

    #[tokio::test]
    async fn success_reads_the_answer() {
        let server = FakeServer::start(|_| {
            Reply::ok(metadata_answer(
                "STS.uri",
                "uri-secret",
                "uri-token",
                &expiration_in(Duration::from_secs(900)),
            ))
        })
        .await;
        let p = provider(&server.url());
        let creds = p.provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "STS.uri");
        assert_eq!(creds.security_token(), Some("uri-token"));
        let seen = &server.requests()[0];
        assert_eq!(seen.method, "GET");
        assert_eq!(seen.target, format!("/creds?auth={QUERY_TOKEN}"));
        assert_no_secret(
            &format!("{p:?} {creds:?}"),
            &[QUERY_TOKEN, "uri-secret", "uri-token"],
        );
    }

    #[tokio::test]
    async fn answers_without_code_are_accepted() {
        let server = FakeServer::start(|_| {
            Reply::ok(format!(
                r#"{{"AccessKeyId":"a","AccessKeySecret":"s","SecurityToken":"t","Expiration":"{}"}}"#,
                expiration_in(Duration::from_secs(900))
            ))
        })
        .await;
        assert!(provider(&server.url()).provide().await.is_ok());
    }

    #[tokio::test]
    async fn refresh_when_expiry_nears() {
        let calls = Counter::default();
        let counted = calls.clone();
        let server = FakeServer::start(move |_| {
            let n = counted.next();
            Reply::ok(metadata_answer(
                &format!("STS.uri-{n}"),
                "s",
                "t",
                &expiration_in(Duration::from_secs(900)),
            ))
        })
        .await;
        let now = Arc::new(Mutex::new(SystemTime::now()));
        let clock_now = Arc::clone(&now);
        let cached = CachedProvider::new(provider(&server.url()))
            .with_clock(Clock::from_fn(move || *clock_now.lock().unwrap()));
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "STS.uri-0");
        *now.lock().unwrap() += Duration::from_secs(500);
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "STS.uri-0");
        *now.lock().unwrap() += Duration::from_secs(200);
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "STS.uri-1");
        assert_eq!(calls.get(), 2);
    }

    #[tokio::test]
    async fn server_down_and_errors() {
        let url = refused_url().await;
        let err = provider(&url).provide().await.unwrap_err();
        assert!(
            matches!(err, CredentialsError::Unreachable { .. }),
            "{err:?}"
        );
        assert_no_secret(&format!("{err} {err:?}"), &[QUERY_TOKEN]);

        let server = FakeServer::start(|_| Reply::new(500, "oops")).await;
        let err = provider(&server.url()).provide().await.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("credentials_uri: {}/creds answered HTTP 500", server.url())
        );
    }

    #[tokio::test]
    async fn malformed_answers_are_named() {
        let cases: [(&'static str, &str); 4] = [
            ("", "the body is not JSON"),
            (
                r#"{"Code":"Failed","Message":"role not found","AccessKeySecret":"s3cr3t-x"}"#,
                "answered HTTP 200 with Code Failed: role not found",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"a"}"#,
                "field `AccessKeySecret` is missing",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"s3cr3t-x","SecurityToken":"t0k3n-x","Expiration":12}"#,
                "field `Expiration` is not a string",
            ),
        ];
        for (body, expected) in cases {
            let server = FakeServer::start(move |_| Reply::ok(body)).await;
            let err = provider(&server.url()).provide().await.unwrap_err();
            let text = format!("{err} {err:?}");
            assert!(text.contains(expected), "{expected}: {text}");
            assert_no_secret(&text, &["s3cr3t-x", "t0k3n-x", QUERY_TOKEN]);
        }
    }

    #[tokio::test]
    async fn configuration() {
        let err = CredentialsUriProvider::from_env(&Environment::from_pairs::<&str, &str>([]))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "credentials_uri: not configured: ALIBABA_CLOUD_CREDENTIALS_URI not set"
        );
        let err = CredentialsUriProvider::new("ftp://x/y")
            .provide()
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("the scheme must be http or https"),
            "{err}"
        );
    }
}
