//! Response structs: one object reader and writer for all of them.

use crate::decode::{Cx, Decode, ListSeed, MapAccess, Seed};
use crate::encode::{EncodeValue, Writer};

/// A field of a response struct as the codec sees it: one optional value or an array.
pub trait Slot {
    /// Reads the field's value (its name has just been read from `map`) into the slot.
    fn decode<'de, A: MapAccess<'de>>(&mut self, map: &mut A, cx: Cx<'_>) -> Result<(), A::Error>;
    /// Writes the slot under `name` (nothing when absent or empty).
    fn write(&self, w: &mut Writer, name: &str);
}

impl<T: Decode + EncodeValue> Slot for Option<T> {
    #[inline]
    fn decode<'de, A: MapAccess<'de>>(&mut self, map: &mut A, cx: Cx<'_>) -> Result<(), A::Error> {
        *self = map.next_value_seed(Seed::<T>::new(cx))?;
        Ok(())
    }

    fn write(&self, w: &mut Writer, name: &str) {
        w.field(name, self);
    }
}

impl<T: Decode + EncodeValue> Slot for Vec<T> {
    fn decode<'de, A: MapAccess<'de>>(&mut self, map: &mut A, cx: Cx<'_>) -> Result<(), A::Error> {
        // XML repeats the element once per item; a JSON member sent twice keeps its last value.
        if !cx.is_xml() {
            self.clear();
        }
        map.next_value_seed(ListSeed::new(self, cx))
    }

    fn write(&self, w: &mut Writer, name: &str) {
        w.list(name, self);
    }
}

/// `Decode` and `EncodeValue` for a response struct, from its fields' wire names in spec order:
/// `codec!(JobGroup { "Status" => status, "CallingNumbers" => calling_numbers })`. The per-field `match` is
/// the only per-type code; the visitor that drives it is [`crate::decode::decode_object`]. With
/// `untyped body` after the list, the struct also keeps the whole object in its field `body`
/// ([`crate::Any`]) and writes that back instead of the typed fields.
#[macro_export]
macro_rules! codec {
    ($ty:ident { $($wire:literal => $field:ident),* $(,)? } $(untyped $body:ident)?) => {
        impl $crate::decode::Object for $ty {
            fn decode_field<'de, A: $crate::decode::MapAccess<'de>>(
                &mut self,
                name: &str,
                map: &mut A,
                cx: $crate::decode::Cx<'_>,
            ) -> ::std::result::Result<(), A::Error> {
                match name {
                    $($wire => $crate::support::Slot::decode(&mut self.$field, map, cx),)*
                    _ => $crate::decode::skip_value(map),
                }
            }
        }

        impl $crate::decode::Decode for $ty {
            fn decode<'de, D: $crate::decode::Deserializer<'de>>(
                de: D,
                cx: $crate::decode::Cx<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                $crate::codec!(@decode de, cx $(, $body)?)
            }

            fn knows_field(name: &str) -> bool {
                $crate::codec!(@knows name $(, $body)? ; $($wire)*)
            }
        }

        impl $crate::encode::EncodeValue for $ty {
            fn encode_value(&self, w: &mut $crate::encode::Writer) {
                $(if self.$body.is_object() {
                    return $crate::encode::EncodeValue::encode_value(&self.$body, w);
                })?
                let scope = w.begin_object();
                $($crate::support::Slot::write(&self.$field, w, $wire);)*
                w.end_object(scope);
            }
        }
    };
    // An untyped object keeps whatever it is sent: every name is its own.
    (@knows $name:ident, $body:ident ; $($wire:literal)*) => {
        true
    };
    (@knows $name:ident ; $($wire:literal)*) => {
        false $(|| $name == $wire)*
    };
    (@decode $de:ident, $cx:ident) => {
        $crate::decode::decode_object($de, $cx)
    };
    (@decode $de:ident, $cx:ident, $body:ident) => {
        $crate::decode::decode_untyped($de, $cx, |out: &mut Self, body| out.$body = body)
    };
}
