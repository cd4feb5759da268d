//! The bindings' `serde` feature: requests, responses, request objects and enums serialize with the API's
//! wire names and deserialize back unchanged; enums are their wire string with any other string kept in
//! `Unknown`; an untyped response is its body. (Every operation's round trip is in the generated test
//! crate: `serde_round_trip` in `tests/every_operation.rs`.)

use outboundbot::assign_jobs_async::AssignJobsAsyncResponse;
use outboundbot::modify_job_group::{
    self, JobGroupStatus, ModifyJobGroupRequest, ModifyJobGroupResponse, Priority,
};
use outboundbot::tag_resources::{Tag, TagResourcesRequest};
use serde_json::{Value, json};

/// `value` through JSON text and back.
fn round_trip<T>(value: &T) -> Value
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(&back, value);
    serde_json::from_str(&text).unwrap()
}

/// `value` without its `null` members, recursively (serde writes `None` as `null`; the codec omits it).
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[test]
fn modify_job_group_request_uses_the_wire_names() {
    let request = ModifyJobGroupRequest::new(
        "174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
        "3edc0260-6f7c-4de4-8535-09372240618b",
        "修改后的作业组",
        JobGroupStatus::Draft,
        1,
    )
    .calling_number(["4008013260", "4008013261"])
    .ringing_duration(25)
    .priority(Priority::from("Someday"));
    let value = without_nulls(round_trip(&request));
    assert_eq!(
        value,
        json!({
            "InstanceId": "174952ab-9825-4cc9-a5e2-de82d7fa4cdd",
            "JobGroupId": "3edc0260-6f7c-4de4-8535-09372240618b",
            "Name": "修改后的作业组",
            "CallingNumber": ["4008013260", "4008013261"],
            "RingingDuration": 25,
            "JobGroupStatus": "Draft",
            "Priority": "Someday",
            "MinConcurrency": 1,
            "RecallCallingNumber": [],
        })
    );
    // Absent optional members and lists are fine when reading.
    let minimal: ModifyJobGroupRequest = serde_json::from_value(json!({
        "InstanceId": "i", "JobGroupId": "j", "Name": "n", "JobGroupStatus": "Paused", "MinConcurrency": 0
    }))
    .unwrap();
    assert_eq!(
        minimal,
        ModifyJobGroupRequest::new("i", "j", "n", JobGroupStatus::Paused, 0)
    );
    // A required member is required.
    let err =
        serde_json::from_value::<ModifyJobGroupRequest>(json!({"InstanceId": "i"})).unwrap_err();
    assert!(
        err.to_string().contains("missing field `JobGroupId`"),
        "{err}"
    );
}

#[test]
fn modify_job_group_response_matches_the_codec() {
    let response =
        ModifyJobGroupResponse::from_json(modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes())
            .unwrap();
    let value = without_nulls(round_trip(&response));
    let codec: Value = serde_json::from_str(&response.to_json()).unwrap();
    assert_eq!(
        value, codec,
        "serde writes what to_json writes, nulls aside"
    );
    assert!(
        value["JobGroup"]["Strategy"]["WorkingTime"].is_array(),
        "{value}"
    );
    assert_eq!(value["JobGroup"]["Priority"], json!("Daily"));
}

#[test]
fn enums_are_their_wire_string_and_unknown_round_trips() {
    for (status, wire) in [
        (JobGroupStatus::Draft, "Draft"),
        (JobGroupStatus::from("Archived"), "Archived"),
    ] {
        assert_eq!(serde_json::to_value(&status).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<JobGroupStatus>(json!(wire)).unwrap(),
            status
        );
    }
    assert!(
        serde_json::from_value::<JobGroupStatus>(json!(3)).is_err(),
        "a string"
    );
}

#[test]
fn request_objects_in_repeat_lists() {
    let request = TagResourcesRequest::new(
        "cn-shanghai",
        "instance",
        ["i-1"],
        [Tag::new().key("team").value("ops")],
    );
    let value = without_nulls(round_trip(&request));
    assert_eq!(
        value["Tag"],
        json!([{"Key": "team", "Value": "ops"}]),
        "{value}"
    );
}

#[test]
fn an_untyped_response_is_its_body() {
    let body = json!({
        "RequestId": "254EB995-DEDF-48A4-9101-9CA5B72FFBCC",
        "Success": true,
        "Code": "OK",
        "HttpStatusCode": 200,
        "TaskId": "t-1",
        "Data": {"Nested": [1, "two", null]}
    });
    let response = AssignJobsAsyncResponse::from_json(body.to_string().as_bytes()).unwrap();
    let value = round_trip(&response);
    assert_eq!(value, body, "serialized as the body the service sent");
    let back: AssignJobsAsyncResponse = serde_json::from_value(body).unwrap();
    assert_eq!(
        back.request_id.as_deref(),
        Some("254EB995-DEDF-48A4-9101-9CA5B72FFBCC")
    );
    assert_eq!(back.success, Some(true));
    assert_eq!(back.body["TaskId"], json!("t-1"));
    // Read leniently, like `from_json`: a number sent as a string.
    let lenient: AssignJobsAsyncResponse =
        serde_json::from_value(json!({"HttpStatusCode": "200"})).unwrap();
    assert_eq!(lenient.http_status_code, Some(200));
}

#[test]
fn the_default_build_has_no_serde() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/outboundbot");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\ndefault = []\n"), "{manifest}");
    assert!(
        manifest.contains("\nserde = { workspace = true, optional = true }\n"),
        "serde is an optional dependency:\n{manifest}"
    );
    // Every serde attribute sits in a `cfg_attr(feature = "serde", …)`, every serde macro call under
    // `cfg(feature = "serde")` (checked on the text without whitespace, so wrapped attributes count too).
    let mut derives = 0;
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for (at, _) in text
            .match_indices("serde(")
            .chain(text.match_indices("::serde::"))
        {
            let attribute = &text[text[..at].rfind("#[").unwrap()..];
            assert!(
                attribute.starts_with("#[cfg_attr(feature=\"serde\","),
                "{}: {}",
                path.display(),
                &attribute[..attribute.len().min(120)]
            );
        }
        for (at, _) in text.match_indices("::aliyun_rpc_runtime::serde_") {
            assert!(
                text[..at].ends_with("#[cfg(feature=\"serde\")]"),
                "{}: {}",
                path.display(),
                &text[at..at + 60]
            );
        }
        derives += text
            .matches("derive(::serde::Serialize,::serde::Deserialize)")
            .count();
    }
    assert!(derives > 400, "{derives} derives");
}
