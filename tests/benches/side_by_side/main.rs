//! Generated code against a hand-written baseline for the same shapes, side by side in one run (the machine
//! is shared and noisy, so only ratios within one run mean anything). Every group has two functions,
//! `generated` and `hand_written`; `scripts/bench-table.py` turns criterion's output into the ratio table
//! and plot of `BENCHMARKS.md`.
//!
//! Run: `cargo bench -p pipeline-tests --bench side_by_side -- --warm-up-time 1 --measurement-time 3`

mod baseline;
mod bodies;

use std::hint::black_box;

use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::request::{Config, SignatureVersion, SigningInputs, build_request};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use outboundbot::modify_job_group::{self, ModifyJobGroupRequest, ModifyJobGroupResponse};

const NONCE: &str = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";
const TIMESTAMP: &str = "2016-02-23T12:46:24Z";
const ENDPOINT: &str = "outboundbot.cn-shanghai.aliyuncs.com";

fn decode(c: &mut Criterion) {
    for body in [bodies::seed(), bodies::large()] {
        let generated = ModifyJobGroupResponse::from_json(body.json.as_bytes()).expect("JSON");
        let from_xml = ModifyJobGroupResponse::from_xml(body.xml.as_bytes()).expect("XML");
        assert_eq!(generated, from_xml, "both formats give the same value");
        let mut g = c.benchmark_group(format!("json_decode_{}", body.name));
        g.throughput(Throughput::Bytes(body.json.len() as u64));
        g.bench_function("generated", |b| {
            b.iter(|| ModifyJobGroupResponse::from_json(black_box(body.json.as_bytes())))
        });
        g.bench_function("hand_written", |b| {
            b.iter(|| serde_json::from_slice::<baseline::Response>(black_box(body.json.as_bytes())))
        });
        g.finish();
        let mut g = c.benchmark_group(format!("xml_decode_{}", body.name));
        g.throughput(Throughput::Bytes(body.xml.len() as u64));
        g.bench_function("generated", |b| {
            b.iter(|| ModifyJobGroupResponse::from_xml(black_box(body.xml.as_bytes())))
        });
        g.bench_function("hand_written", |b| {
            b.iter(|| quick_xml::de::from_str::<baseline::Response>(black_box(&body.xml)))
        });
        g.finish();
    }
}

fn encode(c: &mut Criterion) {
    for body in [bodies::seed(), bodies::large()] {
        let generated = ModifyJobGroupResponse::from_json(body.json.as_bytes()).expect("JSON");
        let hand: baseline::Response = serde_json::from_str(&body.json).expect("JSON");
        let mut g = c.benchmark_group(format!("json_encode_{}", body.name));
        g.bench_function("generated", |b| b.iter(|| black_box(&generated).to_json()));
        g.bench_function("hand_written", |b| {
            b.iter(|| serde_json::to_string(black_box(&hand)))
        });
        g.finish();
        let mut g = c.benchmark_group(format!("xml_encode_{}", body.name));
        g.bench_function("generated", |b| b.iter(|| black_box(&generated).to_xml()));
        g.bench_function("hand_written", |b| {
            b.iter(|| quick_xml::se::to_string(black_box(&hand)))
        });
        g.finish();
    }
}

