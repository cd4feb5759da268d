//! `cargo xtask import-doc`: an Alibaba Cloud API reference page saved as text → the model of a spec file
//! ([`crate::import::model`]), which the caller refines with the same overlays as `import-meta`
//! ([`crate::import::overlay`]) and prints with the same writer ([`crate::import::write_yaml`]).
//!
//! ```text
//! page text --page--> sections --table--> rows --tree--> nested fields --describe--> enums, historic, json
//! ```
//!
//! - [`page`]: numbered lines, headings in Simplified / Traditional Chinese or English, chrome dropped.
//! - [`table`]: headers in any column order, the pipe layouts and the no-pipe layout.
//! - [`types`]: type spellings.
//! - [`tree`]: the response tree, recovered from the page's JSON / XML examples.
//! - [`describe`]: what descriptions carry.
//!
//! Never panics: every input gives an operation (with warnings) or errors, each naming a page line.

pub mod describe;
pub mod page;
pub mod table;
pub mod tree;
pub mod types;

use std::fmt;

use crate::import::model::{Enum, EnumValue, ErrorCode, Examples, Field, Operation, Style, Type};
use page::{Kind, Line};
use table::{Column, Row};
use tree::{FlatRow, Node, Shape};
use types::PageType;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The page could not be read there; nothing is written.
    Error,
    /// Something the page does not settle or lost; the spec is written and the warning says what was assumed.
    Warning,
}

/// One finding, with the page line it is about (0 when it concerns the whole page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based page line.
    pub line: usize,
    /// What and why.
    pub message: String,
}

/// Findings collected while reading a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// In the order found.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Records an error.
    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.findings.push(Finding {
            severity: Severity::Error,
            line,
            message: message.into(),
        });
    }

    /// Records a warning.
    pub fn warning(&mut self, line: usize, message: impl Into<String>) {
        self.findings.push(Finding {
            severity: Severity::Warning,
            line,
            message: message.into(),
        });
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The findings as `PAGE:LINE: error|warning: message` lines.
    pub fn render(&self, page: &str) -> String {
        self.findings
            .iter()
            .map(|f| {
                let kind = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                format!("{page}:{}: {kind}: {}\n", f.line, f.message)
            })
            .collect()
    }
}

/// A page that could not be imported: every finding (errors and warnings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// The page's label.
    pub page: String,
    /// The findings.
    pub report: Report,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report.render(&self.page))?;
        let errors = self
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        write!(f, "{errors} error(s) in {}", self.page)
    }
}

impl std::error::Error for DocError {}

/// An imported page.
#[derive(Debug, Clone, PartialEq)]
pub struct DocImport {
    /// The operation, before overlays.
    pub operation: Operation,
    /// Warnings (what the page does not settle), each with its page line.
    pub report: Report,
}

