//! Reading values the spec does not type ([`crate::Any`]) and arrays of arrays.

use serde_json::{Map, Value};

use super::node::Repr;
use super::xml::Element;
use super::{DecodeError, FromNode, Node, Path};

/// Any JSON value, kept as sent. From XML: an element with children is an object (a repeated child name
/// becomes an array, in document order), an element without children is its text as a string.
/// JSON `null` reads as absent, like every other field.
impl FromNode for Value {
    fn from_node(node: Node<'_>, _path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        Ok(match node.repr() {
            Repr::Json(Value::Null) => None,
            Repr::Json(value) => Some(value.clone()),
            Repr::Xml(element) => Some(from_element(element)),
        })
    }
}

fn from_element(element: &Element) -> Value {
    if element.children.is_empty() {
        return Value::String(element.text.clone());
    }
    let mut map = Map::new();
    for child in &element.children {
        let value = from_element(child);
        match map.get_mut(&child.name) {
            None => {
                map.insert(child.name.clone(), value);
            }
            // `from_element` never yields an array, so an array here is the one built for this name.
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = std::mem::take(first);
                map.insert(child.name.clone(), Value::Array(vec![first, value]));
            }
        }
    }
    Value::Object(map)
}

/// An array nested in an array: a JSON array, or the child elements of one XML element (their names do
/// not matter, as for the wrapped scalar form).
impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError> {
        let mut out = Vec::new();
        match node.repr() {
            Repr::Json(Value::Null) => return Ok(None),
            Repr::Json(Value::Array(_)) => node.read_into(&mut out, path)?,
            Repr::Json(other) => {
                return Err(DecodeError::new(
                    path,
                    format!("expected an array, found {}", super::node::json_kind(other)),
                ));
            }
            Repr::Xml(element) => {
                for child in &element.children {
                    let item_path = path.index(out.len());
                    match T::from_node(Node::xml(child), &item_path)? {
                        Some(value) => out.push(value),
                        None => {
                            return Err(DecodeError::new(
                                &item_path,
                                "expected an array item, found an empty value",
                            ));
                        }
                    }
                }
            }
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::xml::parse_document;

    fn xml_value(body: &str) -> Value {
        let element = parse_document(body.as_bytes(), "R").expect("valid XML");
        Value::from_node(Node::xml(&element), &Path::Root)
            .expect("decodes")
            .expect("present")
    }

    #[test]
    fn xml_elements_become_objects_arrays_and_strings() {
        let v = xml_value("<R><A>1</A><L>x</L><L>y</L><L>z</L><O><B>t</B></O><E></E></R>");
        assert_eq!(
            v,
            serde_json::json!({"A": "1", "L": ["x", "y", "z"], "O": {"B": "t"}, "E": ""})
        );
    }

    #[test]
    fn json_is_kept_as_sent_and_null_is_absent() {
        let json: Value = serde_json::from_str(r#"{"A":1.50,"B":[true,null]}"#).expect("json");
        let read = Value::from_node(Node::json(&json), &Path::Root).expect("decodes");
        assert_eq!(read, Some(json));
        assert_eq!(
            Value::from_node(Node::json(&Value::Null), &Path::Root).expect("decodes"),
            None
        );
    }

    #[test]
    fn arrays_of_arrays_from_json_and_xml() {
        let json: Value = serde_json::from_str("[[1,2],[],[3]]").expect("json");
        let mut out: Vec<Vec<i64>> = Vec::new();
        Node::json(&json)
            .read_into(&mut out, &Path::Root)
            .expect("decodes");
        assert_eq!(out, vec![vec![1, 2], vec![], vec![3]]);

        let element = parse_document(
            b"<R><M><item>1</item><item>2</item></M><M><item>3</item></M></R>",
            "R",
        )
        .expect("xml");
        let mut out: Vec<Vec<i64>> = Vec::new();
        for child in &element.children {
            Node::xml(child)
                .read_into(&mut out, &Path::Root)
                .expect("decodes");
        }
        assert_eq!(out, vec![vec![1, 2], vec![3]]);

        let bad: Value = serde_json::from_str(r#"[["x"]]"#).expect("json");
        let mut out: Vec<Vec<i64>> = Vec::new();
        let err = Node::json(&bad)
            .read_into(&mut out, &Path::Root)
            .expect_err("a string is not an integer");
        assert!(err.to_string().contains("[0][0]"), "{err}");
    }
}
