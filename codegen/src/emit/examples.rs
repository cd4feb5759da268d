//! `examples/` of the generated crate: runnable programs that work against the service or the local mock by
//! changing only the environment (`ALIBABA_CLOUD_ENDPOINT`, the AccessKey variables,
//! `ALIBABA_CLOUD_REGION_ID`), and the test crate's `tests/examples.rs`, which runs each program's `run`
//! against the mock over loopback.
//!
//! Which operations they show is decided by rule from the IR, never by name:
//!
//! - **call** (`examples/<operation>.rs`): among the operations whose required parameters are all single
//!   values and that have a JSON response example, the one that documents the mock's instance error
//!   (`NotExist.Instance`), then has the most response examples (JSON and XML: the best documented), then
//!   comes first by name. OutboundBot: `ModifyJobGroup`.
//! - **error** (`examples/<operation>_not_exist_instance.rs`): the same operation with an instance that
//!   does not exist, matching the documented error's own variant; only when the call operation documents
//!   it and has an `InstanceId` parameter.
//! - **pages** (`examples/<operation>_pages.rs`): among the paging operations whose required parameters
//!   are all single values, the one that lists what the call operation changes (its name without the
//!   leading verb starts with the call operation's: `ModifyJobGroup` → `ListJobGroups`), else the first by
//!   name.
//!
//! A program's required text parameters come from its command-line arguments, in order, and default to the
//! spec's example values; the other parameters are the examples.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::operation_tests::{Sample, clamp, sample};
use super::{docs, types};
use crate::ir;
use crate::naming;

/// The parameter the mock checks against its known instances (`aliyun_rpc_mock::DEFAULT_INSTANCE_PARAM`).
const INSTANCE_PARAM: &str = "InstanceId";
/// The error the mock answers for an unknown instance (`aliyun_rpc_mock::DEFAULT_INSTANCE_ERROR`).
const INSTANCE_ERROR: &str = "NotExist.Instance";
/// The instance id the error example asks for by default.
const MISSING_INSTANCE: &str = "no-such-instance";
/// The page size the paging example asks for (clamped into the parameter's bounds).
const PAGE_SIZE: f64 = 10.0;

/// The operations the examples show.
pub struct Choice<'a> {
    /// The call (and error) example's operation.
    pub call: &'a ir::Operation,
    /// The documented instance error of `call`, when the error example is generated.
    pub error: Option<&'a ir::ErrorCode>,
    /// The paging example's operation.
    pub pages: Option<&'a ir::Operation>,
}

/// One example program.
pub struct Example<'a> {
    /// The example's name (`cargo run --example <name>`).
    pub name: String,
    /// The operation it calls.
    pub op: &'a ir::Operation,
    /// Its source, after the `@generated` header. Written as text rather than tokens so that it keeps its
    /// comments and reads like a program a person wrote.
    pub source: String,
}

/// Required parameters are all single values, so a program can write them as literals.
fn simple(op: &ir::Operation) -> bool {
    op.request
        .params
        .iter()
        .all(|p| !p.required || matches!(p.shape, ir::ParamShape::Single(_)))
}

fn text_param(p: &ir::Param) -> bool {
    matches!(
        p.shape,
        ir::ParamShape::Single(ir::ParamValue::Scalar(ir::Scalar::String, _))
    )
}

fn instance_param(op: &ir::Operation) -> bool {
    op.request
        .params
        .iter()
        .any(|p| p.wire_name == INSTANCE_PARAM && text_param(p))
}

fn instance_error(op: &ir::Operation) -> Option<&ir::ErrorCode> {
    op.errors.iter().find(|e| e.code == INSTANCE_ERROR)
}

/// The name without its leading verb: `ModifyJobGroup` → `JobGroup`.
fn noun(wire_name: &str) -> &str {
    let start = wire_name
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase())
        .map_or(wire_name.len(), |(i, _)| i);
    &wire_name[start..]
}

