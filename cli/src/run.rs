//! Dispatching a parsed command line: send (or dry-run) an operation, decode a body, or run the mock.

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::ArgMatches;

use super::command::{self, global};
use super::{CliOperation, Tool, USAGE, args, dry_run};
use aliyun_rpc_runtime::Format;
use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::request::{self, Config, SignatureVersion, SigningInputs};

/// Exit code: the call or the decode failed.
pub(crate) const FAILED: u8 = 1;

/// Runs the tool: `args` includes the program name; `env` looks up environment variables.
pub fn run(
    tool: &Tool<'_>,
    args: Vec<OsString>,
    env: &dyn Fn(&str) -> Result<String, std::env::VarError>,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let matches = match command::build(tool).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            // Help and version go to stdout with success, like any clap program.
            let code = if e.use_stderr() { USAGE } else { 0 };
            let target: &mut dyn Write = if e.use_stderr() { err } else { out };
            return match write!(target, "{}", e.render()) {
                Ok(()) => code,
                Err(_) => FAILED,
            };
        }
    };
    let result = match matches.subcommand() {
        Some(("decode", sub)) => decode(tool, &matches, sub, stdin, out),
        Some(("mock", sub)) => super::mock::serve(tool, sub, env, out),
        Some((name, sub)) => match tool.operations.iter().find(|op| op.spec.command == name) {
            Some(op) => call(op, &matches, sub, env, out),
            None => Err((USAGE, format!("unknown command {name}"))),
        },
        None => Err((USAGE, "a command is required".to_string())),
    };
    // Output is flushed here so that a write error (a full disk, a closed pipe) shows in the exit status.
    let result = result.and_then(|()| out.flush().map_err(super::write_failed));
    match result {
        Ok(()) => 0,
        Err((code, message)) => {
            let _ = writeln!(err, "{}: {message}", tool.name);
            code
        }
    }
}

type Outcome = Result<(), (u8, String)>;

fn format_of(matches: &ArgMatches) -> Format {
    match matches
        .get_one::<String>(global::FORMAT)
        .map(String::as_str)
    {
        Some("xml") => Format::Xml,
        _ => Format::Json,
    }
}

fn config(matches: &ArgMatches) -> Result<Config, (u8, String)> {
    let region = matches
        .get_one::<String>(global::REGION)
        .cloned()
        .unwrap_or_default();
    if !aliyun_rpc_runtime::request::valid_region(&region) {
        return Err((
            USAGE,
            format!(
                "--region {region:?}: expected a region id such as cn-shanghai (lower-case letters, digits and '-')"
            ),
        ));
    }
    let mut config = Config::new(region)
        .with_format(format_of(matches))
        .with_signature_version(
            match matches
                .get_one::<String>(global::SIGNATURE_VERSION)
                .map(String::as_str)
            {
                Some("v1") => SignatureVersion::V1,
                _ => SignatureVersion::V3,
            },
        );
    if let Some(endpoint) = matches.get_one::<String>(global::ENDPOINT) {
        config = config.with_endpoint(endpoint.clone());
    }
    Ok(config)
}

/// `YYYY-MM-DDThh:mm:ssZ` exactly (the form the service signs), and a real UTC instant: `2026-02-30T…`,
/// `…T24:00:00Z` and the like are rejected.
fn valid_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let shape = b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        });
    shape && aliyun_rpc_runtime::credentials::parse_expiration(text).is_some()
}

fn signing_inputs(matches: &ArgMatches) -> Result<SigningInputs, (u8, String)> {
    let fresh = SigningInputs::fresh().map_err(|e| (FAILED, e.to_string()))?;
    let nonce = matches
        .get_one::<String>(global::NONCE)
        .cloned()
        .unwrap_or_else(|| fresh.nonce().to_string());
    let timestamp = match matches.get_one::<String>(global::TIMESTAMP) {
        Some(t) if valid_timestamp(t) => t.clone(),
        Some(t) => {
            return Err((
                USAGE,
                format!("--timestamp {t:?}: expected YYYY-MM-DDThh:mm:ssZ"),
            ));
        }
        None => fresh.timestamp().to_string(),
    };
    Ok(SigningInputs::new(nonce, timestamp))
}

fn credentials(
    env: &dyn Fn(&str) -> Result<String, std::env::VarError>,
) -> Result<Credentials, (u8, String)> {
    Credentials::from_lookup(env).map_err(|e| (USAGE, e.to_string()))
}

fn call(
    op: &CliOperation,
    matches: &ArgMatches,
    sub: &ArgMatches,
    env: &dyn Fn(&str) -> Result<String, std::env::VarError>,
    out: &mut dyn Write,
) -> Outcome {
    let params = args::params(op.spec, sub).map_err(|m| (USAGE, m))?;
    let config = config(matches)?;
    let credentials = credentials(env)?;
    // Validated first, so a malformed value is reported whether or not it could be used.
    let inputs = signing_inputs(matches)?;
    if matches.get_flag(global::DRY_RUN) {
        let request =
            request::build_request(&op.spec.info, &params, &config, &credentials, &inputs)
                .map_err(|e| (USAGE, e.to_string()))?;
        return writeln!(out, "{}", dry_run::render(&request)).map_err(super::write_failed);
    }
    // A call signs every attempt afresh (a retry must not reuse a nonce the gateway has seen), so fixed
    // signing inputs cannot be honoured; refusing them beats silently sending something else.
    for fixed in [global::NONCE, global::TIMESTAMP] {
        if matches.get_one::<String>(fixed).is_some() {
            return Err((
                USAGE,
                format!(
                    "--{fixed} applies only with --dry-run: a call signs each attempt with a fresh nonce and the current time"
                ),
            ));
        }
    }
    // Checked before any I/O, like the dry run does: a bad region or an over-long request is a usage error.
    request::build_request(&op.spec.info, &params, &config, &credentials, &inputs)
        .map_err(|e| (USAGE, e.to_string()))?;
    let format = config.format;
    let client = aliyun_rpc_runtime::client::Client::new(config, credentials);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| (FAILED, format!("cannot start the async runtime: {e}")))?;
    let answer = runtime
        .block_on(client.send(&op.spec.info, &params))
        .map_err(|e| (FAILED, e.to_string()))?;
    let json = (op.outcome)(&answer, format).map_err(|m| (FAILED, m))?;
    writeln!(out, "{json}").map_err(super::write_failed)
}

fn decode(
    tool: &Tool<'_>,
    matches: &ArgMatches,
    sub: &ArgMatches,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Outcome {
    let Some((name, args)) = sub.subcommand() else {
        return Err((USAGE, "decode needs an operation".to_string()));
    };
    let Some(op) = tool.operations.iter().find(|op| op.spec.command == name) else {
        return Err((USAGE, format!("unknown operation {name}")));
    };
    let file = args
        .get_one::<String>("file")
        .map(String::as_str)
        .unwrap_or("-");
    let mut body = Vec::new();
    let read = if file == "-" {
        stdin.read_to_end(&mut body).map(|_| ())
    } else {
        std::fs::read(file).map(|b| body = b)
    };
    read.map_err(|e| (FAILED, format!("cannot read {file}: {e}")))?;
    let json = (op.decode)(format_of(matches), &body, op.spec.xml_root)
        .map_err(|e| (FAILED, e.to_string()))?;
    writeln!(out, "{json}").map_err(super::write_failed)
}
