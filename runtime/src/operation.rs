//! A static description of an operation, generated from the spec, for code that works on any operation by
//! data rather than by type: the command-line tool (flags and help text) and the mock service (required
//! parameters, types, example responses, documented errors).

use crate::params::Location;
use crate::request::OperationInfo;

/// The scalar type of a parameter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    /// Text.
    String,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f32`.
    Float,
    /// `f64`.
    Double,
    /// `true` / `false`.
    Boolean,
}

impl ScalarKind {
    /// True when `text` is a valid wire value of this type (`true`/`false` for booleans, decimal numbers).
    pub fn accepts(self, text: &str) -> bool {
        match self {
            ScalarKind::String => true,
            ScalarKind::Integer => text.parse::<i32>().is_ok(),
            ScalarKind::Long => text.parse::<i64>().is_ok(),
            ScalarKind::Float => text.parse::<f32>().is_ok_and(f32::is_finite),
            ScalarKind::Double => text.parse::<f64>().is_ok_and(f64::is_finite),
            ScalarKind::Boolean => text == "true" || text == "false",
        }
    }

    /// Name for messages (`Long`, `Boolean`, …) as the doc pages spell types.
    pub fn name(self) -> &'static str {
        match self {
            ScalarKind::String => "String",
            ScalarKind::Integer => "Integer",
            ScalarKind::Long => "Long",
            ScalarKind::Float => "Float",
            ScalarKind::Double => "Double",
            ScalarKind::Boolean => "Boolean",
        }
    }
}

/// The shape of a parameter on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// One value, sent as `Name=value`.
    Single(ScalarKind),
    /// One string value out of known ones (other values are allowed too).
    Enum(&'static [&'static str]),
    /// A repeat list of scalars: `Name.1`, `Name.2`, …
    List(ScalarKind),
    /// A repeat list of objects: `Name.1.Field`, … with these fields and their types.
    ObjectList(&'static [(&'static str, ScalarKind)]),
    /// An object sent flattened: `Name.Field`, with these fields and their types.
    Flat(&'static [(&'static str, ScalarKind)]),
    /// One value holding a JSON text (an object or array the typed request serialises).
    Json,
}

/// One request parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Wire name (without `.N`).
    pub wire_name: &'static str,
    /// Command-line flag name, kebab case, e.g. `calling-number`.
    pub flag: &'static str,
    /// Shape and type.
    pub kind: ParamKind,
    /// Required by the service.
    pub required: bool,
    /// Where it travels.
    pub location: Location,
    /// Smallest accepted value (numbers).
    pub minimum: Option<f64>,
    /// Largest accepted value (numbers).
    pub maximum: Option<f64>,
    /// The most items a list parameter may have (the spec's `max_items`).
    pub max_items: Option<u32>,
    /// One-line help text from the spec's description.
    pub help: &'static str,
}

/// One row of the documented error table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorSpec {
    /// HTTP status.
    pub http_status: u16,
    /// The `Code`.
    pub code: &'static str,
    /// The `Message`.
    pub message: &'static str,
}

/// Everything the generic tools know about an operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OperationSpec {
    /// How it is sent.
    pub info: OperationInfo,
    /// Subcommand name, kebab case, e.g. `modify-job-group`.
    pub command: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Parameters in spec order.
    pub params: &'static [ParamSpec],
    /// Root element of the XML response.
    pub xml_root: &'static str,
    /// The doc page's JSON response example.
    pub example_json: Option<&'static str>,
    /// The doc page's XML response example.
    pub example_xml: Option<&'static str>,
    /// The documented errors.
    pub errors: &'static [ErrorSpec],
    /// How the operation pages, when the generator's paging rule (`docs/paginators.md`) matched it.
    pub paging: Option<PagingSpec>,
}

/// How a list operation pages: where the request says which page it wants and where the response says what
/// comes next. Wire names; paths go from the response root through objects (`["JobGroups", "List"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingSpec {
    /// Page numbers or tokens.
    pub style: PagingStyle,
    /// The list of the page's items, e.g. `["JobGroups", "List"]`.
    pub items: &'static [&'static str],
}

/// The two ways Alibaba's RPC APIs page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStyle {
    /// `PageNumber` (or `PageIndex`) and `PageSize` in the request, the total number of items in the response.
    PageNumber {
        /// The page-number parameter, e.g. `PageNumber`.
        number: &'static str,
        /// The page-size parameter, e.g. `PageSize`.
        size: &'static str,
        /// The number of the first page (1, or 0 for the APIs that count from 0).
        first: i64,
        /// Where the response holds the total, e.g. `["JobGroups", "TotalCount"]`.
        total: &'static [&'static str],
    },
    /// `NextToken` in the request (optionally `MaxResults`), the next page's token in the response (absent or
    /// empty on the last page).
    Token {
        /// The token parameter, e.g. `NextToken`.
        token: &'static str,
        /// The page-size parameter, when the operation has one (`MaxResults`).
        max_results: Option<&'static str>,
        /// Where the response holds the next token, e.g. `["NextToken"]`.
        next_token: &'static [&'static str],
    },
}

impl ParamSpec {
    /// An optional query parameter without bounds (generated code chains the rest:
    /// `ParamSpec::new(…).required().form().bounds(…)`).
    pub const fn new(
        wire_name: &'static str,
        flag: &'static str,
        kind: ParamKind,
        help: &'static str,
    ) -> Self {
        Self {
            wire_name,
            flag,
            kind,
            required: false,
            location: Location::Query,
            minimum: None,
            maximum: None,
            max_items: None,
            help,
        }
    }

    /// A list parameter of at most `max` items.
    pub const fn max_items(mut self, max: u32) -> Self {
        self.max_items = Some(max);
        self
    }

    /// Required by the service.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Sent in the form body.
    pub const fn form(mut self) -> Self {
        self.location = Location::Form;
        self
    }

    /// With inclusive bounds.
    pub const fn bounds(mut self, minimum: Option<f64>, maximum: Option<f64>) -> Self {
        self.minimum = minimum;
        self.maximum = maximum;
        self
    }

    /// `None` when `text` is within the parameter's bounds (or it has none), else what is wrong. Only
    /// meaningful for texts that already parsed as the parameter's number type.
    pub fn out_of_bounds(&self, text: &str) -> Option<String> {
        let value: f64 = text.trim().parse().ok()?;
        match (self.minimum, self.maximum) {
            (Some(min), _) if value < min => {
                Some(format!("{} must be at least {min}", self.wire_name))
            }
            (_, Some(max)) if value > max => {
                Some(format!("{} must be at most {max}", self.wire_name))
            }
            _ => None,
        }
    }
}

impl OperationSpec {
    /// The documented error with this code.
    pub fn error(&self, code: &str) -> Option<&ErrorSpec> {
        self.errors.iter().find(|e| e.code == code)
    }
}
