//! The Alibaba Cloud CLI's profile file, `~/.aliyun/config.json`.
//!
//! ```json
//! {"current": "default",
//!  "profiles": [{"name": "default", "mode": "AK", "access_key_id": "…", "access_key_secret": "…"}]}
//! ```
//!
//! As `credentials-go` (`providers/cli_profile.go`) and the Python library (`provider/cli_profile.py`) read
//! it: the file is `ALIBABA_CLOUD_CONFIG_FILE` (Go) or `<home>/.aliyun/config.json`; the profile is the one
//! named by `ALIBABA_CLOUD_PROFILE`, else `current`; `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` turns the
//! provider off. Modes and their fields:
//!
//! | `mode` | fields |
//! | --- | --- |
//! | `AK` | `access_key_id`, `access_key_secret` |
//! | `StsToken` | `access_key_id`, `access_key_secret`, `sts_token` |
//! | `RamRoleArn` | `access_key_id`, `access_key_secret`, `ram_role_arn`, `ram_session_name`, `expired_seconds`, `sts_region`, `enable_vpc`, `policy`, `external_id` |
//! | `EcsRamRole` | `ram_role_name` (discovered when empty) |
//! | `OIDC` | `oidc_token_file`, `oidc_provider_arn`, `ram_role_arn`, `ram_session_name`, `expired_seconds`, `sts_region`, `enable_vpc`, `policy` |
//! | `ChainableRamRoleArn` | `source_profile` (another profile, resolved the same way) and the `RamRoleArn` role fields |
//!
//! `CloudSSO`, `OAuth`, `External` and any other mode are a [`CredentialsError::Unsupported`]. The file is read
//! at every call (wrap the provider in a `CachedProvider`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use super::provider::{ProvideCredentials, ProvideFuture};
use super::settings::Settings;
use super::sts::{sts_endpoint, sts_endpoint_from_env};
use super::{
    Credentials, CredentialsError, EcsRamRoleProvider, Environment, OidcRoleProvider,
    RamRoleArnProvider,
};

/// Environment variable naming the profile (of the CLI file, and the section of the credentials file).
pub const PROFILE_VAR: &str = "ALIBABA_CLOUD_PROFILE";
/// Environment variable holding the path of the CLI's config file (as `credentials-go` reads it).
pub const CONFIG_FILE_VAR: &str = "ALIBABA_CLOUD_CONFIG_FILE";
/// Environment variable that, when `true`, disables the CLI profile provider.
pub const CLI_PROFILE_DISABLED_VAR: &str = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";

const NAME: &str = "cli_profile";
/// How deep `ChainableRamRoleArn` profiles may chain (also stops cycles).
const MAX_CHAIN: usize = 8;

/// Credentials from a profile of `~/.aliyun/config.json`.
#[derive(Debug, Clone, Default)]
pub struct CliProfileProvider {
    settings: Settings,
    path: Option<PathBuf>,
    profile: Option<String>,
}

impl CliProfileProvider {
    /// Reads the process environment and the user's home directory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads variables (`HOME`, `ALIBABA_CLOUD_PROFILE`, …) from `env`.
    pub fn with_env(mut self, env: Environment) -> Self {
        self.settings.env = env;
        self
    }

    /// Looks for `.aliyun/config.json` under `home` instead of the environment's home directory.
    pub fn with_home_dir(mut self, home: impl Into<PathBuf>) -> Self {
        self.settings.home_dir = Some(home.into());
        self
    }

    /// Reads `path` (ahead of `ALIBABA_CLOUD_CONFIG_FILE` and the home directory).
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Uses the profile `name` (ahead of `ALIBABA_CLOUD_PROFILE` and `current`).
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Sends the STS calls of `RamRoleArn`, `ChainableRamRoleArn` and `OIDC` profiles to `endpoint`.
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Asks `endpoint` instead of the ECS metadata service for `EcsRamRole` profiles.
    pub fn with_metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.metadata_endpoint = Some(endpoint.into());
        self
    }

    /// Sends through `http` when a profile needs the network.
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
        if let Some(path) = self.settings.env.get(CONFIG_FILE_VAR) {
            return Ok(PathBuf::from(path));
        }
        Ok(self
            .settings
            .home(NAME)?
            .join(".aliyun")
            .join("config.json"))
    }

    /// Builds the provider the selected profile describes.
    fn resolve(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        if self.settings.env.is_true(CLI_PROFILE_DISABLED_VAR) {
            return Err(CredentialsError::NotConfigured {
                provider: NAME,
                reason: format!("disabled by {CLI_PROFILE_DISABLED_VAR}=true"),
            });
        }
        let path = self.path()?;
        let file = File::read(path)?;
        let name = match self
            .profile
            .clone()
            .or_else(|| self.settings.env.get(PROFILE_VAR))
        {
            Some(name) => name,
            None => file.current()?,
        };
        file.provider(&name, &self.settings, 0)
    }
}

