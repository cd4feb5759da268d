//! Paginators against a loopback server that answers from the page asked for: page numbers (from 1 and from
//! 0, full and capped pages, a missing total), tokens (including a repeated one), errors, and the page limit.

use serde_json::{Value, json};

use super::{PageValue, Paginated, Paginator, Paging, more_pages};
use crate::Format;
use crate::client::{Client, RetryPolicy};
use crate::credentials::Credentials;
use crate::credentials::fake::{FakeServer, Reply, Seen, http};
use crate::params::{Location, Params};
use crate::request::{Config, OperationInfo};
use crate::transport_error::TransportError;

const LIST: OperationInfo = OperationInfo {
    action: "ListThings",
    version: "2019-12-26",
    method: "POST",
    endpoint_template: "outboundbot.{region}.aliyuncs.com",
};

#[derive(Debug)]
#[allow(dead_code)] // the fields are read through `Debug` in assertion messages
enum TestError {
    Status(u16),
    Body(String),
    Transport(TransportError),
}

impl crate::response::WithServiceError for TestError {
    fn service_error_mut(&mut self) -> Option<&mut crate::response::ServiceError> {
        None
    }
}

impl From<TransportError> for TestError {
    fn from(error: TransportError) -> Self {
        Self::Transport(error)
    }
}

fn parse(status: u16, _: Option<&str>, _: Format, body: &[u8]) -> Result<Value, TestError> {
    if status != 200 {
        return Err(TestError::Status(status));
    }
    serde_json::from_slice(body).map_err(|e| TestError::Body(e.to_string()))
}

/// A page-number request counting pages from `FIRST`.
#[derive(Debug, Clone, Default)]
struct ByNumber<const FIRST: i64> {
    page_number: Option<i32>,
    page_size: Option<i32>,
}

impl<const FIRST: i64> Paginated for ByNumber<FIRST> {
    type Response = Value;
    type Item = Value;
    type Error = TestError;
    const OPERATION: &'static OperationInfo = &LIST;
    const PARSE: super::ParseFn<Value, TestError> = parse;
    const PAGING: Paging = Paging::PageNumber { first: FIRST };

    fn params(&self) -> Params {
        let mut params = Params::new();
        params.push_opt(Location::Query, "PageNumber", &self.page_number);
        params.push_opt(Location::Query, "PageSize", &self.page_size);
        params
    }

    fn page(&self) -> (Option<i64>, Option<i64>) {
        (self.page_number.page_value(), self.page_size.page_value())
    }

    fn set_page(&mut self, number: i64) -> bool {
        self.page_number.set_page_value(number)
    }

    fn total(response: &Value) -> Option<i64> {
        response.get("Data")?.get("TotalCount")?.as_i64()
    }

    fn items(response: &mut Value) -> Option<&mut Vec<Value>> {
        response.get_mut("Data")?.get_mut("List")?.as_array_mut()
    }
}

#[derive(Debug, Clone, Default)]
struct ByToken {
    next_token: Option<String>,
}

impl Paginated for ByToken {
    type Response = Value;
    type Item = Value;
    type Error = TestError;
    const OPERATION: &'static OperationInfo = &LIST;
    const PARSE: super::ParseFn<Value, TestError> = parse;
    const PAGING: Paging = Paging::Token;

    fn params(&self) -> Params {
        let mut params = Params::new();
        params.push_opt(Location::Query, "NextToken", &self.next_token);
        params
    }

    fn next_token(response: &Value) -> Option<&str> {
        response.get("NextToken")?.as_str()
    }

    fn set_token(&mut self, token: String) -> bool {
        self.next_token = Some(token);
        true
    }

    fn items(response: &mut Value) -> Option<&mut Vec<Value>> {
        response.get_mut("Things")?.as_array_mut()
    }
}

