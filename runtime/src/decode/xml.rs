//! Where XML is read: a streaming `serde` deserializer over `quick-xml` events, so generated decoders read an
//! XML body in one pass, as they read JSON, without building an element tree.
//!
//! The data model: an element with child elements is a map of `(child name, child)` entries in document order
//! (a repeated name is a repeated key, which array fields append); an element without children is its text
//! (an empty element is `""`). Text between child elements is ignored. Attributes are skipped (the service
//! uses none for data), namespace declarations among them, and element names lose any namespace prefix: a
//! root sent as `<XResponse xmlns="…">` or `<ns:XResponse xmlns:ns="…">` is the root `XResponse`, a child
//! `<ns:Code>` is the field `Code`.
//!
//! Hardening (a body is untrusted input):
//! - Elements nest at most [`MAX_DEPTH`] deep; deeper input is an error, not a deep recursion. Skipped
//!   subtrees are walked iteratively and nothing builds a tree whose drop would recurse.
//! - The XML declaration, comments, processing instructions and a DOCTYPE are skipped wherever they appear
//!   outside text (linear time: `quick-xml` reads each once). A byte-order mark is accepted.
//! - Only the five predefined entities and character references are expanded; any other entity (for
//!   example one a DOCTYPE declares) is an error, so nothing expands.
//! - CDATA sections are text, taken verbatim.
//! - Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage return; U+FFFE,
//!   U+FFFF), raw or as a character reference, are an error naming the element: no conforming service
//!   sends them, and keeping or dropping them silently would hide a broken body. (`to_xml` writes U+FFFD in
//!   their place; JSON carries them exactly.)
//! - A body that is not UTF-8 is an error giving the byte offset, line and column.
//! - The root element must be the one the operation expects; anything after it but whitespace, comments
//!   and processing instructions is an error.
//!
//! Errors of the reader name the path of open elements, e.g. `JobGroup.Strategy` (the root is not part of
//! the path), and the byte offset where the reader stopped.

use std::borrow::Cow;
use std::fmt;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::context::Failure;
use super::{Cx, Decode, DecodeError, Path};
use crate::Format;

/// How deep elements may nest (the root is depth 1); the same bound `serde_json` puts on JSON.
pub const MAX_DEPTH: usize = 128;

/// Decodes `body` as a `T` whose element is the root, which must be named `root` (any name when `None`).
pub fn decode_document<T: Decode>(
    body: &[u8],
    root: Option<&str>,
) -> Result<Option<T>, DecodeError> {
    let text = utf8(body)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut events = Events::new(text);

    let (name, empty) = loop {
        match events.next()? {
            Token::Text(t) if t.trim().is_empty() => {}
            Token::Text(_) => return Err(events.error("text outside the root element")),
            Token::Start(name) => break (name, false),
            Token::Empty(name) => break (name, true),
            Token::End => return Err(events.error("unexpected closing tag")),
            Token::Eof => {
                return Err(DecodeError::new(
                    &Path::Root,
                    match root {
                        Some(root) => format!("empty XML document: expected root element <{root}>"),
                        None => "empty XML document".to_string(),
                    },
                ));
            }
        }
    };
    if let Some(root) = root
        && name != root
    {
        return Err(DecodeError::new(
            &Path::Root,
            format!("expected root element <{root}>, found <{name}>"),
        ));
    }

    let failure = Failure::default();
    let cx = Cx::root(&failure, Format::Xml);
    let element = Element {
        events: &mut events,
        empty,
    };
    let value = T::decode(element, cx).map_err(|XmlError(e)| failure.take().unwrap_or(e))?;

    loop {
        match events.next()? {
            Token::Text(t) if t.trim().is_empty() => {}
            Token::Text(_) => return Err(events.error("text outside the root element")),
            Token::Start(name) | Token::Empty(name) => {
                return Err(events.error(format!(
                    "unexpected element <{name}> after the root element"
                )));
            }
            Token::End => return Err(events.error("unexpected closing tag")),
            Token::Eof => return Ok(value),
        }
    }
}

