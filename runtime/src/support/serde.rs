//! `serde` support for generated crates' `serde` feature, as macros expanded in the generated crate (which
//! depends on `serde` under that feature; this crate does not need to).

/// `Serialize` / `Deserialize` for a string enum made with [`string_enum!`](crate::string_enum): the wire
/// string both ways, any string the enum does not list kept in `Unknown` and written back unchanged.
/// `serde_string_enum!(Priority)`; the invoking crate depends on `serde`.
#[macro_export]
macro_rules! serde_string_enum {
    ($ty:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize<'de>>::deserialize(deserializer)
                    .map(Self::from)
            }
        }
    };
}

/// `Serialize` / `Deserialize` for an untyped response (an envelope plus the whole body as `body`): the
/// body as the service sent it (what `to_json` writes), read back by the response's own lenient decoder
/// (`from_json`), so the envelope fields and `body` agree. `serde_untyped!(GetVersionResponse)`; the
/// invoking crate depends on `serde`.
#[macro_export]
macro_rules! serde_untyped {
    ($ty:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(
                    &$crate::support::json_value(&self.to_json()),
                    serializer,
                )
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <$crate::Any as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Self::from_json(value.to_string().as_bytes())
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}

/// The JSON text `text` as a value (`Null` if it is not JSON, which generated `to_json` never gives).
pub fn json_value(text: &str) -> crate::Any {
    serde_json::from_str(text).unwrap_or_default()
}
