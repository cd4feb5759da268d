//! String enums: generated as plain Rust enums with an `Unknown(String)` variant; the rest is here.

/// For a generated string enum (known variants plus `Unknown(String)`): `KNOWN`, `as_str`, `From<&str>`,
/// `From<String>`, `Display`, and the runtime's parameter, decode and encode traits:
/// `string_enum!(Priority { Urgent = "Urgent", Daily = "Daily" })`.
#[macro_export]
macro_rules! string_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $ty {
            /// Every value this version knows, in spec order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $ty {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $ty {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::params::ToParam for $ty {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        impl $crate::decode::Decode for $ty {
            const SCALAR: bool = true;

            fn decode<'de, D: $crate::decode::Deserializer<'de>>(
                de: D,
                cx: $crate::decode::Cx<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                $crate::decode::decode_enum(de, cx)
            }
        }

        impl $crate::encode::EncodeValue for $ty {
            fn encode_value(&self, w: &mut $crate::encode::Writer) {
                w.string(self.as_str());
            }
        }
    };
}
