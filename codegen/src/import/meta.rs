//! Alibaba's api-docs metadata (JSON) → the output model of one operation file or of `service.yaml`.
//!
//! The metadata is read into [`Json`], a tree that keeps object keys in file order (parameters, properties and
//! error codes are written in metadata order) and rejects duplicate keys, which `serde_json::Value` would
//! silently collapse to the last one.
//!
//! What comes from where when two files are given (`--params`, see [`OperationInput`]): the operation set,
//! `methods`, `deprecated` and everything structural about parameters (`name`, `in`, `style`, `type`, `format`,
//! `required`, `items`, `properties`, `maxItems`, `minimum`, `maximum`, `enum`) come from the newer file; the
//! documentation (`summary`/`title`, parameter `description`/`title`, `example`, `docRequired`, `default`,
//! `enumValueTitles`), the response schema, `responseDemo` and `errorCodes` come from the older, full file,
//! matched by operation name, parameter name, and property name inside objects and array items.

use std::fmt;

use heck::ToUpperCamelCase;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::model::{
    Enum, EnumValue, ErrorCode, Examples, Field, Location, Operation, Service, Style, Type,
};

/// A JSON value with object keys in file order. Duplicate keys are rejected when parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as `serde_json` prints it.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in file order.
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(
            serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
        ))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

impl Json {
    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// A scalar as text: strings as they are, numbers and booleans as JSON spells them.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.clone()),
            Json::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The entries of an object; an empty array counts as an empty object (PHP writes `[]` for both).
    fn entries(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(entries) => Some(entries),
            Json::Array(items) if items.is_empty() => Some(&[]),
            _ => None,
        }
    }
}

/// A problem in a metadata file: the file (as labelled), where in it (a dotted path such as
/// `apis.ModifyJobGroup.parameters.CallingNumber.schema.items`), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaError {
    /// The file, as named in headers (e.g. `api-meta/outboundbot-2019-12-26.api-docs.json`).
    pub file: String,
    /// Where in the file; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for MetaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: error: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: error: {}", self.file, self.path, self.message)
        }
    }
}

/// One metadata file.
#[derive(Debug)]
pub struct Document {
    /// The file as named in headers and messages.
    pub label: String,
    root: Json,
}

impl Document {
    /// Parses the text of a metadata file and checks its outline (`apis`, `components.schemas`).
    pub fn parse(label: &str, text: &str) -> Result<Document, MetaError> {
        let root: Json = serde_json::from_str(text).map_err(|e| MetaError {
            file: label.to_string(),
            path: String::new(),
            message: format!("not valid JSON: {e}"),
        })?;
        let doc = Document {
            label: label.to_string(),
            root,
        };
        if !matches!(doc.root, Json::Object(_)) {
            return Err(doc.error("", format!("expected an object, found {}", doc.root.kind())));
        }
        match doc.root.get("apis") {
            Some(Json::Object(_)) => {}
            Some(other) => {
                return Err(doc.error(
                    "apis",
                    format!("expected an object, found {}", other.kind()),
                ));
            }
            None => return Err(doc.error("", "no `apis` object")),
        }
        doc.schemas()?;
        Ok(doc)
    }

