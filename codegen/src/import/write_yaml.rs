//! The output model → YAML text, with a fixed key order and a conservative choice of scalar style.
//!
//! Key order: operations `name, summary, method, deprecated, request, response, enums, errors, examples,
//! untyped_response`; fields `name, type`, then the rest in the order of `api-spec/README.md`'s table
//! (`description, example, historic, notes, enum, items, fields, struct, rust_name, required, doc_required,
//! style, location, max_items, minimum, maximum, default`).
//!
//! Strings ([`scalar`]): a plain scalar only when nothing could read it differently (no indicator first, no
//! `: ` or ` #`, no surrounding space, not a YAML 1.1 / 1.2 null, boolean, number, sexagesimal or timestamp
//! lookalike); multi-line text as a literal block scalar when every character is printable and there is no
//! `\r`; everything else double-quoted with JSON-style escapes (non-printables, DEL, U+FEFF as `\uXXXX`).

use super::model::{Enum, ErrorCode, Examples, Field, Operation, Service};

/// A YAML node of the output.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// A string scalar (style chosen when written).
    Str(String),
    /// A number or boolean, already spelled.
    Raw(String),
    /// A block sequence.
    Seq(Vec<Node>),
    /// A block mapping with keys in writing order.
    Map(Vec<(&'static str, Node)>),
}

/// Collects the present keys of one mapping, in order.
#[derive(Default)]
struct MapBuilder(Vec<(&'static str, Node)>);

impl MapBuilder {
    fn str(&mut self, key: &'static str, value: &str) {
        self.0.push((key, Node::Str(value.to_string())));
    }

    fn opt_str(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            self.str(key, value);
        }
    }

    fn flag(&mut self, key: &'static str, value: bool) {
        if value {
            self.0.push((key, Node::Raw("true".to_string())));
        }
    }

    fn number(&mut self, key: &'static str, value: Option<f64>) {
        if let Some(value) = value {
            self.0.push((key, Node::Raw(number(value))));
        }
    }

    fn seq(&mut self, key: &'static str, items: Vec<Node>) {
        if !items.is_empty() {
            self.0.push((key, Node::Seq(items)));
        }
    }

    fn map(&mut self, key: &'static str, entries: Vec<(&'static str, Node)>) {
        if !entries.is_empty() {
            self.0.push((key, Node::Map(entries)));
        }
    }
}

/// A number as YAML: integers without a fraction, others in Rust's shortest round-trip form.
pub fn number(value: f64) -> String {
    if value.is_nan() {
        ".nan".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { ".inf" } else { "-.inf" }.to_string()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value}");
        if text.contains(['.', 'e', 'E']) {
            text
        } else {
            format!("{text}.0")
        }
    }
}

/// `service.yaml` after `header` (comment lines, each ending in a newline).
pub fn service(header: &str, service: &Service) -> String {
    let mut map = MapBuilder::default();
    map.str("product", &service.product);
    map.str("title", &service.title);
    map.str("version", &service.version);
    map.str("style", &service.style);
    map.str("crate", &service.crate_name);
    map.str("endpoint", &service.endpoint);
    map.str("default_region", &service.default_region);
    map.seq(
        "regions",
        service
            .regions
            .iter()
            .map(|r| Node::Str(r.clone()))
            .collect(),
    );
    document(header, map.0, false)
}

/// One operation file after `header` (comment lines, each ending in a newline).
pub fn operation(header: &str, op: &Operation) -> String {
    let mut map = MapBuilder::default();
    map.str("name", &op.name);
    map.str("summary", &op.summary);
    map.opt_str("method", op.method.as_deref());
    map.opt_str("deprecated", op.deprecated.as_deref());
    map.seq("request", op.request.iter().map(field).collect());
    map.seq("response", op.response.iter().map(field).collect());
    map.seq("enums", op.enums.iter().map(enum_def).collect());
    map.seq("errors", op.errors.iter().map(error).collect());
    map.map("examples", examples(&op.examples));
    map.flag("untyped_response", op.untyped_response);
    document(header, map.0, true)
}

