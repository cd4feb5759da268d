//! The mock's checks without sockets: requests from `build_request` (and hand-built ones shaped like the
//! official SDKs') handed to `MockService::handle`.

mod mock_support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aliyun_rpc_mock::{MockConfig, MockOutcome, MockService};
use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::operation::OperationSpec;
use aliyun_rpc_runtime::params::{Location, Params};
use aliyun_rpc_runtime::request::{Config, SignatureVersion, SigningInputs, build_request};
use aliyun_rpc_runtime::response::{ServiceError, parse_error};
use aliyun_rpc_runtime::sign::{percent, v1, v3};
use http::{HeaderValue, Method, Request};
use mock_support::*;

/// An answer, read back.
struct Answer {
    status: u16,
    content_type: String,
    headers: http::HeaderMap,
    body: String,
}

impl Answer {
    /// The error envelope, parsed by the runtime's own reader.
    fn error(&self, format: Format) -> ServiceError {
        parse_error(
            self.status,
            format,
            Some(&self.content_type),
            self.body.as_bytes(),
        )
        .unwrap_or_else(|e| panic!("not an envelope: {e}: {}", self.body))
    }

    fn code(&self) -> String {
        self.error(Format::Json).code
    }

    fn reason(&self) -> String {
        self.headers
            .get("x-mock-reason")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
}

fn send(service: &MockService, request: &Request<Vec<u8>>) -> Answer {
    match service.handle(request) {
        MockOutcome::Respond(response) => Answer {
            status: response.status().as_u16(),
            content_type: response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default(),
            headers: response.headers().clone(),
            body: String::from_utf8(response.body().clone()).unwrap(),
        },
        MockOutcome::Close => panic!("unexpected close"),
    }
}

fn service(config: MockConfig) -> MockService {
    MockService::new(OPERATIONS, config)
}

fn valid(version: SignatureVersion, format: Format) -> Request<Vec<u8>> {
    fresh(NOWHERE, &MODIFY_JOB_GROUP, &valid_params(), version, format)
}

fn at(secs_after_fixed: i64) -> SystemTime {
    let base = fixed_clock();
    if secs_after_fixed >= 0 {
        base + Duration::from_secs(secs_after_fixed.unsigned_abs())
    } else {
        base - Duration::from_secs(secs_after_fixed.unsigned_abs())
    }
}

fn fixed(nonce: &str) -> SigningInputs {
    SigningInputs::new(nonce, FIXED_TIMESTAMP)
}

#[test]
fn success_answers_the_documented_example_for_each_scheme_and_format() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let answer = send(&service, &valid(version, format));
        assert_eq!(
            answer.status, 200,
            "{version:?} {format:?}: {}",
            answer.body
        );
        let (body, content_type) = match format {
            Format::Json => (EXAMPLE_JSON, "application/json"),
            Format::Xml => (EXAMPLE_XML, "application/xml"),
        };
        assert_eq!(answer.body, body);
        assert_eq!(answer.content_type, content_type);
        assert!(answer.headers.contains_key("x-acs-request-id"));
    }
    assert_eq!(service.request_count(), 4);
}

#[test]
fn form_body_operation_without_examples_answers_a_request_id() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let request = fresh(
            NOWHERE,
            &TAG_RESOURCES,
            &valid_form_params(),
            version,
            format,
        );
        assert!(!request.body().is_empty());
        let answer = send(&service, &request);
        assert_eq!(
            answer.status, 200,
            "{version:?} {format:?}: {}",
            answer.body
        );
        let id = answer.headers["x-acs-request-id"].to_str().unwrap();
        match format {
            Format::Json => assert_eq!(answer.body, format!("{{\"RequestId\":\"{id}\"}}")),
            Format::Xml => assert!(answer.body.ends_with(&format!(
                "<TagResourcesResponse><RequestId>{id}</RequestId></TagResourcesResponse>"
            ))),
        }
    }
}

#[test]
fn get_requests_are_verified_with_get() {
    let service = service(config());
    let mut get_op: OperationSpec = MODIFY_JOB_GROUP;
    get_op.info.method = "GET";
    for (version, format) in COMBINATIONS {
        let request = fresh(NOWHERE, &get_op, &valid_params(), version, format);
        assert_eq!(send(&service, &request).status, 200, "{version:?}");

        // Signed for POST, sent as GET: the method is part of both signatures.
        let mut request = valid(version, format);
        *request.method_mut() = Method::GET;
        assert_eq!(send(&service, &request).code(), "SignatureDoesNotMatch");
    }
}

