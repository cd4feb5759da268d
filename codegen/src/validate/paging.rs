//! The paging rule: which operations get a paginator, decided from the spec alone (never from a list of
//! operation names). Documented for users in `docs/paginators.md`; the rule is:
//!
//! **Page numbers.** The request has a page-number parameter named `PageNumber` or `PageIndex` and a
//! `PageSize` parameter, both single `Integer` or `Long` values (required or not). The response has exactly
//! one object (the response itself, or an object reached from it through object fields, not through arrays)
//! holding a total named `TotalCount` or `Total` (`Integer` or `Long`) next to exactly one array field: the
//! page's items. The first page is the page parameter's `minimum` when the spec gives one, else its `default`,
//! else 1 for `PageNumber` and 0 for `PageIndex` (the OutboundBot pages that say where `PageIndex` starts say
//! 0: `CreateTaskExportTask` "页码（从0开始）", `ListAnnotationMission` `default: 0`).
//!
//! **Tokens.** The request has a single `String` parameter `NextToken` (and optionally a single `Integer` /
//! `Long` `MaxResults`); the response has exactly one object holding a `String` field `NextToken` next to
//! exactly one array field.
//!
//! An operation that matches neither (an untyped response, a list without a total, two lists next to the
//! total, …) gets no paginator; nothing is an error, since the rule only adds API. When both match, tokens
//! win (a token is the service's own cursor).

use crate::ir;

/// Names of the page-number parameter, with the first page when the spec does not say.
const PAGE_NUMBER_PARAMS: &[(&str, i64)] = &[("PageNumber", 1), ("PageIndex", 0)];
const PAGE_SIZE_PARAM: &str = "PageSize";
const TOTAL_FIELDS: &[&str] = &["TotalCount", "Total"];
const TOKEN: &str = "NextToken";
const MAX_RESULTS_PARAM: &str = "MaxResults";

/// How the operation with `request` and response `structs` (index 0 the response) pages, if it does.
pub(super) fn paging(request: &ir::Request, structs: &[ir::Struct]) -> Option<ir::Paging> {
    token(request, structs).or_else(|| page_number(request, structs))
}

fn token(request: &ir::Request, structs: &[ir::Struct]) -> Option<ir::Paging> {
    let token = param(request, TOKEN, &[ir::Scalar::String])?;
    let max_results = param(request, MAX_RESULTS_PARAM, INTEGERS);
    let (path, item) = single_match(structs, |f| {
        f.wire_name == TOKEN && f.ty == ir::FieldType::Scalar(ir::Scalar::String)
    })?;
    Some(ir::Paging {
        style: ir::PagingStyle::Token {
            token,
            max_results,
            next_token: path.marker,
        },
        items: path.items,
        item,
    })
}

fn page_number(request: &ir::Request, structs: &[ir::Struct]) -> Option<ir::Paging> {
    let (number, default_first) = PAGE_NUMBER_PARAMS
        .iter()
        .find_map(|(name, first)| Some((param(request, name, INTEGERS)?, *first)))?;
    let size = param(request, PAGE_SIZE_PARAM, INTEGERS)?;
    let (path, item) = single_match(structs, |f| {
        TOTAL_FIELDS.contains(&f.wire_name.as_str())
            && matches!(
                f.ty,
                ir::FieldType::Scalar(ir::Scalar::Integer | ir::Scalar::Long)
            )
    })?;
    let spec = &request.params[number];
    let first = spec
        .bounds
        .minimum
        .filter(|m| m.fract() == 0.0 && *m >= 0.0)
        .map(|m| m as i64)
        .or_else(|| {
            let default: i64 = spec.docs.default.as_deref()?.trim().parse().ok()?;
            (default >= 0).then_some(default)
        })
        .unwrap_or(default_first);
    Some(ir::Paging {
        style: ir::PagingStyle::PageNumber {
            number,
            size,
            first,
            total: path.marker,
        },
        items: path.items,
        item,
    })
}

const INTEGERS: &[ir::Scalar] = &[ir::Scalar::Integer, ir::Scalar::Long];

/// The index of the single-valued parameter `name` of one of `types`.
fn param(request: &ir::Request, name: &str, types: &[ir::Scalar]) -> Option<usize> {
    request.params.iter().position(|p| {
        p.wire_name == name
            && matches!(&p.shape, ir::ParamShape::Single(ir::ParamValue::Scalar(s, _)) if types.contains(s))
    })
}

/// Paths to a marker field (total or next token) and the list beside it.
struct Found {
    marker: Vec<ir::FieldRef>,
    items: Vec<ir::FieldRef>,
}

/// The one object, from the response down through object fields, holding a field that `is_marker` accepts
/// next to exactly one array; `None` when there is none or more than one.
fn single_match(
    structs: &[ir::Struct],
    is_marker: impl Fn(&ir::Field) -> bool,
) -> Option<(Found, ir::FieldType)> {
    let mut found = Vec::new();
    let mut stack: Vec<(usize, Vec<ir::FieldRef>)> = vec![(0, Vec::new())];
    let mut visited = vec![false; structs.len()];
    while let Some((index, path)) = stack.pop() {
        if std::mem::replace(&mut visited[index], true) {
            continue;
        }
        let s = &structs[index];
        let step = |f: &ir::Field| {
            let mut p = path.clone();
            p.push(ir::FieldRef {
                wire_name: f.wire_name.clone(),
                rust_name: f.rust_name.clone(),
            });
            p
        };
        let arrays: Vec<&ir::Field> = s
            .fields
            .iter()
            .filter(|f| matches!(f.ty, ir::FieldType::Array(_)))
            .collect();
        if let Some(marker) = s.fields.iter().find(|f| is_marker(f))
            && let [list] = arrays.as_slice()
            && let ir::FieldType::Array(item) = &list.ty
        {
            found.push((
                Found {
                    marker: step(marker),
                    items: step(list),
                },
                item.as_ref().clone(),
            ));
        }
        for f in &s.fields {
            if let ir::FieldType::Object(child) = f.ty {
                stack.push((child, step(f)));
            }
        }
    }
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}
