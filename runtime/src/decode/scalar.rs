//! `FromNode` for scalar types, with the leniency documented in the module above.

use std::str::FromStr;

use serde_json::Value;

use super::node::{Repr, excerpt, json_kind};
use super::{DecodeError, FromNode, Node, Path};

impl FromNode for String {
    const SCALAR: bool = true;

    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        match node.repr() {
            Repr::Json(Value::Null) => Ok(None),
            Repr::Json(Value::String(s)) => Ok(Some(s.clone())),
            // Kept as the exact text the service sent, so nothing is lost.
            Repr::Json(Value::Number(n)) => Ok(Some(n.to_string())),
            Repr::Json(Value::Bool(b)) => Ok(Some(b.to_string())),
            Repr::Json(other) => Err(DecodeError::new(
                path,
                format!("expected a string, found {}", json_kind(other)),
            )),
            Repr::Xml(e) if e.children.is_empty() => Ok(Some(e.text.clone())),
            Repr::Xml(e) => Err(DecodeError::new(
                path,
                format!("expected text, found element <{}>", e.children[0].name),
            )),
        }
    }
}

/// The text of a scalar node that is to be parsed: `None` for null and empty values.
fn scalar_text<'a>(
    node: Node<'a>,
    path: &Path<'_>,
    expected: &str,
) -> Result<Option<std::borrow::Cow<'a, str>>, DecodeError> {
    let text = match node.repr() {
        Repr::Json(Value::Null) => return Ok(None),
        Repr::Json(Value::String(s)) => std::borrow::Cow::Borrowed(s.trim()),
        Repr::Json(Value::Number(n)) => std::borrow::Cow::Owned(n.to_string()),
        Repr::Json(Value::Bool(b)) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
        Repr::Json(other) => {
            return Err(DecodeError::new(
                path,
                format!("expected {expected}, found {}", json_kind(other)),
            ));
        }
        Repr::Xml(e) if e.children.is_empty() => std::borrow::Cow::Borrowed(e.text.trim()),
        Repr::Xml(e) => {
            return Err(DecodeError::new(
                path,
                format!(
                    "expected {expected}, found element <{}>",
                    e.children[0].name
                ),
            ));
        }
    };
    Ok(if text.is_empty() { None } else { Some(text) })
}

fn parse_number<T: FromStr>(
    node: Node<'_>,
    path: &Path<'_>,
    expected: &str,
) -> Result<Option<T>, DecodeError> {
    let Some(text) = scalar_text(node, path, expected)? else {
        return Ok(None);
    };
    text.parse::<T>().map(Some).map_err(|_| {
        DecodeError::new(
            path,
            format!("expected {expected}, found {:?}", excerpt(&text)),
        )
    })
}

impl FromNode for i32 {
    const SCALAR: bool = true;
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        parse_number(node, path, "a 32-bit integer")
    }
}

impl FromNode for i64 {
    const SCALAR: bool = true;
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        parse_number(node, path, "a 64-bit integer")
    }
}

impl FromNode for f32 {
    const SCALAR: bool = true;
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        parse_number(node, path, "a number")
    }
}

impl FromNode for f64 {
    const SCALAR: bool = true;
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        parse_number(node, path, "a number")
    }
}

impl FromNode for bool {
    const SCALAR: bool = true;
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        let Some(text) = scalar_text(node, path, "a boolean")? else {
            return Ok(None);
        };
        if text.eq_ignore_ascii_case("true") {
            Ok(Some(true))
        } else if text.eq_ignore_ascii_case("false") {
            Ok(Some(false))
        } else {
            Err(DecodeError::new(
                path,
                format!("expected a boolean, found {:?}", excerpt(&text)),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read<T: FromNode>(value: Value) -> Result<Option<T>, DecodeError> {
        T::from_node(Node::json(&value), &Path::Root)
    }

    #[test]
    fn numbers_accept_numeric_strings() {
        assert_eq!(read::<i32>(json!("3")).unwrap(), Some(3));
        assert_eq!(read::<i32>(json!(" 3 ")).unwrap(), Some(3));
        assert_eq!(
            read::<i64>(json!(2209702074000_i64)).unwrap(),
            Some(2209702074000)
        );
        assert_eq!(read::<i64>(json!("")).unwrap(), None);
        assert_eq!(read::<i64>(json!(null)).unwrap(), None);
        assert_eq!(read::<f64>(json!("1.5")).unwrap(), Some(1.5));
    }

    #[test]
    fn numbers_reject_fractions_overflow_and_words() {
        assert!(read::<i32>(json!(1.5)).is_err());
        assert!(read::<i32>(json!(3_000_000_000_i64)).is_err());
        assert!(read::<i64>(json!("abc")).is_err());
        assert!(read::<i64>(json!(true)).is_err());
        assert!(read::<i64>(json!({})).is_err());
    }

    #[test]
    fn booleans_accept_strings_in_any_case() {
        assert_eq!(read::<bool>(json!(true)).unwrap(), Some(true));
        assert_eq!(read::<bool>(json!("True")).unwrap(), Some(true));
        assert_eq!(read::<bool>(json!("false")).unwrap(), Some(false));
        assert!(read::<bool>(json!("yes")).is_err());
        assert!(read::<bool>(json!(1)).is_err());
    }

    #[test]
    fn strings_keep_numbers_as_text_and_reject_objects() {
        assert_eq!(
            read::<String>(json!(1628425608429_i64)).unwrap().as_deref(),
            Some("1628425608429")
        );
        assert_eq!(
            read::<String>(json!(" a ")).unwrap().as_deref(),
            Some(" a ")
        );
        let err = read::<String>(json!({"a": 1})).unwrap_err();
        assert_eq!(err.message(), "expected a string, found an object");
    }
}
