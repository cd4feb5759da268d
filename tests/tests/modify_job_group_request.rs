//! Flattening ModifyJobGroup requests into wire parameters. Expected pairs are written out by hand from
//! `runtime/docs/wire-format.md` (spec order, `Name.N` 1-based, empty list sends nothing, `Key=` for an empty
//! string), not taken from the code's output.
//!
//! Since the 2025 revision of Alibaba's metadata, `JobGroupStatus` and `MinConcurrency` are required too: they
//! are constructor arguments and are sent in their spec positions (after `CallingNumber`, around
//! `RingingDuration`).

use outboundbot::modify_job_group::{JobGroupStatus, ModifyJobGroupRequest, Priority};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The doc page's example values. The page prints `CallingNumber=["[\"4008013260\"]"]`, a rendering
/// artefact; the value is one number, sent as `CallingNumber.1`. The `\"` in the JSON values is display
/// escaping, not part of the value.
#[allow(deprecated)] // ScenarioId is historic but the page sends it
fn seed_request() -> ModifyJobGroupRequest {
    ModifyJobGroupRequest::new(
        "174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
        "3edc0260-6f7c-4de4-8535-09372240618b",
        "修改后的作业组",
        JobGroupStatus::Draft,
        1,
    )
    .scenario_id("c6a668d1-3145-4048-9101-cb3678bb8884")
    .description("修改后的作业组")
    .strategy_json(r#"{"maxAttemptsPerDay":"0","minAttemptInterval":"5","Id":"689fc584-7f9f-4dc2-933d-8711beef7b15"}"#)
    .recall_strategy_json(r#"{"emptyNumberIgnore":false,"inArrearsIgnore":false,"outOfServiceIgnore":false}"#)
    .script_id("5a3940ce-a12f-4222-9f0f-605a9b89ea7c")
    .calling_number(["4008013260"])
    .ringing_duration(25)
    .priority(Priority::Daily)
    .flash_sms_extras(r#"{"templateId":"10471","configId":"8037f524-6ff2-4dbe-bb28-f59234ea7a64"}"#)
    .recall_calling_number(["4008013260"])
}

#[test]
fn seed_request_flattens_to_the_hand_derived_pairs() {
    let params = seed_request().to_params();
    let expected = pairs(&[
        ("InstanceId", "174952ab-9825-4cc9-a5e2-de82d7fa4cdd"),
        ("JobGroupId", "3edc0260-6f7c-4de4-8535-09372240618b"),
        ("Name", "修改后的作业组"),
        ("ScenarioId", "c6a668d1-3145-4048-9101-cb3678bb8884"),
        ("Description", "修改后的作业组"),
        (
            "StrategyJson",
            r#"{"maxAttemptsPerDay":"0","minAttemptInterval":"5","Id":"689fc584-7f9f-4dc2-933d-8711beef7b15"}"#,
        ),
        (
            "RecallStrategyJson",
            r#"{"emptyNumberIgnore":false,"inArrearsIgnore":false,"outOfServiceIgnore":false}"#,
        ),
        ("ScriptId", "5a3940ce-a12f-4222-9f0f-605a9b89ea7c"),
        ("CallingNumber.1", "4008013260"),
        ("JobGroupStatus", "Draft"),
        ("RingingDuration", "25"),
        ("MinConcurrency", "1"),
        ("Priority", "Daily"),
        (
            "FlashSmsExtras",
            r#"{"templateId":"10471","configId":"8037f524-6ff2-4dbe-bb28-f59234ea7a64"}"#,
        ),
        ("RecallCallingNumber.1", "4008013260"),
    ]);
    assert_eq!(params.query, expected);
    assert!(
        params.form.is_empty(),
        "ModifyJobGroup sends everything in the query"
    );
}

/// A request with only its required parameters: `Draft` and a minimum concurrency of 0.
fn minimal(name: &str) -> ModifyJobGroupRequest {
    ModifyJobGroupRequest::new("i", "j", name, JobGroupStatus::Draft, 0)
}

#[test]
fn only_required_parameters_by_default() {
    let params = minimal("n").to_params();
    assert_eq!(
        params.query,
        pairs(&[
            ("InstanceId", "i"),
            ("JobGroupId", "j"),
            ("Name", "n"),
            ("JobGroupStatus", "Draft"),
            ("MinConcurrency", "0")
        ])
    );
}

#[test]
fn twelve_calling_numbers_are_numbered_from_one_to_twelve() {
    let numbers: Vec<String> = (1..=12).map(|i| format!("40080132{i:02}")).collect();
    let params = minimal("n").calling_number(numbers).to_params();
    let expected = pairs(&[
        ("InstanceId", "i"),
        ("JobGroupId", "j"),
        ("Name", "n"),
        ("CallingNumber.1", "4008013201"),
        ("CallingNumber.2", "4008013202"),
        ("CallingNumber.3", "4008013203"),
        ("CallingNumber.4", "4008013204"),
        ("CallingNumber.5", "4008013205"),
        ("CallingNumber.6", "4008013206"),
        ("CallingNumber.7", "4008013207"),
        ("CallingNumber.8", "4008013208"),
        ("CallingNumber.9", "4008013209"),
        ("CallingNumber.10", "4008013210"),
        ("CallingNumber.11", "4008013211"),
        ("CallingNumber.12", "4008013212"),
        ("JobGroupStatus", "Draft"),
        ("MinConcurrency", "0"),
    ]);
    assert_eq!(params.query, expected);
}

#[test]
fn push_appends_after_a_list() {
    let params = minimal("n")
        .recall_calling_number(vec![String::from("a")])
        .push_recall_calling_number("b")
        .to_params();
    assert_eq!(
        &params.query[5..],
        &pairs(&[
            ("RecallCallingNumber.1", "a"),
            ("RecallCallingNumber.2", "b")
        ])[..]
    );
}

#[test]
fn empty_list_sends_nothing_and_empty_string_sends_the_key() {
    let params = minimal("")
        .calling_number(Vec::<String>::new())
        .description("")
        .to_params();
    assert_eq!(
        params.query,
        pairs(&[
            ("InstanceId", "i"),
            ("JobGroupId", "j"),
            ("Name", ""),
            ("Description", ""),
            ("JobGroupStatus", "Draft"),
            ("MinConcurrency", "0")
        ])
    );
}

#[test]
fn unicode_and_reserved_characters_are_kept_verbatim_before_encoding() {
    let name = "作业组 🚀 a&b=c+d%20\n";
    let params = minimal(name)
        .push_calling_number("+86 400-801-3260")
        .to_params();
    assert_eq!(params.query[2], ("Name".to_string(), name.to_string()));
    assert_eq!(
        params.query[3],
        (
            "CallingNumber.1".to_string(),
            "+86 400-801-3260".to_string()
        )
    );
}

#[test]
fn enum_parameters_accept_known_values_and_any_string() {
    let params = ModifyJobGroupRequest::new("i", "j", "n", "Paused", 0)
        .priority("Critical")
        .to_params();
    assert_eq!(
        &params.query[3..],
        &pairs(&[
            ("JobGroupStatus", "Paused"),
            ("MinConcurrency", "0"),
            ("Priority", "Critical")
        ])[..]
    );
    let r = ModifyJobGroupRequest::new("i", "j", "n", "Paused", 0);
    assert_eq!(r.job_group_status, JobGroupStatus::Paused);
}

#[test]
fn negative_and_large_longs_use_decimal_text() {
    let params = ModifyJobGroupRequest::new("i", "j", "n", JobGroupStatus::Draft, i64::MAX)
        .ringing_duration(-1)
        .to_params();
    assert_eq!(
        &params.query[3..],
        &pairs(&[
            ("JobGroupStatus", "Draft"),
            ("RingingDuration", "-1"),
            ("MinConcurrency", "9223372036854775807")
        ])[..]
    );
}

#[test]
fn operation_constants_describe_the_wire() {
    let op = outboundbot::modify_job_group::OPERATION;
    assert_eq!(
        (op.action, op.version, op.method),
        ("ModifyJobGroup", "2019-12-26", "POST")
    );
    assert_eq!(op.endpoint_template, "outboundbot.{region}.aliyuncs.com");
    assert_eq!(outboundbot::DEFAULT_REGION, "cn-shanghai");
}

/// `max_items: 99` of `CallingNumber` is enforced where the request is flattened: 100 numbers are recorded
/// as over the limit, and the request builder (so the client) refuses to send it.
#[test]
fn calling_numbers_over_max_items_are_refused() {
    let numbers = |n: usize| (0..n).map(|i| format!("400801{i:04}"));
    let ok = ModifyJobGroupRequest::new("i", "j", "n", "Draft", 1).calling_number(numbers(99));
    assert!(ok.to_params().over_limit.is_empty());
    let over = ModifyJobGroupRequest::new("i", "j", "n", "Draft", 1).calling_number(numbers(100));
    let params = over.to_params();
    assert_eq!(params.over_limit.len(), 1);
    assert_eq!(
        params.over_limit[0].to_string(),
        "CallingNumber has 100 items, more than the 99 the service accepts"
    );
    let built = aliyun_rpc_runtime::request::build_request(
        &outboundbot::modify_job_group::OPERATION,
        &params,
        &aliyun_rpc_runtime::request::Config::new("cn-shanghai"),
        &aliyun_rpc_runtime::credentials::Credentials::new("id", "secret"),
        &aliyun_rpc_runtime::request::SigningInputs::new("n", "2016-02-23T12:46:24Z"),
    );
    assert!(matches!(
        built,
        Err(aliyun_rpc_runtime::request::BuildError::TooManyItems(_))
    ));
}
