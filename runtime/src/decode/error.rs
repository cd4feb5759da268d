use std::fmt;

use super::Path;

/// A response body that does not match the spec. Names the field path where the problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    /// An error at `path`.
    pub fn new(path: &Path<'_>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// The field path, e.g. `JobGroup.Strategy.WorkingTime[0].BeginTime`; empty for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "cannot decode response: {}", self.message)
        } else {
            write!(
                f,
                "cannot decode response at `{}`: {}",
                self.path, self.message
            )
        }
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// An error whose path was rendered elsewhere (the XML reader knows its open elements, not a [`Path`]).
    pub(crate) fn from_rendered_path(path: String, message: String) -> Self {
        Self { path, message }
    }
}
