//! Credentials, and where they come from.
//!
//! [`Credentials`] is an AccessKey pair, plus the STS security token and its expiry when the pair is
//! temporary. A [`ProvideCredentials`] is anything that can produce them, asynchronously: the client asks
//! its provider before every attempt, so temporary credentials are renewed as they run out.
//!
//! # Providers
//!
//! | provider | where from | feature |
//! | --- | --- | --- |
//! | [`Credentials`] itself | a fixed pair, given in code | always |
//! | [`EnvironmentProvider`] | `ALIBABA_CLOUD_ACCESS_KEY_ID`, `…_SECRET`, `…_SECURITY_TOKEN` | always |
//! | `OidcRoleProvider` | Kubernetes RRSA: an OIDC token file exchanged at STS `AssumeRoleWithOIDC` | `client` |
//! | `CliProfileProvider` | the Alibaba Cloud CLI's `~/.aliyun/config.json` | `client` |
//! | `ProfileFileProvider` | the shared `~/.alibabacloud/credentials` ini file | `client` |
//! | `EcsRamRoleProvider` | the ECS instance's RAM role, from the metadata service | `client` |
//! | `CredentialsUriProvider` | a local HTTP endpoint (`ALIBABA_CLOUD_CREDENTIALS_URI`) | `client` |
//! | `RamRoleArnProvider` | STS `AssumeRole`, signed with another provider's AccessKey | `client` |
//! | `DefaultChain` | the above, in the official order | `client` |
//! | `CachedProvider` | wraps any provider: caches, refreshes before expiry, one refresh at a time | `client` |
//!
//! The default chain, as Alibaba's official credentials libraries define it (`credentials-go`
//! `providers/default.go` and `alibabacloud-credentials` for Python `provider/default.py`, both read
//! for this crate; the "Manage access credentials" pages of the Alibaba Cloud SDK documentation describe
//! the same order):
//!
//! 1. environment variables (AccessKey, optional STS token);
//! 2. the OIDC role (RRSA), only when `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
//!    `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are all set;
//! 3. the CLI profile file `~/.aliyun/config.json`, unless `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`;
//! 4. the credentials ini file `~/.alibabacloud/credentials`;
//! 5. the ECS RAM role from the instance metadata service, unless
//!    `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`;
//! 6. the credentials URI, only when `ALIBABA_CLOUD_CREDENTIALS_URI` is set.
//!
//! The first provider that yields credentials wins and is asked alone from then on (the official
//! libraries' "reuse last provider"); when none does, the error lists what each one said.
//!
//! # Secrets
//!
//! The secret and the token are what an attacker wants, and they leak most often through logs: a `{:?}` of a
//! client, an error message. So `Debug` is written by hand and redacts them, there is no `Display`, and no
//! error in this crate ever carries their text (nor an OIDC token's, nor a metadata session token's, nor a
//! credentials URI's query). Only the AccessKey ID, which is not a secret (it is sent in every request), is
//! shown.
//!
//! # Testing without touching the process
//!
//! Every provider reads variables through an [`Environment`] (the process environment by default, a fixed
//! map in tests), files from a configurable home directory, and sends its requests to a configurable
//! endpoint, so tests run against temporary directories and loopback fakes.

mod env;
mod error;
mod provider;
mod time;

#[cfg(feature = "client")]
mod cache;
#[cfg(feature = "client")]
mod chain;
#[cfg(feature = "client")]
mod cli_profile;
#[cfg(feature = "client")]
mod ecs;
#[cfg(feature = "client")]
mod http;
#[cfg(feature = "client")]
mod ini;
#[cfg(feature = "client")]
mod oidc;
#[cfg(feature = "client")]
mod profile;
#[cfg(feature = "client")]
mod ram_role;
#[cfg(feature = "client")]
mod settings;
#[cfg(feature = "client")]
mod sts;
#[cfg(feature = "client")]
mod uri;

#[cfg(all(test, feature = "client"))]
pub(crate) mod fake;

use std::env::VarError;
use std::fmt;
use std::time::SystemTime;

pub use env::{Environment, EnvironmentProvider};
pub use error::CredentialsError;
pub use provider::{ProvideCredentials, ProvideFuture};
pub use time::parse_expiration;

