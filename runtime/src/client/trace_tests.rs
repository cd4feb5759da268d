//! The client's spans, seen by a small hand-written subscriber that records every span, field and event:
//! the fields the module documentation promises are there, and no secret is anywhere.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::{Client, RetryPolicy, Timeouts};
use crate::credentials::fake::{Counter, FakeServer, Reply, http};
use crate::credentials::{Credentials, CredentialsError, ProvideCredentials, ProvideFuture};
use crate::params::{Location, Params};
use crate::request::{Config, OperationInfo, SignatureVersion};
use crate::transport_error::TransportErrorKind;

const OP: OperationInfo = OperationInfo {
    action: "ModifyJobGroup",
    version: "2019-12-26",
    method: "POST",
    endpoint_template: "outboundbot.{region}.aliyuncs.com",
};
const SECRET: &str = "trace-secret-value";
const TOKEN: &str = "trace-sts-token-value";

/// One span: its name, parent's name and fields as text.
#[derive(Debug, Clone, Default)]
struct SpanRecord {
    name: &'static str,
    parent: Option<u64>,
    fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
struct EventRecord {
    parent: Option<u64>,
    fields: BTreeMap<String, String>,
}

#[derive(Default)]
struct Recorded {
    spans: BTreeMap<u64, SpanRecord>,
    events: Vec<EventRecord>,
    stack: Vec<u64>,
}

/// Records everything, at every level.
#[derive(Clone, Default)]
struct Capture {
    next: Arc<AtomicU64>,
    recorded: Arc<Mutex<Recorded>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut recorded = self.recorded.lock().unwrap();
        let parent = attrs.parent().map(Id::into_u64).or_else(|| {
            attrs
                .is_contextual()
                .then(|| recorded.stack.last().copied())
                .flatten()
        });
        let mut span = SpanRecord {
            name: attrs.metadata().name(),
            parent,
            fields: BTreeMap::new(),
        };
        attrs.record(&mut Fields(&mut span.fields));
        recorded.spans.insert(id, span);
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut recorded = self.recorded.lock().unwrap();
        if let Some(span) = recorded.spans.get_mut(&span.into_u64()) {
            values.record(&mut Fields(&mut span.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut recorded = self.recorded.lock().unwrap();
        let parent = event.parent().map(Id::into_u64).or_else(|| {
            event
                .is_contextual()
                .then(|| recorded.stack.last().copied())
                .flatten()
        });
        let mut record = EventRecord {
            parent,
            fields: BTreeMap::new(),
        };
        event.record(&mut Fields(&mut record.fields));
        recorded.events.push(record);
    }

    fn enter(&self, span: &Id) {
        self.recorded.lock().unwrap().stack.push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut recorded = self.recorded.lock().unwrap();
        if let Some(i) = recorded.stack.iter().rposition(|s| *s == span.into_u64()) {
            recorded.stack.remove(i);
        }
    }
}

impl Capture {
    fn spans(&self, name: &str) -> Vec<SpanRecord> {
        self.recorded
            .lock()
            .unwrap()
            .spans
            .values()
            .filter(|s| s.name == name)
            .cloned()
            .collect()
    }

    /// Everything recorded, as one text, for the secret check.
    fn everything(&self) -> String {
        let recorded = self.recorded.lock().unwrap();
        format!("{:?} {:?}", recorded.spans, recorded.events)
    }
}

fn params() -> Params {
    let mut params = Params::new();
    params.push(Location::Query, "InstanceId", "inst-1");
    params
}

fn client(endpoint: &str, credentials: Arc<dyn ProvideCredentials>) -> Client {
    Client::from_provider(
        Config::new("cn-shanghai")
            .with_endpoint(endpoint)
            .with_signature_version(SignatureVersion::V1),
        credentials,
    )
    .with_timeouts(Timeouts {
        connect: Duration::from_secs(2),
        request: Duration::from_secs(5),
    })
    .with_retry_policy(RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(5),
        max_elapsed: Duration::from_secs(3),
    })
    .with_http_client(http())
}

#[tokio::test]
async fn call_and_attempt_spans_carry_the_promised_fields_and_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let n = Counter::default();
    let server = FakeServer::start(move |_| match n.next() {
        0 => Reply::new(
            503,
            r#"{"RequestId":"R-THROTTLED","Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#,
        ),
        _ => Reply::ok(r#"{"RequestId":"R-OK","Success":true,"Code":"OK"}"#),
    })
    .await;
    let credentials = Credentials::new("trace-id", SECRET).with_security_token(TOKEN);
    let answer = client(&server.url(), Arc::new(credentials))
        .send(&OP, &params())
        .await
        .unwrap();
    assert_eq!(answer.status, 200);

    let calls = capture.spans("aliyun_rpc.call");
    assert_eq!(calls.len(), 1, "{calls:?}");
    let call = &calls[0].fields;
    assert_eq!(call["action"], "ModifyJobGroup");
    assert_eq!(call["version"], "2019-12-26");
    assert_eq!(call["attempts"], "2");
    assert_eq!(call["status"], "200");
    assert_eq!(call["request_id"], "R-OK");

    let attempts = capture.spans("aliyun_rpc.attempt");
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    let first = &attempts[0].fields;
    assert_eq!(first["attempt"], "1");
    assert_eq!(first["status"], "503");
    assert_eq!(first["code"], "Throttling.User");
    assert_eq!(first["request_id"], "R-THROTTLED");
    assert_eq!(first["retry_reason"], "HTTP 503 Throttling.User");
    let delay: u64 = first["retry_delay_ms"].parse().unwrap();
    assert!(delay <= 5, "{delay}");
    let second = &attempts[1].fields;
    assert_eq!(second["attempt"], "2");
    assert_eq!(second["status"], "200");
    assert_eq!(second["request_id"], "R-OK");
    assert!(!second.contains_key("retry_reason"), "{second:?}");
    // Both attempts are children of the call.
    let call_id = {
        let recorded = capture.recorded.lock().unwrap();
        *recorded
            .spans
            .iter()
            .find(|(_, s)| s.name == "aliyun_rpc.call")
            .unwrap()
            .0
    };
    assert!(attempts.iter().all(|a| a.parent == Some(call_id)));

    let retrying: Vec<EventRecord> = capture
        .recorded
        .lock()
        .unwrap()
        .events
        .iter()
        .filter(|e| e.fields.get("message").map(String::as_str) == Some("retrying"))
        .cloned()
        .collect();
    assert_eq!(retrying.len(), 1);
    assert_eq!(
        retrying[0].fields["retry_reason"],
        "HTTP 503 Throttling.User"
    );
    let first_attempt_id = {
        let recorded = capture.recorded.lock().unwrap();
        *recorded
            .spans
            .iter()
            .find(|(_, s)| s.name == "aliyun_rpc.attempt" && s.fields["attempt"] == "1")
            .unwrap()
            .0
    };
    assert_eq!(retrying[0].parent, Some(first_attempt_id));

    let everything = capture.everything();
    for secret in [SECRET, TOKEN, "Signature", "SecurityToken"] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked: {everything}"
        );
    }
}

