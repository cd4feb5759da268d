//! A structure-aware operation file for the `spec_structured` target: `arbitrary` builds the shape, and
//! [`OperationShape::to_yaml`] writes it as YAML. Names and values come from small pools that contain the
//! cases validation must handle (Rust keywords, names that collide after case conversion, the envelope's
//! field names, values that are not identifiers, types and styles that do not exist).

use arbitrary::Arbitrary;
use std::fmt::Write;

/// Names: mostly ordinary ones (so that many generated specs are valid and reach the emitters), the rest
/// the cases validation must handle.
const NAMES: &[&str] = &[
    "JobId",
    "Name",
    "Status",
    "PageNumber",
    "PageSize",
    "TotalCount",
    "List",
    "Item",
    "Detail",
    "Value",
    "RequestId",
    "Code",
    "Message",
    "Success",
    "HttpStatusCode",
    "JobID",
    "job_id",
    "Type",
    "type",
    "self",
    "Self",
    "New",
    "new",
    "Unknown",
    "123",
    "a-b",
    "名称",
    "",
    "Body",
    "ToParams",
    "Async",
    "Crate",
];
const TYPES: &[&str] = &[
    "String", "String", "String", "Integer", "Long", "Float", "Double", "Boolean", "Object",
    "Object", "Array", "Array", "Any", "string", "Map",
];
const STYLES: &[&str] = &["repeat_list", "flat", "json", "simple", ""];
const LOCATIONS: &[&str] = &["query", "form", "body"];
const WORDS: &[&str] = &[
    "Draft",
    "Running",
    "very-high",
    "VeryHigh",
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
    "Unknown",
    "ListJobGroups",
    "Jobs",
];

/// `pool[i]`, with the first ten entries (the ordinary ones) three times as likely as the rest.
fn pick<'a>(pool: &[&'a str], i: u8) -> &'a str {
    let i = usize::from(i);
    let ordinary = pool.len().min(10);
    if i < 192 {
        pool[i % ordinary]
    } else {
        pool[i % pool.len()]
    }
}

/// One field (request parameter, response field or array element).
#[derive(Debug, Default, Arbitrary)]
pub struct FieldShape {
    chaos: u8,
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

/// Where a field is written: which keys make sense there.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// A top-level request parameter.
    Parameter,
    /// A field of a request object or the element of a request list.
    RequestPart,
    /// A response field or element.
    Response,
}

