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

/// The mock service's request verification (`aliyun-rpc-mock`, `MockService::handle`) on one HTTP request
/// made from the input, over every `outboundbot` operation, with a fixed credential and a fixed clock. The
/// first byte (`control`) chooses:
///
/// - bits 0–1, the mode: `0` the rest is the request as text (`mock::request_text`: URI with query, NUL,
///   header lines, NUL, body) sent as it is; `1` the same text after the operation byte, then signed by the
///   harness (missing common parameters or `x-acs-*` headers added) so arbitrary parameters reach the
///   parameter checks; `2` and `3` a request built and signed by the runtime (`build_request`) for the
///   operation the second byte picks, then edited byte by byte (see `mock::built_request`);
/// - bit 2, signature V1 or V3 (modes 1–3); bit 3, JSON or XML (modes 1–3);
/// - bit 4, GET instead of POST (in modes 2–3 instead of the operation's method); bits 6 and 7 both set, PUT;
/// - bit 5, send a second request to the same service: the same one (modes 0–1) or the unedited original
///   (modes 2–3), to check the replay cache and that a refused request does not burn its nonce.
///
/// Besides returning, every answer must hold these (each is an `assert!`, so libFuzzer reports a breach as a
/// crash):
///
/// - the mock answers (it never closes without a configured fault), with `x-acs-request-id`;
/// - an error's status is the one its code has: the gateway's (`mock::GATEWAY_CODES`) or an operation's
///   documented one; its body, in the requested format with the matching content type, is the gateway
///   envelope read by the runtime's own `parse_error`, with a non-empty `Code` and the header's `RequestId`;
/// - a success (200) body is JSON or XML as its content type says, and the request carried a signature that
///   `mock::strict_verify` (the mock's algorithm, but on the exact bytes received) accepts; an edited request
///   is accepted only if what is signed is unchanged (the same string to sign as the original's);
/// - a request `mock::strict_verify` accepts is not refused for its signature, key or timestamp; an unedited
///   built request inside the clock window is not refused for its signature, action or version, and one
///   outside the window is `InvalidTimeStamp.Expired`;
/// - an accepted request sent again is `SignatureNonceUsed`; a request refused for its signature, key or
///   timestamp does not burn its nonce.
///
/// Each input gets a fresh service, so the replay cache holds at most the input's own nonces.
pub fn mock_request(data: &[u8]) {
    let _ = mock_request_status(data);
}

/// [`mock_request`], returning the status of the first answer (`None` when the input makes no request).
pub fn mock_request_status(data: &[u8]) -> Option<u16> {
    mock::run(data)
}

/// Correctly signed inputs for [`mock_request`] in each mode, named: V1 and V3, JSON and XML, GET and POST,
/// query and form parameters, a paged list operation. Written to `fuzz/seeds/mock_request/` by the ignored
/// test `write_mock_request_seeds` in `tests/tests/fuzz_regressions.rs`, which also checks that the
/// committed seeds are these and that the mock accepts each.
pub fn mock_request_seeds() -> Vec<(String, Vec<u8>)> {
    mock::seeds()
}

mod mock {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use aliyun_rpc_mock::{MockConfig, MockOutcome, MockService};
    use aliyun_rpc_runtime::Format;
    use aliyun_rpc_runtime::credentials::Credentials;
    use aliyun_rpc_runtime::decode;
    use aliyun_rpc_runtime::operation::{OperationSpec, ParamKind, ScalarKind};
    use aliyun_rpc_runtime::params::{Location, Params};
    use aliyun_rpc_runtime::request::{
        Config, FORM_CONTENT_TYPE, SignatureVersion, SigningInputs, StringToSign, build_request,
    };
    use aliyun_rpc_runtime::response::parse_error;
    use aliyun_rpc_runtime::sign::{percent, v1, v3};
    use http::{HeaderName, HeaderValue, Method, Request, Uri};

    const ID: &str = "fuzz-id";
    const SECRET: &str = "fuzz-secret";
    const INSTANCE: &str = "inst-1";
    const NONCE: &str = "fuzz-nonce-0001";
    const HOST: &str = "outboundbot.mock.test";
    const ENDPOINT: &str = "http://outboundbot.mock.test";
    /// The mock's clock: 2024-05-01T12:00:00Z.
    const NOW_SECS: u64 = 1_714_564_800;
    /// The mock's default timestamp window.
    const WINDOW_SECS: u64 = 900;
    /// Items of every paged operation.
    const PAGES: u64 = 25;

    /// The timestamps a built request carries (flags bits 2–4): the clock, inside the window, on its edges,
    /// one second outside it; and whether the mock must accept it.
    const STAMPS: [(&str, bool); 8] = [
        ("2024-05-01T12:00:00Z", true),
        ("2024-05-01T12:00:00Z", true),
        ("2024-05-01T12:01:00Z", true),
        ("2024-05-01T11:59:00Z", true),
        ("2024-05-01T12:15:00Z", true),
        ("2024-05-01T11:45:00Z", true),
        ("2024-05-01T12:15:01Z", false),
        ("2024-05-01T11:44:59Z", false),
    ];

