//! `Decode` for scalar types, with the leniency documented in the module above.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Cx, Decode};

/// What a body held where a scalar was expected.
enum Scalar<'de> {
    Null,
    Text(Cow<'de, str>),
    U64(u64),
    I64(i64),
    F64(f64),
    Bool(bool),
}

/// At most 40 characters of a value, for error messages.
pub(super) fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// A JSON float as the service sent it (shortest round-trip form, as `serde_json` writes it).
fn float_text(v: f64) -> String {
    serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string())
}

/// Reads any scalar; objects and arrays are errors. `expected` names the type in JSON messages,
/// `expected_xml` in XML ones ("found element <X>").
struct ScalarVisitor<'a> {
    cx: Cx<'a>,
    expected: &'static str,
    expected_xml: &'static str,
}

impl<'de> Visitor<'de> for ScalarVisitor<'_> {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::U64(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::I64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::F64(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Scalar<'de>, A::Error> {
        Err(self
            .cx
            .fail(format!("expected {}, found an array", self.expected)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        if self.cx.is_xml() {
            let first = map.next_key::<String>()?.unwrap_or_default();
            return Err(self.cx.fail(format!(
                "expected {}, found element <{first}>",
                self.expected_xml
            )));
        }
        Err(self
            .cx
            .fail(format!("expected {}, found an object", self.expected)))
    }
}

#[inline]
fn read_scalar<'de, D: Deserializer<'de>>(
    de: D,
    cx: Cx<'_>,
    expected: &'static str,
    expected_xml: &'static str,
) -> Result<Scalar<'de>, D::Error> {
    de.deserialize_any(ScalarVisitor {
        cx,
        expected,
        expected_xml,
    })
}

/// A string field's value, borrowed from the body when it can be: numbers and booleans become their text.
#[inline]
pub fn decode_text<'de, D: Deserializer<'de>>(
    de: D,
    cx: Cx<'_>,
) -> Result<Option<Cow<'de, str>>, D::Error> {
    if cx.reads_raw_json() {
        return raw_json_text(de, cx);
    }
    Ok(match read_scalar(de, cx, "a string", "text")? {
        Scalar::Null => None,
        Scalar::Text(text) => Some(text),
        // JSON's integer grammar (no sign but `-`, no leading zero) makes an integer's text its decimal form.
        Scalar::U64(v) => Some(Cow::Owned(v.to_string())),
        Scalar::I64(v) => Some(Cow::Owned(v.to_string())),
        // A fraction, an exponent, `-0` or a huge integer: the parsed `f64` loses how it was written. Over a
        // body's bytes `from_json` reads it again exactly; from an untyped value this shortest text is all
        // there is.
        Scalar::F64(v) => {
            cx.note_inexact_text();
            Some(Cow::Owned(float_text(v)))
        }
        Scalar::Bool(v) => Some(Cow::Borrowed(if v { "true" } else { "false" })),
    })
}

/// A string field's value from `serde_json` over the body's bytes: a JSON number is kept as the exact text
/// sent (`1.10`, `12345678901234567890123`, `1e3`), which the parsed `f64` or `u64` would not give back.
fn raw_json_text<'de, D: Deserializer<'de>>(
    de: D,
    cx: Cx<'_>,
) -> Result<Option<Cow<'de, str>>, D::Error> {
    let raw: &'de serde_json::value::RawValue = serde::Deserialize::deserialize(de)?;
    let text = raw.get();
    Ok(match text.as_bytes().first() {
        Some(b'"') => match text.get(1..text.len() - 1) {
            Some(inner) if !inner.contains('\\') => Some(Cow::Borrowed(inner)),
            _ => Some(Cow::Owned(
                serde_json::from_str::<String>(text).map_err(|e| cx.fail(e.to_string()))?,
            )),
        },
        Some(b'{') => return Err(cx.fail("expected a string, found an object")),
        Some(b'[') => return Err(cx.fail("expected a string, found an array")),
        _ if text == "null" => None,
        // A number, `true` or `false`: the body's own text.
        _ => Some(Cow::Borrowed(text)),
    })
}

/// A string enum's value: known values are matched without allocating.
#[inline]
pub fn decode_enum<'de, T, D>(de: D, cx: Cx<'_>) -> Result<Option<T>, D::Error>
where
    T: for<'s> From<&'s str> + From<String>,
    D: Deserializer<'de>,
{
    Ok(decode_text(de, cx)?.map(|text| match text {
        Cow::Borrowed(s) => T::from(s),
        Cow::Owned(s) => T::from(s),
    }))
}

impl Decode for String {
    const SCALAR: bool = true;

    #[inline]
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: Cx<'_>) -> Result<Option<Self>, D::Error> {
        Ok(decode_text(de, cx)?.map(Cow::into_owned))
    }
}