impl FieldShape {
    /// Writes the field at `indent`: as a list entry (`- name: …`), or as the mapping under `items:`.
    ///
    /// Most fields (`chaos` below 224) get only the keys their type and place allow, so the spec has a
    /// chance to be valid; the rest get every key they drew, which validation must reject.
    fn write(&self, out: &mut String, indent: usize, depth: usize, list_entry: bool, place: Place) {
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
        let ty = pick(TYPES, self.ty);
        let free = self.chaos >= 224;
        let request = place != Place::Response;
        let number = matches!(ty, "Integer" | "Long" | "Float" | "Double");
        if list_entry {
            line(
                out,
                format!("name: {}", quoted(pick(NAMES, self.name.unwrap_or(0)))),
            );
        } else if let Some(n) = self.name.filter(|_| free) {
            line(out, format!("name: {}", quoted(pick(NAMES, n))));
        }
        line(out, format!("type: {}", quoted(ty)));
        if self.required && (free || request && list_entry) {
            line(out, "required: true".to_string());
        }
        let style = match (place, ty) {
            _ if free => self.style.map(|s| pick(STYLES, s)),
            (Place::Parameter, "Array") => Some("repeat_list"),
            (Place::Parameter, "Object") => Some("flat"),
            _ => None,
        };
        if let Some(style) = style {
            line(out, format!("style: {}", quoted(style)));
        }
        if let Some(l) = self.location.filter(|_| free || place == Place::Parameter) {
            line(out, format!("location: {}", quoted(pick(LOCATIONS, l))));
        }
        if let Some(e) = self.enum_ref.filter(|_| free || ty == "String") {
            line(out, format!("enum: {}", quoted(pick(NAMES, e))));
        }
        if let Some(s) = self.struct_name.filter(|_| free || ty == "Object") {
            line(out, format!("struct: {}", quoted(pick(NAMES, s))));
        }
        if let Some(r) = self.rust_name.filter(|_| free || list_entry) {
            line(out, format!("rust_name: {}", quoted(pick(NAMES, r))));
        }
        if let Some(m) = self.max_items.filter(|_| free || request && ty == "Array") {
            line(out, format!("max_items: {m}"));
        }
        if let Some(m) = self.minimum.filter(|_| free || request && number) {
            line(out, format!("minimum: {m}"));
        }
        if let Some(m) = self.maximum.filter(|_| free || request && number) {
            line(out, format!("maximum: {m}"));
        }
        let inner = if request {
            Place::RequestPart
        } else {
            Place::Response
        };
        // Depth is bounded so one input stays small; nesting itself is what the targets care about.
        if depth < 6 {
            let default_items = FieldShape::default();
            let items = match &self.items {
                Some(items) if free || ty == "Array" => Some(&**items),
                None if ty == "Array" => Some(&default_items),
                _ => None,
            };
            if let Some(items) = items {
                line(out, "items:".to_string());
                items.write(out, indent + 4, depth + 1, false, inner);
            }
            let fields = if free || ty == "Object" {
                &self.fields[..]
            } else {
                &[]
            };
            if !fields.is_empty() {
                line(out, "fields:".to_string());
                for f in fields {
                    f.write(out, indent + 4, depth + 1, true, inner);
                }
            } else if ty == "Object" {
                line(out, "fields: [{name: Id, type: String}]".to_string());
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
        let parts = [
            ("request", &self.request, Place::Parameter),
            ("response", &self.response, Place::Response),
        ];
        for (key, fields, place) in parts {
            if !fields.is_empty() {
                let _ = writeln!(out, "{key}:");
                for f in fields {
                    f.write(&mut out, 2, 0, true, place);
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

#[cfg(test)]
mod tests {
    use super::OperationShape;
    use arbitrary::{Arbitrary, Unstructured};

    /// The generator writes YAML the loader parses, and some of what it writes is a valid spec: otherwise
    /// the target would only ever fuzz the parser's error path.
    #[test]
    fn shapes_are_yaml_and_some_are_valid_specs() {
        let (mut parsed, mut valid) = (0, 0);
        for seed in 0u32..400 {
            let bytes: Vec<u8> = (0..256u32)
                .map(|i| {
                    (seed
                        .wrapping_mul(2_654_435_761)
                        .wrapping_add(i.wrapping_mul(40_503))
                        >> 7) as u8
                })
                .collect();
            let Ok(shape) = OperationShape::arbitrary(&mut Unstructured::new(&bytes)) else {
                continue;
            };
            let yaml = shape.to_yaml();
            match crate::harness::load_only(crate::harness::SERVICE_YAML, &yaml) {
                Some(_) => valid += 1,
                None => {
                    let sources = [
                        ("service.yaml", crate::harness::SERVICE_YAML),
                        ("F.yaml", yaml.as_str()),
                    ];
                    let err = codegen::load::load_sources(std::path::Path::new("d"), &sources)
                        .unwrap_err();
                    // A parse error has no validation message to give: the YAML itself was wrong.
                    if !err.0.iter().any(|d| {
                        d.message.contains("while parsing") || d.message.contains("did not find")
                    }) {
                        parsed += 1;
                    } else {
                        panic!("not YAML:\n{yaml}\n{err}");
                    }
                }
            }
        }
        assert!(
            valid > 0 && parsed > 0,
            "valid {valid}, invalid but parsed {parsed}"
        );
    }
}