#[test]
fn wrong_secret_does_not_match_and_the_reason_shows_what_was_signed() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let inputs = SigningInputs::fresh().unwrap();
        let request = build(
            NOWHERE,
            &MODIFY_JOB_GROUP,
            &valid_params(),
            version,
            format,
            "wrong",
            &inputs,
        );
        let answer = send(&service, &request);
        assert_eq!(answer.status, 400);
        let error = answer.error(format);
        assert_eq!(error.code, "SignatureDoesNotMatch");
        // As the gateway does: the message ends with the string the server signed. With only the secret
        // wrong, it is the string the client signed too.
        let ours = &request
            .extensions()
            .get::<aliyun_rpc_runtime::request::StringToSign>()
            .expect("build_request records what it signed")
            .0;
        assert_eq!(
            error.message,
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{ours}"
            )
        );
        assert_eq!(error.server_string_to_sign(), Some(ours.as_str()));
        let prefix = match version {
            SignatureVersion::V1 => "POST&%2F&AccessKeyId%3Dtest-id%26Action%3DModifyJobGroup",
            SignatureVersion::V3 => "ACS3-HMAC-SHA256\n",
        };
        assert!(ours.starts_with(prefix), "{ours}");
        let expected_reason = match version {
            SignatureVersion::V1 => "server string to sign is: POST&%2F&AccessKeyId%3Dtest-id",
            SignatureVersion::V3 => {
                "server canonical request is: POST\\n/\\nCallingNumber.1=4008013260"
            }
        };
        assert!(
            answer.reason().starts_with(expected_reason),
            "{}",
            answer.reason()
        );
    }
}

#[test]
fn unknown_access_key_is_not_found() {
    let service = service(MockConfig::new().with_credential("someone-else", SECRET));
    for (version, format) in COMBINATIONS {
        let answer = send(&service, &valid(version, format));
        assert_eq!(answer.status, 404);
        let error = answer.error(format);
        assert_eq!(error.code, "InvalidAccessKeyId.NotFound");
        assert_eq!(error.message, "Specified access key is not found.");
    }
}

#[test]
fn a_parameter_changed_after_signing_does_not_match() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let mut request = valid(version, format);
        tamper_query(&mut request, "JobGroupId", "jg-2");
        assert_eq!(
            send(&service, &request).code(),
            "SignatureDoesNotMatch",
            "{version:?}"
        );

        let mut request = valid(version, format);
        tamper_query(&mut request, "CallingNumber.2", "0571%201235");
        assert_eq!(
            send(&service, &request).code(),
            "SignatureDoesNotMatch",
            "{version:?}"
        );
    }
}

#[test]
fn a_form_body_changed_after_signing_does_not_match() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let mut request = fresh(
            NOWHERE,
            &TAG_RESOURCES,
            &valid_form_params(),
            version,
            format,
        );
        let body = String::from_utf8(request.body().clone()).unwrap();
        *request.body_mut() = body.replace("Count=2", "Count=3").into_bytes();
        let answer = send(&service, &request);
        assert_eq!(answer.code(), "SignatureDoesNotMatch", "{version:?}");
        if version == SignatureVersion::V3 {
            assert!(answer.reason().starts_with("x-acs-content-sha256 is "));
        }
    }
}

#[test]
fn v3_headers_must_all_be_signed_and_sent() {
    let service = service(config());
    let mut request = valid(SignatureVersion::V3, Format::Json);
    request
        .headers_mut()
        .insert("x-acs-extra", HeaderValue::from_static("1"));
    let answer = send(&service, &request);
    assert_eq!(answer.code(), "IncompleteSignature");
    assert_eq!(
        answer.error(Format::Json).message,
        "The request signature does not conform to Aliyun standards."
    );
    assert!(answer.reason().contains("x-acs-extra"));

    let mut request = valid(SignatureVersion::V3, Format::Json);
    request.headers_mut().remove("host");
    let answer = send(&service, &request);
    assert_eq!(answer.code(), "IncompleteSignature");
    assert!(answer.reason().contains("signed header host is not sent"));

    let mut request = valid(SignatureVersion::V3, Format::Json);
    request.headers_mut().remove("x-acs-date");
    let answer = send(&service, &request);
    assert_eq!(answer.code(), "MissingParameter");
    assert!(
        answer
            .error(Format::Json)
            .message
            .contains("\"x-acs-date\"")
    );

    for bad in [
        "ACS3-HMAC-SM3 Credential=test-id,SignedHeaders=host,Signature=00",
        "ACS3-HMAC-SHA256 Credential=test-id,Signature=00",
        "ACS3-HMAC-SHA256 Credential=test-id;SignedHeaders=host",
        "acs test-id:c2lnbmF0dXJl",
    ] {
        let mut request = valid(SignatureVersion::V3, Format::Json);
        request
            .headers_mut()
            .insert("authorization", HeaderValue::from_static(bad));
        assert_eq!(
            send(&service, &request).code(),
            "IncompleteSignature",
            "{bad}"
        );
    }
}

#[test]
fn v1_other_signature_methods_are_refused() {
    let service = service(config());
    let mut request = valid(SignatureVersion::V1, Format::Json);
    tamper_query(&mut request, "SignatureMethod", "HMAC-SHA256");
    assert_eq!(send(&service, &request).code(), "IncompleteSignature");
    let mut request = valid(SignatureVersion::V1, Format::Json);
    tamper_query(&mut request, "SignatureVersion", "2.0");
    assert_eq!(send(&service, &request).code(), "IncompleteSignature");
}

