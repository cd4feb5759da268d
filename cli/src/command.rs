//! The clap command tree, built from the operations' static descriptions.

use clap::{Arg, ArgAction, Command};

use super::Tool;
use aliyun_rpc_runtime::operation::{OperationSpec, ParamKind};

/// Names of the global options.
pub mod global {
    pub const REGION: &str = "region";
    pub const ENDPOINT: &str = "endpoint";
    pub const FORMAT: &str = "format";
    pub const SIGNATURE_VERSION: &str = "signature-version";
    pub const NONCE: &str = "nonce";
    pub const TIMESTAMP: &str = "timestamp";
    pub const DRY_RUN: &str = "dry-run";
}

/// The whole command tree.
pub fn build(tool: &Tool<'_>) -> Command {
    let mut cmd = Command::new(tool.name)
        .about(tool.about)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(
            "Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and (for STS) ALIBABA_CLOUD_SECURITY_TOKEN.",
        )
        .arg(global_arg(global::REGION, "Region id").default_value(tool.default_region))
        .arg(global_arg(global::ENDPOINT, "Endpoint URL or host, overriding the region's (e.g. http://127.0.0.1:8080)"))
        .arg(global_arg(global::FORMAT, "Response format").value_parser(["json", "xml"]).default_value("json"))
        .arg(
            global_arg(global::SIGNATURE_VERSION, "Signature scheme")
                .value_parser(["v1", "v3"])
                .default_value("v3"),
        )
        .arg(global_arg(global::NONCE, "Signature nonce (default: random, unique per request)"))
        .arg(global_arg(global::TIMESTAMP, "Signing time, YYYY-MM-DDThh:mm:ssZ (default: now)"))
        .arg(
            Arg::new(global::DRY_RUN)
                .long(global::DRY_RUN)
                .global(true)
                .help_heading("Global options")
                .action(ArgAction::SetTrue)
                .help("Print the signed request as JSON instead of sending it"),
        );
    for op in tool.operations {
        cmd = cmd.subcommand(operation(op.spec));
    }
    let mut decode = Command::new("decode")
        .about("Decode a response body (file or - for stdin) and print it as JSON")
        .subcommand_required(true);
    for op in tool.operations {
        decode = decode.subcommand(
            Command::new(op.spec.command).about(op.spec.summary).arg(
                Arg::new("file")
                    .required(true)
                    .help("File with the body, or - for stdin"),
            ),
        );
    }
    cmd.subcommand(decode).subcommand(
        Command::new("mock")
            .about("Run the local mock service")
            .arg(Arg::new("listen").long("listen").required(true).help("Address to listen on, e.g. 127.0.0.1:8080"))
            .arg(
                Arg::new("instance")
                    .long("instance")
                    .action(ArgAction::Append)
                    .help("An instance id the mock knows (repeatable); others get the documented not-found error"),
            )
            .arg(
                Arg::new("credential")
                    .long("credential")
                    .action(ArgAction::Append)
                    .help("ACCESS_KEY_ID:SECRET the mock accepts (repeatable); default: the environment's credentials"),
            )
            .arg(
                Arg::new("fail-with")
                    .long("fail-with")
                    .help("Answer valid requests with this documented error code (e.g. InternalError)"),
            )
            .arg(
                Arg::new("throttle-first")
                    .long("throttle-first")
                    .value_parser(clap::value_parser!(u32))
                    .help("Throttle the first N requests (Throttling.User)"),
            )
            .arg(
                Arg::new("close-always")
                    .long("close-always")
                    .action(ArgAction::SetTrue)
                    .help("Drop every connection without answering (to test clients' retries)"),
            )
            .arg(
                Arg::new("pages")
                    .long("pages")
                    .action(ArgAction::Append)
                    .help("ACTION=N: serve the list operation ACTION as pages of N items in all (repeatable)"),
            ),
    )
}

fn global_arg(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .global(true)
        .help(help)
        .help_heading("Global options")
}

fn operation(spec: &'static OperationSpec) -> Command {
    let mut cmd = Command::new(spec.command).about(spec.summary);
    for p in spec.params {
        let mut arg = Arg::new(p.flag).long(p.flag).required(p.required);
        let (help, repeat) = match p.kind {
            ParamKind::Single(kind) => (
                format!("{} [{}: {}]", p.help, p.wire_name, kind.name()),
                false,
            ),
            ParamKind::Enum(values) => (
                format!("{} [{}: one of {}]", p.help, p.wire_name, values.join(", ")),
                false,
            ),
            ParamKind::List(kind) => (
                format!(
                    "{} [{}.N: {}, repeatable]",
                    p.help,
                    p.wire_name,
                    kind.name()
                ),
                true,
            ),
            ParamKind::ObjectList(fields) => {
                let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
                (
                    format!(
                        "{} [{}.N as {}=…,…; repeatable]",
                        p.help,
                        p.wire_name,
                        names.join("=…,")
                    ),
                    true,
                )
            }
            ParamKind::Flat(fields) => {
                let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
                (
                    format!("{} [{} as {}=…,…]", p.help, p.wire_name, names.join("=…,")),
                    false,
                )
            }
            ParamKind::Json => (format!("{} [{}: JSON text]", p.help, p.wire_name), false),
        };
        arg = arg.help(help);
        if repeat {
            arg = arg.action(ArgAction::Append);
        }
        cmd = cmd.arg(arg);
    }
    cmd
}
