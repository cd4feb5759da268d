//! The client against tiny HTTP/1.1 servers on 127.0.0.1 that answer from a script. Every server handles a
//! bounded number of connections, every read has a timeout, and retry policies use millisecond delays, so
//! each test ends in well under a few seconds.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::{Client, RetryPolicy, Timeouts, transport};
use crate::credentials::Credentials;
use crate::params::{Location, Params};
use crate::request::{Config, OperationInfo, SignatureVersion};
use crate::response::parse_error;
use crate::transport_error::TransportErrorKind;

const OP: OperationInfo = OperationInfo {
    action: "ModifyJobGroup",
    version: "2019-12-26",
    method: "POST",
    endpoint_template: "outboundbot.{region}.aliyuncs.com",
};

/// Most connections one test server accepts before it stops.
const MAX_CONNECTIONS: usize = 64;
/// How long a server waits for a request before giving up on the connection.
const READ_LIMIT: Duration = Duration::from_secs(5);

const SECRET: &str = "test-secret-value";
const TOKEN: &str = "test-sts-token-value";

/// What the server does with one connection.
#[derive(Clone)]
enum Reply {
    /// Reads the request and answers.
    Http {
        status: u16,
        headers: Vec<(&'static str, &'static str)>,
        body: &'static str,
    },
    /// Accepts, then closes at once without reading.
    Close,
    /// Reads the request and never answers (until the test ends).
    Silent,
}

fn json(status: u16, body: &'static str) -> Reply {
    Reply::Http {
        status,
        headers: vec![("Content-Type", "application/json;charset=utf-8")],
        body,
    }
}

fn with_header(reply: Reply, name: &'static str, value: &'static str) -> Reply {
    match reply {
        Reply::Http {
            status,
            mut headers,
            body,
        } => {
            headers.push((name, value));
            Reply::Http {
                status,
                headers,
                body,
            }
        }
        other => other,
    }
}

const THROTTLED: &str = r#"{"RequestId":"R-T","Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#;
const NOT_FOUND: &str = r#"{"RequestId":"R-404","HostId":"outboundbot.cn-shanghai.aliyuncs.com","Code":"NotExist.Instance","Message":"The specified Instance does not exist."}"#;
const INTERNAL: &str =
    r#"{"RequestId":"R-500","Code":"InternalError","Message":"An error occurred."}"#;
const OK: &str = r#"{"RequestId":"R-OK","Success":true,"Code":"OK"}"#;

/// One request as the server saw it.
struct Seen {
    at: Instant,
    /// Request line and headers; empty for [`Reply::Close`] connections, which are not read.
    head: String,
}

impl Seen {
    /// The signature nonce, from the V3 header or the V1 query.
    fn nonce(&self) -> Option<String> {
        let mut lines = self.head.lines();
        let request_line = lines.next()?;
        for line in lines {
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("x-acs-signature-nonce")
            {
                return Some(value.trim().to_owned());
            }
        }
        let query = request_line.split(' ').nth(1)?.split_once('?')?.1;
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("SignatureNonce="))
            .map(str::to_owned)
    }
}

struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server answering connection `n` with `script[n]`, the last entry repeating.
    async fn start(script: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        tokio::spawn(async move {
            for n in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let reply = script[n.min(script.len() - 1)].clone();
                let log = Arc::clone(&log);
                tokio::spawn(handle(stream, reply, log));
            }
        });
        Self { addr, seen }
    }

    fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    fn nonces(&self) -> Vec<String> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .map(|s| s.nonce().expect("every request carries a nonce"))
            .collect()
    }

    fn arrival_gaps(&self) -> Vec<Duration> {
        let seen = self.seen.lock().unwrap();
        seen.windows(2).map(|w| w[1].at - w[0].at).collect()
    }
}

async fn handle(mut stream: TcpStream, reply: Reply, log: Arc<Mutex<Vec<Seen>>>) {
    if let Reply::Close = reply {
        log.lock().unwrap().push(Seen {
            at: Instant::now(),
            head: String::new(),
        });
        return; // Dropping the stream closes the connection.
    }
    let Ok(Some(head)) = tokio::time::timeout(READ_LIMIT, read_request(&mut stream)).await else {
        return;
    };
    log.lock().unwrap().push(Seen {
        at: Instant::now(),
        head,
    });
    match reply {
        Reply::Http {
            status,
            headers,
            body,
        } => {
            let mut raw = format!("HTTP/1.1 {status} Whatever\r\n");
            for (name, value) in headers {
                raw.push_str(&format!("{name}: {value}\r\n"));
            }
            raw.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ));
            let _ = stream.write_all(raw.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
        Reply::Silent => tokio::time::sleep(READ_LIMIT).await,
        Reply::Close => {}
    }
}