/// The seed request with all 15 of its parameters set.
fn seed_request() -> ModifyJobGroupRequest {
    #[allow(deprecated)] // ScenarioId is historic but still sent
    ModifyJobGroupRequest::new("174952ab-9825-4cc9-a5e2-de82d7fa4cdd", "3edc0260-6f7c-4de4-8535-09372240618b", "修改后的作业组", "Draft", 1)
        .scenario_id("c6a668d1-3145-4048-9101-cb3678bb8884")
        .description("修改后的作业组")
        .strategy_json(r#"{"maxAttemptsPerDay":"0","minAttemptInterval":"5","Id":"689fc584-7f9f-4dc2-933d-8711beef7b15"}"#)
        .recall_strategy_json(r#"{"emptyNumberIgnore":false,"inArrearsIgnore":false,"outOfServiceIgnore":false}"#)
        .script_id("5a3940ce-a12f-4222-9f0f-605a9b89ea7c")
        .calling_number(["4008013260", "4008013261", "4008013262"])
        .ringing_duration(25)
        .priority("Daily")
        .flash_sms_extras(r#"{"templateId":"10471","configId":"8037f524-6ff2-4dbe-bb28-f59234ea7a64"}"#)
        .recall_calling_number(["4008013260"])
}

/// The same request, hand-written.
fn hand_request(r: &ModifyJobGroupRequest) -> baseline::Request {
    #[allow(deprecated)]
    baseline::Request {
        instance_id: r.instance_id.clone(),
        job_group_id: r.job_group_id.clone(),
        name: r.name.clone(),
        scenario_id: r.scenario_id.clone(),
        description: r.description.clone(),
        strategy_json: r.strategy_json.clone(),
        recall_strategy_json: r.recall_strategy_json.clone(),
        script_id: r.script_id.clone(),
        calling_number: r.calling_number.clone(),
        job_group_status: r.job_group_status.to_string(),
        ringing_duration: r.ringing_duration,
        min_concurrency: r.min_concurrency,
        priority: r.priority.as_ref().map(ToString::to_string),
        flash_sms_extras: r.flash_sms_extras.clone(),
        recall_calling_number: r.recall_calling_number.clone(),
    }
}

fn request(c: &mut Criterion) {
    let request = seed_request();
    let hand = hand_request(&request);
    let credentials = Credentials::new("testid", "testsecret");
    let inputs = SigningInputs::new(NONCE, TIMESTAMP);
    let signing = baseline::Signing {
        endpoint: ENDPOINT,
        access_key_id: "testid",
        secret: "testsecret",
        nonce: NONCE,
        timestamp: TIMESTAMP,
    };
    let v1 = Config::new("cn-shanghai").with_signature_version(SignatureVersion::V1);
    let v3 = Config::new("cn-shanghai").with_signature_version(SignatureVersion::V3);
    let sign = |config: &Config, request: &ModifyJobGroupRequest| {
        build_request(
            &modify_job_group::OPERATION,
            &request.to_params(),
            config,
            &credentials,
            &inputs,
        )
        .expect("the request builds")
    };

    // Both sides must produce the same bytes, or the comparison means nothing.
    let generated = sign(&v1, &request);
    assert_eq!(
        generated.uri().to_string(),
        baseline::signed_v1_url(&hand, &signing)
    );
    let generated = sign(&v3, &request);
    let (url, authorization) = baseline::signed_v3(&hand, &signing);
    assert_eq!(generated.uri().to_string(), url);
    assert_eq!(generated.headers()["authorization"], authorization.as_str());

    let mut g = c.benchmark_group("to_params");
    g.bench_function("generated", |b| b.iter(|| black_box(&request).to_params()));
    g.bench_function("hand_written", |b| b.iter(|| black_box(&hand).pairs()));
    g.finish();
    let mut g = c.benchmark_group("sign_v1");
    g.bench_function("generated", |b| b.iter(|| sign(&v1, black_box(&request))));
    g.bench_function("hand_written", |b| {
        b.iter(|| baseline::signed_v1_url(black_box(&hand), &signing))
    });
    g.finish();
    let mut g = c.benchmark_group("sign_v3");
    g.bench_function("generated", |b| b.iter(|| sign(&v3, black_box(&request))));
    g.bench_function("hand_written", |b| {
        b.iter(|| baseline::signed_v3(black_box(&hand), &signing))
    });
    g.finish();
}

/// The floor under any decoder built on quick-xml: reading the events alone, doing nothing with them. Not
/// a side-by-side case; `BENCHMARKS.md` uses it to explain the XML decode target.
fn xml_floor(c: &mut Criterion) {
    use quick_xml::events::Event;
    let mut g = c.benchmark_group("quick_xml_events");
    for body in [bodies::seed(), bodies::large()] {
        g.bench_function(body.name, |b| {
            b.iter(|| {
                let mut reader = quick_xml::Reader::from_str(black_box(&body.xml));
                let mut events = 0usize;
                loop {
                    match reader.read_event() {
                        Ok(Event::Eof) | Err(_) => break,
                        Ok(_) => events += 1,
                    }
                }
                events
            })
        });
    }
    g.finish();
}

criterion_group!(benches, decode, encode, request, xml_floor);
criterion_main!(benches);
