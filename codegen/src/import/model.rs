//! The owned model of what the importer writes: one operation file or `service.yaml`, with the keys of
//! `api-spec/README.md`. [`super::meta`] builds it, [`super::overlay`] refines it, [`super::write_yaml`] prints it.
//!
//! `None`, `false` and empty lists mean "key absent": the writer leaves them out.

use std::fmt;

/// `service.yaml`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// Product code, e.g. `outboundbot`.
    pub product: String,
    /// Human title.
    pub title: String,
    /// API version, e.g. `2019-12-26`.
    pub version: String,
    /// API style (`rpc`).
    pub style: String,
    /// Generated crate name.
    pub crate_name: String,
    /// Endpoint host template with `{region}`.
    pub endpoint: String,
    /// Region used when the caller names none.
    pub default_region: String,
    /// Regions the product is offered in.
    pub regions: Vec<String>,
}

/// One `<Operation>.yaml`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Operation {
    /// The `Action`.
    pub name: String,
    /// One-line description.
    pub summary: String,
    /// `GET` when the operation is GET-only; `None` for the default `POST`.
    pub method: Option<String>,
    /// Deprecation note for the whole operation.
    pub deprecated: Option<String>,
    /// Request parameters in metadata order.
    pub request: Vec<Field>,
    /// Top-level response fields in metadata order.
    pub response: Vec<Field>,
    /// Named string enums.
    pub enums: Vec<Enum>,
    /// Documented errors, sorted by HTTP status.
    pub errors: Vec<ErrorCode>,
    /// Verbatim examples.
    pub examples: Examples,
    /// The metadata has no response schema.
    pub untyped_response: bool,
}

/// A request parameter, a response field or an array's `items`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Field {
    /// Wire name; `None` for `items`.
    pub name: Option<String>,
    /// The spec type.
    pub ty: Type,
    /// Description.
    pub description: Option<String>,
    /// Example value, as text.
    pub example: Option<String>,
    /// Historic / no longer used note.
    pub historic: Option<String>,
    /// Extra remarks.
    pub notes: Vec<String>,
    /// Name of an entry of the operation's `enums`.
    pub enum_ref: Option<String>,
    /// Array element.
    pub items: Option<Box<Field>>,
    /// Object fields in metadata order.
    pub fields: Vec<Field>,
    /// Generated struct name override.
    pub struct_name: Option<String>,
    /// Rust name override.
    pub rust_name: Option<String>,
    /// Required by the service (request only).
    pub required: bool,
    /// Required on the doc page only (request only).
    pub doc_required: bool,
    /// How the parameter travels (request only).
    pub style: Option<Style>,
    /// Query or form (request only).
    pub location: Option<Location>,
    /// Most elements of a list (request only).
    pub max_items: Option<u32>,
    /// Smallest accepted number (request only).
    pub minimum: Option<f64>,
    /// Largest accepted number (request only).
    pub maximum: Option<f64>,
    /// The value assumed when absent, as text (request only).
    pub default: Option<String>,
}

/// A field's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Type {
    /// `String`.
    #[default]
    String,
    /// `Integer` (i32).
    Integer,
    /// `Long` (i64).
    Long,
    /// `Float` (f32).
    Float,
    /// `Double` (f64).
    Double,
    /// `Boolean`.
    Boolean,
    /// `Object`.
    Object,
    /// `Array`.
    Array,
    /// `Any`.
    Any,
}

impl Type {
    /// Every type, for parsing and messages.
    pub const ALL: [Type; 9] = [
        Type::String,
        Type::Integer,
        Type::Long,
        Type::Float,
        Type::Double,
        Type::Boolean,
        Type::Object,
        Type::Array,
        Type::Any,
    ];

    /// The spelling in spec files.
    pub fn as_str(self) -> &'static str {
        match self {
            Type::String => "String",
            Type::Integer => "Integer",
            Type::Long => "Long",
            Type::Float => "Float",
            Type::Double => "Double",
            Type::Boolean => "Boolean",
            Type::Object => "Object",
            Type::Array => "Array",
            Type::Any => "Any",
        }
    }

    /// Parses the spelling in spec files.
    pub fn parse(text: &str) -> Option<Type> {
        Type::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request parameter's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `repeat_list`: `Name.1`, `Name.2`, …
    RepeatList,
    /// `json`: one JSON text.
    Json,
    /// `flat`: `Name.Field`.
    Flat,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 3] = [Style::RepeatList, Style::Json, Style::Flat];

    /// The spelling in spec files.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::RepeatList => "repeat_list",
            Style::Json => "json",
            Style::Flat => "flat",
        }
    }

    /// Parses the spelling in spec files.
    pub fn parse(text: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A request parameter's `location`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// `query`.
    Query,
    /// `form`.
    Form,
}

impl Location {
    /// The spelling in spec files.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Query => "query",
            Location::Form => "form",
        }
    }

    /// Parses the spelling in spec files.
    pub fn parse(text: &str) -> Option<Location> {
        match text {
            "query" => Some(Location::Query),
            "form" => Some(Location::Form),
            _ => None,
        }
    }
}

/// An entry of `enums:`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Enum {
    /// Type name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Known values in metadata order.
    pub values: Vec<EnumValue>,
}

/// One known enum value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EnumValue {
    /// The wire value.
    pub value: String,
    /// Its meaning.
    pub description: Option<String>,
    /// Variant name override.
    pub rust_name: Option<String>,
}

/// An entry of `errors:`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorCode {
    /// HTTP status (400–599).
    pub http_status: u16,
    /// The `Code`.
    pub code: String,
    /// The `Message` (always written: the key is required).
    pub message: String,
    /// Description.
    pub description: Option<String>,
}

/// `examples:`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Examples {
    /// The request example.
    pub request: Option<String>,
    /// The XML response body.
    pub response_xml: Option<String>,
    /// The JSON response body.
    pub response_json: Option<String>,
}

impl Examples {
    /// True when no example is set.
    pub fn is_empty(&self) -> bool {
        self.request.is_none() && self.response_xml.is_none() && self.response_json.is_none()
    }
}
