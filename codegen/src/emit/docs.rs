//! Doc comments from spec text. Spec text is Markdown-ish prose from a doc page: brackets would become broken
//! intra-doc links, bare URLs warn, `<…>` reads as HTML, so each line is escaped. Each line becomes its own
//! `#[doc = " line"]` so prettyplease prints `///` lines.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir;

/// Outer doc attributes, one per line.
pub fn outer(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| doc_line(l));
    quote! { #(#[doc = #lines])* }
}

/// Inner doc attributes (`//!`), one per line.
pub fn inner(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| doc_line(l));
    quote! { #(#![doc = #lines])* }
}

/// One `//!` line, for files written as text.
pub fn inner_line(line: &str) -> String {
    format!("//!{}", doc_line(line))
}

/// One `///` line's text: a leading space, and tabs (which pages paste into examples) as four spaces.
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {}", line.replace('\t', "    "))
    }
}

/// Spec prose made safe for rustdoc: `[`/`]` escaped, `<`/`>` as entities, URLs in autolink brackets.
pub fn prose(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| escape_line(line.trim_end()))
        .collect()
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let (plain, tail) = match url_at {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        for c in plain.chars() {
            match c {
                '[' => out.push_str("\\["),
                ']' => out.push_str("\\]"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '`' => out.push_str("\\`"),
                '\\' => out.push_str("\\\\"),
                '*' => out.push_str("\\*"),
                '_' => out.push_str("\\_"),
                c => out.push(c),
            }
        }
        if tail.is_empty() {
            break;
        }
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(tail.len());
        out.push('<');
        out.push_str(&tail[..end]);
        out.push('>');
        rest = &tail[end..];
    }
    out
}

/// Inline code for a literal value, with a fence longer than any backtick run inside it.
pub fn code(value: &str) -> String {
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') || value.is_empty() {
        " "
    } else {
        ""
    };
    // Newlines inside an inline code span would end the doc line; show them escaped.
    let value = value.replace('\n', "\\n");
    format!("{fence}{pad}{value}{pad}{fence}")
}