#[cfg(feature = "client")]
pub use cache::{CachedProvider, Clock, DEFAULT_REFRESH_BEFORE};
#[cfg(feature = "client")]
pub use chain::{DefaultChain, DefaultChainBuilder};
#[cfg(feature = "client")]
pub use cli_profile::{CLI_PROFILE_DISABLED_VAR, CONFIG_FILE_VAR, CliProfileProvider, PROFILE_VAR};
#[cfg(feature = "client")]
pub use ecs::{
    DEFAULT_METADATA_ENDPOINT, ECS_METADATA_DISABLED_VAR, ECS_METADATA_VAR, EcsRamRoleProvider,
    IMDSV1_DISABLED_VAR,
};
#[cfg(feature = "client")]
pub use oidc::{OIDC_PROVIDER_ARN_VAR, OIDC_TOKEN_FILE_VAR, OidcRoleProvider, ROLE_ARN_VAR};
#[cfg(feature = "client")]
pub use profile::{CREDENTIALS_FILE_VAR, ProfileFileProvider};
#[cfg(feature = "client")]
pub use ram_role::RamRoleArnProvider;
#[cfg(feature = "client")]
pub use sts::{
    DEFAULT_STS_ENDPOINT, ROLE_SESSION_NAME_VAR, STS_REGION_VAR, VPC_ENDPOINT_ENABLED_VAR,
};
#[cfg(feature = "client")]
pub use uri::{CREDENTIALS_URI_VAR, CredentialsUriProvider};

/// Environment variable holding the AccessKey ID (the name the official SDKs and CLI use).
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// Environment variable holding the AccessKey secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// Environment variable holding the STS security token, if the keys are temporary.
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// An AccessKey pair, plus the security token when the pair was issued by STS, and when it expires.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-term AccessKey credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
            expiry: None,
        }
    }

    /// Adds the STS security token that temporary credentials must send with every request.
    pub fn with_security_token(mut self, security_token: impl Into<String>) -> Self {
        self.security_token = Some(security_token.into());
        self
    }

    /// Records when these credentials stop working, so a `CachedProvider` knows
    /// when to renew them. Credentials without an expiry are kept for as long as the provider lives.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, if set,
    /// `ALIBABA_CLOUD_SECURITY_TOKEN` from the process environment.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name))
    }

    /// Like [`Self::from_env`], but reads variables through `lookup` (shaped like [`std::env::var`]), so the
    /// rules can be tested, or fed from another source, without touching the process environment.
    ///
    /// The ID and secret must be set and non-empty. An unset or empty token means long-term keys.
    pub fn from_lookup(
        mut lookup: impl FnMut(&str) -> Result<String, VarError>,
    ) -> Result<Self, CredentialsError> {
        let mut required = |variable: &'static str| match lookup(variable) {
            Ok(value) if value.is_empty() => Err(CredentialsError::Empty { variable }),
            Ok(value) => Ok(value),
            Err(VarError::NotPresent) => Err(CredentialsError::Missing { variable }),
            Err(VarError::NotUnicode(_)) => Err(CredentialsError::NotUnicode { variable }),
        };
        let access_key_id = required(ACCESS_KEY_ID_VAR)?;
        let access_key_secret = required(ACCESS_KEY_SECRET_VAR)?;
        let security_token = match lookup(SECURITY_TOKEN_VAR) {
            Ok(token) if token.is_empty() => None,
            Ok(token) => Some(token),
            Err(VarError::NotPresent) => None,
            Err(VarError::NotUnicode(_)) => {
                return Err(CredentialsError::NotUnicode {
                    variable: SECURITY_TOKEN_VAR,
                });
            }
        };
        Ok(Self {
            access_key_id,
            access_key_secret,
            security_token,
            expiry: None,
        })
    }

    /// The AccessKey ID (public: it is sent in every request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// Whether these are STS credentials that carry a security token.
    pub fn has_security_token(&self) -> bool {
        self.security_token.is_some()
    }

    /// When these credentials expire, if they are temporary and the provider said.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The secret: for signers, and for a verifier that must hold the same secret (the mock service, which
    /// is a crate of its own). Never log or print it; `Debug` shows `<redacted>`.
    pub fn access_key_secret(&self) -> &str {
        &self.access_key_secret
    }

    /// The STS token, for request building in this crate only.
    pub(crate) fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }
}

