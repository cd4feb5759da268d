//! Spec → IR. Every rule a spec must follow is checked here, with the position of the offending value, and
//! every problem is collected before giving up so one run shows them all. What passes is an [`ir::Service`]
//! that emitters can turn into code without further checks.
//!
//! This file holds the service and operation level (names of modules and types, enums, errors); `request`
//! lowers parameters, `response` lowers response fields, `names` detects name collisions.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Position};
use crate::ir;
use crate::naming;
use crate::spec::{self, Spanned};
use crate::yaml::position;

mod names;
mod paging;
mod request;
mod response;

use names::{envelope, untyped_envelope};

/// Docs of a response type generated for `untyped_response: true`.
const UNTYPED_NOTE: &str = "Alibaba's metadata has no response schema for this operation: the common envelope is decoded into typed fields, and `body` holds the whole decoded response as an untyped value (JSON numbers and booleans as sent; XML text as strings).";

/// Variants every operation error type has besides its documented codes.
/// The field types a spec may name, as `unknown type` lists them.
const TYPES: &[&str] = &[
    "String", "Integer", "Long", "Float", "Double", "Boolean", "Object", "Array",
];

/// An endpoint is a host name, with `{region}` where the region goes: dot-separated labels of letters,
/// digits and `-`, at least two labels unless it is templated. The runtime puts `https://` in front, so a
/// scheme or a path here would build a URL that cannot work.
fn is_endpoint_template(endpoint: &str) -> bool {
    let host = endpoint.replace("{region}", "region");
    let labels: Vec<&str> = host.split('.').collect();
    let well_formed = labels.iter().all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    well_formed && (labels.len() > 1 || endpoint.contains("{region}"))
}

const RESERVED_ERROR_VARIANTS: &[&str] = &["Service", "UnexpectedBody", "Decode", "Transport"];

/// `name`, or the first of `name2`, `name3`, … that is not `taken`.
fn free_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name}{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_string())
}

/// Names the generated crate root already uses (`pub use … as runtime`, feature modules, the binary folder).
const RESERVED_MODULES: &[&str] = &["runtime", "client", "cli", "bin"];

/// Methods the generated `Client` has besides one per operation (and `<operation>_paginator`).
const RESERVED_CLIENT_METHODS: &[&str] = &["new", "transport", "from_env", "builder", "paginate"];

/// The client method that pages through an operation whose method is `method`.
pub fn paginator_method(method: &str) -> String {
    format!("{}_paginator", method.trim_start_matches("r#"))
}

/// A parsed operation file and the path it came from.
pub struct LoadedOperation {
    /// Path as read (used in diagnostics).
    pub path: PathBuf,
    /// Path relative to the spec folder (used in the `@generated` header).
    pub relative: String,
    /// The parsed file.
    pub file: spec::OperationFile,
}

