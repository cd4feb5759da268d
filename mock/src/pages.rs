//! Serving a list operation as pages ([`super::MockConfig::with_pages`]): the operation's JSON example, with
//! its list replaced by the items of the page the request asks for and its total (or next token) set to
//! match, so paginators can be tested end to end.
//!
//! Items are copies of the example's first list element. So that a client can tell them apart, the `n`th
//! item (counting from 1 over all pages) gets `#n` appended to one string: its first member whose name ends
//! in `Id` / `ID`, else its first string member, or the item itself when it is a string. Page numbers count
//! from the operation's first page ([`aliyun_rpc_runtime::operation::PagingStyle::PageNumber::first`]); the page size is
//! the request's, else [`DEFAULT_PAGE_SIZE`]. Tokens are the mock's own (`mock-token-<offset>`); the last
//! page has none.

use serde_json::{Map, Value};

use super::envelope::Reject;
use super::wire::Incoming;
use aliyun_rpc_runtime::operation::{PagingSpec, PagingStyle};

/// The page size when the request sets none.
pub const DEFAULT_PAGE_SIZE: u64 = 10;

/// Tokens this mock hands out: the prefix, then the offset of the page's first item.
const TOKEN_PREFIX: &str = "mock-token-";

/// The example body as the page `request` asks for, out of `total` items.
pub(crate) fn page(
    example: &str,
    paging: &PagingSpec,
    total: u64,
    request: &Incoming<'_>,
) -> Result<Value, Reject> {
    let mut body: Value = serde_json::from_str(example).map_err(|e| {
        Reject::invalid_parameter(
            "Action",
            format!("the operation's JSON example is not JSON: {e}"),
        )
    })?;
    let template = at(&mut body, paging.items)
        .and_then(|list| list.as_array().and_then(|items| items.first().cloned()))
        .unwrap_or_else(|| Value::Object(Map::new()));
    let (start, end) = match paging.style {
        PagingStyle::PageNumber {
            number,
            size,
            first,
            total: total_path,
        } => {
            let page = number_param(request, number)?.unwrap_or(first);
            let per_page = positive(number_param(request, size)?).unwrap_or(DEFAULT_PAGE_SIZE);
            let index = u64::try_from(page.saturating_sub(first)).unwrap_or(0);
            let start = index.saturating_mul(per_page).min(total);
            let end = start.saturating_add(per_page).min(total);
            set(&mut body, total_path, Value::from(total));
            // The page number and size next to the total, when the example has them, echo the request.
            if let Some((_, parent)) = total_path.split_last()
                && let Some(Value::Object(members)) = at(&mut body, parent)
            {
                for (name, value) in [(number, page), (size, size_value(per_page))] {
                    if let Some(member) = members.get_mut(name) {
                        *member = Value::from(value);
                    }
                }
            }
            (start, end)
        }
        PagingStyle::Token {
            token,
            max_results,
            next_token,
        } => {
            let start = match request.param(token) {
                None | Some("") => 0,
                Some(text) => text
                    .strip_prefix(TOKEN_PREFIX)
                    .and_then(|offset| offset.parse::<u64>().ok())
                    .ok_or_else(|| {
                        Reject::invalid_parameter(
                            token,
                            format!("{token}={text:?} is not a token this mock handed out"),
                        )
                    })?
                    .min(total),
            };
            let size = match max_results {
                Some(name) => positive(number_param(request, name)?),
                None => None,
            }
            .unwrap_or(DEFAULT_PAGE_SIZE);
            let end = start.saturating_add(size).min(total);
            if end < total {
                set(
                    &mut body,
                    next_token,
                    Value::from(format!("{TOKEN_PREFIX}{end}")),
                );
            } else {
                remove(&mut body, next_token);
            }
            (start, end)
        }
    };
    let items = (start..end).map(|i| marked(&template, i + 1)).collect();
    set(&mut body, paging.items, Value::Array(items));
    Ok(body)
}

fn size_value(size: u64) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}

fn positive(value: Option<i64>) -> Option<u64> {
    value.and_then(|v| u64::try_from(v).ok()).filter(|v| *v > 0)
}

/// An integer parameter (already type-checked against the operation's description).
fn number_param(request: &Incoming<'_>, name: &str) -> Result<Option<i64>, Reject> {
    match request.param(name) {
        None => Ok(None),
        Some(text) => text.trim().parse().map(Some).map_err(|_| {
            Reject::invalid_parameter(name, format!("{name}={text:?} is not an integer"))
        }),
    }
}

/// The value at `path` (object members from the root).
fn at<'v>(body: &'v mut Value, path: &[&str]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(body, |value, name| value.as_object_mut()?.get_mut(*name))
}

