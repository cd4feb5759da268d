//! The OIDC role: Kubernetes RRSA (RAM Roles for Service Accounts) and other OIDC identity providers.
//!
//! The pod's service-account token, a file the kubelet keeps fresh, is exchanged at STS
//! `AssumeRoleWithOIDC` for temporary credentials of a RAM role. The call is anonymous: the OIDC token is
//! the proof, so nothing is signed. As `credentials-go` (`providers/oidc.go`) sends it: `POST` to the STS
//! endpoint, `Action`, `Format`, `Version` and `Timestamp` in the query, and `RoleArn`, `OIDCProviderArn`,
//! `OIDCToken`, `RoleSessionName`, `DurationSeconds` and the optional `Policy` in a form body (so the token
//! never travels in a URL). Configuration from `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`,
//! `ALIBABA_CLOUD_OIDC_TOKEN_FILE` and the optional `ALIBABA_CLOUD_ROLE_SESSION_NAME`, as in the official
//! libraries. The token file is read at every refresh.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use http::{HeaderValue, Method};

use super::http::{Fetcher, target_of};
use super::provider::{ProvideCredentials, ProvideFuture};
use super::sts::{
    DEFAULT_DURATION, ROLE_SESSION_NAME_VAR, STS_TIMEOUTS, STS_VERSION, check_duration,
    default_session_name, read_answer, sts_endpoint_from_env,
};
use super::{Credentials, CredentialsError, DEFAULT_STS_ENDPOINT, Environment};
use crate::client::Timeouts;
use crate::request::endpoint;
use crate::request::inputs::utc_timestamp;
use crate::sign::percent;

/// Environment variable holding the ARN of the RAM role to assume.
pub const ROLE_ARN_VAR: &str = "ALIBABA_CLOUD_ROLE_ARN";
/// Environment variable holding the ARN of the OIDC identity provider.
pub const OIDC_PROVIDER_ARN_VAR: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
/// Environment variable holding the path of the OIDC token file.
pub const OIDC_TOKEN_FILE_VAR: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

const NAME: &str = "oidc_role_arn";

/// Temporary credentials of a RAM role, for an OIDC token (Kubernetes RRSA).
///
/// ```no_run
/// use aliyun_rpc_runtime::credentials::{Environment, OidcRoleProvider};
///
/// // In a pod with RRSA, from the variables the webhook injects:
/// let provider = OidcRoleProvider::from_env(&Environment::process())?;
/// # Ok::<(), aliyun_rpc_runtime::credentials::CredentialsError>(())
/// ```
#[derive(Debug, Clone)]
pub struct OidcRoleProvider {
    role_arn: String,
    oidc_provider_arn: String,
    token_file: PathBuf,
    session_name: String,
    duration: Duration,
    policy: Option<String>,
    sts_endpoint: String,
    fetcher: Fetcher,
}

impl OidcRoleProvider {
    /// Assumes `role_arn` with the token in `token_file`, issued by `oidc_provider_arn`; global STS
    /// endpoint, one-hour sessions.
    pub fn new(
        role_arn: impl Into<String>,
        oidc_provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        Self {
            role_arn: role_arn.into(),
            oidc_provider_arn: oidc_provider_arn.into(),
            token_file: token_file.into(),
            session_name: default_session_name(),
            duration: DEFAULT_DURATION,
            policy: None,
            sts_endpoint: DEFAULT_STS_ENDPOINT.to_owned(),
            fetcher: Fetcher::new(STS_TIMEOUTS),
        }
    }

    /// From `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`
    /// (all three required), `ALIBABA_CLOUD_ROLE_SESSION_NAME`, and the STS endpoint from
    /// `ALIBABA_CLOUD_STS_REGION` / `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`. A missing variable is a
    /// [`CredentialsError::NotConfigured`] naming every one that is missing.
    pub fn from_env(env: &Environment) -> Result<Self, CredentialsError> {
        let role_arn = env.get(ROLE_ARN_VAR);
        let provider_arn = env.get(OIDC_PROVIDER_ARN_VAR);
        let token_file = env.get(OIDC_TOKEN_FILE_VAR);
        let (Some(role_arn), Some(provider_arn), Some(token_file)) =
            (&role_arn, &provider_arn, &token_file)
        else {
            let missing: Vec<&str> = [
                (ROLE_ARN_VAR, role_arn.is_none()),
                (OIDC_PROVIDER_ARN_VAR, provider_arn.is_none()),
                (OIDC_TOKEN_FILE_VAR, token_file.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, missing)| missing.then_some(name))
            .collect();
            return Err(CredentialsError::NotConfigured {
                provider: NAME,
                reason: format!("{} not set", missing.join(", ")),
            });
        };
        let mut provider = Self::new(role_arn, provider_arn, token_file)
            .with_sts_endpoint(sts_endpoint_from_env(env));
        if let Some(name) = env.get(ROLE_SESSION_NAME_VAR) {
            provider = provider.with_session_name(name);
        }
        Ok(provider)
    }

