//! A RAM role assumed with STS `AssumeRole`, signed with another provider's AccessKey.
//!
//! As `credentials-go` (`providers/ram_role_arn.go`) sends it: `POST` to the STS endpoint with the common
//! parameters and a Signature V1 (`HMAC-SHA1`) in the query, and `RoleArn`, `RoleSessionName`,
//! `DurationSeconds` and the optional `Policy` and `ExternalId` in a form body, signed with the query. This
//! crate builds the request with its own [`build_request`](crate::request::build_request) and V1 signer, so
//! the signature is the same one every RPC call uses. The base credentials come from any provider and may
//! themselves be STS credentials (their token is sent as `SecurityToken`): that is how roles are chained.

use std::sync::Arc;
use std::time::Duration;

use super::http::{Fetcher, target_of};
use super::provider::{ProvideCredentials, ProvideFuture};
use super::sts::{
    DEFAULT_DURATION, STS_TIMEOUTS, STS_VERSION, check_duration, default_session_name, read_answer,
};
use super::{Credentials, CredentialsError, DEFAULT_STS_ENDPOINT};
use crate::client::Timeouts;
use crate::params::{Location, Params};
use crate::request::{Config, OperationInfo, SignatureVersion, SigningInputs, build_request};

const NAME: &str = "ram_role_arn";

/// Temporary credentials of a RAM role, for the AccessKey of a user (or role) allowed to assume it.
///
/// ```no_run
/// use aliyun_rpc_runtime::credentials::{EnvironmentProvider, RamRoleArnProvider};
///
/// let provider = RamRoleArnProvider::new(EnvironmentProvider::new(), "acs:ram::123456789012:role/deployer")
///     .with_session_name("nightly-deploy");
/// ```
#[derive(Debug, Clone)]
pub struct RamRoleArnProvider {
    base: Arc<dyn ProvideCredentials>,
    role_arn: String,
    session_name: String,
    duration: Duration,
    policy: Option<String>,
    external_id: Option<String>,
    sts_endpoint: String,
    fetcher: Fetcher,
}

impl RamRoleArnProvider {
    /// Assumes `role_arn` with the credentials `base` provides; global STS endpoint, one-hour sessions.
    pub fn new(base: impl ProvideCredentials + 'static, role_arn: impl Into<String>) -> Self {
        Self::with_base(Arc::new(base), role_arn)
    }

    /// Like [`Self::new`] with a shared base provider.
    pub fn with_base(base: Arc<dyn ProvideCredentials>, role_arn: impl Into<String>) -> Self {
        Self {
            base,
            role_arn: role_arn.into(),
            session_name: default_session_name(),
            duration: DEFAULT_DURATION,
            policy: None,
            external_id: None,
            sts_endpoint: DEFAULT_STS_ENDPOINT.to_owned(),
            fetcher: Fetcher::new(STS_TIMEOUTS),
        }
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

    /// The external ID the role's trust policy requires.
    pub fn with_external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
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

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let duration = check_duration(NAME, self.duration)?.to_string();
        let base = self.base.provide().await?;

        const ASSUME_ROLE: OperationInfo = OperationInfo {
            action: "AssumeRole",
            version: STS_VERSION,
            method: "POST",
            endpoint_template: "sts.aliyuncs.com",
        };
        let mut params = Params::new();
        params.push(Location::Form, "RoleArn", self.role_arn.as_str());
        params.push(
            Location::Form,
            "RoleSessionName",
            self.session_name.as_str(),
        );
        params.push(Location::Form, "DurationSeconds", duration.as_str());
        if let Some(policy) = &self.policy {
            params.push(Location::Form, "Policy", policy.as_str());
        }
        if let Some(external_id) = &self.external_id {
            params.push(Location::Form, "ExternalId", external_id.as_str());
        }
        let config = Config::new("")
            .with_endpoint(self.sts_endpoint.clone())
            .with_signature_version(SignatureVersion::V1);
        let request_error = |reason: String| CredentialsError::Request {
            provider: NAME,
            reason,
        };
        let inputs = SigningInputs::fresh().map_err(|err| request_error(err.to_string()))?;
        let request = build_request(&ASSUME_ROLE, &params, &config, &base, &inputs)
            .map_err(|err| request_error(err.to_string()))?;
        let target = target_of(request.uri());
        // The V1 query carries the signature and the base token: only scheme and authority are shown.
        let shown = target.trim_end_matches('/').to_owned();
        tracing::debug!(provider = NAME, target = %shown, role_arn = %self.role_arn, "AssumeRole");
        let answer = self.fetcher.send(NAME, request.into_inner()).await?;
        read_answer(NAME, &shown, &answer)
    }
}

impl ProvideCredentials for RamRoleArnProvider {
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

    use super::RamRoleArnProvider;
    use crate::credentials::fake::{
        Counter, FakeServer, Reply, assert_no_secret, expiration_in, http, refused_url, sts_answer,
    };
    use crate::credentials::{
        CachedProvider, Clock, Credentials, CredentialsError, ProvideCredentials,
    };
    use crate::sign::v1;

    const BASE_SECRET: &str = "base-secret-value";
    const BASE_TOKEN: &str = "base-sts-token";