/// The parsed file, with its path for errors.
struct File {
    path: PathBuf,
    root: Map<String, Value>,
}

impl File {
    fn read(path: PathBuf) -> Result<Self, CredentialsError> {
        let error = |path: &PathBuf, reason: String| CredentialsError::File {
            provider: NAME,
            path: path.clone(),
            reason,
        };
        let bytes =
            std::fs::read(&path).map_err(|err| error(&path, format!("cannot read: {err}")))?;
        // Syntax errors give a line and column, never text.
        let root = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(root)) => root,
            Ok(_) => return Err(error(&path, "not a JSON object".to_owned())),
            Err(err) if err.is_syntax() || err.is_eof() => {
                return Err(error(&path, format!("not valid JSON ({err})")));
            }
            Err(_) => return Err(error(&path, "not valid JSON".to_owned())),
        };
        Ok(Self { path, root })
    }

    fn error(&self, reason: String) -> CredentialsError {
        CredentialsError::File {
            provider: NAME,
            path: self.path.clone(),
            reason,
        }
    }

    fn current(&self) -> Result<String, CredentialsError> {
        match self.root.get("current") {
            Some(Value::String(name)) if !name.is_empty() => Ok(name.clone()),
            _ => Err(self.error(format!(
                "no `current` profile, and {PROFILE_VAR} is not set"
            ))),
        }
    }

    fn profile(&self, name: &str) -> Result<Profile<'_>, CredentialsError> {
        let Some(Value::Array(profiles)) = self.root.get("profiles") else {
            return Err(self.error("no `profiles` list".to_owned()));
        };
        profiles
            .iter()
            .filter_map(Value::as_object)
            .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
            .map(|fields| Profile {
                file: self,
                name: name.to_owned(),
                fields,
            })
            .ok_or_else(|| self.error(format!("no profile named `{name}`")))
    }

    fn provider(
        &self,
        name: &str,
        settings: &Settings,
        depth: usize,
    ) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        if depth >= MAX_CHAIN {
            return Err(self.error(format!(
                "profile `{name}`: `source_profile` chains more than {MAX_CHAIN} deep (a cycle?)"
            )));
        }
        let profile = self.profile(name)?;
        let mode = profile.required("mode")?;
        let provider: Arc<dyn ProvideCredentials> = match mode {
            "AK" => Arc::new(profile.access_key()?),
            "StsToken" => Arc::new(
                profile
                    .access_key()?
                    .with_security_token(profile.required("sts_token")?),
            ),
            "RamRoleArn" => Arc::new(profile.ram_role(Arc::new(profile.access_key()?), settings)?),
            "ChainableRamRoleArn" => {
                let source = profile.required("source_profile")?;
                let base = self.provider(source, settings, depth + 1)?;
                Arc::new(profile.ram_role(base, settings)?)
            }
            "EcsRamRole" => {
                let mut ecs = EcsRamRoleProvider::new();
                if let Some(role) = profile.optional("ram_role_name") {
                    ecs = ecs.with_role_name(role);
                }
                Arc::new(settings.ecs(ecs))
            }
            "OIDC" => {
                let mut oidc = OidcRoleProvider::new(
                    profile.required("ram_role_arn")?,
                    profile.required("oidc_provider_arn")?,
                    profile.required("oidc_token_file")?,
                )
                .with_sts_endpoint(profile.sts_endpoint(settings))
                .with_duration(profile.duration());
                if let Some(session) = profile.optional("ram_session_name") {
                    oidc = oidc.with_session_name(session);
                }
                if let Some(policy) = profile.optional("policy") {
                    oidc = oidc.with_policy(policy);
                }
                Arc::new(settings.oidc(oidc))
            }
            other => {
                return Err(CredentialsError::Unsupported {
                    provider: NAME,
                    what: format!("profile mode `{other}` (profile `{name}`)"),
                });
            }
        };
        Ok(provider)
    }
}

/// One profile of the file.
struct Profile<'a> {
    file: &'a File,
    name: String,
    fields: &'a Map<String, Value>,
}

