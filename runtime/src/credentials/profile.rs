//! The shared credentials file, `~/.alibabacloud/credentials` (ini).
//!
//! ```ini
//! [default]
//! type = access_key
//! access_key_id = foo
//! access_key_secret = bar
//! ```
//!
//! As `credentials-go` (`providers/profile.go`) and the Python library (`provider/profile.py`) read it: the
//! file is `ALIBABA_CLOUD_CREDENTIALS_FILE` or `<home>/.alibabacloud/credentials`; the section is
//! `ALIBABA_CLOUD_PROFILE` or `default`. Types and their keys:
//!
//! | `type` | keys |
//! | --- | --- |
//! | `access_key` | `access_key_id`, `access_key_secret` |
//! | `ram_role_arn` | `access_key_id`, `access_key_secret`, `role_arn`, `role_session_name`, `policy` |
//! | `ecs_ram_role` | `role_name` (discovered when empty) |
//! | `oidc_role_arn` | `role_arn`, `oidc_provider_arn`, `oidc_token_file_path`, `role_session_name`, `policy` |
//!
//! `rsa_key_pair`, `bearer` and other types are a [`CredentialsError::Unsupported`]. A section with
//! `enable = false` is refused (older SDKs documented the switch). The file is read at every call.

use std::path::PathBuf;
use std::sync::Arc;

use super::ini;
use super::provider::{ProvideCredentials, ProvideFuture};
use super::settings::Settings;
use super::sts::sts_endpoint_from_env;
use super::{
    Credentials, CredentialsError, EcsRamRoleProvider, Environment, OidcRoleProvider, PROFILE_VAR,
    RamRoleArnProvider,
};

/// Environment variable holding the path of the credentials file.
pub const CREDENTIALS_FILE_VAR: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";

const NAME: &str = "profile";

/// Credentials from a section of `~/.alibabacloud/credentials`.
#[derive(Debug, Clone, Default)]
pub struct ProfileFileProvider {
    settings: Settings,
    path: Option<PathBuf>,
    profile: Option<String>,
}

impl ProfileFileProvider {
    /// Reads the process environment and the user's home directory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads variables (`HOME`, `ALIBABA_CLOUD_CREDENTIALS_FILE`, `ALIBABA_CLOUD_PROFILE`) from `env`.
    pub fn with_env(mut self, env: Environment) -> Self {
        self.settings.env = env;
        self
    }

    /// Looks for `.alibabacloud/credentials` under `home` instead of the environment's home directory.
    pub fn with_home_dir(mut self, home: impl Into<PathBuf>) -> Self {
        self.settings.home_dir = Some(home.into());
        self
    }

