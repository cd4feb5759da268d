//! One mock service per test binary, on its own runtime (the command-line tool runs its own).

use std::sync::OnceLock;

use aliyun_rpc_mock::{MockConfig, MockServer};
use aliyun_rpc_runtime::operation::OperationSpec;

/// The AccessKey pair the mock accepts and the tool signs with.
pub const ACCESS_KEY_ID: &str = "testkit-id";
/// Its secret.
pub const ACCESS_KEY_SECRET: &str = "testkit-secret";

struct Shared {
    _runtime: tokio::runtime::Runtime,
    _server: MockServer,
    url: String,
}

static MOCK: OnceLock<Shared> = OnceLock::new();

/// The URL of the binary's mock serving `operations` (started on first use, with the instance check off so
/// any example instance id is accepted; it lives as long as the test process).
pub fn url(operations: &'static [&'static OperationSpec]) -> String {
    MOCK.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime for the mock");
        let config = MockConfig::new().with_credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        let server = runtime
            .block_on(MockServer::bind_loopback(operations, config))
            .expect("the mock binds a loopback port");
        Shared {
            url: server.url(),
            _server: server,
            _runtime: runtime,
        }
    })
    .url
    .clone()
}
