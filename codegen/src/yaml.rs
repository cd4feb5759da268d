//! The one place that knows which YAML library we use (`serde-saphyr`, pinned in the workspace).
//!
//! `serde_yaml` is archived (RUSTSEC-2024-0320) and `serde_yml` is unsound; `serde-saphyr` is maintained, has no
//! unsafe parser, rejects duplicate keys and reports line and column, and its `Spanned<T>` keeps positions for
//! errors found after parsing. Its API still moves, so a swap must touch only this file.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position};

/// A value with the position it was read from.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// The position of a spanned value in `file`.
pub fn position<T>(file: &Path, value: &Spanned<T>) -> Position {
    Position {
        file: file.to_path_buf(),
        line: value.referenced.line(),
        column: value.referenced.column(),
    }
}

/// Parses `text` (the content of `file`) into `T`, turning a parse or shape error into a diagnostic.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str(text).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((0, 0), |loc| (loc.line(), loc.column()));
        Diagnostic {
            position: Position {
                file: file.to_path_buf(),
                line,
                column,
            },
            message: plain_words(&first_line(&err.to_string()), text),
        }
    })
}

/// The parser's terse messages in the words of the spec format (the diagnostic already gives the position).
fn plain_words(message: &str, text: &str) -> String {
    // "unexpected end of input at line 1, column 1": the position is the diagnostic's.
    let message = match message.find(" at line ") {
        Some(at) if message[at..].contains(", column ") => &message[..at],
        _ => message,
    };
    let is_empty = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    match message {
        "unexpected end of input" if is_empty => {
            "the file is empty: expected a mapping (`key: value` lines)".to_string()
        }
        "expected sequence start" => "expected a list (`- item` lines or `[a, b]`)".to_string(),
        "expected mapping start" => {
            "expected a mapping (`key: value` lines or `{key: value}`)".to_string()
        }
        "invalid boolean" => "invalid boolean: expected `true` or `false`".to_string(),
        "invalid floating point" => {
            "invalid number: expected a number such as `1` or `2.5`".to_string()
        }
        "invalid u16" => "invalid number: expected a whole number from 0 to 65535".to_string(),
        "invalid u32" => "invalid number: expected a whole number from 0 to 4294967295".to_string(),
        other => other.to_string(),
    }
}

/// serde-saphyr renders a source snippet after the message; the diagnostic carries its own position, so only
/// the message is kept.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    // serde-saphyr starts with its own `error: line L column C: ` header; the diagnostic has the position.
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let line = match line
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, rest)) if position.contains(" column ") => rest,
        _ => line,
    };
    // Advice about the library's options means nothing to a spec author.
    let line = line
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(line);
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::first_line;

    #[test]
    fn strips_the_parsers_own_position_header() {
        let message = "error: line 2 column 22: mapping values are not allowed\n  --> x";
        assert_eq!(first_line(message), "mapping values are not allowed");
        let message =
            "duplicate mapping key: name, set DuplicateKeyPolicy in Options if acceptable";
        assert_eq!(first_line(message), "duplicate mapping key: name");
        assert_eq!(first_line("invalid type"), "invalid type");
    }

    #[test]
    fn terse_parser_messages_are_said_in_spec_terms() {
        use super::plain_words;
        assert_eq!(
            plain_words(
                "unexpected end of input at line 1, column 1",
                "# only a comment\n"
            ),
            "the file is empty: expected a mapping (`key: value` lines)"
        );
        assert_eq!(
            plain_words("unexpected end of input at line 3, column 1", "a: [\n"),
            "unexpected end of input"
        );
        assert_eq!(
            plain_words("invalid u16", ""),
            "invalid number: expected a whole number from 0 to 65535"
        );
        assert_eq!(plain_words("unknown field `x`", ""), "unknown field `x`");
    }
}
