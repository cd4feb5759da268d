//! Paginators: the paging rule on the whole product and on small specs (what matches, what does not, where
//! pages start), and the generated paginators against the mock over loopback (pages and items, both
//! formats, a later starting page, tokens, errors). Every test that builds a client injects its environment,
//! so nothing reaches the metadata service.

use std::path::Path;

use aliyun_rpc_mock::{MockConfig, MockServer};
use aliyun_rpc_runtime::credentials::Environment;
use codegen::ir::{self, PagingStyle};
use codegen::load::{load_dir, load_sources};
use outboundbot::list_job_groups::{ListJobGroupsError, ListJobGroupsRequest};
use outboundbot::list_tag_resources::ListTagResourcesRequest;
use outboundbot::{Client, Format};

const ID: &str = "pages-id";
const SECRET: &str = "pages-secret";
const INSTANCE: &str = "174952ab-9825-4cc9-a5e2-de82d7fa4cdd";

fn spec() -> ir::Service {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec")).expect("api-spec loads")
}

/// `Operation: style first total-path items-path` for every operation the rule matched.
fn summary(service: &ir::Service) -> Vec<String> {
    let path = |p: &[ir::FieldRef]| {
        p.iter()
            .map(|f| f.wire_name.as_str())
            .collect::<Vec<_>>()
            .join(".")
    };
    service
        .operations
        .iter()
        .filter_map(|op| {
            let paging = op.paging.as_ref()?;
            let wire = |i: usize| op.request.params[i].wire_name.clone();
            let style = match &paging.style {
                PagingStyle::PageNumber {
                    number,
                    size,
                    first,
                    total,
                } => format!(
                    "{}/{} from {first}, total {}",
                    wire(*number),
                    wire(*size),
                    path(total)
                ),
                PagingStyle::Token {
                    token,
                    max_results,
                    next_token,
                } => format!(
                    "{}{}, next {}",
                    wire(*token),
                    max_results
                        .map(|m| format!("/{}", wire(m)))
                        .unwrap_or_default(),
                    path(next_token)
                ),
            };
            Some(format!(
                "{}: {style}, items {}",
                op.wire_name,
                path(&paging.items)
            ))
        })
        .collect()
}

#[test]
fn the_rule_on_the_whole_product() {
    let matched = summary(&spec());
    let expected = [
        "ListAnnotationMission: PageIndex/PageSize from 0, total Data.TotalCount, items Data.AnnotationMissionList",
        "ListAnnotationMissionSession: PageIndex/PageSize from 0, total Data.TotalCount, items Data.AnnotationMissionSessionList",
        "ListChatbotInstances: PageNumber/PageSize from 1, total TotalCount, items Bots",
        "ListDownloadTasks: PageNumber/PageSize from 1, total DownloadTasks.TotalCount, items DownloadTasks.List",
        "ListGlobalQuestions: PageNumber/PageSize from 1, total GlobalQuestions.TotalCount, items GlobalQuestions.List",
        "ListInstances: PageNumber/PageSize from 1, total TotalCount, items Instances",
        "ListIntents: PageNumber/PageSize from 1, total Intents.TotalCount, items Intents.List",
        "ListJobGroups: PageNumber/PageSize from 1, total JobGroups.TotalCount, items JobGroups.List",
        "ListJobsByGroup: PageNumber/PageSize from 1, total Jobs.TotalCount, items Jobs.List",
        "ListOutboundCallNumbers: PageNumber/PageSize from 1, total OutboundCallNumbers.TotalCount, items OutboundCallNumbers.List",
        "ListResourceTags: PageNumber/PageSize from 1, total ResourceTags.TotalCount, items ResourceTags.List",
        "ListScriptPublishHistories: PageNumber/PageSize from 1, total ScriptPublishHistories.TotalCount, items ScriptPublishHistories.List",
        "ListScriptRecording: PageNumber/PageSize from 1, total TotalCount, items ScriptRecordings",
        "ListScriptVoiceConfigs: PageNumber/PageSize from 1, total ScriptVoiceConfigs.TotalCount, items ScriptVoiceConfigs.List",
        "ListScripts: PageNumber/PageSize from 1, total Scripts.TotalCount, items Scripts.List",
        "ListTagResources: NextToken, next NextToken, items TagResources",
        "QueryJobs: PageNumber/PageSize from 1, total Jobs.TotalCount, items Jobs.List",
        "QueryScriptsByStatus: PageNumber/PageSize from 1, total Scripts.TotalCount, items Scripts.List",
        "SearchTask: PageIndex/PageSize from 0, total Total, items SearchTaskInfoList",
    ];
    assert_eq!(matched, expected);
}

fn service_yaml() -> &'static str {
    "product: demo\ntitle: Demo\nversion: \"2020-01-01\"\nstyle: rpc\ncrate: demo\nendpoint: \"demo.{region}.aliyuncs.com\"\ndefault_region: cn-hangzhou\n"
}