    /// Names the role session (shown in ActionTrail); default `aliyun-rpc-runtime-<unix seconds>`.
    pub fn with_session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// Asks for sessions of `duration` (at least 15 minutes; default one hour).
    pub fn with_duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// Narrows the session's permissions with a policy document (JSON).
    pub fn with_policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// Sends to `endpoint` (`https://host`, `http://host:port`, or a bare host meaning https) instead of
    /// `https://sts.aliyuncs.com`.
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.sts_endpoint = endpoint.into();
        self
    }

    /// Sends through `http` instead of a client built on first use.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.fetcher.set_client(http);
        self
    }

    /// Waits according to `timeouts` (default: 5 s to connect, 10 s in all, as the official libraries).
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.fetcher.set_timeouts(timeouts);
        self
    }

    /// The token file.
    pub fn token_file(&self) -> &Path {
        &self.token_file
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let duration = check_duration(NAME, self.duration)?;
        let token = read_token(&self.token_file)?;
        let request = self.request(&token, duration)?;
        let target = target_of(request.uri());
        tracing::debug!(provider = NAME, target = %target, "AssumeRoleWithOIDC");
        let answer = self.fetcher.send(NAME, request).await?;
        read_answer(NAME, &target, &answer)
    }

    fn request(
        &self,
        token: &str,
        duration: u64,
    ) -> Result<http::Request<Vec<u8>>, CredentialsError> {
        let endpoint =
            endpoint::parse(&self.sts_endpoint).map_err(|err| CredentialsError::Request {
                provider: NAME,
                reason: err.to_string(),
            })?;
        let query = percent::encode_pairs(&[
            ("Action", "AssumeRoleWithOIDC"),
            ("Format", "JSON"),
            ("Version", STS_VERSION),
            ("Timestamp", &utc_timestamp(SystemTime::now())),
        ]);
        let duration = duration.to_string();
        let mut form = vec![
            ("DurationSeconds", duration.as_str()),
            ("OIDCProviderArn", self.oidc_provider_arn.as_str()),
            ("OIDCToken", token),
            ("RoleArn", self.role_arn.as_str()),
            ("RoleSessionName", self.session_name.as_str()),
        ];
        if let Some(policy) = &self.policy {
            form.push(("Policy", policy));
        }
        let uri: http::Uri = format!("{}://{}/?{query}", endpoint.scheme, endpoint.authority)
            .parse()
            .map_err(|_| CredentialsError::Request {
                provider: NAME,
                reason: format!("invalid STS endpoint {:?}", self.sts_endpoint),
            })?;
        let mut request = http::Request::new(percent::encode_pairs(&form).into_bytes());
        *request.method_mut() = Method::POST;
        *request.uri_mut() = uri;
        request.headers_mut().insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static(crate::request::FORM_CONTENT_TYPE),
        );
        Ok(request)
    }
}

/// The token, trimmed; errors name the file, never its content.
fn read_token(path: &Path) -> Result<String, CredentialsError> {
    let file_error = |reason: String| CredentialsError::File {
        provider: NAME,
        path: path.to_owned(),
        reason,
    };
    let text = std::fs::read_to_string(path)
        .map_err(|err| file_error(format!("cannot read the OIDC token file: {err}")))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(file_error("the OIDC token file is empty".to_owned()));
    }
    Ok(token.to_owned())
}

