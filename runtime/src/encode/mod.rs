//! Writing generated types back to JSON or XML, in spec order.
//!
//! Generated `EncodeValue` impls call [`Writer::field`] and [`Writer::list`] for their fields; the writer knows
//! the format. Absent optional fields and empty arrays are not written (the decoder reads both as absent, so
//! decode∘encode is the identity). XML arrays are repeated elements, as the service sends them; XML text is
//! escaped minimally (`<`, `>`, `&`), so the service's own examples come back byte for byte.

mod plain;

use crate::Format;

/// A value that can be written as a field's content.
pub trait EncodeValue {
    /// Writes the value (a scalar, or an object's fields) at the writer's current position.
    fn encode_value(&self, w: &mut Writer);
}

/// Accumulates an encoded document.
#[derive(Debug)]
pub struct Writer {
    out: Vec<u8>,
    format: Format,
    /// JSON: no member has been written yet in the innermost open object or array.
    first: bool,
    /// JSON: indent nested members by two spaces per level (`None`: compact).
    indent: Option<usize>,
}

/// Returned by [`Writer::begin_object`]; hand it back to [`Writer::end_object`].
#[derive(Debug)]
#[must_use]
pub struct ObjectScope(bool);

impl Writer {
    fn new(format: Format) -> Self {
        Self {
            out: Vec::with_capacity(1024),
            format,
            first: true,
            indent: None,
        }
    }

    /// Starts an object's content.
    pub fn begin_object(&mut self) -> ObjectScope {
        if self.format == Format::Json {
            self.out.push(b'{');
            self.indent = self.indent.map(|i| i + 1);
        }
        ObjectScope(std::mem::replace(&mut self.first, true))
    }

    /// Ends an object's content.
    pub fn end_object(&mut self, scope: ObjectScope) {
        if self.format == Format::Json {
            let empty = self.first;
            self.indent = self.indent.map(|i| i.saturating_sub(1));
            if !empty {
                self.newline();
            }
            self.out.push(b'}');
        }
        self.first = scope.0;
    }

    /// Pretty JSON: a line break and the current indentation.
    fn newline(&mut self) {
        if let Some(level) = self.indent {
            self.out.push(b'\n');
            self.out.extend(std::iter::repeat_n(b' ', level * 2));
        }
    }

