//! The `outboundbot` command-line tool, run in-process through the runtime's `cli::run` with the generated
//! operation table (the binary's `main` is one line calling the same). Dry-run output is checked against
//! URLs and signatures computed independently with Python's standard library (`hmac`, `hashlib`, `base64`,
//! `urllib.parse.quote(safe='-_.~')`) from `runtime/docs/wire-format.md`.

use std::ffi::OsString;
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use aliyun_rpc_cli::{Tool, run};
use aliyun_rpc_mock::{MockConfig, MockServer};
use aliyun_rpc_runtime::operation::OperationSpec;
use outboundbot::modify_job_group;

fn tool() -> Tool<'static> {
    Tool {
        name: "outboundbot",
        about: "test",
        default_region: outboundbot::DEFAULT_REGION,
        operations: outboundbot::cli::OPERATIONS,
    }
}

fn env(name: &str) -> Result<String, std::env::VarError> {
    env_with_secret(name, "testsecret")
}

fn env_with_secret(name: &str, secret: &str) -> Result<String, std::env::VarError> {
    match name {
        "ALIBABA_CLOUD_ACCESS_KEY_ID" => Ok("testid".into()),
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET" => Ok(secret.into()),
        _ => Err(std::env::VarError::NotPresent),
    }
}

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn cli_with_stdin<S: AsRef<str>>(args: &[S], stdin: &[u8]) -> Run {
    cli_full(args, stdin, &env)
}

fn cli_full<S: AsRef<str>>(
    args: &[S],
    stdin: &[u8],
    env: &dyn Fn(&str) -> Result<String, std::env::VarError>,
) -> Run {
    let mut argv: Vec<OsString> = vec!["outboundbot".into()];
    argv.extend(args.iter().map(|a| OsString::from(a.as_ref())));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&tool(), argv, env, &mut &stdin[..], &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).expect("utf-8 stdout"),
        err: String::from_utf8(err).expect("utf-8 stderr"),
    }
}

fn cli<S: AsRef<str>>(args: &[S]) -> Run {
    cli_with_stdin(args, b"")
}

/// The doc page's example values as flags.
const SEED_FLAGS: &[&str] = &[
    "modify-job-group",
    "--instance-id",
    "174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
    "--job-group-id",
    "3edc0260-6f7c-4de4-8535-09372240618b",
    "--name",
    "修改后的作业组",
    "--scenario-id",
    "c6a668d1-3145-4048-9101-cb3678bb8884",
    "--description",
    "修改后的作业组",
    "--strategy-json",
    r#"{"maxAttemptsPerDay":"0","minAttemptInterval":"5","Id":"689fc584-7f9f-4dc2-933d-8711beef7b15"}"#,
    "--recall-strategy-json",
    r#"{"emptyNumberIgnore":false,"inArrearsIgnore":false,"outOfServiceIgnore":false}"#,
    "--script-id",
    "5a3940ce-a12f-4222-9f0f-605a9b89ea7c",
    "--calling-number",
    "4008013260",
    "--job-group-status",
    "Draft",
    "--ringing-duration",
    "25",
    "--min-concurrency",
    "1",
    "--priority",
    "Daily",
    "--flash-sms-extras",
    r#"{"templateId":"10471","configId":"8037f524-6ff2-4dbe-bb28-f59234ea7a64"}"#,
    "--recall-calling-number",
    "4008013260",
];

const FIXED: &[&str] = &[
    "--nonce",
    "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "--timestamp",
    "2016-02-23T12:46:24Z",
    "--dry-run",
];

fn dry_run(version: &str) -> Run {
    let mut args = vec!["--signature-version", version];
    args.extend_from_slice(FIXED);
    args.extend_from_slice(SEED_FLAGS);
    cli(&args)
}

