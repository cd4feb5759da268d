//! What each fuzz target does with one input, as plain functions of bytes.
//!
//! The fuzz targets (`fuzz_targets/`, nightly, `cargo fuzz`) call these, and so does the stable regression
//! test `tests/tests/fuzz_regressions.rs`, which includes this file by path and replays the saved inputs in
//! `fuzz/regressions/<target>/` and `fuzz/corpus/<target>/`. Each function's only assertion is the one
//! libFuzzer makes: it returns (no panic, no abort, no stack overflow; time and memory are limited by the
//! fuzzer's `-timeout` and `-rss_limit_mb`). Malformed input must come back as an `Err`.

use std::path::Path;

use aliyun_rpc_runtime::Format;
use codegen::import::{doc, meta, write_yaml};
use codegen::load::load_sources;

/// The service file used when an input gives only an operation file.
pub const SERVICE_YAML: &str = "product: demo\ntitle: Demo\nversion: \"2020-01-01\"\nstyle: rpc\ncrate: demo\nendpoint: \"demo.{region}.aliyuncs.com\"\ndefault_region: cn-hangzhou\n";

/// Spec loader and validation on arbitrary text: `service.yaml`, a NUL byte, then an operation file; without a
/// NUL the input is the operation file and the service file is [`SERVICE_YAML`]. When the spec is valid the
/// emitters run too (they never fail, so they must not panic either).
pub fn spec_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (service, operation) = match text.split_once('\0') {
        Some((service, operation)) => (service, operation),
        None => (SERVICE_YAML, text.as_ref()),
    };
    spec_text(service, operation);
}

/// Loads and validates one service file and one operation file, then generates the crate when it is valid.
pub fn spec_text(service: &str, operation: &str) {
    if let Some(service) = load_only(service, operation) {
        let _ = codegen::emit::crate_files(&service);
    }
}

/// Loads and validates one service file and one operation file. The importer targets stop here: emitting
/// costs ten times the import, and `spec_bytes` / `spec_structured` fuzz the emitters already.
pub fn load_only(service: &str, operation: &str) -> Option<codegen::ir::Service> {
    let sources = [("service.yaml", service), ("Fuzz.yaml", operation)];
    load_sources(Path::new("api-spec"), &sources).ok()
}

/// The metadata importer (`import-meta`) on an arbitrary api-docs JSON file: the service, then every operation,
/// each written back as YAML and loaded as a spec (what `cargo xtask import-meta` then `gen --check` would read).
pub fn import_meta(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(document) = meta::Document::parse("fuzz.json", text) else {
        return;
    };
    let _ = document.service();
    for name in document.operation_names() {
        let input = meta::OperationInput {
            name,
            structure: &document,
            docs: Some(&document),
        };
        if let Ok(imported) = meta::operation(input) {
            let yaml = write_yaml::operation("# fuzz\n", &imported.operation);
            let _ = load_only(SERVICE_YAML, &yaml);
        }
    }
}

/// The doc importer (`import-doc`) on an arbitrary page: the page read, then the spec file written and loaded.
pub fn import_doc(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = doc::import_page("fuzz.txt", &text)
        && let Ok(yaml) = doc::spec_file("fuzz.txt", &imported, None, "fuzz")
    {
        let _ = load_only(SERVICE_YAML, &yaml);
    }
}

/// Decodes `body` as the response of one of a few representative operations (the first byte chooses), in
/// `format`, through the generated `from_json` / `from_xml`.
pub fn decode(format: Format, data: &[u8]) {
    use outboundbot::*;
    let Some((&choice, body)) = data.split_first() else {
        return;
    };
    macro_rules! decode_as {
        ($($ty:ty),* $(,)?) => {{
            let decoders: &[fn(&[u8])] = &[$(
                match format {
                    Format::Json => |b: &[u8]| { let _ = <$ty>::from_json(b); },
                    Format::Xml => |b: &[u8]| { let _ = <$ty>::from_xml(b); },
                }
            ),*];
            decoders[usize::from(choice) % decoders.len()](body);
        }};
    }
    decode_as!(
        modify_job_group::ModifyJobGroupResponse,
        list_job_groups::ListJobGroupsResponse,
        describe_job_group::DescribeJobGroupResponse,
        describe_job::DescribeJobResponse,
        list_instances::ListInstancesResponse,
        describe_script::DescribeScriptResponse,
        get_task_by_uuid::GetTaskByUuidResponse,
    );
}

/// The JSON response decoders.
pub fn decode_json(data: &[u8]) {
    decode(Format::Json, data);
}

/// The XML response decoders.
pub fn decode_xml(data: &[u8]) {
    decode(Format::Xml, data);
}

/// The error-envelope reader and the answer reader: the first byte picks the format and the status class,
/// the rest is the body.
pub fn error_envelope(data: &[u8]) {
    let Some((&control, body)) = data.split_first() else {
        return;
    };
    let format = if control & 1 == 0 {
        Format::Json
    } else {
        Format::Xml
    };
    let status = [200, 400, 404, 500, 503, 302, 0, 999][usize::from(control >> 1) % 8];
    let content_type = (control & 0x10 != 0).then_some("text/html");
    let _ = aliyun_rpc_runtime::response::parse_error(status, format, content_type, body);
    let _ = aliyun_rpc_runtime::response::read_answer::<
        outboundbot::modify_job_group::ModifyJobGroupResponse,
    >(status, content_type, format, body, "ModifyJobGroupResponse");
}
