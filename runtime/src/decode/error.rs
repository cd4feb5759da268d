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
            path: bounded_path(path.to_string()),
            message: message.into(),
        }
    }

    /// The field path, e.g. `JobGroup.Strategy.WorkingTime[0].BeginTime`; empty for the document itself.
    /// A path longer than [`PATH_LIMIT`] bytes (a hostile body nested thousands deep) keeps its start and
    /// its end, with `…` where the middle was.
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
        Self {
            path: bounded_path(path),
            message,
        }
    }
}

/// The most bytes of a field path kept in a [`DecodeError`], so an error about a deeply nested body stays
/// small whatever the depth.
pub const PATH_LIMIT: usize = 1024;

/// `path` itself when it fits [`PATH_LIMIT`], else its first quarter and last half (cut at character
/// boundaries) around `…`: the root and the failing field both stay readable.
fn bounded_path(path: String) -> String {
    if path.len() <= PATH_LIMIT {
        return path;
    }
    let mut head = PATH_LIMIT / 4;
    while !path.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = path.len() - PATH_LIMIT / 2;
    while !path.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{}", &path[..head], &path[tail..])
}

#[cfg(test)]
mod tests {
    use super::{DecodeError, PATH_LIMIT};

    #[test]
    fn a_path_100k_elements_deep_is_bounded() {
        let deep = vec!["Child"; 100_000].join(".");
        let e = DecodeError::from_rendered_path(deep.clone(), "bad".into());
        assert!(
            e.path().len() <= PATH_LIMIT + '…'.len_utf8(),
            "{}",
            e.path().len()
        );
        assert!(e.path().starts_with("Child.Child"));
        assert!(e.path().ends_with("Child.Child"));
        assert!(e.path().contains('…'));
        assert!(e.to_string().len() < 2 * PATH_LIMIT);
        // Short paths are kept whole.
        let short = DecodeError::from_rendered_path("A.B[1].C".into(), "bad".into());
        assert_eq!(short.path(), "A.B[1].C");
        // Multi-byte names are cut at character boundaries.
        let wide = DecodeError::from_rendered_path("字".repeat(1000), "bad".into());
        assert!(wide.path().starts_with('字') && wide.path().ends_with('字'));
    }
}
