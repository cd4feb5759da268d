//! The ECS instance's RAM role, from the instance metadata service.
//!
//! As the official libraries do it (`credentials-go` `providers/ecs_ram_role.go`, Python
//! `alibabacloud-credentials` `provider/ecs_ram_role.py`, 1.0.12):
//!
//! 1. Hardened mode (IMDSv2): `PUT /latest/api/token` with `X-aliyun-ecs-metadata-token-ttl-seconds: 21600`
//!    gives a session token, sent back as `X-aliyun-ecs-metadata-token` on the requests below. If that
//!    fails the provider carries on without a token (IMDSv1), unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`;
//!    a request refused with the token is likewise tried once more without it unless IMDSv1 is disabled.
//! 2. The role: `ALIBABA_CLOUD_ECS_METADATA` or the configured name; when unset, discovered with
//!    `GET /latest/meta-data/ram/security-credentials/`.
//! 3. `GET /latest/meta-data/ram/security-credentials/<role>` answers
//!    `{"Code": "Success", "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration", "LastUpdated"}`.
//!
//! The service is `http://100.100.100.200`, reachable only from inside an instance, with the official
//! 1-second timeouts; `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` takes the provider out of the default chain.

use std::time::Duration;

use http::{HeaderValue, Method};

use super::http::{
    Fetcher, empty_request, json_object, rejected, target_of, temporary_credentials,
};
use super::provider::{ProvideCredentials, ProvideFuture};
use super::{Credentials, CredentialsError, Environment};
use crate::client::Timeouts;
use crate::request::endpoint;

/// The metadata service.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://100.100.100.200";
/// Environment variable holding the instance's RAM role name.
pub const ECS_METADATA_VAR: &str = "ALIBABA_CLOUD_ECS_METADATA";
/// Environment variable that, when `true`, disables the ECS RAM role provider.
pub const ECS_METADATA_DISABLED_VAR: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
/// Environment variable that, when `true`, requires the hardened mode (no request without a session token).
pub const IMDSV1_DISABLED_VAR: &str = "ALIBABA_CLOUD_IMDSV1_DISABLED";

const NAME: &str = "ecs_ram_role";
const TOKEN_PATH: &str = "/latest/api/token";
const CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const TOKEN_TTL_HEADER: &str = "x-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aliyun-ecs-metadata-token";
/// Six hours, the official libraries' session token lifetime.
const TOKEN_TTL_SECONDS: u32 = 21_600;
/// The official libraries' timeouts for the metadata service: 1 s to connect, 1 s to read.
const METADATA_TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(1),
    request: Duration::from_secs(2),
};

/// Temporary credentials of the instance's RAM role.
#[derive(Debug, Clone)]
pub struct EcsRamRoleProvider {
    role_name: Option<String>,
    imdsv1_disabled: bool,
    metadata_endpoint: String,
    fetcher: Fetcher,
}

impl Default for EcsRamRoleProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl EcsRamRoleProvider {
    /// Discovers the role, prefers the hardened mode and falls back to IMDSv1.
    pub fn new() -> Self {
        Self {
            role_name: None,
            imdsv1_disabled: false,
            metadata_endpoint: DEFAULT_METADATA_ENDPOINT.to_owned(),
            fetcher: Fetcher::new(METADATA_TIMEOUTS),
        }
    }

    /// With the role from `ALIBABA_CLOUD_ECS_METADATA` and the hardened-only switch from
    /// `ALIBABA_CLOUD_IMDSV1_DISABLED`; [`CredentialsError::NotConfigured`] when
    /// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
    pub fn from_env(env: &Environment) -> Result<Self, CredentialsError> {
        if env.is_true(ECS_METADATA_DISABLED_VAR) {
            return Err(CredentialsError::NotConfigured {
                provider: NAME,
                reason: format!("disabled by {ECS_METADATA_DISABLED_VAR}=true"),
            });
        }
        let mut provider = Self::new().with_imdsv1_disabled(env.is_true(IMDSV1_DISABLED_VAR));
        if let Some(role) = env.get(ECS_METADATA_VAR) {
            provider = provider.with_role_name(role);
        }
        Ok(provider)
    }

    /// Uses `role` instead of asking the metadata service for it (saves a request).
    pub fn with_role_name(mut self, role: impl Into<String>) -> Self {
        self.role_name = Some(role.into()).filter(|r: &String| !r.is_empty());
        self
    }

