//! Errors in a spec, each pointing at a file, line and column.

use std::fmt;
use std::path::PathBuf;

/// A position in a spec file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The file, as given to the loader.
    pub file: PathBuf,
    /// 1-based line; 0 when the YAML parser could not tell.
    pub line: u64,
    /// 1-based column; 0 when the YAML parser could not tell.
    pub column: u64,
}

impl Position {
    /// A position in `file` when no line is known.
    pub fn unknown(file: &std::path::Path) -> Self {
        Self {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
        }
    }
}

/// One problem found while loading or validating a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub position: Position,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.position;
        write!(
            f,
            "{}:{}:{}: error: {}",
            p.file.display(),
            p.line,
            p.column,
            self.message
        )
    }
}

/// Every problem found in a spec tree. Loading stops at the first file that does not parse; validation
/// collects all problems it can find so a maintainer fixes them in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, position: Position, message: impl Into<String>) {
        self.0.push(Diagnostic {
            position,
            message: message.into(),
        });
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        write!(f, "{} error(s) in the API spec", self.0.len())
    }
}

impl std::error::Error for Diagnostics {}