/// Reads one request (head and `Content-Length` body) and returns its head.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(head)
}

fn params() -> Params {
    let mut params = Params::new();
    params.push(Location::Query, "InstanceId", "inst-1");
    params
}

/// Fast retries: millisecond backoff, a few seconds of budget.
fn quick_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_elapsed: Duration::from_secs(3),
    }
}

const TEST_TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(2),
    request: Duration::from_secs(5),
};

/// A client for `endpoint` whose HTTP client is this crate's, minus proxies from the environment (the
/// servers are on loopback).
fn client(endpoint: &str, version: SignatureVersion, policy: RetryPolicy) -> Client {
    let config = Config::new("cn-shanghai")
        .with_endpoint(endpoint)
        .with_signature_version(version);
    let http = transport::http_client_builder(&TEST_TIMEOUTS)
        .unwrap()
        .no_proxy()
        .build()
        .unwrap();
    Client::new(
        config,
        Credentials::new("test-id", SECRET).with_security_token(TOKEN),
    )
    .with_timeouts(TEST_TIMEOUTS)
    .with_retry_policy(policy)
    .with_http_client(http)
}

#[tokio::test]
async fn success_returns_status_headers_and_body() {
    let server = Server::start(vec![json(200, OK)]).await;
    // This one goes through the lazily built default HTTP client.
    let client = Client::new(
        Config::new("cn-shanghai").with_endpoint(server.endpoint()),
        Credentials::new("test-id", SECRET),
    )
    .with_timeouts(TEST_TIMEOUTS);

    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(answer.status, 200);
    assert!(answer.is_success());
    assert_eq!(answer.body, OK.as_bytes());
    assert_eq!(
        answer.content_type(),
        Some("application/json;charset=utf-8")
    );
    assert_eq!(server.count(), 1);
    let head = server.seen.lock().unwrap()[0].head.to_ascii_lowercase();
    assert!(
        head.starts_with("post /?format=json&instanceid=inst-1 http/1.1"),
        "{head}"
    );
    assert!(head.contains("x-acs-action: modifyjobgroup"), "{head}");
    assert!(head.contains("authorization: acs3-hmac-sha256"), "{head}");
}

async fn throttled_twice_then_success(version: SignatureVersion) {
    let server = Server::start(vec![
        json(503, THROTTLED),
        // A throttling code is retried even on a status that is not retryable by itself.
        json(400, THROTTLED),
        json(200, OK),
    ])
    .await;
    let client = client(&server.endpoint(), version, quick_retries(3));

    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(
        (answer.status, answer.body.as_slice()),
        (200, OK.as_bytes())
    );
    assert_eq!(server.count(), 3);
    let nonces = server.nonces();
    assert_eq!(nonces.len(), 3);
    assert!(nonces.iter().all(|n| n.len() == 32), "{nonces:?}");
    assert!(
        nonces[0] != nonces[1] && nonces[1] != nonces[2] && nonces[0] != nonces[2],
        "each attempt must be signed with a fresh nonce: {nonces:?}"
    );
}

#[tokio::test]
async fn throttled_twice_then_success_v3_fresh_nonce_each_attempt() {
    throttled_twice_then_success(SignatureVersion::V3).await;
}

#[tokio::test]
async fn throttled_twice_then_success_v1_fresh_nonce_each_attempt() {
    throttled_twice_then_success(SignatureVersion::V1).await;
}

#[tokio::test]
async fn connection_closed_every_time_gives_up_after_the_retry_limit() {
    let server = Server::start(vec![Reply::Close]).await;
    let client = client(&server.endpoint(), SignatureVersion::V1, quick_retries(3));

    let started = Instant::now();
    let err = client.send(&OP, &params()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "{err}");
    assert_eq!(err.kind(), TransportErrorKind::RetriesExhausted, "{err}");
    assert_eq!(err.last_failure(), Some(TransportErrorKind::Io), "{err}");
    assert_eq!(err.attempts(), 4);
    assert_eq!(server.count(), 4);
    let text = err.to_string();
    assert!(
        text.starts_with(
            "retries exhausted: retry limit of 3 reached; last attempt: exchange with"
        ),
        "{text}"
    );
    assert!(text.contains(&server.endpoint()), "{text}");
    assert!(text.ends_with(" (4 attempts)"), "{text}");
    // The V1 query carries the signature and the STS token: no URL in messages.
    for secret in [SECRET, TOKEN, "Signature", "AccessKeyId"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
        assert!(!format!("{err:?}").contains(secret), "{secret} leaked");
    }
}