    /// Reads `path` (ahead of `ALIBABA_CLOUD_CREDENTIALS_FILE` and the home directory).
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Uses the section `name` (ahead of `ALIBABA_CLOUD_PROFILE` and `default`).
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Sends the STS calls of `ram_role_arn` and `oidc_role_arn` sections to `endpoint`.
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Asks `endpoint` instead of the ECS metadata service for `ecs_ram_role` sections.
    pub fn with_metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.metadata_endpoint = Some(endpoint.into());
        self
    }

    /// Sends through `http` when a section needs the network.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.settings.http = Some(http);
        self
    }

    pub(super) fn with_settings(settings: Settings) -> Self {
        Self {
            settings,
            path: None,
            profile: None,
        }
    }

    /// The file this provider reads.
    pub fn path(&self) -> Result<PathBuf, CredentialsError> {
        if let Some(path) = &self.path {
            return Ok(path.clone());
        }
        if let Some(path) = self.settings.env.get(CREDENTIALS_FILE_VAR) {
            return Ok(PathBuf::from(path));
        }
        Ok(self
            .settings
            .home(NAME)?
            .join(".alibabacloud")
            .join("credentials"))
    }

    fn resolve(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let path = self.path()?;
        let error = |reason: String| CredentialsError::File {
            provider: NAME,
            path: path.clone(),
            reason,
        };
        let text =
            std::fs::read_to_string(&path).map_err(|err| error(format!("cannot read: {err}")))?;
        let sections = ini::parse(&text).map_err(error)?;
        let name = self
            .profile
            .clone()
            .or_else(|| self.settings.env.get(PROFILE_VAR))
            .unwrap_or_else(|| "default".to_owned());
        let entries =
            ini::section(&sections, &name).ok_or_else(|| error(format!("no section [{name}]")))?;
        let optional = |key: &str| ini::value(entries, key);
        let required = |key: &str| {
            optional(key).ok_or_else(|| error(format!("[{name}]: `{key}` is missing or empty")))
        };
        if optional("enable").is_some_and(|v| v.eq_ignore_ascii_case("false")) {
            return Err(error(format!("[{name}] is disabled (`enable = false`)")));
        }
        let access_key = || -> Result<Credentials, CredentialsError> {
            Ok(Credentials::new(
                required("access_key_id")?,
                required("access_key_secret")?,
            ))
        };
        let settings = &self.settings;
        let provider: Arc<dyn ProvideCredentials> = match required("type")? {
            "access_key" => Arc::new(access_key()?),
            "ram_role_arn" => {
                let mut role = RamRoleArnProvider::new(access_key()?, required("role_arn")?)
                    .with_sts_endpoint(sts_endpoint_from_env(&settings.env));
                if let Some(session) = optional("role_session_name") {
                    role = role.with_session_name(session);
                }
                if let Some(policy) = optional("policy") {
                    role = role.with_policy(policy);
                }
                Arc::new(settings.ram_role(role))
            }
            "ecs_ram_role" => {
                let mut ecs = EcsRamRoleProvider::new();
                if let Some(role) = optional("role_name") {
                    ecs = ecs.with_role_name(role);
                }
                Arc::new(settings.ecs(ecs))
            }
            "oidc_role_arn" => {
                let mut oidc = OidcRoleProvider::new(
                    required("role_arn")?,
                    required("oidc_provider_arn")?,
                    required("oidc_token_file_path")?,
                )
                .with_sts_endpoint(sts_endpoint_from_env(&settings.env));
                if let Some(session) = optional("role_session_name") {
                    oidc = oidc.with_session_name(session);
                }
                if let Some(policy) = optional("policy") {
                    oidc = oidc.with_policy(policy);
                }
                Arc::new(settings.oidc(oidc))
            }
            other => {
                return Err(CredentialsError::Unsupported {
                    provider: NAME,
                    what: format!("credential type `{other}` (section [{name}])"),
                });
            }
        };
        Ok(provider)
    }
}

impl ProvideCredentials for ProfileFileProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async move { self.resolve()?.provide().await })
    }

    fn name(&self) -> &'static str {
        NAME
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::ProfileFileProvider;
    use crate::credentials::fake::{
        FakeServer, Reply, TempDir, assert_no_secret, expiration_in, http, metadata_answer,
        sts_answer,
    };
    use crate::credentials::{CredentialsError, Environment, ProvideCredentials};

    const FILE: &str = "\
[default]                  # Default credential
type = access_key
access_key_id = foo
access_key_secret = bar-secret-x

[ram]
type = ram_role_arn
access_key_id = base
access_key_secret = base-secret-x
role_arn = acs:ram::1:role/r
role_session_name = ini-session

[ecs]
type = ecs_ram_role
role_name = EcsRamRoleTest

[oidc]
type = oidc_role_arn
role_arn = acs:ram::1:role/o
oidc_provider_arn = acs:ram::1:oidc-provider/p
oidc_token_file_path = TOKEN_PATH

[rsa]
type = rsa_key_pair
public_key_id = publicKeyId

[off]
enable = false
type = access_key
access_key_id = foo
access_key_secret = bar