#[test]
fn an_unsigned_request_misses_its_signature() {
    let service = service(config());
    let request = Request::post("http://127.0.0.1:9/?Action=ModifyJobGroup&Format=XML")
        .body(Vec::new())
        .unwrap();
    let answer = send(&service, &request);
    let error = answer.error(Format::Xml);
    assert_eq!(
        (answer.status, error.code.as_str()),
        (400, "MissingParameter")
    );
    assert_eq!(
        error.message,
        "The input parameter \"Signature\" that is mandatory for processing this request is not supplied."
    );
    assert_eq!(answer.content_type, "application/xml");
}

#[test]
fn timestamps_are_checked_against_the_window() {
    type Clock = fn() -> SystemTime;
    let cases: [(Clock, Option<&str>); 5] = [
        (fixed_clock, None),
        (|| at(14 * 60), None),
        (|| at(-14 * 60), None),
        (|| at(16 * 60), Some("InvalidTimeStamp.Expired")),
        (|| at(-16 * 60), Some("InvalidTimeStamp.Expired")),
    ];
    for (clock, expected) in cases {
        let service = service(config().with_clock(clock));
        for (n, (version, format)) in COMBINATIONS.into_iter().enumerate() {
            let inputs = fixed(&format!("nonce-{n}"));
            let request = build(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &valid_params(),
                version,
                format,
                SECRET,
                &inputs,
            );
            let answer = send(&service, &request);
            match expected {
                None => assert_eq!(answer.status, 200, "{}", answer.body),
                Some(code) => {
                    let error = answer.error(format);
                    assert_eq!((answer.status, error.code.as_str()), (400, code));
                    assert_eq!(
                        error.message,
                        "Specified time stamp or date value is expired."
                    );
                }
            }
        }
    }
}

#[test]
fn a_narrower_window_is_honoured() {
    let service = service(
        config()
            .with_clock(|| at(61))
            .with_timestamp_window(Duration::from_secs(60)),
    );
    let request = build(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V3,
        Format::Json,
        SECRET,
        &fixed("n"),
    );
    assert_eq!(send(&service, &request).code(), "InvalidTimeStamp.Expired");
}

#[test]
fn malformed_timestamps_are_a_format_error() {
    let service = service(config().with_clock(fixed_clock));
    for (n, stamp) in [
        "2023-10-26 10:22:32",
        "2023-10-26T10:22:32.000Z",
        "2023-10-26T10:22:32+08:00",
        "2023-02-29T10:22:32Z",
        "2023-10-26T24:00:00Z",
        "1698315752",
        "",
    ]
    .into_iter()
    .enumerate()
    {
        for version in [SignatureVersion::V1, SignatureVersion::V3] {
            let inputs = SigningInputs::new(format!("n{n}"), stamp);
            let request = build(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &valid_params(),
                version,
                Format::Json,
                SECRET,
                &inputs,
            );
            let answer = send(&service, &request);
            let error = answer.error(Format::Json);
            assert_eq!(
                (answer.status, error.code.as_str()),
                (400, "InvalidTimeStamp.Format"),
                "{stamp:?} {version:?}"
            );
            assert_eq!(
                error.message,
                "Specified time stamp or date value is not well formatted."
            );
        }
    }
}

#[test]
fn a_replayed_nonce_is_refused_in_either_scheme() {
    let service = service(config().with_clock(fixed_clock));
    let first = build(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V1,
        Format::Json,
        SECRET,
        &fixed("once"),
    );
    assert_eq!(send(&service, &first).status, 200);
    let answer = send(&service, &first);
    let error = answer.error(Format::Json);
    assert_eq!(
        (answer.status, error.code.as_str()),
        (400, "SignatureNonceUsed")
    );
    assert_eq!(error.message, "Specified signature nonce was used already.");

    // The same nonce in a V3 request is still a replay.
    let again = build(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V3,
        Format::Json,
        SECRET,
        &fixed("once"),
    );
    assert_eq!(send(&service, &again).code(), "SignatureNonceUsed");
}

#[test]
fn a_forged_request_does_not_burn_the_nonce() {
    let service = service(config().with_clock(fixed_clock));
    let forged = build(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V3,
        Format::Json,
        "guess",
        &fixed("n1"),
    );
    assert_eq!(send(&service, &forged).code(), "SignatureDoesNotMatch");
    let genuine = build(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V3,
        Format::Json,
        SECRET,
        &fixed("n1"),
    );
    assert_eq!(send(&service, &genuine).status, 200);
}

#[test]
fn a_replay_is_refused_until_its_request_expires() {
    // The clock is read once per request; a static lets the test move it.
    use std::sync::atomic::{AtomicU64, Ordering};
    static NOW: AtomicU64 = AtomicU64::new(1_698_315_752);
    fn clock() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(NOW.load(Ordering::SeqCst))
    }
    let service = service(config().with_clock(clock));
    let request = build(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V1,
        Format::Json,
        SECRET,
        &fixed("n"),
    );
    assert_eq!(send(&service, &request).status, 200);
    NOW.fetch_add(15 * 60, Ordering::SeqCst);
    assert_eq!(send(&service, &request).code(), "SignatureNonceUsed");
    NOW.fetch_add(1, Ordering::SeqCst);
    // One second later the request itself is expired (and its nonce may be forgotten).
    assert_eq!(send(&service, &request).code(), "InvalidTimeStamp.Expired");
}