/// Validates a parsed spec tree and lowers it to the IR.
pub fn validate(
    service_path: &Path,
    service: spec::ServiceFile,
    operations: Vec<LoadedOperation>,
) -> Result<ir::Service, Diagnostics> {
    let mut diags = Diagnostics::default();
    let at = |v: &Spanned<String>| position(service_path, v);
    if service.style.value != "rpc" {
        diags.push(
            at(&service.style),
            format!(
                "unsupported style `{}`: expected `rpc`",
                service.style.value
            ),
        );
    }
    if !is_endpoint_template(&service.endpoint.value) {
        diags.push(
            at(&service.endpoint),
            format!(
                "invalid endpoint `{}`: expected an endpoint host (no scheme, port or path) such as `product.{{region}}.aliyuncs.com`",
                service.endpoint.value
            ),
        );
    }
    let crate_name = &service.crate_name.value;
    if crate_name.is_empty()
        || !crate_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        diags.push(
            at(&service.crate_name),
            format!(
                "invalid crate name `{crate_name}`: expected lower-case letters, digits, `-` or `_`"
            ),
        );
    }

    let mut ops = Vec::new();
    let mut modules: HashMap<String, Position> = HashMap::new();
    for loaded in operations {
        let mut lower = OperationLowering::new(&loaded.path, &mut diags);
        let op = lower.operation(&loaded.relative, loaded.file);
        let pos = position(&loaded.path, &Spanned::new(String::new(), op.1, op.1));
        if RESERVED_CLIENT_METHODS.contains(&op.0.method_name.as_str()) {
            let msg = format!(
                "operation method `{}` would clash with the client's own `{}`",
                op.0.method_name, op.0.method_name
            );
            diags.push(pos.clone(), msg);
        }
        if RESERVED_MODULES.contains(&op.0.module.as_str()) {
            let msg = format!(
                "operation module `{}` would clash with the crate's own `{}`",
                op.0.module, op.0.module
            );
            diags.push(pos.clone(), msg);
        }
        if let Some(first) = modules.get(&op.0.module) {
            diags.push(
                pos.clone(),
                format!(
                    "operation module `{}` is also produced by {}:{}",
                    op.0.module,
                    first.file.display(),
                    first.line
                ),
            );
        } else {
            modules.insert(op.0.module.clone(), pos.clone());
        }
        ops.push((op.0, pos));
    }
    // A paging operation's `<method>_paginator` must not be another operation's method.
    for (op, pos) in &ops {
        if op.paging.is_none() {
            continue;
        }
        let paginator = paginator_method(&op.method_name);
        if let Some((other, _)) = ops.iter().find(|(o, _)| o.method_name == paginator) {
            let msg = format!(
                "the paginator method `{paginator}` of this paging operation is also the method of `{}`",
                other.wire_name
            );
            diags.push(pos.clone(), msg);
        }
    }
    let mut ops: Vec<ir::Operation> = ops.into_iter().map(|(op, _)| op).collect();
    ops.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));

    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(ir::Service {
        product: service.product.value,
        title: service.title,
        version: service.version.value,
        crate_name: service.crate_name.value,
        endpoint: service.endpoint.value,
        default_region: service.default_region,
        regions: service.regions,
        operations: ops,
    })
}

/// Lowers one operation file, recording problems in `diags`.
struct OperationLowering<'a> {
    file: &'a Path,
    diags: &'a mut Diagnostics,
    enums: Vec<ir::Enum>,
    enum_index: HashMap<String, usize>,
    structs: Vec<ir::Struct>,
    param_structs: Vec<ir::ParamStruct>,
    /// Every type name defined in the module and where, to report collisions.
    type_names: HashMap<String, Position>,
    /// The operation's request type name (the parent of top-level request objects).
    request_name: String,
}

impl<'a> OperationLowering<'a> {
    fn new(file: &'a Path, diags: &'a mut Diagnostics) -> Self {
        Self {
            file,
            diags,
            enums: Vec::new(),
            enum_index: HashMap::new(),
            structs: Vec::new(),
            param_structs: Vec::new(),
            type_names: HashMap::new(),
            request_name: String::new(),
        }
    }

    fn at<T>(&self, v: &Spanned<T>) -> Position {
        position(self.file, v)
    }

    fn error(&mut self, pos: Position, message: impl Into<String>) {
        self.diags.push(pos, message);
    }

    /// Claims a type name in the operation's module; a second claim is an error naming both places.
    fn claim_type(&mut self, name: &str, pos: Position) {
        if let Some(first) = self.type_names.get(name) {
            let msg = format!(
                "type name `{name}` is already used at line {}, column {}; set `struct:` (or rename the enum) to tell them apart",
                first.line, first.column
            );
            self.error(pos, msg);
        } else {
            self.type_names.insert(name.to_string(), pos);
        }
    }

