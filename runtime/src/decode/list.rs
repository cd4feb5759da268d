//! Arrays: a JSON array, a run of repeated XML elements (each occurrence of the field appends one item), or
//! the wrapped forms (`{"X": {"String": […]}}`, `<X><String>…</String></X>`, and for objects
//! `{"X": {"Item": […]}}`, `<X><Item>…</Item></X>`, told from an item as the module above describes).

use std::borrow::Cow;
use std::fmt;

use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::object::{KeySeed, mismatch};
use super::{Cx, Decode, Seed};

/// Which array rules apply.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A field of an object (the table in the module documentation).
    Field,
    /// The inner array of the wrapped JSON form: only an array will do.
    Wrapped,
    /// An array nested in an array: a JSON array, or the child elements of one XML element.
    Nested,
}

/// Appends the items of one field value to `out`: the `DeserializeSeed` for a `Vec<T>` field.
pub struct ListSeed<'v, 'a, T> {
    out: &'v mut Vec<T>,
    cx: Cx<'a>,
    mode: Mode,
}

impl<'v, 'a, T> ListSeed<'v, 'a, T> {
    /// A seed appending the items of an array field to `out`.
    pub fn new(out: &'v mut Vec<T>, cx: Cx<'a>) -> Self {
        Self {
            out,
            cx,
            mode: Mode::Field,
        }
    }
}

impl<'de, T: Decode> DeserializeSeed<'de> for ListSeed<'_, '_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<T: Decode> ListSeed<'_, '_, T> {
    fn none_message(&self) -> &'static str {
        match self.mode {
            Mode::Nested if self.cx.is_xml() => "expected an array item, found an empty value",
            _ => "expected an array item, found null or an empty value",
        }
    }

    /// Decodes one item at index `out.len()` (for XML, the count of repeated elements seen so far).
    fn push<'de, D: Deserializer<'de>>(&mut self, de: D) -> Result<(), D::Error> {
        let path = self.cx.path().index(self.out.len());
        let cx = self.cx.at(&path);
        match T::decode(de, cx)? {
            Some(item) => {
                self.out.push(item);
                Ok(())
            }
            None => Err(cx.fail(self.none_message())),
        }
    }

    /// An object (an XML element with children) in an array of objects: one item, unless its first member is
    /// no field of the item and holds an array or an object, which makes it the wrapper of the items.
    fn object_or_wrapper<'de, A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = map.next_key_seed(KeySeed)? else {
            return self.push(MapAccessDeserializer::new(Replay { first: None, map }));
        };
        if T::knows_field(&first) {
            let first = Some(first);
            return self.push(MapAccessDeserializer::new(Replay { first, map }));
        }
        if !map.next_value_seed(WrapperValue { list: &mut self })? {
            // A scalar: an unknown field of one item, skipped; the item goes on with the other members.
            return self.push(MapAccessDeserializer::new(Replay { first: None, map }));
        }
        while let Some(next) = map.next_key_seed(KeySeed)? {
            // XML repeats the item element; JSON has nothing else beside the items' array.
            if !(self.cx.is_xml() && next == first) {
                return Err(self.cx.fail(format!(
                    "expected only {first} items in the wrapped array, found {next} beside them"
                )));
            }
            self.next_map_item(&mut map)?;
        }
        Ok(())
    }

    /// Reads the value of the map entry whose key was just read as the next item (its path the next index).
    fn next_map_item<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        let path = self.cx.path().index(self.out.len());
        let cx = self.cx.at(&path);
        match map.next_value_seed(Seed::<T>::new(cx))? {
            Some(item) => {
                self.out.push(item);
                Ok(())
            }
            None => Err(cx.fail(self.none_message())),
        }
    }

    /// A value that is not an array: one item where the rules allow it, else an error.
    fn single<'de, E: de::Error>(mut self, atom: Atom<'de>, found: &str) -> Result<(), E> {
        let de = AtomDeserializer {
            atom,
            _e: PhantomData,
        };
        match self.mode {
            // An XML element without children is one item of a run; a JSON scalar is one item only
            // where the items are not scalars (the item's own decoder then names what is wrong).
            Mode::Field if self.cx.is_xml() || !T::SCALAR => self.push(de),
            Mode::Nested if self.cx.is_xml() => Ok(()), // no child elements: an empty array
            Mode::Wrapped => Err(mismatch(self.cx, "an array", "an object")),
            _ => Err(mismatch(self.cx, "an array", found)),
        }
    }
}