#[test]
fn missing_required_parameters_are_named() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let mut params = valid_params();
        params.query.retain(|(k, _)| k != "Name");
        let answer = send(
            &service,
            &fresh(NOWHERE, &MODIFY_JOB_GROUP, &params, version, format),
        );
        let error = answer.error(format);
        assert_eq!(
            (answer.status, error.code.as_str()),
            (400, "MissingParameter")
        );
        assert_eq!(
            error.message,
            "The input parameter \"Name\" that is mandatory for processing this request is not supplied."
        );
    }

    let mut params = valid_form_params();
    params.form.retain(|(k, _)| !k.starts_with("Tag."));
    let answer = send(
        &service,
        &fresh(
            NOWHERE,
            &TAG_RESOURCES,
            &params,
            SignatureVersion::V3,
            Format::Json,
        ),
    );
    assert_eq!(answer.code(), "MissingParameter");
    assert!(answer.error(Format::Json).message.contains("\"Tag.1\""));
}

fn with_param(key: &str, value: &str) -> Params {
    let mut params = valid_params();
    params
        .query
        .retain(|(k, _)| !k.starts_with(key.split('.').next().unwrap()));
    params.push(Location::Query, key, value);
    params
}

#[test]
fn values_of_the_wrong_type_are_invalid() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let answer = send(
            &service,
            &fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &with_param("RingingDuration", "abc"),
                version,
                format,
            ),
        );
        let error = answer.error(format);
        assert_eq!(
            (answer.status, error.code.as_str()),
            (400, "InvalidParameter")
        );
        assert_eq!(
            error.message,
            "The specified parameter \"RingingDuration\" is not valid."
        );
        assert!(answer.reason().contains("not a valid Long"));
    }
    // Any text is a valid enum value: the service adds values.
    let answer = send(
        &service,
        &fresh(
            NOWHERE,
            &MODIFY_JOB_GROUP,
            &with_param("Priority", "Someday"),
            SignatureVersion::V3,
            Format::Json,
        ),
    );
    assert_eq!(answer.status, 200);

    let mut params = valid_form_params();
    params.push(Location::Form, "Tag.2.Value", "yes");
    let answer = send(
        &service,
        &fresh(
            NOWHERE,
            &TAG_RESOURCES,
            &params,
            SignatureVersion::V1,
            Format::Json,
        ),
    );
    assert_eq!(answer.code(), "InvalidParameter");
    assert!(
        answer
            .error(Format::Json)
            .message
            .contains("\"Tag.2.Value\"")
    );
}

#[test]
fn list_keys_must_count_from_one_without_gaps() {
    let service = service(config());
    for (key, valid) in [
        ("CallingNumber.1", true),
        ("CallingNumber.0", false),
        ("CallingNumber.2", false),
        ("CallingNumber.01", false),
        ("CallingNumber.-1", false),
        ("CallingNumber.x", false),
        ("CallingNumber", false),
        ("CallingNumber.1.Field", false),
    ] {
        let request = fresh(
            NOWHERE,
            &MODIFY_JOB_GROUP,
            &with_param(key, "4008013260"),
            SignatureVersion::V1,
            Format::Json,
        );
        let answer = send(&service, &request);
        if valid {
            assert_eq!(answer.status, 200, "{key}");
        } else {
            assert_eq!(answer.code(), "InvalidParameter", "{key}");
        }
    }
    // Ten items: `.10` sorts before `.2` in the signature, and all ten are a list without gaps.
    let mut params = valid_params();
    params
        .query
        .retain(|(k, _)| !k.starts_with("CallingNumber"));
    let numbers: Vec<String> = (1..=10).map(|n| format!("40080132{n:02}")).collect();
    params.push_list(Location::Query, "CallingNumber", &numbers);
    assert_eq!(
        send(
            &service,
            &fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &params,
                SignatureVersion::V3,
                Format::Json
            )
        )
        .status,
        200
    );
}

#[test]
fn an_unknown_instance_gets_the_documented_error() {
    let service = service(config());
    for (version, format) in COMBINATIONS {
        let answer = send(
            &service,
            &fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &with_param("InstanceId", "inst-404"),
                version,
                format,
            ),
        );
        let error = answer.error(format);
        assert_eq!(
            (answer.status, error.code.as_str()),
            (404, "NotExist.Instance")
        );
        assert_eq!(error.message, NOT_EXIST_MESSAGE);
        assert!(answer.reason().contains("inst-404"));
    }

    // An operation that documents no such error is not checked.
    let mut params = valid_form_params();
    params.form.retain(|(k, _)| k != "InstanceId");
    params.push(Location::Form, "InstanceId", "inst-404");
    assert_eq!(
        send(
            &service,
            &fresh(
                NOWHERE,
                &TAG_RESOURCES,
                &params,
                SignatureVersion::V3,
                Format::Json
            )
        )
        .status,
        200
    );

    // Without known instances the check is off.
    let open = MockService::new(OPERATIONS, MockConfig::new().with_credential(ID, SECRET));
    assert_eq!(
        send(
            &open,
            &fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &with_param("InstanceId", "inst-404"),
                SignatureVersion::V3,
                Format::Json
            )
        )
        .status,
        200
    );

    // Another instance parameter.
    let renamed = service_with(config().with_instance_param("JobGroupId"));
    let answer = send(&renamed, &valid(SignatureVersion::V1, Format::Json));
    assert_eq!(answer.code(), "NotExist.Instance");
}

