//! Spec → IR. Every rule a spec must follow is checked here, with the position of the offending value, and
//! every problem is collected before giving up so one run shows them all. What passes is an [`ir::Service`]
//! that emitters can turn into code without further checks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Position};
use crate::ir;
use crate::naming;
use crate::spec::{self, Spanned};
use crate::yaml::position;

/// Names the generated crate root already uses (`pub use … as runtime`, feature modules, the binary folder).
const RESERVED_MODULES: &[&str] = &["runtime", "client", "cli", "bin"];

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
    if !service.endpoint.value.contains("{region}") && !service.endpoint.value.contains('.') {
        diags.push(
            at(&service.endpoint),
            "expected an endpoint host such as `product.{region}.aliyuncs.com`",
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
            modules.insert(op.0.module.clone(), pos);
        }
        ops.push(op.0);
    }
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
        let response_docs = ir::Docs {
            description: file.summary.clone(),
            ..ir::Docs::default()
        };
        self.structs.push(ir::Struct {
            rust_name: response_name,
            wire_path: String::new(),
            docs: response_docs,
            fields: Vec::new(),
        });
        let fields = self.fields(&file.response, "");
        self.structs[0].fields = fields;

        let errors = self.errors(&file.errors);
        let examples = ir::Examples {
            request: file.examples.request,
            response_xml: file.examples.response_xml,
            response_json: file.examples.response_json,
        };
        let envelope = envelope(&self.structs[0]);
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
            request: ir::Request {
                rust_name: request_name,
                params,
            },
            structs: std::mem::take(&mut self.structs),
            param_structs: std::mem::take(&mut self.param_structs),
            enums: std::mem::take(&mut self.enums),
            errors,
            examples,
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
        for v in &def.values {
            let vpos = self.at(&v.value);
            let name = self
                .rust_name_override(v.rust_name.as_ref())
                .unwrap_or_else(|| naming::pascal(&v.value.value));
            if !naming::is_identifier(&name) {
                let msg = format!(
                    "cannot derive a variant name from `{}`; set `rust_name:`",
                    v.value.value
                );
                self.error(vpos.clone(), msg);
            }
            if name == "Unknown" {
                self.error(vpos.clone(), "variant name `Unknown` is reserved for values the spec does not list; set `rust_name:`");
            }
            if let Some(first) = seen.get(&name) {
                let msg = format!(
                    "enum value `{}` becomes variant `{name}`, like the value at line {}; set `rust_name:`",
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
                self.error(pos, format!("unknown type `{other}`: expected one of String, Integer, Long, Float, Double, Boolean, Object, Array"));
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
                self.error(
                    pos,
                    format!(
                        "unknown enum `{}`: expected a name from this file's `enums:`",
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

    // ----- request -----

    fn params(&mut self, fields: &[spec::Field]) -> Vec<ir::Param> {
        let mut out: Vec<ir::Param> = Vec::new();
        let mut names = NameSet::default();
        // `new` and `to_params` are methods of every request type; every other name comes from its parameters.
        for method in ["new", "to_params"] {
            names.rust.insert(
                method.to_string(),
                (
                    format!("the generated `{method}` method"),
                    Position::unknown(self.file),
                ),
            );
        }
        for field in fields {
            let Some(param) = self.param(field, true) else {
                continue;
            };
            let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
            names.check(self, "parameter", &param.wire_name, &pos);
            names.check_rust(self, &param.rust_name, &param.wire_name, &pos);
            if matches!(param.shape, ir::ParamShape::RepeatList { .. }) {
                names.check_rust(self, &param.push_name, &param.wire_name, &pos);
            }
            out.push(param);
        }
        out
    }

    /// A request parameter; `top` is false for the fields of a repeat-list object.
    fn param(&mut self, field: &spec::Field, top: bool) -> Option<ir::Param> {
        let (wire_name, name_pos) = self.field_name(field)?;
        self.reject_misplaced_keys(field);
        if let Some(items) = &field.items {
            let keys = [
                ("required", items.required),
                ("location", items.location.is_some()),
                ("style", items.style.is_some()),
            ];
            for (key, present) in keys {
                if present {
                    let pos = self.at(&items.ty);
                    self.error(
                        pos,
                        format!("`{key}:` belongs on the list parameter, not on its `items:`"),
                    );
                }
            }
        }
        let location = match &field.location {
            None => ir::Location::Query,
            Some(l) if l.value == "query" => ir::Location::Query,
            Some(l) if l.value == "form" => ir::Location::Form,
            Some(l) => {
                let pos = self.at(l);
                self.error(
                    pos,
                    format!("unknown location `{}`: expected `query` or `form`", l.value),
                );
                ir::Location::Query
            }
        };
        let style = field.style.as_ref().map(|s| (s.value.as_str(), self.at(s)));
        let shape = match field.ty.value.as_str() {
            "Array" => {
                match &style {
                    Some(("repeat_list", _)) => {}
                    Some((other, pos)) => {
                        let msg = format!(
                            "style `{other}` does not apply to an Array parameter: expected `repeat_list`"
                        );
                        self.error(pos.clone(), msg);
                    }
                    None => {
                        let pos = self.at(&field.ty);
                        self.error(pos, "an Array parameter needs `style: repeat_list`");
                    }
                }
                if !top {
                    let pos = self.at(&field.ty);
                    self.error(
                        pos,
                        "a repeat list inside a repeat-list object is not supported",
                    );
                    return None;
                }
                let Some(items) = &field.items else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Array needs `items:`");
                    return None;
                };
                let item = self.param_value(items, &wire_name, None, location)?;
                ir::ParamShape::RepeatList {
                    item,
                    max_items: field.max_items,
                }
            }
            _ => {
                if let Some((other, pos)) = &style
                    && !(*other == "json" && field.ty.value == "String")
                {
                    let msg = format!(
                        "style `{other}` does not apply to a {} parameter: `json` is for String, `repeat_list` for Array",
                        field.ty.value
                    );
                    self.error(pos.clone(), msg);
                }
                if field.ty.value == "Object" {
                    let pos = self.at(&field.ty);
                    self.error(
                        pos,
                        "an Object parameter is only supported as the `items:` of a repeat list",
                    );
                    return None;
                }
                ir::ParamShape::Single(self.param_value(
                    field,
                    &wire_name,
                    style.as_ref().map(|s| s.0),
                    location,
                )?)
            }
        };
        if field.required && !matches!(shape, ir::ParamShape::Single(_)) {
            self.error(name_pos.clone(), "a required repeat list is not supported: required parameters become constructor arguments of scalar type");
        }
        if !top && field.required {
            self.error(
                name_pos.clone(),
                "fields of a repeat-list object cannot be `required`",
            );
        }
        let rust_name = self.rust_field_name(field, &wire_name);
        Some(ir::Param {
            push_name: format!("push_{}", naming::bare(&rust_name)),
            flag: naming::kebab(&wire_name),
            rust_name,
            wire_name,
            shape,
            required: field.required,
            doc_required: field.doc_required,
            location,
            docs: Self::docs(field),
        })
    }

    fn param_value(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        style: Option<&str>,
        location: ir::Location,
    ) -> Option<ir::ParamValue> {
        if field.ty.value == "Object" {
            return self
                .param_struct(field, wire_name, location)
                .map(ir::ParamValue::Object);
        }
        if field.ty.value == "Array" {
            let pos = self.at(&field.ty);
            self.error(pos, "an array of arrays is not supported");
            return None;
        }
        if let Some(e) = self.enum_ref(field) {
            return Some(ir::ParamValue::Enum(e));
        }
        let scalar = self.scalar(&field.ty)?;
        let string_style = if style == Some("json") {
            ir::StringStyle::Json
        } else {
            ir::StringStyle::Plain
        };
        Some(ir::ParamValue::Scalar(scalar, string_style))
    }

    /// A repeat-list element object; its fields travel where the list does.
    fn param_struct(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        location: ir::Location,
    ) -> Option<usize> {
        let name = self.struct_name(field, wire_name);
        let Some(fields) = &field.fields else {
            let pos = self.at(&field.ty);
            self.error(pos, "an Object needs `fields:`");
            return None;
        };
        let mut params = Vec::new();
        let mut names = NameSet::default();
        // `new` is the element's constructor.
        names.rust.insert(
            "new".to_string(),
            (
                "the generated `new` constructor".to_string(),
                Position::unknown(self.file),
            ),
        );
        for f in fields {
            if let Some(l) = &f.location {
                let pos = self.at(l);
                self.error(
                    pos,
                    "fields of a repeat-list object travel where the list does; remove `location:`",
                );
            }
            if let Some(mut p) = self.param(f, false) {
                p.location = location;
                let pos = self.at(f.name.as_ref().unwrap_or(&f.ty));
                names.check(self, "field", &p.wire_name, &pos);
                names.check_rust(self, &p.rust_name, &p.wire_name, &pos);
                params.push(p);
            }
        }
        self.param_structs.push(ir::ParamStruct {
            rust_name: name,
            docs: Self::docs(field),
            fields: params,
        });
        Some(self.param_structs.len() - 1)
    }

    /// Keys that only make sense on request parameters must not appear on response fields.
    fn reject_request_only(&mut self, field: &spec::Field) {
        let checks: [(&str, bool); 5] = [
            ("required", field.required),
            ("doc_required", field.doc_required),
            ("style", field.style.is_some()),
            ("location", field.location.is_some()),
            ("max_items", field.max_items.is_some()),
        ];
        for (key, present) in checks {
            if present {
                let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
                self.error(
                    pos,
                    format!("`{key}:` applies only to request parameters, not to response fields"),
                );
            }
        }
    }

    fn struct_name(&mut self, field: &spec::Field, wire_name: &str) -> String {
        let name = match &field.struct_name {
            Some(s) if naming::is_identifier(&s.value) => s.value.clone(),
            Some(s) => {
                let pos = self.at(s);
                self.error(
                    pos,
                    format!("`struct: {}` is not a Rust type name", s.value),
                );
                naming::pascal(wire_name)
            }
            None => naming::pascal(wire_name),
        };
        let pos = self.at(field
            .struct_name
            .as_ref()
            .or(field.name.as_ref())
            .unwrap_or(&field.ty));
        self.claim_type(&name, pos);
        name
    }

    // ----- response -----

    fn fields(&mut self, fields: &[spec::Field], parent_path: &str) -> Vec<ir::Field> {
        let mut out = Vec::new();
        let mut names = NameSet::default();
        for field in fields {
            let Some((wire_name, pos)) = self.field_name(field) else {
                continue;
            };
            self.reject_request_only(field);
            names.check(self, "field", &wire_name, &pos);
            let rust_name = self.rust_field_name(field, &wire_name);
            names.check_rust(self, &rust_name, &wire_name, &pos);
            let path = if parent_path.is_empty() {
                wire_name.clone()
            } else {
                format!("{parent_path}.{wire_name}")
            };
            let Some(ty) = self.field_type(field, &wire_name, &path) else {
                continue;
            };
            out.push(ir::Field {
                wire_name,
                rust_name,
                ty,
                docs: Self::docs(field),
            });
        }
        out
    }

    /// Keys that only apply to some types are errors elsewhere, so a typo in `type:` is not silently ignored.
    fn reject_misplaced_keys(&mut self, field: &spec::Field) {
        let ty = field.ty.value.as_str();
        let checks: [(&str, bool, &str); 5] = [
            ("items", field.items.is_some() && ty != "Array", "Array"),
            (
                "max_items",
                field.max_items.is_some() && ty != "Array",
                "Array",
            ),
            ("fields", field.fields.is_some() && ty != "Object", "Object"),
            (
                "struct",
                field.struct_name.is_some() && ty != "Object",
                "Object",
            ),
            ("enum", field.enum_ref.is_some() && ty != "String", "String"),
        ];
        for (key, misplaced, wanted) in checks {
            if misplaced {
                // Point at the key's own value where it is spanned, else at `type:`.
                let pos = match key {
                    "enum" => field.enum_ref.as_ref().map(|v| self.at(v)),
                    "struct" => field.struct_name.as_ref().map(|v| self.at(v)),
                    _ => None,
                }
                .unwrap_or_else(|| self.at(&field.ty));
                self.error(
                    pos,
                    format!("`{key}:` applies only to `type: {wanted}`, not `{ty}`"),
                );
            }
        }
    }

    fn field_type(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        path: &str,
    ) -> Option<ir::FieldType> {
        self.reject_misplaced_keys(field);
        match field.ty.value.as_str() {
            "Array" => {
                let Some(items) = &field.items else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Array needs `items:`");
                    return None;
                };
                if items.ty.value == "Array" {
                    let pos = self.at(&items.ty);
                    self.error(pos, "an array of arrays is not supported");
                    return None;
                }
                let item_path = format!("{path}[]");
                let inner = self.field_type(items, wire_name, &item_path)?;
                Some(ir::FieldType::Array(Box::new(inner)))
            }
            "Object" => {
                let name = self.struct_name(field, wire_name);
                let Some(fields) = &field.fields else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Object needs `fields:`");
                    return None;
                };
                let index = self.structs.len();
                self.structs.push(ir::Struct {
                    rust_name: name,
                    wire_path: path.to_string(),
                    docs: Self::docs(field),
                    fields: Vec::new(),
                });
                let fields = self.fields(fields, path);
                self.structs[index].fields = fields;
                Some(ir::FieldType::Object(index))
            }
            _ => {
                if let Some(e) = self.enum_ref(field) {
                    return Some(ir::FieldType::Enum(e));
                }
                Some(ir::FieldType::Scalar(self.scalar(&field.ty)?))
            }
        }
    }

    fn errors(&mut self, errors: &[spec::ErrorDef]) -> Vec<ir::ErrorCode> {
        let mut out: Vec<ir::ErrorCode> = Vec::new();
        let mut seen: HashMap<String, Position> = HashMap::new();
        for e in errors {
            let pos = self.at(&e.code);
            let rust_name = naming::pascal(&e.code.value);
            if rust_name == "Unknown" {
                self.error(
                    pos.clone(),
                    "error code name `Unknown` is reserved for codes the spec does not list",
                );
            }
            if let Some(first) = seen.get(&rust_name) {
                let msg = format!(
                    "error code `{}` becomes `{rust_name}`, like the code at line {}",
                    e.code.value, first.line
                );
                self.error(pos, msg);
                continue;
            }
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

/// Alibaba's outcome fields, found by their wire names and types at the top of the response.
fn envelope(response: &ir::Struct) -> Option<ir::Envelope> {
    let find = |wire: &str, types: &[ir::Scalar]| {
        response.fields.iter().find_map(|f| match f.ty {
            ir::FieldType::Scalar(s) if f.wire_name == wire && types.contains(&s) => {
                Some(f.rust_name.clone())
            }
            _ => None,
        })
    };
    Some(ir::Envelope {
        success: find("Success", &[ir::Scalar::Boolean])?,
        code: find("Code", &[ir::Scalar::String]),
        message: find("Message", &[ir::Scalar::String]),
        request_id: find("RequestId", &[ir::Scalar::String]),
        http_status: find("HttpStatusCode", &[ir::Scalar::Integer, ir::Scalar::Long]),
    })
}

/// Detects two fields with the same wire name, or two whose Rust names collide after conversion.
#[derive(Default)]
struct NameSet {
    wire: HashMap<String, Position>,
    rust: HashMap<String, (String, Position)>,
}

impl NameSet {
    fn check(&mut self, lower: &mut OperationLowering<'_>, what: &str, wire: &str, pos: &Position) {
        if let Some(first) = self.wire.get(wire) {
            let msg = format!(
                "duplicate {what} `{wire}` (first at line {}, column {})",
                first.line, first.column
            );
            lower.error(pos.clone(), msg);
        } else {
            self.wire.insert(wire.to_string(), pos.clone());
        }
    }

    fn check_rust(
        &mut self,
        lower: &mut OperationLowering<'_>,
        rust: &str,
        wire: &str,
        pos: &Position,
    ) {
        match self.rust.get(rust) {
            Some((reserved, first)) if first.line == 0 => {
                let msg = format!(
                    "`{wire}` becomes the Rust name `{rust}`, which is taken by {reserved}; set `rust_name:`"
                );
                lower.error(pos.clone(), msg);
            }
            Some((first_wire, first)) if first_wire != wire => {
                let msg = format!(
                    "`{wire}` and `{first_wire}` (line {}, column {}) both become the Rust name `{rust}`; set `rust_name:` on one",
                    first.line, first.column
                );
                lower.error(pos.clone(), msg);
            }
            Some(_) => {}
            None => {
                self.rust
                    .insert(rust.to_string(), (wire.to_string(), pos.clone()));
            }
        }
    }
}