/// The operations the examples show (see the module documentation); `None` when no operation qualifies.
pub fn choose(service: &ir::Service) -> Option<Choice<'_>> {
    let call = service
        .operations
        .iter()
        .filter(|op| simple(op) && op.examples.response_json.is_some())
        .max_by_key(|op| {
            let examples = usize::from(op.examples.response_json.is_some())
                + usize::from(op.examples.response_xml.is_some());
            (
                instance_error(op).is_some() && instance_param(op),
                examples,
                std::cmp::Reverse(op.wire_name.as_str()),
            )
        })?;
    let error = instance_error(call).filter(|_| instance_param(call));
    let pages = service
        .operations
        .iter()
        .filter(|op| op.paging.is_some() && simple(op))
        .max_by_key(|op| {
            (
                noun(&op.wire_name).starts_with(noun(&call.wire_name)),
                std::cmp::Reverse(op.wire_name.as_str()),
            )
        });
    Some(Choice { call, error, pages })
}

fn error_example_name(op: &ir::Operation, error: &ir::ErrorCode) -> String {
    format!("{}_{}", op.module, naming::snake(&error.rust_name))
}

fn pages_example_name(op: &ir::Operation) -> String {
    format!("{}_pages", op.module)
}

/// Every example program, in a fixed order: call, error, pages.
pub fn examples(service: &ir::Service) -> Vec<Example<'_>> {
    let Some(choice) = choose(service) else {
        return Vec::new();
    };
    let mut out = vec![Example {
        name: choice.call.module.clone(),
        op: choice.call,
        source: call_example(service, choice.call),
    }];
    if let Some(error) = choice.error {
        out.push(Example {
            name: error_example_name(choice.call, error),
            op: choice.call,
            source: error_example(service, choice.call, error),
        });
    }
    if let Some(op) = choice.pages {
        out.push(Example {
            name: pages_example_name(op),
            op,
            source: pages_example(service, op),
        });
    }
    out
}

/// A Rust literal for a sample (single values only).
fn literal(s: &Sample) -> String {
    match s {
        Sample::Text(t) => format!("{t:?}"),
        Sample::Int(i) => i.to_string(),
        Sample::Float(f) => format!("{f:?}"),
        Sample::Bool(b) => b.to_string(),
        Sample::Object(..) | Sample::List(_) => "Default::default()".to_string(),
    }
}

/// Lines that build `request` from the command line (`args`) and the spec's examples, indented for a
/// function body. `page` sets the first page and a page size of a page-number operation.
fn request_lines(
    op: &ir::Operation,
    instance_default: Option<&str>,
    page: Option<&ir::Paging>,
) -> Vec<String> {
    let mut samples: Vec<Sample> = op
        .request
        .params
        .iter()
        .map(|p| sample(op, p, false))
        .collect();
    let mut page_params = Vec::new();
    if let Some(ir::PagingStyle::PageNumber {
        number,
        size,
        first,
        ..
    }) = page.map(|p| &p.style)
    {
        samples[*number] = Sample::Int(*first);
        samples[*size] = Sample::Int(clamp(PAGE_SIZE, op.request.params[*size].bounds) as i64);
        page_params = vec![*number, *size];
    }
    let mut position = 0usize;
    let mut arguments = Vec::new();
    for (p, s) in op.request.params.iter().zip(&samples) {
        if !p.required {
            continue;
        }
        if text_param(p) {
            let default = match (p.wire_name == INSTANCE_PARAM, instance_default, s) {
                (true, Some(instance), _) => instance.to_string(),
                (_, _, Sample::Text(t)) => t.clone(),
                _ => String::new(),
            };
            arguments.push(format!("arg({position}, {default:?})"));
            position += 1;
        } else {
            arguments.push(literal(s));
        }
    }
    let mut lines = Vec::new();
    if position > 0 {
        lines.push("    // Required text parameters from the command line, in order; else the spec's examples.".to_string());
        lines.push("    let arg = |i: usize, example: &str| args.get(i).cloned().unwrap_or_else(|| example.to_owned());".to_string());
    } else {
        lines.push("    let _ = args;".to_string());
    }
    let request = &op.request.rust_name;
    lines.push(format!("    let request = {request}::new("));
    for argument in &arguments {
        lines.push(format!("        {argument},"));
    }
    let setters: Vec<String> = page_params
        .iter()
        .filter(|i| !op.request.params[**i].required)
        .map(|i| {
            let p = &op.request.params[*i];
            format!(
                "    .{}({})",
                naming::bare(&p.rust_name),
                literal(&samples[*i])
            )
        })
        .collect();
    if setters.is_empty() {
        lines.push("    );".to_string());
    } else {
        lines.push("    )".to_string());
        let last = setters.len() - 1;
        for (i, setter) in setters.into_iter().enumerate() {
            lines.push(if i == last {
                format!("{setter};")
            } else {
                setter
            });
        }
    }
    lines
}

