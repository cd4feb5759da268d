//! Where XML is read: a response body becomes a small element tree over `quick-xml` events.
//!
//! The tree keeps element names, text and children in document order; attributes, comments, processing
//! instructions and the declaration are skipped (the service uses none of them for data). The root element
//! must be the one the operation expects. Errors name the path of open elements, e.g.
//! `JobGroup.Strategy`, and the byte offset where the reader stopped.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use super::{DecodeError, Path};

/// One XML element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// The tag name as written.
    pub name: String,
    /// Text and CDATA content with entities resolved. Cleared when the element has child elements and the
    /// text is only whitespace (indentation).
    pub text: String,
    /// Child elements in document order.
    pub children: Vec<Element>,
}

/// Parses `body` and checks that the root element is `root`.
pub fn parse_document(body: &[u8], root: &str) -> Result<Element, DecodeError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| DecodeError::new(&Path::Root, format!("XML body is not UTF-8: {e}")))?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut done: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            error_at(
                &stack,
                format!("malformed XML at byte {}: {e}", reader.error_position()),
            )
        })?;
        match event {
            Event::Start(start) | Event::Empty(start) if done.is_some() => {
                let name = start.name().as_ref().to_string();
                return Err(error_at(
                    &stack,
                    format!("unexpected element <{name}> after the root element"),
                ));
            }
            Event::Start(start) => {
                let element = Element {
                    name: start.name().as_ref().to_string(),
                    ..Element::default()
                };
                check_root(&stack, &element.name, root)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = Element {
                    name: start.name().as_ref().to_string(),
                    ..Element::default()
                };
                check_root(&stack, &element.name, root)?;
                close(&mut stack, element, &mut done);
            }
            Event::End(_) => match stack.pop() {
                // quick-xml checks that end names match start names.
                Some(mut element) => {
                    if !element.children.is_empty() && element.text.trim().is_empty() {
                        element.text.clear();
                    }
                    close(&mut stack, element, &mut done);
                }
                None => return Err(error_at(&stack, "unexpected closing tag")),
            },
            Event::Text(t) => append_text(&mut stack, &t.xml10_content())?,
            Event::CData(t) => append_text(&mut stack, &t.xml10_content())?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_predefined_entity(&r.xml10_content()) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(error_at(
                                &stack,
                                format!("unknown entity &{};", r.xml10_content()),
                            ));
                        }
                    },
                    Err(e) => {
                        return Err(error_at(
                            &stack,
                            format!("invalid character reference: {e}"),
                        ));
                    }
                };
                append_text(&mut stack, &resolved)?;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    match done {
        Some(element) if stack.is_empty() => Ok(element),
        _ if !stack.is_empty() => Err(error_at(
            &stack,
            "unexpected end of document: the body is truncated",
        )),
        _ => Err(DecodeError::new(
            &Path::Root,
            format!("empty XML document: expected root element <{root}>"),
        )),
    }
}

fn check_root(stack: &[Element], name: &str, root: &str) -> Result<(), DecodeError> {
    if stack.is_empty() && name != root {
        return Err(DecodeError::new(
            &Path::Root,
            format!("expected root element <{root}>, found <{name}>"),
        ));
    }
    Ok(())
}

fn close(stack: &mut [Element], element: Element, done: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *done = Some(element),
    }
}

fn append_text(stack: &mut [Element], text: &str) -> Result<(), DecodeError> {
    match stack.last_mut() {
        Some(element) => {
            element.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(DecodeError::new(
            &Path::Root,
            "text outside the root element",
        )),
    }
}

/// An error at the path of the elements open on `stack` (the root element is not part of the path).
fn error_at(stack: &[Element], message: impl Into<String>) -> DecodeError {
    let path = stack
        .iter()
        .skip(1)
        .map(|e| e.name.as_str())
        .collect::<Vec<_>>()
        .join(".");
    DecodeError::from_rendered_path(path, message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tree_and_resolves_entities() {
        let doc = parse_document(
            b"<?xml version='1.0'?><R><A>x &amp; &#x4E2D;</A><B/><C><D>1</D>\n</C></R>",
            "R",
        )
        .unwrap();
        assert_eq!(doc.children.len(), 3);
        assert_eq!(doc.children[0].text, "x & \u{4E2D}");
        assert_eq!(doc.children[1].text, "");
        assert_eq!(doc.children[2].text, "");
        assert_eq!(doc.children[2].children[0].text, "1");
    }

    #[test]
    fn keeps_leaf_whitespace() {
        let doc = parse_document(b"<R><A> a </A></R>", "R").unwrap();
        assert_eq!(doc.children[0].text, " a ");
    }

    #[test]
    fn rejects_wrong_root() {
        let err = parse_document(b"<Other/>", "R").unwrap_err();
        assert_eq!(err.message(), "expected root element <R>, found <Other>");
    }

    #[test]
    fn truncation_names_open_elements() {
        let err = parse_document(b"<R><JobGroup><Strategy><Type>x</Type>", "R").unwrap_err();
        assert_eq!(err.path(), "JobGroup.Strategy");
        assert!(err.message().contains("truncated"), "{err}");
    }

    #[test]
    fn mismatched_tags_are_errors() {
        assert!(parse_document(b"<R><A></B></R>", "R").is_err());
        assert!(parse_document(b"", "R").is_err());
        assert!(parse_document(b"<R/><R/>", "R").is_err());
        assert!(parse_document(b"<R>&bogus;</R>", "R").is_err());
    }
}
