//! Each credential provider of the default chain in turn, as a downstream crate meets them: the client is
//! built from `outboundbot` alone, its credentials come from the chain (or, for `RamRoleArn`, from the
//! explicit provider), and it calls the crate's own mock. The chain reads a test-owned environment and home
//! directory, and its STS and instance-metadata endpoints point at a loopback fake (below) that answers
//! `AssumeRoleWithOIDC`, `AssumeRole`, the ECS metadata paths and a credentials URI.
//!
//! Every provider hands out its own AccessKeyId, and each case's mock accepts only the one expected, so a
//! successful call proves which provider the credentials came from. A second call asks the fake nothing: temporary
//! credentials are cached until shortly before they expire.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use outboundbot::mock::{MockConfig, MockServer};
use outboundbot::modify_job_group::ModifyJobGroupRequest;
use outboundbot::runtime::credentials::{
    CachedProvider, Credentials, DefaultChain, Environment, ProvideCredentials, RamRoleArnProvider,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const INSTANCE: &str = "174952ab-9825-4cc9-a5e2-de82d7fa4cdd";
/// What the fake hands out; far ahead so that the cache never renews during a test.
const EXPIRATION: &str = "2099-01-01T00:00:00Z";

/// The AccessKey pairs the fake and the static providers hand out.
const KEYS: &[(&str, &str)] = &[
    ("env-id", "env-secret"),
    ("cli-id", "cli-secret"),
    ("ini-id", "ini-secret"),
    ("STS.oidc-id", "oidc-secret"),
    ("STS.cli-role-id", "cli-role-secret"),
    ("STS.ecs-id", "ecs-secret"),
    ("STS.uri-id", "uri-secret"),
    ("STS.explicit-role-id", "explicit-role-secret"),
];

fn secret_of(id: &str) -> &'static str {
    KEYS.iter()
        .find(|(key, _)| *key == id)
        .map(|(_, secret)| *secret)
        .unwrap_or("unknown")
}

/// One request the fake answered: method, path and query as sent, and the body.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    headers: String,
    body: String,
}

/// A loopback fake of STS, the ECS instance-metadata service and a credentials URI.
struct Fake {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    async fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let log = log.clone();
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut stream).await else {
                        return;
                    };
                    let (status, body) = answer(&request);
                    log.lock().unwrap().push(request);
                    let response = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(response.as_bytes()).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Fake { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Reads one HTTP/1.1 request (head, then `content-length` bytes of body).
async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 || buffer.len() > 64 * 1024 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let mut request_line = head.lines().next()?.split(' ');
    Some(Seen {
        method: request_line.next()?.to_owned(),
        target: request_line.next()?.to_owned(),
        headers: head.to_ascii_lowercase(),
        body: String::from_utf8_lossy(&buffer[head_end..head_end + length]).into_owned(),
    })
}

fn temporary(id: &str) -> String {
    format!(
        r#"{{"AccessKeyId":"{id}","AccessKeySecret":"{}","SecurityToken":"token-of-{id}","Expiration":"{EXPIRATION}"}}"#,
        secret_of(id)
    )
}

