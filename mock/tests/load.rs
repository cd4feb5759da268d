//! Loopback load tests of the mock, bounded in count and time so they run in CI in seconds:
//!
//! - many concurrent keep-alive clients send freshly signed requests (both schemes, both formats) and every
//!   answer must be the operation's example, byte for byte; throughput and p50/p99 latency are printed;
//! - the same while slow clients hold connections open (silent ones, and ones that trickle their headers or
//!   stop half-way through a body): the valid clients must keep being served, and the slow ones cut off.
//!
//! `cargo test -p aliyun-rpc-mock --test load -- --nocapture` prints the figures; the `#[ignore]`d
//! `*_large` variants run ten times as many requests (`-- --ignored`, best with `--release`).

mod mock_support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aliyun_rpc_mock::{MockConfig, MockServer};
use aliyun_rpc_runtime::Format;
use mock_support::*;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

/// No single exchange may take longer than this, however loaded the machine.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(20);

/// One keep-alive HTTP/1.1 connection, enough of a client to send signed requests and read answers with a
/// `Content-Length` (all the mock sends).
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        Self {
            stream,
            buffer: Vec::new(),
        }
    }

    /// Sends `request` and returns the status and body of the answer.
    async fn exchange(&mut self, request: &http::Request<Vec<u8>>) -> (u16, Vec<u8>) {
        let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
        let mut raw = format!("{} {target} HTTP/1.1\r\n", request.method()).into_bytes();
        for (name, value) in request.headers() {
            raw.extend_from_slice(name.as_str().as_bytes());
            raw.extend_from_slice(b": ");
            raw.extend_from_slice(value.as_bytes());
            raw.extend_from_slice(b"\r\n");
        }
        raw.extend_from_slice(
            format!("content-length: {}\r\n\r\n", request.body().len()).as_bytes(),
        );
        raw.extend_from_slice(request.body());
        self.stream.write_all(&raw).await.expect("write");

        let head_end = loop {
            if let Some(i) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill().await;
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).into_owned();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        let length: usize = head
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.trim().parse().ok())
            .expect("content-length");
        while self.buffer.len() < head_end + length {
            self.fill().await;
        }
        let body = self.buffer[head_end..head_end + length].to_vec();
        self.buffer.drain(..head_end + length);
        (status, body)
    }

    async fn fill(&mut self) {
        let mut chunk = [0u8; 8192];
        let n = self.stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "the mock closed a valid client's connection");
        self.buffer.extend_from_slice(&chunk[..n]);
    }
}

/// What a run measured.
struct Figures {
    requests: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Figures {
    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted[index]
    }

    fn report(&self, what: &str) {
        println!(
            "{what}: {} requests in {:.2?} = {:.0} req/s; latency p50 {:.2?}, p99 {:.2?}, max {:.2?}",
            self.requests,
            self.elapsed,
            self.requests as f64 / self.elapsed.as_secs_f64(),
            self.percentile(0.50),
            self.percentile(0.99),
            self.percentile(1.0),
        );
    }
}

/// `clients` concurrent keep-alive clients each send `per_client` freshly signed requests, cycling through
/// both schemes and both formats; every answer must be 200 with the example in the requested format.
async fn drive(server: &MockServer, clients: usize, per_client: usize) -> Figures {
    let addr = server.local_addr();
    let url = Arc::new(server.url());
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for client in 0..clients {
        let url = Arc::clone(&url);
        tasks.spawn(async move {
            let mut connection = Connection::open(addr).await;
            let mut latencies = Vec::with_capacity(per_client);
            for n in 0..per_client {
                let (version, format) = COMBINATIONS[(client + n) % COMBINATIONS.len()];
                let request = fresh(&url, &MODIFY_JOB_GROUP, &valid_params(), version, format);
                let sent = Instant::now();
                let (status, body) =
                    tokio::time::timeout(EXCHANGE_LIMIT, connection.exchange(&request))
                        .await
                        .expect("answered in time");
                latencies.push(sent.elapsed());
                let expected = match format {
                    Format::Json => EXAMPLE_JSON,
                    Format::Xml => EXAMPLE_XML,
                };
                assert_eq!(
                    (status, String::from_utf8_lossy(&body).as_ref()),
                    (200, expected),
                    "client {client}, request {n}, {version:?} {format:?}"
                );
            }
            latencies
        });
    }
    let mut latencies = Vec::with_capacity(clients * per_client);
    while let Some(done) = tasks.join_next().await {
        latencies.extend(done.expect("client task"));
    }
    Figures {
        requests: clients * per_client,
        elapsed: started.elapsed(),
        latencies,
    }
}