/// The common part of a field's or parameter's docs: description, then example, historic note and notes.
fn body(docs: &ir::Docs, facts: Vec<String>) -> Vec<String> {
    let mut lines = Vec::new();
    if !docs.description.trim().is_empty() {
        lines.extend(prose(&docs.description));
        lines.push(String::new());
    }
    if let Some(h) = &docs.historic {
        lines.push(format!("**Historic:** {}", escape_line(h)));
        lines.push(String::new());
    }
    for fact in facts {
        lines.push(format!("- {fact}"));
    }
    if let Some(example) = &docs.example {
        lines.push(format!("- Example: {}", code(example)));
    }
    for note in &docs.notes {
        lines.push(format!("- Note: {}", escape_line(note)));
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Docs for a request parameter.
pub fn param(op: &ir::Operation, p: &ir::Param) -> Vec<String> {
    let location = match p.location {
        ir::Location::Query => "query string",
        ir::Location::Form => "form body",
    };
    let mut facts = vec![format!(
        "Wire name: {} (sent in the {location})",
        code(&p.wire_name)
    )];
    facts.push(match (p.required, p.doc_required) {
        (true, _) => "Required.".to_string(),
        (false, true) => {
            "Optional for the service; the doc page marks it required (Alibaba's metadata: `required: false`, `docRequired: true`).".to_string()
        }
        (false, false) => "Optional.".to_string(),
    });
    let wire = &p.wire_name;
    let limit = |max_items: &Option<u32>| {
        max_items
            .map(|m| format!(" At most {m} items."))
            .unwrap_or_default()
    };
    let value = match &p.shape {
        ir::ParamShape::Single(v) => Some(v),
        ir::ParamShape::RepeatList { item, max_items } => {
            let limit = limit(max_items);
            facts.push(format!("Repeat list: sent as `{wire}.1`, `{wire}.2`, … (an empty list sends nothing).{limit}"));
            Some(item)
        }
        ir::ParamShape::Flat(i) => {
            facts.push(format!(
                "Sent flattened as `{wire}.<Field>`: see [`{}`].",
                op.param_structs[*i].rust_name
            ));
            None
        }
        ir::ParamShape::Json(ir::JsonValue::Object(i)) => {
            facts.push(format!(
                "Sent as one JSON text, serialised from [`{}`].",
                op.param_structs[*i].rust_name
            ));
            None
        }
        ir::ParamShape::Json(ir::JsonValue::List { item, max_items }) => {
            let limit = limit(max_items);
            facts.push(format!(
                "Sent as one JSON array text (an empty optional list sends nothing).{limit}"
            ));
            Some(item)
        }
    };
    match value {
        Some(ir::ParamValue::Scalar(_, ir::StringStyle::Json)) => {
            facts.push(
                "The value is a JSON document, sent exactly as given (no re-encoding).".to_string(),
            );
        }
        Some(ir::ParamValue::Enum(i)) => {
            facts.push(format!("Values: see [`{}`].", op.enums[*i].rust_name))
        }
        Some(ir::ParamValue::Object(i)) => facts.push(format!(
            "Elements: see [`{}`].",
            op.param_structs[*i].rust_name
        )),
        Some(ir::ParamValue::Scalar(..)) | None => {}
    }
    match (p.bounds.minimum, p.bounds.maximum) {
        (Some(min), Some(max)) => facts.push(format!("Range: {min} to {max}.")),
        (Some(min), None) => facts.push(format!("Minimum: {min}.")),
        (None, Some(max)) => facts.push(format!("Maximum: {max}.")),
        (None, None) => {}
    }
    if let Some(default) = &p.docs.default {
        facts.push(format!("Default: {}.", code(default)));
    }
    body(&p.docs, facts)
}

/// Docs for a response field.
pub fn field(op: &ir::Operation, f: &ir::Field) -> Vec<String> {
    let mut facts = vec![format!("Wire name: {}", code(&f.wire_name))];
    let mut ty = &f.ty;
    if let ir::FieldType::Array(inner) = ty {
        facts.push("Array: empty when the service sends none.".to_string());
        ty = inner;
    }
    while let ir::FieldType::Array(inner) = ty {
        ty = inner;
    }
    if *ty == ir::FieldType::Any {
        facts.push("Untyped: any JSON value, kept as sent.".to_string());
    }
    match ty {
        ir::FieldType::Enum(i) => {
            facts.push(format!("Values: see [`{}`].", op.enums[*i].rust_name))
        }
        ir::FieldType::Object(i) => facts.push(format!("See [`{}`].", op.structs[*i].rust_name)),
        _ => {}
    }
    body(&f.docs, facts)
}

/// Docs for an object type (response struct or repeat-list element).
pub fn object(docs: &ir::Docs, wire_path: &str) -> Vec<String> {
    let mut lines = prose(&docs.description);
    if let Some(h) = &docs.historic {
        lines.push(String::new());
        lines.push(format!("**Historic:** {}", escape_line(h)));
    }
    for note in &docs.notes {
        lines.push(String::new());
        lines.push(format!("**Note:** {}", escape_line(note)));
    }
    if !wire_path.is_empty() {
        lines.push(String::new());
        lines.push(format!("Wire path: {}", code(wire_path)));
    }
    lines
}

/// The module docs of an operation.
pub fn module_docs(op: &ir::Operation) -> Vec<String> {
    let mut lines = vec![
        format!("{}: {}", op.wire_name, escape_line(&op.summary)),
        String::new(),
    ];
    lines.push(format!(
        "Send a [`{}`] (`{}` `/`, `Action={}`); the answer decodes into [`{}`].",
        op.request.rust_name, op.method, op.wire_name, op.structs[0].rust_name
    ));
    if let Some(d) = &op.deprecated {
        lines.push(String::new());
        lines.push(format!("**Deprecated:** {}", escape_line(d)));
    }
    if !op.errors.is_empty() {
        lines.push(String::new());
        lines.push("Documented errors:".to_string());
        lines.push(String::new());
        lines.push("| HTTP | Code | Message | Description |".to_string());
        lines.push("| --- | --- | --- | --- |".to_string());
        for e in &op.errors {
            lines.push(format!(
                "| {} | {} | {} | {} |",
                e.http_status,
                code(&e.code),
                escape_line(&e.message).replace('|', "\\|"),
                escape_line(&e.description).replace('|', "\\|")
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_links_html_and_urls() {
        assert_eq!(escape_line("a [b] <c>"), "a \\[b\\] &lt;c&gt;");
        assert_eq!(
            escape_line("see https://x.y/z now"),
            "see <https://x.y/z> now"
        );
        assert_eq!(escape_line("[1,2]"), "\\[1,2\\]");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`"), "`` ` ``");
        assert_eq!(code(""), "`  `");
    }
}
