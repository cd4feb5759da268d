//! What emitters consume: a validated, fully resolved model of one service.
//!
//! Every named thing carries its wire name and its Rust name side by side; emitters never derive one from the
//! other. Types are decided, defaults applied, references resolved to indices. Nothing here can be invalid, so
//! emitters never fail.

/// One product version: the unit a generated crate is made from.
#[derive(Debug, Clone)]
pub struct Service {
    /// Product code, e.g. `outboundbot`.
    pub product: String,
    /// Human title for crate docs.
    pub title: String,
    /// API version, e.g. `2019-12-26`.
    pub version: String,
    /// Generated crate (package) name.
    pub crate_name: String,
    /// Endpoint host template with `{region}`.
    pub endpoint: String,
    /// Region used when the caller names none.
    pub default_region: String,
    /// Regions the product is offered in.
    pub regions: Vec<String>,
    /// Operations, sorted by wire name.
    pub operations: Vec<Operation>,
}

/// One API operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The `Action` value, e.g. `ModifyJobGroup`.
    pub wire_name: String,
    /// Module name, e.g. `modify_job_group`.
    pub module: String,
    /// Root element of the XML response, e.g. `ModifyJobGroupResponse`.
    pub xml_root: String,
    /// Command-line subcommand, e.g. `modify-job-group`.
    pub command: String,
    /// Rust name of the operation's error type, e.g. `ModifyJobGroupError`.
    pub error_type: String,
    /// Rust name of the client method, e.g. `modify_job_group` (same as the module).
    pub method_name: String,
    /// Where the response body says whether the call succeeded (Alibaba's `Success` convention).
    pub envelope: Option<Envelope>,
    /// The spec file, relative to the spec folder (for the `@generated` header).
    pub spec_file: String,
    /// One-line summary from the doc page.
    pub summary: String,
    /// HTTP method (`POST` or `GET`).
    pub method: String,
    /// Deprecation note for the whole operation.
    pub deprecated: Option<String>,
    /// The request type.
    pub request: Request,
    /// Response structs: index 0 is the top-level response, the rest are nested objects in first-seen order.
    pub structs: Vec<Struct>,
    /// Request-side objects used in repeat lists (`Tag.N.Key`).
    pub param_structs: Vec<ParamStruct>,
    /// Named enums.
    pub enums: Vec<Enum>,
    /// The error table.
    pub errors: Vec<ErrorCode>,
    /// Verbatim doc examples.
    pub examples: Examples,
    /// How the operation pages, when the paging rule (`validate/paging.rs`, `docs/paginators.md`) matched.
    pub paging: Option<Paging>,
}

/// How a list operation pages: found by the paging rule, never named by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// Page numbers or tokens, with the parameters and response fields involved.
    pub style: PagingStyle,
    /// The response's list of items: the object fields from the response root to it, the last one the list.
    pub items: Vec<FieldRef>,
    /// The type of one item.
    pub item: FieldType,
}

/// The two paging styles.
#[derive(Debug, Clone, PartialEq)]
pub enum PagingStyle {
    /// `PageNumber` / `PageIndex` and `PageSize` in the request, the total in the response.
    PageNumber {
        /// The page-number parameter (index into [`Request::params`]).
        number: usize,
        /// The page-size parameter (index into [`Request::params`]).
        size: usize,
        /// The number of the first page.
        first: i64,
        /// The response's total: object fields from the root, the last one the total (`Integer` or `Long`).
        total: Vec<FieldRef>,
    },
    /// `NextToken` (and optionally `MaxResults`) in the request, `NextToken` in the response.
    Token {
        /// The token parameter (index into [`Request::params`]).
        token: usize,
        /// The page-size parameter, if any (index into [`Request::params`]).
        max_results: Option<usize>,
        /// The response's next token: object fields from the root, the last one the token (`String`).
        next_token: Vec<FieldRef>,
    },
}

/// One step of a path through response objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRef {
    /// Wire name.
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
}

/// Documentation carried from the spec to every generated item.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    /// The doc page's description (may be empty).
    pub description: String,
    /// Example value as printed on the page.
    pub example: Option<String>,
    /// Historic / deprecated note.
    pub historic: Option<String>,
    /// Extra remarks.
    pub notes: Vec<String>,
    /// The value the service assumes when a request parameter is absent.
    pub default: Option<String>,
}

/// Top-level response fields that carry the call's outcome (by Rust field name). When `Success` is `false`
/// in an HTTP 200 answer, the generated `parse_response` turns the body into the operation's error.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// `Success` (Boolean).
    pub success: String,
    /// `Code` (String).
    pub code: Option<String>,
    /// `Message` (String).
    pub message: Option<String>,
    /// `RequestId` (String).
    pub request_id: Option<String>,
    /// `HttpStatusCode` (Integer or Long).
    pub http_status: Option<String>,
}