    fn provider(url: &str, base: Credentials) -> RamRoleArnProvider {
        RamRoleArnProvider::new(base, "acs:ram::1:role/deployer")
            .with_session_name("s1")
            .with_policy(r#"{"Version":"1"}"#)
            .with_external_id("ext-1")
            .with_sts_endpoint(url)
            .with_http_client(http())
    }

    #[tokio::test]
    async fn assume_role_is_signed_with_v1_over_query_and_form() {
        let server = FakeServer::start(|_| {
            Reply::ok(sts_answer(
                "STS.role",
                "role-secret",
                "role-token",
                &expiration_in(Duration::from_secs(3600)),
            ))
        })
        .await;
        let base = Credentials::new("LTAIbase", BASE_SECRET).with_security_token(BASE_TOKEN);
        let creds = provider(&server.url(), base).provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "STS.role");
        assert_eq!(creds.access_key_secret(), "role-secret");
        assert_eq!(creds.security_token(), Some("role-token"));

        let seen = &server.requests()[0];
        assert_eq!(seen.method, "POST");
        let query = seen.query();
        let get = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("Action"), Some("AssumeRole"));
        assert_eq!(get("Version"), Some("2015-04-01"));
        assert_eq!(get("AccessKeyId"), Some("LTAIbase"));
        assert_eq!(get("SecurityToken"), Some(BASE_TOKEN));
        assert_eq!(get("SignatureMethod"), Some("HMAC-SHA1"));
        let form = seen.form();
        for (k, v) in [
            ("RoleArn", "acs:ram::1:role/deployer"),
            ("RoleSessionName", "s1"),
            ("DurationSeconds", "3600"),
            ("Policy", r#"{"Version":"1"}"#),
            ("ExternalId", "ext-1"),
        ] {
            assert!(form.contains(&(k.to_owned(), v.to_owned())), "{form:?}");
        }
        // The gateway's check: the signature over query and form, with the base secret.
        let mut signed: Vec<(String, String)> = query.clone();
        signed.extend(form);
        let expected = v1::signature("POST", &signed, BASE_SECRET);
        assert_eq!(get("Signature"), Some(expected.as_str()));
    }

    #[tokio::test]
    async fn refresh_when_expiry_nears_asks_the_base_again() {
        let calls = Counter::default();
        let counted = calls.clone();
        let server = FakeServer::start(move |_| {
            let n = counted.next();
            Reply::ok(sts_answer(
                &format!("STS.role-{n}"),
                "s",
                "t",
                &expiration_in(Duration::from_secs(900)),
            ))
        })
        .await;
        let now = Arc::new(Mutex::new(SystemTime::now()));
        let clock_now = Arc::clone(&now);
        let cached = CachedProvider::new(provider(&server.url(), Credentials::new("id", "s")))
            .with_clock(Clock::from_fn(move || *clock_now.lock().unwrap()));
        assert_eq!(
            cached.provide().await.unwrap().access_key_id(),
            "STS.role-0"
        );
        assert_eq!(
            cached.provide().await.unwrap().access_key_id(),
            "STS.role-0"
        );
        *now.lock().unwrap() += Duration::from_secs(700);
        assert_eq!(
            cached.provide().await.unwrap().access_key_id(),
            "STS.role-1"
        );
        assert_eq!(calls.get(), 2);
    }

    #[tokio::test]
    async fn errors_carry_no_secret() {
        let base = || Credentials::new("LTAIbase", BASE_SECRET).with_security_token(BASE_TOKEN);
        let url = refused_url().await;
        let err = provider(&url, base()).provide().await.unwrap_err();
        assert!(
            matches!(err, CredentialsError::Unreachable { .. }),
            "{err:?}"
        );
        assert_no_secret(
            &format!("{err} {err:?}"),
            &[BASE_SECRET, BASE_TOKEN, "Signature"],
        );

        let server = FakeServer::start(|_| {
            Reply::new(
                400,
                r#"{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation."}"#,
            )
        })
        .await;
        let err = provider(&server.url(), base()).provide().await.unwrap_err();
        let text = err.to_string();
        assert_eq!(
            text,
            format!(
                "ram_role_arn: {} answered HTTP 400 with Code SignatureDoesNotMatch: Specified signature is not matched with our calculation.",
                server.url()
            )
        );
        assert_no_secret(&format!("{text} {err:?}"), &[BASE_SECRET, BASE_TOKEN]);

        let server = FakeServer::start(|_| Reply::ok(r#"{"RequestId":"R"}"#)).await;
        let err = provider(&server.url(), base()).provide().await.unwrap_err();
        assert!(
            err.to_string().ends_with("field `Credentials` is missing"),
            "{err}"
        );

        let debug = format!("{:?}", provider("http://127.0.0.1:1", base()));
        assert_no_secret(&debug, &[BASE_SECRET, BASE_TOKEN]);
    }

    #[tokio::test]
    async fn base_failure_is_returned() {
        #[derive(Debug)]
        struct Failing;
        impl ProvideCredentials for Failing {
            fn provide(&self) -> crate::credentials::ProvideFuture<'_> {
                Box::pin(async {
                    Err(CredentialsError::Missing {
                        variable: "ALIBABA_CLOUD_ACCESS_KEY_ID",
                    })
                })
            }
        }
        let err = RamRoleArnProvider::new(Failing, "r")
            .provide()
            .await
            .unwrap_err();
        assert_eq!(
            err,
            CredentialsError::Missing {
                variable: "ALIBABA_CLOUD_ACCESS_KEY_ID"
            }
        );
    }
}
