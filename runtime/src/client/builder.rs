//! One-line setup: [`ClientBuilder`] and the product description a generated crate passes to it.
//!
//! Modelled on `aws-config`'s `load_from_env()`: everything has a default taken from the environment, and
//! anything can be set in code instead. The builder is generic over the client it produces, so a generated
//! crate's `Client` (a wrapper of this crate's [`Client`]) gets the whole builder with a type alias, and its
//! `from_env()` is one line:
//!
//! ```
//! use aliyun_rpc_runtime::client::{ServiceInfo, SetupError};
//!
//! pub const SERVICE: ServiceInfo =
//!     ServiceInfo::new("outboundbot.{region}.aliyuncs.com", Some("cn-shanghai"));
//!
//! #[derive(Debug, Clone)]
//! pub struct Client {
//!     inner: aliyun_rpc_runtime::client::Client,
//! }
//!
//! impl From<aliyun_rpc_runtime::client::Client> for Client {
//!     fn from(inner: aliyun_rpc_runtime::client::Client) -> Self {
//!         Self { inner }
//!     }
//! }
//!
//! pub type ClientBuilder = aliyun_rpc_runtime::client::ClientBuilder<Client>;
//!
//! impl Client {
//!     pub async fn from_env() -> Result<Self, SetupError> {
//!         Self::builder().load().await
//!     }
//!
//!     pub fn builder() -> ClientBuilder {
//!         ClientBuilder::with_service(SERVICE)
//!     }
//! }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::{Client, Http, RetryPolicy, Timeouts};
use crate::Format;
use crate::credentials::{
    CachedProvider, Credentials, CredentialsError, DefaultChain, Environment, ProvideCredentials,
};
use crate::request::{BuildError, Config, REGION_PLACEHOLDER, SignatureVersion, endpoint};

/// Environment variable holding the region, e.g. `cn-shanghai`.
pub const REGION_VAR: &str = "ALIBABA_CLOUD_REGION_ID";
/// Environment variable holding an endpoint that replaces the product's (as `AWS_ENDPOINT_URL` does for the
/// AWS SDKs), e.g. `http://127.0.0.1:8080` for a local mock.
pub const ENDPOINT_VAR: &str = "ALIBABA_CLOUD_ENDPOINT";

/// What a generated crate knows about its product, for [`ClientBuilder::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ServiceInfo {
    /// The host with [`REGION_PLACEHOLDER`] where the region goes, e.g. `outboundbot.{region}.aliyuncs.com`
    /// (empty: unknown, and then the endpoint is checked at the first call instead of at setup).
    pub endpoint_template: &'static str,
    /// The region used when neither the builder nor `ALIBABA_CLOUD_REGION_ID` names one.
    pub default_region: Option<&'static str>,
}

impl ServiceInfo {
    /// A product at `endpoint_template`, by default in `default_region`.
    pub const fn new(
        endpoint_template: &'static str,
        default_region: Option<&'static str>,
    ) -> Self {
        Self {
            endpoint_template,
            default_region,
        }
    }
}

/// Why a client could not be set up.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SetupError {
    /// No region: none given, `ALIBABA_CLOUD_REGION_ID` unset, and the product has no default.
    NoRegion,
    /// The endpoint (the override, or the product's template filled with the region) is not usable.
    InvalidEndpoint(BuildError),
    /// The credentials provider has no credentials to give ([`ClientBuilder::load`] only).
    Credentials(CredentialsError),
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoRegion => write!(
                f,
                "no region: name one with ClientBuilder::region or set {REGION_VAR}"
            ),
            Self::InvalidEndpoint(err) => write!(f, "{err}"),
            Self::Credentials(err) => write!(f, "no credentials: {err}"),
        }
    }
}

impl std::error::Error for SetupError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::NoRegion => None,
            Self::InvalidEndpoint(err) => Some(err),
            Self::Credentials(err) => Some(err),
        }
    }
}

