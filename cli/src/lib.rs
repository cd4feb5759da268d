//! The command-line tool behind every generated crate's binary (feature `cli`).
//!
//! Generated code hands over the operations as data ([`CliOperation`]: the [`OperationSpec`] plus its typed
//! decoders); this module turns them into subcommands, flags and help text, builds and signs requests with
//! [`aliyun_rpc_runtime::request`], sends them with [`aliyun_rpc_runtime::client`], and serves [`aliyun_rpc_mock`].
//!
//! ```text
//! <tool> [global options] <operation> --flag value …     send (or --dry-run: print the signed request)
//! <tool> decode <operation> [--format json|xml] FILE|-    decode a response body, print it as JSON
//! <tool> mock --listen 127.0.0.1:PORT [--instance ID]…    run the local mock service
//! ```
//!
//! Exit codes: 0 success, 1 the call or decode failed (message on stderr), 2 bad usage or configuration.
//!
//! `mock` without `--credential` accepts the environment's credentials; without `--instance` it does not
//! check instance ids.

mod args;
mod command;
mod dry_run;
mod mock;
mod run;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::client::{ParseFn, RawResponse};
use aliyun_rpc_runtime::decode::{Decode, DecodeError};
use aliyun_rpc_runtime::encode::EncodeValue;
use aliyun_rpc_runtime::operation::OperationSpec;
use aliyun_rpc_runtime::response::{SIGNATURE_DOES_NOT_MATCH, WithServiceError};

pub use run::run;

/// Exit code: bad usage or configuration.
pub(crate) const USAGE: u8 = 2;

/// The error for output that could not be written (stdout full, closed, …): the call may have succeeded,
/// but its result was lost, so the tool must not exit 0.
pub(crate) fn write_failed(error: std::io::Error) -> (u8, String) {
    (run::FAILED, format!("cannot write the output: {error}"))
}

/// `(answer, format)` → pretty JSON of the response, or the typed error's message.
pub type OutcomeFn = fn(&RawResponse, Format) -> Result<String, String>;

/// One operation as the tool sees it.
#[derive(Debug, Clone, Copy)]
pub struct CliOperation {
    /// Flags, help text, how it is sent.
    pub spec: &'static OperationSpec,
    /// Decodes a response body (format, body, XML root) with the generated decoder and renders it as pretty
    /// JSON (API field names, spec order): [`decode_as`] for the operation's response type.
    pub decode: fn(Format, &[u8], &str) -> Result<String, DecodeError>,
    /// Turns an HTTP answer into pretty JSON of the response, or the typed error's message.
    pub outcome: OutcomeFn,
}

/// A [`CliOperation::decode`] for response type `R`.
pub fn decode_as<R: Decode + EncodeValue>(
    format: Format,
    body: &[u8],
    xml_root: &str,
) -> Result<String, DecodeError> {
    aliyun_rpc_runtime::decode::from_body::<R>(format, body, xml_root)
        .map(|r| aliyun_rpc_runtime::encode::to_json_pretty(&r))
}

/// A [`CliOperation::outcome`]: the answer through the operation's `parse_response`, as pretty JSON or the
/// typed error's message. For `SignatureDoesNotMatch` the error also shows the string this tool signed
/// beside the server's, as the client's errors do.
pub fn outcome<R: EncodeValue, E: std::fmt::Display + WithServiceError>(
    answer: &RawResponse,
    format: Format,
    parse: ParseFn<R, E>,
) -> Result<String, String> {
    parse(answer.status, answer.content_type(), format, &answer.body)
        .map(|r| aliyun_rpc_runtime::encode::to_json_pretty(&r))
        .map_err(|mut e| {
            if let Some(service) = e.service_error_mut()
                && service.code == SIGNATURE_DOES_NOT_MATCH
            {
                service.client_string_to_sign = answer.string_to_sign.clone();
            }
            e.to_string()
        })
}

/// What the tool is called and what it serves.
#[derive(Debug, Clone, Copy)]
pub struct Tool<'a> {
    /// Binary name, e.g. `outboundbot`.
    pub name: &'static str,
    /// One-line description.
    pub about: &'static str,
    /// Region used without `--region`.
    pub default_region: &'static str,
    /// The operations.
    pub operations: &'a [CliOperation],
}

/// Runs the tool with the process's arguments and environment.
pub fn main(
    name: &'static str,
    about: &'static str,
    default_region: &'static str,
    operations: &[CliOperation],
) -> ExitCode {
    let tool = Tool {
        name,
        about,
        default_region,
        operations,
    };
    let env = |name: &str| std::env::var(name);
    let args: Vec<OsString> = std::env::args_os().collect();
    let stdin = &mut std::io::stdin().lock();
    let code = run(
        &tool,
        args,
        &env,
        stdin,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    // `run` flushed already; a failure here (stdout closed at exit) still must not read as success.
    let code = match std::io::stdout().flush() {
        Ok(()) => code,
        Err(_) if code == 0 => run::FAILED,
        Err(_) => code,
    };
    ExitCode::from(code)
}