/// Reads a page. `page_label` names it in findings.
pub fn import_page(page_label: &str, text: &str) -> Result<DocImport, DocError> {
    let mut report = Report::default();
    let page = page::parse(text);
    let mut op = Operation::default();

    // Title / summary: the first line of the page (a deprecation mark is kept as `deprecated`).
    match page.preamble.first() {
        Some(first) => {
            let title = first.text.trim();
            let marks = [
                "(已废弃)",
                "（已废弃）",
                "已废弃",
                "(Deprecated)",
                "[Deprecated]",
                "已下线",
            ];
            let mut summary = title.to_string();
            for mark in marks {
                if summary.contains(mark) {
                    summary = summary.replace(mark, "").trim().to_string();
                    op.deprecated = Some(format!(
                        "The API reference page marks the operation `{mark}`."
                    ));
                }
            }
            op.summary = summary;
        }
        None => report.error(1, "the page has no title line before its first section"),
    }

    // Examples first: they settle the response tree.
    let examples = page
        .section(Kind::Examples)
        .map(|s| examples(&s.lines))
        .unwrap_or_default();

    // Request.
    let mut action = None;
    match page.section(Kind::Request) {
        Some(section) => {
            let table = table::parse(&section.lines, &mut report, "request parameters");
            if !table.columns.is_empty() && !table.columns.contains(&Column::Required) {
                report.warning(
                    table.header_line,
                    "request parameters: the table has no required column; every parameter is taken as optional",
                );
            }
            require_columns(
                &table,
                &[Column::Name, Column::Type],
                section.heading,
                &mut report,
                "request parameters",
            );
            let mut rows = Vec::new();
            for row in table.rows {
                if row.get(Column::Name) == "Action" {
                    action = Some((row.line, action_name(&row)));
                    continue;
                }
                if let Some(flat) = flat_row(&row, true, &mut report) {
                    rows.push(flat);
                }
            }
            let nodes = tree::nest(rows, None, &mut report, "request parameters");
            op.request = nodes
                .into_iter()
                .map(|n| field(n, true, &mut op.enums, &mut report))
                .collect();
        }
        None => report.warning(
            0,
            "the page has no request parameters section (请求参数 / Request parameters)",
        ),
    }

    // Response.
    match page.section(Kind::Response) {
        Some(section) => {
            let table = table::parse(&section.lines, &mut report, "response");
            require_columns(
                &table,
                &[Column::Name, Column::Type],
                section.heading,
                &mut report,
                "response",
            );
            let rows: Vec<_> = table
                .rows
                .iter()
                .filter_map(|row| flat_row(row, false, &mut report))
                .collect();
            let shape = match (
                examples.response_json.as_deref().and_then(Shape::from_json),
                examples.response_xml.as_deref().and_then(Shape::from_xml),
            ) {
                (Some(mut json), Some(xml)) => {
                    merge_shapes(&mut json, xml);
                    Some(json)
                }
                (json, xml) => json.or(xml),
            };
            if shape.is_none() && rows.iter().any(|r| r.container) {
                report.warning(
                    section.heading,
                    "response: no JSON or XML example could be read, so nothing settles where nested objects close",
                );
            }
            let nodes = tree::nest(rows, shape.as_ref(), &mut report, "response");
            op.response = nodes
                .into_iter()
                .map(|n| field(n, false, &mut op.enums, &mut report))
                .collect();
        }
        None => report.warning(
            0,
            "the page has no response section (返回数据 / Response parameters)",
        ),
    }

    // Errors.
    if let Some(section) = page.section(Kind::Errors) {
        let table = table::parse(&section.lines, &mut report, "error codes");
        for row in &table.rows {
            let status = row.get(Column::HttpCode);
            let Ok(http_status) = status.parse::<u16>() else {
                report.error(
                    row.line,
                    format!("error codes: `{status}` is not an HTTP status"),
                );
                continue;
            };
            if !(400..=599).contains(&http_status) {
                report.warning(
                    row.line,
                    format!(
                        "error codes: HTTP status {http_status} is not an error status; skipped"
                    ),
                );
                continue;
            }
            op.errors.push(ErrorCode {
                http_status,
                code: row.get(Column::Code).to_string(),
                message: row.get(Column::Message).to_string(),
                description: Some(row.get(Column::Description).to_string())
                    .filter(|d| !d.is_empty()),
            });
        }
        op.errors.sort_by_key(|e| e.http_status);
    }

    // The name: the Action row, else the request example.
    let from_example = examples.request.as_deref().and_then(|r| {
        let at = r.find("Action=")?;
        let rest = &r[at + "Action=".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        Some(name).filter(|n| !n.is_empty())
    });
    op.name = match (action, from_example) {
        (Some((_, Some(name))), _) => name,
        (_, Some(name)) => name,
        (Some((line, None)), None) => {
            report.error(
                line,
                "the Action row gives no operation name and the page has no request example",
            );
            String::new()
        }
        (None, None) => {
            report.error(
                0,
                "the page names no operation (no Action row, no `Action=` in a request example)",
            );
            String::new()
        }
    };
    op.examples = examples;

    if report.has_errors() {
        return Err(DocError {
            page: page_label.to_string(),
            report,
        });
    }
    Ok(DocImport {
        operation: op,
        report,
    })
}

fn merge_shapes(into: &mut Shape, other: Shape) {
    for (k, v) in other.children {
        merge_shapes(into.children.entry(k).or_default(), v);
    }
}

fn require_columns(
    table: &table::Table,
    needed: &[Column],
    heading: usize,
    report: &mut Report,
    what: &str,
) {
    if table.columns.is_empty() {
        return;
    }
    for c in needed {
        if !table.columns.contains(c) {
            report.error(
                if table.header_line == 0 {
                    heading
                } else {
                    table.header_line
                },
                format!("{what}: the table has no {c:?} column"),
            );
        }
    }
}

/// The operation name of the Action row: its example, or `取值:Name` in its description.
fn action_name(row: &Row) -> Option<String> {
    let example = row.get(Column::Example);
    if types::looks_like_name(example) {
        return Some(example.to_string());
    }
    let description = row.get(Column::Description);
    for marker in ["取值:", "取值：", "Set the value to ", "value to "] {
        if let Some(at) = description.find(marker) {
            let name: String = description[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    None
}

/// What a row says, before nesting.
#[derive(Debug, Clone)]
struct RowData {
    ty: PageType,
    repeat: bool,
    required: bool,
    example: String,
    description: String,
}

fn flat_row(row: &Row, request: bool, report: &mut Report) -> Option<FlatRow<RowData>> {
    let raw_name = row.get(Column::Name);
    let type_cell = row.get(Column::Type);
    let Some(ty) = types::parse(type_cell) else {
        report.error(
            row.line,
            format!("unknown type `{type_cell}` (of `{raw_name}`)"),
        );
        return None;
    };
    let name = if raw_name.is_empty() {
        None
    } else if !types::looks_like_name(raw_name) {
        report.error(row.line, format!("`{raw_name}` is not a parameter name"));
        return None;
    } else {
        Some(raw_name)
    };
    let repeat = name.is_some_and(|n| n.ends_with(".N"));
    let name = name.map(|n| n.trim_end_matches(".N").to_string());
    let required = if request {
        match row.get(Column::Required).to_ascii_lowercase().as_str() {
            "是" | "yes" | "true" | "必选" | "必填" | "required" => true,
            "否" | "no" | "false" | "可选" | "optional" | "" => false,
            other => {
                report.warning(
                    row.line,
                    format!("required flag `{other}` not understood; taken as optional"),
                );
                false
            }
        }
    } else {
        false
    };
    let container = match &ty {
        PageType::Object(_) => true,
        PageType::Array(Some(inner)) => matches!(**inner, PageType::Object(_)),
        PageType::Array(None) => true,
        PageType::Scalar(_) => false,
    };
    let items_only = matches!(ty, PageType::Array(None)) && !row.opener;
    Some(FlatRow {
        line: row.line,
        name,
        container,
        marked: row.opener,
        items_only,
        data: RowData {
            ty,
            repeat,
            required,
            example: row.get(Column::Example).to_string(),
            description: row.get(Column::Description).to_string(),
        },
    })
}

fn text(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Is `s` a JSON object or array (directly, or once the page's display escaping `\"` is removed)? Returns the
/// JSON text without display escaping.
fn json_text(s: &str) -> Option<String> {
    let t = s.trim();
    if !(t.starts_with('{') || t.starts_with('[')) {
        return None;
    }
    if serde_json::from_str::<serde_json::Value>(t).is_ok() {
        return Some(t.to_string());
    }
    let unescaped = t.replace("\\\"", "\"");
    serde_json::from_str::<serde_json::Value>(&unescaped)
        .ok()
        .map(|_| unescaped)
}

fn scalar_type(ty: &PageType) -> Type {
    match ty {
        PageType::Scalar(t) => *t,
        PageType::Object(_) => Type::Object,
        PageType::Array(_) => Type::Array,
    }
}

/// Builds a field from a nested row.
fn field(node: Node<RowData>, request: bool, enums: &mut Vec<Enum>, report: &mut Report) -> Field {
    let Node {
        row,
        items,
        children,
    } = node;
    let line = row.line;
    let data = row.data;
    let name = row.name.unwrap_or_default();
    let mut f = Field {
        name: Some(name.clone()),
        description: text(&data.description),
        example: text(&data.example),
        required: request && data.required,
        ..Field::default()
    };
    let described = describe::analyse(&data.description, &data.example);
    f.historic = described.historic.clone();
    let children: Vec<Field> = children
        .into_iter()
        .map(|c| field(c, request, enums, report))
        .collect();
    let item_row = items.into_iter().next();
    match (&data.ty, data.repeat) {
        (ty, true) => {
            // `Name.N`: a repeat list of the row's type.
            f.ty = Type::Array;
            let element = match ty {
                PageType::Array(Some(inner)) => (**inner).clone(),
                PageType::Array(None) => PageType::Scalar(Type::String),
                other => other.clone(),
            };
            f.items = Some(Box::new(element_field(
                &element,
                children,
                item_row,
                &data.example,
            )));
            if request {
                f.style = Some(Style::RepeatList);
            }
        }
        (PageType::Array(inner), false) => {
            f.ty = Type::Array;
            let element = match (inner, &item_row) {
                (Some(inner), _) => (**inner).clone(),
                (None, Some(item)) => item.data.ty.clone(),
                (None, None) if !children.is_empty() => PageType::Object(None),
                (None, None)
                    if serde_json::from_str::<Vec<String>>(data.example.trim())
                        .is_ok_and(|v| !v.is_empty()) =>
                {
                    // `["4008013260"]`: the example shows string elements.
                    PageType::Scalar(Type::String)
                }
                (None, None) => {
                    report.warning(line, format!("`{name}` is an array whose element type the page does not give; String assumed"));
                    PageType::Scalar(Type::String)
                }
            };
            f.items = Some(Box::new(element_field(
                &element,
                children,
                item_row,
                &data.example,
            )));
            if request {
                f.style = Some(
                    if f.items.as_ref().is_some_and(|i| i.ty == Type::String)
                        && json_text(&data.example).is_some()
                        && !data.description.contains(".N")
                        && described.mentions_json
                    {
                        Style::Json
                    } else {
                        Style::RepeatList
                    },
                );
            }
        }
        (PageType::Object(struct_name), false) => {
            f.ty = Type::Object;
            f.struct_name = struct_name.clone();
            f.fields = children;
            if request {
                f.style = Some(Style::Flat);
            }
        }
        (PageType::Scalar(ty), false) => {
            f.ty = *ty;
            if request && *ty == Type::String {
                if let Some(json) = json_text(&data.example) {
                    f.style = Some(Style::Json);
                    f.example = Some(json);
                } else if described.mentions_json {
                    f.style = Some(Style::Json);
                }
            }
        }
    }
    // Enum values (not for JSON texts, whose descriptions list keys, not values).
    if f.ty == Type::String && f.style != Some(Style::Json) {
        if !described.values.is_empty() {
            f.enum_ref = Some(add_enum(enums, &name, &described));
        } else if described.truncated {
            report.warning(
                line,
                format!("`{name}`: the description announces a list of values but the page lost it; kept as a plain String"),
            );
        }
    }
    let _ = scalar_type;
    f
}

/// The element of an array: from the row's own type, its child rows, an anonymous item row, or a one-element
/// JSON array example (`["4008013260"]` gives the element example `4008013260`).
fn element_field(
    element: &PageType,
    children: Vec<Field>,
    item_row: Option<FlatRow<RowData>>,
    example: &str,
) -> Field {
    let mut item = Field {
        ty: scalar_type(element),
        ..Field::default()
    };
    if let PageType::Object(struct_name) = element {
        item.struct_name = struct_name.clone();
        item.fields = children;
    }
    if let Some(row) = item_row {
        item.description = text(&row.data.description);
        item.example = text(&row.data.example);
    }
    if item.example.is_none()
        && item.ty != Type::Object
        && let Ok(serde_json::Value::Array(values)) =
            serde_json::from_str::<serde_json::Value>(example.trim())
        && values.len() == 1
    {
        item.example = match &values[0] {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
    }
    item
}

fn add_enum(enums: &mut Vec<Enum>, field_name: &str, described: &describe::Described) -> String {
    let values: Vec<EnumValue> = described
        .values
        .iter()
        .map(|(value, description)| EnumValue {
            value: value.clone(),
            description: description.clone(),
            rust_name: None,
        })
        .collect();
    let mut name = field_name.to_string();
    let mut n = 2;
    loop {
        match enums.iter().find(|e| e.name == name) {
            Some(existing) if existing.values == values => return name,
            Some(_) => {
                name = format!("{field_name}{n}");
                n += 1;
            }
            None => break,
        }
    }
    enums.push(Enum {
        name: name.clone(),
        description: described.enum_description.clone(),
        values,
    });
    name
}

/// The examples section: the request example, then the XML and JSON response bodies (HTTP status and header
/// lines dropped), each verbatim.
fn examples(lines: &[Line<'_>]) -> Examples {
    #[derive(PartialEq)]
    enum At {
        None,
        Request,
        Xml,
        Json,
        Done,
    }
    let mut at = At::None;
    let (mut request, mut xml, mut json) = (Vec::new(), Vec::new(), Vec::new());
    for line in lines {
        let t = line.text.trim();
        let lower = t.to_ascii_lowercase();
        match lower.as_str() {
            "请求示例" | "請求範例" | "请求示例：" | "sample requests" | "sample request"
            | "request example" => {
                at = At::Request;
                continue;
            }
            "正常返回示例"
            | "正常返回範例"
            | "sample success responses"
            | "sample success response"
            | "sample responses"
            | "返回示例"
            | "格式"
            | "format" => continue,
            "xml" | "xml格式" | "xml 格式" | "xmlformat" | "xml format" => {
                at = At::Xml;
                continue;
            }
            "json" | "json格式" | "json 格式" | "jsonformat" | "json format" => {
                at = At::Json;
                continue;
            }
            "错误示例"
            | "異常返回範例"
            | "异常返回示例"
            | "sample error responses"
            | "error responses" => {
                at = At::Done;
                continue;
            }
            _ => {}
        }
        if t.starts_with("HTTP/1.1") || lower.starts_with("content-type") {
            continue;
        }
        match at {
            At::Request => request.push(line.text),
            At::Xml => xml.push(line.text),
            At::Json => json.push(line.text),
            At::None | At::Done => {}
        }
    }
    let join = |v: Vec<&str>| {
        let text = v.join("\n");
        let text = text.trim_matches('\n').to_string();
        Some(text).filter(|t| !t.trim().is_empty())
    };
    Examples {
        request: join(request),
        response_xml: join(xml),
        response_json: join(json),
    }
}

#[cfg(test)]
mod tests;

/// The spec file for a page: the page's operation, refined by `overlay` (`(label, text)`, the same format and
/// code as `import-meta`'s overlays), printed by the same writer with an `@generated` header naming the page,
/// the overlay and `command`. Errors are the overlay's diagnostics, rendered.
pub fn spec_file(
    page_label: &str,
    imported: &DocImport,
    overlay: Option<(&str, &str)>,
    command: &str,
) -> Result<String, String> {
    let mut op = imported.operation.clone();
    if let Some((label, text)) = overlay {
        let path = std::path::Path::new(label);
        let parsed =
            crate::import::overlay::parse_operation(path, text).map_err(|d| d.to_string())?;
        crate::import::overlay::apply_operation(&parsed, path, &mut op)
            .map_err(|d| d.to_string())?;
    }
    let lines = [
        format!(
            "{} by `cargo xtask import-doc` from the API reference page {page_label}.",
            crate::import::MARKER
        ),
        format!("Overlay: {}", overlay.map_or("none", |(label, _)| label)),
        "Do not edit; change the page or the overlay and rerun:".to_string(),
        format!("  {command}"),
        "Schema: api-spec/README.md.".to_string(),
    ];
    let header: String = lines.iter().map(|l| format!("# {l}\n")).collect();
    Ok(crate::import::write_yaml::operation(&header, &op))
}