fn field(f: &Field) -> Node {
    let mut map = MapBuilder::default();
    map.opt_str("name", f.name.as_deref());
    map.str("type", f.ty.as_str());
    map.opt_str("description", f.description.as_deref());
    map.opt_str("example", f.example.as_deref());
    map.opt_str("historic", f.historic.as_deref());
    map.seq(
        "notes",
        f.notes.iter().map(|n| Node::Str(n.clone())).collect(),
    );
    map.opt_str("enum", f.enum_ref.as_deref());
    if let Some(items) = &f.items {
        map.0.push(("items", field(items)));
    }
    map.seq("fields", f.fields.iter().map(field).collect());
    map.opt_str("struct", f.struct_name.as_deref());
    map.opt_str("rust_name", f.rust_name.as_deref());
    map.flag("required", f.required);
    map.flag("doc_required", f.doc_required);
    map.opt_str("style", f.style.map(|s| s.as_str()));
    map.opt_str("location", f.location.map(|l| l.as_str()));
    if let Some(max) = f.max_items {
        map.0.push(("max_items", Node::Raw(max.to_string())));
    }
    map.number("minimum", f.minimum);
    map.number("maximum", f.maximum);
    map.opt_str("default", f.default.as_deref());
    Node::Map(map.0)
}

fn enum_def(e: &Enum) -> Node {
    let mut map = MapBuilder::default();
    map.str("name", &e.name);
    map.opt_str("description", e.description.as_deref());
    let values = e
        .values
        .iter()
        .map(|v| {
            let mut value = MapBuilder::default();
            value.str("value", &v.value);
            value.opt_str("description", v.description.as_deref());
            value.opt_str("rust_name", v.rust_name.as_deref());
            Node::Map(value.0)
        })
        .collect();
    // `values` is required even when empty.
    map.0.push(("values", Node::Seq(values)));
    Node::Map(map.0)
}

fn error(e: &ErrorCode) -> Node {
    let mut map = MapBuilder::default();
    map.0
        .push(("http_status", Node::Raw(e.http_status.to_string())));
    map.str("code", &e.code);
    map.str("message", &e.message);
    map.opt_str("description", e.description.as_deref());
    Node::Map(map.0)
}

fn examples(e: &Examples) -> Vec<(&'static str, Node)> {
    let mut map = MapBuilder::default();
    map.opt_str("request", e.request.as_deref());
    map.opt_str("response_xml", e.response_xml.as_deref());
    map.opt_str("response_json", e.response_json.as_deref());
    map.0
}