/// Sets the value at `path`, creating the objects on the way.
fn set(body: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = body;
    for name in parents {
        let Value::Object(members) = node else {
            return;
        };
        node = members
            .entry(*name)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(members) = node {
        members.insert((*last).to_owned(), value);
    }
}

fn remove(body: &mut Value, path: &[&str]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    if let Some(Value::Object(members)) = at(body, parents) {
        members.shift_remove(*last);
    }
}

/// The template with `#n` appended to its identifying string (see the module documentation).
fn marked(template: &Value, n: u64) -> Value {
    let mut item = template.clone();
    match &mut item {
        Value::String(text) => text.push_str(&format!("#{n}")),
        Value::Object(members) => {
            let is_id = |name: &str| name.ends_with("Id") || name.ends_with("ID");
            let key = members
                .iter()
                .find(|(name, value)| is_id(name) && value.is_string())
                .or_else(|| members.iter().find(|(_, value)| value.is_string()))
                .map(|(name, _)| name.clone());
            if let Some(Value::String(text)) = key.and_then(|key| members.get_mut(&key)) {
                text.push_str(&format!("#{n}"));
            }
        }
        _ => {}
    }
    item
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, Method};
    use serde_json::json;

    use super::{DEFAULT_PAGE_SIZE, page};
    use crate::wire::Incoming;
    use aliyun_rpc_runtime::operation::{PagingSpec, PagingStyle};

    const EXAMPLE: &str = r#"{"RequestId":"R","JobGroups":{"PageNumber":1,"PageSize":10,"TotalCount":100,"List":[{"Status":"Draft","JobGroupId":"jg","Count":1}]}}"#;

    const BY_NUMBER: PagingSpec = PagingSpec {
        style: PagingStyle::PageNumber {
            number: "PageNumber",
            size: "PageSize",
            first: 1,
            total: &["JobGroups", "TotalCount"],
        },
        items: &["JobGroups", "List"],
    };

    const BY_TOKEN: PagingSpec = PagingSpec {
        style: PagingStyle::Token {
            token: "NextToken",
            max_results: Some("MaxResults"),
            next_token: &["NextToken"],
        },
        items: &["Things"],
    };

    fn answer(example: &str, paging: &PagingSpec, total: u64, query: &str) -> serde_json::Value {
        let method = Method::POST;
        let headers = HeaderMap::new();
        let request = Incoming::new(&method, "/", Some(query), &headers, &[]);
        page(example, paging, total, &request).unwrap()
    }

    #[test]
    fn page_numbers_select_items_and_set_the_total() {
        let body = answer(EXAMPLE, &BY_NUMBER, 25, "PageNumber=3&PageSize=10");
        let groups = &body["JobGroups"];
        assert_eq!(groups["TotalCount"], json!(25));
        assert_eq!(groups["PageNumber"], json!(3));
        assert_eq!(groups["PageSize"], json!(10));
        let ids: Vec<&str> = groups["List"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["JobGroupId"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["jg#21", "jg#22", "jg#23", "jg#24", "jg#25"]);
        assert_eq!(
            groups["List"][0]["Status"],
            json!("Draft"),
            "only the id is marked"
        );
        assert_eq!(body["RequestId"], json!("R"));

        let beyond = answer(EXAMPLE, &BY_NUMBER, 25, "PageNumber=4&PageSize=10");
        assert_eq!(beyond["JobGroups"]["List"], json!([]));
        let default_size = answer(EXAMPLE, &BY_NUMBER, 25, "");
        assert_eq!(
            default_size["JobGroups"]["List"].as_array().unwrap().len() as u64,
            DEFAULT_PAGE_SIZE
        );
    }

    #[test]
    fn tokens_are_offsets_and_the_last_page_has_none() {
        let example = r#"{"NextToken":"abc","Things":["t"]}"#;
        let first = answer(example, &BY_TOKEN, 5, "MaxResults=2");
        assert_eq!(first["Things"], json!(["t#1", "t#2"]));
        assert_eq!(first["NextToken"], json!("mock-token-2"));
        let last = answer(example, &BY_TOKEN, 5, "MaxResults=2&NextToken=mock-token-4");
        assert_eq!(last["Things"], json!(["t#5"]));
        assert!(last.get("NextToken").is_none(), "{last}");

        let method = Method::POST;
        let headers = HeaderMap::new();
        let request = Incoming::new(&method, "/", Some("NextToken=forged"), &headers, &[]);
        let reject = page(example, &BY_TOKEN, 5, &request).unwrap_err();
        assert_eq!(reject.code, "InvalidParameter");
    }
}
