//! Response structs: one object reader and writer for all of them.

use crate::decode::{DecodeError, FromNode, Node, Path};
use crate::encode::{EncodeValue, Writer};

/// A field of a response struct as the codec sees it: one optional value or an array.
pub trait Slot {
    /// Reads the field's node into the slot.
    fn read(&mut self, node: Node<'_>, path: &Path<'_>) -> Result<(), DecodeError>;
    /// Writes the slot under `name` (nothing when absent or empty).
    fn write(&self, w: &mut Writer, name: &str);
}

impl<T: FromNode + EncodeValue> Slot for Option<T> {
    fn read(&mut self, node: Node<'_>, path: &Path<'_>) -> Result<(), DecodeError> {
        *self = node.read(path)?;
        Ok(())
    }

    fn write(&self, w: &mut Writer, name: &str) {
        w.field(name, self);
    }
}

impl<T: FromNode + EncodeValue> Slot for Vec<T> {
    fn read(&mut self, node: Node<'_>, path: &Path<'_>) -> Result<(), DecodeError> {
        node.read_into(self, path)
    }

    fn write(&self, w: &mut Writer, name: &str) {
        w.list(name, self);
    }
}

/// Reads an object: `None` for JSON `null`, else a default value with each entry handed to `field` (the
/// generated per-field `match`; unknown names are skipped there).
pub fn read_object<T: Default>(
    node: Node<'_>,
    path: &Path<'_>,
    field: impl Fn(&mut T, &str, Node<'_>, &Path<'_>) -> Result<(), DecodeError>,
) -> Result<Option<T>, DecodeError> {
    let Some(entries) = node.entries(path)? else {
        return Ok(None);
    };
    let mut out = T::default();
    for (key, node) in entries {
        field(&mut out, key, node, &path.field(key))?;
    }
    Ok(Some(out))
}

/// `FromNode` and `EncodeValue` for a response struct, from its fields' wire names in spec order:
/// `codec!(JobGroup { "Status" => status, "CallingNumbers" => calling_numbers })`. With `untyped body`
/// after the list, the struct also keeps the whole object in its field `body` ([`crate::Any`]) and writes
/// that back instead of the typed fields.
#[macro_export]
macro_rules! codec {
    ($ty:ident { $($wire:literal => $field:ident),* $(,)? } $(untyped $body:ident)?) => {
        impl $crate::decode::FromNode for $ty {
            fn from_node(
                node: $crate::decode::Node<'_>,
                path: &$crate::decode::Path<'_>,
            ) -> ::std::result::Result<::std::option::Option<Self>, $crate::decode::DecodeError> {
                #[allow(unused_mut)]
                let mut out = $crate::support::read_object(node, path, |out: &mut Self, key, node, path| {
                    match key {
                        $($wire => $crate::support::Slot::read(&mut out.$field, node, path),)*
                        _ => ::std::result::Result::Ok(()),
                    }
                })?;
                $(if let ::std::option::Option::Some(out) = &mut out {
                    out.$body = node.read(path)?.unwrap_or_default();
                })?
                ::std::result::Result::Ok(out)
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
}