    fn error(&self, path: &str, message: impl Into<String>) -> MetaError {
        MetaError {
            file: self.label.clone(),
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// `components.schemas` (absent, `{}` and PHP's `[]` all mean none).
    fn schemas(&self) -> Result<&[(String, Json)], MetaError> {
        match self.root.get("components").and_then(|c| c.get("schemas")) {
            None => Ok(&[]),
            Some(schemas) => schemas.entries().ok_or_else(|| {
                self.error(
                    "components.schemas",
                    format!("expected an object, found {}", schemas.kind()),
                )
            }),
        }
    }

    /// Operation names in file order.
    pub fn operation_names(&self) -> Vec<&str> {
        match self.root.get("apis") {
            Some(Json::Object(entries)) => entries.iter().map(|(k, _)| k.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// The operation called `name`.
    pub fn operation(&self, name: &str) -> Option<&Json> {
        self.root.get("apis").and_then(|apis| apis.get(name))
    }

    /// `service.yaml` from `info` and `endpoints`: the product lower-cased as product and crate name, the
    /// first endpoint with its region replaced by `{region}`, its region as the default, every region listed.
    pub fn service(&self) -> Result<Service, MetaError> {
        let info = self
            .root
            .get("info")
            .ok_or_else(|| self.error("", "no `info` object"))?;
        let text = |key: &str| {
            info.get(key)
                .and_then(Json::as_str)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| self.error(&format!("info.{key}"), "expected a non-empty string"))
        };
        let product = text("product")?;
        let version = text("version")?;
        let style = text("style")?;
        let endpoints = match self.root.get("endpoints") {
            Some(Json::Array(items)) if !items.is_empty() => items,
            _ => return Err(self.error("endpoints", "expected a non-empty array")),
        };
        let mut regions: Vec<String> = Vec::new();
        let mut hosts = Vec::new();
        for (i, endpoint) in endpoints.iter().enumerate() {
            let field = |key: &str| {
                endpoint
                    .get(key)
                    .and_then(Json::as_str)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| {
                        self.error(
                            &format!("endpoints[{i}].{key}"),
                            "expected a non-empty string",
                        )
                    })
            };
            let region = field("regionId")?;
            hosts.push((region, field("endpoint")?));
            if !regions.iter().any(|r| r == region) {
                regions.push(region.to_string());
            }
        }
        let (region, host) = hosts[0];
        Ok(Service {
            product: product.to_lowercase(),
            title: product.to_string(),
            version: version.to_string(),
            style: style.to_lowercase(),
            crate_name: product.to_lowercase(),
            endpoint: host.replace(region, "{region}"),
            default_region: region.to_string(),
            regions,
        })
    }

    /// `schema` with every `$ref: "#/components/schemas/X"` replaced by `X` (keys beside `$ref` override the
    /// referenced schema's), through `items` and `properties`. A cycle is an error: it cannot be written out.
    pub fn expand(&self, schema: &Json, path: &str) -> Result<Json, MetaError> {
        self.expand_in(schema, path, &mut Vec::new())
    }

    fn expand_in(
        &self,
        schema: &Json,
        path: &str,
        stack: &mut Vec<String>,
    ) -> Result<Json, MetaError> {
        let Json::Object(entries) = schema else {
            return Ok(schema.clone());
        };
        let mut out: Vec<(String, Json)> = match schema.get("$ref") {
            None => Vec::new(),
            Some(reference) => {
                let reference = reference
                    .as_str()
                    .ok_or_else(|| self.error(path, "`$ref` must be a string"))?;
                let name = reference.strip_prefix("#/components/schemas/").ok_or_else(|| {
                    self.error(
                        path,
                        format!("unsupported `$ref` `{reference}` (expected `#/components/schemas/<Name>`)"),
                    )
                })?;
                if stack.iter().any(|s| s == name) {
                    let mut cycle = stack.clone();
                    cycle.push(name.to_string());
                    return Err(self.error(
                        path,
                        format!(
                            "`$ref` cycle: {} (a recursive schema cannot be imported)",
                            cycle.join(" → ")
                        ),
                    ));
                }
                let target = self
                    .schemas()?
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v)
                    .ok_or_else(|| {
                        self.error(
                            path,
                            format!(
                                "`$ref` names `{name}`, which `components.schemas` does not define"
                            ),
                        )
                    })?;
                stack.push(name.to_string());
                let expanded = self.expand_in(target, &format!("components.schemas.{name}"), stack);
                stack.pop();
                match expanded? {
                    Json::Object(entries) => entries,
                    other => {
                        return Err(self.error(
                            &format!("components.schemas.{name}"),
                            format!("expected an object, found {}", other.kind()),
                        ));
                    }
                }
            }
        };
        for (key, value) in entries {
            if key == "$ref" {
                continue;
            }
            let value = match key.as_str() {
                "items" => self.expand_in(value, &format!("{path}.items"), stack)?,
                "properties" => match value {
                    Json::Object(props) => {
                        let mut expanded = Vec::with_capacity(props.len());
                        for (name, prop) in props {
                            let prop_path = format!("{path}.properties.{name}");
                            expanded.push((name.clone(), self.expand_in(prop, &prop_path, stack)?));
                        }
                        Json::Object(expanded)
                    }
                    other => other.clone(),
                },
                _ => value.clone(),
            };
            match out.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => out.push((key.clone(), value)),
            }
        }
        Ok(Json::Object(out))
    }
}

/// Where one operation's facts come from.
#[derive(Debug, Clone, Copy)]
pub struct OperationInput<'a> {
    /// The operation name.
    pub name: &'a str,
    /// The file whose operation set, methods, deprecation and parameter structure are used.
    pub structure: &'a Document,
    /// The file whose descriptions, examples, summary, response schema, response demo and error codes are used
    /// (the same file as `structure` without `--params`); `None` when it lacks the operation.
    pub docs: Option<&'a Document>,
}

