//! Reading values the spec does not type ([`crate::Any`]).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::object::KeySeed;
use super::{Cx, Decode};

/// Any JSON value, kept as sent. From XML: an element with children is an object (a repeated child name
/// becomes an array, in document order), an element without children is its text as a string.
/// JSON `null` reads as absent, like every other field. Depth is bounded by the parsers (`serde_json`'s
/// limit, [`super::xml::MAX_DEPTH`]).
impl Decode for Value {
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: Cx<'_>) -> Result<Option<Self>, D::Error> {
        Ok(match (AnySeed { xml: cx.is_xml() }).deserialize(de)? {
            Value::Null => None,
            value => Some(value),
        })
    }
}

#[derive(Clone, Copy)]
struct AnySeed {
    xml: bool,
}

impl<'de> DeserializeSeed<'de> for AnySeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnySeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        self.deserialize(de)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value_seed(self)?;
            // XML: a repeated element name is an array, in document order. An array here is always the one
            // built for this name: XML values are never arrays otherwise.
            if self.xml
                && let Some(existing) = out.get_mut(key.as_ref())
            {
                match existing {
                    Value::Array(items) => items.push(value),
                    first => {
                        let first_value = std::mem::take(first);
                        *first = Value::Array(vec![first_value, value]);
                    }
                }
                continue;
            }
            out.insert(key.into_owned(), value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{from_json, from_xml};

    fn xml_value(body: &str) -> Value {
        from_xml::<Value>(body.as_bytes(), "R").expect("decodes")
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
        let text = r#"{"A":1.50,"B":[true,null]}"#;
        let json: Value = serde_json::from_str(text).expect("json");
        assert_eq!(from_json::<Value>(text.as_bytes()).expect("decodes"), json);
        assert!(
            from_json::<Value>(b"null").is_err(),
            "a null body is absent"
        );
    }

    #[test]
    fn arrays_of_arrays_from_json_and_xml() {
        #[derive(Default, Debug)]
        struct M {
            m: Vec<Vec<i64>>,
        }
        crate::codec!(M { "M" => m });
        let out = from_json::<M>(br#"{"M":[[1,2],[],[3]]}"#).expect("decodes");
        assert_eq!(out.m, vec![vec![1, 2], vec![], vec![3]]);

        let out = from_xml::<M>(
            b"<R><M><item>1</item><item>2</item></M><M><item>3</item></M></R>",
            "R",
        )
        .expect("xml");
        assert_eq!(out.m, vec![vec![1, 2], vec![3]]);

        let err = from_json::<M>(br#"{"M":[["x"]]}"#).expect_err("a string is not an integer");
        assert!(err.to_string().contains("M[0][0]"), "{err}");
    }
}