/// The body as text, or an error saying where it stops being UTF-8.
fn utf8(body: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(body).map_err(|e| {
        let valid = &body[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        DecodeError::new(
            &Path::Root,
            format!("XML body is not UTF-8: {e} (line {line}, column {column})"),
        )
    })
}

/// What the decoder needs from the event stream.
enum Token<'i> {
    Start(Cow<'i, str>),
    Empty(Cow<'i, str>),
    End,
    Text(Cow<'i, str>),
    Eof,
}

/// `quick-xml` events reduced to [`Token`]s, with the open elements kept for error paths and the depth limit.
struct Events<'i> {
    reader: Reader<&'i [u8]>,
    input: &'i str,
    open: Vec<Cow<'i, str>>,
}

impl<'i> Events<'i> {
    fn new(input: &'i str) -> Self {
        Self {
            reader: Reader::from_str(input),
            input,
            open: Vec::new(),
        }
    }

    fn next(&mut self) -> Result<Token<'i>, DecodeError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = self.reader.error_position();
                    return Err(self.error(format!("malformed XML at byte {at}: {e}")));
                }
            };
            return Ok(match event {
                Event::Start(start) => {
                    let name = self.borrow(start.local_name().into_inner());
                    if self.open.len() >= MAX_DEPTH {
                        return Err(
                            self.error(format!("elements nest deeper than {MAX_DEPTH} levels"))
                        );
                    }
                    self.open.push(name.clone());
                    Token::Start(name)
                }
                Event::Empty(start) => Token::Empty(self.borrow(start.local_name().into_inner())),
                Event::End(_) => {
                    // quick-xml checks that end names match start names.
                    self.open.pop();
                    Token::End
                }
                Event::Text(t) => Token::Text(self.xml_chars(t.xml10_content())?),
                Event::CData(t) => Token::Text(self.xml_chars(t.xml10_content())?),
                Event::GeneralRef(r) => Token::Text(self.xml_chars(Cow::Owned(self.resolve(&r)?))?),
                Event::Eof if !self.open.is_empty() => {
                    return Err(self.error("unexpected end of document: the body is truncated"));
                }
                Event::Eof => Token::Eof,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => continue,
            });
        }
    }

    /// `part` (a slice of the event, which borrows the input) as a slice of the input itself, so names
    /// outlive the event without a copy. Falls back to a copy should an event ever own its text.
    fn borrow(&self, part: &str) -> Cow<'i, str> {
        let start = (part.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        match self.input.get(start..start.saturating_add(part.len())) {
            Some(slice) if slice.as_ptr() == part.as_ptr() => Cow::Borrowed(slice),
            _ => Cow::Owned(part.to_string()),
        }
    }

    /// `text` if every character is one XML 1.0 allows, else an error naming the first that is not.
    fn xml_chars<'t>(&self, text: Cow<'t, str>) -> Result<Cow<'t, str>, DecodeError> {
        match crate::xml_chars::first_forbidden(&text) {
            None => Ok(text),
            Some(c) => Err(self.error(format!(
                "character U+{:04X} is not allowed in XML 1.0",
                u32::from(c)
            ))),
        }
    }

    /// A character reference or one of the five predefined entities; anything else is an error.
    fn resolve(&self, r: &BytesRef<'_>) -> Result<String, DecodeError> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            Ok(None) => match resolve_predefined_entity(&r.xml10_content()) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.error(format!("unknown entity &{};", r.xml10_content()))),
            },
            Err(e) => Err(self.error(format!("invalid character reference: {e}"))),
        }
    }

    /// An error at the path of the open elements (the root element is not part of the path).
    fn error(&self, message: impl Into<String>) -> DecodeError {
        let path = self
            .open
            .iter()
            .skip(1)
            .map(|name| name.as_ref())
            .collect::<Vec<_>>()
            .join(".");
        DecodeError::from_rendered_path(path, message.into())
    }

    /// Skips the rest of the element whose start was just read, without recursion.
    fn skip_element(&mut self) -> Result<(), DecodeError> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Token::Start(_) => depth += 1,
                Token::End if depth == 0 => return Ok(()),
                Token::End => depth -= 1,
                Token::Empty(_) | Token::Text(_) => {}
                Token::Eof => return Err(self.error("unexpected end of document")),
            }
        }
    }
}

