//! The default credential chain, in the official order.
//!
//! `credentials-go` `providers/default.go` and the Python `alibabacloud-credentials`
//! `provider/default.py` (read for this crate) build the same list, and the "Manage access credentials"
//! pages of the Alibaba Cloud SDK documentation describe it:
//!
//! 1. [`EnvironmentProvider`] — `ALIBABA_CLOUD_ACCESS_KEY_ID` / `…_SECRET` / `…_SECURITY_TOKEN`;
//! 2. [`OidcRoleProvider`] — only when `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
//!    `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are all set;
//! 3. [`CliProfileProvider`] — `~/.aliyun/config.json`, unless `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`;
//! 4. [`ProfileFileProvider`] — `~/.alibabacloud/credentials`;
//! 5. [`EcsRamRoleProvider`] — unless `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`;
//! 6. [`CredentialsUriProvider`] — only when `ALIBABA_CLOUD_CREDENTIALS_URI` is set.
//!
//! The links are chosen when the chain is built, from the environment at that moment. Each call asks them
//! in order until one yields credentials; that one is remembered and asked alone from then on (the
//! libraries' "reuse last provider", on by default in Python). When none yields, the error lists every
//! link, those left out included, with what it said.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::provider::{ProvideCredentials, ProvideFuture};
use super::settings::Settings;
use super::{
    CLI_PROFILE_DISABLED_VAR, CliProfileProvider, Credentials, CredentialsError,
    CredentialsUriProvider, EcsRamRoleProvider, Environment, EnvironmentProvider, OidcRoleProvider,
    ProfileFileProvider,
};

const NAME: &str = "default";
/// No provider has won yet.
const NONE: usize = usize::MAX;

/// One link of the chain: a provider, or the reason it was left out.
#[derive(Debug)]
enum Link {
    Active(Arc<dyn ProvideCredentials>),
    Skipped(&'static str, CredentialsError),
}

/// The official default chain. See the [module documentation](super) for the order.
///
/// ```no_run
/// use aliyun_rpc_runtime::credentials::{CachedProvider, DefaultChain};
///
/// // What `Client::from_env` uses: the chain behind a cache.
/// let provider = CachedProvider::new(DefaultChain::new());
/// ```
#[derive(Debug)]
pub struct DefaultChain {
    links: Vec<Link>,
    last: AtomicUsize,
}

impl DefaultChain {
    /// The chain for the process environment and the user's home directory.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A builder, for another environment, home directory or endpoints (tests point these at temporary
    /// directories and loopback fakes).
    pub fn builder() -> DefaultChainBuilder {
        DefaultChainBuilder::default()
    }

    /// The names of the providers the chain asks, in order (those left out are not listed).
    pub fn provider_names(&self) -> Vec<&'static str> {
        self.links
            .iter()
            .filter_map(|link| match link {
                Link::Active(provider) => Some(provider.name()),
                Link::Skipped(..) => None,
            })
            .collect()
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        let last = self.last.load(Ordering::Acquire);
        if let Some(Link::Active(provider)) = self.links.get(last) {
            return provider.provide().await;
        }
        let mut failures = Vec::with_capacity(self.links.len());
        for (index, link) in self.links.iter().enumerate() {
            match link {
                Link::Skipped(name, err) => failures.push((*name, err.clone())),
                Link::Active(provider) => match provider.provide().await {
                    Ok(creds) => {
                        tracing::debug!(provider = provider.name(), "credentials found");
                        self.last.store(index, Ordering::Release);
                        return Ok(creds);
                    }
                    Err(err) => {
                        tracing::debug!(provider = provider.name(), error = %err, "no credentials");
                        failures.push((provider.name(), err));
                    }
                },
            }
        }
        Err(CredentialsError::Chain { failures })
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.get())
    }

    fn name(&self) -> &'static str {
        NAME
    }
}

/// Builds a [`DefaultChain`].
#[derive(Debug, Clone, Default)]
pub struct DefaultChainBuilder {
    settings: Settings,
}

impl DefaultChainBuilder {
    /// Reads variables from `env` instead of the process environment.
    pub fn env(mut self, env: Environment) -> Self {
        self.settings.env = env;
        self
    }

    /// Looks for `.aliyun/config.json` and `.alibabacloud/credentials` under `home`.
    pub fn home_dir(mut self, home: impl Into<PathBuf>) -> Self {
        self.settings.home_dir = Some(home.into());
        self
    }

