//! Shared by the mock's tests: hand-made operation descriptions, credentials, and request builders.

// Each test crate uses a different subset.
#![allow(dead_code)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aliyun_rpc_mock::MockConfig;
use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::operation::{ErrorSpec, OperationSpec, ParamKind, ParamSpec, ScalarKind};
use aliyun_rpc_runtime::params::{Location, Params};
use aliyun_rpc_runtime::request::{
    Config, OperationInfo, SignatureVersion, SigningInputs, build_request,
};

pub const ID: &str = "test-id";
pub const SECRET: &str = "test-secret";
pub const INSTANCE: &str = "inst-1";

pub const EXAMPLE_JSON: &str = r#"{"RequestId":"254EB995-DEDF-48A4-9101-9CA5B72FFBCC","HttpStatusCode":200,"Success":true,"JobGroup":{"JobGroupId":"jg-1","Name":"n","CallingNumbers":["[\"4008013260\"]"]}}"#;
pub const EXAMPLE_XML: &str = "<ModifyJobGroupResponse><RequestId>254EB995-DEDF-48A4-9101-9CA5B72FFBCC</RequestId><HttpStatusCode>200</HttpStatusCode><Success>true</Success><JobGroup><JobGroupId>jg-1</JobGroupId><Name>n</Name><CallingNumbers>[\"4008013260\"]</CallingNumbers></JobGroup></ModifyJobGroupResponse>";
pub const NOT_EXIST_MESSAGE: &str = "The specified Instance does not exist.";

const fn param(
    wire_name: &'static str,
    flag: &'static str,
    kind: ParamKind,
    required: bool,
    location: Location,
) -> ParamSpec {
    ParamSpec {
        wire_name,
        flag,
        kind,
        required,
        location,
        minimum: None,
        maximum: None,
        max_items: None,
        help: "",
    }
}

/// ModifyJobGroup as the generator will describe it, reduced to what the mock reads.
pub static MODIFY_JOB_GROUP: OperationSpec = OperationSpec {
    info: OperationInfo {
        action: "ModifyJobGroup",
        version: "2019-12-26",
        method: "POST",
        endpoint_template: "outboundbot.{region}.aliyuncs.com",
    },
    command: "modify-job-group",
    summary: "Modifies a job group.",
    params: &[
        param(
            "InstanceId",
            "instance-id",
            ParamKind::Single(ScalarKind::String),
            true,
            Location::Query,
        ),
        param(
            "JobGroupId",
            "job-group-id",
            ParamKind::Single(ScalarKind::String),
            true,
            Location::Query,
        ),
        param(
            "Name",
            "name",
            ParamKind::Single(ScalarKind::String),
            true,
            Location::Query,
        ),
        param(
            "RingingDuration",
            "ringing-duration",
            ParamKind::Single(ScalarKind::Long),
            false,
            Location::Query,
        ),
        param(
            "CallingNumber",
            "calling-number",
            ParamKind::List(ScalarKind::String),
            false,
            Location::Query,
        )
        .max_items(99),
        param(
            "Priority",
            "priority",
            ParamKind::Enum(&["Urgent", "Daily"]),
            false,
            Location::Query,
        ),
    ],
    xml_root: "ModifyJobGroupResponse",
    example_json: Some(EXAMPLE_JSON),
    example_xml: Some(EXAMPLE_XML),
    errors: &[
        ErrorSpec {
            http_status: 404,
            code: "NotExist.Instance",
            message: NOT_EXIST_MESSAGE,
        },
        ErrorSpec {
            http_status: 500,
            code: "InternalError",
            message: "An internal error occurred.",
        },
    ],
    paging: None,
};

/// A form-body operation with an object list, no examples and no documented errors: the fallbacks.
pub static TAG_RESOURCES: OperationSpec = OperationSpec {
    info: OperationInfo {
        action: "TagResources",
        version: "2019-12-26",
        method: "POST",
        endpoint_template: "outboundbot.{region}.aliyuncs.com",
    },
    command: "tag-resources",
    summary: "Tags resources.",
    params: &[
        param(
            "InstanceId",
            "instance-id",
            ParamKind::Single(ScalarKind::String),
            true,
            Location::Form,
        ),
        param(
            "Count",
            "count",
            ParamKind::Single(ScalarKind::Integer),
            false,
            Location::Form,
        ),
        param(
            "Tag",
            "tag",
            ParamKind::ObjectList(&[("Key", ScalarKind::String), ("Value", ScalarKind::Boolean)]),
            true,
            Location::Form,
        ),
    ],
    xml_root: "TagResourcesResponse",
    example_json: None,
    example_xml: None,
    errors: &[],
    paging: None,
};

