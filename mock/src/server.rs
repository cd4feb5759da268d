//! The mock over HTTP/1.1: hyper on a tokio listener, one task per connection, graceful shutdown.

use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt as _, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming as Body};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::{JoinHandle, JoinSet};

use super::config::MockConfig;
use super::handler::{MockOutcome, MockService};
use aliyun_rpc_runtime::operation::OperationSpec;

/// How long shutdown waits for requests in flight before cutting their connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running mock: its address, its request count, and a way to stop it.
///
/// Dropping the handle stops the server too (without waiting); [`Self::shutdown`] stops it and waits.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    service: Arc<MockService>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl MockServer {
    /// Serves `operations` on `listener` in a task on the current tokio runtime.
    ///
    /// Fails if called outside a tokio runtime or if the listener has no local address.
    pub fn start(
        listener: TcpListener,
        operations: &'static [&'static OperationSpec],
        config: MockConfig,
    ) -> io::Result<Self> {
        let runtime = tokio::runtime::Handle::try_current().map_err(io::Error::other)?;
        let addr = listener.local_addr()?;
        let service = Arc::new(MockService::new(operations, config));
        let (stop, stopped) = watch::channel(false);
        let task = runtime.spawn(run(listener, Arc::clone(&service), stopped));
        Ok(Self {
            addr,
            service,
            stop,
            task,
        })
    }

    /// Binds `127.0.0.1` on a free port and [starts](Self::start) there.
    pub async fn bind_loopback(
        operations: &'static [&'static OperationSpec],
        config: MockConfig,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
        Self::start(listener, operations, config)
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint to give a client: `http://<address>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests have arrived so far, including refused and dropped ones.
    pub fn request_count(&self) -> u64 {
        self.service.request_count()
    }

    /// The service behind the server.
    pub fn service(&self) -> &MockService {
        &self.service
    }

    /// Stops accepting connections, lets requests in flight finish (for at most a few seconds) and waits
    /// until every connection is closed.
    pub async fn shutdown(self) {
        // An error means the server task has already ended: nothing left to stop.
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Serves `operations` on `listener` until `shutdown` completes, then stops as [`MockServer::shutdown`] does.
///
/// For running the mock in the foreground (a binary, a test that owns the task); [`MockServer`] is the
/// handle-based alternative.
pub async fn serve(
    listener: TcpListener,
    operations: &'static [&'static OperationSpec],
    config: MockConfig,
    shutdown: impl Future<Output = ()>,
) {
    let service = Arc::new(MockService::new(operations, config));
    let (stop, stopped) = watch::channel(false);
    let server = run(listener, service, stopped);
    let mut server = std::pin::pin!(server);
    tokio::select! {
        () = server.as_mut() => {}
        () = shutdown => {
            let _ = stop.send(true);
            server.await;
        }
    }
}

/// The accept loop; ends when `stop` changes or its sender is dropped. At most
/// [`MockConfig::max_connections`] connections are served at once: past that, no connection is accepted
/// until one closes (clients wait in the listen backlog).
async fn run(listener: TcpListener, service: Arc<MockService>, mut stop: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    let slots = Arc::new(Semaphore::new(service.config().max_connections.max(1)));
    loop {
        tokio::select! {
            // `Ok` (stop was sent) and `Err` (the handle was dropped) both mean stop.
            _ = stop.changed() => break,
            accepted = accept_within(&listener, &slots) => match accepted {
                Ok((stream, slot)) => {
                    connections.spawn(connection(stream, Arc::clone(&service), stop.clone(), slot));
                }
                // Accept errors are per connection or transient (out of file descriptors): pause instead of
                // spinning, and keep serving.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            // Reap finished connections so the set does not grow with every connection ever served.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.abort_all();
    }
}

/// Waits for a free connection slot, then accepts. Cancel-safe: dropped while waiting, it gives the slot
/// back and loses no connection (`accept` is cancel-safe).
async fn accept_within(
    listener: &TcpListener,
    slots: &Arc<Semaphore>,
) -> io::Result<(TcpStream, OwnedSemaphorePermit)> {
    let slot = Arc::clone(slots)
        .acquire_owned()
        .await
        .map_err(io::Error::other)?;
    let (stream, _) = listener.accept().await?;
    Ok((stream, slot))
}

/// One connection: HTTP/1.1 with keep-alive, closed gracefully when the server stops. Holds its slot until
/// it ends.
async fn connection(
    stream: TcpStream,
    service: Arc<MockService>,
    mut stop: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let config = service.config();
    let mut builder = http1::Builder::new();
    builder
        // With a timer hyper enforces the header read timeout, so a silent or trickling client is cut off.
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .max_header_size(config.max_header_bytes);
    let answer = service_fn(move |request| answer(Arc::clone(&service), request));
    let conn = builder.serve_connection(TokioIo::new(stream), answer);
    let mut conn = std::pin::pin!(conn);
    // Connection errors (client gone, injected close) end the connection and nothing else.
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// Reads the body (bounded) and asks the service; an injected close becomes an error, which makes hyper drop
/// the connection without writing a response.
async fn answer(
    service: Arc<MockService>,
    request: hyper::Request<Body>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let limit = service.config().max_body_bytes;
    let deadline = service.config().body_read_timeout;
    // A client that stops half-way through its body would otherwise hold the connection forever.
    let Ok(read) = tokio::time::timeout(deadline, Limited::new(body, limit).collect()).await else {
        return Err(Dropped);
    };
    let outcome = match read {
        Ok(collected) => {
            let body = collected.to_bytes();
            service.handle_parts(&parts.method, &parts.uri, &parts.headers, &body)
        }
        Err(error) if error.is::<LengthLimitError>() => {
            service.too_large(&parts.method, &parts.uri, &parts.headers)
        }
        // The client went away in the middle of the body.
        Err(_) => return Err(Dropped),
    };
    match outcome {
        MockOutcome::Respond(response) => Ok(response.map(|body| Full::new(Bytes::from(body)))),
        MockOutcome::Close => Err(Dropped),
    }
}

/// The service's "error" for a connection dropped on purpose.
#[derive(Debug)]
struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by the mock")
    }
}

impl std::error::Error for Dropped {}
