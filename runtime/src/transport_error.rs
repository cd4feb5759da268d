//! What went wrong getting an answer from the service at all, as opposed to the service answering with an
//! error (that is a [`crate::response::ServiceError`]).
//!
//! This module is always compiled and depends on nothing, so generated error types can carry a
//! `Transport(TransportError)` variant whether or not the HTTP client (feature `client`) is built. A custom
//! transport can build these errors too, with [`TransportError::new`] and the `with_*` setters.
//!
//! Messages never contain the AccessKey secret, the security token or a signature: the client drops the
//! request URL (whose V1 query carries them) from the errors it reports.

use std::fmt;

use crate::request::BuildError;

/// The broad class of a [`TransportError`], for deciding what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS failure, refused, unreachable, connect timeout). The request never
    /// reached the service, so trying again cannot have done the operation twice.
    Connect,
    /// The attempt ran out of time after connecting. The service may or may not have carried out the
    /// operation.
    Timeout,
    /// The connection failed after it was made: closed or reset before a full answer, a malformed answer,
    /// a body that could not be read. The service may or may not have carried out the operation.
    Io,
    /// The request could not be built (see [`BuildError`]); nothing was sent.
    Build,
    /// The HTTP client itself could not be set up (TLS configuration, no CA certificates on the system);
    /// nothing was sent.
    Setup,
    /// Every attempt the retry policy allowed failed without an answer; [`TransportError::last_failure`]
    /// says how the last one failed.
    RetriesExhausted,
    /// The answer's body is larger than the client reads (`Client::with_max_body_bytes`,
    /// `ClientBuilder::max_body_bytes`); the rest was not read. Not retried: the same request would get the
    /// same answer.
    BodyTooLarge,
    /// The credentials provider gave no credentials (none configured, STS or the metadata service
    /// unreachable, …; the message says which); the request was not sent.
    Credentials,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connection failed",
            Self::Timeout => "timed out",
            Self::Io => "connection error",
            Self::Build => "request could not be built",
            Self::Setup => "HTTP client could not be set up",
            Self::RetriesExhausted => "retries exhausted",
            Self::Credentials => "no credentials",
            Self::BodyTooLarge => "response body too large",
        })
    }
}

/// A failure to send a request or to receive the service's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    attempts: u32,
    last_failure: Option<TransportErrorKind>,
    last_status: Option<u16>,
    last_code: Option<String>,
}

impl TransportError {
    /// An error of `kind` described by `message`, after one attempt.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            attempts: 1,
            last_failure: None,
            last_status: None,
            last_code: None,
        }
    }

    /// Sets how many attempts were made (0 when nothing was sent, e.g. for [`TransportErrorKind::Build`]).
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// Records how the last attempt failed, for [`TransportErrorKind::RetriesExhausted`].
    pub fn with_last_failure(mut self, kind: TransportErrorKind) -> Self {
        self.last_failure = Some(kind);
        self
    }

    /// Records the most recent HTTP answer seen before giving up: its status and, if the body was the error
    /// envelope, its `Code`.
    pub fn with_last_answer(mut self, status: u16, code: Option<String>) -> Self {
        self.last_status = Some(status);
        self.last_code = code;
        self
    }

    /// The broad class of the failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// What happened, in words (without secrets).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How many attempts were made before this error was returned.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// For [`TransportErrorKind::RetriesExhausted`]: how the last attempt failed.
    pub fn last_failure(&self) -> Option<TransportErrorKind> {
        self.last_failure
    }

    /// The HTTP status of the most recent answer seen, if some attempt got one.
    pub fn last_status(&self) -> Option<u16> {
        self.last_status
    }

    /// The error `Code` of the most recent answer seen, if it carried the error envelope.
    pub fn last_code(&self) -> Option<&str> {
        self.last_code.as_deref()
    }

    /// Whether the request certainly did not reach the service, so the operation was not carried out.
    pub fn is_not_sent(&self) -> bool {
        let kind = match self.kind {
            TransportErrorKind::RetriesExhausted => self.last_failure.unwrap_or(self.kind),
            kind => kind,
        };
        matches!(
            kind,
            TransportErrorKind::Connect
                | TransportErrorKind::Build
                | TransportErrorKind::Setup
                | TransportErrorKind::Credentials
        ) && self.last_status.is_none()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)?;
        if self.attempts != 1 {
            write!(f, " ({} attempts", self.attempts)?;
            if let Some(status) = self.last_status {
                write!(f, "; last answer HTTP {status}")?;
                if let Some(code) = &self.last_code {
                    write!(f, " {code}")?;
                }
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {}

/// A request that could not be built was never sent: zero attempts.
impl From<BuildError> for TransportError {
    fn from(err: BuildError) -> Self {
        Self::new(TransportErrorKind::Build, err.to_string()).with_attempts(0)
    }
}

#[cfg(test)]
mod tests {
    use super::{TransportError, TransportErrorKind};
    use crate::request::BuildError;

    #[test]
    fn display_single_attempt() {
        let err = TransportError::new(TransportErrorKind::Connect, "connection refused");
        assert_eq!(err.to_string(), "connection failed: connection refused");
        assert_eq!(err.attempts(), 1);
        assert!(err.is_not_sent());
    }

    #[test]
    fn display_exhausted_with_last_answer() {
        let err = TransportError::new(TransportErrorKind::RetriesExhausted, "connection closed")
            .with_attempts(4)
            .with_last_failure(TransportErrorKind::Io)
            .with_last_answer(503, Some("Throttling.User".to_owned()));
        assert_eq!(
            err.to_string(),
            "retries exhausted: connection closed (4 attempts; last answer HTTP 503 Throttling.User)"
        );
        assert_eq!(err.last_failure(), Some(TransportErrorKind::Io));
        assert_eq!(err.last_status(), Some(503));
        assert_eq!(err.last_code(), Some("Throttling.User"));
        assert!(!err.is_not_sent());
    }

    #[test]
    fn exhausted_connects_were_not_sent() {
        let err = TransportError::new(TransportErrorKind::RetriesExhausted, "refused")
            .with_attempts(3)
            .with_last_failure(TransportErrorKind::Connect);
        assert!(err.is_not_sent());
        assert_eq!(err.to_string(), "retries exhausted: refused (3 attempts)");
    }

    #[test]
    fn build_errors_make_no_attempt() {
        let err = TransportError::from(BuildError::InvalidMethod { method: "P OST" });
        assert_eq!(err.kind(), TransportErrorKind::Build);
        assert_eq!(err.attempts(), 0);
        assert_eq!(
            err.to_string(),
            "request could not be built: invalid HTTP method \"P OST\" (0 attempts)"
        );
        assert!(err.is_not_sent());
    }
}