/// A numeric type and how each JSON number kind converts to it exactly (`None`: out of range or a
/// fraction, reported with the number's text).
trait Number: FromStr {
    const EXPECTED: &'static str;
    fn from_u64(v: u64) -> Option<Self>;
    fn from_i64(v: i64) -> Option<Self>;
    fn from_f64(v: f64) -> Option<Self>;
}

macro_rules! integer {
    ($($t:ty => $expected:literal),*) => {$(
        impl Number for $t {
            const EXPECTED: &'static str = $expected;
            fn from_u64(v: u64) -> Option<Self> {
                Self::try_from(v).ok()
            }
            fn from_i64(v: i64) -> Option<Self> {
                Self::try_from(v).ok()
            }
            fn from_f64(_: f64) -> Option<Self> {
                None // JSON wrote a fraction or an exponent
            }
        }
    )*};
}
integer!(i32 => "a 32-bit integer", i64 => "a 64-bit integer");

impl Number for f64 {
    const EXPECTED: &'static str = "a number";
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64) // rounds to nearest, as parsing the digits would
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
}

impl Number for f32 {
    const EXPECTED: &'static str = "a number";
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f32)
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f32)
    }
    fn from_f64(v: f64) -> Option<Self> {
        // From the text, not `as f32`: rounding twice could differ from the digits' nearest f32.
        float_text(v).parse().ok()
    }
}

fn decode_number<'de, T: Number, D: Deserializer<'de>>(
    de: D,
    cx: Cx<'_>,
) -> Result<Option<T>, D::Error> {
    let (value, text) = match read_scalar(de, cx, T::EXPECTED, T::EXPECTED)? {
        Scalar::Null => return Ok(None),
        Scalar::Text(text) => {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Ok(None);
            }
            return match trimmed.parse() {
                Ok(value) => Ok(Some(value)),
                Err(_) => Err(cx.fail(format!(
                    "expected {}, found {:?}",
                    T::EXPECTED,
                    excerpt(trimmed)
                ))),
            };
        }
        Scalar::U64(v) => (T::from_u64(v), Cow::Owned(v.to_string())),
        Scalar::I64(v) => (T::from_i64(v), Cow::Owned(v.to_string())),
        Scalar::F64(v) => (T::from_f64(v), Cow::Owned(float_text(v))),
        Scalar::Bool(v) => (None, Cow::Borrowed(if v { "true" } else { "false" })),
    };
    match value {
        Some(value) => Ok(Some(value)),
        None => Err(cx.fail(format!(
            "expected {}, found {:?}",
            T::EXPECTED,
            excerpt(&text)
        ))),
    }
}

macro_rules! decode_numbers {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            const SCALAR: bool = true;
            fn decode<'de, D: Deserializer<'de>>(de: D, cx: Cx<'_>) -> Result<Option<Self>, D::Error> {
                decode_number(de, cx)
            }
        }
    )*};
}
decode_numbers!(i32, i64, f32, f64);

impl Decode for bool {
    const SCALAR: bool = true;

    fn decode<'de, D: Deserializer<'de>>(de: D, cx: Cx<'_>) -> Result<Option<Self>, D::Error> {
        let text = match read_scalar(de, cx, "a boolean", "a boolean")? {
            Scalar::Null => return Ok(None),
            Scalar::Bool(v) => return Ok(Some(v)),
            Scalar::Text(text) => text,
            Scalar::U64(v) => Cow::Owned(v.to_string()),
            Scalar::I64(v) => Cow::Owned(v.to_string()),
            Scalar::F64(v) => Cow::Owned(float_text(v)),
        };
        let text = text.trim();
        if text.is_empty() {
            Ok(None)
        } else if text.eq_ignore_ascii_case("true") {
            Ok(Some(true))
        } else if text.eq_ignore_ascii_case("false") {
            Ok(Some(false))
        } else {
            Err(cx.fail(format!("expected a boolean, found {:?}", excerpt(text))))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::decode::{DecodeError, from_json};

    /// Reads `value` as the field `V` of a one-field object, as every field is read.
    fn read<T: Decode>(value: serde_json::Value) -> Result<Option<T>, DecodeError> {
        let failure = super::super::context::Failure::default();
        let cx = Cx::root(&failure, crate::Format::Json);
        T::decode(&value, cx).map_err(|e: serde_json::Error| {
            failure
                .take()
                .unwrap_or_else(|| DecodeError::new(&super::super::Path::Root, e.to_string()))
        })
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

    #[test]
    fn error_texts_name_the_value_as_sent() {
        let err = read::<i32>(json!(1.5)).unwrap_err();
        assert_eq!(err.message(), "expected a 32-bit integer, found \"1.5\"");
        let err = read::<i64>(json!(true)).unwrap_err();
        assert_eq!(err.message(), "expected a 64-bit integer, found \"true\"");
        let err = read::<bool>(json!(1)).unwrap_err();
        assert_eq!(err.message(), "expected a boolean, found \"1\"");
        assert_eq!(read::<f32>(json!(0.1)).unwrap(), Some(0.1_f32));
        assert!(from_json::<String>(b"[1]").is_err());
    }
}