impl Profile<'_> {
    fn optional(&self, field: &str) -> Option<&str> {
        self.fields
            .get(field)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    }

    fn required(&self, field: &str) -> Result<&str, CredentialsError> {
        self.optional(field).ok_or_else(|| {
            self.file.error(format!(
                "profile `{}`: field `{field}` is missing or empty",
                self.name
            ))
        })
    }

    fn access_key(&self) -> Result<Credentials, CredentialsError> {
        Ok(Credentials::new(
            self.required("access_key_id")?,
            self.required("access_key_secret")?,
        ))
    }

    /// `expired_seconds`, or an hour when it is absent or zero.
    fn duration(&self) -> Duration {
        match self.fields.get("expired_seconds").and_then(Value::as_u64) {
            Some(seconds) if seconds > 0 => Duration::from_secs(seconds),
            _ => super::sts::DEFAULT_DURATION,
        }
    }

    /// From `sts_region` and `enable_vpc`, else the environment's.
    fn sts_endpoint(&self, settings: &Settings) -> String {
        let vpc = self
            .fields
            .get("enable_vpc")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        match self.optional("sts_region") {
            Some(region) => sts_endpoint(Some(region), vpc),
            None if vpc => sts_endpoint(None, true),
            None => sts_endpoint_from_env(&settings.env),
        }
    }

    fn ram_role(
        &self,
        base: Arc<dyn ProvideCredentials>,
        settings: &Settings,
    ) -> Result<RamRoleArnProvider, CredentialsError> {
        let mut provider = RamRoleArnProvider::with_base(base, self.required("ram_role_arn")?)
            .with_sts_endpoint(self.sts_endpoint(settings))
            .with_duration(self.duration());
        if let Some(session) = self.optional("ram_session_name") {
            provider = provider.with_session_name(session);
        }
        if let Some(policy) = self.optional("policy") {
            provider = provider.with_policy(policy);
        }
        if let Some(external_id) = self.optional("external_id") {
            provider = provider.with_external_id(external_id);
        }
        Ok(settings.ram_role(provider))
    }
}

impl ProvideCredentials for CliProfileProvider {
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

    use super::CliProfileProvider;
    use crate::credentials::fake::{
        FakeServer, Reply, TempDir, assert_no_secret, expiration_in, http, metadata_answer,
        sts_answer,
    };
    use crate::credentials::{CredentialsError, Environment, ProvideCredentials};