/// One imported operation with what is worth telling the user.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedOperation {
    /// The operation file's model.
    pub operation: Operation,
    /// Quirks of the metadata that were worked around (printed to stderr).
    pub warnings: Vec<String>,
}

/// Text for operations that have neither summary nor title.
pub fn missing_summary(name: &str) -> String {
    format!("{name} (Alibaba's metadata has no description for this operation)")
}

/// The `deprecated` note of operations the metadata marks deprecated.
pub const DEPRECATED: &str = "Alibaba's metadata marks this operation deprecated.";

/// Imports one operation.
pub fn operation(input: OperationInput<'_>) -> Result<ImportedOperation, MetaError> {
    let name = input.name;
    let structure_doc = input.structure;
    let path = format!("apis.{name}");
    // The name becomes a file name and a Rust type name.
    if !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(structure_doc.error(
            "apis",
            format!("operation name `{name}` is not an identifier (letters, digits, `_`)"),
        ));
    }
    let structure = structure_doc
        .operation(name)
        .ok_or_else(|| structure_doc.error("apis", format!("no operation `{name}`")))?;
    let docs = input
        .docs
        .and_then(|doc| doc.operation(name).map(|op| (doc, op)));
    for (doc, op) in std::iter::once((structure_doc, structure)).chain(docs) {
        if !matches!(op, Json::Object(_)) {
            return Err(doc.error(&path, format!("expected an object, found {}", op.kind())));
        }
    }

    let mut warnings = Vec::new();
    let mut op = Operation {
        name: name.to_string(),
        summary: summary(docs.map(|(_, op)| op)).unwrap_or_else(|| missing_summary(name)),
        method: method(structure_doc, structure, &path)?,
        ..Operation::default()
    };
    match structure.get("deprecated") {
        None | Some(Json::Null) | Some(Json::Bool(false)) => {}
        Some(Json::Bool(true)) => op.deprecated = Some(DEPRECATED.to_string()),
        Some(other) => {
            return Err(structure_doc.error(
                &format!("{path}.deprecated"),
                format!("expected a boolean, found {}", other.kind()),
            ));
        }
    }

    let mut mapper = Mapper {
        structure: structure_doc,
        docs: docs.map(|(doc, _)| doc),
        enums: Vec::new(),
    };
    let doc_params = docs.and_then(|(_, op)| op.get("parameters"));
    for (param_path, param) in list(
        structure_doc,
        structure.get("parameters"),
        &format!("{path}.parameters"),
    )? {
        let param_name = non_empty_str(
            structure_doc,
            param.get("name"),
            &format!("{param_path}.name"),
        )?;
        let param_path = format!("{path}.parameters.{param_name}");
        if op
            .request
            .iter()
            .any(|f| f.name.as_deref() == Some(param_name))
        {
            return Err(structure_doc.error(&param_path, "parameter listed twice"));
        }
        let doc_param = doc_params.and_then(|params| match params {
            Json::Array(items) => items
                .iter()
                .find(|p| p.get("name").and_then(Json::as_str) == Some(param_name)),
            _ => None,
        });
        op.request
            .push(mapper.parameter(param_name, param, doc_param, &param_path)?);
    }

    match docs {
        Some((doc, docs_op)) => {
            match response_schema(doc, docs_op, &path, &mut warnings)? {
                Some(schema) => {
                    for (prop, value) in
                        properties(doc, &schema, &format!("{path}.responses.200.schema"))?
                    {
                        let prop_path = format!("{path}.responses.200.schema.properties.{prop}");
                        let field = mapper.field(
                            Side::Response,
                            FieldAt {
                                name: Some(prop),
                                enum_base: prop,
                                parent: None,
                                required: false,
                            },
                            value,
                            None,
                            &prop_path,
                        )?;
                        op.response.push(field);
                    }
                }
                None => op.untyped_response = true,
            }
            op.examples = Examples {
                response_json: response_demo(doc, docs_op, &path, &mut warnings),
                ..Examples::default()
            };
            op.errors = errors(doc, docs_op, &path, &mut warnings)?;
        }
        None => op.untyped_response = true,
    }
    op.enums = mapper.enums;
    Ok(ImportedOperation {
        operation: op,
        warnings,
    })
}

