//! Tables: the header (which column is which, in any order), then rows, in the pipe layouts (cells split by
//! `|`, one row per line, one cell per line, descriptions wrapped onto following lines, a leading `| `) and
//! the no-pipe layout (`Name Type Example` on one line, the description in the paragraphs below).

use super::Report;
use super::page::Line;

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Parameter / field name.
    Name,
    /// Type.
    Type,
    /// Required flag.
    Required,
    /// Example value.
    Example,
    /// Description.
    Description,
    /// Error table: HTTP status.
    HttpCode,
    /// Error table: the `Code`.
    Code,
    /// Error table: the `Message`.
    Message,
}

/// The column a header cell names.
pub fn column(cell: &str) -> Option<Column> {
    let c = cell.trim().to_ascii_lowercase();
    Some(match c.as_str() {
        "名称" | "名稱" | "参数" | "參數" | "参数名" | "參數名" | "parameter" | "name" | "字段" => {
            Column::Name
        }
        "类型" | "類型" | "type" | "数据类型" => Column::Type,
        "是否必选" | "是否必需" | "是否必選" | "必填" | "必选" | "是否必填" | "required" => {
            Column::Required
        }
        "示例值" | "範例值" | "示例" | "example" | "example value" | "sample value" => {
            Column::Example
        }
        "描述" | "说明" | "說明" | "description" => Column::Description,
        "httpcode" | "http code" | "http状态码" | "http 状态码" | "http status code"
        | "http 狀態碼" => Column::HttpCode,
        "错误码" | "錯誤碼" | "error code" | "errorcode" => Column::Code,
        "错误信息" | "錯誤信息" | "錯誤訊息" | "error message" | "errormessage" => {
            Column::Message
        }
        _ => return None,
    })
}

/// One row: the line it starts on and its cells by column.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The line of its first cell.
    pub line: usize,
    /// Cells in header order (empty text when the page has none).
    pub cells: Vec<(Column, String)>,
    /// The row is followed by a lone `|` line (the seed's layout: it opens a nested object).
    pub opener: bool,
}

impl Row {
    /// The cell of `column`, trimmed; `""` when absent.
    pub fn get(&self, column: Column) -> &str {
        self.cells
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, t)| t.trim())
    }
}

/// A parsed table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Columns in page order.
    pub columns: Vec<Column>,
    /// Rows in page order.
    pub rows: Vec<Row>,
    /// The header's line (0 when none was found).
    pub header_line: usize,
}

