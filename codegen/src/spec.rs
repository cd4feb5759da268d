//! The YAML model, one-to-one with the files in `api-spec/` (schema documented in `api-spec/README.md`).
//!
//! Nothing here is checked beyond what serde can tell: values that must name something (a type, an enum, a
//! style) are kept as [`Spanned`] strings so validation can point at them. Defaults are applied in validation,
//! not here, so this model says exactly what the file says.

use serde::Deserialize;

pub use crate::yaml::Spanned;

/// `api-spec/service.yaml`: what every operation of one product version shares.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFile {
    /// Product code, e.g. `outboundbot`.
    pub product: Spanned<String>,
    /// Human title, used in the crate docs.
    pub title: String,
    /// API version, e.g. `2019-12-26`.
    pub version: Spanned<String>,
    /// API style; only `rpc` is supported.
    pub style: Spanned<String>,
    /// Name of the generated crate (package and library).
    #[serde(rename = "crate")]
    pub crate_name: Spanned<String>,
    /// Endpoint host template with a `{region}` placeholder.
    pub endpoint: Spanned<String>,
    /// Region used when the caller names none.
    pub default_region: String,
    /// Regions the product is offered in.
    #[serde(default)]
    pub regions: Vec<String>,
}

/// One operation file, e.g. `api-spec/ModifyJobGroup.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationFile {
    /// The `Action` value.
    pub name: Spanned<String>,
    /// One-line description from the doc page.
    pub summary: String,
    /// HTTP method; `POST` when absent.
    #[serde(default)]
    pub method: Option<Spanned<String>>,
    /// Set when the whole operation is deprecated.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// Request parameters, in doc order.
    #[serde(default)]
    pub request: Vec<Field>,
    /// Top-level response fields, in doc order.
    #[serde(default)]
    pub response: Vec<Field>,
    /// Named string enums that fields refer to with `enum:`.
    #[serde(default)]
    pub enums: Vec<EnumDef>,
    /// The doc page's error table.
    #[serde(default)]
    pub errors: Vec<ErrorDef>,
    /// Verbatim examples from the doc page.
    #[serde(default)]
    pub examples: Examples,
    /// The metadata has no response schema: the response type holds the common envelope plus the whole body
    /// as an untyped value.
    #[serde(default)]
    pub untyped_response: bool,
}

/// A request parameter, a response field, or the item description of an array.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name. Absent only for array `items`.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// `String`, `Integer`, `Long`, `Float`, `Double`, `Boolean`, `Object`, `Array` or `Any`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Required by the service (request parameters only).
    #[serde(default)]
    pub required: bool,
    /// The doc page marks the parameter required even though the service does not.
    #[serde(default)]
    pub doc_required: bool,
    /// Set for historic / deprecated fields: the page's note.
    #[serde(default)]
    pub historic: Option<String>,
    /// Example value as the page shows it.
    #[serde(default)]
    pub example: Option<String>,
    /// The page's description.
    #[serde(default)]
    pub description: Option<String>,
    /// Extra remarks for the generated docs.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Request parameters: `repeat_list` (arrays), `flat` (objects) or `json` (strings holding JSON; objects and
    /// arrays serialised to JSON).
    #[serde(default)]
    pub style: Option<Spanned<String>>,
    /// Request parameters: `query` (default) or `form`.
    #[serde(default)]
    pub location: Option<Spanned<String>>,
    /// Name of an entry of the operation's `enums` (String fields only).
    #[serde(rename = "enum", default)]
    pub enum_ref: Option<Spanned<String>>,
    /// Arrays: the element description.
    #[serde(default)]
    pub items: Option<Box<Field>>,
    /// Arrays: the largest number of elements the service accepts.
    #[serde(default)]
    pub max_items: Option<u32>,
    /// Request numbers: the smallest value the service accepts.
    #[serde(default)]
    pub minimum: Option<f64>,
    /// Request numbers: the largest value the service accepts.
    #[serde(default)]
    pub maximum: Option<f64>,
    /// The value the service assumes when the parameter is absent, as text (docs only).
    #[serde(default)]
    pub default: Option<String>,
    /// Objects: the generated struct's name when it should differ from the field's name.
    #[serde(rename = "struct", default)]
    pub struct_name: Option<Spanned<String>>,
    /// Objects: the fields, in doc order.
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// Overrides the generated Rust field / setter name.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
}

/// A named set of string values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    /// Type name of the generated enum.
    pub name: Spanned<String>,
    /// Description for the enum's docs.
    #[serde(default)]
    pub description: Option<String>,
    /// Known values, in doc order.
    pub values: Vec<EnumValue>,
}

/// One known enum value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Spanned<String>,
    /// Its meaning, from the page.
    #[serde(default)]
    pub description: Option<String>,
    /// Overrides the generated variant name.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
}

/// One row of the page's error table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDef {
    /// HTTP status the service answers with.
    pub http_status: u16,
    /// The `Code` in the error body.
    pub code: Spanned<String>,
    /// The `Message` in the error body.
    pub message: String,
    /// The page's description.
    #[serde(default)]
    pub description: Option<String>,
}

/// Verbatim examples from the doc page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// The request example, as printed.
    #[serde(default)]
    pub request: Option<String>,
    /// The XML response example body.
    #[serde(default)]
    pub response_xml: Option<String>,
    /// The JSON response example body.
    #[serde(default)]
    pub response_json: Option<String>,
}