const API_QUERY: &str = "CallingNumber.1=4008013260&Description=%E4%BF%AE%E6%94%B9%E5%90%8E%E7%9A%84%E4%BD%9C%E4%B8%9A%E7%BB%84&FlashSmsExtras=%7B%22templateId%22%3A%2210471%22%2C%22configId%22%3A%228037f524-6ff2-4dbe-bb28-f59234ea7a64%22%7D&Format=JSON&InstanceId=174952ab-9825-4cc9-a5e2-de82d7fa4cdd&JobGroupId=3edc0260-6f7c-4de4-8535-09372240618b&JobGroupStatus=Draft&MinConcurrency=1&Name=%E4%BF%AE%E6%94%B9%E5%90%8E%E7%9A%84%E4%BD%9C%E4%B8%9A%E7%BB%84&Priority=Daily&RecallCallingNumber.1=4008013260&RecallStrategyJson=%7B%22emptyNumberIgnore%22%3Afalse%2C%22inArrearsIgnore%22%3Afalse%2C%22outOfServiceIgnore%22%3Afalse%7D&RingingDuration=25&ScenarioId=c6a668d1-3145-4048-9101-cb3678bb8884&ScriptId=5a3940ce-a12f-4222-9f0f-605a9b89ea7c&StrategyJson=%7B%22maxAttemptsPerDay%22%3A%220%22%2C%22minAttemptInterval%22%3A%225%22%2C%22Id%22%3A%22689fc584-7f9f-4dc2-933d-8711beef7b15%22%7D";

#[test]
fn dry_run_v1_is_the_independently_signed_request() {
    let r = dry_run("v1");
    assert_eq!((r.code, r.err.as_str()), (0, ""));
    let expected_url = "https://outboundbot.cn-shanghai.aliyuncs.com/?AccessKeyId=testid&Action=ModifyJobGroup&CallingNumber.1=4008013260&Description=%E4%BF%AE%E6%94%B9%E5%90%8E%E7%9A%84%E4%BD%9C%E4%B8%9A%E7%BB%84&FlashSmsExtras=%7B%22templateId%22%3A%2210471%22%2C%22configId%22%3A%228037f524-6ff2-4dbe-bb28-f59234ea7a64%22%7D&Format=JSON&InstanceId=174952ab-9825-4cc9-a5e2-de82d7fa4cdd&JobGroupId=3edc0260-6f7c-4de4-8535-09372240618b&JobGroupStatus=Draft&MinConcurrency=1&Name=%E4%BF%AE%E6%94%B9%E5%90%8E%E7%9A%84%E4%BD%9C%E4%B8%9A%E7%BB%84&Priority=Daily&RecallCallingNumber.1=4008013260&RecallStrategyJson=%7B%22emptyNumberIgnore%22%3Afalse%2C%22inArrearsIgnore%22%3Afalse%2C%22outOfServiceIgnore%22%3Afalse%7D&RingingDuration=25&ScenarioId=c6a668d1-3145-4048-9101-cb3678bb8884&ScriptId=5a3940ce-a12f-4222-9f0f-605a9b89ea7c&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&StrategyJson=%7B%22maxAttemptsPerDay%22%3A%220%22%2C%22minAttemptInterval%22%3A%225%22%2C%22Id%22%3A%22689fc584-7f9f-4dc2-933d-8711beef7b15%22%7D&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2019-12-26&Signature=Sct2F8Kuvqx8jBhSO1rJ8M2HT1c%3D";
    let expected = format!(
        "{{\"method\": \"POST\", \"url\": \"{expected_url}\", \"headers\": {{\"host\": \"outboundbot.cn-shanghai.aliyuncs.com\"}}, \"body\": \"\"}}\n"
    );
    assert_eq!(r.out, expected);
}

#[test]
fn dry_run_v3_is_the_independently_signed_request() {
    let r = dry_run("v3");
    assert_eq!((r.code, r.err.as_str()), (0, ""));
    let expected = format!(
        "{{\"method\": \"POST\", \"url\": \"https://outboundbot.cn-shanghai.aliyuncs.com/?{API_QUERY}\", \"headers\": {{\"authorization\": \"ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=34f5f1118423010cdaff46b952cfb2f4ab0b1cb3fc2d70cb8fab09a2ddff5f23\", \"host\": \"outboundbot.cn-shanghai.aliyuncs.com\", \"x-acs-action\": \"ModifyJobGroup\", \"x-acs-content-sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\", \"x-acs-date\": \"2016-02-23T12:46:24Z\", \"x-acs-signature-nonce\": \"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\", \"x-acs-version\": \"2019-12-26\"}}, \"body\": \"\"}}\n"
    );
    assert_eq!(r.out, expected);
}