/// The header, then the top-level mapping. With `spaced`, a blank line before each top-level block (lists and
/// mappings), unless the text so far ends in a `|+` block scalar, which would take the blank line as content.
fn document(header: &str, entries: Vec<(&'static str, Node)>, spaced: bool) -> String {
    let mut w = Writer {
        out: String::from(header),
        keep_end: None,
    };
    for (key, value) in &entries {
        if spaced && matches!(value, Node::Seq(_) | Node::Map(_)) && w.keep_end != Some(w.out.len())
        {
            w.out.push('\n');
        }
        w.entry(0, key, value);
    }
    w.out
}

/// The text being written.
struct Writer {
    out: String,
    /// Where the last `|+` block scalar ended.
    keep_end: Option<usize>,
}

impl Writer {
    /// `key: value` at column `indent` (the caller has written the indentation or a `- `).
    fn entry(&mut self, indent: usize, key: &str, value: &Node) {
        self.out.push_str(key);
        self.out.push(':');
        match value {
            Node::Str(s) => {
                self.out.push(' ');
                self.scalar(s, indent);
            }
            Node::Raw(raw) => {
                self.out.push(' ');
                self.out.push_str(raw);
                self.out.push('\n');
            }
            Node::Seq(items) => {
                self.out.push('\n');
                self.seq(indent + 2, items);
            }
            Node::Map(entries) => {
                self.out.push('\n');
                for (key, value) in entries {
                    pad(&mut self.out, indent + 2);
                    self.entry(indent + 2, key, value);
                }
            }
        }
    }

    /// Items of a block sequence, each `- ` at column `indent`.
    fn seq(&mut self, indent: usize, items: &[Node]) {
        for item in items {
            pad(&mut self.out, indent);
            self.out.push_str("- ");
            match item {
                Node::Str(s) => self.scalar(s, indent),
                Node::Raw(raw) => {
                    self.out.push_str(raw);
                    self.out.push('\n');
                }
                Node::Seq(inner) => {
                    // Not produced by the importer; written as a nested block sequence.
                    self.out.push('\n');
                    self.seq(indent + 2, inner);
                }
                Node::Map(entries) => {
                    for (i, (key, value)) in entries.iter().enumerate() {
                        if i > 0 {
                            pad(&mut self.out, indent + 2);
                        }
                        self.entry(indent + 2, key, value);
                    }
                    if entries.is_empty() {
                        self.out.push_str("{}\n");
                    }
                }
            }
        }
    }

    /// A string value of a node at column `indent`.
    fn scalar(&mut self, s: &str, indent: usize) {
        scalar_into(&mut self.out, s, indent);
        if scalar_style(s) == ScalarStyle::Literal && s.ends_with("\n\n") {
            self.keep_end = Some(self.out.len());
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// How a string is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// As is.
    Plain,
    /// `"…"` with escapes.
    DoubleQuoted,
    /// `|`, `|-` or `|+` with the lines below.
    Literal,
}

/// The style [`scalar`] uses for `s`.
pub fn scalar_style(s: &str) -> ScalarStyle {
    if s.contains('\n') && literal_ok(s) {
        ScalarStyle::Literal
    } else if plain_ok(s) {
        ScalarStyle::Plain
    } else {
        ScalarStyle::DoubleQuoted
    }
}

/// `s` as the value of a mapping key at column `indent`, ending in a newline (block scalars continue on the
/// following lines, indented by two more columns).
pub fn scalar(s: &str, indent: usize) -> String {
    let mut out = String::new();
    scalar_into(&mut out, s, indent);
    out
}

fn scalar_into(out: &mut String, s: &str, indent: usize) {
    match scalar_style(s) {
        ScalarStyle::Plain => out.push_str(s),
        ScalarStyle::DoubleQuoted => double_quoted(out, s),
        ScalarStyle::Literal => return literal(out, s, indent),
    }
    out.push('\n');
}

/// YAML's `c-printable`, minus the characters YAML 1.1 reads as line breaks (NEL, LS, PS) and the byte
/// order mark, which are escaped to be safe with any reader.
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// A literal block keeps every character as is: all printable, no `\r` (a reader would normalise it), and at
/// least one line with something other than spaces (a block of only empty lines is easy to misread).
fn literal_ok(s: &str) -> bool {
    s.chars().all(|c| printable(c) && c != '\r')
        && s.split('\n').any(|l| !l.trim_start_matches(' ').is_empty())
}

fn literal(out: &mut String, s: &str, indent: usize) {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let lines: Vec<&str> = body.split('\n').collect();
    out.push('|');
    // The reader takes the indentation from the first line with content; when that line (or an all-space
    // line before it) starts with a space, the indentation is stated.
    let first_content = lines
        .iter()
        .position(|l| !l.trim_start_matches(' ').is_empty());
    let needs_indicator = lines
        .iter()
        .take(first_content.map_or(lines.len(), |i| i + 1))
        .any(|l| l.starts_with(' '));
    if needs_indicator {
        out.push('2');
    }
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    out.push('\n');
    for line in &lines {
        if !line.is_empty() {
            pad(out, indent + 2);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

fn double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{C}' => out.push_str("\\f"),
            c if !printable(c) || c == '\u{85}' => {
                let code = c as u32;
                if code <= 0xFFFF {
                    out.push_str(&format!("\\u{code:04X}"));
                } else {
                    out.push_str(&format!("\\U{code:08X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Characters that give a plain scalar a different meaning when they come first.
const INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
];

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    !INDICATORS.contains(&first)
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && s.chars()
            .all(|c| printable(c) && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
        && !reserved_word(s)
        && !looks_like_number(s)
        && !looks_like_timestamp(s)
}

/// Nulls, booleans (YAML 1.1 included: `yes`, `no`, `on`, `off`, `y`, `n`) and the merge / value keys.
fn reserved_word(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "=",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// Integers (decimal, `0x`, `0o`, `0b`, YAML 1.1 octal and `_` separators), floats (`1e3`, `.5`, `1.`,
/// `.inf`, `.nan`, `inf`, `nan`), sexagesimal numbers (`12:30:00`), each with an optional sign.
pub fn looks_like_number(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = unsigned.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan" | "inf" | "nan" | "infinity") {
        return true;
    }
    let digits_in = |text: &str, radix: u32| {
        !text.is_empty()
            && text.chars().any(|c| c.is_digit(radix))
            && text.chars().all(|c| c.is_digit(radix) || c == '_')
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return digits_in(rest, radix);
        }
    }
    if lower.contains(':') {
        return lower.starts_with(|c: char| c.is_ascii_digit())
            && lower
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '_' | '.'));
    }
    let (mantissa, exponent) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (lower.as_str(), None),
    };
    let mantissa_ok = mantissa.chars().any(|c| c.is_ascii_digit())
        && mantissa.chars().filter(|c| *c == '.').count() <= 1
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '_'));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        digits_in(e, 10)
    });
    mantissa_ok && exponent_ok
}

/// YAML 1.1 timestamps start with `YYYY-M-D`.
fn looks_like_timestamp(s: &str) -> bool {
    let mut parts = s.splitn(3, '-');
    let year = parts.next().unwrap_or("");
    let month = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("");
    let day: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&month.len())
        && month.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&day.len())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::super::model::{Field, Operation, Type};
    use super::*;

    /// Strings that trip naive YAML writers.
    const TRICKY: &[&str] = &[
        "",
        " ",
        "plain text",
        "修改后的作业组",
        "emoji 😀 and 中文",
        "\"quoted\"",
        "'single'",
        "it's",
        "a # not a comment",
        "#comment",
        "key: value",
        "ends with colon:",
        "a:b",
        " leading space",
        "trailing space ",
        "- x",
        "-x",
        "? x",
        ": x",
        "[1,2,3,4,5]",
        "{}",
        "{\"a\":1}",
        "*alias",
        "&anchor",
        "!tag",
        "|",
        ">",
        "%directive",
        "@at",
        "`tick`",
        "true",
        "True",
        "FALSE",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "null",
        "Null",
        "~",
        "<<",
        "=",
        "0",
        "1",
        "-1",
        "+1",
        "007",
        "0x1F",
        "0o17",
        "0b101",
        "1_000",
        "1e3",
        "1E-3",
        "-2.5e+10",
        ".5",
        "1.",
        ".inf",
        "-.INF",
        ".NaN",
        "inf",
        "nan",
        "12:00:00",
        "190:20:30",
        "2019-12-26",
        "2001-12-14t21:59:43.10-05:00",
        "1.2.3",
        "3edc0260-6f7c-4de4-8535-09372240618b",
        "UPLOADED/JOB/x_job_template - 副本.xlsx",
        "https://***.oss-cn-shanghai.aliyuncs.com/sample",
        "tab\there",
        "\ttab first",
        "line\r\nwindows",
        "cr only\r",
        "bell\u{7}",
        "nul\u{0}",
        "del\u{7F}",
        "nel\u{85}x",
        "c1\u{9B}x",
        "ls\u{2028}ps\u{2029}",
        "\u{FEFF}bom",
        "nonchar\u{FFFE}",
        "back\\slash",
        "one line\n",
        "two\nlines",
        "two\nlines\n",
        "two\nlines\n\n",
        "two\nlines\n\n\n",
        "\n",
        "\n\n",
        "\nleading newline",
        "  indented first\nsecond",
        "first\n  indented second",
        "\n  indented after a blank line",
        "  \nspaces-only first line",
        "   \n",
        "{\n  \"HttpStatusCode\": 200,\n  \"Code\": \"OK\"\n}",
        "# heading\n- item\n---\n...\nkey: value",
        "tab\tinside\nblock",
        "\tline starts with tab\nx",
        "trailing spaces  \nin block  ",
        "emoji 😀\n中文\n",
        "mixed\r\nline\nendings",
        "control\u{1}\nin block",
    ];

    /// One document with `s` at three depths: a top-level key, a field of a sequence item, and a nested
    /// mapping value in a sequence item (where block scalar indentation is easiest to get wrong).
    fn document_with(s: &str) -> String {
        let op = Operation {
            name: "Op".to_string(),
            summary: s.to_string(),
            request: vec![Field {
                name: Some("P".to_string()),
                ty: Type::Array,
                description: Some(s.to_string()),
                notes: vec![s.to_string(), "second".to_string()],
                items: Some(Box::new(Field {
                    ty: Type::String,
                    example: Some(s.to_string()),
                    ..Field::default()
                })),
                ..Field::default()
            }],
            ..Operation::default()
        };
        operation("# header\n", &op)
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        summary: String,
        request: Vec<Param>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Param {
        name: String,
        #[serde(rename = "type")]
        ty: String,
        description: String,
        notes: Vec<String>,
        items: BTreeMap<String, String>,
    }

    #[test]
    fn tricky_strings_round_trip_through_the_yaml_reader() {
        let mut failures = Vec::new();
        for s in TRICKY {
            let text = document_with(s);
            match crate::yaml::parse::<Doc>(Path::new("t.yaml"), &text) {
                Ok(doc) => {
                    let ok = doc.summary == *s
                        && doc.request[0].description == *s
                        && doc.request[0].notes == [s.to_string(), "second".to_string()]
                        && doc.request[0].items.get("example").map(String::as_str) == Some(*s)
                        && doc.request[0].ty == "Array";
                    if !ok {
                        failures.push(format!("{s:?} read back as {doc:?} from\n{text}"));
                    }
                }
                Err(e) => failures.push(format!("{s:?}: {e} in\n{text}")),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }

    #[test]
    fn styles_are_the_expected_ones() {
        for s in [
            "plain text",
            "修改后的作业组",
            "a:b",
            "1.2.3",
            "3edc0260-6f7c-4de4",
            "x-y",
        ] {
            assert_eq!(scalar_style(s), ScalarStyle::Plain, "{s:?}");
        }
        for s in [
            "",
            "true",
            "no",
            "~",
            "1",
            "0x1",
            "1e3",
            ".5",
            "12:00:00",
            "2019-12-26",
            "- x",
            "a: b",
            "a #b",
            " x",
            "x ",
            "tab\tx",
            "\u{FEFF}",
            "cr\r\nlf",
            "\n",
            "\n\n",
        ] {
            assert_eq!(scalar_style(s), ScalarStyle::DoubleQuoted, "{s:?}");
        }
        for s in ["a\nb", "a\n", "{\n  \"a\": 1\n}", "\nx"] {
            assert_eq!(scalar_style(s), ScalarStyle::Literal, "{s:?}");
        }
    }

    #[test]
    fn block_scalars_pick_chomping_and_indentation() {
        assert_eq!(scalar("a\nb", 0), "|-\n  a\n  b\n");
        assert_eq!(scalar("a\nb\n", 0), "|\n  a\n  b\n");
        assert_eq!(scalar("a\nb\n\n", 4), "|+\n      a\n      b\n\n");
        assert_eq!(scalar(" a\nb", 0), "|2-\n   a\n  b\n");
        assert_eq!(scalar("a\n\nb", 0), "|-\n  a\n\n  b\n");
    }

    #[test]
    fn double_quoted_escapes_are_json_like() {
        assert_eq!(scalar("\"hi\" \\", 0), "\"\\\"hi\\\" \\\\\"\n");
        assert_eq!(
            scalar("\u{0}\u{7}\u{7F}\u{85}\u{FEFF}\t", 0),
            "\"\\u0000\\u0007\\u007F\\u0085\\uFEFF\\t\"\n"
        );
        assert_eq!(scalar("a\r\nb", 0), "\"a\\r\\nb\"\n");
        assert_eq!(scalar("", 0), "\"\"\n");
    }

    #[test]
    fn numbers_are_yaml_numbers() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(-500.0), "-500");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(1e20), "100000000000000000000.0");
        assert_eq!(number(f64::NAN), ".nan");
        assert_eq!(number(f64::NEG_INFINITY), "-.inf");
    }

    #[test]
    fn keys_come_in_the_readme_order_and_empty_ones_are_left_out() {
        let op = Operation {
            name: "Op".to_string(),
            summary: "S".to_string(),
            method: Some("GET".to_string()),
            request: vec![Field {
                name: Some("P".to_string()),
                ty: Type::Long,
                description: Some("d".to_string()),
                example: Some("1".to_string()),
                required: true,
                minimum: Some(1.0),
                maximum: Some(100.0),
                default: Some("10".to_string()),
                ..Field::default()
            }],
            untyped_response: true,
            ..Operation::default()
        };
        assert_eq!(
            operation("# h\n", &op),
            "# h\nname: Op\nsummary: S\nmethod: GET\n\nrequest:\n  - name: P\n    type: Long\n    \
             description: d\n    example: \"1\"\n    required: true\n    minimum: 1\n    maximum: 100\n    \
             default: \"10\"\nuntyped_response: true\n"
        );
    }
}
