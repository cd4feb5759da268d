//! Why credentials could not be had. Every variant names where it looked (a variable, a file, an endpoint
//! without its query) and what went wrong, never a secret: no AccessKey secret, no security token, no OIDC
//! token, no metadata session token, no body of an answer that may have carried credentials.

use std::fmt;
use std::path::PathBuf;

/// Why a provider could not produce credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// The provider has nothing to work with: its variables are unset, it is disabled, there is no home
    /// directory, and so on.
    NotConfigured {
        /// The provider's name (see [`super::ProvideCredentials::name`]).
        provider: &'static str,
        /// What is missing.
        reason: String,
    },
    /// A file could not be read, or does not say what it should.
    File {
        /// The provider's name.
        provider: &'static str,
        /// The file.
        path: PathBuf,
        /// What is wrong (a missing file, a syntax error with its line, a missing field, …).
        reason: String,
    },
    /// The configuration asks for something this crate does not do (a CLI profile mode such as `CloudSSO`, a
    /// credentials file type such as `rsa_key_pair`).
    Unsupported {
        /// The provider's name.
        provider: &'static str,
        /// What was asked for.
        what: String,
    },
    /// No answer from the endpoint: connection refused, timed out, closed early.
    Unreachable {
        /// The provider's name.
        provider: &'static str,
        /// What happened, naming the endpoint by scheme and authority only.
        reason: String,
    },
    /// The endpoint answered with an error: an HTTP error status, or a `Code` that is not `Success`.
    Rejected {
        /// The provider's name.
        provider: &'static str,
        /// The endpoint, without its query.
        target: String,
        /// The HTTP status.
        status: u16,
        /// The answer's `Code`, when it had one.
        code: Option<String>,
        /// The answer's `Message`, when it had one (bounded in length).
        message: Option<String>,
    },
    /// The endpoint answered, but not with credentials this crate can read: not JSON, a field missing, an
    /// `Expiration` that is not a time.
    InvalidAnswer {
        /// The provider's name.
        provider: &'static str,
        /// The endpoint, without its query.
        target: String,
        /// What is wrong with the answer.
        reason: String,
    },
    /// The request to the endpoint could not be built (an endpoint that is not a URL, no randomness for a
    /// nonce, an HTTP client that cannot be set up).
    Request {
        /// The provider's name.
        provider: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// No provider of a chain produced credentials; what each one said, in the order they were asked.
    Chain {
        /// `(provider name, its error)`, one per provider.
        failures: Vec<(&'static str, CredentialsError)>,
    },
}

impl CredentialsError {
    /// The provider that failed, for the variants that name one.
    pub fn provider(&self) -> Option<&'static str> {
        match self {
            Self::NotConfigured { provider, .. }
            | Self::File { provider, .. }
            | Self::Unsupported { provider, .. }
            | Self::Unreachable { provider, .. }
            | Self::Rejected { provider, .. }
            | Self::InvalidAnswer { provider, .. }
            | Self::Request { provider, .. } => Some(provider),
            Self::Missing { .. } | Self::Empty { .. } | Self::NotUnicode { .. } => Some("env"),
            Self::Chain { .. } => Some("default"),
        }
    }
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
            Self::NotConfigured { provider, reason } => {
                write!(f, "{provider}: not configured: {reason}")
            }
            Self::File {
                provider,
                path,
                reason,
            } => write!(f, "{provider}: {}: {reason}", path.display()),
            Self::Unsupported { provider, what } => write!(f, "{provider}: unsupported {what}"),
            Self::Unreachable { provider, reason } => write!(f, "{provider}: {reason}"),
            Self::Rejected {
                provider,
                target,
                status,
                code,
                message,
            } => {
                write!(f, "{provider}: {target} answered HTTP {status}")?;
                if let Some(code) = code {
                    write!(f, " with Code {code}")?;
                }
                if let Some(message) = message {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
            Self::InvalidAnswer {
                provider,
                target,
                reason,
            } => write!(f, "{provider}: unusable answer from {target}: {reason}"),
            Self::Request { provider, reason } => write!(f, "{provider}: {reason}"),
            Self::Chain { failures } => {
                f.write_str("no credentials found by the default chain")?;
                for (i, (name, err)) in failures.iter().enumerate() {
                    let sep = if i == 0 { ": " } else { "; " };
                    // Errors that already start with the provider's name are not prefixed twice.
                    let text = err.to_string();
                    if text.starts_with(&format!("{name}:")) {
                        write!(f, "{sep}{text}")?;
                    } else {
                        write!(f, "{sep}{name}: {text}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

/// Most characters of a server's `Message` kept in an error.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
pub(crate) const MESSAGE_LIMIT: usize = 256;

/// `message` cut to [`MESSAGE_LIMIT`] characters.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
pub(crate) fn bounded(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = chars.by_ref().take(MESSAGE_LIMIT).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{CredentialsError, bounded};

    #[test]
    fn chain_lists_every_provider_once() {
        let err = CredentialsError::Chain {
            failures: vec![
                (
                    "env",
                    CredentialsError::Missing {
                        variable: "ALIBABA_CLOUD_ACCESS_KEY_ID",
                    },
                ),
                (
                    "profile",
                    CredentialsError::File {
                        provider: "profile",
                        path: PathBuf::from("/h/.alibabacloud/credentials"),
                        reason: "no such file".into(),
                    },
                ),
            ],
        };
        assert_eq!(
            err.to_string(),
            "no credentials found by the default chain: env: environment variable \
             ALIBABA_CLOUD_ACCESS_KEY_ID is not set; profile: /h/.alibabacloud/credentials: no such file"
        );
        assert_eq!(err.provider(), Some("default"));
    }

    #[test]
    fn rejected_reads_well() {
        let err = CredentialsError::Rejected {
            provider: "ram_role_arn",
            target: "https://sts.aliyuncs.com".into(),
            status: 403,
            code: Some("NoPermission".into()),
            message: Some("You are not authorized.".into()),
        };
        assert_eq!(
            err.to_string(),
            "ram_role_arn: https://sts.aliyuncs.com answered HTTP 403 with Code NoPermission: You are not authorized."
        );
    }

    #[test]
    fn messages_are_bounded() {
        assert_eq!(bounded("short"), "short");
        let long = "x".repeat(1000);
        let cut = bounded(&long);
        assert_eq!(cut.chars().count(), 257);
        assert!(cut.ends_with('…'));
    }
}