#[test]
fn dry_run_output_is_json_and_v3_is_the_default() {
    let mut args = FIXED.to_vec();
    args.extend_from_slice(&["--endpoint", "http://127.0.0.1:9", "--format", "xml"]);
    args.extend_from_slice(&[
        "modify-job-group",
        "--instance-id",
        "i",
        "--job-group-id",
        "j",
        "--name",
        "n",
        "--job-group-status",
        "Draft",
        "--min-concurrency",
        "0",
    ]);
    let r = cli(&args);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("one JSON object");
    assert_eq!(
        v["url"],
        "http://127.0.0.1:9/?Format=XML&InstanceId=i&JobGroupId=j&JobGroupStatus=Draft&MinConcurrency=0&Name=n"
    );
    assert!(
        v["headers"]["authorization"]
            .as_str()
            .is_some_and(|a| a.starts_with("ACS3-HMAC-SHA256 Credential=testid,"))
    );
}

#[test]
fn help_lists_flags_from_the_spec() {
    let r = cli(&["modify-job-group", "--help"]);
    assert_eq!(r.code, 0);
    for expected in [
        "修改智能外呼任务。",
        "--instance-id",
        "实例ID。",
        "--calling-number",
        "CallingNumber.N",
        "one of Urgent, Daily",
        "--dry-run",
    ] {
        assert!(
            r.out.contains(expected),
            "help lacks {expected:?}:\n{}",
            r.out
        );
    }
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let r = cli(&["modify-job-group", "--instance-id", "i", "--name", "n"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("--job-group-id"), "{}", r.err);

    let mut args = vec!["--dry-run"];
    args.extend_from_slice(MINIMAL);
    args.extend_from_slice(&["--ringing-duration", "soon"]);
    let r = cli(&args);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.err,
        "outboundbot: --ringing-duration: \"soon\" is not a valid Long\n"
    );

    let mut args = vec!["--timestamp", "yesterday", "--dry-run"];
    args.extend_from_slice(MINIMAL);
    let r = cli(&args);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("YYYY-MM-DDThh:mm:ssZ"), "{}", r.err);
}

#[test]
fn decode_prints_identical_json_for_identical_xml_and_json() {
    let from_json = cli_with_stdin(
        &["decode", "modify-job-group", "-"],
        modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes(),
    );
    let from_xml = cli_with_stdin(
        &["--format", "xml", "decode", "modify-job-group", "-"],
        modify_job_group::EXAMPLE_RESPONSE_XML.as_bytes(),
    );
    assert_eq!(
        (from_json.code, from_xml.code),
        (0, 0),
        "{} {}",
        from_json.err,
        from_xml.err
    );
    assert_eq!(from_json.out, from_xml.out);
    // API field names, spec order, pretty.
    assert!(
        from_json.out.starts_with(
            "{\n  \"HttpStatusCode\": 200,\n  \"Code\": \"OK\",\n  \"Message\": \"Success\",\n"
        ),
        "{}",
        from_json.out
    );
    let v: serde_json::Value = serde_json::from_str(&from_json.out).expect("valid JSON");
    let seed: serde_json::Value =
        serde_json::from_str(modify_job_group::EXAMPLE_RESPONSE_JSON).expect("seed JSON");
    assert_eq!(v, seed);
}