fn summary(docs: Option<&Json>) -> Option<String> {
    let docs = docs?;
    ["summary", "title"]
        .iter()
        .find_map(|key| {
            docs.get(key)
                .and_then(Json::as_str)
                .filter(|s| !s.trim().is_empty())
        })
        .map(str::to_string)
}

/// `None` (the default `POST`) when the methods include `post`, `GET` when they include only `get`.
fn method(doc: &Document, op: &Json, path: &str) -> Result<Option<String>, MetaError> {
    let path = format!("{path}.methods");
    let methods: Vec<String> = match op.get("methods") {
        None => return Ok(None),
        Some(Json::Array(items)) => items
            .iter()
            .map(|m| {
                m.as_str().map(str::to_ascii_lowercase).ok_or_else(|| {
                    doc.error(&path, format!("expected strings, found {}", m.kind()))
                })
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(doc.error(&path, format!("expected an array, found {}", other.kind())));
        }
    };
    if methods.is_empty() || methods.iter().any(|m| m == "post") {
        Ok(None)
    } else if methods.iter().any(|m| m == "get") {
        Ok(Some("GET".to_string()))
    } else {
        Err(doc.error(
            &path,
            format!("no supported method in {methods:?} (POST or GET)"),
        ))
    }
}

/// The objects of an optional array, each with its path.
fn list<'a>(
    doc: &Document,
    value: Option<&'a Json>,
    path: &str,
) -> Result<Vec<(String, &'a Json)>, MetaError> {
    match value {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let item_path = format!("{path}[{i}]");
                match item {
                    Json::Object(_) => Ok((item_path, item)),
                    other => Err(doc.error(
                        &item_path,
                        format!("expected an object, found {}", other.kind()),
                    )),
                }
            })
            .collect(),
        Some(other) => Err(doc.error(path, format!("expected an array, found {}", other.kind()))),
    }
}

fn non_empty_str<'a>(
    doc: &Document,
    value: Option<&'a Json>,
    path: &str,
) -> Result<&'a str, MetaError> {
    match value {
        Some(Json::String(s)) if !s.is_empty() => Ok(s),
        Some(other) => Err(doc.error(
            path,
            format!("expected a non-empty string, found {}", other.kind()),
        )),
        None => Err(doc.error(path, "missing")),
    }
}

/// A schema's `properties` in order (absent, `{}` and `[]` are none).
fn properties<'a>(
    doc: &Document,
    schema: &'a Json,
    path: &str,
) -> Result<&'a [(String, Json)], MetaError> {
    match schema.get("properties") {
        None | Some(Json::Null) => Ok(&[]),
        Some(props) => props.entries().ok_or_else(|| {
            doc.error(
                &format!("{path}.properties"),
                format!("expected an object, found {}", props.kind()),
            )
        }),
    }
}