    fn operation(
        &mut self,
        relative: &str,
        file: spec::OperationFile,
    ) -> (ir::Operation, serde_saphyr::Location) {
        let wire_name = file.name.value.clone();
        let name_pos = self.at(&file.name);
        if !naming::is_identifier(&wire_name) {
            self.error(
                name_pos.clone(),
                format!(
                    "operation name `{wire_name}` must be an identifier such as `ModifyJobGroup`"
                ),
            );
        }
        let request_name = format!("{}Request", naming::pascal(&wire_name));
        self.request_name = request_name.clone();
        let response_name = format!("{}Response", naming::pascal(&wire_name));
        self.claim_type(&request_name, name_pos.clone());
        self.claim_type(&response_name, name_pos.clone());
        let error_type = format!("{}Error", naming::pascal(&wire_name));
        self.claim_type(&error_type, name_pos.clone());

        let method = match &file.method {
            None => "POST".to_string(),
            Some(m) if m.value == "POST" || m.value == "GET" => m.value.clone(),
            Some(m) => {
                let pos = self.at(m);
                self.error(
                    pos,
                    format!("unsupported method `{}`: expected `POST` or `GET`", m.value),
                );
                "POST".to_string()
            }
        };

        for def in &file.enums {
            self.enum_def(def);
        }

        let params = self.params(&file.request);
        let mut response_docs = ir::Docs {
            description: file.summary.clone(),
            ..ir::Docs::default()
        };
        if file.untyped_response {
            response_docs.notes.push(UNTYPED_NOTE.to_string());
        }
        self.structs.push(ir::Struct {
            rust_name: response_name.clone(),
            wire_path: String::new(),
            docs: response_docs,
            fields: Vec::new(),
            body: None,
        });
        if file.untyped_response {
            if let Some(first) = file.response.first() {
                let pos = self.at(first.name.as_ref().unwrap_or(&first.ty));
                self.error(
                    pos,
                    "`untyped_response: true` takes no `response:` fields: the envelope and `body` are generated",
                );
            }
            self.structs[0].fields = untyped_envelope();
            self.structs[0].body = Some("body".to_string());
        } else {
            let fields = self.fields(&file.response, "", &response_name);
            self.structs[0].fields = fields;
        }

        let errors = self.errors(&file.errors);
        let examples = ir::Examples {
            request: file.examples.request,
            response_xml: file.examples.response_xml,
            response_json: file.examples.response_json,
        };
        let envelope = envelope(&self.structs[0]);
        let request = ir::Request {
            rust_name: request_name,
            params,
        };
        let paging = paging::paging(&request, &self.structs);
        let op = ir::Operation {
            module: naming::snake(&wire_name),
            method_name: naming::snake(&wire_name),
            command: naming::kebab(&wire_name),
            error_type,
            envelope,
            xml_root: format!("{wire_name}Response"),
            wire_name,
            spec_file: relative.to_string(),
            summary: file.summary,
            method,
            deprecated: file.deprecated,
            request,
            structs: std::mem::take(&mut self.structs),
            param_structs: std::mem::take(&mut self.param_structs),
            enums: std::mem::take(&mut self.enums),
            errors,
            examples,
            paging,
        };
        (op, file.name.referenced)
    }

