//! Type spellings seen on pages (`String`/`string`, `Long`/`integer`/`int64`, `Float`/`number`, `Array of X`,
//! `Object`/`Struct`, `List`, `RepeatList`, …) mapped to the spec's types.

use crate::import::model::Type;

/// What a type cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageType {
    /// A scalar.
    Scalar(Type),
    /// An object; `Some(name)` when the page names its struct.
    Object(Option<String>),
    /// An array; the element when the page gives it (`Array of String`, `Array of TimeFrame`).
    Array(Option<Box<PageType>>),
}

fn scalar(lower: &str) -> Option<Type> {
    Some(match lower {
        "string" | "str" => Type::String,
        "integer" | "int" | "int32" => Type::Integer,
        "long" | "int64" => Type::Long,
        "float" => Type::Float,
        "double" | "number" => Type::Double,
        "boolean" | "bool" => Type::Boolean,
        "any" => Type::Any,
        _ => return None,
    })
}

/// Parses a type cell; `None` when the spelling is unknown.
pub fn parse(cell: &str) -> Option<PageType> {
    let t = cell.trim();
    let lower = t.to_ascii_lowercase();
    if let Some(ty) = scalar(&lower) {
        return Some(PageType::Scalar(ty));
    }
    match lower.as_str() {
        "object" | "struct" | "map" | "json" => return Some(PageType::Object(None)),
        "array" | "list" | "repeatlist" | "repeat_list" => return Some(PageType::Array(None)),
        _ => {}
    }
    for prefix in ["array of ", "list of ", "repeatlist of "] {
        if lower.starts_with(prefix) {
            let element = t[prefix.len()..].trim();
            let inner = match parse(element) {
                Some(inner) => inner,
                None if looks_like_name(element) => PageType::Object(Some(element.to_string())),
                None => return None,
            };
            return Some(PageType::Array(Some(Box::new(inner))));
        }
    }
    None
}

/// True when `cell` is a type spelling this importer knows.
pub fn is_known(cell: &str) -> bool {
    parse(cell).is_some()
}

/// A wire name: ASCII letters, digits, `_`, `-`, `.` (for `.N`), starting with a letter or `_`.
pub fn looks_like_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}