/// Builds a [`Client`] (or, for a generated crate, its own client `C`, made from one with `From`): region,
/// endpoint, credentials provider, signature version, format, retry policy, timeouts and HTTP client, each
/// from the builder, else the environment, else a default.
///
/// | setting | builder | environment | default |
/// | --- | --- | --- | --- |
/// | region | [`region`](Self::region) | `ALIBABA_CLOUD_REGION_ID` | [`ServiceInfo::default_region`] |
/// | endpoint | [`endpoint`](Self::endpoint) | `ALIBABA_CLOUD_ENDPOINT` | the product's template with the region |
/// | credentials | [`credentials`](Self::credentials), [`credentials_provider`](Self::credentials_provider) | the default chain's variables and files | [`DefaultChain`], cached |
/// | the rest | the other methods | — | JSON, signature V3, [`RetryPolicy::DEFAULT`], [`Timeouts::DEFAULT`] |
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use aliyun_rpc_runtime::client::{ClientBuilder, RetryPolicy, ServiceInfo};
/// use aliyun_rpc_runtime::credentials::EcsRamRoleProvider;
///
/// const SERVICE: ServiceInfo = ServiceInfo::new("outboundbot.{region}.aliyuncs.com", Some("cn-shanghai"));
/// let client = ClientBuilder::new(SERVICE)
///     .region("cn-beijing")
///     .credentials_provider(EcsRamRoleProvider::new().with_role_name("app"))
///     .retry_policy(RetryPolicy::none())
///     .build()?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder<C = Client> {
    service: ServiceInfo,
    region: Option<String>,
    endpoint: Option<String>,
    format: Format,
    signature_version: SignatureVersion,
    retry: RetryPolicy,
    timeouts: Timeouts,
    max_body_bytes: usize,
    http: Option<reqwest::Client>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    env: Environment,
    client: PhantomData<fn() -> C>,
}

impl ClientBuilder {
    /// A builder of this crate's [`Client`] for `service`, reading the process environment.
    pub fn new(service: ServiceInfo) -> Self {
        Self::with_service(service)
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder of `C` for `service`, reading the process environment: what a generated crate's
    /// `Client::builder()` returns.
    pub fn with_service(service: ServiceInfo) -> Self {
        Self {
            service,
            region: None,
            endpoint: None,
            format: Format::default(),
            signature_version: SignatureVersion::default(),
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            max_body_bytes: super::DEFAULT_MAX_BODY_BYTES,
            http: None,
            credentials: None,
            env: Environment::process(),
            client: PhantomData,
        }
    }

    /// The region, ahead of `ALIBABA_CLOUD_REGION_ID` and the product's default.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to `endpoint` (`https://host`, `http://host:port`, or a bare host meaning https),
    /// ahead of `ALIBABA_CLOUD_ENDPOINT`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Signs with fixed credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Asks `provider` for credentials, through a [`CachedProvider`] (renewal five minutes before expiry,
    /// one refresh at a time).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(CachedProvider::new(provider)));
        self
    }

    /// Asks `provider` for credentials as it is, without adding a cache.
    pub fn shared_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Signs with `version`.
    pub fn signature_version(mut self, version: SignatureVersion) -> Self {
        self.signature_version = version;
        self
    }

    /// Asks for answers in `format`.
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Retries according to `policy`.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Waits according to `timeouts`.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Reads at most `bytes` of an answer's body (see [`Client::with_max_body_bytes`]).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Sends through `http` (see [`Client::with_http_client`]).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Reads `ALIBABA_CLOUD_REGION_ID`, `ALIBABA_CLOUD_ENDPOINT` and the default chain's variables from
    /// `env` instead of the process environment.
    pub fn env(mut self, env: Environment) -> Self {
        self.env = env;
        self
    }

    /// The client, without any I/O: credentials are first asked for at the first call.
    pub fn build(self) -> Result<C, SetupError> {
        self.build_client().map(C::from)
    }

