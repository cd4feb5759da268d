//! Throughput of the generated bindings on the doc page's examples: decoding and encoding the response in
//! both formats, flattening the request, and building a signed request with each signature version.
//! Run with `cargo bench -p pipeline-tests`.

use std::hint::black_box;

use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::request::{Config, SignatureVersion, SigningInputs, build_request};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use outboundbot::modify_job_group::{self, ModifyJobGroupRequest, ModifyJobGroupResponse};

fn seed_request() -> ModifyJobGroupRequest {
    ModifyJobGroupRequest::new("174952ab-9825-4cc9-a5e2-de82d7fa4cdd", "3edc0260-6f7c-4de4-8535-09372240618b", "修改后的作业组", "Draft", 1)
        .description("修改后的作业组")
        .strategy_json(r#"{"maxAttemptsPerDay":"0","minAttemptInterval":"5","Id":"689fc584-7f9f-4dc2-933d-8711beef7b15"}"#)
        .script_id("5a3940ce-a12f-4222-9f0f-605a9b89ea7c")
        .calling_number(["4008013260", "4008013261", "4008013262"])
        .ringing_duration(25)
        .priority("Daily")
}

fn decode(c: &mut Criterion) {
    let json = modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes();
    let xml = modify_job_group::EXAMPLE_RESPONSE_XML.as_bytes();
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("json", |b| {
        b.iter(|| ModifyJobGroupResponse::from_json(black_box(json)))
    });
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("xml", |b| {
        b.iter(|| ModifyJobGroupResponse::from_xml(black_box(xml)))
    });
    g.finish();
}

fn encode(c: &mut Criterion) {
    let value =
        ModifyJobGroupResponse::from_json(modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes())
            .expect("seed decodes");
    let mut g = c.benchmark_group("encode");
    g.bench_function("json", |b| b.iter(|| black_box(&value).to_json()));
    g.bench_function("xml", |b| b.iter(|| black_box(&value).to_xml()));
    g.finish();
}

fn request(c: &mut Criterion) {
    let request = seed_request();
    let params = request.to_params();
    let credentials = Credentials::new("testid", "testsecret");
    let inputs = SigningInputs::new(
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "2016-02-23T12:46:24Z",
    );
    let mut g = c.benchmark_group("request");
    g.bench_function("to_params", |b| b.iter(|| black_box(&request).to_params()));
    for (name, version) in [
        ("sign_v1", SignatureVersion::V1),
        ("sign_v3", SignatureVersion::V3),
    ] {
        let config = Config::new("cn-shanghai").with_signature_version(version);
        g.bench_function(name, |b| {
            b.iter(|| {
                build_request(
                    &modify_job_group::OPERATION,
                    black_box(&params),
                    &config,
                    &credentials,
                    &inputs,
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, decode, encode, request);
criterion_main!(benches);