[noak]
type = access_key
access_key_secret = bar-secret-x
";

    fn setup(label: &str) -> TempDir {
        let dir = TempDir::new(label);
        let token = dir.write("oidc-token", "oidc-jwt-x");
        dir.write(
            ".alibabacloud/credentials",
            &FILE.replace("TOKEN_PATH", token.to_str().unwrap()),
        );
        dir
    }

    fn provider(dir: &TempDir) -> ProfileFileProvider {
        ProfileFileProvider::new()
            .with_env(Environment::from_pairs::<&str, &str>([]))
            .with_home_dir(dir.path())
            .with_http_client(http())
    }

    #[tokio::test]
    async fn default_section_access_key() {
        let dir = setup("ini-ak");
        let creds = provider(&dir).provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "foo");
        assert_eq!(creds.access_key_secret(), "bar-secret-x");
    }

    #[tokio::test]
    async fn section_from_the_environment_and_file_override() {
        let dir = setup("ini-env");
        let elsewhere = dir.write(
            "other/credentials",
            "[work]\ntype = access_key\naccess_key_id = w\naccess_key_secret = ws\n",
        );
        let env = Environment::from_pairs([
            (
                "ALIBABA_CLOUD_CREDENTIALS_FILE",
                elsewhere.to_str().unwrap(),
            ),
            ("ALIBABA_CLOUD_PROFILE", "work"),
        ]);
        let creds = ProfileFileProvider::new()
            .with_env(env)
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "w");
    }

    #[tokio::test]
    async fn ram_role_arn_ecs_and_oidc_types_use_their_endpoints() {
        let dir = setup("ini-net");
        let sts = FakeServer::start(|seen| {
            let action = seen
                .query()
                .into_iter()
                .find(|(k, _)| k == "Action")
                .map(|(_, v)| v)
                .unwrap_or_default();
            Reply::ok(sts_answer(
                &format!("STS.{action}"),
                "s",
                "t",
                &expiration_in(Duration::from_secs(900)),
            ))
        })
        .await;
        let metadata = FakeServer::start(|seen| match seen.method.as_str() {
            "PUT" => Reply::ok("session"),
            _ => Reply::ok(metadata_answer(
                "STS.ecs",
                "s",
                "t",
                &expiration_in(Duration::from_secs(900)),
            )),
        })
        .await;
        let p = |section: &str| {
            provider(&dir)
                .with_profile(section)
                .with_sts_endpoint(sts.url())
                .with_metadata_endpoint(metadata.url())
        };
        assert_eq!(
            p("ram").provide().await.unwrap().access_key_id(),
            "STS.AssumeRole"
        );
        assert_eq!(
            p("oidc").provide().await.unwrap().access_key_id(),
            "STS.AssumeRoleWithOIDC"
        );
        assert_eq!(p("ecs").provide().await.unwrap().access_key_id(), "STS.ecs");
        let form = sts.requests()[0].form();
        assert!(
            form.contains(&("RoleSessionName".into(), "ini-session".into())),
            "{form:?}"
        );
        let form = sts.requests()[1].form();
        assert!(
            form.contains(&("OIDCToken".into(), "oidc-jwt-x".into())),
            "{form:?}"
        );
        assert_eq!(
            metadata.requests().last().unwrap().path(),
            "/latest/meta-data/ram/security-credentials/EcsRamRoleTest"
        );
    }

    #[tokio::test]
    async fn unsupported_disabled_and_incomplete_sections() {
        let dir = setup("ini-bad");
        let err = provider(&dir)
            .with_profile("rsa")
            .provide()
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "profile: unsupported credential type `rsa_key_pair` (section [rsa])"
        );
        let err = provider(&dir)
            .with_profile("off")
            .provide()
            .await
            .unwrap_err();
        assert!(
            err.to_string()
                .ends_with("[off] is disabled (`enable = false`)"),
            "{err}"
        );
        let err = provider(&dir)
            .with_profile("noak")
            .provide()
            .await
            .unwrap_err();
        assert!(
            err.to_string()
                .ends_with("[noak]: `access_key_id` is missing or empty"),
            "{err}"
        );
        let err = provider(&dir)
            .with_profile("nope")
            .provide()
            .await
            .unwrap_err();
        assert!(err.to_string().ends_with("no section [nope]"), "{err}");
        assert_no_secret(&format!("{err:?}"), &["bar-secret-x", "base-secret-x"]);
    }

    #[tokio::test]
    async fn missing_and_malformed_files() {
        let dir = TempDir::new("ini-missing");
        let err = provider(&dir).provide().await.unwrap_err();
        let CredentialsError::File { path, reason, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(path, &dir.path().join(".alibabacloud/credentials"));
        assert!(reason.starts_with("cannot read:"), "{reason}");

        dir.write(
            ".alibabacloud/credentials",
            "[default]\naccess_key_secret s3cr3t-x\n",
        );
        let err = provider(&dir).provide().await.unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(text.contains("line 2: expected `key = value`"), "{text}");
        assert_no_secret(&text, &["s3cr3t-x"]);
    }
}
