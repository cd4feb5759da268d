//! Overlays: hand refinements of imported files (`api-spec/overlays/<Operation>.yaml` and
//! `api-spec/overlays/service.yaml`, format in `api-spec/README.md`, section "Overlays"), parsed with positions
//! and applied on top of what the metadata says.
//!
//! Every problem is a [`Diagnostic`] naming the overlay file, line and column: a key the format does not have
//! or a value of the wrong type (from the YAML reader), an unknown `type` / `style` / `location` / `method`, a
//! field the imported file does not have (so an overlay cannot outlive the field it refines), a field refined
//! twice, or an `enum:` naming no enum.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{Enum, EnumValue, ErrorCode, Field, Location, Operation, Service, Style, Type};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::yaml::{self, Spanned};

/// A parsed `overlays/<Operation>.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationOverlay {
    /// When given, must be the operation the file is named after.
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    method: Option<Spanned<String>>,
    #[serde(default)]
    deprecated: Option<String>,
    #[serde(default)]
    untyped_response: Option<bool>,
    #[serde(default)]
    request: Vec<Spanned<FieldOverlay>>,
    #[serde(default)]
    response: Vec<Spanned<FieldOverlay>>,
    #[serde(default)]
    enums: Vec<EnumOverlay>,
    #[serde(default)]
    errors: Vec<ErrorOverlay>,
    #[serde(default)]
    examples: Option<ExamplesOverlay>,
}

/// Refinements of one field, matched by `name` (absent for `items`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldOverlay {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(rename = "type", default)]
    ty: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    example: Option<String>,
    #[serde(default)]
    historic: Option<String>,
    #[serde(default)]
    notes: Option<Vec<String>>,
    #[serde(rename = "enum", default)]
    enum_ref: Option<Spanned<String>>,
    #[serde(default)]
    items: Option<Box<Spanned<FieldOverlay>>>,
    #[serde(default)]
    fields: Option<Vec<Spanned<FieldOverlay>>>,
    #[serde(rename = "struct", default)]
    struct_name: Option<String>,
    #[serde(default)]
    rust_name: Option<String>,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    doc_required: Option<bool>,
    #[serde(default)]
    style: Option<Spanned<String>>,
    #[serde(default)]
    location: Option<Spanned<String>>,
    #[serde(default)]
    max_items: Option<u32>,
    #[serde(default)]
    minimum: Option<f64>,
    #[serde(default)]
    maximum: Option<f64>,
    #[serde(default)]
    default: Option<String>,
}

/// A whole `enums:` entry (replaces the imported enum of the same name, or is added).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumOverlay {
    name: String,
    #[serde(default)]
    description: Option<String>,
    values: Vec<EnumValueOverlay>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnumValueOverlay {
    value: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    rust_name: Option<String>,
}

/// A whole `errors:` entry (replaces the imported error with the same code, or is added).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorOverlay {
    http_status: Spanned<u16>,
    code: String,
    message: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesOverlay {
    #[serde(default)]
    request: Option<String>,
    #[serde(default)]
    response_xml: Option<String>,
    #[serde(default)]
    response_json: Option<String>,
}

/// A parsed `overlays/service.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceOverlay {
    #[serde(default)]
    product: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    style: Option<String>,
    #[serde(rename = "crate", default)]
    crate_name: Option<String>,
    #[serde(default)]
    endpoint: Option<String>,
    #[serde(default)]
    default_region: Option<String>,
    #[serde(default)]
    regions: Option<Vec<String>>,
}

/// True when `text` holds nothing but comments and blank lines (an empty overlay).
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

/// Parses an operation overlay; `file` is the path shown in diagnostics.
pub fn parse_operation(file: &Path, text: &str) -> Result<OperationOverlay, Diagnostic> {
    if is_blank(text) {
        return Ok(OperationOverlay::default());
    }
    yaml::parse(file, text)
}

/// Parses the service overlay; `file` is the path shown in diagnostics.
pub fn parse_service(file: &Path, text: &str) -> Result<ServiceOverlay, Diagnostic> {
    if is_blank(text) {
        return Ok(ServiceOverlay::default());
    }
    yaml::parse(file, text)
}

