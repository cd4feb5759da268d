//! The shapes every generated crate repeats, written once: generated code holds the data (names, wire names,
//! types, docs) and invokes these.
//!
//! - [`codec!`](crate::codec): `Decode` and `EncodeValue` for a response struct from its `"Wire" => field`
//!   list; [`Slot`] tells one value (`Option<T>`) from an array (`Vec<T>`).
//! - [`string_enum!`](crate::string_enum): the conversions and runtime traits of a string enum; its `Unknown`
//!   variant holds an [`UnknownValue`], which never holds a known value (the rule is in [`from_wire`]).
//! - [`operation_error!`](crate::operation_error): an operation's error type and its `parse_response`.
//! - [`serde_string_enum!`](crate::serde_string_enum), [`serde_untyped!`](crate::serde_untyped): a generated
//!   crate's `serde` feature for enums and untyped responses (structs derive).

mod codec;
mod enums;
mod error;
mod serde;

pub use codec::Slot;
pub use enums::{StringEnum, UnknownValue, from_wire};
pub use error::unsuccessful;
pub use serde::json_value;
