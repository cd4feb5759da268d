//! AccessKey credentials, optionally with an STS security token.
//!
//! The secret and the token are what an attacker wants, and they leak most often through logs: a `{:?}` of a
//! client, an error message. So `Debug` is written by hand and redacts them, there is no `Display`, and no
//! error in this crate ever carries their text. Only the AccessKey ID, which is not a secret (it is sent in
//! every request), is shown.

use std::env::VarError;
use std::fmt;

/// Environment variable holding the AccessKey ID (the name the official SDKs and CLI use).
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// Environment variable holding the AccessKey secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// Environment variable holding the STS security token, if the keys are temporary.
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// An AccessKey pair, plus the security token when the pair was issued by STS.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
}

impl Credentials {
    /// Long-term AccessKey credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// Adds the STS security token that temporary credentials must send with every request.
    pub fn with_security_token(mut self, security_token: impl Into<String>) -> Self {
        self.security_token = Some(security_token.into());
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

    /// The secret, for the signers in this crate only.
    pub(crate) fn access_key_secret(&self) -> &str {
        &self.access_key_secret
    }

    /// The STS token, for request building in this crate only.
    pub(crate) fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }
}

/// Shows the AccessKey ID; the secret and the token are replaced by `<redacted>`.
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
            .finish()
    }
}

/// Why credentials could not be read from the environment. Names the variable, never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsError {
    /// A required variable is not set.
    Missing {
        /// The variable's name.
        variable: &'static str,
    },
    /// A required variable is set but empty.
    Empty {
        /// The variable's name.
        variable: &'static str,
    },
    /// A variable's value is not valid Unicode.
    NotUnicode {
        /// The variable's name.
        variable: &'static str,
    },
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { variable } => {
                write!(f, "environment variable {variable} is not set")
            }
            Self::Empty { variable } => write!(f, "environment variable {variable} is empty"),
            Self::NotUnicode { variable } => {
                write!(f, "environment variable {variable} is not valid Unicode")
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

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