/// What the fake answers: STS by `Action`, the metadata service by path, the credentials URI at `/uri`.
fn answer(request: &Seen) -> (&'static str, String) {
    let path = request.target.split('?').next().unwrap_or_default();
    let action = request
        .target
        .split_once('?')
        .map(|(_, query)| query)
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
        .unwrap_or_default();
    let sts = |id: &str| {
        format!(
            r#"{{"RequestId":"fake","AssumedRoleUser":{{"Arn":"arn","AssumedRoleId":"id"}},"Credentials":{}}}"#,
            temporary(id)
        )
    };
    match (request.method.as_str(), path, action) {
        ("POST", "/", "AssumeRoleWithOIDC") => ("200 OK", sts("STS.oidc-id")),
        (_, "/", "AssumeRole")
            if request
                .body
                .contains("RoleArn=acs%3Aram%3A%3A1%3Arole%2Fcli") =>
        {
            ("200 OK", sts("STS.cli-role-id"))
        }
        (_, "/", "AssumeRole") => ("200 OK", sts("STS.explicit-role-id")),
        ("PUT", "/latest/api/token", _) => ("200 OK", "imds-session".to_owned()),
        ("GET", "/latest/meta-data/ram/security-credentials/", _) => {
            ("200 OK", "ecs-role".to_owned())
        }
        ("GET", "/latest/meta-data/ram/security-credentials/ecs-role", _) => (
            "200 OK",
            temporary("STS.ecs-id").replacen('{', r#"{"Code":"Success","#, 1),
        ),
        ("GET", "/uri", _) => (
            "200 OK",
            temporary("STS.uri-id").replacen('{', r#"{"Code":"Success","#, 1),
        ),
        _ => ("404 Not Found", r#"{"Code":"NotFound"}"#.to_owned()),
    }
}

/// A temporary home directory, removed on drop.
struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Home {
        let dir = std::env::temp_dir().join(format!(
            "downstream-credentials-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Home(dir)
    }

    fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A mock that accepts only the AccessKey `id` (with its secret from `KEYS`).
async fn mock_accepting(id: &str) -> MockServer {
    let config = MockConfig::new()
        .with_instance(INSTANCE)
        .with_credential(id, secret_of(id));
    MockServer::bind_loopback(outboundbot::OPERATIONS, config)
        .await
        .unwrap()
}

/// The default chain over `vars` and `home`, its network endpoints at the fake.
fn chain(vars: &[(&str, &str)], home: &Home, fake: &Fake) -> DefaultChain {
    DefaultChain::builder()
        .env(Environment::from_pairs(vars.iter().copied()))
        .home_dir(home.path())
        .sts_endpoint(fake.url.clone())
        .metadata_endpoint(fake.url.clone())
        .build()
}

/// Builds the client over `provider` and makes two calls to a mock that accepts only `expected_id`, so
/// that success proves where the credentials came from.
async fn two_calls_with(provider: impl ProvideCredentials + 'static, expected_id: &str) {
    assert!(
        KEYS.iter().any(|(key, _)| *key == expected_id),
        "{expected_id} is not one of the fake's keys"
    );
    let mock = mock_accepting(expected_id).await;
    let client = outboundbot::Client::builder()
        .endpoint(mock.url())
        .credentials_provider(CachedProvider::new(provider))
        .load()
        .await
        .unwrap_or_else(|error| panic!("setup for {expected_id}: {error}"));
    for _ in 0..2 {
        let request = ModifyJobGroupRequest::new(INSTANCE, "job-group-1", "renamed", "Draft", 1);
        let response = client
            .modify_job_group(request)
            .await
            .unwrap_or_else(|error| panic!("call with {expected_id}: {error}"));
        assert_eq!(
            response.request_id.as_deref(),
            Some("254EB995-DEDF-48A4-9101-9CA5B72FFBCC")
        );
    }
    assert_eq!(mock.request_count(), 2);
    mock.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_provider_of_the_chain_in_turn_reaches_the_mock() {
    let fake = Fake::start().await;
    let none = Home::new("empty");
    let no_ecs = ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");

    // 1. Environment variables.
    let env = chain(
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
        ],
        &none,
        &fake,
    );
    two_calls_with(env, "env-id").await;
    assert!(fake.seen().is_empty(), "the environment needs no network");

    // 2. OIDC role (RRSA): the token file, then STS AssumeRoleWithOIDC, anonymous.
    let oidc_home = Home::new("oidc");
    let token_file = oidc_home.write("token", "oidc-token-value\n");
    let oidc = chain(
        &[
            ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/oidc"),
            (
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
                "acs:ram::1:oidc-provider/k8s",
            ),
            (
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
                token_file.to_str().unwrap(),
            ),
            no_ecs,
        ],
        &none,
        &fake,
    );
    two_calls_with(oidc, "STS.oidc-id").await;
    let seen = fake.seen();
    assert_eq!(seen.len(), 1, "one STS call, then the cache: {seen:?}");
    assert!(
        seen[0].target.contains("Action=AssumeRoleWithOIDC"),
        "{seen:?}"
    );
    assert!(
        seen[0].body.contains("OIDCToken=oidc-token-value"),
        "{seen:?}"
    );
    assert!(
        !seen[0].headers.contains("authorization"),
        "AssumeRoleWithOIDC is anonymous"
    );

    // 3. The CLI's profile file, an AK profile chosen by ALIBABA_CLOUD_PROFILE ...
    let cli_home = Home::new("cli");
    cli_home.write(
        ".aliyun/config.json",
        r#"{"current": "other", "profiles": [
            {"name": "other", "mode": "AK", "access_key_id": "wrong", "access_key_secret": "wrong"},
            {"name": "ak", "mode": "AK", "access_key_id": "cli-id", "access_key_secret": "cli-secret"},
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "cli-id", "access_key_secret": "cli-secret",
             "ram_role_arn": "acs:ram::1:role/cli", "ram_session_name": "downstream"}]}"#,
    );
    let cli = chain(&[("ALIBABA_CLOUD_PROFILE", "ak"), no_ecs], &cli_home, &fake);
    two_calls_with(cli, "cli-id").await;
    assert_eq!(fake.seen().len(), 1, "an AK profile needs no network");

    // ... and a RamRoleArn profile: STS AssumeRole signed with the profile's AccessKey.
    let cli_role = chain(
        &[("ALIBABA_CLOUD_PROFILE", "role"), no_ecs],
        &cli_home,
        &fake,
    );
    two_calls_with(cli_role, "STS.cli-role-id").await;
    let seen = fake.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[1].target.contains("Action=AssumeRole&"), "{seen:?}");
    assert!(seen[1].target.contains("AccessKeyId=cli-id"), "{seen:?}");
    assert!(
        seen[1].body.contains("RoleSessionName=downstream"),
        "{seen:?}"
    );
    assert!(seen[1].target.contains("Signature="), "{seen:?}");

    // 4. The credentials file ~/.alibabacloud/credentials.
    let ini_home = Home::new("ini");
    ini_home.write(
        ".alibabacloud/credentials",
        "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n",
    );
    let ini = chain(&[no_ecs], &ini_home, &fake);
    two_calls_with(ini, "ini-id").await;
    assert_eq!(
        fake.seen().len(),
        2,
        "an access_key section needs no network"
    );

    // 5. The ECS RAM role from the instance metadata service, hardened mode (session token first).
    let ecs = chain(&[], &none, &fake);
    two_calls_with(ecs, "STS.ecs-id").await;
    let seen = fake.seen();
    let ecs_seen: Vec<_> = seen[2..]
        .iter()
        .map(|s| format!("{} {}", s.method, s.target))
        .collect();
    assert_eq!(
        ecs_seen,
        [
            "PUT /latest/api/token",
            "GET /latest/meta-data/ram/security-credentials/",
            "GET /latest/meta-data/ram/security-credentials/ecs-role",
        ],
        "a session token, the role discovered, then its credentials; then the cache"
    );
    for get in &seen[3..5] {
        assert!(
            get.headers
                .contains("x-aliyun-ecs-metadata-token: imds-session"),
            "{seen:?}"
        );
    }

    // 6. A credentials URI.
    let uri = format!("{}/uri", fake.url);
    let by_uri = chain(
        &[("ALIBABA_CLOUD_CREDENTIALS_URI", uri.as_str()), no_ecs],
        &none,
        &fake,
    );
    two_calls_with(by_uri, "STS.uri-id").await;
    let seen = fake.seen();
    assert_eq!(seen.len(), 6, "{seen:?}");
    assert_eq!(seen[5].target, "/uri");

    // 7. RamRoleArn, explicit as in the official libraries: AssumeRole over a base provider.
    let explicit = RamRoleArnProvider::new(
        Credentials::new("env-id", "env-secret"),
        "acs:ram::1:role/explicit",
    )
    .with_sts_endpoint(fake.url.clone());
    two_calls_with(explicit, "STS.explicit-role-id").await;
    let seen = fake.seen();
    assert_eq!(seen.len(), 7, "{seen:?}");
    assert!(seen[6].target.contains("AccessKeyId=env-id"), "{seen:?}");
    assert!(
        seen[6]
            .body
            .contains("RoleArn=acs%3Aram%3A%3A1%3Arole%2Fexplicit"),
        "{seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_fails_fails_setup_with_its_reason_and_no_secret() {
    let fake = Fake::start().await;
    let none = Home::new("failing");
    // The credentials URI answers 404: setup fails, naming the provider and the URI.
    let uri = format!("{}/missing", fake.url);
    let failing = chain(
        &[
            ("ALIBABA_CLOUD_CREDENTIALS_URI", uri.as_str()),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "half-configured-secret"),
        ],
        &none,
        &fake,
    );
    let error = outboundbot::Client::builder()
        .endpoint("http://127.0.0.1:9")
        .credentials_provider(failing)
        .load()
        .await
        .expect_err("no provider yields credentials");
    let text = error.to_string();
    assert!(text.contains("credentials_uri"), "{text}");
    assert!(text.contains("/missing"), "{text}");
    assert!(text.contains("404"), "{text}");
    assert!(!text.contains("half-configured-secret"), "{text}");
    assert!(!format!("{error:?}").contains("half-configured-secret"));
}