#[test]
fn decode_reads_files_and_reports_bad_bodies() {
    let path = std::env::temp_dir().join(format!("outboundbot-cli-{}.xml", std::process::id()));
    std::fs::write(&path, modify_job_group::EXAMPLE_RESPONSE_XML).expect("write temp file");
    let r = cli(&[
        "--format",
        "xml",
        "decode",
        "modify-job-group",
        path.to_str().expect("utf-8 path"),
    ]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(r.code, 0, "{}", r.err);

    let r = cli_with_stdin(
        &["decode", "modify-job-group", "-"],
        br#"{"JobGroup":{"Strategy":"x"}}"#,
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.err,
        "outboundbot: cannot decode response at `JobGroup.Strategy`: expected an object, found a string\n"
    );
}

/// A writer that forwards what the mock prints (its address) to the test.
struct Lines(mpsc::Sender<String>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = self.0.send(String::from_utf8_lossy(buf).into_owned());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn mock_config() -> MockConfig {
    MockConfig::new()
        .with_credential("testid", "testsecret")
        .with_instance("174952ab-9825-4cc9-a5e2-de82d7fa4cdd")
}

/// The runtime's mock service on its own runtime (the CLI runs its own runtime, so they cannot share one);
/// shut down when dropped.
struct Mock {
    runtime: tokio::runtime::Runtime,
    server: Option<MockServer>,
    url: String,
}

static OPERATIONS: &[&OperationSpec] = &[&modify_job_group::SPEC];

impl Mock {
    fn start(config: MockConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let server = runtime
            .block_on(MockServer::bind_loopback(OPERATIONS, config))
            .expect("mock binds");
        let url = server.url();
        Mock {
            runtime,
            server: Some(server),
            url,
        }
    }

    fn url(&self) -> String {
        self.url.clone()
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            self.runtime.block_on(server.shutdown());
        }
    }
}

/// Starts the `outboundbot mock` subcommand on a free loopback port in a background thread; returns its URL.
/// The subcommand serves until its process ends, so only the test of the subcommand itself uses this; the
/// other tests use [`Mock`], which they stop.
fn start_mock_subcommand(extra: &[&str]) -> String {
    let (tx, rx) = mpsc::channel();
    let mut args: Vec<String> = [
        "outboundbot",
        "mock",
        "--listen",
        "127.0.0.1:0",
        "--instance",
        "174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    std::thread::spawn(move || {
        let argv: Vec<OsString> = args.into_iter().map(OsString::from).collect();
        let mut out = Lines(tx);
        let code = run(
            &tool(),
            argv,
            &env,
            &mut std::io::empty(),
            &mut out,
            &mut std::io::sink(),
        );
        let _ = out.0.send(format!("exited {code}"));
    });
    let mut line = String::new();
    while !line.ends_with('\n') {
        line.push_str(
            &rx.recv_timeout(Duration::from_secs(10))
                .expect("mock starts"),
        );
    }
    let url = line.trim().rsplit(' ').next().expect("address").to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    url
}

#[test]
fn the_mock_subcommand_serves_calls_that_print_the_decoded_response() {
    let url = start_mock_subcommand(&[]);
    for (version, format) in [("v1", "json"), ("v3", "xml")] {
        let mut args = vec![
            "--endpoint",
            url.as_str(),
            "--signature-version",
            version,
            "--format",
            format,
        ];
        args.extend_from_slice(SEED_FLAGS);
        let r = cli(&args);
        assert_eq!(r.code, 0, "{version} {format}: {}", r.err);
        let v: serde_json::Value = serde_json::from_str(&r.out).expect("pretty JSON");
        let seed: serde_json::Value =
            serde_json::from_str(modify_job_group::EXAMPLE_RESPONSE_JSON).expect("seed");
        assert_eq!(v, seed, "{version} {format}");
    }
}

#[test]
fn service_errors_go_to_stderr_with_exit_1() {
    let mock = Mock::start(mock_config());
    let url = mock.url();
    let mut args = call(&url, &[]);
    args[4] = "unknown".to_string(); // the --instance-id value
    let r = cli(&args);
    assert_eq!(r.code, 1);
    assert_eq!(r.out, "");
    assert!(r.err.starts_with("outboundbot: HTTP 404 NotExist.Instance: The specified Instance does not exist. (RequestId "), "{}", r.err);

    let mock = Mock::start(mock_config().fail_with("InternalError"));
    let url = mock.url();
    let r = cli(&call(&url, &[]));
    assert_eq!(r.code, 1);
    assert!(r.err.contains("HTTP 500 InternalError"), "{}", r.err);
}

const MINIMAL: &[&str] = &[
    "modify-job-group",
    "--instance-id",
    "174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
    "--job-group-id",
    "j",
    "--name",
    "n",
    "--job-group-status",
    "Draft",
    "--min-concurrency",
    "0",
];

/// `--endpoint URL`, then `extra`, then the minimal required flags.
fn call(url: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--endpoint".to_string(), url.to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(MINIMAL.iter().map(|s| s.to_string()));
    args
}