    fn enum_def(&mut self, def: &spec::EnumDef) {
        let pos = self.at(&def.name);
        let rust_name = naming::pascal(&def.name.value);
        self.claim_type(&rust_name, pos.clone());
        let mut seen: HashMap<String, Position> = HashMap::new();
        let mut variants = Vec::new();
        if def.values.is_empty() {
            self.error(pos, format!("enum `{}` lists no values", def.name.value));
        }
        let mut wire_seen: HashMap<String, Position> = HashMap::new();
        for v in &def.values {
            let vpos = self.at(&v.value);
            if let Some(first) = wire_seen.get(&v.value.value) {
                let msg = format!(
                    "duplicate enum value `{}` (first at line {})",
                    v.value.value, first.line
                );
                self.error(vpos, msg);
                continue;
            }
            wire_seen.insert(v.value.value.clone(), vpos.clone());
            let written = self.rust_name_override(v.rust_name.as_ref());
            let derived = written.is_none();
            let name = written.unwrap_or_else(|| naming::pascal(&v.value.value));
            if !naming::is_identifier(&name) {
                let msg = format!(
                    "cannot derive a variant name from `{}`; set `rust_name:`",
                    v.value.value
                );
                self.error(vpos.clone(), msg);
            }
            // The collision rule for derived variant names: `Unknown` is the fallback variant's, and two
            // values may convert to the same name (`very-high`, `VeryHigh`); the later one gets the first free
            // numeric suffix (`Unknown2`, `VeryHigh2`). Names written with `rust_name:` must be free.
            let name = if derived {
                free_name(&name, |n| n == "Unknown" || seen.contains_key(n))
            } else {
                name
            };
            if name == "Unknown" {
                self.error(vpos.clone(), "variant name `Unknown` is reserved for values the spec does not list; set another `rust_name:`");
            }
            if let Some(first) = seen.get(&name) {
                let msg = format!(
                    "enum value `{}` has `rust_name: {name}`, like the value at line {}",
                    v.value.value, first.line
                );
                self.error(vpos, msg);
                continue;
            }
            seen.insert(name.clone(), vpos);
            variants.push(ir::Variant {
                wire_name: v.value.value.clone(),
                rust_name: name,
                description: v.description.clone().unwrap_or_default(),
            });
        }
        if self
            .enum_index
            .insert(def.name.value.clone(), self.enums.len())
            .is_some()
        {
            return; // the duplicate type name was reported by claim_type
        }
        self.enums.push(ir::Enum {
            rust_name,
            description: def.description.clone().unwrap_or_default(),
            variants,
        });
    }

    fn rust_name_override(&mut self, name: Option<&Spanned<String>>) -> Option<String> {
        let name = name?;
        if naming::is_identifier(&name.value) {
            Some(name.value.clone())
        } else {
            let pos = self.at(name);
            self.error(
                pos,
                format!("`rust_name: {}` is not a Rust identifier", name.value),
            );
            None
        }
    }

    fn scalar(&mut self, ty: &Spanned<String>) -> Option<ir::Scalar> {
        Some(match ty.value.as_str() {
            "String" => ir::Scalar::String,
            "Integer" => ir::Scalar::Integer,
            "Long" => ir::Scalar::Long,
            "Float" => ir::Scalar::Float,
            "Double" => ir::Scalar::Double,
            "Boolean" => ir::Scalar::Boolean,
            "Object" | "Array" => return None,
            other => {
                let pos = self.at(ty);
                let hint = TYPES
                    .iter()
                    .find(|known| known.eq_ignore_ascii_case(other))
                    .map(|known| {
                        format!(" (did you mean `{known}`? type names are case-sensitive)")
                    })
                    .unwrap_or_default();
                let expected = TYPES.join(", ");
                self.error(
                    pos,
                    format!("unknown type `{other}`{hint}: expected one of {expected}"),
                );
                return None;
            }
        })
    }

    fn enum_ref(&mut self, field: &spec::Field) -> Option<usize> {
        let r = field.enum_ref.as_ref()?;
        let pos = self.at(r);
        if field.ty.value != "String" {
            return None; // reported by reject_misplaced_keys
        }
        match self.enum_index.get(&r.value) {
            Some(i) => Some(*i),
            None => {
                let mut defined: Vec<String> =
                    self.enum_index.keys().map(|n| format!("`{n}`")).collect();
                defined.sort();
                let defined = if defined.is_empty() {
                    "it defines none".to_string()
                } else {
                    format!("it defines {}", defined.join(", "))
                };
                self.error(
                    pos,
                    format!(
                        "unknown enum `{}`: expected a name from this file's `enums:` ({defined})",
                        r.value
                    ),
                );
                None
            }
        }
    }

    fn docs(field: &spec::Field) -> ir::Docs {
        ir::Docs {
            description: field.description.clone().unwrap_or_default(),
            example: field.example.clone(),
            historic: field.historic.clone(),
            notes: field.notes.clone(),
            default: field.default.clone(),
        }
    }