fn service_with(config: MockConfig) -> MockService {
    MockService::new(OPERATIONS, config)
}

#[test]
fn unknown_actions_and_versions() {
    let service = service(config());
    let mut unknown: OperationSpec = MODIFY_JOB_GROUP;
    unknown.info.action = "DeleteEverything";
    for (version, format) in COMBINATIONS {
        let answer = send(
            &service,
            &fresh(NOWHERE, &unknown, &valid_params(), version, format),
        );
        let error = answer.error(format);
        assert_eq!(
            (answer.status, error.code.as_str()),
            (404, "InvalidAction.NotFound")
        );
        assert_eq!(
            error.message,
            "Specified api is not found, please check your url and method."
        );
    }
    let mut old: OperationSpec = MODIFY_JOB_GROUP;
    old.info.version = "2017-01-01";
    let answer = send(
        &service,
        &fresh(
            NOWHERE,
            &old,
            &valid_params(),
            SignatureVersion::V3,
            Format::Json,
        ),
    );
    assert_eq!(
        (answer.status, answer.code().as_str()),
        (400, "InvalidVersion")
    );

    for (method, path) in [(Method::PUT, "/"), (Method::POST, "/jobs")] {
        let mut request = valid(SignatureVersion::V1, Format::Json);
        *request.method_mut() = method;
        let uri = request
            .uri()
            .to_string()
            .replacen(":9/?", &format!(":9{path}?"), 1);
        *request.uri_mut() = uri.parse().unwrap();
        assert_eq!(
            send(&service, &request).code(),
            "InvalidAction.NotFound",
            "{uri}"
        );
    }
}

#[test]
fn error_envelopes_have_the_service_shape() {
    let service = service(config());
    let request = fresh(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &with_param("InstanceId", "x"),
        SignatureVersion::V3,
        Format::Json,
    );
    let answer = send(&service, &request);
    let id = answer.headers["x-acs-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        answer.body,
        format!(
            "{{\"RequestId\":\"{id}\",\"HostId\":\"127.0.0.1:9\",\"Code\":\"NotExist.Instance\",\
             \"Message\":\"The specified Instance does not exist.\",\
             \"Recommend\":\"https://api.aliyun.com/troubleshoot?q=NotExist.Instance&product=outboundbot&requestId={id}\"}}"
        )
    );
    // 8-4-4-4-12 upper-case hex, like the service's ids.
    let groups: Vec<usize> = id.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12]);
    assert!(
        id.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase())
    );

    let service = service_with(config().with_product("OutboundBot"));
    let request = fresh(
        NOWHERE,
        &MODIFY_JOB_GROUP,
        &with_param("InstanceId", "<&>"),
        SignatureVersion::V1,
        Format::Xml,
    );
    let answer = send(&service, &request);
    let id = answer.headers["x-acs-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        answer.body,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>{id}</RequestId><HostId>127.0.0.1:9</HostId>\
             <Code>NotExist.Instance</Code><Message>The specified Instance does not exist.</Message>\
             <Recommend>https://api.aliyun.com/troubleshoot?q=NotExist.Instance&amp;product=OutboundBot&amp;requestId={id}</Recommend></Error>"
        )
    );
    let error = answer.error(Format::Xml);
    assert_eq!(error.request_id.as_deref(), Some(id.as_str()));
    assert_eq!(error.host_id.as_deref(), Some("127.0.0.1:9"));
}

#[test]
fn throttling_then_service() {
    let service = service(config().throttle_first(2).throttle_retry_after(0));
    for _ in 0..2 {
        let answer = send(&service, &valid(SignatureVersion::V3, Format::Json));
        let error = answer.error(Format::Json);
        assert_eq!(
            (answer.status, error.code.as_str()),
            (400, "Throttling.User")
        );
        assert_eq!(
            error.message,
            "Request was denied due to user flow control."
        );
        assert_eq!(answer.headers["retry-after"], "0");
    }
    assert_eq!(
        send(&service, &valid(SignatureVersion::V3, Format::Json)).status,
        200
    );
    assert_eq!(service.request_count(), 3);
}

#[test]
fn closing_faults_come_first() {
    let service = service(config().close_first(1).throttle_first(1));
    assert!(matches!(
        service.handle(&valid(SignatureVersion::V1, Format::Json)),
        MockOutcome::Close
    ));
    assert_eq!(
        send(&service, &valid(SignatureVersion::V1, Format::Json)).code(),
        "Throttling.User"
    );
    assert_eq!(
        send(&service, &valid(SignatureVersion::V1, Format::Json)).status,
        200
    );

    let always = service_with(config().close_always());
    for _ in 0..3 {
        assert!(matches!(
            always.handle(&valid(SignatureVersion::V3, Format::Json)),
            MockOutcome::Close
        ));
    }
    assert_eq!(always.request_count(), 3);
}

