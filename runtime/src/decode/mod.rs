//! Reading response bodies into generated types.
//!
//! JSON and XML bodies are first parsed into a tree ([`serde_json::Value`] or this crate's [`xml::Element`]),
//! then the generated `FromNode` impls walk that tree through [`Node`], which hides the format: an object is a
//! list of `(name, node)` entries (JSON members or XML child elements), an array is a JSON array or a run of
//! repeated XML elements. One generated decoder per type serves both formats, without serde derives.
//!
//! Leniency, the same for every operation (the service is known to send numbers and booleans as strings):
//!
//! | field type | accepted | absent (`None`) |
//! | --- | --- | --- |
//! | String | a string; a JSON number or boolean, kept as its text | JSON `null`, a missing field |
//! | Integer / Long | a number without fraction in range; a string holding one (trimmed) | `null`, `""`, an empty XML element |
//! | Float / Double | a number; a string holding one | `null`, `""`, an empty XML element |
//! | Boolean | `true`/`false`; a string `true`/`false` in any case | `null`, `""`, an empty XML element |
//! | Object | a JSON object; an XML element with child elements (or empty) | `null` |
//! | Array | a JSON array; repeated XML elements; the wrapped form `{"X":{"String":[…]}}` / `<X><String>…</String></X>` for scalar items | a missing field |
//!
//! Anything else is an error naming the field path (`JobGroup.Strategy.WorkingTime[0].BeginTime`, indices
//! 0-based). Unknown fields are skipped. Nothing panics on any input.

mod error;
mod node;
mod path;
mod scalar;
mod untyped;
pub mod xml;

pub use error::{DecodeError, PATH_LIMIT};
pub use node::{Entries, Node};
pub use path::Path;

use crate::Format;

/// A value that can be read from a response node. Implemented here for scalars and generated for objects and
/// enums.
pub trait FromNode: Sized {
    /// True for scalar types: lets arrays of scalars accept the wrapped form `<X><String>…</String></X>`.
    const SCALAR: bool = false;

    /// Reads the value; `Ok(None)` when the node holds an explicit "nothing" (JSON `null`, an empty number).
    fn from_node(node: Node<'_>, path: &Path<'_>) -> Result<Option<Self>, DecodeError>;
}

/// Decodes a JSON body whose top level is the object `T`.
pub fn from_json<T: FromNode>(body: &[u8]) -> Result<T, DecodeError> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| DecodeError::new(&Path::Root, format!("invalid JSON: {e}")))?;
    required(T::from_node(Node::json(&value), &Path::Root)?, &Path::Root)
}

/// Decodes an XML body whose root element must be `root` (e.g. `ModifyJobGroupResponse`).
pub fn from_xml<T: FromNode>(body: &[u8], root: &str) -> Result<T, DecodeError> {
    let element = xml::parse_document(body, root)?;
    required(T::from_node(Node::xml(&element), &Path::Root)?, &Path::Root)
}

/// Decodes a body in the given format.
pub fn from_body<T: FromNode>(
    format: Format,
    body: &[u8],
    xml_root: &str,
) -> Result<T, DecodeError> {
    match format {
        Format::Json => from_json(body),
        Format::Xml => from_xml(body, xml_root),
    }
}

fn required<T>(value: Option<T>, path: &Path<'_>) -> Result<T, DecodeError> {
    value.ok_or_else(|| DecodeError::new(path, "expected an object, found null"))
}