/// `//!` lines: how to run example `name` against the mock and against the service.
fn usage(service: &ir::Service, name: &str, op: &ir::Operation, mock_args: &str) -> Vec<String> {
    let krate = &service.crate_name;
    let text_params: Vec<&str> = op
        .request
        .params
        .iter()
        .filter(|p| p.required && text_param(p))
        .map(|p| p.wire_name.as_str())
        .collect();
    let args = text_params
        .iter()
        .map(|p| format!("[{p}"))
        .collect::<Vec<_>>()
        .join(" ")
        + &"]".repeat(text_params.len());
    let mut lines = vec![
        "The same program runs against the service or the local mock; only the environment changes.".to_string(),
        String::new(),
        "```sh".to_string(),
        "# The mock, in another terminal (it accepts the AccessKey of its environment):".to_string(),
        "export ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret".to_string(),
        format!("cargo run -p {krate} --features cli -- mock --listen 127.0.0.1:8080{mock_args}"),
        String::new(),
        "# The example against it:".to_string(),
        "export ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret".to_string(),
        "export ALIBABA_CLOUD_ENDPOINT=http://127.0.0.1:8080".to_string(),
        format!("cargo run -p {krate} --features client --example {name}"),
        String::new(),
        "# Against the service: no endpoint override, your region, your credentials (any source of the".to_string(),
        "# default chain: AccessKey variables, RAM role, CLI profile, …) and your values:".to_string(),
        "unset ALIBABA_CLOUD_ENDPOINT".to_string(),
        format!("export ALIBABA_CLOUD_REGION_ID={}", service.default_region),
        format!("cargo run -p {krate} --features client --example {name} -- {args}"),
        "```".to_string(),
    ];
    if !text_params.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "Arguments: {}, in this order; each defaults to the spec's example.",
            text_params
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    lines
}

/// The instance id the spec's example gives, for the mock's `--instance`.
fn example_instance(op: &ir::Operation) -> Option<String> {
    op.request
        .params
        .iter()
        .find(|p| p.wire_name == INSTANCE_PARAM)
        .map(|p| match sample(op, p, false) {
            Sample::Text(t) => t,
            _ => String::new(),
        })
}

/// The program around `run`: docs, `use` lines, `main`, then `run`'s doc, signature and body.
fn program(
    docs: Vec<String>,
    uses: &[String],
    run_doc: &str,
    run_output: &str,
    body: Vec<String>,
    krate: &str,
) -> String {
    let mut out = String::from("#![cfg_attr(rustfmt, rustfmt::skip)]\n");
    for line in docs {
        out.push_str(&docs::inner_line(&line));
        out.push('\n');
    }
    out.push('\n');
    for u in uses {
        out.push_str(u);
        out.push('\n');
    }
    if !uses.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!(
        "#[tokio::main(flavor = \"current_thread\")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
    // Region, endpoint and credentials from the environment (see the crate docs).
    let client = {krate}::Client::from_env().await?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    run(&client, &args).await?;
    Ok(())
}}

