//! The mock over real TCP on loopback, driven by a minimal HTTP/1.1 client written here (no HTTP client
//! dependency): requests from `build_request`, signed V1 and V3, answers read back byte for byte.
//!
//! Every exchange has a timeout and every server is shut down by its test.

mod mock_support;

use std::net::SocketAddr;
use std::time::Duration;

use aliyun_rpc_mock::{MockConfig, MockServer, serve};
use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::params::{Location, Params};
use aliyun_rpc_runtime::request::{SignatureVersion, SigningInputs};
use aliyun_rpc_runtime::response::{ServiceError, parse_error};
use http::Request;
use mock_support::*;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

/// Longest any single exchange may take before the test fails.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(10);

/// An HTTP answer as read off the socket.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn error(&self, format: Format) -> ServiceError {
        parse_error(
            self.status,
            format,
            self.header("content-type"),
            self.body.as_bytes(),
        )
        .unwrap_or_else(|e| panic!("not an envelope: {e}: {}", self.body))
    }
}

/// Sends `request` on a new connection (`Connection: close`) and reads the whole answer; `None` when the
/// server closed the connection without answering.
async fn exchange(addr: SocketAddr, request: &Request<Vec<u8>>) -> Option<Reply> {
    tokio::time::timeout(EXCHANGE_TIMEOUT, exchange_inner(addr, request))
        .await
        .expect("exchange timed out")
}

async fn exchange_inner(addr: SocketAddr, request: &Request<Vec<u8>>) -> Option<Reply> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let mut head = format!("{} {target} HTTP/1.1\r\n", request.method());
    for (name, value) in request.headers() {
        head.push_str(&format!(
            "{name}: {}\r\n",
            value.to_str().expect("ASCII header")
        ));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        request.body().len()
    ));
    stream.write_all(head.as_bytes()).await.expect("write head");
    stream.write_all(request.body()).await.expect("write body");

    let mut raw = Vec::new();
    match stream.read_to_end(&mut raw).await {
        Ok(_) => {}
        // A close with unread data can arrive as a reset; either way nothing was answered.
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && raw.is_empty() => {}
        Err(e) => panic!("read: {e}"),
    }
    if raw.is_empty() {
        return None;
    }
    Some(parse_reply(&raw))
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of head");
    let head = std::str::from_utf8(&raw[..split]).expect("ASCII head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let mut parts = status_line.splitn(3, ' ');
    assert_eq!(parts.next(), Some("HTTP/1.1"));
    let status = parts
        .next()
        .expect("status")
        .parse()
        .expect("numeric status");
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').expect("header line");
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let body = &raw[split + 4..];
    let reply = Reply {
        status,
        headers,
        body: String::new(),
    };
    assert_ne!(reply.header("transfer-encoding"), Some("chunked"));
    let length: usize = reply
        .header("content-length")
        .expect("content-length")
        .parse()
        .expect("numeric length");
    assert_eq!(body.len(), length, "body length");
    Reply {
        body: String::from_utf8(body.to_vec()).expect("UTF-8 body"),
        ..reply
    }
}

async fn start(config: MockConfig) -> MockServer {
    MockServer::bind_loopback(OPERATIONS, config)
        .await
        .expect("bind loopback")
}

fn request_for(server: &MockServer, version: SignatureVersion, format: Format) -> Request<Vec<u8>> {
    fresh(
        &server.url(),
        &MODIFY_JOB_GROUP,
        &valid_params(),
        version,
        format,
    )
}

fn with_param(key: &str, value: &str) -> Params {
    let mut params = valid_params();
    params
        .query
        .retain(|(k, _)| !k.starts_with(key.split('.').next().unwrap_or(key)));
    params.push(Location::Query, key, value);
    params
}

#[tokio::test]
async fn success_returns_the_example_in_the_requested_format() {
    let server = start(config()).await;
    for (version, format) in COMBINATIONS {
        let reply = exchange(server.local_addr(), &request_for(&server, version, format))
            .await
            .expect("an answer");
        assert_eq!(reply.status, 200, "{version:?} {format:?}: {}", reply.body);
        let (body, content_type) = match format {
            Format::Json => (EXAMPLE_JSON, "application/json"),
            Format::Xml => (EXAMPLE_XML, "application/xml"),
        };
        assert_eq!(reply.body, body);
        assert_eq!(reply.header("content-type"), Some(content_type));
    }
    assert_eq!(server.request_count(), 4);
    server.shutdown().await;
}