/// The paging summary of one operation file (empty when it does not page).
fn rule(op: &str) -> Vec<String> {
    let service = load_sources(
        Path::new("api-spec"),
        &[("service.yaml", service_yaml()), ("Op.yaml", op)],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    summary(&service)
}

const PAGE_REQUEST: &str = "name: ListThings\nsummary: Lists.\nrequest:\n  - {name: PageNumber, type: Integer}\n  - {name: PageSize, type: Integer}\n";

#[test]
fn page_numbers_need_a_total_next_to_exactly_one_list() {
    let nested = format!(
        "{PAGE_REQUEST}response:\n  - {{name: RequestId, type: String}}\n  - name: Things\n    type: Object\n    fields:\n      - {{name: TotalCount, type: Long}}\n      - {{name: List, type: Array, items: {{type: String}}}}\n"
    );
    assert_eq!(
        rule(&nested),
        ["ListThings: PageNumber/PageSize from 1, total Things.TotalCount, items Things.List"]
    );
    let no_total = format!(
        "{PAGE_REQUEST}response:\n  - {{name: PageNumber, type: Integer}}\n  - {{name: List, type: Array, items: {{type: String}}}}\n"
    );
    assert!(rule(&no_total).is_empty(), "a list without a total");
    let two_lists = format!(
        "{PAGE_REQUEST}response:\n  - {{name: Total, type: Integer}}\n  - {{name: A, type: Array, items: {{type: String}}}}\n  - {{name: B, type: Array, items: {{type: String}}}}\n"
    );
    assert!(
        rule(&two_lists).is_empty(),
        "which list is the page is ambiguous"
    );
    let text_total = format!(
        "{PAGE_REQUEST}response:\n  - {{name: TotalCount, type: String}}\n  - {{name: List, type: Array, items: {{type: String}}}}\n"
    );
    assert!(rule(&text_total).is_empty(), "a total must be a number");
    let untyped = format!("{PAGE_REQUEST}untyped_response: true\n");
    assert!(rule(&untyped).is_empty(), "no schema, no paginator");
    // A total inside a list element is not the page's total.
    let in_array = format!(
        "{PAGE_REQUEST}response:\n  - name: Groups\n    type: Array\n    items:\n      type: Object\n      fields:\n        - {{name: TotalCount, type: Integer}}\n        - {{name: List, type: Array, items: {{type: String}}}}\n"
    );
    assert!(rule(&in_array).is_empty());
}

#[test]
fn where_pages_start() {
    let response = "response:\n  - {name: Total, type: Integer}\n  - {name: List, type: Array, items: {type: String}}\n";
    let index = format!(
        "name: ListThings\nsummary: Lists.\nrequest:\n  - {{name: PageIndex, type: Integer}}\n  - {{name: PageSize, type: Integer}}\n{response}"
    );
    assert!(
        rule(&index)[0].contains("PageIndex/PageSize from 0"),
        "PageIndex counts from 0"
    );
    let minimum = format!(
        "name: ListThings\nsummary: Lists.\nrequest:\n  - {{name: PageIndex, type: Integer, minimum: 1}}\n  - {{name: PageSize, type: Integer}}\n{response}"
    );
    assert!(
        rule(&minimum)[0].contains("from 1"),
        "the spec's minimum wins"
    );
    let default = format!(
        "name: ListThings\nsummary: Lists.\nrequest:\n  - {{name: PageNumber, type: Integer, default: \"0\"}}\n  - {{name: PageSize, type: Integer}}\n{response}"
    );
    assert!(rule(&default)[0].contains("from 0"), "then its default");
}

#[test]
fn tokens_need_a_next_token_next_to_one_list() {
    let op = "name: ListThings\nsummary: Lists.\nrequest:\n  - {name: NextToken, type: String}\n  - {name: MaxResults, type: Integer}\nresponse:\n  - {name: NextToken, type: String}\n  - {name: Things, type: Array, items: {type: String}}\n";
    assert_eq!(
        rule(op),
        ["ListThings: NextToken/MaxResults, next NextToken, items Things"]
    );
    let no_next = "name: ListThings\nsummary: Lists.\nrequest:\n  - {name: NextToken, type: String}\nresponse:\n  - {name: Things, type: Array, items: {type: String}}\n";
    assert!(rule(no_next).is_empty());
}

#[test]
fn a_paginator_method_that_is_another_operation_is_an_error() {
    let paging = format!(
        "{PAGE_REQUEST}response:\n  - {{name: Total, type: Integer}}\n  - {{name: List, type: Array, items: {{type: String}}}}\n"
    );
    let other = "name: ListThingsPaginator\nsummary: Clashes.\n";
    let err = load_sources(
        Path::new("api-spec"),
        &[
            ("service.yaml", service_yaml()),
            ("ListThings.yaml", &paging),
            ("ListThingsPaginator.yaml", other),
        ],
    )
    .expect_err("the clash is reported");
    let text = err.to_string();
    assert!(
        text.contains("api-spec/ListThings.yaml:1:7: error: the paginator method `list_things_paginator` of this paging operation is also the method of `ListThingsPaginator`"),
        "{text}"
    );
}

async fn mock(config: MockConfig) -> MockServer {
    MockServer::bind_loopback(outboundbot::OPERATIONS, config.with_credential(ID, SECRET))
        .await
        .expect("mock binds on loopback")
}

/// A client of `server` set up from an injected environment, as `from_env` would read it.
async fn client(server: &MockServer, format: Format) -> Client {
    Client::builder()
        .env(Environment::from_pairs([
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ("ALIBABA_CLOUD_ENDPOINT", server.url().as_str()),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", ID),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
        ]))
        .format(format)
        .load()
        .await
        .expect("the client is set up from the injected environment")
}

fn job_group_ids(items: &[outboundbot::list_job_groups::List]) -> Vec<String> {
    items
        .iter()
        .map(|item| item.job_group_id.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn job_groups_page_by_page_in_json_and_xml() {
    for format in [Format::Json, Format::Xml] {
        let server = mock(MockConfig::new().with_pages("ListJobGroups", 23)).await;
        let client = client(&server, format).await;
        let mut pages =
            client.list_job_groups_paginator(ListJobGroupsRequest::new(INSTANCE, 1, 10));
        let mut sizes = Vec::new();
        let mut ids = Vec::new();
        while let Some(page) = pages.next_page().await {
            let page = page.unwrap_or_else(|e| panic!("{format:?}: {e}"));
            let groups = page.job_groups.expect("the page has its object");
            assert_eq!(groups.total_count, Some(23), "{format:?}");
            sizes.push(groups.list.len());
            ids.extend(job_group_ids(&groups.list));
        }
        assert_eq!(sizes, [10, 10, 3], "{format:?}");
        let expected: Vec<String> = (1..=23)
            .map(|n| format!("c62e6789-28a8-41db-941e-171a01d3b3b9#{n}"))
            .collect();
        assert_eq!(ids, expected, "{format:?}: every item once, in order");
        assert_eq!(server.request_count(), 3, "no request after the last page");
        server.shutdown().await;
    }
}

#[tokio::test]
async fn items_from_a_later_page() {
    let server = mock(MockConfig::new().with_pages("ListJobGroups", 23)).await;
    let client = client(&server, Format::Json).await;
    let mut items = client
        .list_job_groups_paginator(ListJobGroupsRequest::new(INSTANCE, 2, 10))
        .items();
    let mut ids = Vec::new();
    while let Some(item) = items.next_item().await {
        ids.push(item.unwrap().job_group_id.unwrap_or_default());
    }
    assert_eq!(ids.len(), 13);
    assert!(ids[0].ends_with("#11"), "{ids:?}");
    assert_eq!(items.pages_fetched(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn tag_resources_by_token() {
    let server = mock(MockConfig::new().with_pages("ListTagResources", 25)).await;
    let client = client(&server, Format::Json).await;
    // The generic entry point takes any paging request.
    let mut items = client
        .paginate(ListTagResourcesRequest::new("cn-shanghai", "instance"))
        .items();
    let mut count = 0;
    while let Some(item) = items.next_item().await {
        item.unwrap();
        count += 1;
    }
    assert_eq!(count, 25);
    assert_eq!(
        server.request_count(),
        3,
        "pages of the mock's default size, 10"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn an_error_ends_the_stream_after_it_is_yielded() {
    // A wrong secret: the first page fails, and nothing more is asked.
    let server = MockServer::bind_loopback(
        outboundbot::OPERATIONS,
        MockConfig::new()
            .with_credential(ID, "another-secret")
            .with_pages("ListJobGroups", 23),
    )
    .await
    .unwrap();
    let client = client(&server, Format::Json).await;
    let mut pages = client.list_job_groups_paginator(ListJobGroupsRequest::new(INSTANCE, 1, 10));
    let first = pages.next_page().await.expect("one outcome");
    let err = first.expect_err("a wrong secret is an error");
    assert!(matches!(err, ListJobGroupsError::Service(_)), "{err:?}");
    assert_eq!(err.code(), Some("SignatureDoesNotMatch"));
    assert!(pages.next_page().await.is_none());
    assert_eq!(server.request_count(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn without_pages_the_example_is_followed_to_its_total_and_stops() {
    // The plain mock answers every page with the example: one job group, TotalCount 100, so the paginator
    // asks for pages 1..=100 of size 1 and stops at the total.
    let server = mock(MockConfig::new()).await;
    let client = client(&server, Format::Json).await;
    let mut items = client
        .list_job_groups_paginator(ListJobGroupsRequest::new(INSTANCE, 1, 1))
        .items();
    let mut count = 0;
    while let Some(item) = items.next_item().await {
        item.unwrap();
        count += 1;
    }
    assert_eq!(count, 100);
    assert_eq!(server.request_count(), 100);
    server.shutdown().await;
}