fn param(seen: &Seen, name: &str) -> Option<String> {
    seen.query()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn client(server: &FakeServer) -> Client {
    Client::new(
        Config::new("cn-shanghai").with_endpoint(server.url()),
        Credentials::new("id", "secret"),
    )
    .with_http_client(http())
    .with_retry_policy(RetryPolicy::none())
}

/// A service with `total` items `0..total`, pages counted from `first`, at most `cap` items a page whatever
/// is asked, `TotalCount` reported when `report_total`.
fn numbered(total: i64, first: i64, cap: i64, report_total: bool) -> impl Fn(&Seen) -> Reply {
    move |seen| {
        let number: i64 = param(seen, "PageNumber").map_or(first, |n| n.parse().unwrap());
        let size: i64 = param(seen, "PageSize").map_or(10, |n| n.parse().unwrap());
        let size = size.min(cap);
        let start = (number - first) * size;
        let list: Vec<i64> = (start..(start + size).min(total)).collect();
        let mut data = json!({ "List": list });
        if report_total {
            data["TotalCount"] = json!(total);
        }
        Reply::ok(json!({ "RequestId": "R", "Data": data }).to_string())
    }
}

async fn all_items<R: Paginated<Item = Value>>(pages: Paginator<R>) -> Vec<i64>
where
    R::Error: std::fmt::Debug,
{
    let mut items = pages.items();
    let mut out = Vec::new();
    while let Some(item) = items.next_item().await {
        out.push(item.unwrap().as_i64().unwrap());
    }
    out
}

fn page_numbers(server: &FakeServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|s| param(s, "PageNumber").unwrap_or_default())
        .collect()
}

#[test]
fn the_stop_rule() {
    assert!(!more_pages(0, 0, Some(100)), "an empty page is the last");
    assert!(!more_pages(0, 5, None));
    assert!(more_pages(10, 10, Some(25)));
    assert!(!more_pages(5, 25, Some(25)), "received everything");
    assert!(!more_pages(10, 30, Some(25)), "more than the total");
    assert!(more_pages(10, 10, None), "no total: until an empty page");
}

#[tokio::test]
async fn pages_from_one_until_the_total() {
    let server = FakeServer::start(numbered(25, 1, 100, true)).await;
    let request = ByNumber::<1> {
        page_number: None,
        page_size: Some(10),
    };
    let items = all_items(client(&server).paginate(request)).await;
    assert_eq!(items, (0..25).collect::<Vec<_>>());
    assert_eq!(
        page_numbers(&server),
        ["1", "2", "3"],
        "no request after the last page"
    );
}

#[tokio::test]
async fn pages_from_zero() {
    let server = FakeServer::start(numbered(20, 0, 100, true)).await;
    let request = ByNumber::<0> {
        page_number: None,
        page_size: Some(10),
    };
    let items = all_items(client(&server).paginate(request)).await;
    assert_eq!(items, (0..20).collect::<Vec<_>>());
    assert_eq!(page_numbers(&server), ["0", "1"]);
}

#[tokio::test]
async fn a_service_that_sends_fewer_items_than_asked_is_followed_to_the_total() {
    let server = FakeServer::start(numbered(25, 1, 4, true)).await;
    let request = ByNumber::<1> {
        page_number: Some(1),
        page_size: Some(10),
    };
    let items = all_items(client(&server).paginate(request)).await;
    assert_eq!(items, (0..25).collect::<Vec<_>>());
    assert_eq!(server.count(), 7, "pages of 4");
}

#[tokio::test]
async fn starting_later_counts_the_pages_before() {
    let server = FakeServer::start(numbered(25, 1, 100, true)).await;
    let request = ByNumber::<1> {
        page_number: Some(2),
        page_size: Some(10),
    };
    let items = all_items(client(&server).paginate(request)).await;
    assert_eq!(items, (10..25).collect::<Vec<_>>());
    assert_eq!(page_numbers(&server), ["2", "3"]);
}

#[tokio::test]
async fn without_a_total_an_empty_page_ends_it() {
    let server = FakeServer::start(numbered(25, 1, 100, false)).await;
    let request = ByNumber::<1> {
        page_number: None,
        page_size: Some(10),
    };
    let items = all_items(client(&server).paginate(request)).await;
    assert_eq!(items.len(), 25);
    assert_eq!(page_numbers(&server), ["1", "2", "3", "4"]);
}

