//! String enums: generated as plain Rust enums with an `Unknown(UnknownValue<Self>)` variant; the rest is here.
//!
//! **The rule:** a value is `Unknown` exactly when it is none of the enum's known wire values. Callers cannot
//! build an `Unknown` holding a known value (which would compare unequal to the variant it names, be matched
//! by the wrong arm and hash differently): [`UnknownValue`] has no public constructor, and the only way to
//! make one is [`from_wire`] (what `From<&str>`, `From<String>`, decoding and serde go through), which returns
//! the known variant for a known value. Comparison stays structural and exact (`"draft"` is not `"Draft"`:
//! the service's values are case-sensitive).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// A generated string enum: its known wire values and how to build it. Implemented by
/// [`string_enum!`](crate::string_enum); use [`from_wire`] (or the enum's `From` impls) to build a value.
pub trait StringEnum: Sized {
    /// Every value this version knows, in spec order.
    const KNOWN: &'static [&'static str];
    /// The known variant for `wire`, if it is one.
    fn known(wire: &str) -> Option<Self>;
    /// Wraps a value [`from_wire`] found to be unknown.
    fn unknown(value: UnknownValue<Self>) -> Self;
}

/// The wire value of a string enum's `Unknown` variant: a value the enum `E` does not know, kept exactly as
/// sent. Only [`from_wire`] makes one, so it never holds one of `E`'s known values.
pub struct UnknownValue<E> {
    value: String,
    // `fn() -> E`: the marker neither owns an `E` nor affects `Send`/`Sync`.
    _enum: PhantomData<fn() -> E>,
}

/// `E`'s known variant for `value`, or `Unknown` holding it: the one way to build a string enum from text.
pub fn from_wire<E: StringEnum>(value: String) -> E {
    match E::known(&value) {
        Some(known) => known,
        None => E::unknown(UnknownValue {
            value,
            _enum: PhantomData,
        }),
    }
}

impl<E> UnknownValue<E> {
    /// The value as sent.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The value as sent, owned.
    pub fn into_string(self) -> String {
        self.value
    }
}

impl<E> Clone for UnknownValue<E> {
    fn clone(&self) -> Self {
        UnknownValue {
            value: self.value.clone(),
            _enum: PhantomData,
        }
    }
}

/// Shows the value as a quoted string, so `Unknown("Archived")` reads as it did when the variant held a
/// `String`.
impl<E> fmt::Debug for UnknownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl<E> fmt::Display for UnknownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl<E> PartialEq for UnknownValue<E> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<E> Eq for UnknownValue<E> {}

impl<E> PartialEq<str> for UnknownValue<E> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl<E> PartialEq<&str> for UnknownValue<E> {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl<E> Hash for UnknownValue<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<E> AsRef<str> for UnknownValue<E> {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

/// For a generated string enum (known variants plus `Unknown(UnknownValue<Self>)`): [`StringEnum`], `KNOWN`,
/// `as_str`, `From<&str>`,
/// `From<String>`, `Display`, and the runtime's parameter, decode and encode traits:
/// `string_enum!(Priority { Urgent = "Urgent", Daily = "Daily" })`.
#[macro_export]
macro_rules! string_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $ty {
            /// Every value this version knows, in spec order.
            pub const KNOWN: &'static [&'static str] = <Self as $crate::support::StringEnum>::KNOWN;

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl $crate::support::StringEnum for $ty {
            const KNOWN: &'static [&'static str] = &[$($wire),*];

            fn known(wire: &str) -> ::std::option::Option<Self> {
                match wire {
                    $($wire => ::std::option::Option::Some(Self::$variant),)*
                    _ => ::std::option::Option::None,
                }
            }

            fn unknown(value: $crate::support::UnknownValue<Self>) -> Self {
                Self::Unknown(value)
            }
        }

        impl ::std::convert::From<&str> for $ty {
            fn from(value: &str) -> Self {
                $crate::support::from_wire(::std::string::ToString::to_string(value))
            }
        }

        impl ::std::convert::From<::std::string::String> for $ty {
            fn from(value: ::std::string::String) -> Self {
                $crate::support::from_wire(value)
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