#[tokio::test]
async fn connection_failures_and_credential_failures_are_recorded_without_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let refused = crate::credentials::fake::refused_url().await;
    let credentials = Credentials::new("trace-id", SECRET).with_security_token(TOKEN);
    let err = client(&refused, Arc::new(credentials))
        .send(&OP, &params())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::RetriesExhausted);
    let attempts = capture.spans("aliyun_rpc.attempt");
    assert_eq!(attempts.len(), 3);
    assert_eq!(attempts[0].fields["retry_reason"], "connection failed");
    assert!(
        attempts[2].fields["error"].starts_with(&format!("cannot connect to {refused}")),
        "{:?}",
        attempts[2]
    );

    #[derive(Debug)]
    struct NoCredentials;
    impl ProvideCredentials for NoCredentials {
        fn provide(&self) -> ProvideFuture<'_> {
            Box::pin(async {
                Err(CredentialsError::NotConfigured {
                    provider: "test",
                    reason: "nothing here".into(),
                })
            })
        }
    }
    let err = client(&refused, Arc::new(NoCredentials))
        .send(&OP, &params())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Credentials);
    assert_eq!(err.attempts(), 0);
    assert!(err.is_not_sent());
    assert_eq!(
        err.to_string(),
        "no credentials: test: not configured: nothing here (0 attempts)"
    );
    let attempts = capture.spans("aliyun_rpc.attempt");
    assert_eq!(
        attempts.last().unwrap().fields["error"],
        "test: not configured: nothing here"
    );

    let everything = capture.everything();
    for secret in [SECRET, TOKEN, "Signature"] {
        assert!(
            !everything.contains(secret),
            "{secret} leaked: {everything}"
        );
    }
}

#[tokio::test]
async fn without_a_subscriber_nothing_is_recorded_and_calls_work() {
    let server = FakeServer::start(|_| Reply::ok(r#"{"RequestId":"R-OK"}"#)).await;
    let answer = client(&server.url(), Arc::new(Credentials::new("id", SECRET)))
        .send(&OP, &params())
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
}