/// The `200` response schema with references expanded, when it has properties.
fn response_schema(
    doc: &Document,
    op: &Json,
    path: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<Json>, MetaError> {
    let Some(schema) = op
        .get("responses")
        .and_then(|r| r.get("200"))
        .and_then(|r| r.get("schema"))
    else {
        return Ok(None);
    };
    let schema_path = format!("{path}.responses.200.schema");
    let schema = doc.expand(schema, &schema_path)?;
    match schema.get("type").and_then(Json::as_str) {
        None | Some("object") => {}
        Some(other) => {
            warnings.push(format!(
                "{}: {schema_path}: the response is of type `{other}`, not an object; imported as untyped",
                doc.label
            ));
            return Ok(None);
        }
    }
    Ok((!properties(doc, &schema, &schema_path)?.is_empty()).then_some(schema))
}

/// `responseDemo`: a JSON text holding `[{type, example, errorExample}]`; the `json` entry's example, kept
/// verbatim when it is valid JSON.
fn response_demo(
    doc: &Document,
    op: &Json,
    path: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let demo_path = format!("{path}.responseDemo");
    let mut warn =
        |message: String| warnings.push(format!("{}: {demo_path}: {message}", doc.label));
    let parsed;
    let entries = match op.get("responseDemo")? {
        Json::String(text) => match serde_json::from_str::<Json>(text) {
            Ok(Json::Array(entries)) => {
                parsed = entries;
                &parsed
            }
            Ok(other) => {
                warn(format!(
                    "expected a JSON array, found {}; no response example",
                    other.kind()
                ));
                return None;
            }
            Err(e) => {
                warn(format!("not valid JSON ({e}); no response example"));
                return None;
            }
        },
        Json::Array(entries) => entries,
        other => {
            warn(format!(
                "expected a JSON text, found {}; no response example",
                other.kind()
            ));
            return None;
        }
    };
    let example = entries
        .iter()
        .find(|e| e.get("type").and_then(Json::as_str) == Some("json"))?
        .get("example")
        .and_then(Json::as_str)
        .filter(|e| !e.trim().is_empty())?;
    match serde_json::from_str::<serde_json::Value>(example) {
        Ok(_) => Some(example.to_string()),
        Err(e) => {
            warn(format!(
                "the json example is not valid JSON ({e}); left out"
            ));
            None
        }
    }
}

/// `errorCodes`: `{ "404": [{errorCode, errorMessage, description?}] }` → errors sorted by status, metadata
/// order within a status. Statuses outside 400–599 are skipped and a code listed twice keeps its first entry
/// (in metadata order), each with a warning.
fn errors(
    doc: &Document,
    op: &Json,
    path: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<ErrorCode>, MetaError> {
    let codes_path = format!("{path}.errorCodes");
    let Some(codes) = op.get("errorCodes") else {
        return Ok(Vec::new());
    };
    let entries = codes.entries().ok_or_else(|| {
        doc.error(
            &codes_path,
            format!("expected an object, found {}", codes.kind()),
        )
    })?;
    let mut out: Vec<ErrorCode> = Vec::new();
    for (status, list_value) in entries {
        let status_path = format!("{codes_path}.{status}");
        let http_status = match status.parse::<u16>() {
            Ok(s) if (400..=599).contains(&s) => s,
            _ => {
                warnings.push(format!(
                    "{}: {status_path}: HTTP status `{status}` is not an error status (400–599); skipped",
                    doc.label
                ));
                continue;
            }
        };
        for (entry_path, entry) in list(doc, Some(list_value), &status_path)? {
            let Some(code) = entry
                .get("errorCode")
                .and_then(Json::as_str)
                .filter(|c| !c.is_empty())
            else {
                warnings.push(format!(
                    "{}: {entry_path}: no `errorCode`; skipped",
                    doc.label
                ));
                continue;
            };
            if out.iter().any(|e| e.code == code) {
                warnings.push(format!(
                    "{}: {entry_path}: error code `{code}` is listed twice; the first entry is kept",
                    doc.label
                ));
                continue;
            }
            out.push(ErrorCode {
                http_status,
                code: code.to_string(),
                message: entry
                    .get("errorMessage")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_string(),
                description: text(entry.get("description")),
            });
        }
    }
    out.sort_by_key(|e| e.http_status);
    Ok(out)
}

/// A non-empty string value.
fn text(value: Option<&Json>) -> Option<String> {
    value
        .and_then(Json::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Which side of the operation a field is on: response fields never get request-only keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// A field's place: its wire name (`None` for `items`), the name its enum is named after (for `items`, the
/// array's), the enclosing field's name, and whether the service requires it.
#[derive(Debug, Clone, Copy)]
struct FieldAt<'a> {
    name: Option<&'a str>,
    enum_base: &'a str,
    parent: Option<&'a str>,
    required: bool,
}

/// Maps the schemas of one operation, collecting its enums.
struct Mapper<'a> {
    structure: &'a Document,
    docs: Option<&'a Document>,
    enums: Vec<Enum>,
}

impl Mapper<'_> {
    /// A top-level request parameter: `param` from the structure file, `doc_param` (same name) from the docs file.
    fn parameter(
        &mut self,
        name: &str,
        param: &Json,
        doc_param: Option<&Json>,
        path: &str,
    ) -> Result<Field, MetaError> {
        let doc = self.structure;
        let schema = param
            .get("schema")
            .ok_or_else(|| doc.error(path, "no `schema`"))?;
        let schema = doc.expand(schema, &format!("{path}.schema"))?;
        let doc_schema = match (self.docs, doc_param.and_then(|p| p.get("schema"))) {
            (Some(docs), Some(s)) => Some(docs.expand(s, &format!("{path}.schema"))?),
            _ => None,
        };
        let required = schema.get("required") == Some(&Json::Bool(true));
        let at = FieldAt {
            name: Some(name),
            enum_base: name,
            parent: None,
            required,
        };
        let mut field = self.field(
            Side::Request,
            at,
            &schema,
            doc_schema.as_ref(),
            &format!("{path}.schema"),
        )?;
        match param.get("in").and_then(Json::as_str) {
            None | Some("query") => {}
            Some("formData") => field.location = Some(Location::Form),
            Some(other) => {
                return Err(doc.error(
                    &format!("{path}.in"),
                    format!("unsupported location `{other}` (query or formData)"),
                ));
            }
        }
        field.style = match param.get("style").and_then(Json::as_str) {
            Some("repeatList") => Some(Style::RepeatList),
            Some("json") => Some(Style::Json),
            Some("flat") => Some(Style::Flat),
            Some(other) => {
                return Err(doc.error(
                    &format!("{path}.style"),
                    format!("unsupported style `{other}` (repeatList, json or flat)"),
                ));
            }
            None if field.ty == Type::Array => {
                field.notes.push(
                    "Alibaba's metadata gives no `style` for this list; imported as `repeat_list`."
                        .to_string(),
                );
                Some(Style::RepeatList)
            }
            None if field.ty == Type::Object => {
                field.notes.push(
                    "Alibaba's metadata gives no `style` for this object; imported as `flat`."
                        .to_string(),
                );
                Some(Style::Flat)
            }
            None => None,
        };
        Ok(field)
    }

    /// One schema (`s`, structure file) with its documentation counterpart (`d`, docs file; `s` itself when
    /// absent) → a field, recursively.
    fn field(
        &mut self,
        side: Side,
        at: FieldAt<'_>,
        s: &Json,
        d: Option<&Json>,
        path: &str,
    ) -> Result<Field, MetaError> {
        let file = match side {
            Side::Request => self.structure,
            Side::Response => self.docs.unwrap_or(self.structure),
        };
        if !matches!(s, Json::Object(_)) {
            return Err(file.error(
                path,
                format!("expected a schema object, found {}", s.kind()),
            ));
        }
        let doc = d.unwrap_or(s);
        let mut field = Field {
            name: at.name.map(str::to_string),
            description: text(doc.get("description")).or_else(|| text(doc.get("title"))),
            example: doc
                .get("example")
                .and_then(Json::scalar_text)
                .filter(|e| !e.is_empty()),
            ..Field::default()
        };
        let type_name = match s.get("type") {
            None | Some(Json::Null) => None,
            Some(Json::String(t)) => Some(t.as_str()),
            Some(other) => {
                return Err(file.error(
                    &format!("{path}.type"),
                    format!("expected a string, found {}", other.kind()),
                ));
            }
        };
        let format = s.get("format").and_then(Json::as_str);
        let props = properties(file, s, path)?;
        let format_note = |ty: Type, notes: &mut Vec<String>| {
            if let Some(format) = format {
                notes.push(format!(
                    "Alibaba's metadata gives the format `{format}`; imported as `{ty}`."
                ));
            }
        };
        field.ty = match type_name {
            Some("string") => Type::String,
            Some("boolean") => Type::Boolean,
            Some("integer") => match format {
                Some("int32") => Type::Integer,
                None | Some("int64") => Type::Long,
                Some(_) => {
                    format_note(Type::Long, &mut field.notes);
                    Type::Long
                }
            },
            Some("number") => match format {
                Some("float") => Type::Float,
                None | Some("double") => Type::Double,
                Some(_) => {
                    format_note(Type::Double, &mut field.notes);
                    Type::Double
                }
            },
            Some("object") | None if !props.is_empty() => Type::Object,
            Some("object") => Type::Any,
            Some("array") => Type::Array,
            None if s.get("items").is_some() => Type::Array,
            None => return Err(file.error(path, "no `type`")),
            Some(other) => {
                return Err(file.error(
                    &format!("{path}.type"),
                    format!("unsupported type `{other}` (string, integer, number, boolean, object or array)"),
                ));
            }
        };
        if format.is_some()
            && matches!(
                field.ty,
                Type::String | Type::Boolean | Type::Object | Type::Array
            )
        {
            format_note(field.ty, &mut field.notes);
        }

        match field.ty {
            Type::Object => {
                let required_list: Vec<&str> = match s.get("required") {
                    Some(Json::Array(names)) => names.iter().filter_map(Json::as_str).collect(),
                    _ => Vec::new(),
                };
                for (prop, value) in props {
                    let prop_doc = d
                        .and_then(|d| d.get("properties"))
                        .and_then(|p| p.get(prop));
                    let prop_at = FieldAt {
                        name: Some(prop),
                        enum_base: prop,
                        parent: Some(at.enum_base),
                        required: value.get("required") == Some(&Json::Bool(true))
                            || required_list.contains(&prop.as_str()),
                    };
                    let prop_path = format!("{path}.properties.{prop}");
                    field
                        .fields
                        .push(self.field(side, prop_at, value, prop_doc, &prop_path)?);
                }
            }
            Type::Array => {
                let items_path = format!("{path}.items");
                let items_at = FieldAt {
                    name: None,
                    enum_base: at.enum_base,
                    parent: at.parent,
                    required: false,
                };
                field.items = Some(Box::new(match s.get("items") {
                    Some(items) => self.field(
                        side,
                        items_at,
                        items,
                        d.and_then(|d| d.get("items")),
                        &items_path,
                    )?,
                    None if side == Side::Response => {
                        field
                            .notes
                            .push("Alibaba's metadata gives no element type for this list; imported as `Any`.".to_string());
                        Field {
                            ty: Type::Any,
                            ..Field::default()
                        }
                    }
                    None => return Err(file.error(path, "an array parameter without `items`")),
                }));
            }
            _ => {}
        }

        self.enum_of(file, &mut field, at, (s, doc), path)?;

        if side == Side::Request {
            field.required = at.required && at.name.is_some();
            field.doc_required = at.name.is_some()
                && !field.required
                && doc.get("docRequired") == Some(&Json::Bool(true));
            if let Some(max) = s.get("maxItems") {
                field.max_items = Some(
                    max.scalar_text()
                        .and_then(|t| t.parse::<u32>().ok())
                        .ok_or_else(|| {
                            file.error(&format!("{path}.maxItems"), "expected a whole number")
                        })?,
                );
            }
            field.minimum = bound(file, s, "minimum", path)?;
            field.maximum = bound(file, s, "maximum", path)?;
            if at.name.is_some() {
                field.default = doc
                    .get("default")
                    .and_then(Json::scalar_text)
                    .filter(|t| !t.is_empty());
            }
        }
        Ok(field)
    }

    /// String `enum` lists become an entry of `enums:` (titles from `enumValueTitles`); anything else about
    /// enums becomes a note.
    fn enum_of(
        &mut self,
        file: &Document,
        field: &mut Field,
        at: FieldAt<'_>,
        (s, doc): (&Json, &Json),
        path: &str,
    ) -> Result<(), MetaError> {
        let values: Vec<String> = match s.get("enum") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => items
                .iter()
                .map(|v| {
                    v.scalar_text().ok_or_else(|| {
                        file.error(
                            &format!("{path}.enum"),
                            format!("expected scalar values, found {}", v.kind()),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(file.error(
                    &format!("{path}.enum"),
                    format!("expected an array, found {}", other.kind()),
                ));
            }
        };
        let titles: Vec<(String, String)> = match doc.get("enumValueTitles") {
            Some(titles) => titles
                .entries()
                .unwrap_or(&[])
                .iter()
                .map(|(k, v)| (k.clone(), v.scalar_text().unwrap_or_default()))
                .collect(),
            None => Vec::new(),
        };
        let listed = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .map(|(k, v)| format!("`{k}` ({v})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if field.ty != Type::String {
            if !values.is_empty() {
                let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                field.notes.push(format!(
                    "Alibaba's metadata lists the values {} for this non-string field; not imported as an enum.",
                    quoted.join(", ")
                ));
            }
            if !titles.is_empty() {
                field.notes.push(format!(
                    "Alibaba's metadata gives value titles for this non-string field (ignored): {}.",
                    listed(&titles)
                ));
            }
            return Ok(());
        }
        if values.is_empty() {
            if !titles.is_empty() {
                field.notes.push(format!(
                    "Alibaba's metadata gives value titles without an enum list (ignored): {}.",
                    listed(&titles)
                ));
            }
            return Ok(());
        }
        if values.iter().any(String::is_empty) {
            field
                .notes
                .push("Alibaba's metadata lists an empty enum value; left out.".to_string());
        }
        let stray: Vec<(String, String)> = titles
            .iter()
            .filter(|(k, _)| !values.contains(k))
            .cloned()
            .collect();
        if !stray.is_empty() {
            field.notes.push(format!(
                "Alibaba's metadata gives titles for values that are not in its enum list (ignored): {}.",
                listed(&stray)
            ));
        }
        let mut enum_values: Vec<EnumValue> = Vec::new();
        for value in values.into_iter().filter(|v| !v.is_empty()) {
            if enum_values.iter().any(|v| v.value == value) {
                field.notes.push(format!(
                    "Alibaba's metadata lists the enum value `{value}` twice; kept once."
                ));
                continue;
            }
            let description = titles
                .iter()
                .find(|(k, _)| *k == value)
                .map(|(_, t)| t.clone())
                .filter(|t| !t.is_empty());
            enum_values.push(EnumValue {
                value,
                description,
                rust_name: None,
            });
        }
        if !enum_values.is_empty() {
            field.enum_ref = Some(name_enum(
                &mut self.enums,
                at.enum_base,
                at.parent,
                enum_values,
            ));
        }
        Ok(())
    }
}

/// `minimum` / `maximum` (strings in the metadata) as numbers.
fn bound(doc: &Document, s: &Json, key: &str, path: &str) -> Result<Option<f64>, MetaError> {
    let Some(value) = s.get(key) else {
        return Ok(None);
    };
    value
        .scalar_text()
        .and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .map(Some)
        .ok_or_else(|| {
            doc.error(
                &format!("{path}.{key}"),
                format!("expected a number, found {}", value.kind()),
            )
        })
}

/// Names the enum of field `field` (inside `parent`, if any) and records it in `enums`; returns the name.
///
/// The rule: the field's name in PascalCase (`Priority`). When an enum of that name already exists with a
/// different set of values, the parent's name is put in front (`JobGroupPriority`); when that is taken too (or
/// there is no parent), the first of `<Name>2`, `<Name>3`, … that is free, where `<Name>` is the prefixed name
/// when there is a parent. An existing enum with the same set of values is shared, whatever its position.
pub fn name_enum(
    enums: &mut Vec<Enum>,
    field: &str,
    parent: Option<&str>,
    values: Vec<EnumValue>,
) -> String {
    let mut wanted: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    wanted.sort_unstable();
    // `Some(true)`: free; `Some(false)`: same values, share it; `None`: taken by other values.
    let usable = |enums: &[Enum], name: &str| match enums.iter().find(|e| e.name == name) {
        None => Some(true),
        Some(existing) => {
            let mut have: Vec<&str> = existing.values.iter().map(|v| v.value.as_str()).collect();
            have.sort_unstable();
            (have == wanted).then_some(false)
        }
    };
    let base = field.to_upper_camel_case();
    let mut candidates = vec![base.clone()];
    let stem = match parent {
        Some(parent) => {
            let prefixed = format!("{}{base}", parent.to_upper_camel_case());
            candidates.push(prefixed.clone());
            prefixed
        }
        None => base,
    };
    let mut n = 2;
    let chosen = loop {
        if let Some(name) = candidates.first() {
            if let Some(free) = usable(enums, name) {
                break (name.clone(), free);
            }
            candidates.remove(0);
            continue;
        }
        let name = format!("{stem}{n}");
        if let Some(free) = usable(enums, &name) {
            break (name, free);
        }
        n += 1;
    };
    let (name, free) = chosen;
    if free {
        enums.push(Enum {
            name: name.clone(),
            description: None,
            values,
        });
    }
    name
}