/// A request type.
#[derive(Debug, Clone)]
pub struct Request {
    /// Rust type name, e.g. `ModifyJobGroupRequest`.
    pub rust_name: String,
    /// Parameters in spec order.
    pub params: Vec<Param>,
}

/// A scalar wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// UTF-8 text.
    String,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f32`.
    Float,
    /// `f64`.
    Double,
    /// `bool`.
    Boolean,
}

/// How a string parameter's content is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringStyle {
    /// Plain text.
    Plain,
    /// Text whose content is JSON, sent exactly as given.
    Json,
}

/// Where a request parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// URL query string.
    Query,
    /// Form-encoded body.
    Form,
}

/// A single value in a request: a scalar, an enum, or (in repeat lists) an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A scalar.
    Scalar(Scalar, StringStyle),
    /// A named enum: index into [`Operation::enums`].
    Enum(usize),
    /// A request-side object: index into [`Operation::param_structs`].
    Object(usize),
}

/// The shape of a request parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamShape {
    /// One value.
    Single(ParamValue),
    /// A repeat list (`Name.1`, `Name.2`, …).
    RepeatList {
        /// The element.
        item: ParamValue,
        /// Most elements the service accepts.
        max_items: Option<u32>,
    },
    /// `style: flat`: an object sent as `Name.Field=value` (index into [`Operation::param_structs`]).
    Flat(usize),
    /// `style: json` on an object or array: one parameter holding the JSON text of a typed value.
    Json(JsonValue),
}

/// A typed value sent as one JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonValue {
    /// An object (index into [`Operation::param_structs`], whose `json` is set).
    Object(usize),
    /// An array of values.
    List {
        /// The element.
        item: ParamValue,
        /// Most elements the service accepts.
        max_items: Option<u32>,
    },
}

/// Inclusive bounds of a numeric request parameter.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bounds {
    /// Smallest accepted value.
    pub minimum: Option<f64>,
    /// Largest accepted value.
    pub maximum: Option<f64>,
}

/// A request parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Wire name, e.g. `CallingNumber` (without `.N`).
    pub wire_name: String,
    /// Rust field and setter name, e.g. `calling_number` (may be a raw identifier like `r#type`).
    pub rust_name: String,
    /// Name of the append helper for repeat lists, e.g. `push_calling_number`.
    pub push_name: String,
    /// Command-line flag, e.g. `calling-number`.
    pub flag: String,
    /// What it carries.
    pub shape: ParamShape,
    /// Required by the service: a constructor argument.
    pub required: bool,
    /// The page says required though the service does not.
    pub doc_required: bool,
    /// Where it travels.
    pub location: Location,
    /// Numeric bounds.
    pub bounds: Bounds,
    /// Lists: the element's example value, as printed.
    pub item_example: Option<String>,
    /// Docs.
    pub docs: Docs,
}

/// A request-side object: a repeat-list element, a `flat` object or a `json` object.
#[derive(Debug, Clone)]
pub struct ParamStruct {
    /// Rust type name.
    pub rust_name: String,
    /// Docs.
    pub docs: Docs,
    /// Sent as JSON (`style: json`) rather than as `prefix.Field` parameters.
    pub json: bool,
    /// Fields in spec order; required ones are arguments of the object's `new()`.
    pub fields: Vec<Param>,
}

/// The type of a response field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A scalar.
    Scalar(Scalar),
    /// A named enum: index into [`Operation::enums`].
    Enum(usize),
    /// An object: index into [`Operation::structs`].
    Object(usize),
    /// An array of the inner type.
    Array(Box<FieldType>),
    /// Any JSON value, kept as sent.
    Any,
}

/// A response field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name (JSON key and XML element name).
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its type.
    pub ty: FieldType,
    /// Docs.
    pub docs: Docs,
}

/// A response object.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Rust type name.
    pub rust_name: String,
    /// Wire path from the response root, e.g. `JobGroup.Strategy.WorkingTime[]` (docs only).
    pub wire_path: String,
    /// Docs.
    pub docs: Docs,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Rust name of a field holding the whole decoded body as an untyped value (`untyped_response`).
    pub body: Option<String>,
}

/// A string enum with an `Unknown(String)` fallback.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Rust type name.
    pub rust_name: String,
    /// Description.
    pub description: String,
    /// Known values in spec order.
    pub variants: Vec<Variant>,
}

/// One known enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The value on the wire.
    pub wire_name: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Meaning.
    pub description: String,
}

/// A documented error code.
#[derive(Debug, Clone)]
pub struct ErrorCode {
    /// HTTP status.
    pub http_status: u16,
    /// The `Code` value, e.g. `NotExist.Instance`.
    pub code: String,
    /// Rust name for the code, e.g. `NotExistInstance`.
    pub rust_name: String,
    /// The service's message.
    pub message: String,
    /// The page's description.
    pub description: String,
}

/// Verbatim examples from the doc page.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// The request example.
    pub request: Option<String>,
    /// The XML response body.
    pub response_xml: Option<String>,
    /// The JSON response body.
    pub response_json: Option<String>,
}