impl ProvideCredentials for OidcRoleProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.fetch())
    }

    fn name(&self) -> &'static str {
        NAME
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::{OIDC_PROVIDER_ARN_VAR, OIDC_TOKEN_FILE_VAR, OidcRoleProvider, ROLE_ARN_VAR};
    use crate::credentials::fake::{
        FakeServer, Reply, TempDir, assert_no_secret, expiration_in, http, refused_url, sts_answer,
    };
    use crate::credentials::{
        CachedProvider, Clock, CredentialsError, Environment, ProvideCredentials,
    };

    const OIDC_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.oidc-token-payload.signature";
    const SECRET: &str = "sts-secret-from-oidc";
    const TOKEN: &str = "sts-token-from-oidc";

    fn provider(dir: &TempDir, sts: &str) -> OidcRoleProvider {
        let token_file = dir.write("token", &format!("{OIDC_TOKEN}\n"));
        OidcRoleProvider::new(
            "acs:ram::1:role/r",
            "acs:ram::1:oidc-provider/p",
            token_file,
        )
        .with_session_name("test-session")
        .with_sts_endpoint(sts)
        .with_http_client(http())
    }

    #[tokio::test]
    async fn success_sends_an_anonymous_form_and_reads_the_credentials() {
        let expiration = expiration_in(Duration::from_secs(3600));
        let answer = sts_answer("STS.id", SECRET, TOKEN, &expiration);
        let server = FakeServer::start(move |_| Reply::ok(answer.clone())).await;
        let dir = TempDir::new("oidc-ok");
        let creds = provider(&dir, &server.url()).provide().await.unwrap();

        assert_eq!(creds.access_key_id(), "STS.id");
        assert_eq!(creds.access_key_secret(), SECRET);
        assert_eq!(creds.security_token(), Some(TOKEN));
        assert_eq!(
            creds.expiry(),
            crate::credentials::parse_expiration(&expiration)
        );

        let seen = &server.requests()[0];
        assert_eq!(seen.method, "POST");
        let query = seen.query();
        for (k, v) in [
            ("Action", "AssumeRoleWithOIDC"),
            ("Format", "JSON"),
            ("Version", "2015-04-01"),
        ] {
            assert!(query.contains(&(k.to_owned(), v.to_owned())), "{query:?}");
        }
        assert!(query.iter().any(|(k, _)| k == "Timestamp"));
        // Anonymous: no signature, no AccessKeyId; the token travels in the body only.
        assert!(!seen.target.contains("Signature") && !seen.target.contains("AccessKeyId"));
        assert!(!seen.target.contains(OIDC_TOKEN));
        let form = seen.form();
        for (k, v) in [
            ("RoleArn", "acs:ram::1:role/r"),
            ("OIDCProviderArn", "acs:ram::1:oidc-provider/p"),
            ("OIDCToken", OIDC_TOKEN),
            ("RoleSessionName", "test-session"),
            ("DurationSeconds", "3600"),
        ] {
            assert!(form.contains(&(k.to_owned(), v.to_owned())), "{form:?}");
        }
        assert_eq!(
            seen.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_no_secret(&format!("{creds:?}"), &[SECRET, TOKEN]);
    }

    #[tokio::test]
    async fn cached_credentials_are_refreshed_when_expiry_nears() {
        // Every answer expires ten minutes after it is given.
        let server = FakeServer::start(|_| {
            Reply::ok(sts_answer(
                "STS.id",
                SECRET,
                TOKEN,
                &expiration_in(Duration::from_secs(600)),
            ))
        })
        .await;
        let dir = TempDir::new("oidc-refresh");
        let now = std::sync::Arc::new(std::sync::Mutex::new(SystemTime::now()));
        let clock_now = std::sync::Arc::clone(&now);
        let cached = CachedProvider::new(provider(&dir, &server.url()))
            .with_refresh_before(Duration::from_secs(300))
            .with_clock(Clock::from_fn(move || *clock_now.lock().unwrap()));

        cached.provide().await.unwrap();
        cached.provide().await.unwrap();
        assert_eq!(server.count(), 1, "served from the cache while valid");
        // Four minutes later six are left, outside the five-minute window: still cached.
        *now.lock().unwrap() += Duration::from_secs(240);
        cached.provide().await.unwrap();
        assert_eq!(server.count(), 1);
        // Two more minutes and four are left: refreshed.
        *now.lock().unwrap() += Duration::from_secs(120);
        cached.provide().await.unwrap();
        assert_eq!(server.count(), 2);
    }

    #[tokio::test]
    async fn server_down_is_unreachable() {
        let dir = TempDir::new("oidc-down");
        let url = refused_url().await;
        let err = provider(&dir, &url).provide().await.unwrap_err();
        let CredentialsError::Unreachable { provider, reason } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(*provider, "oidc_role_arn");
        assert!(
            reason.starts_with(&format!("cannot connect to {url}")),
            "{reason}"
        );
        assert_no_secret(&format!("{err} {err:?}"), &[OIDC_TOKEN]);
    }

    #[tokio::test]
    async fn malformed_answers_are_named() {
        let cases = [
            (Reply::ok("<html>"), "the body is not JSON"),
            (
                Reply::ok(r#"{"RequestId":"R"}"#),
                "field `Credentials` is missing",
            ),
            (
                Reply::ok(r#"{"Credentials":{"AccessKeyId":"a","AccessKeySecret":"s3cr3t-x"}}"#),
                "field `Credentials.SecurityToken` is missing",
            ),
            (
                Reply::ok(sts_answer("a", "s3cr3t-x", "t0k3n-x", "never")),
                "field `Credentials.Expiration` is not a UTC time",
            ),
        ];
        let dir = TempDir::new("oidc-bad");
        for (reply, expected) in cases {
            let server = FakeServer::start(move |_| reply.clone()).await;
            let err = provider(&dir, &server.url()).provide().await.unwrap_err();
            let text = err.to_string();
            assert!(
                matches!(err, CredentialsError::InvalidAnswer { .. }),
                "{err:?}"
            );
            assert!(text.contains(expected), "{text}");
            assert_no_secret(
                &format!("{text} {err:?}"),
                &["s3cr3t-x", "t0k3n-x", OIDC_TOKEN],
            );
        }
    }

    #[tokio::test]
    async fn sts_errors_are_rejections_with_code_and_message() {
        let server = FakeServer::start(|_| {
            Reply::new(
                400,
                r#"{"RequestId":"R","HostId":"sts.aliyuncs.com","Code":"AuthenticationFail.OIDCToken.Expired","Message":"OIDC token is expired."}"#,
            )
        })
        .await;
        let dir = TempDir::new("oidc-400");
        let err = provider(&dir, &server.url()).provide().await.unwrap_err();
        assert_eq!(
            err,
            CredentialsError::Rejected {
                provider: "oidc_role_arn",
                target: format!("{}/", server.url()),
                status: 400,
                code: Some("AuthenticationFail.OIDCToken.Expired".to_owned()),
                message: Some("OIDC token is expired.".to_owned()),
            }
        );
    }

    #[tokio::test]
    async fn token_file_problems_name_the_file_not_the_token() {
        let dir = TempDir::new("oidc-file");
        let missing = OidcRoleProvider::new("r", "p", dir.path().join("absent"))
            .with_sts_endpoint(refused_url().await);
        let err = missing.provide().await.unwrap_err();
        assert!(matches!(err, CredentialsError::File { .. }), "{err:?}");
        assert!(err.to_string().contains("absent"), "{err}");

        let empty = OidcRoleProvider::new("r", "p", dir.write("empty", "\n"));
        let err = empty.provide().await.unwrap_err();
        assert!(
            err.to_string().ends_with("the OIDC token file is empty"),
            "{err}"
        );

        let short = OidcRoleProvider::new("r", "p", dir.write("t", OIDC_TOKEN))
            .with_duration(Duration::from_secs(60));
        let err = short.provide().await.unwrap_err();
        assert!(err.to_string().contains("at least 900s"), "{err}");
    }

    #[test]
    fn from_env_needs_all_three_variables() {
        let err = OidcRoleProvider::from_env(&Environment::from_pairs([(ROLE_ARN_VAR, "r")]))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "oidc_role_arn: not configured: ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set"
        );
        let provider = OidcRoleProvider::from_env(&Environment::from_pairs([
            (ROLE_ARN_VAR, "r"),
            (OIDC_PROVIDER_ARN_VAR, "p"),
            (OIDC_TOKEN_FILE_VAR, "/var/run/token"),
            ("ALIBABA_CLOUD_ROLE_SESSION_NAME", "named"),
            ("ALIBABA_CLOUD_STS_REGION", "cn-beijing"),
        ]))
        .unwrap();
        assert_eq!(provider.session_name, "named");
        assert_eq!(provider.sts_endpoint, "https://sts.cn-beijing.aliyuncs.com");
        assert_eq!(provider.token_file().to_str(), Some("/var/run/token"));
        let debug = format!("{provider:?}");
        assert!(debug.contains("/var/run/token"), "{debug}");
    }
}
