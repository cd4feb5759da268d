//! Reading response bodies into generated types, in one pass.
//!
//! A body is never parsed into a tree first. Each generated type implements [`Decode`] (through the
//! [`codec!`](crate::codec) and [`string_enum!`](crate::string_enum) macros): a `serde` visitor that is driven
//! by `serde_json`'s deserializer for JSON and by this crate's streaming XML deserializer ([`xml`], over
//! `quick-xml` events) for XML, so one generated decoder serves both formats. An object is a map of
//! `(name, value)` entries (JSON members or XML child elements); an array is a JSON array or a run of repeated
//! XML elements. Field names are matched as borrowed strings; the lenient scalar rules below live in this
//! module, once.
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
//! | Array of objects | also the wrapped form `{"X":{"Item":[…]}}` / `<X><Item>…</Item><Item>…</Item></X>` (below) | a missing field |
//!
//! The wrapped form of an array of objects is told from an item by its first member: when that member is not
//! a field of the item type and holds an array or an object (an XML element with child elements), it is the
//! wrapper, and its value holds the items (an object: one item). The wrapper must have no other member (XML: only
//! more elements of the same name, one item each); anything else there is an error, so no item is lost as an
//! empty object. A first member that is not a field but holds a scalar is an unknown field of one item, skipped.
//!
//! Anything else is an error naming the field path (`JobGroup.Strategy.WorkingTime[0].BeginTime`, indices
//! 0-based). Unknown fields are skipped. Nothing panics on any input.
//!
//! JSON limits and policies (XML's are in [`xml`]):
//! - A field sent twice keeps its last value (as a JSON object model would); an array field sent twice keeps
//!   the last array.
//! - Values are read at most 128 levels deep (`serde_json`'s recursion limit, which typed fields cannot
//!   reach and untyped [`crate::Any`] values can); a skipped unknown value is walked without recursion,
//!   however deep.
//! - A number beyond `f64` (`1e400`) where a number is expected, or beyond the field's integer type, is an
//!   error at the field; in a String field any number is kept as the exact text sent.
//! - Malformed JSON is an error naming the innermost field or object it was found in (`invalid JSON: …`,
//!   with the parser's line and column).
//!
//! How errors travel: `serde` errors are strings, but ours carry a path. A visitor that finds a wrong value
//! records the [`DecodeError`] in its [`Cx`] and returns a placeholder `serde` error; the entry points return
//! the recorded error when there is one, else the parser's own (malformed JSON or XML).

mod context;
mod error;
mod list;
mod object;
mod path;
mod scalar;
mod untyped;
pub mod xml;

use serde::de::DeserializeSeed;

pub use context::Cx;
pub use error::{DecodeError, PATH_LIMIT};
pub use list::ListSeed;
pub use object::{Object, decode_object, decode_untyped, skip_value};
pub use path::Path;
pub use scalar::{decode_enum, decode_text};
/// The `serde` traits generated decoders are written against, re-exported so generated crates need no
/// `serde` dependency of their own.
pub use serde::de::{Deserializer, MapAccess};

use crate::Format;

/// A value that can be read from a response body. Implemented here for scalars, [`crate::Any`] and nested
/// arrays, and by the runtime's macros for generated objects and enums.
pub trait Decode: Sized {
    /// True for scalar types: lets arrays of scalars accept the wrapped form `<X><String>…</String></X>`.
    const SCALAR: bool = false;

    /// For objects: whether `name` is one of the type's fields. An array of objects uses it to tell the
    /// wrapped form (`{"WorkingTime": {"TimeFrame": […]}}`, whose only member is no field of the item) from an
    /// item. True for every other type, which never looks.
    fn knows_field(name: &str) -> bool {
        let _ = name;
        true
    }

    /// Reads the value; `Ok(None)` when the body holds an explicit "nothing" (JSON `null`, an empty number).
    /// Errors other than the parser's are recorded in `cx` (see the module documentation).
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: Cx<'_>) -> Result<Option<Self>, D::Error>;
}

/// The `DeserializeSeed` that decodes a `T` at a path.
pub struct Seed<'a, T> {
    cx: Cx<'a>,
    _t: std::marker::PhantomData<T>,
}

impl<'a, T> Seed<'a, T> {
    /// A seed reading a `T` in context `cx`.
    pub fn new(cx: Cx<'a>) -> Self {
        Self {
            cx,
            _t: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Decode> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = Option<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<T>, D::Error> {
        T::decode(de, self.cx)
    }
}

/// Decodes a JSON body whose top level is the object `T`.
///
/// A number sent in a string field keeps its exact text. Integers do on the fast path; a float's text
/// (`1.10`, `1e3`, `12345678901234567890123`) is lost in the parsed `f64`, and `1E+400` does not even
/// parse as one. So the body is read a second time, every string field taking its value's text from the
/// body, when the first reading met such a number or failed (the second reading's answer, success or
/// error, is the reference). The service rarely sends one, and reading exact text everywhere costs about
/// 20% on every body.
pub fn from_json<T: Decode>(body: &[u8]) -> Result<T, DecodeError> {
    let failure = context::Failure::default();
    if let Ok(value) = json_pass(body, Cx::root(&failure, Format::Json), &failure)
        && !failure.text_was_inexact()
    {
        return Ok(value);
    }
    let failure = context::Failure::default();
    json_pass(body, Cx::json_bytes_root(&failure), &failure)
}

/// One reading of a JSON body with `cx` at its top.
fn json_pass<T: Decode>(
    body: &[u8],
    cx: Cx<'_>,
    failure: &context::Failure,
) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let read = T::decode(&mut de, cx).and_then(|value| de.end().map(|()| value));
    match read {
        Ok(value) => required(value),
        Err(e) => Err(failure
            .take()
            .unwrap_or_else(|| DecodeError::new(&Path::Root, format!("invalid JSON: {e}")))),
    }
}

/// Decodes an XML body whose root element must be `root` (e.g. `ModifyJobGroupResponse`).
pub fn from_xml<T: Decode>(body: &[u8], root: &str) -> Result<T, DecodeError> {
    xml::decode_document(body, Some(root)).and_then(required)
}

/// Decodes a body in the given format.
pub fn from_body<T: Decode>(format: Format, body: &[u8], xml_root: &str) -> Result<T, DecodeError> {
    match format {
        Format::Json => from_json(body),
        Format::Xml => from_xml(body, xml_root),
    }
}

fn required<T>(value: Option<T>) -> Result<T, DecodeError> {
    value.ok_or_else(|| DecodeError::new(&Path::Root, "expected an object, found null"))
}