    /// The gateway's own codes and their statuses (`mock/src/envelope.rs`, documented in the mock's crate
    /// docs); every other code must be an operation's documented error with its documented status.
    const GATEWAY_CODES: &[(&str, u16)] = &[
        ("MissingParameter", 400),
        ("InvalidParameter", 400),
        ("SignatureDoesNotMatch", 400),
        ("IncompleteSignature", 400),
        ("InvalidAccessKeyId.NotFound", 404),
        ("InvalidTimeStamp.Expired", 400),
        ("InvalidTimeStamp.Format", 400),
        ("SignatureNonceUsed", 400),
        ("InvalidAction.NotFound", 404),
        ("InvalidVersion", 400),
        ("Throttling.User", 400),
        ("RequestTooLarge", 413),
    ];

    /// Refusals of the signature, the key or the timestamp: decided before the nonce is recorded.
    const AUTH_CODES: &[&str] = &[
        "IncompleteSignature",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId.NotFound",
        "InvalidTimeStamp.Format",
        "InvalidTimeStamp.Expired",
    ];

    /// Text the edit script can insert (op 3).
    const SNIPPETS: [&[u8]; 16] = [
        b"&",
        b"=",
        b"%",
        b"%25",
        b"%FF",
        b"+",
        b"%2B",
        b"&Signature=x",
        b"\n",
        b"\r\n",
        b"x-acs-date: 2024-05-01T12:00:00Z\n",
        b",",
        b";",
        b" ",
        b"\0",
        b"Format=XML&",
    ];

    /// The most edits applied to a built request.
    const MAX_EDITS: usize = 64;

