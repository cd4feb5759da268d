//! Reading variables: [`Environment`], the injectable lookup every provider reads through, and
//! [`EnvironmentProvider`], the first link of the default chain.

use std::collections::HashMap;
use std::env::VarError;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use super::Credentials;
use super::provider::{ProvideCredentials, ProvideFuture};

type Lookup = dyn Fn(&str) -> Result<String, VarError> + Send + Sync;

/// Where providers read variables: the process environment ([`Environment::process`], the default) or
/// anything else shaped like [`std::env::var`], e.g. a fixed map in tests ([`Environment::from_pairs`]).
///
/// Cheap to clone. `Debug` shows no values.
#[derive(Clone)]
pub struct Environment {
    lookup: Arc<Lookup>,
}

impl Environment {
    /// The process environment, read at the moment a variable is needed.
    pub fn process() -> Self {
        Self::from_lookup(|name| std::env::var(name))
    }

    /// Variables from `lookup`, shaped like [`std::env::var`].
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Result<String, VarError> + Send + Sync + 'static,
    ) -> Self {
        Self {
            lookup: Arc::new(lookup),
        }
    }

    /// Exactly these variables and no others.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let map: HashMap<String, String> = pairs
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Self::from_lookup(move |name| map.get(name).cloned().ok_or(VarError::NotPresent))
    }

    /// The variable as [`std::env::var`] would give it.
    pub fn var(&self, name: &str) -> Result<String, VarError> {
        (self.lookup)(name)
    }

    /// The variable when it is set, valid Unicode and not empty.
    pub fn get(&self, name: &str) -> Option<String> {
        self.var(name).ok().filter(|value| !value.is_empty())
    }

    /// Whether the variable is `true` (in any case), the official libraries' test for switches such as
    /// `ALIBABA_CLOUD_ECS_METADATA_DISABLED`.
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|value| value.eq_ignore_ascii_case("true"))
    }

    /// The user's home directory: `HOME`, else `USERPROFILE`, else `HOMEDRIVE` + `HOMEPATH` (the order the
    /// official Python library uses).
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = self.get("HOME").or_else(|| self.get("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        let path = self.get("HOMEPATH")?;
        Some(PathBuf::from(
            self.get("HOMEDRIVE").unwrap_or_default() + &path,
        ))
    }
}

impl Default for Environment {
    fn default() -> Self {
        Self::process()
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Environment { .. }")
    }
}

/// Credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, when set,
/// `ALIBABA_CLOUD_SECURITY_TOKEN` (the rules of [`Credentials::from_lookup`]), read at every call.
///
/// The first provider of the official chain (`EnvironmentVariableCredentialsProvider` in `credentials-go`
/// and in the Python `alibabacloud-credentials`).
#[derive(Debug, Clone, Default)]
pub struct EnvironmentProvider {
    env: Environment,
}

impl EnvironmentProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads `env` instead.
    pub fn with_env(env: Environment) -> Self {
        Self { env }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        let result = Credentials::from_lookup(|name| self.env.var(name));
        Box::pin(std::future::ready(result))
    }

    fn name(&self) -> &'static str {
        "env"
    }
}

#[cfg(test)]
mod tests {
    use std::env::VarError;
    use std::path::PathBuf;

    use super::{Environment, EnvironmentProvider};
    use crate::credentials::{
        ACCESS_KEY_ID_VAR, ACCESS_KEY_SECRET_VAR, Credentials, CredentialsError,
        ProvideCredentials, SECURITY_TOKEN_VAR,
    };

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn environment_reads_pairs_and_switches() {
        let env = Environment::from_pairs([("A", "1"), ("EMPTY", ""), ("ON", "TRUE")]);
        assert_eq!(env.var("A"), Ok("1".to_owned()));
        assert_eq!(env.var("B"), Err(VarError::NotPresent));
        assert_eq!(env.get("EMPTY"), None);
        assert!(env.is_true("ON"));
        assert!(!env.is_true("A"));
        assert!(!env.is_true("B"));
        assert_eq!(format!("{env:?}"), "Environment { .. }");
    }

    #[test]
    fn home_dir_order() {
        let home = |pairs: &[(&str, &str)]| Environment::from_pairs(pairs.to_vec()).home_dir();
        assert_eq!(
            home(&[("HOME", "/h"), ("USERPROFILE", "C:\\u")]),
            Some(PathBuf::from("/h"))
        );
        assert_eq!(
            home(&[("USERPROFILE", "C:\\u")]),
            Some(PathBuf::from("C:\\u"))
        );
        assert_eq!(
            home(&[("HOMEDRIVE", "D:"), ("HOMEPATH", "\\me")]),
            Some(PathBuf::from("D:\\me"))
        );
        assert_eq!(home(&[]), None);
    }

    #[test]
    fn environment_provider_reads_at_each_call() {
        let provider = EnvironmentProvider::with_env(Environment::from_pairs([
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "secret"),
            (SECURITY_TOKEN_VAR, "token"),
        ]));
        assert_eq!(provider.name(), "env");
        assert_eq!(
            block_on(provider.provide()),
            Ok(Credentials::new("id", "secret").with_security_token("token"))
        );

        let empty = EnvironmentProvider::with_env(Environment::from_pairs::<&str, &str>([]));
        assert_eq!(
            block_on(empty.provide()),
            Err(CredentialsError::Missing {
                variable: ACCESS_KEY_ID_VAR
            })
        );
    }
}
