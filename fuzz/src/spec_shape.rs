//! A structure-aware operation file for the `spec_structured` target: `arbitrary` builds the shape, and
//! [`OperationShape::to_yaml`] writes it as YAML. Names and values come from small pools that contain the
//! cases validation must handle (Rust keywords, names that collide after case conversion, the envelope's
//! field names, values that are not identifiers, types and styles that do not exist).

use arbitrary::Arbitrary;
use std::fmt::Write;

const NAMES: &[&str] = &[
    "JobId",
    "JobID",
    "job_id",
    "Type",
    "type",
    "self",
    "Self",
    "New",
    "new",
    "RequestId",
    "Code",
    "Message",
    "Success",
    "HttpStatusCode",
    "PageNumber",
    "PageSize",
    "TotalCount",
    "List",
    "Item",
    "Unknown",
    "123",
    "a-b",
    "名称",
    "",
    "Body",
    "ToParams",
    "Async",
    "Await",
    "Crate",
    "Super",
];
const TYPES: &[&str] = &[
    "String", "Integer", "Long", "Float", "Double", "Boolean", "Object", "Array", "Any", "string",
    "Map",
];
const STYLES: &[&str] = &["repeat_list", "flat", "json", "simple", ""];
const LOCATIONS: &[&str] = &["query", "form", "body", "header"];
const WORDS: &[&str] = &[
    "x",
    "1",
    "-1",
    "1.5e300",
    "NaN",
    "true",
    "\u{0}",
    "a: b",
    "'",
    "\"",
    "#",
    "{region}",
    "Draft",
    "Unknown",
    "very-high",
    "VeryHigh",
    "ListJobGroups",
    "Jobs",
];

fn pick<'a>(pool: &[&'a str], i: u8) -> &'a str {
    pool[usize::from(i) % pool.len()]
}

/// One field (request parameter, response field or array element).
#[derive(Debug, Arbitrary)]
pub struct FieldShape {
    name: Option<u8>,
    ty: u8,
    required: bool,
    style: Option<u8>,
    location: Option<u8>,
    enum_ref: Option<u8>,
    struct_name: Option<u8>,
    rust_name: Option<u8>,
    max_items: Option<u32>,
    minimum: Option<i16>,
    maximum: Option<i16>,
    items: Option<Box<FieldShape>>,
    fields: Vec<FieldShape>,
}

/// One named enum.
#[derive(Debug, Arbitrary)]
pub struct EnumShape {
    name: u8,
    values: Vec<(u8, Option<u8>)>,
}

/// One operation file.
#[derive(Debug, Arbitrary)]
pub struct OperationShape {
    name: u8,
    method: Option<u8>,
    untyped_response: bool,
    request: Vec<FieldShape>,
    response: Vec<FieldShape>,
    enums: Vec<EnumShape>,
    errors: Vec<(u16, u8)>,
}

/// A YAML double-quoted scalar: every character escaped that could end or change it.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl FieldShape {
    /// Writes the field at `indent`: as a list entry (`- name: …`), or as the mapping under `items:`.
    fn write(&self, out: &mut String, indent: usize, depth: usize, list_entry: bool) {
        let pad = " ".repeat(indent);
        let mut first = list_entry;
        let mut line = |out: &mut String, text: String| {
            let lead = if first {
                format!("{pad}- ")
            } else if list_entry {
                format!("{pad}  ")
            } else {
                pad.clone()
            };
            first = false;
            let _ = writeln!(out, "{lead}{text}");
        };
        if let Some(n) = self.name {
            line(out, format!("name: {}", quoted(pick(NAMES, n))));
        }
        line(out, format!("type: {}", quoted(pick(TYPES, self.ty))));
        if self.required {
            line(out, "required: true".to_string());
        }
        if let Some(s) = self.style {
            line(out, format!("style: {}", quoted(pick(STYLES, s))));
        }
        if let Some(l) = self.location {
            line(out, format!("location: {}", quoted(pick(LOCATIONS, l))));
        }
        if let Some(e) = self.enum_ref {
            line(out, format!("enum: {}", quoted(pick(NAMES, e))));
        }
        if let Some(s) = self.struct_name {
            line(out, format!("struct: {}", quoted(pick(NAMES, s))));
        }
        if let Some(r) = self.rust_name {
            line(out, format!("rust_name: {}", quoted(pick(NAMES, r))));
        }
        if let Some(m) = self.max_items {
            line(out, format!("max_items: {m}"));
        }
        if let Some(m) = self.minimum {
            line(out, format!("minimum: {m}"));
        }
        if let Some(m) = self.maximum {
            line(out, format!("maximum: {m}"));
        }
        // Depth is bounded so one input stays small; nesting itself is what the targets care about.
        if depth < 6 {
            if let Some(items) = &self.items {
                line(out, "items:".to_string());
                items.write(out, indent + 4, depth + 1, false);
            }
            if !self.fields.is_empty() {
                line(out, "fields:".to_string());
                for f in &self.fields {
                    f.write(out, indent + 4, depth + 1, true);
                }
            }
        }
    }
}

impl OperationShape {
    /// The operation file as YAML.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "name: {}", quoted(pick(NAMES, self.name)));
        out.push_str("summary: Fuzzed.\n");
        if let Some(m) = self.method {
            let _ = writeln!(out, "method: {}", quoted(pick(&["GET", "POST", "PUT"], m)));
        }
        if self.untyped_response {
            out.push_str("untyped_response: true\n");
        }
        for (key, fields) in [("request", &self.request), ("response", &self.response)] {
            if !fields.is_empty() {
                let _ = writeln!(out, "{key}:");
                for f in fields {
                    f.write(&mut out, 2, 0, true);
                }
            }
        }
        if !self.enums.is_empty() {
            out.push_str("enums:\n");
            for e in &self.enums {
                let _ = writeln!(out, "  - name: {}", quoted(pick(NAMES, e.name)));
                out.push_str("    values:\n");
                for (value, rust_name) in &e.values {
                    let _ = writeln!(out, "      - value: {}", quoted(pick(WORDS, *value)));
                    if let Some(r) = rust_name {
                        let _ = writeln!(out, "        rust_name: {}", quoted(pick(NAMES, *r)));
                    }
                }
            }
        }
        if !self.errors.is_empty() {
            out.push_str("errors:\n");
            for (status, code) in &self.errors {
                let _ = writeln!(
                    out,
                    "  - {{http_status: {status}, code: {}, message: m}}",
                    quoted(pick(WORDS, *code))
                );
            }
        }
        out
    }
}