/// Parses the table in `lines` (the body of one section); problems go to `report`.
pub fn parse(lines: &[Line<'_>], report: &mut Report, what: &str) -> Table {
    let piped = lines.iter().any(|l| l.text.contains('|'));
    if piped {
        parse_piped(lines, report, what)
    } else {
        parse_plain(lines, report, what)
    }
}

fn is_separator(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.contains('-') && t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

/// Splits a line into `|`-separated parts, with a leading border pipe (`| Name | …`) removed.
fn parts(text: &str) -> Vec<&str> {
    let t = text.trim();
    let t = match t.strip_prefix('|') {
        Some(rest) if !rest.trim().is_empty() => rest,
        _ => t,
    };
    t.split('|').collect()
}

/// Assembles cells into rows.
struct Assembler {
    table: Table,
    header_done: bool,
    cells: Vec<String>,
    row_line: usize,
}

impl Assembler {
    /// A closed cell that started on `start`; `lone` when it was closed by a lone `|` line.
    fn cell(&mut self, cell: String, start: usize, lone: bool) {
        if !self.header_done {
            match column(&cell) {
                Some(c) if !self.table.columns.contains(&c) => {
                    if self.table.columns.is_empty() {
                        self.table.header_line = start;
                    }
                    self.table.columns.push(c);
                    return;
                }
                // Chrome before the table (an authorisation table, etc.): skipped.
                _ if self.table.columns.is_empty() => return,
                _ => self.header_done = true,
            }
        }
        if self.cells.is_empty() {
            self.row_line = start;
        }
        // Glued name and type (`InstanceIdstring`): split the known type suffix off when the type column follows.
        let at = self.cells.len();
        let glued = (self.table.columns.get(at) == Some(&Column::Name)
            && self.table.columns.get(at + 1) == Some(&Column::Type))
        .then(|| split_glued(&cell))
        .flatten();
        match glued {
            Some((name, ty)) => {
                self.cells.push(name.to_string());
                self.cells.push(ty.to_string());
            }
            None => self.cells.push(cell),
        }
        if self.cells.len() == self.table.columns.len() {
            let row_cells = std::mem::take(&mut self.cells);
            let opener = lone && row_cells.last().is_some_and(|c| c.is_empty());
            let row = make_row(&self.table.columns, self.row_line, row_cells, opener);
            self.table.rows.push(row);
        }
    }
}

fn parse_piped(lines: &[Line<'_>], report: &mut Report, what: &str) -> Table {
    let mut a = Assembler {
        table: Table::default(),
        header_done: false,
        cells: Vec::new(),
        row_line: 0,
    };
    // One cell per line, each starting with `| ` (the header's first line says so).
    let leading = lines
        .iter()
        .find(|l| {
            l.text.trim().starts_with('|')
                && column(l.text.trim().trim_start_matches('|')).is_some()
        })
        .is_some_and(|l| l.text.trim().matches('|').count() == 1);
    let mut pending = String::new();
    let mut pending_line = 0usize;
    let mut open = false;
    for line in lines {
        let text = line.text.trim();
        if leading {
            if let Some(rest) = text.strip_prefix('|') {
                if open {
                    a.cell(std::mem::take(&mut pending), pending_line, false);
                }
                pending = rest.trim().to_string();
                pending_line = line.no;
                open = true;
            } else if open && !text.is_empty() {
                pending.push(' ');
                pending.push_str(text);
            }
            continue;
        }
        if text.is_empty() {
            continue;
        }
        if is_separator(text) && !text.trim_matches('|').trim().is_empty() {
            a.header_done = true;
            continue;
        }
        let lone = text == "|";
        let parts = parts(text);
        let last = parts.len() - 1;
        for (i, part) in parts.iter().enumerate() {
            let part = part.trim();
            if i < last {
                let mut cell = std::mem::take(&mut pending);
                if !part.is_empty() {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(part);
                }
                let start = if pending_line != 0 {
                    pending_line
                } else {
                    line.no
                };
                pending_line = 0;
                a.cell(cell, start, lone);
            } else if !part.is_empty() {
                if pending.is_empty() {
                    pending_line = line.no;
                } else {
                    pending.push(' ');
                }
                pending.push_str(part);
            }
        }
    }
    if leading && open {
        a.cell(pending, pending_line, false);
    }
    let Assembler {
        table,
        cells,
        row_line,
        ..
    } = a;
    if table.columns.is_empty() {
        if lines.iter().any(|l| !l.text.trim().is_empty()) {
            report.error(
                lines.first().map_or(0, |l| l.no),
                format!("{what}: no table header (名称 / 類型 / Parameter | Type | …) found"),
            );
        }
        return table;
    }
    if !cells.is_empty() {
        report.warning(
            row_line,
            format!(
                "{what}: the page ends inside a row ({} of {} cells); the row is dropped",
                cells.len(),
                table.columns.len()
            ),
        );
    }
    table
}

/// `InstanceIdstring` → (`InstanceId`, `string`): a wire name with a lower-case type spelling glued to it.
pub fn split_glued(cell: &str) -> Option<(&str, &str)> {
    const SUFFIXES: [&str; 11] = [
        "string", "integer", "boolean", "array", "object", "long", "int64", "int32", "number",
        "double", "float",
    ];
    let cell = cell.trim();
    SUFFIXES.iter().find_map(|suffix| {
        let name = cell.strip_suffix(suffix)?;
        let ok = super::types::looks_like_name(name)
            && name.chars().any(|c| c.is_ascii_uppercase())
            && !super::types::is_known(name);
        ok.then_some((name, &cell[name.len()..]))
    })
}

/// Builds a row; an object row of the seed's layout (no example cell, then a lone `|`) has its description in
/// the example column and an empty last cell: the missing cell is the example, so shift it back.
fn make_row(columns: &[Column], line: usize, mut cells: Vec<String>, opener: bool) -> Row {
    if opener {
        let ty = columns
            .iter()
            .position(|c| *c == Column::Type)
            .map(|i| cells[i].trim().to_ascii_lowercase())
            .unwrap_or_default();
        let container = ty.starts_with("object")
            || ty.starts_with("struct")
            || ty.starts_with("array")
            || ty.starts_with("list")
            || !super::types::is_known(&ty);
        if let Some(example) = columns.iter().position(|c| *c == Column::Example)
            && container
        {
            cells.pop();
            cells.insert(example, String::new());
        }
    }
    Row {
        line,
        cells: columns.iter().copied().zip(cells).collect(),
        opener,
    }
}

/// The no-pipe layout: a header line of column words separated by spaces, then rows `Name Type [Example…]`
/// each followed by description paragraphs. The required column, when the header has one, has no values.
fn parse_plain(lines: &[Line<'_>], report: &mut Report, what: &str) -> Table {
    let mut table = Table::default();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.text.split_whitespace().collect();
        if words.len() >= 2 && words.iter().all(|w| column(w).is_some()) {
            table.columns = words.iter().filter_map(|w| column(w)).collect();
            table.header_line = line.no;
            start = i + 1;
            break;
        }
    }
    if table.columns.is_empty() {
        if let Some(table) = parse_cells(lines, report, what) {
            return table;
        }
        if lines.iter().any(|l| !l.text.trim().is_empty()) {
            report.error(
                lines.first().map_or(0, |l| l.no),
                format!("{what}: no table header (名称 类型 … / Parameter Type …) found"),
            );
        }
        return table;
    }
    let is_error_table = table.columns.contains(&Column::Code);
    let mut current: Option<(Row, Vec<String>)> = None;
    let flush = |current: &mut Option<(Row, Vec<String>)>, table: &mut Table| {
        if let Some((mut row, paragraphs)) = current.take() {
            let description = paragraphs.join(" ");
            if let Some(cell) = row
                .cells
                .iter_mut()
                .find(|(c, _)| *c == Column::Description)
            {
                cell.1 = description;
            } else {
                row.cells.push((Column::Description, description));
            }
            table.rows.push(row);
        }
    };
    for line in &lines[start..] {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(row) = plain_row(text, line.no, is_error_table) {
            flush(&mut current, &mut table);
            current = Some((row, Vec::new()));
        } else if let Some((_, paragraphs)) = current.as_mut() {
            paragraphs.push(text.to_string());
        }
    }
    flush(&mut current, &mut table);
    if !is_error_table && table.columns.contains(&Column::Required) {
        report.warning(
            table.header_line,
            format!(
                "{what}: the table has a required column but no values in it; every parameter is taken as optional"
            ),
        );
    }
    table
}

/// `Name Type [Example…]` (or `404 Code Message…` in an error table).
fn plain_row(text: &str, line: usize, error_table: bool) -> Option<Row> {
    let mut it = text.splitn(3, char::is_whitespace);
    let first = it.next()?;
    let second = it.next()?.trim();
    let rest = it.next().unwrap_or("").trim().to_string();
    if error_table {
        let status: u16 = first.parse().ok()?;
        if !(100..=599).contains(&status) {
            return None;
        }
        return Some(Row {
            line,
            cells: vec![
                (Column::HttpCode, first.to_string()),
                (Column::Code, second.to_string()),
                (Column::Message, rest),
            ],
            opener: false,
        });
    }
    if !super::types::looks_like_name(first) || !super::types::is_known(second) {
        return None;
    }
    Some(Row {
        line,
        cells: vec![
            (Column::Name, first.to_string()),
            (Column::Type, second.to_string()),
            (Column::Example, rest),
        ],
        opener: false,
    })
}

/// A required flag's spelling.
fn is_flag(text: &str) -> bool {
    matches!(
        text.to_ascii_lowercase().as_str(),
        "是" | "否"
            | "yes"
            | "no"
            | "true"
            | "false"
            | "必选"
            | "可选"
            | "必填"
            | "optional"
            | "required"
    )
}

/// One cell per line, no pipes (cells separated by blank lines): the header is a run of column words, one per
/// line; a row starts at a name followed by a type (in an error table: at an HTTP status). A missing cell
/// shifts the stream, so the cells after the name and type are placed by what they look like, and a row that
/// had to be placed that way is reported with its line. `None` when there is no such header.
fn parse_cells(lines: &[Line<'_>], report: &mut Report, what: &str) -> Option<Table> {
    let cells: Vec<(usize, &str)> = lines
        .iter()
        .map(|l| (l.no, l.text.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let header_start = cells.iter().position(|(_, t)| column(t).is_some())?;
    let mut columns = Vec::new();
    let mut i = header_start;
    while let Some(c) = cells.get(i).and_then(|(_, t)| column(t)) {
        if columns.contains(&c) {
            break;
        }
        columns.push(c);
        i += 1;
    }
    if columns.len() < 2 {
        return None;
    }
    let mut table = Table {
        header_line: cells[header_start].0,
        columns: columns.clone(),
        rows: Vec::new(),
    };
    let error_table = columns.contains(&Column::Code);
    let starts_row = |k: usize| -> bool {
        let Some((_, t)) = cells.get(k) else {
            return false;
        };
        if error_table {
            t.split_whitespace()
                .next()
                .and_then(|w| w.parse::<u16>().ok())
                .is_some_and(|s| (100..=599).contains(&s))
        } else {
            super::types::looks_like_name(t)
                && cells
                    .get(k + 1)
                    .is_some_and(|(_, n)| super::types::is_known(n))
        }
    };
    while i < cells.len() {
        if !starts_row(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cells.len() && !starts_row(end) {
            end += 1;
        }
        let line = cells[i].0;
        let group: Vec<&str> = cells[i..end].iter().map(|(_, t)| *t).collect();
        i = end;
        if error_table {
            // `404 NotFound The thing %s does not exist.` or one cell per line.
            let joined = group.join(" ");
            let mut words = joined.splitn(3, char::is_whitespace);
            let status = words.next().unwrap_or("").to_string();
            let code = words.next().unwrap_or("").to_string();
            let rest = words.next().unwrap_or("").to_string();
            let (message, description) = if group.len() >= 4 {
                (group[2].to_string(), group[3..].join(" "))
            } else {
                (rest, String::new())
            };
            table.rows.push(Row {
                line,
                cells: vec![
                    (Column::HttpCode, status),
                    (Column::Code, code),
                    (Column::Message, message),
                    (Column::Description, description),
                ],
                opener: false,
            });
            continue;
        }
        let rest_columns: Vec<Column> = columns
            .iter()
            .copied()
            .filter(|c| !matches!(c, Column::Name | Column::Type))
            .collect();
        let rest = &group[2..];
        let mut row = Row {
            line,
            cells: vec![
                (Column::Name, group[0].to_string()),
                (Column::Type, group[1].to_string()),
            ],
            opener: false,
        };
        if rest.len() == rest_columns.len() {
            row.cells.extend(
                rest_columns
                    .iter()
                    .copied()
                    .zip(rest.iter().map(|t| t.to_string())),
            );
        } else {
            // Placed by look: a flag is the required cell; text with non-ASCII or several words is the
            // description; a short ASCII token is the example.
            let mut required = String::new();
            let mut example = Vec::new();
            let mut description = Vec::new();
            for t in rest {
                if is_flag(t) && required.is_empty() && rest_columns.contains(&Column::Required) {
                    required = t.to_string();
                } else if !t.is_ascii() || t.split_whitespace().count() > 2 {
                    description.push(*t);
                } else {
                    example.push(*t);
                }
            }
            row.cells.push((Column::Required, required));
            row.cells.push((Column::Example, example.join(" ")));
            row.cells.push((Column::Description, description.join(" ")));
            report.warning(
                line,
                format!(
                    "{what}: `{}` has {} of {} cells; they were placed by what they look like (check its example and description)",
                    group[0],
                    group.len(),
                    columns.len()
                ),
            );
        }
        table.rows.push(row);
    }
    Some(table)
}