#[test]
fn sts_credentials_are_signed_and_accepted() {
    let service = service(config());
    let credentials = Credentials::new(ID, SECRET).with_security_token("sts-token/+=");
    for (version, format) in COMBINATIONS {
        let config = Config::new("cn-shanghai")
            .with_endpoint(NOWHERE)
            .with_format(format)
            .with_signature_version(version);
        let request = build_request(
            &MODIFY_JOB_GROUP.info,
            &valid_params(),
            &config,
            &credentials,
            &SigningInputs::fresh().unwrap(),
        )
        .unwrap();
        assert_eq!(send(&service, &request).status, 200, "{version:?}");
    }
}

/// A V1 request as the legacy SDKs send it: `RegionId` and an empty `SignatureType` added, everything in a
/// POST form body, lower-case `Format`.
#[test]
fn a_legacy_sdk_shaped_v1_request_is_accepted() {
    let service = service(config());
    let inputs = SigningInputs::fresh().unwrap();
    let (nonce, timestamp) = (inputs.nonce(), inputs.timestamp());
    let mut pairs: Vec<(&str, &str)> = vec![
        ("Format", "json"),
        ("Version", "2019-12-26"),
        ("AccessKeyId", ID),
        ("SignatureMethod", "HMAC-SHA1"),
        ("Timestamp", timestamp),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
        ("SignatureType", ""),
        ("RegionId", "cn-shanghai"),
        ("Action", "ModifyJobGroup"),
        ("InstanceId", INSTANCE),
        ("JobGroupId", "jg-1"),
        ("Name", "a b"),
    ];
    let signature = v1::signature("POST", &pairs, SECRET);
    pairs.push(("Signature", &signature));
    let request = Request::post("http://outboundbot.cn-shanghai.aliyuncs.com/")
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body(percent::encode_pairs(&pairs).into_bytes())
        .unwrap();
    let answer = send(&service, &request);
    assert_eq!((answer.status, answer.body.as_str()), (200, EXAMPLE_JSON));
}

/// A V3 request as the current SDKs send it: no `Format` (JSON by default), form body, `content-type` signed,
/// headers in their own order.
#[test]
fn a_current_sdk_shaped_v3_request_is_accepted() {
    let service = service(config());
    let inputs = SigningInputs::fresh().unwrap();
    let query = [("InstanceId", INSTANCE)];
    let body = percent::encode_pairs(&[("JobGroupId", "jg-1"), ("Name", "晚间")]).into_bytes();
    let hash = v3::hex_sha256(&body);
    let headers = [
        ("x-acs-version", "2019-12-26"),
        ("content-type", "application/x-www-form-urlencoded"),
        ("host", "outboundbot.cn-shanghai.aliyuncs.com"),
        ("x-acs-action", "ModifyJobGroup"),
        ("x-acs-signature-nonce", inputs.nonce()),
        ("x-acs-date", inputs.timestamp()),
        ("x-acs-content-sha256", &hash),
    ];
    let canonical = v3::CanonicalRequest::new("POST", &query, &headers, &hash);
    let mut builder = Request::post(format!(
        "https://outboundbot.cn-shanghai.aliyuncs.com/?{}",
        percent::canonical_query(&query)
    ));
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let request = builder
        .header("authorization", canonical.authorization(ID, SECRET))
        .header("user-agent", "AlibabaCloud (test) TeaDSL/2")
        .header("accept", "application/json")
        .body(body)
        .unwrap();
    let answer = send(&service, &request);
    assert_eq!((answer.status, answer.body.as_str()), (200, EXAMPLE_JSON));
}

#[test]
fn config_debug_hides_secrets() {
    let text = format!("{:?}", config());
    assert!(text.contains(ID));
    assert!(!text.contains(SECRET));
}

#[test]
fn lists_longer_than_max_items_are_invalid() {
    let service = service(config());
    for (count, ok) in [(99, true), (100, false)] {
        let mut params = valid_params();
        params
            .query
            .retain(|(k, _)| !k.starts_with("CallingNumber"));
        for n in 1..=count {
            // Pushed by hand: the typed path would refuse to build a request over the limit.
            params.push(Location::Query, &format!("CallingNumber.{n}"), "4008013260");
        }
        let answer = send(
            &service,
            &fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &params,
                SignatureVersion::V3,
                Format::Json,
            ),
        );
        if ok {
            assert_eq!(answer.status, 200, "{}", answer.body);
        } else {
            assert_eq!(answer.status, 400);
            assert_eq!(answer.code(), "InvalidParameter");
            assert!(
                answer
                    .reason()
                    .contains("CallingNumber has 100 items, more than the 99 allowed"),
                "{}",
                answer.reason()
            );
        }
    }
}