#[test]
fn a_wrong_secret_is_reported_as_a_signature_mismatch() {
    let mock = Mock::start(mock_config());
    let url = mock.url();
    for version in ["v1", "v3"] {
        let r = cli_full(&call(&url, &["--signature-version", version]), b"", &|n| {
            env_with_secret(n, "wrong-secret")
        });
        assert_eq!(r.code, 1, "{version}");
        assert!(
            r.err.contains("HTTP 400 SignatureDoesNotMatch"),
            "{version}: {}",
            r.err
        );
        assert!(!r.err.contains("wrong-secret"), "the secret never shows");
        assert!(
            r.err.contains("; client string to sign is:")
                && r.err
                    .contains("(the same as the server's: the AccessKey secret is wrong)"),
            "{version}: {}",
            r.err
        );
    }
}

#[test]
fn throttled_calls_are_retried_until_they_succeed() {
    let mock = Mock::start(mock_config().throttle_first(2));
    let url = mock.url();
    let r = cli(&call(&url, &[]));
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("\"Success\": true"), "{}", r.out);
}

#[test]
fn a_server_that_hangs_up_ends_in_a_clear_error_after_bounded_retries() {
    let mock = Mock::start(mock_config().close_always());
    let url = mock.url();
    let started = std::time::Instant::now();
    let r = cli(&call(&url, &[]));
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("outboundbot: "), "{}", r.err);
    assert!(r.err.contains("4 attempts"), "{}", r.err);
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "bounded by the retry budget"
    );
}