    /// Writes `name` with its value when present.
    pub fn field<T: EncodeValue>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.open(name);
            value.encode_value(self);
            self.close(name);
        }
    }

    /// Writes `name` with a value that is always present (required fields of request objects).
    pub fn member<T: EncodeValue>(&mut self, name: &str, value: &T) {
        self.open(name);
        value.encode_value(self);
        self.close(name);
    }

    /// Writes an array field; nothing when empty.
    pub fn list<T: EncodeValue>(&mut self, name: &str, items: &[T]) {
        if items.is_empty() {
            return;
        }
        match self.format {
            Format::Json => {
                self.open(name);
                self.out.push(b'[');
                self.indent = self.indent.map(|i| i + 1);
                let outer = std::mem::replace(&mut self.first, true);
                for item in items {
                    self.separator();
                    self.newline();
                    item.encode_value(self);
                }
                self.first = outer;
                self.indent = self.indent.map(|i| i.saturating_sub(1));
                self.newline();
                self.out.push(b']');
            }
            Format::Xml => {
                for item in items {
                    self.open(name);
                    item.encode_value(self);
                    self.close(name);
                }
            }
        }
    }

    /// Writes an array value that is not a field of an object (see the `Vec<T>` impl of [`EncodeValue`]).
    fn array<T: EncodeValue>(&mut self, items: &[T]) {
        match self.format {
            Format::Json => {
                self.out.push(b'[');
                let outer = std::mem::replace(&mut self.first, true);
                for item in items {
                    self.separator();
                    item.encode_value(self);
                }
                self.first = outer;
                self.out.push(b']');
            }
            Format::Xml => {
                for item in items {
                    self.member("item", item);
                }
            }
        }
    }

    /// Writes a string value.
    pub fn string(&mut self, value: &str) {
        match self.format {
            Format::Json => self.json_scalar(value),
            Format::Xml if plain::xml(value) => self.out.extend_from_slice(value.as_bytes()),
            Format::Xml => {
                let value = crate::xml_chars::replace_forbidden(value);
                self.out
                    .extend_from_slice(quick_xml::escape::partial_escape(value).as_bytes())
            }
        }
    }

    /// Writes an integer or boolean value: its `Display` form is valid JSON and the XML text alike.
    pub fn display<T: std::fmt::Display>(&mut self, value: T) {
        use std::io::Write as _;
        // Writing into a Vec cannot fail.
        let _ = write!(self.out, "{value}");
    }

    /// Writes a float: its shortest round-trip `Display` form; JSON has no NaN or infinity, so those are `null`.
    pub fn float(&mut self, value: f64) {
        if self.format == Format::Json && !value.is_finite() {
            self.out.extend_from_slice(b"null");
        } else {
            self.display(value);
        }
    }

    fn json_scalar(&mut self, value: &str) {
        // Most values and every wire name need no escape: copy them; serde_json escapes the rest (control
        // characters, `"` and `\\`, the only bytes it escapes).
        if plain::json(value) {
            self.out.reserve(value.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(value.as_bytes());
            self.out.push(b'"');
        } else {
            // Writing into a Vec cannot fail, and a `str` always serializes.
            let _ = serde_json::to_writer(&mut self.out, value);
        }
    }

    /// An integer in decimal, without going through `fmt`.
    fn integer(&mut self, value: i64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if value < 0 {
            self.out.push(b'-');
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    fn separator(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(b',');
        }
    }

    fn open(&mut self, name: &str) {
        match self.format {
            Format::Json => {
                self.separator();
                self.newline();
                self.json_scalar(name);
                self.out.push(b':');
                if self.indent.is_some() {
                    self.out.push(b' ');
                }
            }
            Format::Xml => {
                self.out.push(b'<');
                self.out.extend_from_slice(name.as_bytes());
                self.out.push(b'>');
            }
        }
    }

    fn close(&mut self, name: &str) {
        if self.format == Format::Xml {
            self.out.extend_from_slice(b"</");
            self.out.extend_from_slice(name.as_bytes());
            self.out.push(b'>');
        }
    }

    fn finish(self) -> String {
        // Only UTF-8 was ever written: `str` values, ASCII punctuation and serde_json output.
        String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Encodes an object as a compact JSON document.
pub fn to_json<T: EncodeValue + ?Sized>(value: &T) -> String {
    let mut w = Writer::new(Format::Json);
    value.encode_value(&mut w);
    w.finish()
}

/// Encodes an object as JSON indented by two spaces, fields in spec order (for people and the CLI).
pub fn to_json_pretty<T: EncodeValue>(value: &T) -> String {
    let mut w = Writer::new(Format::Json);
    w.indent = Some(0);
    value.encode_value(&mut w);
    w.finish()
}

/// Encodes an object as an XML document with the given root element (no declaration, as the service sends).
///
/// The document is always well-formed: markup characters are escaped, and characters XML 1.0 cannot carry
/// at all (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) are written as U+FFFD,
/// the replacement character. No service can send them in XML either (the decoder rejects them); use
/// [`to_json`] to keep such a value exactly.
pub fn to_xml<T: EncodeValue>(value: &T, root: &str) -> String {
    let mut w = Writer::new(Format::Xml);
    w.open(root);
    value.encode_value(&mut w);
    w.close(root);
    w.finish()
}

/// An array in an array (or a JSON-style list parameter): a JSON array; in XML one `<item>` element per item
/// (the decoder reads an inner array from an element's children whatever their names).
impl<T: EncodeValue> EncodeValue for [T] {
    fn encode_value(&self, w: &mut Writer) {
        w.array(self);
    }
}

impl<T: EncodeValue> EncodeValue for Vec<T> {
    fn encode_value(&self, w: &mut Writer) {
        w.array(self);
    }
}

/// An untyped value ([`crate::Any`]) as it was decoded: members in order, arrays as repeated XML elements,
/// `null` as JSON `null` and nothing in XML. An empty array is written `[]` in JSON, so nothing is dropped.
impl EncodeValue for serde_json::Value {
    fn encode_value(&self, w: &mut Writer) {
        use serde_json::Value;
        match self {
            Value::Null => {
                if w.format == Format::Json {
                    w.out.extend_from_slice(b"null");
                }
            }
            Value::Bool(b) => w.display(b),
            Value::Number(n) => w.display(n),
            Value::String(s) => w.string(s),
            Value::Array(items) => w.array(items),
            Value::Object(map) => {
                let scope = w.begin_object();
                for (name, value) in map {
                    match value {
                        Value::Array(items) if w.format == Format::Xml => w.list(name, items),
                        Value::Array(items) if items.is_empty() => {
                            w.open(name);
                            w.out.extend_from_slice(b"[]");
                        }
                        _ => w.member(name, value),
                    }
                }
                w.end_object(scope);
            }
        }
    }
}

impl EncodeValue for String {
    fn encode_value(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl EncodeValue for i32 {
    fn encode_value(&self, w: &mut Writer) {
        w.integer(i64::from(*self));
    }
}

impl EncodeValue for i64 {
    fn encode_value(&self, w: &mut Writer) {
        w.integer(*self);
    }
}

impl EncodeValue for bool {
    fn encode_value(&self, w: &mut Writer) {
        w.out
            .extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl EncodeValue for f32 {
    fn encode_value(&self, w: &mut Writer) {
        // Through the f32's own shortest form, so `0.1_f32` is written `0.1`, not `0.10000000149011612`.
        match self.to_string().parse::<f64>() {
            Ok(v) => w.float(v),
            Err(_) => w.float(f64::NAN),
        }
    }
}

impl EncodeValue for f64 {
    fn encode_value(&self, w: &mut Writer) {
        w.float(*self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_strings_take_the_fast_paths_exactly() {
        for n in [0, 7, -5, 10, 1_578_550_074_361, i64::MAX, i64::MIN] {
            assert_eq!(to_json(&[n][..]), format!("[{n}]"));
        }
        assert_eq!(to_json(&[i32::MIN][..]), format!("[{}]", i32::MIN));
        let strings: Vec<String> = ["plain 中文", "q\"uote", "back\\slash", "tab\tnl\n", "\u{1}"]
            .map(String::from)
            .to_vec();
        let expected = serde_json::to_string(&strings).expect("strings serialize");
        assert_eq!(to_json(&strings[..]), expected);
    }

    struct Inner {
        a: Option<String>,
    }

    impl EncodeValue for Inner {
        fn encode_value(&self, w: &mut Writer) {
            let scope = w.begin_object();
            w.field("A", &self.a);
            w.end_object(scope);
        }
    }

    struct Outer {
        n: Option<i64>,
        tags: Vec<String>,
        items: Vec<Inner>,
        empty: Option<Inner>,
        x: Option<f64>,
    }

    impl EncodeValue for Outer {
        fn encode_value(&self, w: &mut Writer) {
            let scope = w.begin_object();
            w.field("N", &self.n);
            w.list("Tags", &self.tags);
            w.list("Items", &self.items);
            w.field("Empty", &self.empty);
            w.field("X", &self.x);
            w.end_object(scope);
        }
    }

    fn sample() -> Outer {
        Outer {
            n: Some(-3),
            tags: vec!["a\"b".into(), "<&>".into()],
            items: vec![
                Inner {
                    a: Some("1".into()),
                },
                Inner { a: None },
            ],
            empty: Some(Inner { a: None }),
            x: Some(f64::NAN),
        }
    }

    #[test]
    fn compact_json() {
        assert_eq!(
            to_json(&sample()),
            r#"{"N":-3,"Tags":["a\"b","<&>"],"Items":[{"A":"1"},{}],"Empty":{},"X":null}"#
        );
    }

    #[test]
    fn pretty_json() {
        let expected = "{\n  \"N\": -3,\n  \"Tags\": [\n    \"a\\\"b\",\n    \"<&>\"\n  ],\n  \"Items\": [\n    {\n      \"A\": \"1\"\n    },\n    {}\n  ],\n  \"Empty\": {},\n  \"X\": null\n}";
        assert_eq!(to_json_pretty(&sample()), expected);
    }

    #[test]
    fn xml_repeats_list_elements_and_escapes_text() {
        let mut v = sample();
        v.x = Some(1.5);
        assert_eq!(
            to_xml(&v, "R"),
            "<R><N>-3</N><Tags>a\"b</Tags><Tags>&lt;&amp;&gt;</Tags><Items><A>1</A></Items><Items></Items><Empty></Empty><X>1.5</X></R>"
        );
    }
}