/// The reader's error: already a [`DecodeError`] with the path of open elements.
#[derive(Debug)]
struct XmlError(DecodeError);

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for XmlError {}

impl de::Error for XmlError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        XmlError(DecodeError::from_rendered_path(
            String::new(),
            message.to_string(),
        ))
    }
}

impl From<DecodeError> for XmlError {
    fn from(e: DecodeError) -> Self {
        XmlError(e)
    }
}

/// One element whose start tag has just been read (`empty`: it was `<X/>`).
struct Element<'r, 'i> {
    events: &'r mut Events<'i>,
    empty: bool,
}

impl<'de> Deserializer<'de> for Element<'_, 'de> {
    type Error = XmlError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        if self.empty {
            return visitor.visit_borrowed_str("");
        }
        // Text until the first child element (then this is a map) or the end tag (then it is text).
        let mut text: Option<Cow<'de, str>> = None;
        loop {
            let first = match self.events.next()? {
                Token::Text(t) => {
                    text = Some(match text {
                        None => t,
                        Some(before) => Cow::Owned(before.into_owned() + &t),
                    });
                    continue;
                }
                Token::Start(name) => (name, false),
                Token::Empty(name) => (name, true),
                Token::End => {
                    return match text {
                        None => visitor.visit_borrowed_str(""),
                        Some(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
                        Some(Cow::Owned(s)) => visitor.visit_string(s),
                    };
                }
                // `next` reports truncation with the open elements; this is unreachable in practice.
                Token::Eof => return Err(self.events.error("unexpected end of document").into()),
            };
            let mut children = Children {
                events: self.events,
                pending: Some(first),
                value_empty: false,
                done: false,
            };
            let value = visitor.visit_map(&mut children)?;
            children.finish()?;
            return Ok(value);
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        if !self.empty {
            self.events.skip_element()?;
        }
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
    }
}

/// The child elements of an element, as map entries `(name, element)`.
struct Children<'r, 'i> {
    events: &'r mut Events<'i>,
    /// The first child, read while finding out that the parent has children.
    pending: Option<(Cow<'i, str>, bool)>,
    /// Whether the child whose name was returned last is `<X/>`.
    value_empty: bool,
    /// The parent's end tag has been read.
    done: bool,
}

impl<'i> Children<'_, 'i> {
    /// Reads the rest of the parent when a visitor stopped early, so the stream stays in step.
    fn finish(&mut self) -> Result<(), XmlError> {
        if self.done {
            return Ok(());
        }
        if let Some((_, empty)) = self.pending.take()
            && !empty
        {
            self.events.skip_element()?;
        }
        Ok(self.events.skip_element()?)
    }

    fn key<K: DeserializeSeed<'i>>(
        &mut self,
        seed: K,
        name: Cow<'i, str>,
        empty: bool,
    ) -> Result<Option<K::Value>, XmlError> {
        self.value_empty = empty;
        match name {
            Cow::Borrowed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => seed.deserialize(StringDeserializer::new(name)),
        }
        .map(Some)
    }
}

impl<'i> MapAccess<'i> for Children<'_, 'i> {
    type Error = XmlError;