/// The gateway's common errors, in both formats and both schemes, with the codes, statuses and messages the
/// gateway sends (Alibaba's common error table: `InvalidAccessKeyId.NotFound` 404 "Specified access key is
/// not found.", `InvalidTimeStamp.Expired` 400, `SignatureNonceUsed` 400, `Throttling.User` 400 "Request was
/// denied due to user flow control.", `MissingParameter` / `InvalidParameter` 400 naming the parameter).
#[test]
fn gateway_common_errors_have_their_real_codes_statuses_and_messages() {
    fn stale_clock() -> SystemTime {
        // An hour after the fixed timestamp: outside the 15-minute window.
        fixed_clock() + Duration::from_secs(3600)
    }
    let mut missing = valid_params();
    missing.query.retain(|(k, _)| k != "JobGroupId");
    let malformed = with_param("RingingDuration", "soon");
    for (version, format) in COMBINATIONS {
        let mut cases: Vec<(Answer, u16, &str, &str)> = Vec::new();
        let service = service(config());
        let inputs = SigningInputs::fresh().unwrap();
        let unknown = build_with_id(&valid_params(), version, format, "nobody", &inputs);
        cases.push((
            send(&service, &unknown),
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
        let stale = service_with(config().with_clock(stale_clock));
        let old = build(
            NOWHERE,
            &MODIFY_JOB_GROUP,
            &valid_params(),
            version,
            format,
            SECRET,
            &fixed("n-old"),
        );
        cases.push((
            send(&stale, &old),
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ));
        let once = fresh(NOWHERE, &MODIFY_JOB_GROUP, &valid_params(), version, format);
        assert_eq!(send(&service, &once).status, 200);
        cases.push((
            send(&service, &once),
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
        let throttled = service_with(config().throttle_first(1));
        cases.push((
            send(
                &throttled,
                &fresh(NOWHERE, &MODIFY_JOB_GROUP, &valid_params(), version, format),
            ),
            400,
            "Throttling.User",
            "Request was denied due to user flow control.",
        ));
        cases.push((
            send(&service, &fresh(NOWHERE, &MODIFY_JOB_GROUP, &missing, version, format)),
            400,
            "MissingParameter",
            "The input parameter \"JobGroupId\" that is mandatory for processing this request is not supplied.",
        ));
        cases.push((
            send(
                &service,
                &fresh(NOWHERE, &MODIFY_JOB_GROUP, &malformed, version, format),
            ),
            400,
            "InvalidParameter",
            "The specified parameter \"RingingDuration\" is not valid.",
        ));
        for (answer, status, code, message) in cases {
            let expected_type = match format {
                Format::Json => "application/json",
                Format::Xml => "application/xml",
            };
            assert!(
                answer.content_type.starts_with(expected_type),
                "{code}: {}",
                answer.content_type
            );
            let error = answer.error(format);
            assert_eq!(
                (answer.status, error.code.as_str(), error.message.as_str()),
                (status, code, message),
                "{version:?} {format:?}: {}",
                answer.body
            );
            assert!(
                error.request_id.is_some() && error.host_id.is_some(),
                "{}",
                answer.body
            );
            let recommend = error.recommend.unwrap_or_default();
            assert!(
                recommend.starts_with(&format!("https://api.aliyun.com/troubleshoot?q={code}")),
                "{recommend}"
            );
        }
    }
}

/// A request signed with `access_key_id` (which the mock may not know) and the right secret.
fn build_with_id(
    params: &Params,
    version: SignatureVersion,
    format: Format,
    access_key_id: &str,
    inputs: &SigningInputs,
) -> Request<Vec<u8>> {
    let config = Config::new("cn-shanghai")
        .with_endpoint(NOWHERE)
        .with_format(format)
        .with_signature_version(version);
    build_request(
        &MODIFY_JOB_GROUP.info,
        params,
        &config,
        &Credentials::new(access_key_id, SECRET),
        inputs,
    )
    .unwrap()
    .into_inner()
}

/// A V3 request for ModifyJobGroup with one more signed header, `x-acs-extra`, whose value is `extra` as
/// sent and `signed_as` as signed.
fn v3_with_extra_header(extra: &[u8], signed_as: &str) -> Request<Vec<u8>> {
    let inputs = SigningInputs::fresh().unwrap();
    let query = [
        ("InstanceId", INSTANCE),
        ("JobGroupId", "jg-1"),
        ("Name", "n"),
    ];
    let hash = v3::EMPTY_BODY_SHA256;
    let headers = [
        ("host", "outboundbot.cn-shanghai.aliyuncs.com"),
        ("x-acs-action", "ModifyJobGroup"),
        ("x-acs-version", "2019-12-26"),
        ("x-acs-signature-nonce", inputs.nonce()),
        ("x-acs-date", inputs.timestamp()),
        ("x-acs-content-sha256", hash),
        ("x-acs-extra", signed_as),
    ];
    let canonical = v3::CanonicalRequest::new("POST", &query, &headers, hash);
    let mut builder = Request::post(format!(
        "http://outboundbot.cn-shanghai.aliyuncs.com/?{}",
        percent::canonical_query(&query)
    ));
    for (name, value) in &headers[..6] {
        builder = builder.header(*name, *value);
    }
    builder
        .header("x-acs-extra", HeaderValue::from_bytes(extra).unwrap())
        .header("authorization", canonical.authorization(ID, SECRET))
        .body(Vec::new())
        .unwrap()
}

/// Found by fuzzing (`fuzz/regressions/mock_request/lossy-utf8-parameter-accepted`): parameters and header
/// values are read lossily, invalid UTF-8 becoming U+FFFD, and the signature was checked over that reading.
/// So a request signed over a U+FFFD was accepted with other bytes in its place: the fuzzer deleted the last
/// escape of `%EF%BF%BD` in a V1 query (`%EF%BF` reads as one U+FFFD too); `%FF`, overlong or surrogate
/// encodings, a form body (V1) or a raw `0xFF` in a signed header (V3) do the same. The bytes received were
/// not the bytes signed; such text now fails the signature check.
#[test]
fn bytes_that_are_not_utf8_do_not_pass_for_a_signed_replacement_character() {
    let service = service(config());
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        let signed = || {
            fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &with_param("JobGroupId", "\u{FFFD}"),
                version,
                Format::Json,
            )
        };
        assert_eq!(send(&service, &signed()).status, 200, "{version:?}");
        for sent in ["%FF", "%C0%80", "%ED%A0%80", "%EF%BF"] {
            let mut request = signed();
            let uri = request.uri().to_string().replace("%EF%BF%BD", sent);
            *request.uri_mut() = uri.parse().unwrap();
            let answer = send(&service, &request);
            assert_eq!(answer.code(), "SignatureDoesNotMatch", "{version:?} {sent}");
            assert!(answer.reason().contains("not UTF-8"), "{}", answer.reason());
        }
    }

    // V1 form body: the form's parameters are signed as parameters.
    let mut params = valid_form_params();
    params.push(Location::Form, "Tag.3.Key", "\u{FFFD}");
    let signed = || {
        fresh(
            NOWHERE,
            &TAG_RESOURCES,
            &params,
            SignatureVersion::V1,
            Format::Json,
        )
    };
    assert_eq!(send(&service, &signed()).status, 200);
    let mut request = signed();
    let body = String::from_utf8(request.body().clone()).unwrap();
    *request.body_mut() = body.replace("%EF%BF%BD", "%FF").into_bytes();
    assert_eq!(send(&service, &request).code(), "SignatureDoesNotMatch");
    let mut request = signed();
    let body = String::from_utf8(request.body().clone()).unwrap();
    let mut raw = body.replace("%EF%BF%BD", "").into_bytes();
    raw.push(0xFF);
    *request.body_mut() = raw;
    assert_eq!(send(&service, &request).code(), "SignatureDoesNotMatch");

    // V3 signed header: a signer's U+FFFD sent as its UTF-8 bytes passes, a raw 0xFF in its place does not.
    let exact = v3_with_extra_header("\u{FFFD}".as_bytes(), "\u{FFFD}");
    assert_eq!(send(&service, &exact).status, 200);
    let answer = send(&service, &v3_with_extra_header(&[0xFF], "\u{FFFD}"));
    assert_eq!(answer.code(), "SignatureDoesNotMatch");
    assert!(
        answer.reason().contains("signed header x-acs-extra"),
        "{}",
        answer.reason()
    );
}

/// Found by fuzzing (`fuzz/regressions/mock_request/xml-control-character-in-parameter-name`): the XML
/// envelope wrote a message's characters as they were, and an `InvalidParameter` message quotes the
/// parameter's name as received, so `CallingNumber.%01` (or a `Host` holding U+FFFE, echoed as `HostId`)
/// made an envelope no XML reader accepts. Characters XML cannot carry are now U+FFFD, and CR is a
/// reference so that it reads back as itself.
#[test]
fn xml_envelopes_stay_well_formed_whatever_a_message_quotes() {
    let service = service(config());
    for (key, shown) in [
        ("CallingNumber.\u{1}", "CallingNumber.\u{FFFD}"),
        ("CallingNumber.\u{0}x", "CallingNumber.\u{FFFD}x"),
        (
            "CallingNumber.\u{FFFE}\u{1F}",
            "CallingNumber.\u{FFFD}\u{FFFD}",
        ),
        ("CallingNumber.a\rb\tc\n", "CallingNumber.a\rb\tc\n"),
        ("CallingNumber.<&>", "CallingNumber.<&>"),
    ] {
        for version in [SignatureVersion::V1, SignatureVersion::V3] {
            let request = fresh(
                NOWHERE,
                &MODIFY_JOB_GROUP,
                &with_param(key, "4008013260"),
                version,
                Format::Xml,
            );
            let answer = send(&service, &request);
            assert_eq!(answer.status, 400, "{key:?}: {}", answer.body);
            let error = answer.error(Format::Xml);
            assert_eq!(error.code, "InvalidParameter", "{key:?}");
            assert_eq!(
                error.message,
                format!("The specified parameter \"{shown}\" is not valid."),
                "{key:?}"
            );
        }
    }
    // `HostId` echoes the `Host` header, whose bytes may be U+FFFE in UTF-8.
    let request = Request::get("/?Format=XML")
        .header(
            "host",
            HeaderValue::from_bytes("a\u{FFFE}b".as_bytes()).unwrap(),
        )
        .body(Vec::new())
        .unwrap();
    let answer = send(&service, &request);
    assert_eq!(answer.status, 400, "{}", answer.body);
    let error = answer.error(Format::Xml);
    assert_eq!(error.host_id.as_deref(), Some("a\u{FFFD}b"));
}
