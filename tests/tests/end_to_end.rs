//! The generated client against the runtime's mock service over real TCP on loopback: both signature
//! versions, both formats, each documented error, a wrong secret, throttling, and a server that hangs up.
//! Every server is started and stopped by its test; retries are bounded by small policies.

use std::time::Duration;

use aliyun_rpc_mock::{MockConfig, MockServer};
use aliyun_rpc_runtime::client::{Client as Transport, RetryPolicy};
use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::operation::OperationSpec;
use aliyun_rpc_runtime::request::{Config, SignatureVersion};
use aliyun_rpc_runtime::transport_error::TransportErrorKind;
use outboundbot::Format;
use outboundbot::client::Client;
use outboundbot::modify_job_group::{
    self, ModifyJobGroupError, ModifyJobGroupRequest, ModifyJobGroupResponse,
};

static OPERATIONS: &[&OperationSpec] = &[&modify_job_group::SPEC];

const INSTANCE: &str = "174952ab-9825-4cc9-a5e2-de82d7fa4cdd";

fn mock_config() -> MockConfig {
    MockConfig::new()
        .with_credential("testid", "testsecret")
        .with_instance(INSTANCE)
}

async fn start(config: MockConfig) -> MockServer {
    MockServer::bind_loopback(OPERATIONS, config)
        .await
        .expect("mock binds on loopback")
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_elapsed: Duration::from_secs(5),
    }
}

fn client(server: &MockServer, version: SignatureVersion, format: Format, secret: &str) -> Client {
    let config = Config::new("cn-shanghai")
        .with_endpoint(server.url())
        .with_format(format)
        .with_signature_version(version);
    Client::new(
        Transport::new(config, Credentials::new("testid", secret))
            .with_retry_policy(quick_retries()),
    )
}

fn request(instance: &str) -> ModifyJobGroupRequest {
    ModifyJobGroupRequest::new(
        instance,
        "3edc0260-6f7c-4de4-8535-09372240618b",
        "修改后的作业组",
        "Draft",
        1,
    )
    .calling_number(["4008013260", "4008013261"])
    .ringing_duration(25)
    .priority("Daily")
}

fn seed() -> ModifyJobGroupResponse {
    ModifyJobGroupResponse::from_json(modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes())
        .expect("seed decodes")
}

#[tokio::test]
async fn success_in_json_and_xml_with_both_signature_versions() {
    let server = start(mock_config()).await;
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        for format in [Format::Json, Format::Xml] {
            let response = client(&server, version, format, "testsecret")
                .modify_job_group(request(INSTANCE))
                .await
                .unwrap_or_else(|e| panic!("{version:?} {format:?}: {e}"));
            assert_eq!(response, seed(), "{version:?} {format:?}");
        }
    }
    assert_eq!(server.request_count(), 4);
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_instance_is_the_documented_not_found() {
    let server = start(mock_config()).await;
    for format in [Format::Json, Format::Xml] {
        let err = client(&server, SignatureVersion::V3, format, "testsecret")
            .modify_job_group(request("no-such-instance"))
            .await
            .expect_err("unknown instance");
        let ModifyJobGroupError::NotExistInstance(e) = &err else {
            panic!("{format:?}: wrong variant {err:?}")
        };
        assert_eq!(e.status, 404);
        assert_eq!(e.message, "The specified Instance does not exist.");
        assert!(e.request_id.is_some(), "request id kept");
        assert!(
            e.recommend
                .as_deref()
                .is_some_and(|r| r.contains("NotExist.Instance")),
            "{e:?}"
        );
    }
    assert_eq!(server.request_count(), 2, "a 404 is not retried");
    server.shutdown().await;
}

#[tokio::test]
async fn documented_internal_error() {
    let server = start(mock_config().fail_with("InternalError")).await;
    let err = client(&server, SignatureVersion::V1, Format::Json, "testsecret")
        .modify_job_group(request(INSTANCE))
        .await
        .expect_err("injected InternalError");
    // A 500 is retried (it may be transient); after the retries the service's answer is what the caller sees.
    assert!(
        matches!(&err, ModifyJobGroupError::InternalError(e) if e.status == 500),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 4, "1 attempt + 3 retries");
    server.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_is_a_signature_mismatch() {
    let server = start(mock_config()).await;
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        let err = client(&server, version, Format::Json, "not-the-secret")
            .modify_job_group(request(INSTANCE))
            .await
            .expect_err("wrong secret");
        assert!(
            matches!(&err, ModifyJobGroupError::Service(e) if e.code == "SignatureDoesNotMatch" && e.status == 400),
            "{version:?}: {err:?}"
        );
        assert!(
            !err.to_string().contains("not-the-secret"),
            "the secret never shows: {err}"
        );
        // The client puts its own string to sign beside the server's; only the secret differs, so they agree.
        let ModifyJobGroupError::Service(e) = &err else {
            unreachable!()
        };
        let ours = e
            .client_string_to_sign
            .as_deref()
            .expect("the client adds what it signed");
        assert_eq!(e.server_string_to_sign(), Some(ours), "{version:?}");
        assert!(
            err.to_string().contains(&format!(
                "; client string to sign is:{ours} (the same as the server's: the AccessKey secret is wrong)"
            )),
            "{err}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn throttling_then_success_is_retried() {
    let server = start(mock_config().throttle_first(2)).await;
    let response = client(&server, SignatureVersion::V3, Format::Xml, "testsecret")
        .modify_job_group(request(INSTANCE))
        .await
        .expect("succeeds after two throttled attempts");
    assert_eq!(response, seed());
    assert_eq!(server.request_count(), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn a_server_that_hangs_up_gives_a_clear_transport_error_after_bounded_retries() {
    let server = start(mock_config().close_always()).await;
    let started = std::time::Instant::now();
    let err = client(&server, SignatureVersion::V3, Format::Json, "testsecret")
        .modify_job_group(request(INSTANCE))
        .await
        .expect_err("no answer ever");
    let ModifyJobGroupError::Transport(e) = &err else {
        panic!("wrong variant {err:?}")
    };
    assert_eq!(e.kind(), TransportErrorKind::RetriesExhausted);
    assert_eq!(e.attempts(), 4);
    assert_eq!(server.request_count(), 4);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!err.to_string().is_empty());
    server.shutdown().await;
}
