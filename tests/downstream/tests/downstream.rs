//! The downstream program against the mock over loopback: its process environment (cleared, then only the
//! endpoint, the AccessKey and the metadata switch) is all that points it there. Without credentials it
//! fails at setup with what the default chain said.

use std::process::{Command, Output};

use outboundbot::mock::{MockConfig, MockServer};

const INSTANCE: &str = "174952ab-9825-4cc9-a5e2-de82d7fa4cdd";

/// Runs the program with exactly `env`.
fn run(env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_downstream"))
        .arg(INSTANCE)
        .env_clear()
        .envs(env.iter().copied())
        .output()
        .expect("the program runs")
}

#[test]
fn the_environment_alone_points_the_program_at_the_mock() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime
        .block_on(MockServer::bind_loopback(
            outboundbot::OPERATIONS,
            MockConfig::new()
                .with_credential("downstream-id", "downstream-secret")
                .with_instance(INSTANCE)
                .with_pages("ListJobGroups", 23),
        ))
        .unwrap();
    let url = server.url();
    let output = run(&[
        ("ALIBABA_CLOUD_ENDPOINT", &url),
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "downstream-id"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "downstream-secret"),
        ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        "modified: request 254EB995-DEDF-48A4-9101-9CA5B72FFBCC\n\
         stored: JobGroup.JobGroupId = \"c62e6789-28a8-41db-941e-171a01d3b3b9\"\n\
         missing instance: HTTP 404 NotExist.Instance\n\
         job groups: 23 in 3 pages\n"
    );
    assert_eq!(server.request_count(), 5, "1 call, 1 error, 3 pages");
    runtime.block_on(server.shutdown());
}

#[test]
fn without_credentials_setup_fails_and_says_why() {
    let home = std::env::temp_dir().join(format!("downstream-empty-home-{}", std::process::id()));
    let output = run(&[
        ("HOME", home.to_str().unwrap()),
        ("ALIBABA_CLOUD_ENDPOINT", "http://127.0.0.1:9"),
        ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: no credentials: no credentials found by the default chain: env: environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set"),
        "{stderr}"
    );
    assert!(stderr.contains("ecs_ram_role: not configured"), "{stderr}");
}