    const CONFIG: &str = r#"{
        "current": "default",
        "profiles": [
            {"name": "default", "mode": "AK", "access_key_id": "ak-id", "access_key_secret": "ak-secret-x", "region_id": "cn-hangzhou"},
            {"name": "sts", "mode": "StsToken", "access_key_id": "sts-id", "access_key_secret": "sts-secret-x", "sts_token": "sts-token-x"},
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "base-id", "access_key_secret": "base-secret-x",
             "ram_role_arn": "acs:ram::1:role/r", "ram_session_name": "cli-session", "expired_seconds": 900},
            {"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "role", "ram_role_arn": "acs:ram::1:role/second"},
            {"name": "loop", "mode": "ChainableRamRoleArn", "source_profile": "loop", "ram_role_arn": "acs:ram::1:role/x"},
            {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "EcsRole"},
            {"name": "sso", "mode": "CloudSSO"},
            {"name": "broken", "mode": "AK", "access_key_id": "only-id"}
        ]
    }"#;

    fn provider(dir: &TempDir) -> CliProfileProvider {
        CliProfileProvider::new()
            .with_env(Environment::from_pairs([(
                "HOME",
                dir.path().to_str().unwrap(),
            )]))
            .with_http_client(http())
    }

    fn with_config(label: &str) -> TempDir {
        let dir = TempDir::new(label);
        dir.write(".aliyun/config.json", CONFIG);
        dir
    }

    #[tokio::test]
    async fn current_profile_in_ak_mode() {
        let dir = with_config("cli-ak");
        let creds = provider(&dir).provide().await.unwrap();
        assert_eq!(creds.access_key_id(), "ak-id");
        assert_eq!(creds.access_key_secret(), "ak-secret-x");
        assert!(!creds.has_security_token());
    }

    #[tokio::test]
    async fn profile_from_the_environment_in_sts_token_mode() {
        let dir = with_config("cli-sts");
        let creds = provider(&dir)
            .with_env(Environment::from_pairs([
                ("HOME", dir.path().to_str().unwrap()),
                ("ALIBABA_CLOUD_PROFILE", "sts"),
            ]))
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "sts-id");
        assert_eq!(creds.security_token(), Some("sts-token-x"));
    }

    #[tokio::test]
    async fn ram_role_arn_and_chainable_modes_call_sts() {
        let dir = with_config("cli-role");
        let server = FakeServer::start(|seen| {
            let form = seen.form();
            let role = form
                .iter()
                .find(|(k, _)| k == "RoleArn")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let id = if role.ends_with("second") {
                "STS.second"
            } else {
                "STS.first"
            };
            Reply::ok(sts_answer(
                id,
                "role-secret",
                "role-token",
                &expiration_in(Duration::from_secs(900)),
            ))
        })
        .await;
        let creds = provider(&dir)
            .with_profile("role")
            .with_sts_endpoint(server.url())
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "STS.first");
        let seen = &server.requests()[0];
        let query = seen.query();
        assert!(
            query.contains(&("AccessKeyId".into(), "base-id".into())),
            "{query:?}"
        );
        let form = seen.form();
        assert!(
            form.contains(&("RoleSessionName".into(), "cli-session".into())),
            "{form:?}"
        );
        assert!(
            form.contains(&("DurationSeconds".into(), "900".into())),
            "{form:?}"
        );

        let creds = provider(&dir)
            .with_profile("chained")
            .with_sts_endpoint(server.url())
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "STS.second");
        let seen = server.requests();
        assert_eq!(seen.len(), 3, "the source role, then the chained role");
        // The chained call is signed with the first role's STS credentials.
        let query = seen[2].query();
        assert!(
            query.contains(&("AccessKeyId".into(), "STS.first".into())),
            "{query:?}"
        );
        assert!(
            query.contains(&("SecurityToken".into(), "role-token".into())),
            "{query:?}"
        );
    }

    #[tokio::test]
    async fn ecs_ram_role_mode_asks_the_metadata_service() {
        let dir = with_config("cli-ecs");
        let server = FakeServer::start(|seen| match seen.method.as_str() {
            "PUT" => Reply::ok("session"),
            _ if seen.path().ends_with("/EcsRole") => Reply::ok(metadata_answer(
                "STS.ecs",
                "s",
                "t",
                &expiration_in(Duration::from_secs(900)),
            )),
            _ => Reply::new(404, ""),
        })
        .await;
        let creds = provider(&dir)
            .with_profile("ecs")
            .with_metadata_endpoint(server.url())
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "STS.ecs");
    }

    #[tokio::test]
    async fn unsupported_and_broken_profiles_are_named() {
        let dir = with_config("cli-bad");
        let err = provider(&dir)
            .with_profile("sso")
            .provide()
            .await
            .unwrap_err();
        assert_eq!(
            err,
            CredentialsError::Unsupported {
                provider: "cli_profile",
                what: "profile mode `CloudSSO` (profile `sso`)".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "cli_profile: unsupported profile mode `CloudSSO` (profile `sso`)"
        );

        let err = provider(&dir)
            .with_profile("broken")
            .provide()
            .await
            .unwrap_err();
        assert!(
            err.to_string()
                .ends_with("profile `broken`: field `access_key_secret` is missing or empty"),
            "{err}"
        );
        let err = provider(&dir)
            .with_profile("absent")
            .provide()
            .await
            .unwrap_err();
        assert!(
            err.to_string().ends_with("no profile named `absent`"),
            "{err}"
        );
        let err = provider(&dir)
            .with_profile("loop")
            .provide()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("a cycle?"), "{err}");
        assert_no_secret(&format!("{err:?}"), &["ak-secret-x", "base-secret-x"]);
    }

    #[tokio::test]
    async fn missing_and_malformed_files() {
        let dir = TempDir::new("cli-missing");
        let err = provider(&dir).provide().await.unwrap_err();
        let CredentialsError::File { path, reason, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(path, &dir.path().join(".aliyun/config.json"));
        assert!(reason.starts_with("cannot read:"), "{reason}");

        dir.write(
            ".aliyun/config.json",
            r#"{"current": "default", "profiles": [ {"access_key_secret": "s3cr3t-x" "#,
        );
        let err = provider(&dir).provide().await.unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(text.contains("not valid JSON"), "{text}");
        assert_no_secret(&text, &["s3cr3t-x"]);

        dir.write(".aliyun/config.json", r#"{"profiles": []}"#);
        let err = provider(&dir).provide().await.unwrap_err();
        assert!(
            err.to_string()
                .ends_with("no `current` profile, and ALIBABA_CLOUD_PROFILE is not set"),
            "{err}"
        );

        // ALIBABA_CLOUD_CONFIG_FILE points elsewhere; the switch turns the provider off.
        let other = dir.write("elsewhere.json", CONFIG);
        let env = Environment::from_pairs([("ALIBABA_CLOUD_CONFIG_FILE", other.to_str().unwrap())]);
        let creds = CliProfileProvider::new()
            .with_env(env)
            .provide()
            .await
            .unwrap();
        assert_eq!(creds.access_key_id(), "ak-id");
        let env = Environment::from_pairs([
            ("ALIBABA_CLOUD_CONFIG_FILE", other.to_str().unwrap()),
            ("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"),
        ]);
        let err = CliProfileProvider::new()
            .with_env(env)
            .provide()
            .await
            .unwrap_err();
        assert!(
            matches!(err, CredentialsError::NotConfigured { .. }),
            "{err:?}"
        );

        let err = CliProfileProvider::new()
            .with_env(Environment::from_pairs::<&str, &str>([]))
            .provide()
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cli_profile: not configured: no home directory (HOME is not set)"
        );
    }
}