#[tokio::test]
async fn connection_closed_every_time_stops_at_the_time_budget() {
    let server = Server::start(vec![Reply::Close]).await;
    let policy = RetryPolicy {
        max_retries: 1000,
        base_delay: Duration::from_millis(40),
        max_delay: Duration::from_millis(40),
        max_elapsed: Duration::from_millis(300),
    };
    let client = client(&server.endpoint(), SignatureVersion::V3, policy);

    let started = Instant::now();
    let err = client.send(&OP, &params()).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), TransportErrorKind::RetriesExhausted, "{err}");
    assert!(err.to_string().contains("time budget"), "{err}");
    // Waits are at most 40 ms within a 300 ms budget: a handful of attempts, far below the limit.
    assert!(
        (2..MAX_CONNECTIONS as u32).contains(&err.attempts()),
        "{err}"
    );
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn failure_after_a_throttled_answer_reports_that_answer() {
    let server = Server::start(vec![json(503, THROTTLED), Reply::Close]).await;
    let client = client(&server.endpoint(), SignatureVersion::V3, quick_retries(2));

    let err = client.send(&OP, &params()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::RetriesExhausted);
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.last_status(), Some(503));
    assert_eq!(err.last_code(), Some("Throttling.User"));
    assert!(
        err.to_string()
            .ends_with("(3 attempts; last answer HTTP 503 Throttling.User)"),
        "{err}"
    );
}

#[tokio::test]
async fn refused_connection_without_retries_is_a_connect_error() {
    // Bind then drop to get a loopback port that nothing listens on.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = client(
        &format!("http://{addr}"),
        SignatureVersion::V1,
        RetryPolicy::none(),
    );

    let err = client.send(&OP, &params()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert_eq!(err.attempts(), 1);
    assert!(err.is_not_sent());
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "connection failed: cannot connect to http://{addr}"
        )),
        "{text}"
    );
    for secret in [SECRET, TOKEN, "Signature"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[tokio::test]
async fn not_found_is_returned_at_once_without_retry() {
    let server = Server::start(vec![json(404, NOT_FOUND), json(200, OK)]).await;
    let client = client(&server.endpoint(), SignatureVersion::V3, quick_retries(3));

    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(answer.status, 404);
    assert_eq!(server.count(), 1);
    let err = parse_error(
        answer.status,
        crate::Format::Json,
        answer.content_type(),
        &answer.body,
    )
    .unwrap();
    assert_eq!(err.code, "NotExist.Instance");
}

#[tokio::test]
async fn exhausted_retries_on_answers_return_the_last_answer() {
    let server = Server::start(vec![json(500, INTERNAL)]).await;
    let client = client(&server.endpoint(), SignatureVersion::V3, quick_retries(2));

    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(
        (answer.status, answer.body.as_slice()),
        (500, INTERNAL.as_bytes())
    );
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let server = Server::start(vec![
        with_header(json(503, THROTTLED), "Retry-After", "1"),
        json(200, OK),
    ])
    .await;
    // The backoff alone would wait at most 1 ms: a gap of a second can only come from Retry-After.
    let policy = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
        max_elapsed: Duration::from_secs(5),
    };
    let client = client(&server.endpoint(), SignatureVersion::V3, policy);

    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(answer.status, 200);
    let gaps = server.arrival_gaps();
    assert_eq!(gaps.len(), 1);
    // The first arrival is logged before its answer is written, so the gap includes the whole wait.
    assert!(
        gaps[0] >= Duration::from_millis(950) && gaps[0] < Duration::from_secs(4),
        "{gaps:?}"
    );
}

