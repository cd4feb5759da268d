//! Where a decoder is and where its first error goes.

use std::cell::Cell;

use super::{DecodeError, Path};
use crate::Format;

/// The first error a decoder found, kept out of band: `serde` errors are plain strings, ours carry a path.
/// Also notes whether a string field was given a JSON number whose text the parsed value may not give
/// back exactly (see [`from_json`](super::from_json)).
#[derive(Default)]
pub struct Failure(Cell<Option<DecodeError>>, Cell<bool>);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_set() {
            "Failure(set)"
        } else {
            "Failure(none)"
        })
    }
}

impl Failure {
    /// The recorded error, if any.
    pub(crate) fn take(&self) -> Option<DecodeError> {
        self.0.take()
    }

    fn record(&self, error: DecodeError) {
        let first = self.0.take();
        self.0.set(Some(first.unwrap_or(error)));
    }

    /// Whether a string field read a JSON number as a float (a fraction, an exponent, `-0` or an integer
    /// beyond 64 bits), whose text `f64` does not keep.
    pub(crate) fn text_was_inexact(&self) -> bool {
        self.1.get()
    }

    fn is_set(&self) -> bool {
        let current = self.0.take();
        let set = current.is_some();
        self.0.set(current);
        set
    }
}

/// What every decoder carries down the document: the field path, the body's format (a few rules differ
/// between JSON and XML) and where to record its first error. Copying it costs three words.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    path: &'a Path<'a>,
    format: Format,
    /// True while the deserializer is `serde_json`'s over the body's bytes and string fields read each
    /// value's exact text from it (a number in a string field is kept as sent, `1.10` or
    /// `12345678901234567890123`). Slower, so only the second pass of [`from_json`](super::from_json) does.
    raw_json: bool,
    failure: &'a Failure,
}

impl<'a> Cx<'a> {
    /// The context at the top of a document.
    pub(crate) fn root(failure: &'a Failure, format: Format) -> Self {
        Self {
            path: &Path::Root,
            format,
            raw_json: false,
            failure,
        }
    }

    /// The context at the top of a JSON body read by `serde_json` from its bytes, string fields reading exact
    /// text (see `raw_json`); only [`from_json`](super::from_json) makes one, as only it knows which
    /// deserializer runs.
    pub(crate) fn json_bytes_root(failure: &'a Failure) -> Self {
        Self {
            raw_json: true,
            ..Self::root(failure, Format::Json)
        }
    }

    /// The field path here.
    pub fn path(&self) -> &'a Path<'a> {
        self.path
    }

    /// True when the body is XML (repeated elements are arrays, text is the only scalar).
    pub fn is_xml(&self) -> bool {
        self.format == Format::Xml
    }

    /// True when string fields may read the value's exact text from the JSON body (see the field).
    pub(crate) fn reads_raw_json(&self) -> bool {
        self.raw_json
    }

    /// Notes that a string field's number was read as a float, whose exact text only `raw_json` keeps.
    pub(crate) fn note_inexact_text(&self) {
        self.failure.1.set(true);
    }

    /// The same context at `path` (a field or index below this one).
    pub fn at<'b>(&self, path: &'b Path<'b>) -> Cx<'b>
    where
        'a: 'b,
    {
        Cx {
            path,
            format: self.format,
            raw_json: self.raw_json,
            failure: self.failure,
        }
    }

    /// The same context reading JSON rules (for typed fields read back from an untyped value).
    pub(crate) fn as_json(&self) -> Self {
        Self {
            format: Format::Json,
            raw_json: false,
            ..*self
        }
    }

    /// Records an error at this path and returns the `serde` error that unwinds the parser; the entry point
    /// returns the recorded error instead.
    pub fn fail<E: serde::de::Error>(&self, message: impl Into<String>) -> E {
        self.failure.record(DecodeError::new(self.path, message));
        E::custom("decode error (recorded with its path)")
    }

    /// Unwinds with a `serde` error of another parser: the recorded error if there is one, else `error`'s text.
    pub(crate) fn convert<E: serde::de::Error>(&self, error: impl std::fmt::Display) -> E {
        if self.failure.is_set() {
            E::custom("decode error (recorded with its path)")
        } else {
            self.fail(error.to_string())
        }
    }
}
