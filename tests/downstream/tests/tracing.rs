//! The spans a downstream application sees once it installs a subscriber (here `tracing-subscriber`'s `fmt`,
//! as most applications do, writing into a buffer and printing each span as it closes): one
//! `aliyun_rpc.call` per call and one `aliyun_rpc.attempt` per attempt, with the operation, attempt number,
//! HTTP status, `RequestId`, retry reason and delay, and nothing secret. The mock throttles the first
//! attempt (`Throttling.User`, HTTP 400 as the gateway sends it) so that a retry shows.

use std::io::Write;
use std::sync::{Arc, Mutex};

use outboundbot::mock::{MockConfig, MockServer};
use outboundbot::modify_job_group::ModifyJobGroupRequest;
use outboundbot::runtime::client::RetryPolicy;
use outboundbot::runtime::credentials::Credentials;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::util::SubscriberInitExt;

const INSTANCE: &str = "174952ab-9825-4cc9-a5e2-de82d7fa4cdd";
const SECRET: &str = "tracing-secret-value";
const TOKEN: &str = "tracing-sts-token-value";

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

#[tokio::test]
async fn a_call_and_its_attempts_are_spans_with_no_secret() {
    let buffer = Buffer::default();
    let _subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .without_time()
        .with_writer(buffer.clone())
        .finish()
        .set_default();

    let mock = MockServer::bind_loopback(
        outboundbot::OPERATIONS,
        MockConfig::new()
            .with_credential("tracing-id", SECRET)
            .with_instance(INSTANCE)
            .throttle_first(1)
            .throttle_retry_after(0),
    )
    .await
    .unwrap();
    let client = outboundbot::Client::builder()
        .endpoint(mock.url())
        .credentials(Credentials::new("tracing-id", SECRET).with_security_token(TOKEN))
        .retry_policy(RetryPolicy::default())
        .build()
        .unwrap();
    let request = ModifyJobGroupRequest::new(INSTANCE, "job-group-1", "renamed", "Draft", 1);
    client.modify_job_group(request).await.unwrap();
    mock.shutdown().await;

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    // `fmt` prints a closing span as `LEVEL outer{fields}:inner{fields}: target: close`.
    let closed: Vec<&str> = log
        .lines()
        .filter(|line| line.ends_with(": close"))
        .collect();
    let attempts: Vec<&str> = closed
        .iter()
        .filter_map(|line| {
            line.split_once("aliyun_rpc.attempt{")
                .map(|(_, attempt)| attempt)
        })
        .collect();
    assert_eq!(attempts.len(), 2, "{log}");
    for field in [
        "attempt=1 ",
        "status=400 ",
        "code=\"Throttling.User\"",
        "retry_reason=\"HTTP 400 Throttling.User\"",
        "retry_delay_ms=0",
    ] {
        assert!(attempts[0].contains(field), "{field}: {log}");
    }
    for field in [
        "attempt=2 ",
        "status=200 ",
        // The mock's `x-acs-request-id` header, a fresh id per answer.
        "request_id=\"",
    ] {
        assert!(attempts[1].contains(field), "{field}: {log}");
    }
    let call = closed
        .iter()
        .find(|line| {
            line.starts_with(" INFO aliyun_rpc.call{") && !line.contains("aliyun_rpc.attempt{")
        })
        .unwrap_or_else(|| panic!("no call span: {log}"));
    for field in [
        "action=\"ModifyJobGroup\"",
        "version=\"2019-12-26\"",
        "attempts=2",
        "status=200}",
    ] {
        assert!(call.contains(field), "{field}: {log}");
    }
    assert!(!log.contains(SECRET) && !log.contains(TOKEN), "{log}");
}