impl<'de, T: Decode> Visitor<'de> for ListSeed<'_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        match self.mode {
            Mode::Wrapped => Err(mismatch(self.cx, "an array", "an object")),
            _ => Ok(()), // a null array is empty
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let path = self.cx.path().index(self.out.len());
            let cx = self.cx.at(&path);
            match seq.next_element_seed(Seed::<T>::new(cx))? {
                None => return Ok(()),
                Some(Some(item)) => self.out.push(item),
                Some(None) => return Err(cx.fail(self.none_message())),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        match self.mode {
            // Every child element is an item, whatever its name.
            Mode::Field | Mode::Nested
                if self.cx.is_xml() && (T::SCALAR || self.mode == Mode::Nested) =>
            {
                while map.next_key_seed(KeySeed)?.is_some() {
                    self.next_map_item(&mut map)?;
                }
                Ok(())
            }
            // `{"X": {"String": […]}}`: exactly one member, holding an array.
            Mode::Field if T::SCALAR => {
                if map.next_key_seed(KeySeed)?.is_none() {
                    return Err(mismatch(self.cx, "an array", "an object"));
                }
                let cx = self.cx;
                map.next_value_seed(ListSeed {
                    out: &mut *self.out,
                    cx,
                    mode: Mode::Wrapped,
                })?;
                match map.next_key_seed(KeySeed)? {
                    None => Ok(()),
                    Some(_) => Err(mismatch(cx, "an array", "an object")),
                }
            }
            // An object where an array of objects belongs: one item, or the wrapper of the items.
            Mode::Field => self.object_or_wrapper(map),
            Mode::Wrapped | Mode::Nested => Err(mismatch(self.cx, "an array", "an object")),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        self.single(Atom::Borrowed(v), "a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.single(Atom::Owned(v.to_string()), "a string")
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<(), E> {
        self.single(Atom::Owned(v), "a string")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.single(Atom::Bool(v), "a boolean")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.single(Atom::U64(v), "a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.single(Atom::I64(v), "a number")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.single(Atom::F64(v), "a number")
    }
}

/// The value of a first member that is no field of the item type: the items when it holds an array or an
/// object (then `true`), else nothing (an unknown scalar field, `false`).
struct WrapperValue<'s, 'v, 'a, T> {
    list: &'s mut ListSeed<'v, 'a, T>,
}

impl<'de, T: Decode> DeserializeSeed<'de> for WrapperValue<'_, '_, '_, T> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de, T: Decode> Visitor<'de> for WrapperValue<'_, '_, '_, T> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the items of a wrapped array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let list = self.list;
        loop {
            let path = list.cx.path().index(list.out.len());
            let cx = list.cx.at(&path);
            match seq.next_element_seed(Seed::<T>::new(cx))? {
                None => return Ok(true),
                Some(Some(item)) => list.out.push(item),
                Some(None) => return Err(cx.fail(list.none_message())),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
        self.list
            .push(MapAccessDeserializer::new(Replay { first: None, map }))
            .map(|()| true)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
}

/// A map whose first key was already read (to look at it) and is handed out again.
struct Replay<'de, A> {
    first: Option<Cow<'de, str>>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(Cow::Borrowed(name)) => seed
                .deserialize(BorrowedStrDeserializer::new(name))
                .map(Some),
            Some(Cow::Owned(name)) => seed.deserialize(StringDeserializer::new(name)).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A scalar already read, handed on as one item. One deserializer type for every scalar keeps each item
/// decoder instantiated once for all of them (compile time is per instantiation).
enum Atom<'de> {
    Borrowed(&'de str),
    Owned(String),
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
}

struct AtomDeserializer<'de, E> {
    atom: Atom<'de>,
    _e: PhantomData<E>,
}

impl<'de, E: de::Error> Deserializer<'de> for AtomDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.atom {
            Atom::Borrowed(s) => visitor.visit_borrowed_str(s),
            Atom::Owned(s) => visitor.visit_string(s),
            Atom::Bool(v) => visitor.visit_bool(v),
            Atom::U64(v) => visitor.visit_u64(v),
            Atom::I64(v) => visitor.visit_i64(v),
            Atom::F64(v) => visitor.visit_f64(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// An array nested in an array: a JSON array, or the child elements of one XML element (their names do
/// not matter, as for the wrapped scalar form).
impl<T: Decode> Decode for Vec<T> {
    fn decode<'de, D: Deserializer<'de>>(de: D, cx: Cx<'_>) -> Result<Option<Self>, D::Error> {
        let mut out = Vec::new();
        // `null` is the only way to be absent; find it before reading items.
        let mut null = false;
        de.deserialize_any(NestedSeed {
            list: ListSeed {
                out: &mut out,
                cx,
                mode: Mode::Nested,
            },
            null: &mut null,
        })?;
        Ok(if null { None } else { Some(out) })
    }
}

/// A nested array that remembers whether it was `null`.
struct NestedSeed<'v, 'a, 'n, T> {
    list: ListSeed<'v, 'a, T>,
    null: &'n mut bool,
}

impl<'de, T: Decode> Visitor<'de> for NestedSeed<'_, '_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.null = true;
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.list.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.list.visit_map(map)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        self.list.visit_borrowed_str(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.list.visit_str(v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.list.visit_bool(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.list.visit_u64(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.list.visit_i64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.list.visit_f64(v)
    }
}