/// Shows the AccessKey ID and the expiry; the secret and the token are replaced by `<redacted>`.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &format_args!("<redacted>"))
            .field(
                "security_token",
                &self
                    .security_token
                    .as_ref()
                    .map(|_| format_args!("<redacted>")),
            )
            .field(
                "expiry",
                &self.expiry.map(crate::request::inputs::utc_timestamp),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::env::VarError;
    use std::ffi::OsString;

    use super::{
        ACCESS_KEY_ID_VAR, ACCESS_KEY_SECRET_VAR, Credentials, CredentialsError, SECURITY_TOKEN_VAR,
    };

    fn lookup_in(vars: &[(&str, &str)]) -> impl FnMut(&str) -> Result<String, VarError> + use<> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned().ok_or(VarError::NotPresent)
    }

    #[test]
    fn debug_redacts_secret_and_token() {
        let creds = Credentials::new("LTAIexampleid", "very-secret-value")
            .with_security_token("sts-token-value");
        let debug = format!("{creds:?}");
        assert!(debug.contains("LTAIexampleid"), "{debug}");
        assert!(!debug.contains("very-secret-value"), "{debug}");
        assert!(!debug.contains("sts-token-value"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        let pretty = format!("{creds:#?}");
        assert!(!pretty.contains("very-secret-value") && !pretty.contains("sts-token-value"));
    }

    #[test]
    fn debug_shows_whether_a_token_is_present() {
        let long_term = format!("{:?}", Credentials::new("id", "s"));
        assert!(long_term.contains("security_token: None"), "{long_term}");
        let sts = format!("{:?}", Credentials::new("id", "s").with_security_token("t"));
        assert!(sts.contains("security_token: Some(<redacted>)"), "{sts}");
    }

    #[test]
    fn from_lookup_reads_all_three() {
        let creds = Credentials::from_lookup(lookup_in(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "secret"),
            (SECURITY_TOKEN_VAR, "token"),
        ]));
        assert_eq!(
            creds,
            Ok(Credentials::new("id", "secret").with_security_token("token"))
        );
    }

    #[test]
    fn from_lookup_without_token_gives_long_term_keys() {
        let unset = Credentials::from_lookup(lookup_in(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "s"),
        ]));
        assert_eq!(unset, Ok(Credentials::new("id", "s")));
        let empty = Credentials::from_lookup(lookup_in(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "s"),
            (SECURITY_TOKEN_VAR, ""),
        ]));
        assert_eq!(empty, Ok(Credentials::new("id", "s")));
    }

    #[test]
    fn missing_variables_are_named() {
        let err = Credentials::from_lookup(lookup_in(&[(ACCESS_KEY_SECRET_VAR, "s")])).unwrap_err();
        assert_eq!(
            err,
            CredentialsError::Missing {
                variable: ACCESS_KEY_ID_VAR
            }
        );
        assert_eq!(
            err.to_string(),
            "environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set"
        );

        let err = Credentials::from_lookup(lookup_in(&[(ACCESS_KEY_ID_VAR, "id")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set"
        );
    }

    #[test]
    fn empty_and_non_unicode_values_are_errors_without_the_value() {
        let err = Credentials::from_lookup(lookup_in(&[
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, ""),
        ]))
        .unwrap_err();
        assert_eq!(
            err,
            CredentialsError::Empty {
                variable: ACCESS_KEY_SECRET_VAR
            }
        );

        let err = Credentials::from_lookup(|name| {
            if name == SECURITY_TOKEN_VAR {
                Err(VarError::NotUnicode(OsString::from("secret-token-bytes")))
            } else {
                Ok("x".to_owned())
            }
        })
        .unwrap_err();
        assert_eq!(
            err,
            CredentialsError::NotUnicode {
                variable: SECURITY_TOKEN_VAR
            }
        );
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("secret-token-bytes"), "{shown}");
    }
}