#[tokio::test]
async fn retry_after_beyond_the_budget_returns_the_answer_at_once() {
    let server = Server::start(vec![
        with_header(json(429, THROTTLED), "Retry-After", "30"),
        json(200, OK),
    ])
    .await;
    let client = client(&server.endpoint(), SignatureVersion::V3, quick_retries(3));

    let started = Instant::now();
    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(answer.status, 429);
    assert_eq!(server.count(), 1);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn attempt_timeout_is_a_timeout_error() {
    let server = Server::start(vec![Reply::Silent]).await;
    let client = client(
        &server.endpoint(),
        SignatureVersion::V3,
        RetryPolicy::none(),
    )
    .with_timeouts(Timeouts {
        connect: Duration::from_secs(2),
        request: Duration::from_millis(300),
    });

    let started = Instant::now();
    let err = client.send(&OP, &params()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
    assert!(err.to_string().contains("within 300ms"), "{err}");
    assert!(!err.is_not_sent());
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn unbuildable_request_sends_nothing() {
    let client = client("http://bad host", SignatureVersion::V3, quick_retries(3));
    let err = client.send(&OP, &params()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Build, "{err}");
    assert_eq!(err.attempts(), 0);
}

#[test]
fn defaults() {
    assert_eq!(
        RetryPolicy::default(),
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(20),
        }
    );
    assert_eq!(RetryPolicy::none().max_retries, 0);
    assert_eq!(
        Timeouts::default(),
        Timeouts {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(30),
        }
    );
}

#[test]
fn debug_of_a_client_hides_the_secret() {
    let client = Client::new(
        Config::new("cn-shanghai"),
        Credentials::new("test-id", SECRET).with_security_token(TOKEN),
    );
    let debug = format!("{client:?}");
    assert!(debug.contains("test-id"), "{debug}");
    assert!(!debug.contains(SECRET) && !debug.contains(TOKEN), "{debug}");
}

/// A server that answers its first connection with `head` (status line and headers, without the blank line)
/// and then `body_bytes` bytes of body, chunked when `chunked`, written as fast as the client reads; it
/// counts connections.
async fn big_answer_server(
    head: &'static str,
    body_bytes: usize,
    chunked: bool,
) -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(Mutex::new(0));
    let count = Arc::clone(&connections);
    tokio::spawn(async move {
        for _ in 0..4 {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            *count.lock().unwrap() += 1;
            tokio::spawn(async move {
                if tokio::time::timeout(READ_LIMIT, read_request(&mut stream))
                    .await
                    .ok()
                    .flatten()
                    .is_none()
                {
                    return;
                }
                let _ = stream.write_all(format!("{head}\r\n\r\n").as_bytes()).await;
                let piece = vec![b'x'; 64 * 1024];
                let mut left = body_bytes;
                while left > 0 {
                    let n = left.min(piece.len());
                    let framed = if chunked {
                        let mut f = format!("{n:x}\r\n").into_bytes();
                        f.extend_from_slice(&piece[..n]);
                        f.extend_from_slice(b"\r\n");
                        f
                    } else {
                        piece[..n].to_vec()
                    };
                    if stream.write_all(&framed).await.is_err() {
                        return; // The client stopped reading: what the limit is for.
                    }
                    left -= n;
                }
                if chunked {
                    let _ = stream.write_all(b"0\r\n\r\n").await;
                }
                let _ = stream.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), connections)
}

#[tokio::test]
async fn a_declared_body_over_the_limit_is_refused_before_reading() {
    let (endpoint, connections) =
        big_answer_server("HTTP/1.1 200 OK\r\nContent-Length: 600000000", 0, false).await;
    let client =
        client(&endpoint, SignatureVersion::V3, quick_retries(2)).with_max_body_bytes(1 << 20);
    let err = client.send(&OP, &params()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
    assert!(
        err.to_string().contains(
            "(HTTP 200) declares 600000000 bytes; this client reads at most 1048576 bytes"
        ),
        "{err}"
    );
    assert_eq!(*connections.lock().unwrap(), 1, "not retried");
}

#[tokio::test]
async fn an_undeclared_body_is_cut_off_at_the_limit() {
    // 64 MiB sent chunked; the client stops after 1 MiB.
    let (endpoint, _) = big_answer_server(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked",
        64 << 20,
        true,
    )
    .await;
    let client =
        client(&endpoint, SignatureVersion::V3, quick_retries(0)).with_max_body_bytes(1 << 20);
    let started = Instant::now();
    let err = client.send(&OP, &params()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
    assert!(
        err.to_string().contains("(HTTP 200) is longer (")
            && err
                .to_string()
                .contains("this client reads at most 1048576 bytes"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read() {
    let (endpoint, _) = big_answer_server(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked",
        1 << 20,
        true,
    )
    .await;
    let client =
        client(&endpoint, SignatureVersion::V3, quick_retries(0)).with_max_body_bytes(1 << 20);
    let answer = client.send(&OP, &params()).await.unwrap();
    assert_eq!(answer.body.len(), 1 << 20);
}