    fn next_key_seed<K: DeserializeSeed<'i>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, XmlError> {
        if let Some((name, empty)) = self.pending.take() {
            return self.key(seed, name, empty);
        }
        if self.done {
            return Ok(None);
        }
        loop {
            match self.events.next()? {
                Token::Text(_) => {} // text between child elements carries no data
                Token::Start(name) => return self.key(seed, name, false),
                Token::Empty(name) => return self.key(seed, name, true),
                Token::End => {
                    self.done = true;
                    return Ok(None);
                }
                Token::Eof => return Err(self.events.error("unexpected end of document").into()),
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'i>>(&mut self, seed: V) -> Result<V::Value, XmlError> {
        seed.deserialize(Element {
            events: self.events,
            empty: self.value_empty,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::decode::from_xml;

    fn value(body: &[u8]) -> Result<Value, DecodeError> {
        from_xml::<Value>(body, "R")
    }

    #[test]
    fn builds_values_and_resolves_entities() {
        let doc =
            value(b"<?xml version='1.0'?><R><A>x &amp; &#x4E2D;</A><B/><C><D>1</D>\n</C></R>")
                .unwrap();
        assert_eq!(doc, json!({"A": "x & \u{4E2D}", "B": "", "C": {"D": "1"}}));
    }

    #[test]
    fn keeps_leaf_whitespace() {
        assert_eq!(value(b"<R><A> a </A></R>").unwrap(), json!({"A": " a "}));
    }

    #[test]
    fn namespaced_and_attributed_roots_and_children() {
        for doc in [
            &b"<R xmlns=\"http://example.com/ns\" version=\"1\"><A k=\"v\">x</A></R>"[..],
            b"<ns:R xmlns:ns=\"http://example.com/ns\"><ns:A>x</ns:A></ns:R>",
            b"<?xml version=\"1.0\"?><R xml:lang=\"en\"><A/><A>x</A></R>",
        ] {
            let v = value(doc).unwrap();
            assert_eq!(v["A"].as_str().or_else(|| v["A"][1].as_str()), Some("x"));
        }
        let err = value(b"<ns:Other xmlns:ns=\"u\"/>").unwrap_err();
        assert_eq!(err.message(), "expected root element <R>, found <Other>");
    }

    #[test]
    fn rejects_wrong_root() {
        let err = value(b"<Other/>").unwrap_err();
        assert_eq!(err.message(), "expected root element <R>, found <Other>");
    }

    #[test]
    fn truncation_names_open_elements() {
        let err = value(b"<R><JobGroup><Strategy><Type>x</Type>").unwrap_err();
        assert_eq!(err.path(), "JobGroup.Strategy");
        assert!(err.message().contains("truncated"), "{err}");
    }

    #[test]
    fn mismatched_tags_are_errors() {
        assert!(value(b"<R><A></B></R>").is_err());
        assert!(value(b"").is_err());
        assert!(value(b"<R/><R/>").is_err());
        assert!(value(b"<R>&bogus;</R>").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_deep_recursion() {
        let depth = 100_000;
        let mut body = String::from("<R>");
        body.push_str(&"<A>".repeat(depth));
        body.push_str(&"</A>".repeat(depth));
        body.push_str("</R>");
        let err = value(body.as_bytes()).unwrap_err();
        assert!(err.message().contains("nest deeper than 128"), "{err}");
        // Within the limit is fine, typed or not.
        let ok = format!("<R>{}x{}</R>", "<A>".repeat(100), "</A>".repeat(100));
        assert!(value(ok.as_bytes()).is_ok());
    }

    #[test]
    fn prolog_comments_pis_and_doctype_are_skipped() {
        let body = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE R><?pi x?><R><!-- in --><A>1<!-- mid -->2</A></R><!-- after -->";
        assert_eq!(value(body).unwrap(), json!({"A": "12"}));
    }

    #[test]
    fn entities_beyond_the_predefined_five_are_not_expanded() {
        let body = b"<!DOCTYPE R [<!ENTITY e \"boom\">]><R><A>&e;</A></R>";
        let err = value(body).unwrap_err();
        assert_eq!(err.message(), "unknown entity &e;");
        assert_eq!(err.path(), "A");
        let ok = value(b"<R><A>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;</A></R>").unwrap();
        assert_eq!(ok, json!({"A": "<>&'\"AB"}));
    }

    #[test]
    fn cdata_is_verbatim_text() {
        let v = value(b"<R><A><![CDATA[<b>&amp;</b>]]> and more</A></R>").unwrap();
        assert_eq!(v, json!({"A": "<b>&amp;</b> and more"}));
    }

    #[test]
    fn invalid_utf8_says_where() {
        let err = value(b"<R>\n<A>ok</A>\n<B>x\xff</B></R>").unwrap_err();
        assert!(err.message().starts_with("XML body is not UTF-8"), "{err}");
        assert!(err.message().contains("index 18"), "{err}");
        assert!(err.message().contains("line 3, column 5"), "{err}");
    }

    #[test]
    fn any_root_for_the_error_envelope() {
        let v = decode_document::<Value>(b"<!-- c --><Error><Code>C</Code></Error>", None)
            .unwrap()
            .unwrap();
        assert_eq!(v, json!({"Code": "C"}));
    }
}
