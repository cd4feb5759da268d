//! `<tool> mock --listen ADDR`: the mock service (`aliyun-rpc-mock`) for this tool's operations, in the foreground.

use std::io::Write;

use clap::ArgMatches;

use super::{Tool, USAGE};
use aliyun_rpc_mock::MockConfig;
use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::operation::OperationSpec;

/// Exit code: the server could not run.
const FAILED: u8 = 1;

/// Serves until the process is stopped.
pub fn serve(
    tool: &Tool<'_>,
    sub: &ArgMatches,
    env: &dyn Fn(&str) -> Result<String, std::env::VarError>,
    out: &mut dyn Write,
) -> Result<(), (u8, String)> {
    let listen = sub.get_one::<String>("listen").cloned().unwrap_or_default();
    let mut config = MockConfig::new();
    let mut any_credential = false;
    for pair in sub.get_many::<String>("credential").into_iter().flatten() {
        let Some((id, secret)) = pair.split_once(':') else {
            return Err((
                USAGE,
                format!("--credential {pair:?}: expected ACCESS_KEY_ID:SECRET"),
            ));
        };
        config = config.with_credential(id, secret);
        any_credential = true;
    }
    if !any_credential {
        let credentials = Credentials::from_lookup(env).map_err(|e| {
            (
                USAGE,
                format!("no --credential given and the environment has none: {e}"),
            )
        })?;
        config =
            config.with_credential(credentials.access_key_id(), credentials.access_key_secret());
    }
    for instance in sub.get_many::<String>("instance").into_iter().flatten() {
        config = config.with_instance(instance.clone());
    }
    if let Some(code) = sub.get_one::<String>("fail-with") {
        // The mock injects only documented errors (it needs their status and message); an undocumented code
        // would be accepted and then inject nothing.
        if !tool
            .operations
            .iter()
            .any(|op| op.spec.error(code).is_some())
        {
            let mut known: Vec<&str> = tool
                .operations
                .iter()
                .flat_map(|op| op.spec.errors.iter().map(|e| e.code))
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err((
                USAGE,
                format!(
                    "--fail-with {code:?}: no operation documents this error code (documented: {})",
                    known.join(", ")
                ),
            ));
        }
        config = config.fail_with(code.clone());
    }
    if let Some(count) = sub.get_one::<u32>("throttle-first") {
        config = config.throttle_first(*count);
    }
    if sub.get_flag("close-always") {
        config = config.close_always();
    }
    for pages in sub.get_many::<String>("pages").into_iter().flatten() {
        let parsed = pages
            .split_once('=')
            .and_then(|(action, items)| Some((action, items.parse::<u64>().ok()?)));
        let Some((action, items)) = parsed else {
            return Err((USAGE, format!("--pages {pages:?}: expected ACTION=N")));
        };
        if !tool
            .operations
            .iter()
            .any(|op| op.spec.info.action == action)
        {
            return Err((USAGE, format!("--pages {pages:?}: no operation {action:?}")));
        }
        config = config.with_pages(action, items);
    }
    // The mock keeps the operation table for the life of the process.
    let operations: &'static [&'static OperationSpec] = Box::leak(
        tool.operations
            .iter()
            .map(|op| op.spec)
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| (FAILED, format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .map_err(|e| (USAGE, format!("cannot listen on {listen}: {e}")))?;
        let addr = listener.local_addr().map_err(|e| (FAILED, e.to_string()))?;
        // One write, so a reader sees the whole line at once.
        out.write_all(format!("{} mock listening on http://{addr}\n", tool.name).as_bytes())
            .and_then(|()| out.flush())
            .map_err(super::write_failed)?;
        aliyun_rpc_mock::serve(listener, operations, config, std::future::pending()).await;
        Ok(())
    })
}