    /// With `true`, every request carries a session token; failing to get one is an error.
    pub fn with_imdsv1_disabled(mut self, disabled: bool) -> Self {
        self.imdsv1_disabled = disabled;
        self
    }

    /// Asks `endpoint` (`http://host[:port]`) instead of `http://100.100.100.200`.
    pub fn with_metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.metadata_endpoint = endpoint.into();
        self
    }

    /// Sends through `http` instead of a client built on first use.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.fetcher.set_client(http);
        self
    }

    /// Waits according to `timeouts` (default: 1 s to connect, 2 s in all).
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.fetcher.set_timeouts(timeouts);
        self
    }

    fn uri(&self, path: &str) -> Result<http::Uri, CredentialsError> {
        let endpoint =
            endpoint::parse(&self.metadata_endpoint).map_err(|err| CredentialsError::Request {
                provider: NAME,
                reason: err.to_string(),
            })?;
        format!("{}://{}{path}", endpoint.scheme, endpoint.authority)
            .parse()
            .map_err(|_| CredentialsError::Request {
                provider: NAME,
                reason: format!("invalid metadata path {path:?}"),
            })
    }

    /// The session token, or `None` to go on without one.
    async fn session_token(&self) -> Result<Option<String>, CredentialsError> {
        let mut request = empty_request(Method::PUT, self.uri(TOKEN_PATH)?);
        request
            .headers_mut()
            .insert(TOKEN_TTL_HEADER, HeaderValue::from(TOKEN_TTL_SECONDS));
        let target = target_of(request.uri());
        let failure = match self.fetcher.send(NAME, request).await {
            Ok(answer) if answer.status == 200 => match String::from_utf8(answer.body) {
                Ok(token) if !token.trim().is_empty() => return Ok(Some(token.trim().to_owned())),
                _ => CredentialsError::InvalidAnswer {
                    provider: NAME,
                    target,
                    reason: "the metadata session token is empty or not text".to_owned(),
                },
            },
            Ok(answer) => rejected(NAME, &target, &answer),
            Err(err) => err,
        };
        if self.imdsv1_disabled {
            return Err(failure);
        }
        tracing::debug!(provider = NAME, error = %failure, "no metadata session token; using IMDSv1");
        Ok(None)
    }

    /// `GET path` with the token when there is one; a failure with the token is tried once without it
    /// unless IMDSv1 is disabled. Returns the body of a 200 answer.
    async fn get(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> Result<(String, Vec<u8>), CredentialsError> {
        let result = self.get_once(path, token).await;
        match result {
            Err(err) if token.is_some() && !self.imdsv1_disabled => {
                tracing::debug!(provider = NAME, error = %err, "retrying without the metadata session token");
                self.get_once(path, None).await
            }
            other => other,
        }
    }

    async fn get_once(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> Result<(String, Vec<u8>), CredentialsError> {
        let mut request = empty_request(Method::GET, self.uri(path)?);
        if let Some(token) = token {
            let mut value =
                HeaderValue::from_str(token).map_err(|_| CredentialsError::InvalidAnswer {
                    provider: NAME,
                    target: target_of(request.uri()),
                    reason: "the metadata session token cannot be sent in a header".to_owned(),
                })?;
            value.set_sensitive(true);
            request.headers_mut().insert(TOKEN_HEADER, value);
        }
        let target = target_of(request.uri());
        let answer = self.fetcher.send(NAME, request).await?;
        if answer.status != 200 {
            return Err(rejected(NAME, &target, &answer));
        }
        Ok((target, answer.body))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let token = self.session_token().await?;
        let role = match &self.role_name {
            Some(role) => role.clone(),
            None => {
                let (target, body) = self.get(CREDENTIALS_PATH, token.as_deref()).await?;
                let text = String::from_utf8_lossy(&body);
                let role = text.lines().map(str::trim).find(|l| !l.is_empty());
                match role {
                    Some(role) if !role.contains(['/', '?', '#', ' ']) => role.to_owned(),
                    Some(_) => {
                        return Err(CredentialsError::InvalidAnswer {
                            provider: NAME,
                            target,
                            reason: "the role name is not a path segment".to_owned(),
                        });
                    }
                    None => {
                        return Err(CredentialsError::InvalidAnswer {
                            provider: NAME,
                            target,
                            reason: "no RAM role is attached to the instance".to_owned(),
                        });
                    }
                }
            }
        };
        let path = format!("{CREDENTIALS_PATH}{role}");
        tracing::debug!(provider = NAME, role = %role, "fetching instance credentials");
        let (target, body) = self.get(&path, token.as_deref()).await?;
        let object = json_object(NAME, &target, &body)?;
        match object.get("Code").and_then(|code| code.as_str()) {
            Some("Success") => {}
            code => {
                return Err(CredentialsError::Rejected {
                    provider: NAME,
                    target,
                    status: 200,
                    code: Some(code.unwrap_or("(none)").to_owned()),
                    message: Some("the metadata service did not answer Code Success".to_owned()),
                });
            }
        }
        temporary_credentials(NAME, &target, &object, "")
    }
}

impl ProvideCredentials for EcsRamRoleProvider {
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

    use super::EcsRamRoleProvider;
    use crate::credentials::fake::{
        Counter, FakeServer, Reply, assert_no_secret, expiration_in, http, metadata_answer,
        refused_url,
    };
    use crate::credentials::{
        CachedProvider, Clock, CredentialsError, Environment, ProvideCredentials,
    };

    const SESSION: &str = "imds-session-token-value";
    const SECRET: &str = "ecs-secret-value";
    const TOKEN: &str = "ecs-sts-token-value";

    /// A metadata service: hardened mode on `PUT /latest/api/token`, role `EcsRole`.
    async fn metadata(hardened: bool, expiration: &'static str) -> FakeServer {
        FakeServer::start(move |seen| match (seen.method.as_str(), seen.path()) {
            ("PUT", "/latest/api/token") if hardened => {
                assert_eq!(
                    seen.header("x-aliyun-ecs-metadata-token-ttl-seconds"),
                    Some("21600")
                );
                Reply::ok(SESSION)
            }
            ("PUT", _) => Reply::new(404, "not found"),
            ("GET", path) => {
                if hardened && seen.header("x-aliyun-ecs-metadata-token") != Some(SESSION) {
                    return Reply::new(401, "");
                }
                match path {
                    "/latest/meta-data/ram/security-credentials/" => Reply::ok("EcsRole"),
                    "/latest/meta-data/ram/security-credentials/EcsRole" => {
                        let expiration = if expiration.is_empty() {
                            expiration_in(Duration::from_secs(6 * 3600))
                        } else {
                            expiration.to_owned()
                        };
                        Reply::ok(metadata_answer("STS.ecs", SECRET, TOKEN, &expiration))
                    }
                    _ => Reply::new(404, ""),
                }
            }
            _ => Reply::new(405, ""),
        })
        .await
    }

    fn provider(url: &str) -> EcsRamRoleProvider {
        EcsRamRoleProvider::new()
            .with_metadata_endpoint(url)
            .with_http_client(http())
    }

    #[tokio::test]
    async fn hardened_mode_discovers_the_role_with_the_session_token() {
        let server = metadata(true, "").await;
        let creds = provider(&server.url()).provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "STS.ecs");
        assert_eq!(creds.security_token(), Some(TOKEN));
        assert!(creds.expiry().unwrap() > SystemTime::now());

        let seen = server.requests();
        let paths: Vec<(String, String)> = seen
            .iter()
            .map(|s| (s.method.clone(), s.path().to_owned()))
            .collect();
        assert_eq!(
            paths,
            [
                ("PUT".into(), "/latest/api/token".into()),
                (
                    "GET".into(),
                    "/latest/meta-data/ram/security-credentials/".into()
                ),
                (
                    "GET".into(),
                    "/latest/meta-data/ram/security-credentials/EcsRole".into()
                ),
            ]
        );
        assert!(
            seen[1..]
                .iter()
                .all(|s| s.header("x-aliyun-ecs-metadata-token") == Some(SESSION))
        );
    }

    #[tokio::test]
    async fn a_named_role_skips_discovery_and_imdsv1_works_without_a_token() {
        let server = metadata(false, "").await;
        let creds = provider(&server.url())
            .with_role_name("EcsRole")
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "STS.ecs");
        let seen = server.requests();
        assert_eq!(seen.len(), 2, "token attempt, then the credentials");
        assert_eq!(
            seen[1].path(),
            "/latest/meta-data/ram/security-credentials/EcsRole"
        );
        assert_eq!(seen[1].header("x-aliyun-ecs-metadata-token"), None);
    }

    #[tokio::test]
    async fn imdsv1_disabled_requires_the_token() {
        let server = metadata(false, "").await;
        let err = provider(&server.url())
            .with_imdsv1_disabled(true)
            .provide()
            .await
            .unwrap_err();
        assert!(
            matches!(err, CredentialsError::Rejected { status: 404, .. }),
            "{err:?}"
        );
        assert_eq!(server.count(), 1, "nothing asked without a token");
    }

    #[tokio::test]
    async fn from_env_reads_role_and_switches() {
        let env = Environment::from_pairs([
            ("ALIBABA_CLOUD_ECS_METADATA", "EcsRole"),
            ("ALIBABA_CLOUD_IMDSV1_DISABLED", "true"),
        ]);
        let p = EcsRamRoleProvider::from_env(&env).unwrap();
        assert_eq!(p.role_name.as_deref(), Some("EcsRole"));
        assert!(p.imdsv1_disabled);
        let err = EcsRamRoleProvider::from_env(&Environment::from_pairs([(
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
            "TRUE",
        )]))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "ecs_ram_role: not configured: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"
        );
    }

    #[tokio::test]
    async fn expiry_drives_the_refresh() {
        // Every answer expires 10 minutes after it is given; the clock is moved by hand.
        let calls = Counter::default();
        let counted = calls.clone();
        let server = FakeServer::start(move |seen| {
            if seen.method == "PUT" {
                return Reply::ok(SESSION);
            }
            let n = counted.next();
            Reply::ok(metadata_answer(
                &format!("STS.ecs-{n}"),
                SECRET,
                TOKEN,
                &expiration_in(Duration::from_secs(600)),
            ))
        })
        .await;
        let now = Arc::new(Mutex::new(SystemTime::now()));
        let clock_now = Arc::clone(&now);
        let cached = CachedProvider::new(provider(&server.url()).with_role_name("EcsRole"))
            .with_clock(Clock::from_fn(move || *clock_now.lock().unwrap()));
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "STS.ecs-0");
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "STS.ecs-0");
        *now.lock().unwrap() += Duration::from_secs(330);
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "STS.ecs-1");
        assert_eq!(calls.get(), 2);
    }

    #[tokio::test]
    async fn server_down_is_unreachable() {
        let url = refused_url().await;
        let err = provider(&url).provide().await.unwrap_err();
        let CredentialsError::Unreachable { reason, .. } = &err else {
            panic!("{err:?}");
        };
        assert!(
            reason.starts_with(&format!("cannot connect to {url}")),
            "{reason}"
        );
    }

    #[tokio::test]
    async fn malformed_answers_are_named_without_secrets() {
        let cases: [(&'static str, &str); 5] = [
            ("not json", "the body is not JSON"),
            (
                r#"{"Code":"Failed","AccessKeyId":"a","AccessKeySecret":"s3cr3t-x"}"#,
                "with Code Failed",
            ),
            (
                r#"{"AccessKeyId":"a","AccessKeySecret":"s3cr3t-x","SecurityToken":"t0k3n-x","Expiration":"2030-01-01T00:00:00Z"}"#,
                "with Code (none)",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"s3cr3t-x","Expiration":"2030-01-01T00:00:00Z"}"#,
                "field `SecurityToken` is missing",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"s3cr3t-x","SecurityToken":"t0k3n-x","Expiration":"2030-01-01"}"#,
                "field `Expiration` is not a UTC time",
            ),
        ];
        for (body, expected) in cases {
            let server = FakeServer::start(move |seen| {
                if seen.method == "PUT" {
                    Reply::ok(SESSION)
                } else {
                    Reply::ok(body)
                }
            })
            .await;
            let err = provider(&server.url())
                .with_role_name("EcsRole")
                .provide()
                .await
                .unwrap_err();
            let text = format!("{err} {err:?}");
            assert!(text.contains(expected), "{expected}: {text}");
            assert_no_secret(&text, &["s3cr3t-x", "t0k3n-x", SESSION]);
        }
    }

    #[tokio::test]
    async fn an_instance_without_a_role_is_named() {
        let server = FakeServer::start(|seen| {
            if seen.method == "PUT" {
                Reply::ok(SESSION)
            } else {
                Reply::ok("")
            }
        })
        .await;
        let err = provider(&server.url()).provide().await.unwrap_err();
        assert!(
            err.to_string()
                .ends_with("no RAM role is attached to the instance"),
            "{err}"
        );
    }
}