async fn concurrent_signed_requests(clients: usize, per_client: usize) {
    let server = MockServer::bind_loopback(OPERATIONS, config())
        .await
        .expect("bind");
    let figures = drive(&server, clients, per_client).await;
    figures.report(&format!("{clients} concurrent clients"));
    // Every request reached the service and nothing else did.
    assert_eq!(server.request_count(), (clients * per_client) as u64);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_signed_requests_are_all_answered_right() {
    concurrent_signed_requests(64, 40).await; // 2,560 requests
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the large run: about 25,600 requests"]
async fn concurrent_signed_requests_large() {
    concurrent_signed_requests(256, 100).await;
}

/// How the slow clients misbehave.
#[derive(Clone, Copy, Debug)]
enum Slow {
    /// Connects and sends nothing.
    Silent,
    /// Sends a request head one byte at a time, a byte every 100 ms.
    Trickle,
    /// Sends a whole head promising a body, 10 bytes of it, then stalls.
    HalfBody,
}

/// Holds one slow connection until the mock closes it; returns how long that took.
async fn slow_client(addr: SocketAddr, how: Slow) -> Duration {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST /?Action=ModifyJobGroup HTTP/1.1\r\nhost: {addr}\r\ncontent-length: 100\r\n\r\n"
    );
    match how {
        Slow::Silent => {}
        Slow::Trickle => {
            for byte in head.as_bytes() {
                if stream.write_all(&[*byte]).await.is_err() {
                    return started.elapsed(); // cut off mid-head
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Slow::HalfBody => {
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(b"0123456789").await;
        }
    }
    let mut buf = [0u8; 256];
    loop {
        match tokio::time::timeout(EXCHANGE_LIMIT, stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("{how:?}: the mock kept a slow connection open"),
        }
    }
}

async fn served_while_slow_clients_hold_connections(
    slow: usize,
    clients: usize,
    per_client: usize,
) {
    let timeout = Duration::from_millis(1500);
    let server = MockServer::bind_loopback(
        OPERATIONS,
        MockConfig::new()
            .with_credential(ID, SECRET)
            .with_instance(INSTANCE)
            .with_read_timeouts(timeout, timeout)
            .with_max_connections(slow + clients + 16),
    )
    .await
    .expect("bind");
    let addr = server.local_addr();
    let mut slow_tasks = tokio::task::JoinSet::new();
    for n in 0..slow {
        let how = [Slow::Silent, Slow::Trickle, Slow::HalfBody][n % 3];
        slow_tasks.spawn(async move { (how, slow_client(addr, how).await) });
        if n % 50 == 49 {
            // Connect in bursts of 50, so the kernel's queue of half-open connections never overflows (a
            // connection it drops would look to the client like one the mock keeps open).
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    // Let the slow clients take their connections first.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let figures = drive(&server, clients, per_client).await;
    figures.report(&format!("{clients} clients beside {slow} slow connections"));
    let mut longest = Duration::ZERO;
    while let Some(done) = slow_tasks.join_next().await {
        let (how, held) = done.expect("slow client");
        // Cut off by the read timeouts, not by the test's own limit.
        assert!(held < timeout * 3, "{how:?} held {held:?}");
        longest = longest.max(held);
    }
    println!(
        "slow connections: all {slow} cut off, the last after {longest:.2?} (read timeouts {timeout:?})"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_clients_are_served_while_slow_connections_are_held() {
    served_while_slow_clients_hold_connections(150, 32, 25).await; // 800 requests beside 150 slow ones
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the large run: 600 slow connections, about 8,000 requests"]
async fn valid_clients_are_served_while_slow_connections_are_held_large() {
    served_while_slow_clients_hold_connections(600, 64, 125).await;
}
