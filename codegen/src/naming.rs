//! Where Rust names are decided. Validation calls these once and stores the result in the IR next to the wire
//! name; emitters never convert names themselves (`heck` is not round-trip safe, so a name is derived once).

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be used as plain identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers either; these get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// A field, setter or module name: `JobGroupId` → `job_group_id`, `Type` → `r#type`.
pub fn snake(wire: &str) -> String {
    escape(ident_safe(&wire.to_snake_case()))
}

/// A type or variant name: `job_group` → `JobGroup`, `NotExist.Instance` → `NotExistInstance`.
pub fn pascal(wire: &str) -> String {
    escape(ident_safe(&wire.to_upper_camel_case()))
}

/// A command-line name: `ModifyJobGroup` → `modify-job-group`, `CallingNumber` → `calling-number`.
pub fn kebab(wire: &str) -> String {
    wire.to_kebab_case()
}

/// Makes a name usable as an identifier in the generated code.
pub fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The name without a raw-identifier prefix, for building derived names (`push_type`, not `push_r#type`).
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Identifiers cannot start with a digit or be empty.
fn ident_safe(name: &str) -> String {
    match name.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("_{name}"),
        None => "_".to_string(),
        _ => name.to_string(),
    }
}

/// True when `name` is a valid Rust identifier as written (optionally raw), e.g. for a `rust_name:` override.
pub fn is_identifier(name: &str) -> bool {
    let plain = bare(name);
    let mut chars = plain.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
    first_ok
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && plain != "_"
        && (name.starts_with("r#") || !KEYWORDS.contains(&plain))
        && !(name.starts_with("r#") && NOT_RAW.contains(&plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(snake("JobGroupId"), "job_group_id");
        assert_eq!(snake("Type"), "r#type");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("Crate"), "crate_");
        assert_eq!(snake("HttpStatusCode"), "http_status_code");
        assert_eq!(snake("2ndValue"), "_2nd_value");
    }

    #[test]
    fn pascal_names() {
        assert_eq!(pascal("JobGroup"), "JobGroup");
        assert_eq!(pascal("NotExist.Instance"), "NotExistInstance");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("LocalFirst"), "LocalFirst");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("calling_numbers"));
        assert!(is_identifier("r#type"));
        assert!(!is_identifier("type"));
        assert!(!is_identifier("r#self"));
        assert!(!is_identifier("9lives"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
    }
}