/// {run_doc}
pub async fn run(
    client: &{krate}::Client,
    args: &[String],
) -> Result<{run_output}, Box<dyn std::error::Error>> {{
"
    ));
    for line in body {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

fn call_example(service: &ir::Service, op: &ir::Operation) -> String {
    let krate = service.crate_name.replace('-', "_");
    let mock_args = example_instance(op)
        .map(|i| format!(" --instance {i}"))
        .unwrap_or_default();
    let mut docs = vec![
        format!(
            "`{}`: {} Called with the spec's example values.",
            op.wire_name,
            docs::prose(&op.summary).join(" ")
        ),
        String::new(),
    ];
    docs.extend(usage(service, &op.module, op, &mock_args));
    let mut body = request_lines(op, None, None);
    body.push(format!(
        "    let response = client.{}(request).await?;",
        naming::bare(&op.method_name)
    ));
    body.push("    println!(\"{}\", response.to_json_pretty());".to_string());
    body.push("    Ok(response)".to_string());
    program(
        docs,
        &[format!(
            "use {krate}::{}::{{{}, {}}};",
            op.module, op.request.rust_name, op.structs[0].rust_name
        )],
        &format!(
            "Calls `{}` and prints the answer as JSON; `args` are the command-line arguments.",
            op.wire_name
        ),
        &op.structs[0].rust_name,
        body,
        &krate,
    )
}

fn error_example(service: &ir::Service, op: &ir::Operation, error: &ir::ErrorCode) -> String {
    let krate = service.crate_name.replace('-', "_");
    let name = error_example_name(op, error);
    let mut docs = vec![
        format!("Handling `{}` from `{}`.", error.code, op.wire_name),
        String::new(),
        format!(
            "Calls `{}` for an instance that does not exist and handles the documented `{}` (HTTP {}): each documented error code has its own variant of `{}`, carrying the service's status, message and request id.",
            op.wire_name, error.code, error.http_status, op.error_type
        ),
        String::new(),
    ];
    docs.extend(usage(service, &name, op, ""));
    let mut body = request_lines(op, Some(MISSING_INSTANCE), None);
    body.extend([
        format!("    match client.{}(request).await {{", naming::bare(&op.method_name)),
        "        Ok(response) => {".to_string(),
        "            let id = response.request_id.as_deref().unwrap_or(\"-\");".to_string(),
        "            println!(\"the instance exists (request {id})\");".to_string(),
        "            Ok(false)".to_string(),
        "        }".to_string(),
        "        // The documented error: its own variant, with the service's answer.".to_string(),
        format!("        Err({}::{}(error)) => {{", op.error_type, error.rust_name),
        "            let id = error.request_id.as_deref().unwrap_or(\"-\");".to_string(),
        format!(
            "            println!(\"{}: {{}} (HTTP {{}}, request {{id}})\", error.message, error.status);",
            error.code
        ),
        "            Ok(true)".to_string(),
        "        }".to_string(),
        "        // Anything else (credentials, network, another code) is the caller's to handle.".to_string(),
        "        Err(other) => Err(other.into()),".to_string(),
        "    }".to_string(),
    ]);
    program(
        docs,
        &[format!(
            "use {krate}::{}::{{{}, {}}};",
            op.module, op.error_type, op.request.rust_name
        )],
        &format!(
            "Calls `{}`: `Ok(true)` when the service answered `{}` (handled here), `Ok(false)` when the instance exists.",
            op.wire_name, error.code
        ),
        "bool",
        body,
        &krate,
    )
}

fn pages_example(service: &ir::Service, op: &ir::Operation) -> String {
    let krate = service.crate_name.replace('-', "_");
    let Some(paging) = &op.paging else {
        return String::new();
    };
    let name = pages_example_name(op);
    let mut docs = vec![
        format!(
            "Every item of `{}` ({}), page after page, with its paginator.",
            op.wire_name,
            docs::prose(&op.summary).join(" ")
        ),
        String::new(),
    ];
    docs.extend(usage(
        service,
        &name,
        op,
        &format!(" --pages {}=23", op.wire_name),
    ));
    // The item's first text field whose name ends in `Id`, printed for each item.
    let id = match &paging.item {
        ir::FieldType::Object(i) => op.structs[*i].fields.iter().find(|f| {
            (f.wire_name.ends_with("Id") || f.wire_name.ends_with("ID"))
                && f.ty == ir::FieldType::Scalar(ir::Scalar::String)
        }),
        _ => None,
    };
    let print = match id {
        Some(field) => format!(
            "        println!(\"{{count:>5}}  {} {{}}\", item.{}.as_deref().unwrap_or(\"-\"));",
            field.wire_name,
            naming::bare(&field.rust_name)
        ),
        None => "        println!(\"{count:>5}  {item:?}\");".to_string(),
    };
    let mut body = request_lines(op, None, Some(paging));
    body.extend([
        "    // One call per page, made when the next item is needed; no call after the last page."
            .to_string(),
        format!(
            "    let mut items = client.{}(request).items();",
            crate::validate::paginator_method(&op.method_name)
        ),
        "    let mut count = 0;".to_string(),
        "    while let Some(item) = items.next_item().await {".to_string(),
        "        let item = item?;".to_string(),
        "        count += 1;".to_string(),
        print,
        "    }".to_string(),
        "    println!(\"{count} items in {} pages\", items.pages_fetched());".to_string(),
        "    Ok(count)".to_string(),
    ]);
    program(
        docs,
        &[format!(
            "use {krate}::{}::{};",
            op.module, op.request.rust_name
        )],
        &format!(
            "Pages through `{}`, printing each item; returns how many there were.",
            op.wire_name
        ),
        "usize",
        body,
        &krate,
    )
}

/// `tests/examples.rs` of the test crate: each example's `run` against the mock over loopback, with a client
/// set up from an injected environment as `from_env` would read it. `None` without examples.
pub fn tests(service: &ir::Service) -> Option<TokenStream> {
    let examples = examples(service);
    if examples.is_empty() {
        return None;
    }
    let krate = format_ident!("{}", service.crate_name.replace('-', "_"));
    let choice = choose(service)?;
    let modules = examples.iter().map(|e| {
        let name = format_ident!("{}", e.name);
        let path = format!("../../{}/examples/{}.rs", service.crate_name, e.name);
        quote! {
            #[path = #path]
            #[allow(dead_code)] // `main` is the example binary's; the tests call `run`
            mod #name;
        }
    });
    let call = choice.call;
    let call_name = format_ident!("{}", call.module);
    let call_module = format_ident!("{}", call.module);
    let response = types::ident(&call.structs[0].rust_name);
    let instance = example_instance(call).unwrap_or_default();
    let mut tests = vec![quote! {
        #[tokio::test]
        async fn #call_name() {
            let server = mock(MockConfig::new().with_instance(#instance)).await;
            let response = #call_name::run(&client(&server).await, &[]).await.expect("the example runs");
            let example = #krate::#call_module::#response::from_json(#krate::#call_module::EXAMPLE_RESPONSE_JSON.as_bytes()).unwrap();
            assert_eq!(response, example);
            server.shutdown().await;
        }
    }];
    if let Some(error) = choice.error {
        let name = format_ident!("{}", error_example_name(call, error));
        tests.push(quote! {
            #[tokio::test]
            async fn #name() {
                let server = mock(MockConfig::new().with_instance(#instance)).await;
                let client = client(&server).await;
                assert!(#name::run(&client, &[]).await.expect("handled"), "the documented error");
                let known = [::std::string::String::from(#instance)];
                assert!(!#name::run(&client, &known).await.expect("the call succeeds"), "a known instance");
                server.shutdown().await;
            }
        });
    }
    if let Some(op) = choice.pages {
        let name = format_ident!("{}", pages_example_name(op));
        let action = &op.wire_name;
        tests.push(quote! {
            #[tokio::test]
            async fn #name() {
                let server = mock(MockConfig::new().with_pages(#action, 23)).await;
                let count = #name::run(&client(&server).await, &[]).await.expect("the example runs");
                assert_eq!(count, 23);
                assert_eq!(server.request_count(), 3, "pages of 10, none after the last");
                server.shutdown().await;
            }
        });
    }
    Some(quote! {
        use aliyun_rpc_runtime::credentials::Environment;
        use aliyun_rpc_mock::{MockConfig, MockServer};

        #(#modules)*

        const ID: &str = "example-test-id";
        const SECRET: &str = "example-test-secret";

        async fn mock(config: MockConfig) -> MockServer {
            MockServer::bind_loopback(#krate::OPERATIONS, config.with_credential(ID, SECRET))
                .await
                .expect("the mock binds on loopback")
        }

        /// What `Client::from_env()` does, with the environment the examples are run with injected (never
        /// the process's, never the metadata service).
        async fn client(server: &MockServer) -> #krate::Client {
            let url = server.url();
            #krate::Client::builder()
                .env(Environment::from_pairs([
                    ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
                    ("ALIBABA_CLOUD_ENDPOINT", url.as_str()),
                    ("ALIBABA_CLOUD_ACCESS_KEY_ID", ID),
                    ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
                ]))
                .load()
                .await
                .expect("the client is set up from the environment")
        }

        #(#tests)*
    })
}

/// The crate docs' client section, opening with the five-line program (a compiled doc test, `no_run`;
/// under `cfg(feature = "client")` so the crate's doc tests also build without the feature).
pub fn client_docs(service: &ir::Service) -> Vec<String> {
    let Some(choice) = choose(service) else {
        return Vec::new();
    };
    let krate = service.crate_name.replace('-', "_");
    let op = choice.call;
    let arguments: Vec<String> = op
        .request
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| literal(&sample(op, p, false)))
        .collect();
    let mut lines = vec![
        "## Calling the service (feature `client`)".to_string(),
        String::new(),
        "```no_run".to_string(),
        "# #[cfg(feature = \"client\")] mod program {".to_string(),
        format!("use {krate}::{}::{};", op.module, op.request.rust_name),
        String::new(),
        "#[tokio::main]".to_string(),
        "async fn main() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
        format!("    let client = {krate}::Client::from_env().await?;"),
        format!(
            "    let request = {}::new({});",
            op.request.rust_name,
            arguments.join(", ")
        ),
        format!(
            "    let response = client.{}(request).await?;",
            naming::bare(&op.method_name)
        ),
        "    println!(\"{}\", response.to_json_pretty());".to_string(),
        "    Ok(())".to_string(),
        "}".to_string(),
        "# }".to_string(),
        "# fn main() {}".to_string(),
        "```".to_string(),
        String::new(),
        format!(
            "`Client::from_env()` takes the region from `ALIBABA_CLOUD_REGION_ID` (else `{}`), an endpoint override from `ALIBABA_CLOUD_ENDPOINT` (a local mock, say), and credentials from the default chain, in the order of Alibaba's official credentials libraries: environment variables (AccessKey, optional STS token), OIDC role (RRSA on Kubernetes), the CLI profile (`~/.aliyun/config.json`), the credentials file (`~/.alibabacloud/credentials`), the ECS RAM role (instance metadata), a credentials URI. So one program runs against the mock or the service by changing only its environment.",
            service.default_region
        ),
        String::new(),
        "`Client::builder()` sets any of it in code: region, endpoint, credentials or a credentials provider, signature version, format, retry policy, timeouts (`.build()` without I/O, `.load().await` to check the credentials at once). Every call and attempt is a `tracing` span, silent without a subscriber.".to_string(),
    ];
    if let Some(pages) = choice.pages {
        lines.push(String::new());
        lines.push(format!(
            "Operations that page have a paginator: `client.{}(request)` is a stream of pages (`next_page().await`, or `futures_core::Stream`), `.items()` a stream of their items; it stops after the last page.",
            crate::validate::paginator_method(&pages.method_name)
        ));
    }
    let names: Vec<String> = examples(service)
        .iter()
        .map(|e| format!("`examples/{}.rs`", e.name))
        .collect();
    lines.push(String::new());
    lines.push(format!(
        "Programs to start from: {} (`cargo run -p {} --features client --example <name>`; each says how to run it against the mock).",
        names.join(", "),
        service.crate_name
    ));
    lines.push(String::new());
    lines
}