#[tokio::test]
async fn form_bodies_travel_and_verify() {
    let server = start(config()).await;
    for (version, format) in COMBINATIONS {
        let request = fresh(
            &server.url(),
            &TAG_RESOURCES,
            &valid_form_params(),
            version,
            format,
        );
        let reply = exchange(server.local_addr(), &request)
            .await
            .expect("an answer");
        assert_eq!(reply.status, 200, "{version:?}: {}", reply.body);
    }
    server.shutdown().await;
}

#[tokio::test]
async fn signature_failures() {
    let server = start(config()).await;
    for (version, format) in COMBINATIONS {
        let inputs = SigningInputs::fresh().unwrap();
        let wrong = build(
            &server.url(),
            &MODIFY_JOB_GROUP,
            &valid_params(),
            version,
            format,
            "wrong-secret",
            &inputs,
        );
        let reply = exchange(server.local_addr(), &wrong)
            .await
            .expect("an answer");
        let error = reply.error(format);
        assert_eq!(
            (reply.status, error.code.as_str()),
            (400, "SignatureDoesNotMatch")
        );
        assert!(
            error.message.starts_with(
                "Specified signature is not matched with our calculation. server string to sign is:"
            ),
            "{}",
            error.message
        );
        assert!(reply.header("x-mock-reason").is_some());

        let mut tampered = request_for(&server, version, format);
        tamper_query(&mut tampered, "Name", "renamed");
        let reply = exchange(server.local_addr(), &tampered)
            .await
            .expect("an answer");
        assert_eq!(
            reply.error(format).code,
            "SignatureDoesNotMatch",
            "{version:?}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn expired_timestamp_and_replayed_nonce() {
    let server = start(config()).await;
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        // Alibaba's own 2016 example timestamp is long outside the window.
        let old = SigningInputs::new(format!("old-{version:?}"), "2016-02-23T12:46:24Z");
        let request = build(
            &server.url(),
            &MODIFY_JOB_GROUP,
            &valid_params(),
            version,
            Format::Json,
            SECRET,
            &old,
        );
        let reply = exchange(server.local_addr(), &request)
            .await
            .expect("an answer");
        let error = reply.error(Format::Json);
        assert_eq!(
            (reply.status, error.code.as_str()),
            (400, "InvalidTimeStamp.Expired")
        );
        assert_eq!(
            error.message,
            "Specified time stamp or date value is expired."
        );

        let request = request_for(&server, version, Format::Xml);
        let first = exchange(server.local_addr(), &request)
            .await
            .expect("an answer");
        assert_eq!(first.status, 200);
        let replay = exchange(server.local_addr(), &request)
            .await
            .expect("an answer");
        let error = replay.error(Format::Xml);
        assert_eq!(
            (replay.status, error.code.as_str()),
            (400, "SignatureNonceUsed")
        );
        assert_eq!(error.message, "Specified signature nonce was used already.");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn parameter_errors() {
    let server = start(config()).await;
    let addr = server.local_addr();
    let url = server.url();

    let mut missing = valid_params();
    missing.query.retain(|(k, _)| k != "InstanceId");
    let reply = exchange(
        addr,
        &fresh(
            &url,
            &MODIFY_JOB_GROUP,
            &missing,
            SignatureVersion::V3,
            Format::Json,
        ),
    )
    .await
    .expect("an answer");
    let error = reply.error(Format::Json);
    assert_eq!(
        (reply.status, error.code.as_str()),
        (400, "MissingParameter")
    );
    assert_eq!(
        error.message,
        "The input parameter \"InstanceId\" that is mandatory for processing this request is not supplied."
    );

    for (key, value) in [
        ("RingingDuration", "abc"),
        ("CallingNumber.0", "4008013260"),
    ] {
        let request = fresh(
            &url,
            &MODIFY_JOB_GROUP,
            &with_param(key, value),
            SignatureVersion::V1,
            Format::Xml,
        );
        let reply = exchange(addr, &request).await.expect("an answer");
        let error = reply.error(Format::Xml);
        assert_eq!(
            (reply.status, error.code.as_str()),
            (400, "InvalidParameter"),
            "{key}"
        );
    }

    let request = fresh(
        &url,
        &MODIFY_JOB_GROUP,
        &with_param("InstanceId", "inst-unknown"),
        SignatureVersion::V3,
        Format::Xml,
    );
    let reply = exchange(addr, &request).await.expect("an answer");
    let error = reply.error(Format::Xml);
    assert_eq!(
        (reply.status, error.code.as_str()),
        (404, "NotExist.Instance")
    );
    assert_eq!(error.message, NOT_EXIST_MESSAGE);
    assert_eq!(reply.header("content-type"), Some("application/xml"));
    assert!(
        reply
            .body
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>")
    );

    let mut unknown = MODIFY_JOB_GROUP;
    unknown.info.action = "ModifyJobGroups";
    let reply = exchange(
        addr,
        &fresh(
            &url,
            &unknown,
            &valid_params(),
            SignatureVersion::V1,
            Format::Json,
        ),
    )
    .await
    .expect("an answer");
    let error = reply.error(Format::Json);
    assert_eq!(
        (reply.status, error.code.as_str()),
        (404, "InvalidAction.NotFound")
    );

    server.shutdown().await;
}

#[tokio::test]
async fn throttles_the_first_requests_then_serves() {
    let server = start(config().throttle_first(2).throttle_retry_after(0)).await;
    for _ in 0..2 {
        let reply = exchange(
            server.local_addr(),
            &request_for(&server, SignatureVersion::V3, Format::Json),
        )
        .await
        .expect("an answer");
        let error = reply.error(Format::Json);
        assert_eq!(
            (reply.status, error.code.as_str()),
            (400, "Throttling.User")
        );
        assert_eq!(
            error.message,
            "Request was denied due to user flow control."
        );
        assert_eq!(reply.header("retry-after"), Some("0"));
    }
    let reply = exchange(
        server.local_addr(),
        &request_for(&server, SignatureVersion::V3, Format::Json),
    )
    .await
    .expect("an answer");
    assert_eq!(reply.status, 200);
    assert_eq!(server.request_count(), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn closes_the_first_connections_without_answering() {
    let server = start(config().close_first(2)).await;
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        let reply = exchange(
            server.local_addr(),
            &request_for(&server, version, Format::Json),
        )
        .await;
        assert!(reply.is_none(), "{reply:?}");
    }
    let reply = exchange(
        server.local_addr(),
        &request_for(&server, SignatureVersion::V1, Format::Json),
    )
    .await
    .expect("an answer after the faults");
    assert_eq!(reply.status, 200);
    assert_eq!(server.request_count(), 3);
    server.shutdown().await;

    let server = start(config().close_always()).await;
    for _ in 0..3 {
        let reply = exchange(
            server.local_addr(),
            &request_for(&server, SignatureVersion::V3, Format::Json),
        )
        .await;
        assert!(reply.is_none());
    }
    assert_eq!(server.request_count(), 3);
    server.shutdown().await;
}

#[tokio::test]
async fn oversized_bodies_are_refused_without_buffering() {
    let server = start(config().with_max_body_bytes(64)).await;
    let mut params = valid_form_params();
    params.push(Location::Form, "Padding", &"x".repeat(100));
    let request = fresh(
        &server.url(),
        &TAG_RESOURCES,
        &params,
        SignatureVersion::V3,
        Format::Json,
    );
    let reply = exchange(server.local_addr(), &request)
        .await
        .expect("an answer");
    assert_eq!(
        (reply.status, reply.error(Format::Json).code.as_str()),
        (413, "RequestTooLarge")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn keep_alive_serves_several_requests_on_one_connection() {
    let server = start(config()).await;
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    for n in 0..3 {
        let request = request_for(&server, SignatureVersion::V3, Format::Json);
        let target = request.uri().path_and_query().unwrap().as_str().to_owned();
        let mut head = format!("POST {target} HTTP/1.1\r\n");
        for (name, value) in request.headers() {
            head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
        }
        head.push_str("content-length: 0\r\n\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        // Read exactly one answer: head, then Content-Length bytes.
        let mut raw = Vec::new();
        let mut byte = [0u8; 1];
        while !raw.ends_with(b"\r\n\r\n") {
            let read = tokio::time::timeout(EXCHANGE_TIMEOUT, stream.read(&mut byte))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(read, 1, "connection closed during answer {n}");
            raw.push(byte[0]);
        }
        let mut body = vec![0u8; EXAMPLE_JSON.len()];
        tokio::time::timeout(EXCHANGE_TIMEOUT, stream.read_exact(&mut body))
            .await
            .unwrap()
            .unwrap();
        raw.extend(body);
        let reply = parse_reply(&raw);
        assert_eq!((reply.status, reply.body.as_str()), (200, EXAMPLE_JSON));
    }
    server.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let server = start(config()).await;
    let addr = server.local_addr();
    assert_eq!(server.url(), format!("http://{addr}"));
    // An idle keep-alive connection does not hold shutdown up.
    let _idle = TcpStream::connect(addr).await.unwrap();
    tokio::time::timeout(EXCHANGE_TIMEOUT, server.shutdown())
        .await
        .expect("shutdown in time");
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn serve_runs_until_its_shutdown_future() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, OPERATIONS, config(), async {
        let _ = stopped.await;
    }));
    let request = fresh(
        &format!("http://{addr}"),
        &MODIFY_JOB_GROUP,
        &valid_params(),
        SignatureVersion::V1,
        Format::Json,
    );
    let reply = exchange(addr, &request).await.expect("an answer");
    assert_eq!(reply.status, 200);
    stop.send(()).unwrap();
    tokio::time::timeout(EXCHANGE_TIMEOUT, task)
        .await
        .expect("serve ends in time")
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err());
}

/// Reads until the server closes the connection (EOF or reset); how long that took.
async fn closed_after(stream: &mut TcpStream) -> Duration {
    let started = std::time::Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(EXCHANGE_TIMEOUT, stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("the mock kept the connection open"),
        }
    }
}

const SHORT: Duration = Duration::from_millis(300);

#[tokio::test]
async fn a_client_that_sends_nothing_is_cut_off() {
    let server = start(config().with_read_timeouts(SHORT, SHORT)).await;
    let mut idle = TcpStream::connect(server.local_addr()).await.unwrap();
    let waited = closed_after(&mut idle).await;
    assert!(
        waited >= SHORT - Duration::from_millis(50) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_half_sent_body_is_cut_off() {
    let server = start(config().with_read_timeouts(SHORT, SHORT)).await;
    let request = request_for(&server, SignatureVersion::V3, Format::Json);
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let mut head = format!("POST {target} HTTP/1.1\r\n");
    for (name, value) in request.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
    }
    // Promise 100 bytes, send 10, stall.
    head.push_str("content-length: 100\r\n\r\n0123456789");
    stream.write_all(head.as_bytes()).await.unwrap();
    let waited = closed_after(&mut stream).await;
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    server.shutdown().await;
}

#[tokio::test]
async fn the_connection_cap_makes_clients_wait_not_fail() {
    // Two slots, both taken by clients that send nothing: a valid client waits until the header timeout
    // frees one, then is served.
    let server = start(
        config()
            .with_max_connections(2)
            .with_read_timeouts(SHORT, SHORT),
    )
    .await;
    let _idle = [
        TcpStream::connect(server.local_addr()).await.unwrap(),
        TcpStream::connect(server.local_addr()).await.unwrap(),
    ];
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = std::time::Instant::now();
    let request = request_for(&server, SignatureVersion::V3, Format::Json);
    let reply = exchange(server.local_addr(), &request)
        .await
        .expect("answered");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
    server.shutdown().await;
}

#[tokio::test]
async fn an_oversized_head_is_refused() {
    let server = start(config()).await;
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    let head = format!(
        "GET /?{} HTTP/1.1\r\nhost: x\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(EXCHANGE_TIMEOUT, stream.read_to_end(&mut raw)).await;
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 431"),
        "{text}"
    );
    server.shutdown().await;
}