/// Applies a service overlay.
pub fn apply_service(overlay: &ServiceOverlay, service: &mut Service) {
    let set = |slot: &mut String, value: &Option<String>| {
        if let Some(value) = value {
            slot.clone_from(value);
        }
    };
    set(&mut service.product, &overlay.product);
    set(&mut service.title, &overlay.title);
    set(&mut service.version, &overlay.version);
    set(&mut service.style, &overlay.style);
    set(&mut service.crate_name, &overlay.crate_name);
    set(&mut service.endpoint, &overlay.endpoint);
    set(&mut service.default_region, &overlay.default_region);
    if let Some(regions) = &overlay.regions {
        service.regions.clone_from(regions);
    }
}

/// Applies an operation overlay read from `file`; all problems are reported together.
pub fn apply_operation(
    overlay: &OperationOverlay,
    file: &Path,
    op: &mut Operation,
) -> Result<(), Diagnostics> {
    let mut cx = Apply {
        file: file.to_path_buf(),
        diags: Diagnostics::default(),
        enum_refs: Vec::new(),
    };
    if let Some(name) = &overlay.name
        && name.value != op.name
    {
        cx.error(
            name,
            format!(
                "the overlay is for `{}` but says `name: {}`",
                op.name, name.value
            ),
        );
    }
    if let Some(summary) = &overlay.summary {
        op.summary.clone_from(summary);
    }
    if let Some(method) = &overlay.method {
        match method.value.as_str() {
            "POST" => op.method = None,
            "GET" => op.method = Some("GET".to_string()),
            other => cx.error(method, format!("unknown method `{other}` (POST or GET)")),
        }
    }
    if let Some(deprecated) = &overlay.deprecated {
        op.deprecated = Some(deprecated.clone()).filter(|d| !d.is_empty());
    }
    if let Some(untyped) = overlay.untyped_response {
        op.untyped_response = untyped;
    }
    cx.fields(&overlay.request, &mut op.request, "the request", "");
    cx.fields(&overlay.response, &mut op.response, "the response", "");
    for e in &overlay.enums {
        let new = Enum {
            name: e.name.clone(),
            description: e.description.clone(),
            values: e
                .values
                .iter()
                .map(|v| EnumValue {
                    value: v.value.clone(),
                    description: v.description.clone(),
                    rust_name: v.rust_name.clone(),
                })
                .collect(),
        };
        match op.enums.iter_mut().find(|old| old.name == e.name) {
            Some(old) => *old = new,
            None => op.enums.push(new),
        }
    }
    for e in &overlay.errors {
        if !(400..=599).contains(&e.http_status.value) {
            cx.error(
                &e.http_status,
                format!(
                    "HTTP status {} is not an error status (400–599)",
                    e.http_status.value
                ),
            );
        }
        let new = ErrorCode {
            http_status: e.http_status.value,
            code: e.code.clone(),
            message: e.message.clone(),
            description: e.description.clone(),
        };
        match op.errors.iter_mut().find(|old| old.code == e.code) {
            Some(old) => *old = new,
            None => op.errors.push(new),
        }
    }
    op.errors.sort_by_key(|e| e.http_status);
    if let Some(examples) = &overlay.examples {
        for (slot, value) in [
            (&mut op.examples.request, &examples.request),
            (&mut op.examples.response_xml, &examples.response_xml),
            (&mut op.examples.response_json, &examples.response_json),
        ] {
            if value.is_some() {
                slot.clone_from(value);
            }
        }
    }
    for (name, position) in std::mem::take(&mut cx.enum_refs) {
        if !op.enums.iter().any(|e| e.name == name) {
            let known: Vec<&str> = op.enums.iter().map(|e| e.name.as_str()).collect();
            cx.diags.push(
                position,
                format!(
                    "no enum `{name}` in `enums` (known: {})",
                    list_or_none(&known)
                ),
            );
        }
    }
    if cx.diags.is_empty() {
        Ok(())
    } else {
        Err(cx.diags)
    }
}

/// Positions of spanned values in an overlay.
trait At {
    fn referenced_position(&self) -> (u64, u64);
}

impl<T> At for Spanned<T> {
    fn referenced_position(&self) -> (u64, u64) {
        (self.referenced.line(), self.referenced.column())
    }
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// The state of one overlay application.
struct Apply {
    file: PathBuf,
    diags: Diagnostics,
    /// `enum:` values the overlay set, checked once all enums are known.
    enum_refs: Vec<(String, Position)>,
}

impl Apply {
    fn position(&self, at: &impl At) -> Position {
        let (line, column) = at.referenced_position();
        Position {
            file: self.file.clone(),
            line,
            column,
        }
    }