    fn build_client(self) -> Result<Client, SetupError> {
        let region = self
            .region
            .filter(|r| !r.is_empty())
            .or_else(|| self.env.get(REGION_VAR))
            .or_else(|| self.service.default_region.map(str::to_owned))
            .ok_or(SetupError::NoRegion)?;
        let endpoint = self
            .endpoint
            .filter(|e| !e.is_empty())
            .or_else(|| self.env.get(ENDPOINT_VAR));
        // Check the endpoint now so that a typo fails at setup, not at the first call.
        match &endpoint {
            Some(endpoint) => {
                endpoint::parse(endpoint).map_err(SetupError::InvalidEndpoint)?;
            }
            None if !self.service.endpoint_template.is_empty() => {
                let host = self
                    .service
                    .endpoint_template
                    .replace(REGION_PLACEHOLDER, &region);
                endpoint::parse(&host).map_err(SetupError::InvalidEndpoint)?;
            }
            None => {}
        }
        let mut config = Config::new(region)
            .with_format(self.format)
            .with_signature_version(self.signature_version);
        config.endpoint = endpoint;
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(CachedProvider::new(
                DefaultChain::builder().env(self.env).build(),
            )),
        };
        let mut client = Client::from_provider(config, credentials)
            .with_retry_policy(self.retry)
            .with_timeouts(self.timeouts)
            .with_max_body_bytes(self.max_body_bytes);
        if let Some(http) = self.http {
            client.http = Http::Supplied(http);
        }
        Ok(client)
    }

    /// [`Self::build`], then asks the credentials provider once, so that missing credentials are reported
    /// now (with what each provider of the chain said) and the first call finds them cached.
    pub async fn load(self) -> Result<C, SetupError> {
        let client = self.build_client()?;
        client
            .credentials
            .provide()
            .await
            .map_err(SetupError::Credentials)?;
        Ok(C::from(client))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{ClientBuilder, ServiceInfo, SetupError};
    use crate::credentials::fake::{FakeServer, Reply, TempDir, http};
    use crate::credentials::{
        Credentials, CredentialsError, Environment, ProvideCredentials, ProvideFuture,
    };
    use crate::params::{Location, Params};
    use crate::request::{BuildError, OperationInfo};

    const SERVICE: ServiceInfo =
        ServiceInfo::new("outboundbot.{region}.aliyuncs.com", Some("cn-shanghai"));
    const OP: OperationInfo = OperationInfo {
        action: "ModifyJobGroup",
        version: "2019-12-26",
        method: "POST",
        endpoint_template: "outboundbot.{region}.aliyuncs.com",
    };

    /// No variables but those given, and never the metadata service.
    fn env(vars: &[(&str, &str)]) -> Environment {
        let mut all = vec![("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")];
        all.extend_from_slice(vars);
        Environment::from_pairs(all)
    }

    fn params() -> Params {
        let mut params = Params::new();
        params.push(Location::Query, "InstanceId", "inst-1");
        params
    }

    #[test]
    fn region_comes_from_the_builder_then_the_environment_then_the_product() {
        let region = |builder: ClientBuilder| builder.build().unwrap().config().region.clone();
        let with_var = env(&[("ALIBABA_CLOUD_REGION_ID", "cn-beijing")]);
        assert_eq!(
            region(
                ClientBuilder::new(SERVICE)
                    .env(with_var.clone())
                    .region("cn-hangzhou")
            ),
            "cn-hangzhou"
        );
        assert_eq!(
            region(ClientBuilder::new(SERVICE).env(with_var)),
            "cn-beijing"
        );
        assert_eq!(
            region(ClientBuilder::new(SERVICE).env(env(&[]))),
            "cn-shanghai"
        );
        let err = ClientBuilder::new(ServiceInfo::default())
            .env(env(&[]))
            .build()
            .unwrap_err();
        assert_eq!(err, SetupError::NoRegion);
        assert_eq!(
            err.to_string(),
            "no region: name one with ClientBuilder::region or set ALIBABA_CLOUD_REGION_ID"
        );
    }

    #[test]
    fn endpoint_comes_from_the_builder_then_the_environment_and_is_checked() {
        let endpoint = |builder: ClientBuilder| builder.build().unwrap().config().endpoint.clone();
        let with_var = env(&[("ALIBABA_CLOUD_ENDPOINT", "http://127.0.0.1:8080")]);
        assert_eq!(
            endpoint(
                ClientBuilder::new(SERVICE)
                    .env(with_var.clone())
                    .endpoint("http://127.0.0.1:9")
            ),
            Some("http://127.0.0.1:9".to_owned())
        );
        assert_eq!(
            endpoint(ClientBuilder::new(SERVICE).env(with_var)),
            Some("http://127.0.0.1:8080".to_owned())
        );
        assert_eq!(endpoint(ClientBuilder::new(SERVICE).env(env(&[]))), None);

        let err = ClientBuilder::new(SERVICE)
            .env(env(&[("ALIBABA_CLOUD_ENDPOINT", "ftp://x")]))
            .build()
            .unwrap_err();
        assert!(
            matches!(
                err,
                SetupError::InvalidEndpoint(BuildError::InvalidEndpoint { .. })
            ),
            "{err:?}"
        );
        let err = ClientBuilder::new(SERVICE)
            .env(env(&[]))
            .region("bad region")
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid endpoint \"outboundbot.bad region.aliyuncs.com\": not a valid host[:port]"
        );
    }

    #[tokio::test]
    async fn the_environment_alone_points_a_client_at_a_local_server() {
        let server = FakeServer::start(|_| Reply::ok(r#"{"RequestId":"R","Success":true}"#)).await;
        let home = TempDir::new("builder-env");
        let client = ClientBuilder::new(SERVICE)
            .env(env(&[
                ("HOME", home.path().to_str().unwrap()),
                ("ALIBABA_CLOUD_ENDPOINT", &server.url()),
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
            ]))
            .http_client(http())
            .load()
            .await
            .unwrap();
        let answer = client.send(&OP, &params()).await.unwrap();
        assert_eq!(answer.status, 200);
        let seen = &server.requests()[0];
        let authorization = seen.header("authorization").unwrap();
        assert!(
            authorization.contains("Credential=env-id"),
            "{authorization}"
        );
    }

    #[tokio::test]
    async fn load_reports_what_the_chain_said() {
        let home = TempDir::new("builder-none");
        let err = ClientBuilder::new(SERVICE)
            .env(env(&[("HOME", home.path().to_str().unwrap())]))
            .load()
            .await
            .unwrap_err();
        let SetupError::Credentials(CredentialsError::Chain { failures }) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(failures.len(), 6);
        let text = err.to_string();
        assert!(
            text.starts_with("no credentials: no credentials found by the default chain: env: environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set"),
            "{text}"
        );
        assert!(
            text.contains(
                "ecs_ram_role: not configured: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"
            ),
            "{text}"
        );
        // `build` does no I/O, so the same setup builds, and fails at the first call instead.
        let client = ClientBuilder::new(SERVICE)
            .env(env(&[("HOME", home.path().to_str().unwrap())]))
            .build()
            .unwrap();
        let err = client.send(&OP, &params()).await.unwrap_err();
        assert_eq!(
            err.kind(),
            crate::transport_error::TransportErrorKind::Credentials
        );
    }

    /// Hands out `id-N`, counting calls.
    #[derive(Debug, Default)]
    struct Rotating(AtomicUsize);

    impl ProvideCredentials for Rotating {
        fn provide(&self) -> ProvideFuture<'_> {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move { Ok(Credentials::new(format!("id-{n}"), "secret")) })
        }
    }

    #[tokio::test]
    async fn the_client_asks_its_provider_per_attempt_through_the_cache() {
        let server = FakeServer::start(|_| Reply::ok("{}")).await;
        let shared = Arc::new(Rotating::default());
        // Uncached: every call asks the provider.
        let client = ClientBuilder::new(SERVICE)
            .env(env(&[]))
            .endpoint(server.url())
            .shared_credentials_provider(shared.clone())
            .http_client(http())
            .build()
            .unwrap();
        client.send(&OP, &params()).await.unwrap();
        client.send(&OP, &params()).await.unwrap();
        assert_eq!(shared.0.load(Ordering::SeqCst), 2);
        let ids: Vec<String> = server
            .requests()
            .iter()
            .map(|s| s.header("authorization").unwrap().to_owned())
            .collect();
        assert!(
            ids[0].contains("Credential=id-0") && ids[1].contains("Credential=id-1"),
            "{ids:?}"
        );

        // Through `credentials_provider`, cached: asked once (the credentials do not expire).
        let client = ClientBuilder::new(SERVICE)
            .env(env(&[]))
            .endpoint(server.url())
            .credentials_provider(Rotating::default())
            .http_client(http())
            .build()
            .unwrap();
        for _ in 0..3 {
            client.send(&OP, &params()).await.unwrap();
        }
        let last = server
            .requests()
            .last()
            .unwrap()
            .header("authorization")
            .unwrap()
            .to_owned();
        assert!(last.contains("Credential=id-0"), "{last}");
    }
}
