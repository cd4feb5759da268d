//! Objects: the generated per-field `match` ([`Object`]) driven by one visitor for every struct.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::scalar::excerpt;
use super::{Cx, Decode};

/// A response struct as the decoder sees it: a default value and a field `match` on the wire name, written
/// by [`codec!`](crate::codec). Unknown names are skipped with [`skip_value`].
pub trait Object: Default {
    /// Reads the value of field `name` from `map` (its key has just been read) into `self`.
    fn decode_field<'de, A: MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut A,
        cx: Cx<'_>,
    ) -> Result<(), A::Error>;
}

/// Skips the value of a field the spec does not know (iteratively for XML; within `serde_json`'s depth
/// limit for JSON).
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// Decodes an object: `None` for JSON `null`, else a default value with each entry handed to
/// [`Object::decode_field`].
pub fn decode_object<'de, T: Object, D: Deserializer<'de>>(
    de: D,
    cx: Cx<'_>,
) -> Result<Option<T>, D::Error> {
    de.deserialize_any(ObjectVisitor {
        cx,
        _t: PhantomData,
    })
}

/// Reads a field name, borrowed from the body when it has no escapes.
pub(super) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// An error of the JSON parser (malformed JSON, a number beyond `f64`, nesting deeper than 128) named by the
/// innermost field it happened in: the first frame to see it records it with its path, outer frames pass the
/// recorded error on. The XML reader names its own paths.
pub(super) fn parser_error<E: de::Error>(cx: Cx<'_>, error: E) -> E {
    if cx.is_xml() {
        return error;
    }
    cx.convert(format_args!("invalid JSON: {error}"))
}

/// How a value that is not what a decoder expected is named in its error ("found a string").
pub(super) fn mismatch<E: de::Error>(cx: Cx<'_>, expected: &str, found: &str) -> E {
    cx.fail(format!("expected {expected}, found {found}"))
}

struct ObjectVisitor<'a, T> {
    cx: Cx<'a>,
    _t: PhantomData<T>,
}

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut out = T::default();
        loop {
            let key = match map.next_key_seed(KeySeed) {
                Ok(Some(key)) => key,
                Ok(None) => return Ok(Some(out)),
                Err(e) => return Err(parser_error(self.cx, e)),
            };
            let path = self.cx.path().field(&key);
            let cx = self.cx.at(&path);
            out.decode_field(&key, &mut map, cx)
                .map_err(|e| parser_error(cx, e))?;
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        // An XML element without children is an empty object when it holds no text but indentation.
        if self.cx.is_xml() {
            if v.trim().is_empty() {
                return Ok(Some(T::default()));
            }
            return Err(mismatch(
                self.cx,
                "an object",
                &format!("text {:?}", excerpt(v)),
            ));
        }
        Err(mismatch(self.cx, "an object", "a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<T>, E> {
        Err(mismatch(self.cx, "an object", "a boolean"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<T>, E> {
        Err(mismatch(self.cx, "an object", "a number"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<T>, E> {
        Err(mismatch(self.cx, "an object", "a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<T>, E> {
        Err(mismatch(self.cx, "an object", "a number"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Option<T>, A::Error> {
        Err(mismatch(self.cx, "an object", "an array"))
    }
}

/// An object that also keeps the whole body as an untyped value (operations without a response schema): the
/// value is read once, then the typed envelope fields are read from it with the JSON rules (from XML they
/// are text, which every scalar accepts).
pub fn decode_untyped<'de, T: Object, D: Deserializer<'de>>(
    de: D,
    cx: Cx<'_>,
    keep_body: impl FnOnce(&mut T, serde_json::Value),
) -> Result<Option<T>, D::Error> {
    let Some(body) = serde_json::Value::decode(de, cx)? else {
        return Ok(None);
    };
    let typed = decode_object::<T, _>(&body, cx.as_json()).map_err(|e| cx.convert(e))?;
    Ok(typed.map(|mut out| {
        keep_body(&mut out, body);
        out
    }))
}