    fn error(&mut self, at: &impl At, message: impl Into<String>) {
        let position = self.position(at);
        self.diags.push(position, message);
    }

    /// Applies `overlays` to the fields they name in `fields` (`what` says where and `prefix` is the path of the
    /// enclosing field, for messages).
    fn fields(
        &mut self,
        overlays: &[Spanned<FieldOverlay>],
        fields: &mut [Field],
        what: &str,
        prefix: &str,
    ) {
        let mut seen: Vec<&str> = Vec::new();
        for entry in overlays {
            let Some(name) = &entry.value.name else {
                self.error(
                    entry,
                    format!("an entry of {what} without `name`: say which field it refines"),
                );
                continue;
            };
            if seen.contains(&name.value.as_str()) {
                self.error(name, format!("`{}` is refined twice in {what}", name.value));
                continue;
            }
            seen.push(&name.value);
            match fields
                .iter_mut()
                .find(|f| f.name.as_deref() == Some(name.value.as_str()))
            {
                Some(field) => self.field(&entry.value, field, &format!("{prefix}{}", name.value)),
                None => {
                    let known: Vec<&str> =
                        fields.iter().filter_map(|f| f.name.as_deref()).collect();
                    self.error(
                        name,
                        format!(
                            "{what} has no field `{}` in the metadata (it has: {})",
                            name.value,
                            list_or_none(&known)
                        ),
                    );
                }
            }
        }
    }

    /// Applies one field's refinements; `label` names the field in messages.
    fn field(&mut self, o: &FieldOverlay, f: &mut Field, label: &str) {
        if let Some(ty) = &o.ty {
            match Type::parse(&ty.value) {
                Some(t) => f.ty = t,
                None => {
                    let known: Vec<&str> = Type::ALL.iter().map(|t| t.as_str()).collect();
                    self.error(
                        ty,
                        format!("unknown type `{}` (one of {})", ty.value, known.join(", ")),
                    );
                }
            }
        }
        let replace = |slot: &mut Option<String>, value: &Option<String>| {
            if let Some(value) = value {
                *slot = Some(value.clone()).filter(|v| !v.is_empty());
            }
        };
        replace(&mut f.description, &o.description);
        replace(&mut f.example, &o.example);
        replace(&mut f.historic, &o.historic);
        replace(&mut f.struct_name, &o.struct_name);
        replace(&mut f.rust_name, &o.rust_name);
        replace(&mut f.default, &o.default);
        if let Some(notes) = &o.notes {
            f.notes.clone_from(notes);
        }
        if let Some(enum_ref) = &o.enum_ref {
            f.enum_ref = Some(enum_ref.value.clone());
            let position = self.position(enum_ref);
            self.enum_refs.push((enum_ref.value.clone(), position));
        }
        if let Some(required) = o.required {
            f.required = required;
        }
        if let Some(doc_required) = o.doc_required {
            f.doc_required = doc_required;
        }
        if let Some(style) = &o.style {
            match Style::parse(&style.value) {
                Some(s) => f.style = Some(s),
                None => self.error(
                    style,
                    format!(
                        "unknown style `{}` (repeat_list, json or flat)",
                        style.value
                    ),
                ),
            }
        }
        if let Some(location) = &o.location {
            match Location::parse(&location.value) {
                Some(l) => f.location = Some(l),
                None => self.error(
                    location,
                    format!("unknown location `{}` (query or form)", location.value),
                ),
            }
        }
        if o.max_items.is_some() {
            f.max_items = o.max_items;
        }
        if o.minimum.is_some() {
            f.minimum = o.minimum;
        }
        if o.maximum.is_some() {
            f.maximum = o.maximum;
        }
        if let Some(items) = &o.items {
            if let Some(name) = &items.value.name {
                self.error(
                    name,
                    "`items` has no `name`: it refines the element of the list it is under",
                );
            }
            match &mut f.items {
                Some(inner) => self.field(&items.value, inner, &format!("{label}[]")),
                None => self.error(
                    &**items,
                    format!("`{label}` is not a list in the metadata: it has no `items`"),
                ),
            }
        }
        if let Some(fields) = &o.fields {
            let what = format!("`{label}`");
            self.fields(fields, &mut f.fields, &what, &format!("{label}."));
        }
    }
}