#[tokio::test]
async fn a_service_that_never_ends_is_cut_at_the_page_limit() {
    // Always a full page and a total that is never reached.
    let server =
        FakeServer::start(|_| Reply::ok(r#"{"Data":{"TotalCount":1000000000,"List":[1,2,3]}}"#))
            .await;
    let mut pages = client(&server)
        .paginate(ByNumber::<1>::default())
        .max_pages(5);
    let mut count = 0;
    while let Some(page) = pages.next_page().await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(count, 5);
    assert_eq!(server.count(), 5);
    assert!(pages.is_done());
    assert!(pages.next_page().await.is_none(), "stays ended");
}

#[tokio::test]
async fn an_error_is_yielded_and_ends_the_stream() {
    let server = FakeServer::start(|seen| match param(seen, "PageNumber").as_deref() {
        Some("2") => Reply::new(500, r#"{"Code":"InternalError"}"#),
        _ => Reply::ok(r#"{"Data":{"TotalCount":100,"List":[1,2]}}"#),
    })
    .await;
    let mut items = client(&server)
        .paginate(ByNumber::<1> {
            page_number: None,
            page_size: Some(2),
        })
        .items();
    let mut seen = Vec::new();
    while let Some(item) = items.next_item().await {
        seen.push(item.map(|v| v.as_i64().unwrap()));
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(matches!(seen[2], Err(TestError::Status(500))), "{seen:?}");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn tokens_until_there_is_none() {
    let server = FakeServer::start(|seen| {
        let body = match param(seen, "NextToken").as_deref() {
            None => json!({"Things": [1, 2], "NextToken": "t2"}),
            Some("t2") => json!({"Things": [3], "NextToken": "t3"}),
            // An empty page with a token is not the end.
            Some("t3") => json!({"Things": [], "NextToken": "t4"}),
            Some(_) => json!({"Things": [4], "NextToken": ""}),
        };
        Reply::ok(body.to_string())
    })
    .await;
    let items = all_items(client(&server).paginate(ByToken::default())).await;
    assert_eq!(items, [1, 2, 3, 4]);
    let tokens: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|s| param(s, "NextToken"))
        .collect();
    assert_eq!(
        tokens,
        [
            None,
            Some("t2".into()),
            Some("t3".into()),
            Some("t4".into())
        ]
    );
}

#[tokio::test]
async fn a_repeated_token_ends_it() {
    let server = FakeServer::start(|_| Reply::ok(r#"{"Things":[1],"NextToken":"same"}"#)).await;
    let items = all_items(client(&server).paginate(ByToken::default())).await;
    assert_eq!(
        items,
        [1, 1],
        "the first page, then the page of `same`, then stop"
    );
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn pages_are_a_stream() {
    use futures_core::Stream;
    use std::pin::Pin;

    let server = FakeServer::start(numbered(3, 1, 100, true)).await;
    let mut pages = client(&server).paginate(ByNumber::<1> {
        page_number: None,
        page_size: Some(2),
    });
    fn next(
        pages: &mut Paginator<ByNumber<1>>,
    ) -> impl Future<Output = Option<Result<Value, TestError>>> + '_ {
        std::future::poll_fn(move |cx| Pin::new(&mut *pages).poll_next(cx))
    }
    let first = next(&mut pages).await.unwrap().unwrap();
    assert_eq!(first["Data"]["List"], json!([0, 1]));
    let second = next(&mut pages).await.unwrap().unwrap();
    assert_eq!(second["Data"]["List"], json!([2]));
    assert!(next(&mut pages).await.is_none());
    assert_eq!(pages.size_hint(), (0, Some(0)));
    assert_eq!(pages.pages_fetched(), 2);
}

#[test]
fn page_values_convert_and_refuse_what_does_not_fit() {
    let mut small: i32 = 1;
    assert!(!small.set_page_value(i64::from(i32::MAX) + 1));
    assert_eq!(small, 1);
    assert!(small.set_page_value(7));
    assert_eq!(small.page_value(), Some(7));
    let mut optional: Option<i32> = None;
    assert_eq!(optional.page_value(), None);
    assert!(optional.set_page_value(3));
    assert_eq!(optional, Some(3));
    let mut long: Option<i64> = None;
    assert!(long.set_page_value(i64::MAX));
    assert_eq!(long.page_value(), Some(i64::MAX));
}
