//! The tool on a hand-made one-operation table, so the crate's own behaviour is tested by
//! `cargo test -p aliyun-rpc-cli` alone (the generated operation table is exercised in `tests/tests/cli.rs`).

use std::ffi::OsString;
use std::io::Write;

use aliyun_rpc_cli::{CliOperation, Tool, decode_as, outcome, run};
use aliyun_rpc_runtime::operation::{ErrorSpec, OperationSpec, ParamKind, ParamSpec, ScalarKind};
use aliyun_rpc_runtime::request::OperationInfo;
use aliyun_rpc_runtime::response::{Failure, ServiceError, read_answer};
use aliyun_rpc_runtime::{Any, Format};

static DESCRIBE: OperationSpec = OperationSpec {
    info: OperationInfo {
        action: "DescribeThing",
        version: "2019-12-26",
        method: "POST",
        endpoint_template: "thing.{region}.aliyuncs.com",
    },
    command: "describe-thing",
    summary: "Describes a thing.",
    params: &[
        ParamSpec::new(
            "ThingId",
            "thing-id",
            ParamKind::Single(ScalarKind::String),
            "The thing.",
        )
        .required(),
        ParamSpec::new("Tag", "tag", ParamKind::List(ScalarKind::String), "Tags.").max_items(2),
    ],
    xml_root: "DescribeThingResponse",
    example_json: None,
    example_xml: None,
    errors: &[ErrorSpec {
        http_status: 404,
        code: "NotExist.Thing",
        message: "The thing does not exist.",
    }],
    paging: None,
};

// The shape of a generated `parse_response`, whose errors are unboxed the same way.
#[allow(clippy::result_large_err)]
fn parse(
    status: u16,
    content_type: Option<&str>,
    format: Format,
    body: &[u8],
) -> Result<Any, ServiceError> {
    read_answer::<Any>(status, content_type, format, body, DESCRIBE.xml_root).map_err(|failure| {
        match failure {
            Failure::Service(e) => e,
            other => ServiceError {
                status,
                code: "Other".into(),
                message: format!("{other:?}"),
                request_id: None,
                host_id: None,
                recommend: None,
                client_string_to_sign: None,
            },
        }
    })
}

static OPERATIONS: &[CliOperation] = &[CliOperation {
    spec: &DESCRIBE,
    decode: decode_as::<Any>,
    outcome: |answer, format| outcome(answer, format, parse),
}];

fn tool() -> Tool<'static> {
    Tool {
        name: "thing",
        about: "test",
        default_region: "cn-shanghai",
        operations: OPERATIONS,
    }
}

fn env(name: &str) -> Result<String, std::env::VarError> {
    match name {
        "ALIBABA_CLOUD_ACCESS_KEY_ID" => Ok("id".into()),
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET" => Ok("secret".into()),
        _ => Err(std::env::VarError::NotPresent),
    }
}

fn cli_to(args: &[&str], stdin: &[u8], out: &mut dyn Write) -> (u8, String) {
    let mut argv: Vec<OsString> = vec!["thing".into()];
    argv.extend(args.iter().map(OsString::from));
    let mut err = Vec::new();
    let code = run(&tool(), argv, &env, &mut &stdin[..], out, &mut err);
    (code, String::from_utf8(err).expect("UTF-8 stderr"))
}

fn cli(args: &[&str]) -> (u8, String, String) {
    let mut out = Vec::new();
    let (code, err) = cli_to(args, b"", &mut out);
    (code, String::from_utf8(out).expect("UTF-8 stdout"), err)
}

const FIXED: &[&str] = &[
    "--dry-run",
    "--nonce",
    "n-1",
    "--timestamp",
    "2016-02-23T12:46:24Z",
];

#[test]
fn dry_run_prints_the_signed_request() {
    let mut args = FIXED.to_vec();
    args.extend([
        "--signature-version",
        "v1",
        "describe-thing",
        "--thing-id",
        "t-1",
    ]);
    let (code, out, err) = cli(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"url\": \"https://thing.cn-shanghai.aliyuncs.com/?AccessKeyId=id&Action=DescribeThing&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=n-1&SignatureVersion=1.0&ThingId=t-1&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2019-12-26&Signature="), "{out}");
}

#[test]
fn fixed_signing_inputs_need_dry_run() {
    let (code, _, err) = cli(&["--nonce", "n-1", "describe-thing", "--thing-id", "t"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "thing: --nonce applies only with --dry-run: a call signs each attempt with a fresh nonce and the current time\n"
    );
}

#[test]
fn bad_regions_and_timestamps_are_usage_errors() {
    let (code, _, err) = cli(&[
        "--dry-run",
        "--region",
        "",
        "describe-thing",
        "--thing-id",
        "t",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("thing: --region \"\": expected a region id"),
        "{err}"
    );
    let (code, _, err) = cli(&[
        "--dry-run",
        "--timestamp",
        "2026-02-29T00:00:00Z",
        "describe-thing",
        "--thing-id",
        "t",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("expected YYYY-MM-DDThh:mm:ssZ"), "{err}");
}

#[test]
fn lists_over_max_items_are_usage_errors() {
    let (code, _, err) = cli(&[
        "--dry-run",
        "describe-thing",
        "--thing-id",
        "t",
        "--tag",
        "a",
        "--tag",
        "b",
        "--tag",
        "c",
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "thing: --tag: 3 values, more than the 2 the service accepts\n"
    );
}

#[test]
fn fail_with_needs_a_documented_code() {
    let (code, _, err) = cli(&["mock", "--listen", "127.0.0.1:0", "--fail-with", "Nope"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "thing: --fail-with \"Nope\": no operation documents this error code (documented: NotExist.Thing)\n"
    );
}

struct Full;

impl Write for Full {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::StorageFull.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn unwritable_output_fails() {
    let (code, err) = cli_to(
        &["decode", "describe-thing", "-"],
        br#"{"RequestId":"R"}"#,
        &mut Full,
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("thing: cannot write the output: "), "{err}");
    let mut out = Vec::new();
    let (code, _) = cli_to(
        &["decode", "describe-thing", "-"],
        br#"{"RequestId":"R"}"#,
        &mut out,
    );
    assert_eq!(code, 0);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\n  \"RequestId\": \"R\"\n}\n"
    );
}
