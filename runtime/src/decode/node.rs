use serde_json::Value;

use super::xml::Element;
use super::{DecodeError, FromNode, Path};

/// One value in a parsed response body, JSON or XML.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a>(Repr<'a>);

#[derive(Debug, Clone, Copy)]
pub(super) enum Repr<'a> {
    Json(&'a Value),
    Xml(&'a Element),
}

impl<'a> Node<'a> {
    /// A node over a JSON value.
    pub fn json(value: &'a Value) -> Self {
        Node(Repr::Json(value))
    }

    /// A node over an XML element.
    pub fn xml(element: &'a Element) -> Self {
        Node(Repr::Xml(element))
    }

    pub(super) fn repr(self) -> Repr<'a> {
        self.0
    }

    /// The entries of an object, or `None` for JSON `null`. Anything else that is not an object is an error.
    pub fn entries(self, path: &Path<'_>) -> Result<Option<Entries<'a>>, DecodeError> {
        match self.0 {
            Repr::Json(Value::Null) => Ok(None),
            Repr::Json(Value::Object(map)) => Ok(Some(Entries(EntriesRepr::Json(map.iter())))),
            Repr::Json(other) => Err(DecodeError::new(
                path,
                format!("expected an object, found {}", json_kind(other)),
            )),
            Repr::Xml(element) => {
                if element.children.is_empty() && !element.text.trim().is_empty() {
                    return Err(DecodeError::new(
                        path,
                        format!(
                            "expected an object, found text {:?}",
                            excerpt(&element.text)
                        ),
                    ));
                }
                Ok(Some(Entries(EntriesRepr::Xml(element.children.iter()))))
            }
        }
    }

    /// Reads an optional single value.
    pub fn read<T: FromNode>(self, path: &Path<'_>) -> Result<Option<T>, DecodeError> {
        T::from_node(self, path)
    }

    /// Appends the items this node holds to `out`.
    ///
    /// A JSON array gives all its elements; an XML element is one item of a run of repeated elements, so it
    /// gives itself. For scalar items the wrapped forms `{"X": {"String": […]}}` and `<X><String>…</String></X>`
    /// are accepted too. A `null` array is empty; a `null` item is an error, since it cannot be kept.
    pub fn read_into<T: FromNode>(
        self,
        out: &mut Vec<T>,
        path: &Path<'_>,
    ) -> Result<(), DecodeError> {
        match self.0 {
            Repr::Json(Value::Null) => Ok(()),
            Repr::Json(Value::Array(items)) => {
                for item in items {
                    push_item(Node::json(item), out, path)?;
                }
                Ok(())
            }
            Repr::Json(Value::Object(map)) if T::SCALAR && map.len() == 1 => {
                match map.values().next() {
                    Some(inner @ Value::Array(_)) => Node::json(inner).read_into(out, path),
                    _ => Err(DecodeError::new(path, "expected an array, found an object")),
                }
            }
            Repr::Json(other) if T::SCALAR => Err(DecodeError::new(
                path,
                format!("expected an array, found {}", json_kind(other)),
            )),
            Repr::Json(_) => push_item(self, out, path),
            Repr::Xml(element) if T::SCALAR && !element.children.is_empty() => {
                for child in &element.children {
                    push_item(Node::xml(child), out, path)?;
                }
                Ok(())
            }
            Repr::Xml(_) => push_item(self, out, path),
        }
    }
}

/// Reads one array item at index `out.len()`; for XML that index counts the repeated elements seen so far.
fn push_item<T: FromNode>(
    node: Node<'_>,
    out: &mut Vec<T>,
    path: &Path<'_>,
) -> Result<(), DecodeError> {
    let item_path = path.index(out.len());
    match T::from_node(node, &item_path)? {
        Some(value) => {
            out.push(value);
            Ok(())
        }
        None => Err(DecodeError::new(
            &item_path,
            "expected an array item, found null or an empty value",
        )),
    }
}

/// The entries of an object: JSON members or XML child elements, in document order.
#[derive(Debug)]
pub struct Entries<'a>(EntriesRepr<'a>);

#[derive(Debug)]
enum EntriesRepr<'a> {
    Json(serde_json::map::Iter<'a>),
    Xml(std::slice::Iter<'a, Element>),
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, Node<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            EntriesRepr::Json(iter) => iter.next().map(|(k, v)| (k.as_str(), Node::json(v))),
            EntriesRepr::Xml(iter) => iter.next().map(|e| (e.name.as_str(), Node::xml(e))),
        }
    }
}

/// How a JSON value is named in error messages.
pub(super) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// At most 40 characters of a value, for error messages.
pub(super) fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}