    /// Sends every STS call (`AssumeRoleWithOIDC`, and `AssumeRole` for role profiles) to `endpoint`.
    pub fn sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Asks `endpoint` instead of the ECS metadata service `http://100.100.100.200`.
    pub fn metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.metadata_endpoint = Some(endpoint.into());
        self
    }

    /// Sends every provider's requests through `http`.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.settings.http = Some(http);
        self
    }

    /// Chooses the links from the environment, in the official order.
    pub fn build(self) -> DefaultChain {
        let settings = self.settings;
        let env = &settings.env;
        let mut links = vec![Link::Active(Arc::new(EnvironmentProvider::with_env(
            env.clone(),
        )))];
        links.push(match OidcRoleProvider::from_env(env) {
            Ok(oidc) => Link::Active(Arc::new(settings.oidc(oidc))),
            Err(err) => Link::Skipped("oidc_role_arn", err),
        });
        links.push(if env.is_true(CLI_PROFILE_DISABLED_VAR) {
            Link::Skipped(
                "cli_profile",
                CredentialsError::NotConfigured {
                    provider: "cli_profile",
                    reason: format!("disabled by {CLI_PROFILE_DISABLED_VAR}=true"),
                },
            )
        } else {
            Link::Active(Arc::new(CliProfileProvider::with_settings(
                settings.clone(),
            )))
        });
        links.push(Link::Active(Arc::new(ProfileFileProvider::with_settings(
            settings.clone(),
        ))));
        links.push(match EcsRamRoleProvider::from_env(env) {
            Ok(ecs) => Link::Active(Arc::new(settings.ecs(ecs))),
            Err(err) => Link::Skipped("ecs_ram_role", err),
        });
        links.push(match CredentialsUriProvider::from_env(env) {
            Ok(uri) => Link::Active(Arc::new(settings.uri(uri))),
            Err(err) => Link::Skipped("credentials_uri", err),
        });
        DefaultChain {
            links,
            last: AtomicUsize::new(NONE),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::DefaultChain;
    use crate::credentials::fake::{
        FakeServer, Reply, TempDir, assert_no_secret, expiration_in, http, metadata_answer,
        refused_url, sts_answer,
    };
    use crate::credentials::{CredentialsError, Environment, ProvideCredentials};

    fn chain(dir: &TempDir, vars: &[(&str, &str)]) -> DefaultChain {
        DefaultChain::builder()
            .env(Environment::from_pairs(vars.to_vec()))
            .home_dir(dir.path())
            .http_client(http())
            .build()
    }

    #[test]
    fn links_follow_the_environment() {
        let dir = TempDir::new("chain-links");
        let all = [
            "env",
            "oidc_role_arn",
            "cli_profile",
            "profile",
            "ecs_ram_role",
            "credentials_uri",
        ];
        let names = chain(
            &dir,
            &[
                ("ALIBABA_CLOUD_ROLE_ARN", "r"),
                ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "p"),
                ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/t"),
                ("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:1/c"),
            ],
        )
        .provider_names();
        assert_eq!(names, all);
        let names = chain(
            &dir,
            &[
                ("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"),
                ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ],
        )
        .provider_names();
        assert_eq!(names, ["env", "profile"]);
    }

    #[tokio::test]
    async fn the_first_provider_with_credentials_wins_in_the_official_order() {
        let dir = TempDir::new("chain-order");
        dir.write(
            ".aliyun/config.json",
            r#"{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"from-cli","access_key_secret":"s"}]}"#,
        );
        dir.write(
            ".alibabacloud/credentials",
            "[default]\ntype = access_key\naccess_key_id = from-ini\naccess_key_secret = s\n",
        );
        let token = dir.write("token", "jwt");
        let sts = FakeServer::start(|_| {
            Reply::ok(sts_answer(
                "from-oidc",
                "s",
                "t",
                &expiration_in(Duration::from_secs(3600)),
            ))
        })
        .await;
        let down = refused_url().await;
        let env_vars = [
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "from-env"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s"),
        ];
        let oidc_vars = [
            ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r"),
            (
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                "acs:ram::1:oidc-provider/p",
            ),
            ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.to_str().unwrap()),
        ];
        let id = |vars: Vec<(&str, &str)>| {
            let chain = DefaultChain::builder()
                .env(Environment::from_pairs(vars))
                .home_dir(dir.path())
                .sts_endpoint(sts.url())
                .metadata_endpoint(down.clone())
                .http_client(http())
                .build();
            async move { chain.provide().await.map(|c| c.access_key_id().to_owned()) }
        };

        let everything: Vec<_> = env_vars.iter().chain(&oidc_vars).copied().collect();
        assert_eq!(id(everything).await.unwrap(), "from-env");
        assert_eq!(id(oidc_vars.to_vec()).await.unwrap(), "from-oidc");
        assert_eq!(id(vec![]).await.unwrap(), "from-cli");
        assert_eq!(
            id(vec![("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")])
                .await
                .unwrap(),
            "from-ini"
        );
    }

    #[tokio::test]
    async fn metadata_then_uri_come_last() {
        let dir = TempDir::new("chain-late");
        let metadata = FakeServer::start(|seen| match seen.method.as_str() {
            "PUT" => Reply::ok("session"),
            _ if seen.path().ends_with("/security-credentials/") => Reply::ok("Role"),
            _ => Reply::ok(metadata_answer(
                "from-ecs",
                "s",
                "t",
                &expiration_in(Duration::from_secs(3600)),
            )),
        })
        .await;
        let uri = FakeServer::start(|_| {
            Reply::ok(metadata_answer(
                "from-uri",
                "s",
                "t",
                &expiration_in(Duration::from_secs(3600)),
            ))
        })
        .await;
        let uri_var = format!("{}/creds", uri.url());
        let build = |metadata_url: String| {
            DefaultChain::builder()
                .env(Environment::from_pairs([(
                    "ALIBABA_CLOUD_CREDENTIALS_URI",
                    uri_var.as_str(),
                )]))
                .home_dir(dir.path())
                .metadata_endpoint(metadata_url)
                .http_client(http())
                .build()
        };
        let creds = build(metadata.url()).provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "from-ecs");
        assert_eq!(uri.count(), 0);
        let creds = build(refused_url().await).provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "from-uri");
    }

    #[tokio::test]
    async fn the_winner_is_asked_alone_afterwards() {
        let dir = TempDir::new("chain-reuse");
        let ini = dir.write(
            ".alibabacloud/credentials",
            "[default]\ntype = access_key\naccess_key_id = first\naccess_key_secret = s\n",
        );
        let chain = chain(&dir, &[("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")]);
        assert_eq!(chain.provide().await.unwrap().access_key_id(), "first");
        // The CLI file appears later: the chain keeps asking the ini file's provider.
        dir.write(
            ".aliyun/config.json",
            r#"{"current":"d","profiles":[{"name":"d","mode":"AK","access_key_id":"cli","access_key_secret":"s"}]}"#,
        );
        std::fs::write(
            &ini,
            "[default]\ntype = access_key\naccess_key_id = second\naccess_key_secret = s\n",
        )
        .unwrap();
        assert_eq!(chain.provide().await.unwrap().access_key_id(), "second");
    }

    #[tokio::test]
    async fn when_nothing_works_every_link_says_why() {
        let dir = TempDir::new("chain-none");
        let down = refused_url().await;
        let chain = DefaultChain::builder()
            .env(Environment::from_pairs([(
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                "lonely-secret-x",
            )]))
            .home_dir(dir.path())
            .metadata_endpoint(down.clone())
            .http_client(http())
            .build();
        let err = chain.provide().await.unwrap_err();
        let CredentialsError::Chain { failures } = &err else {
            panic!("{err:?}");
        };
        let names: Vec<&str> = failures.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "env",
                "oidc_role_arn",
                "cli_profile",
                "profile",
                "ecs_ram_role",
                "credentials_uri"
            ]
        );
        let text = err.to_string();
        for part in [
            "no credentials found by the default chain: env: environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
            "; oidc_role_arn: not configured: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set",
            "; cli_profile: ",
            "config.json: cannot read:",
            "; profile: ",
            "credentials: cannot read:",
            &format!("; ecs_ram_role: cannot connect to {down}"),
            "; credentials_uri: not configured: ALIBABA_CLOUD_CREDENTIALS_URI not set",
        ] {
            assert!(text.contains(part), "{part:?} not in {text}");
        }
        assert_no_secret(&format!("{text} {err:?} {chain:?}"), &["lonely-secret-x"]);
    }
}