#[test]
fn the_mock_subcommand_serves_a_list_operation_as_pages() {
    let url = start_mock_subcommand(&["--pages", "ListJobGroups=23"]);
    let page = |number: &str| {
        let r = cli(&[
            "--endpoint",
            url.as_str(),
            "list-job-groups",
            "--instance-id=174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
            "--page-number",
            number,
            "--page-size=10",
        ]);
        assert_eq!(r.code, 0, "{}", r.err);
        let v: serde_json::Value = serde_json::from_str(&r.out).expect("JSON");
        v["JobGroups"].clone()
    };
    let third = page("3");
    assert_eq!(third["TotalCount"], 23);
    assert_eq!(third["PageNumber"], 3);
    assert_eq!(third["List"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        third["List"][0]["JobGroupId"],
        "c62e6789-28a8-41db-941e-171a01d3b3b9#21"
    );

    for bad in ["ListJobGroups", "NoSuchAction=3", "ListJobGroups=many"] {
        let r = cli(&["mock", "--listen", "127.0.0.1:0", "--pages", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.err);
        assert!(r.err.contains("--pages"), "{bad}: {}", r.err);
    }
}

/// A writer that fails like stdout on a full disk (`/dev/full`) or a closed pipe.
struct FailingWriter(std::io::ErrorKind);

impl Write for FailingWriter {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(self.0.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Err(self.0.into())
    }
}

fn cli_to<S: AsRef<str>>(args: &[S], out: &mut dyn Write) -> (u8, String) {
    let mut argv: Vec<OsString> = vec!["outboundbot".into()];
    argv.extend(args.iter().map(|a| OsString::from(a.as_ref())));
    let mut err = Vec::new();
    let code = run(&tool(), argv, &env, &mut &b""[..], out, &mut err);
    (code, String::from_utf8(err).expect("utf-8 stderr"))
}

#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let mut args: Vec<&str> = FIXED.to_vec();
    args.extend(MINIMAL);
    for kind in [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::BrokenPipe,
    ] {
        let (code, err) = cli_to(&args, &mut FailingWriter(kind));
        assert_eq!(code, 1, "{kind:?}");
        assert!(
            err.starts_with("outboundbot: cannot write the output: "),
            "{err}"
        );
    }
    // The decoder's output too.
    let (code, _) = cli_to(
        &["decode", "modify-job-group", "-"],
        &mut FailingWriter(std::io::ErrorKind::BrokenPipe),
    );
    assert_ne!(code, 0);
}

#[test]
fn fixed_signing_inputs_without_dry_run_are_refused() {
    // Refused before anything is sent: no server listens on this endpoint.
    for flag in [["--nonce", "n-1"], ["--timestamp", "2016-02-23T12:46:24Z"]] {
        let r = cli(&call("http://127.0.0.1:9", &flag));
        assert_eq!(r.code, 2, "{}", r.err);
        assert_eq!(
            r.err,
            format!(
                "outboundbot: {}: a call signs each attempt with a fresh nonce and the current time\n",
                format_args!("{} applies only with --dry-run", flag[0])
            )
        );
    }
}

#[test]
fn impossible_timestamps_are_usage_errors() {
    for bad in [
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z",
        "0000-00-00T00:00:00Z",
        "2026-01-01T00:00:00z",
    ] {
        let mut args = vec!["--dry-run", "--timestamp", bad];
        args.extend(MINIMAL);
        let r = cli(&args);
        assert_eq!(r.code, 2, "{bad}: {}", r.out);
        assert!(
            r.err.contains("expected YYYY-MM-DDThh:mm:ssZ"),
            "{bad}: {}",
            r.err
        );
    }
    let mut args = vec!["--dry-run", "--timestamp", "2024-02-29T23:59:59Z"];
    args.extend(MINIMAL);
    assert_eq!(cli(&args).code, 0);
}

#[test]
fn an_empty_region_is_a_usage_error_not_a_bad_host() {
    for region in ["", "cn shanghai", "CN-SHANGHAI"] {
        let mut args = vec!["--dry-run", "--region", region];
        args.extend(MINIMAL);
        let r = cli(&args);
        assert_eq!(r.code, 2, "{region:?}: {}", r.out);
        assert!(r.err.contains("expected a region id"), "{}", r.err);
        assert!(!r.err.contains(".."), "{}", r.err);
    }
}

#[test]
fn fail_with_accepts_only_documented_codes() {
    let r = cli(&[
        "mock",
        "--listen",
        "127.0.0.1:0",
        "--fail-with",
        "NoSuchCode",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.err.starts_with("outboundbot: --fail-with \"NoSuchCode\": no operation documents this error code (documented: "),
        "{}",
        r.err
    );
    assert!(r.err.contains("NotExist.Instance"), "{}", r.err);
}

#[test]
fn dry_run_shows_that_a_token_is_present_but_not_the_token() {
    let sts = |name: &str| match name {
        "ALIBABA_CLOUD_SECURITY_TOKEN" => Ok("sts-token-value".to_string()),
        other => env(other),
    };
    for version in ["v1", "v3"] {
        let mut args = vec!["--signature-version", version];
        args.extend(FIXED);
        args.extend(MINIMAL);
        let r = cli_full(&args, b"", &sts);
        assert_eq!(r.code, 0, "{}", r.err);
        assert!(!r.out.contains("sts-token-value"), "{version}: {}", r.out);
        let shown = if version == "v1" {
            "SecurityToken=<redacted>"
        } else {
            "\"x-acs-security-token\": \"<redacted>\""
        };
        assert!(r.out.contains(shown), "{version}: {}", r.out);
    }
}

#[test]
fn a_request_over_the_uri_limit_says_it_is_too_long() {
    let long = "x".repeat(70_000);
    let mut args = vec!["--dry-run", "--signature-version", "v1"];
    args.extend(MINIMAL);
    args.extend(["--description", long.as_str()]);
    let r = cli(&args);
    assert_eq!(r.code, 2);
    assert!(
        r.err.contains("the request is too long: its URI would be "),
        "{}",
        r.err
    );
    assert!(r.err.contains("more than the 65534"), "{}", r.err);
}

#[test]
fn more_calling_numbers_than_max_items_is_a_usage_error() {
    let mut args: Vec<String> = ["--dry-run"]
        .iter()
        .chain(MINIMAL)
        .map(|s| s.to_string())
        .collect();
    for i in 0..100 {
        args.push("--calling-number".into());
        args.push(format!("400801{i:04}"));
    }
    let r = cli(&args);
    assert_eq!(r.code, 2, "{}", r.out);
    assert_eq!(
        r.err,
        "outboundbot: --calling-number: 100 values, more than the 99 the service accepts\n"
    );
    args.truncate(args.len() - 2);
    assert_eq!(cli(&args).code, 0);
}