    /// Name and position of a named field; an unnamed one is reported.
    fn field_name(&mut self, field: &spec::Field) -> Option<(String, Position)> {
        match &field.name {
            Some(n) if !n.value.is_empty() => Some((n.value.clone(), self.at(n))),
            _ => {
                let pos = self.at(&field.ty);
                self.error(pos, "this field has no `name:`");
                None
            }
        }
    }

    fn rust_field_name(&mut self, field: &spec::Field, wire: &str) -> String {
        if let Some(name) = self.rust_name_override(field.rust_name.as_ref()) {
            return name;
        }
        let name = naming::snake(wire);
        if !naming::is_identifier(&name) {
            let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
            self.error(
                pos,
                format!("cannot derive a Rust name from `{wire}`; set `rust_name:`"),
            );
        }
        name
    }

    /// The type name of an object field. A `struct:` name is taken as written (a clash is an error: a person chose
    /// it). A derived name follows the collision rule, so 162 imported operations need no hand edits:
    ///
    /// 1. the field's name in PascalCase (`Strategy`);
    /// 2. if that is taken in the module (or is not a usable type name), the parent type's name joined with it
    ///    (`JobGroup` + `Strategy` → `JobGroupStrategy`; request-side objects under the request type:
    ///    `ListInstancesRequest` + `Tag` → `ListInstancesRequestTag`);
    /// 3. if that is taken too, the first free of `…2`, `…3`, ….
    fn struct_name(&mut self, field: &spec::Field, wire_name: &str, parent: &str) -> String {
        let pos = self.at(field
            .struct_name
            .as_ref()
            .or(field.name.as_ref())
            .unwrap_or(&field.ty));
        if let Some(s) = &field.struct_name {
            if naming::is_identifier(&s.value) && s.value != "Self" {
                self.claim_type(&s.value, pos);
                return s.value.clone();
            }
            let pos = self.at(s);
            self.error(
                pos,
                format!("`struct: {}` is not a Rust type name", s.value),
            );
        }
        let own = naming::pascal(wire_name);
        let usable = |name: &str, taken: &HashMap<String, Position>| {
            naming::is_identifier(name) && name != "Self" && !taken.contains_key(name)
        };
        let name = if usable(&own, &self.type_names) {
            own
        } else {
            let joined = format!("{parent}{own}");
            let mut candidate = joined.clone();
            let mut n = 2;
            while !usable(&candidate, &self.type_names) && n < 10_000 {
                candidate = format!("{joined}{n}");
                n += 1;
            }
            candidate
        };
        self.claim_type(&name, pos);
        name
    }

    fn errors(&mut self, errors: &[spec::ErrorDef]) -> Vec<ir::ErrorCode> {
        let mut out: Vec<ir::ErrorCode> = Vec::new();
        let mut seen: HashMap<String, Position> = HashMap::new();
        let mut codes: HashMap<String, Position> = HashMap::new();
        for e in errors {
            let pos = self.at(&e.code);
            if let Some(first) = codes.get(&e.code.value) {
                let msg = format!(
                    "duplicate error code `{}` (first at line {})",
                    e.code.value, first.line
                );
                self.error(pos, msg);
                continue;
            }
            codes.insert(e.code.value.clone(), pos.clone());
            // The collision rule for error variants: the error type's own variants are taken, and two codes may
            // convert to the same name (`Forbidden.User`, `Forbidden_User`); the later one gets the first free
            // numeric suffix.
            let rust_name = free_name(&naming::pascal(&e.code.value), |n| {
                RESERVED_ERROR_VARIANTS.contains(&n) || seen.contains_key(n)
            });
            if !(400..=599).contains(&e.http_status) {
                self.error(
                    pos.clone(),
                    format!(
                        "http_status {} is not an HTTP error status (400-599)",
                        e.http_status
                    ),
                );
            }
            seen.insert(rust_name.clone(), pos);
            out.push(ir::ErrorCode {
                http_status: e.http_status,
                code: e.code.value.clone(),
                rust_name,
                message: e.message.clone(),
                description: e.description.clone().unwrap_or_default(),
            });
        }
        out
    }
}