    fn clock() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(NOW_SECS)
    }

    /// A fresh service per input: its replay cache starts empty and holds at most two nonces.
    fn service() -> MockService {
        let mut config = MockConfig::new()
            .with_credential(ID, SECRET)
            .with_clock(clock)
            .with_instance(INSTANCE);
        for op in outboundbot::OPERATIONS
            .iter()
            .filter(|op| op.paging.is_some())
        {
            config = config.with_pages(op.info.action, PAGES);
        }
        MockService::new(outboundbot::OPERATIONS, config)
    }

    /// What the input made.
    struct Case {
        request: Request<Vec<u8>>,
        /// Modes 2–3: the request as built and signed, before the edits.
        original: Option<Built>,
        replay: bool,
    }

    struct Built {
        request: Request<Vec<u8>>,
        string_to_sign: String,
        /// The edits left the request's text as it was.
        unedited: bool,
        /// Its timestamp is inside the window.
        stamp_ok: bool,
        /// A required parameter was left out.
        dropped: bool,
    }

    pub(super) fn run(data: &[u8]) -> Option<u16> {
        let case = case(data)?;
        let service = service();
        let first = answer(&service, &case.request);
        let strict = strict_verify(&case.request);
        let context = || {
            format!(
                "request {:?}\nbody {:?}\nanswer {first:?}\nstrict {strict:?}",
                case.request,
                String::from_utf8_lossy(case.request.body())
            )
        };
        if first.status == 200 {
            let signed = strict.as_ref().unwrap_or_else(|why| {
                panic!("accepted without a valid signature ({why}):\n{}", context())
            });
            if let Some(original) = &case.original {
                assert_eq!(
                    *signed,
                    original.string_to_sign,
                    "an edited request was accepted though what is signed changed:\n{}",
                    context()
                );
            }
        }
        if strict.is_ok() {
            assert!(
                !first.is_one_of(AUTH_CODES),
                "a correctly signed request was refused:\n{}",
                context()
            );
        }
        if let Some(original) = &case.original
            && original.unedited
        {
            if !original.stamp_ok {
                assert!(
                    first.is_one_of(&["InvalidTimeStamp.Expired"]),
                    "a request stamped outside the window was not refused as expired:\n{}",
                    context()
                );
            } else {
                assert!(
                    !first.is_one_of(AUTH_CODES)
                        && !first.is_one_of(&[
                            "InvalidAction.NotFound",
                            "InvalidVersion",
                            "SignatureNonceUsed"
                        ]),
                    "the request build_request made was refused:\n{}",
                    context()
                );
                assert!(
                    !original.dropped || first.status != 200,
                    "a request without a required parameter was accepted:\n{}",
                    context()
                );
            }
        }
        if case.replay {
            let again = case.original.as_ref().map_or(&case.request, |o| &o.request);
            let second = answer(&service, again);
            let context = || format!("{}\nsecond answer {second:?}", context());
            if first.status == 200 {
                assert!(
                    second.is_one_of(&["SignatureNonceUsed"]),
                    "a replay was not refused:\n{}",
                    context()
                );
            } else if first.is_one_of(AUTH_CODES) {
                if case.original.is_some() {
                    assert!(
                        !second.is_one_of(&["SignatureNonceUsed"]),
                        "a forged request burnt the original's nonce:\n{}",
                        context()
                    );
                } else {
                    assert_eq!(
                        (second.status, &second.code),
                        (first.status, &first.code),
                        "a refused request answered differently the second time:\n{}",
                        context()
                    );
                }
            }
        }
        Some(first.status)
    }

    fn case(data: &[u8]) -> Option<Case> {
        let (&control, rest) = data.split_first()?;
        let method = match (control >> 6 == 3, control & 0x10 != 0) {
            (true, _) => Method::PUT,
            (false, true) => Method::GET,
            (false, false) => Method::POST,
        };
        let version = if control & 4 == 0 {
            SignatureVersion::V1
        } else {
            SignatureVersion::V3
        };
        let format = if control & 8 == 0 {
            Format::Json
        } else {
            Format::Xml
        };
        let replay = control & 0x20 != 0;
        match control & 3 {
            0 => Some(Case {
                request: parse_text(method, rest)?,
                original: None,
                replay,
            }),
            1 => {
                let (&choice, text) = rest.split_first()?;
                let op = operation(choice);
                let mut request = parse_text(method, text)?;
                resign(&mut request, op, version, format);
                Some(Case {
                    request,
                    original: None,
                    replay,
                })
            }
            _ => {
                let get = control & 0x10 != 0 || control >> 6 == 3;
                let (request, original) = built_request(rest, get, version, format)?;
                Some(Case {
                    request,
                    original: Some(original),
                    replay,
                })
            }
        }
    }

    fn operation(choice: u8) -> &'static OperationSpec {
        let ops = outboundbot::OPERATIONS;
        ops[usize::from(choice) % ops.len()]
    }

    /// Modes 2–3: `[operation][flags] values NUL edits`. The operation's parameters get valid values of their
    /// kind, or the input's (one line of `values` per parameter, in spec order; list items split at `,`);
    /// flags bit 0 adds the optional parameters, bit 1 leaves out the first required one, bits 2–4 pick the
    /// timestamp ([`STAMPS`]), bit 5 makes the lines of lists and flat objects the keys' suffixes after
    /// `Name.` (indices and fields) instead of values. The request is built and signed by `build_request`,
    /// written as text ([`request_text`]), edited by the 4-byte commands of `edits` (`[op, position high,
    /// position low, argument]`: overwrite a byte, insert a byte, delete up to 16 bytes, insert a
    /// [`SNIPPETS`] entry, delete the next percent escape, replace it with `%<argument>`) and read back.
    fn built_request(
        rest: &[u8],
        get: bool,
        version: SignatureVersion,
        format: Format,
    ) -> Option<(Request<Vec<u8>>, Built)> {
        let (&choice, rest) = rest.split_first()?;
        let (&flags, rest) = rest.split_first().unwrap_or((&1, &[]));
        let op = operation(choice);
        let (values, edits) = match rest.iter().position(|&b| b == 0) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, &[][..]),
        };
        let values = String::from_utf8_lossy(values);
        let mut lines = if values.is_empty() {
            None
        } else {
            Some(values.split('\n'))
        };
        let mut next_value = || lines.as_mut().and_then(Iterator::next);
        let mut params = Params::new();
        let mut dropped = false;
        for spec in op.params {
            if !spec.required && flags & 1 == 0 {
                continue;
            }
            if spec.required && flags & 2 != 0 && !dropped {
                dropped = true;
                continue;
            }
            let given = next_value();
            let target = match spec.location {
                Location::Query => &mut params.query,
                Location::Form => &mut params.form,
            };
            let name = spec.wire_name;
            let scalar = |kind: ScalarKind| default_value(name, kind);
            let list_like = matches!(
                spec.kind,
                ParamKind::List(_) | ParamKind::ObjectList(_) | ParamKind::Flat(_)
            );
            if let (Some(line), true, true) = (given, list_like, flags & 0x20 != 0) {
                // Key mode: the line's items are what follows `Name.` (indices, fields), with default values.
                let kind = match spec.kind {
                    ParamKind::List(kind) => kind,
                    _ => ScalarKind::String,
                };
                for suffix in line.split(',') {
                    target.push((format!("{name}.{suffix}"), scalar(kind)));
                }
                continue;
            }
            match spec.kind {
                ParamKind::Single(kind) => {
                    target.push((
                        name.to_owned(),
                        given.map_or_else(|| scalar(kind), str::to_owned),
                    ));
                }
                ParamKind::Enum(values) => {
                    let value = given.or(values.first().copied()).unwrap_or("x");
                    target.push((name.to_owned(), value.to_owned()));
                }
                ParamKind::Json => {
                    target.push((name.to_owned(), given.unwrap_or("{}").to_owned()));
                }
                ParamKind::List(kind) => {
                    for (i, item) in items(given, || scalar(kind)).into_iter().enumerate() {
                        target.push((format!("{name}.{}", i + 1), item));
                    }
                }
                ParamKind::ObjectList(fields) => {
                    let first = fields.first().map_or(ScalarKind::String, |f| f.1);
                    for (i, item) in items(given, || scalar(first)).into_iter().enumerate() {
                        for (field, _) in fields {
                            target.push((format!("{name}.{}.{field}", i + 1), item.clone()));
                        }
                    }
                }
                ParamKind::Flat(fields) => {
                    for (field, kind) in fields {
                        let value =
                            given.map_or_else(|| default_value(field, *kind), str::to_owned);
                        target.push((format!("{name}.{field}"), value));
                    }
                }
            }
        }
        let (stamp, stamp_ok) = STAMPS[usize::from(flags >> 2) % STAMPS.len()];
        let mut info = op.info;
        if get {
            info.method = "GET";
        }
        let config = Config::new("cn-shanghai")
            .with_endpoint(ENDPOINT)
            .with_format(format)
            .with_signature_version(version);
        let inputs = SigningInputs::new(NONCE, stamp);
        let built = build_request(
            &info,
            &params,
            &config,
            &Credentials::new(ID, SECRET),
            &inputs,
        )
        .ok()?;
        let string_to_sign = built.extensions().get::<StringToSign>()?.0.clone();
        let text = request_text(&built);
        let mut edited = text.clone();
        for edit in edits.chunks_exact(4).take(MAX_EDITS) {
            apply(&mut edited, edit);
        }
        let request = parse_text(built.method().clone(), &edited)?;
        Some((
            request,
            Built {
                request: built.into_inner(),
                string_to_sign,
                unedited: edited == text,
                stamp_ok,
                dropped,
            },
        ))
    }

    /// A valid value of `kind` (the known instance for `InstanceId`).
    fn default_value(name: &str, kind: ScalarKind) -> String {
        match kind {
            ScalarKind::String if name == "InstanceId" => INSTANCE,
            ScalarKind::String => "x",
            ScalarKind::Integer | ScalarKind::Long => "1",
            ScalarKind::Float | ScalarKind::Double => "1.5",
            ScalarKind::Boolean => "true",
        }
        .to_owned()
    }

    /// A list's items: the given line split at `,` (none when it is empty), else one default item.
    fn items(given: Option<&str>, default: impl Fn() -> String) -> Vec<String> {
        match given {
            Some("") => Vec::new(),
            Some(line) => line.split(',').map(str::to_owned).collect(),
            None => vec![default()],
        }
    }

    fn apply(text: &mut Vec<u8>, edit: &[u8]) {
        let at = usize::from(u16::from_be_bytes([edit[1], edit[2]])) % (text.len() + 1);
        let arg = edit[3];
        // The first percent escape at or after `at`.
        let escape = text
            .get(at..)
            .and_then(|rest| {
                rest.windows(3).position(|w| {
                    w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit()
                })
            })
            .map(|i| at + i);
        match edit[0] % 6 {
            0 if at < text.len() => text[at] = arg,
            0 => text.push(arg),
            1 => text.insert(at, arg),
            2 => {
                let end = (at + usize::from(arg % 16) + 1).min(text.len());
                text.drain(at..end);
            }
            3 => {
                let snippet = SNIPPETS[usize::from(arg) % SNIPPETS.len()];
                text.splice(at..at, snippet.iter().copied());
            }
            4 => {
                if let Some(i) = escape {
                    text.drain(i..i + 3);
                }
            }
            _ => {
                if let Some(i) = escape {
                    text.splice(i..i + 3, format!("%{arg:02X}").into_bytes());
                }
            }
        }
    }

    /// A request as the harness's text: the origin-form URI (path and query), NUL, one `name: value` line per
    /// header, NUL, the body.
    pub(super) fn request_text(request: &Request<Vec<u8>>) -> Vec<u8> {
        let mut text = request
            .uri()
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .as_bytes()
            .to_vec();
        text.push(0);
        for (name, value) in request.headers() {
            text.extend_from_slice(name.as_str().as_bytes());
            text.extend_from_slice(b": ");
            text.extend_from_slice(value.as_bytes());
            text.push(b'\n');
        }
        text.push(0);
        text.extend_from_slice(request.body());
        text
    }

    /// Reads [`request_text`] leniently: URI bytes a URI cannot hold are percent-escaped, header lines that are
    /// not a valid `name: value` are skipped, missing parts are empty.
    fn parse_text(method: Method, text: &[u8]) -> Option<Request<Vec<u8>>> {
        let mut parts = text.splitn(3, |&b| b == 0);
        let uri = uri(parts.next().unwrap_or_default())?;
        let head = parts.next().unwrap_or_default();
        let body = parts.next().unwrap_or_default().to_vec();
        let mut request = Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        for line in head.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let Some(colon) = line.iter().position(|&b| b == b':') else {
                continue;
            };
            let value = &line[colon + 1..];
            let start = value
                .iter()
                .position(|&b| b != b' ' && b != b'\t')
                .unwrap_or(value.len());
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(&line[..colon]),
                HeaderValue::from_bytes(&value[start..]),
            ) {
                request.headers_mut().append(name, value);
            }
        }
        Some(request)
    }

    fn uri(bytes: &[u8]) -> Option<Uri> {
        if bytes.is_empty() {
            return Some(Uri::from_static("/"));
        }
        if let Ok(uri) = Uri::try_from(bytes) {
            return Some(uri);
        }
        let mut escaped = String::new();
        if bytes[0] != b'/' {
            escaped.push('/');
        }
        for &b in bytes {
            if (0x21..0x7f).contains(&b) && !b"\"#<>\\^`{|}".contains(&b) {
                escaped.push(char::from(b));
            } else {
                escaped.push_str(&format!("%{b:02X}"));
            }
        }
        Uri::try_from(escaped).ok()
    }

    /// Mode 1: signs a request whatever it carries (unless its parameters or signed headers are not UTF-8, which
    /// no client can sign), adding the common parameters (V1) or headers (V3) it lacks, `op`'s action and
    /// version among them.
    fn resign(
        request: &mut Request<Vec<u8>>,
        op: &OperationSpec,
        version: SignatureVersion,
        format: Format,
    ) {
        let Some(mut params) = params(request, Decoding::Strict) else {
            return;
        };
        let path = request.uri().path().to_owned();
        let mut query = request.uri().query().unwrap_or_default().to_owned();
        let mut add = |params: &mut Vec<(String, String)>, key: &str, value: &str| {
            if !params.iter().any(|(k, _)| k == key) {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&format!(
                    "{}={}",
                    percent::encode(key),
                    percent::encode(value)
                ));
                params.push((key.to_owned(), value.to_owned()));
            }
        };
        if format == Format::Xml {
            add(&mut params, "Format", "XML");
        }
        match version {
            SignatureVersion::V1 => {
                for (key, value) in [
                    ("Action", op.info.action),
                    ("Version", op.info.version),
                    ("AccessKeyId", ID),
                    ("SignatureMethod", v1::SIGNATURE_METHOD),
                    ("SignatureVersion", v1::SIGNATURE_VERSION),
                    ("SignatureNonce", NONCE),
                    ("Timestamp", STAMPS[0].0),
                ] {
                    add(&mut params, key, value);
                }
                let signature = v1::sign(
                    SECRET,
                    &v1::string_to_sign(request.method().as_str(), &params),
                );
                add(&mut Vec::new(), v1::SIGNATURE_PARAM, &signature);
            }
            SignatureVersion::V3 => {
                let body_sha256 = v3::hex_sha256(request.body());
                let headers = request.headers_mut();
                for (name, value) in [
                    ("host", HOST),
                    ("x-acs-action", op.info.action),
                    ("x-acs-version", op.info.version),
                    ("x-acs-date", STAMPS[0].0),
                    ("x-acs-signature-nonce", NONCE),
                    ("x-acs-content-sha256", body_sha256.as_str()),
                ] {
                    if !headers.contains_key(name) {
                        headers.insert(name, ascii(value));
                    }
                }
                let names: Vec<&str> = headers
                    .keys()
                    .map(HeaderName::as_str)
                    .filter(|name| {
                        *name == "host" || *name == "content-type" || name.starts_with("x-acs-")
                    })
                    .collect();
                let mut signed = Vec::new();
                for name in names {
                    let Some(value) = joined(headers, name, Decoding::Strict) else {
                        return;
                    };
                    signed.push((name.to_owned(), value));
                }
                let canonical = v3::CanonicalRequest::new(
                    request.method().as_str(),
                    &params_of_query(&query),
                    &signed,
                    &body_sha256,
                );
                if let Ok(value) = HeaderValue::from_str(&canonical.authorization(ID, SECRET)) {
                    request.headers_mut().insert("authorization", value);
                }
            }
        }
        let uri = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        if let Ok(uri) = Uri::try_from(uri) {
            *request.uri_mut() = uri;
        }
    }

    /// A header value of the harness's own (ASCII) text.
    fn ascii(value: &str) -> HeaderValue {
        HeaderValue::from_str(value).expect("an ASCII header value")
    }

    /// One answer, with the invariants every answer must hold checked.
    #[derive(Debug)]
    struct Answer {
        status: u16,
        code: Option<String>,
    }

    impl Answer {
        fn is_one_of(&self, codes: &[&str]) -> bool {
            self.code
                .as_deref()
                .is_some_and(|code| codes.contains(&code))
        }
    }

    fn answer(service: &MockService, request: &Request<Vec<u8>>) -> Answer {
        let response = match service.handle(request) {
            MockOutcome::Respond(response) => response,
            MockOutcome::Close => {
                panic!("the mock closed the connection without a configured fault")
            }
        };
        let status = response.status().as_u16();
        let headers = response.headers();
        let text = |name: &str| {
            headers
                .get(name)
                .map(|v| v.to_str().unwrap_or_else(|_| panic!("{name} is not text")))
        };
        let request_id = text("x-acs-request-id").expect("x-acs-request-id on every answer");
        assert!(!request_id.is_empty(), "empty x-acs-request-id");
        let content_type = text("content-type").unwrap_or_default();
        let body = response.body();
        let show = || String::from_utf8_lossy(body).into_owned();
        if status == 200 {
            let read: Result<serde_json::Value, String> = match content_type {
                "application/json" => decode::from_json(body).map_err(|e| e.to_string()),
                "application/xml" => decode::xml::decode_document(body, None)
                    .map_err(|e| e.to_string())
                    .and_then(|v| v.ok_or_else(|| "no root element".to_owned())),
                other => panic!("success with content type {other:?}"),
            };
            if let Err(e) = read {
                panic!("a success body that is not {content_type}: {e}: {}", show());
            }
            return Answer { status, code: None };
        }
        let format = requested_format(request);
        let (expected_type, opening): (&str, &[u8]) = match format {
            Format::Json => ("application/json", b"{"),
            Format::Xml => ("application/xml", b"<?xml "),
        };
        assert_eq!(
            content_type, expected_type,
            "error content type for {format:?}"
        );
        assert!(
            body.starts_with(opening),
            "error body not in {format:?}: {}",
            show()
        );
        let error = parse_error(status, format, Some(content_type), body).unwrap_or_else(|e| {
            panic!(
                "a {status} body that is not the gateway envelope: {e}: {}",
                show()
            )
        });
        assert!(!error.code.is_empty(), "an empty Code: {}", show());
        assert_eq!(
            error.request_id.as_deref(),
            Some(request_id),
            "RequestId differs from x-acs-request-id: {}",
            show()
        );
        assert!(
            headers.contains_key("x-mock-reason"),
            "a refusal without x-mock-reason"
        );
        match GATEWAY_CODES.iter().find(|(code, _)| *code == error.code) {
            Some((code, expected)) => assert_eq!(status, *expected, "status of {code}"),
            None => assert!(
                outboundbot::OPERATIONS.iter().any(|op| op
                    .errors
                    .iter()
                    .any(|e| e.code == error.code && e.http_status == status)),
                "{status} {} is neither a gateway code nor a documented error",
                error.code
            ),
        }
        Answer {
            status,
            code: Some(error.code),
        }
    }

    /// How a parameter's escapes are read: as the mock reads them (invalid UTF-8 becomes U+FFFD), or
    /// byte-exact (`None` unless the decoded bytes are UTF-8, since no signer can have signed other bytes).
    #[derive(Clone, Copy)]
    enum Decoding {
        Lossy,
        Strict,
    }

    /// `+` is a space, `%XX` a byte, a `%` without two hex digits stays as it is (the mock's rules).
    fn unescape(text: &[u8], decoding: Decoding) -> Option<String> {
        let mut bytes = Vec::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let hex = |b: u8| char::from(b).to_digit(16);
            match text[i] {
                b'+' => bytes.push(b' '),
                b'%' => match (
                    text.get(i + 1).copied().and_then(hex),
                    text.get(i + 2).copied().and_then(hex),
                ) {
                    (Some(high), Some(low)) => {
                        bytes.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => bytes.push(b'%'),
                },
                b => bytes.push(b),
            }
            i += 1;
        }
        match decoding {
            Decoding::Lossy => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Decoding::Strict => String::from_utf8(bytes).ok(),
        }
    }

    fn pairs(text: &[u8], decoding: Decoding) -> Option<Vec<(String, String)>> {
        text.split(|&b| b == b'&')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (key, value) = match part.iter().position(|&b| b == b'=') {
                    Some(at) => (&part[..at], &part[at + 1..]),
                    None => (part, &[][..]),
                };
                Some((unescape(key, decoding)?, unescape(value, decoding)?))
            })
            .collect()
    }

    fn params_of_query(query: &str) -> Vec<(String, String)> {
        pairs(query.as_bytes(), Decoding::Lossy).unwrap_or_default()
    }

    /// Query, then form parameters (when the first `content-type` is a form's), in the order received.
    fn params(request: &Request<Vec<u8>>, decoding: Decoding) -> Option<Vec<(String, String)>> {
        let mut all = pairs(
            request.uri().query().unwrap_or_default().as_bytes(),
            decoding,
        )?;
        let is_form = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case(FORM_CONTENT_TYPE));
        if is_form {
            all.extend(pairs(request.body(), decoding)?);
        }
        Some(all)
    }

    fn first<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `Format=XML` (first one, any case) asks for XML, anything else for JSON.
    fn requested_format(request: &Request<Vec<u8>>) -> Format {
        let params = params(request, Decoding::Lossy).unwrap_or_default();
        match first(&params, "Format") {
            Some(f) if f.eq_ignore_ascii_case("XML") => Format::Xml,
            _ => Format::Json,
        }
    }

    /// A header's values joined with `,` (as HTTP allows); strict: `None` unless each is UTF-8.
    fn joined(headers: &http::HeaderMap, name: &str, decoding: Decoding) -> Option<String> {
        let mut texts = Vec::new();
        for value in headers.get_all(name) {
            texts.push(match decoding {
                Decoding::Lossy => String::from_utf8_lossy(value.as_bytes()).into_owned(),
                Decoding::Strict => String::from_utf8(value.as_bytes().to_vec()).ok()?,
            });
        }
        (!texts.is_empty()).then(|| texts.join(","))
    }

    /// The independent check behind "accepted only if signed": the mock's verification (`mock/src/verify.rs`)
    /// re-done on the exact bytes received, for the harness's credential and clock. The string to sign, or
    /// why the request is not correctly signed. Where the mock is lenient about things that are not signed
    /// (the `Authorization` header, which `Signature` counts, header joining, value trimming), so is this; where
    /// the signed content is concerned it reads bytes, not their lossy decoding.
    pub(super) fn strict_verify(request: &Request<Vec<u8>>) -> Result<String, String> {
        if request.uri().path() != "/" || !matches!(*request.method(), Method::GET | Method::POST) {
            return Err("not GET or POST on /".into());
        }
        let params = params(request, Decoding::Strict).ok_or("a parameter is not UTF-8")?;
        // `Authorization` is not signed (V3 compares its fields with what the request computes to), so it
        // is read as the mock reads it, lossily.
        let authorization = joined(request.headers(), "authorization", Decoding::Lossy);
        match authorization {
            Some(value) if value.starts_with("ACS3-") => strict_v3(request, &value),
            Some(_) if first(&params, v1::SIGNATURE_PARAM).is_none() => {
                Err("Authorization is not ACS3 and there is no Signature".into())
            }
            _ => strict_v1(request, &params),
        }
    }

    fn strict_v1(
        request: &Request<Vec<u8>>,
        params: &[(String, String)],
    ) -> Result<String, String> {
        let required = |name: &str| first(params, name).ok_or(format!("no {name}"));
        let signature = required(v1::SIGNATURE_PARAM)?;
        if required("SignatureMethod")? != v1::SIGNATURE_METHOD
            || required("SignatureVersion")? != v1::SIGNATURE_VERSION
        {
            return Err("signature method or version".into());
        }
        if required("AccessKeyId")? != ID {
            return Err("another AccessKeyId".into());
        }
        in_window(required("Timestamp")?)?;
        for name in ["SignatureNonce", "Action", "Version"] {
            required(name)?;
        }
        let string_to_sign = v1::string_to_sign(request.method().as_str(), params);
        if v1::sign(SECRET, &string_to_sign) == signature {
            Ok(string_to_sign)
        } else {
            Err("V1 signature differs".into())
        }
    }

    fn strict_v3(request: &Request<Vec<u8>>, authorization: &str) -> Result<String, String> {
        let rest = authorization
            .strip_prefix(v3::ALGORITHM)
            .filter(|rest| rest.starts_with(' '))
            .ok_or("not ACS3-HMAC-SHA256")?;
        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for part in rest.split(',') {
            match part.trim().split_once('=') {
                Some(("Credential", v)) => credential = Some(v),
                Some(("SignedHeaders", v)) => signed_headers = Some(v),
                Some(("Signature", v)) => signature = Some(v),
                _ => return Err(format!("Authorization field {part:?}")),
            }
        }
        let (Some(credential), Some(signed_headers), Some(signature)) =
            (credential, signed_headers, signature)
        else {
            return Err("an Authorization field is missing".into());
        };
        if credential != ID {
            return Err("another AccessKeyId".into());
        }
        let names: Vec<&str> = signed_headers.split(';').collect();
        let headers = request.headers();
        if let Some(name) = headers
            .keys()
            .map(HeaderName::as_str)
            .find(|name| (*name == "host" || name.starts_with("x-acs-")) && !names.contains(name))
        {
            return Err(format!("{name} is not signed"));
        }
        let header = |name: &str| {
            joined(headers, name, Decoding::Strict).ok_or(format!("{name} is absent or not UTF-8"))
        };
        in_window(&header("x-acs-date")?)?;
        for name in ["x-acs-signature-nonce", "x-acs-action", "x-acs-version"] {
            header(name)?;
        }
        let body_sha256 = v3::hex_sha256(request.body());
        if header("x-acs-content-sha256")? != body_sha256 {
            return Err("x-acs-content-sha256 is not the body's".into());
        }
        let signed = names
            .iter()
            .map(|name| Ok((*name, header(name)?)))
            .collect::<Result<Vec<_>, String>>()?;
        let query = pairs(
            request.uri().query().unwrap_or_default().as_bytes(),
            Decoding::Strict,
        )
        .ok_or("a query parameter is not UTF-8")?;
        let canonical =
            v3::CanonicalRequest::new(request.method().as_str(), &query, &signed, &body_sha256);
        if canonical.signed_headers() == signed_headers && canonical.signature(SECRET) == signature
        {
            Ok(canonical.string_to_sign())
        } else {
            Err("V3 signature differs".into())
        }
    }

    /// `YYYY-MM-DDThh:mm:ssZ` within the window of the clock (inclusive).
    fn in_window(stamp: &str) -> Result<(), String> {
        let b = stamp.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u64> {
            let part = b.get(range)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
        };
        let shape = b.len() == 20
            && [
                (4, b'-'),
                (7, b'-'),
                (10, b'T'),
                (13, b':'),
                (16, b':'),
                (19, b'Z'),
            ]
            .iter()
            .all(|&(i, c)| b[i] == c);
        let fields = (
            digits(0..4),
            digits(5..7),
            digits(8..10),
            digits(11..13),
            digits(14..16),
            digits(17..19),
        );
        let (Some(y), Some(m), Some(d), Some(hh), Some(mm), Some(ss)) = fields else {
            return Err(format!("timestamp {stamp:?}"));
        };
        let is_leap =
            |y: u64| y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
        let leap = is_leap(y);
        let month_days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if !shape
            || y < 1970
            || !(1..=12).contains(&m)
            || d == 0
            || d > month_days[(m - 1) as usize]
            || hh > 23
            || mm > 59
            || ss > 59
        {
            return Err(format!("timestamp {stamp:?}"));
        }
        // Days since 1970 by counting (years are few: this only runs on stamps near 2024 in practice, and
        // any year up to 9999 takes a few thousand steps).
        let mut days = 0u64;
        for year in 1970..y {
            days += if is_leap(year) { 366 } else { 365 };
        }
        days += month_days[..(m - 1) as usize].iter().sum::<u64>() + d - 1;
        let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
        if secs.abs_diff(NOW_SECS) <= WINDOW_SECS {
            Ok(())
        } else {
            Err(format!("timestamp {stamp:?} outside the window"))
        }
    }

    /// See [`super::mock_request_seeds`].
    pub(super) fn seeds() -> Vec<(String, Vec<u8>)> {
        let index = |action: &str| {
            outboundbot::OPERATIONS
                .iter()
                .position(|op| op.info.action == action)
                .and_then(|i| u8::try_from(i).ok())
                .expect("an outboundbot operation")
        };
        let mut seeds = Vec::new();
        for (version, v) in [(SignatureVersion::V1, "v1"), (SignatureVersion::V3, "v3")] {
            for (format, f) in [(Format::Json, "json"), (Format::Xml, "xml")] {
                let control = |mode: u8, get: bool| {
                    mode | if version == SignatureVersion::V3 {
                        4
                    } else {
                        0
                    } | if format == Format::Xml { 8 } else { 0 }
                        | if get { 0x10 } else { 0 }
                };
                // Mode 0: the text of a request built by the runtime.
                for (action, get) in [
                    ("ModifyJobGroup", false),
                    ("ModifyJobGroup", true),
                    ("AssignJobsAsync", false),
                    ("ListJobGroups", true),
                ] {
                    let built = [index(action), 1];
                    let (request, _) = built_request(&built, get, version, format).expect("builds");
                    let mut data = vec![control(0, get)];
                    data.extend(request_text(&request));
                    let method = if get { "get" } else { "post" };
                    seeds.push((format!("raw-{v}-{f}-{method}-{action}"), data));
                }
                // Mode 2: built from the operation's spec, without and with the optional parameters.
                for (action, flags) in [
                    ("ModifyJobGroup", 1u8),
                    ("ListJobGroups", 0),
                    ("AssignJobsAsync", 1),
                ] {
                    let data = vec![control(2, false), index(action), flags];
                    seeds.push((format!("built-{v}-{f}-{action}"), data));
                }
                // Mode 1: parameters as text, signed by the harness.
                let mut data = vec![control(1, false) | 0x20, index("ListJobGroups")];
                data.extend_from_slice(
                    b"/?InstanceId=inst-1&PageNumber=2&PageSize=5\0user-agent: fuzz\n\0",
                );
                seeds.push((format!("signed-{v}-{f}-ListJobGroups"), data));
            }
        }
        seeds
    }
}