pub static OPERATIONS: &[&OperationSpec] = &[&MODIFY_JOB_GROUP, &TAG_RESOURCES];

/// 2023-10-26T10:22:32Z, the clock of tests that sign with fixed inputs.
pub const FIXED_TIMESTAMP: &str = "2023-10-26T10:22:32Z";

pub fn fixed_clock() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_698_315_752)
}

/// Accepts `ID`/`SECRET` and knows `INSTANCE`, with the system clock.
pub fn config() -> MockConfig {
    MockConfig::new()
        .with_credential(ID, SECRET)
        .with_instance(INSTANCE)
}

/// Valid ModifyJobGroup parameters (list items sorted so that `.10` would come before `.2`).
pub fn valid_params() -> Params {
    let mut params = Params::new();
    params.push(Location::Query, "InstanceId", INSTANCE);
    params.push(Location::Query, "JobGroupId", "jg-1");
    params.push(Location::Query, "Name", "晚间 任务 *~+/");
    params.push(Location::Query, "RingingDuration", &25i64);
    params.push_list(
        Location::Query,
        "CallingNumber",
        &["4008013260".to_owned(), "0571 1234".to_owned()],
    );
    params.push(Location::Query, "Priority", "Daily");
    params
}

/// Valid TagResources parameters, all in the form body.
pub fn valid_form_params() -> Params {
    let mut params = Params::new();
    params.push(Location::Form, "InstanceId", INSTANCE);
    params.push(Location::Form, "Count", &2i32);
    params.push(Location::Form, "Tag.1.Key", "env");
    params.push(Location::Form, "Tag.1.Value", "true");
    params.push(Location::Form, "Tag.2.Key", "a b&c=d");
    params
}

/// The endpoint of requests that never leave the process.
pub const NOWHERE: &str = "http://127.0.0.1:9";

/// A signed request for `op` against `endpoint`, with the given scheme, format, secret and inputs.
pub fn build(
    endpoint: &str,
    op: &OperationSpec,
    params: &Params,
    version: SignatureVersion,
    format: Format,
    secret: &str,
    inputs: &SigningInputs,
) -> http::Request<Vec<u8>> {
    let config = Config::new("cn-shanghai")
        .with_endpoint(endpoint)
        .with_format(format)
        .with_signature_version(version);
    build_request(
        &op.info,
        params,
        &config,
        &Credentials::new(ID, secret),
        inputs,
    )
    .expect("test requests build")
    .into_inner()
}

/// [`build`] with fresh inputs and the right secret.
pub fn fresh(
    endpoint: &str,
    op: &OperationSpec,
    params: &Params,
    version: SignatureVersion,
    format: Format,
) -> http::Request<Vec<u8>> {
    let inputs = SigningInputs::fresh().expect("randomness");
    build(endpoint, op, params, version, format, SECRET, &inputs)
}

/// Both schemes with both formats.
pub const COMBINATIONS: [(SignatureVersion, Format); 4] = [
    (SignatureVersion::V1, Format::Json),
    (SignatureVersion::V1, Format::Xml),
    (SignatureVersion::V3, Format::Json),
    (SignatureVersion::V3, Format::Xml),
];

/// Replaces the first `key=...` pair of the request's query with `key=value` (after signing).
pub fn tamper_query(request: &mut http::Request<Vec<u8>>, key: &str, value: &str) {
    let uri = request.uri().to_string();
    let (base, query) = uri.split_once('?').expect("a query");
    let replaced: Vec<String> = query
        .split('&')
        .map(|pair| {
            if pair.split_once('=').is_some_and(|(k, _)| k == key) {
                format!("{key}={value}")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    *request.uri_mut() = format!("{base}?{}", replaced.join("&"))
        .parse()
        .expect("uri");
}
