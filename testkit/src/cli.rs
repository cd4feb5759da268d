//! The command-line round trip: flags from the spec's examples, sent to the mock, the answer printed back.

use std::ffi::OsString;
use std::fmt::Debug;

use aliyun_rpc_cli::{Tool, run};
use aliyun_rpc_runtime::decode::{self, Decode};
use aliyun_rpc_runtime::encode::{self, EncodeValue};
use aliyun_rpc_runtime::operation::OperationSpec;

use crate::mock;

fn env(name: &str) -> Result<String, std::env::VarError> {
    match name {
        "ALIBABA_CLOUD_ACCESS_KEY_ID" => Ok(mock::ACCESS_KEY_ID.into()),
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET" => Ok(mock::ACCESS_KEY_SECRET.into()),
        _ => Err(std::env::VarError::NotPresent),
    }
}

/// Runs `tool` with `args` (the subcommand and its flags) against the shared mock, in JSON and in XML; each
/// must succeed and print the operation's example response (decoded as `T`, pretty JSON).
pub fn cli_round_trip<T>(
    tool: &Tool<'_>,
    operations: &'static [&'static OperationSpec],
    spec: &OperationSpec,
    args: &[&str],
) where
    T: Decode + EncodeValue + PartialEq + Debug,
{
    let url = mock::url(operations);
    let expected: Option<T> = spec
        .example_json
        .map(|json| decode::from_json(json.as_bytes()).expect("the example decodes"));
    for format in ["json", "xml"] {
        let mut argv: Vec<OsString> = vec![
            tool.name.into(),
            "--endpoint".into(),
            url.clone().into(),
            "--format".into(),
            format.into(),
        ];
        argv.extend(args.iter().map(OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(tool, argv, &env, &mut std::io::empty(), &mut out, &mut err);
        let out = String::from_utf8_lossy(&out);
        assert_eq!(
            code,
            0,
            "{} ({format}) failed: {}\nargs: {args:?}",
            spec.command,
            String::from_utf8_lossy(&err)
        );
        if let Some(expected) = &expected {
            let printed: T = decode::from_json(out.as_bytes()).unwrap_or_else(|e| {
                panic!(
                    "{} ({format}) printed no response: {e}\n{out}",
                    spec.command
                )
            });
            assert_eq!(
                &printed, expected,
                "{} ({format}) printed another answer",
                spec.command
            );
            assert_eq!(
                out.trim_end(),
                encode::to_json_pretty(expected),
                "{} ({format})",
                spec.command
            );
        }
    }
}
