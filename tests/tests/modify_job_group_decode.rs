//! The generated ModifyJobGroup response types against the doc page's own examples (real service output,
//! quirks included) and against malformed bodies.

use outboundbot::modify_job_group::{
    self, JobGroupStatus, ModifyJobGroupResponse, Priority, RepeatBy, RoutingStrategy, StrategyType,
};

fn seed_json() -> ModifyJobGroupResponse {
    ModifyJobGroupResponse::from_json(modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes())
        .expect("seed JSON decodes")
}

fn seed_xml() -> ModifyJobGroupResponse {
    ModifyJobGroupResponse::from_xml(modify_job_group::EXAMPLE_RESPONSE_XML.as_bytes())
        .expect("seed XML decodes")
}

#[test]
fn seed_json_and_xml_decode_to_equal_values() {
    assert_eq!(seed_json(), seed_xml());
}

#[test]
fn seed_values_are_typed_as_the_page_says() {
    let r = seed_json();
    assert_eq!(r.http_status_code, Some(200));
    assert_eq!(r.code.as_deref(), Some("OK"));
    assert_eq!(r.message.as_deref(), Some("Success"));
    assert_eq!(
        r.request_id.as_deref(),
        Some("254EB995-DEDF-48A4-9101-9CA5B72FFBCC")
    );
    assert_eq!(r.success, Some(true));
    let g = r.job_group.expect("JobGroup");
    assert_eq!(g.status, Some(JobGroupStatus::Scheduling));
    assert_eq!(g.creation_time, Some(1_578_550_074_361));
    assert_eq!(g.job_group_name.as_deref(), Some("第一个催收"));
    assert_eq!(
        g.job_file_path.as_deref(),
        Some(
            "UPLOADED/JOB/d481cebe-0bb6-4d13-9649-42ce5074fb75/6c7d9132-98e1-4f08-8a76-8a266c7532fd_job_template - 副本.xlsx"
        )
    );
    // Strings that carry numbers stay strings.
    assert_eq!(g.script_version.as_deref(), Some("1628425608429"));
    assert_eq!(g.modify_time.as_deref(), Some("1628425608429"));
    let export = g.export_progress.expect("ExportProgress");
    assert_eq!(export.progress.as_deref(), Some("1"));
    assert_eq!(
        export.file_http_url.as_deref(),
        Some("https://***.oss-cn-shanghai.aliyuncs.com/sample")
    );
    let s = g.strategy.expect("Strategy");
    assert_eq!(s.r#type, Some(StrategyType::Repeatable));
    assert_eq!(s.max_attempts_per_day, Some(3));
    assert_eq!(s.end_time, Some(2_209_702_074_000));
    assert_eq!(s.start_time, Some(1_578_550_074_000));
    assert_eq!(s.is_template, Some(false));
    assert_eq!(s.customized.as_deref(), Some("{}"));
    assert_eq!(s.routing_strategy, Some(RoutingStrategy::LocalFirst));
    assert_eq!(s.repeat_by, Some(RepeatBy::Once));
    assert_eq!(s.min_attempt_interval, Some(10));
    assert_eq!(s.working_time.len(), 1);
    assert_eq!(s.working_time[0].begin_time.as_deref(), Some("09:00:00"));
    assert_eq!(s.working_time[0].end_time.as_deref(), Some("12:00:00"));
    let recall = g.recall_strategy.expect("RecallStrategy");
    assert_eq!(
        (
            recall.empty_number_ignore,
            recall.in_arrears_ignore,
            recall.out_of_service_ignore
        ),
        (Some(false), Some(false), Some(false))
    );
    assert_eq!(g.ringing_duration, Some(25));
    assert_eq!(g.priority, Some(Priority::Daily));
    assert_eq!(g.min_concurrency, Some(1));
    assert_eq!(
        g.flash_sms_extras.as_deref(),
        Some(r#"{"configId":"3157b3c8-3a3e-4ea9-894b-9c8a6", "templateId":"1234"}"#)
    );
}

#[test]
fn quirky_json_in_string_arrays_is_preserved_not_reparsed() {
    for r in [seed_json(), seed_xml()] {
        let g = r.job_group.expect("JobGroup");
        assert_eq!(g.calling_numbers, vec![r#"["4008013260"]"#.to_string()]);
        assert_eq!(
            g.strategy.expect("Strategy").repeat_days,
            vec!["[1,2,3,4,5]".to_string()]
        );
    }
}

fn json_value(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn json_round_trip_gives_the_seed_back() {
    let encoded = seed_json().to_json();
    assert_eq!(
        json_value(&encoded),
        json_value(modify_job_group::EXAMPLE_RESPONSE_JSON)
    );
}

/// The seed XML with the whitespace between elements removed (the page puts every element on its own line).
fn without_inter_element_whitespace(xml: &str) -> String {
    xml.lines().map(str::trim).collect()
}

#[test]
fn xml_round_trip_gives_the_seed_back() {
    let encoded = seed_xml().to_xml();
    assert_eq!(
        encoded,
        without_inter_element_whitespace(modify_job_group::EXAMPLE_RESPONSE_XML)
    );
}

#[test]
fn decode_of_encode_is_identity_in_both_formats() {
    let value = seed_json();
    assert_eq!(
        ModifyJobGroupResponse::from_json(value.to_json().as_bytes()).unwrap(),
        value
    );
    assert_eq!(
        ModifyJobGroupResponse::from_xml(value.to_xml().as_bytes()).unwrap(),
        value
    );
    // Cross-format: XML out, JSON in, same value.
    let via_xml = ModifyJobGroupResponse::from_xml(value.to_xml().as_bytes()).unwrap();
    assert_eq!(
        ModifyJobGroupResponse::from_json(via_xml.to_json().as_bytes()).unwrap(),
        value
    );
}

#[test]
fn xml_text_needing_escapes_round_trips() {
    let body = "<ModifyJobGroupResponse><Message>a &lt;b&gt; &amp; c</Message><JobGroup><JobGroupName>x&amp;y</JobGroupName></JobGroup></ModifyJobGroupResponse>";
    let r = ModifyJobGroupResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(r.message.as_deref(), Some("a <b> & c"));
    assert_eq!(r.to_xml(), body);
}

#[test]
fn unknown_enum_values_survive_decode_and_encode() {
    let body = r#"{"JobGroup":{"Status":"Archived","Priority":"Critical","Strategy":{"RepeatBy":"Fortnight","RoutingStrategy":"Nearest","Type":"OneShot"}}}"#;
    let r = ModifyJobGroupResponse::from_json(body.as_bytes()).unwrap();
    let g = r.job_group.as_ref().unwrap();
    assert!(
        matches!(&g.status, Some(JobGroupStatus::Unknown(v)) if v == "Archived"),
        "{:?}",
        g.status
    );
    assert_eq!(g.priority.as_ref().map(Priority::as_str), Some("Critical"));
    let s = g.strategy.as_ref().unwrap();
    assert!(
        matches!(&s.repeat_by, Some(RepeatBy::Unknown(v)) if v == "Fortnight"),
        "{:?}",
        s.repeat_by
    );
    assert_eq!(json_value(&r.to_json()), json_value(body));
    let xml = r.to_xml();
    assert!(xml.contains("<Status>Archived</Status>"), "{xml}");
    assert_eq!(ModifyJobGroupResponse::from_xml(xml.as_bytes()).unwrap(), r);
}

#[test]
fn enum_conversions() {
    assert_eq!(Priority::from("Urgent"), Priority::Urgent);
    assert_eq!(Priority::from(String::from("Daily")), Priority::Daily);
    assert!(matches!(Priority::from("urgent"), Priority::Unknown(v) if v == "urgent"));
    assert_eq!(Priority::Urgent.to_string(), "Urgent");
    assert_eq!(
        RoutingStrategy::KNOWN,
        &["None", "LocalFirst", "LocalProvinceFirst"]
    );
    assert_eq!(RoutingStrategy::from("None"), RoutingStrategy::None);
}

#[test]
fn unknown_fields_are_skipped() {
    let body = r#"{"Success":true,"Brand":"new","JobGroup":{"JobGroupId":"j","Extra":{"deep":[1,2]},"Strategy":{"NewKnob":3}}}"#;
    let r = ModifyJobGroupResponse::from_json(body.as_bytes()).unwrap();
    assert_eq!(r.success, Some(true));
    assert_eq!(r.job_group.unwrap().job_group_id.as_deref(), Some("j"));
    let xml = "<ModifyJobGroupResponse><Brand>new</Brand><JobGroup><Extra><Deep>1</Deep></Extra><JobGroupId>j</JobGroupId></JobGroup></ModifyJobGroupResponse>";
    let r = ModifyJobGroupResponse::from_xml(xml.as_bytes()).unwrap();
    assert_eq!(r.job_group.unwrap().job_group_id.as_deref(), Some("j"));
}

#[test]
fn numbers_and_booleans_sent_as_strings_decode() {
    let body = r#"{"HttpStatusCode":"200","Success":"true","JobGroup":{"CreationTime":"1578550074361","Strategy":{"MaxAttemptsPerDay":"3","IsTemplate":"False"},"RecallStrategy":{"EmptyNumberIgnore":"TRUE"}}}"#;
    let r = ModifyJobGroupResponse::from_json(body.as_bytes()).unwrap();
    assert_eq!(r.http_status_code, Some(200));
    assert_eq!(r.success, Some(true));
    let g = r.job_group.unwrap();
    assert_eq!(g.creation_time, Some(1_578_550_074_361));
    let s = g.strategy.unwrap();
    assert_eq!(s.max_attempts_per_day, Some(3));
    assert_eq!(s.is_template, Some(false));
    assert_eq!(g.recall_strategy.unwrap().empty_number_ignore, Some(true));
}

#[test]
fn a_number_where_a_string_is_expected_keeps_its_text() {
    let r = ModifyJobGroupResponse::from_json(br#"{"JobGroup":{"ScriptVersion":1628425608429}}"#)
        .unwrap();
    assert_eq!(
        r.job_group.unwrap().script_version.as_deref(),
        Some("1628425608429")
    );
}

#[test]
fn a_json_number_in_a_string_field_is_the_exact_text_sent() {
    for (sent, kept) in [
        ("1.10", "1.10"),
        ("12345678901234567890123", "12345678901234567890123"),
        ("-0.0", "-0.0"),
        ("1e3", "1e3"),
        ("1E+400", "1E+400"),
        ("true", "true"),
        (r#""a\"b\u00e9""#, "a\"b\u{e9}"),
        (r#""plain""#, "plain"),
    ] {
        let body =
            format!(r#"{{"JobGroup":{{"ScriptVersion":{sent},"CallingNumbers":[{sent}]}}}}"#);
        let group = ModifyJobGroupResponse::from_json(body.as_bytes())
            .unwrap()
            .job_group
            .unwrap();
        assert_eq!(group.script_version.as_deref(), Some(kept), "{sent}");
        assert_eq!(group.calling_numbers, [kept], "{sent}");
    }
    let body = br#"{"JobGroup":{"Strategy":{"WorkingTime":[{"BeginTime":9.50}]}}}"#;
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_json(body).unwrap()),
        ["9.50"]
    );
}

#[test]
fn json_parser_limits_name_the_field() {
    // A number beyond f64 where a number belongs.
    let err = json_err(r#"{"JobGroup":{"Strategy":{"MaxAttemptsPerDay":1e400}}}"#);
    assert_eq!(err.path(), "JobGroup.Strategy.MaxAttemptsPerDay");
    assert!(
        err.message()
            .starts_with("invalid JSON: number out of range"),
        "{err}"
    );
    // An integer beyond the field's type.
    let err = json_err(r#"{"JobGroup":{"Strategy":{"MaxAttemptsPerDay":4294967296}}}"#);
    assert_eq!(err.path(), "JobGroup.Strategy.MaxAttemptsPerDay");
    // Nesting: a field the spec does not know is skipped without recursion, however deep; where the
    // spec expects a scalar it is an error at that field (typed fields nest only as deep as the spec).
    let deep = |field: &str| {
        format!(
            r#"{{"JobGroup":{{"{field}":{}{}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
    };
    let skipped = ModifyJobGroupResponse::from_json(deep("Extra").as_bytes()).unwrap();
    assert!(skipped.job_group.is_some());
    let err = json_err(&deep("ScriptName"));
    assert_eq!(err.path(), "JobGroup.ScriptName");
    assert_eq!(err.message(), "expected a string, found an array");
    // Malformed JSON in the middle of an object names that object.
    let err = json_err(r#"{"JobGroup":{"Strategy":{"StrategyName":"a" "x"}}}"#);
    assert_eq!(err.path(), "JobGroup.Strategy");
    assert!(
        err.message()
            .starts_with("invalid JSON: expected `,` or `}`"),
        "{err}"
    );
}

#[test]
fn a_json_field_sent_twice_keeps_its_last_value() {
    let r = ModifyJobGroupResponse::from_json(
        br#"{"JobGroup":{"ScriptName":"a","CallingNumbers":["1"],"ScriptName":"b","CallingNumbers":["2","3"]}}"#,
    )
    .unwrap();
    let group = r.job_group.unwrap();
    assert_eq!(group.script_name.as_deref(), Some("b"));
    assert_eq!(group.calling_numbers, ["2", "3"]);
}

#[test]
fn missing_and_null_fields_are_absent() {
    let r = ModifyJobGroupResponse::from_json(br#"{"JobGroup":null,"Code":null}"#).unwrap();
    assert_eq!(r, ModifyJobGroupResponse::default());
    let r = ModifyJobGroupResponse::from_xml(
        b"<ModifyJobGroupResponse><JobGroup><CreationTime/></JobGroup></ModifyJobGroupResponse>",
    )
    .unwrap();
    assert_eq!(r.job_group.unwrap().creation_time, None);
}

#[test]
fn legacy_wrapped_arrays_are_accepted() {
    let json = br#"{"JobGroup":{"CallingNumbers":{"String":["a","b"]}}}"#;
    let xml = b"<ModifyJobGroupResponse><JobGroup><CallingNumbers><String>a</String><String>b</String></CallingNumbers></JobGroup></ModifyJobGroupResponse>";
    for r in [
        ModifyJobGroupResponse::from_json(json).unwrap(),
        ModifyJobGroupResponse::from_xml(xml).unwrap(),
    ] {
        assert_eq!(
            r.job_group.unwrap().calling_numbers,
            vec!["a".to_string(), "b".to_string()]
        );
    }
}

/// The begin times of the job group's working time, in order.
fn begin_times(r: ModifyJobGroupResponse) -> Vec<String> {
    let strategy = r.job_group.unwrap().strategy.unwrap();
    strategy
        .working_time
        .into_iter()
        .map(|w| w.begin_time.unwrap_or_default())
        .collect()
}

#[test]
fn wrapped_arrays_of_objects_keep_every_item() {
    // The form the gateway writes for list members (`"Instances":{"Instance":[…]}`), never empty items.
    let json = br#"{"JobGroup":{"Strategy":{"WorkingTime":{"TimeFrame":[{"BeginTime":"09:00:00"},{"BeginTime":"14:00:00"}]}}}}"#;
    let xml = b"<ModifyJobGroupResponse><JobGroup><Strategy><WorkingTime><TimeFrame><BeginTime>09:00:00</BeginTime></TimeFrame><TimeFrame><BeginTime>14:00:00</BeginTime></TimeFrame></WorkingTime></Strategy></JobGroup></ModifyJobGroupResponse>";
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_json(json).unwrap()),
        ["09:00:00", "14:00:00"]
    );
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_xml(xml).unwrap()),
        ["09:00:00", "14:00:00"]
    );

    // One item: an object in JSON, one child element in XML.
    let json =
        br#"{"JobGroup":{"Strategy":{"WorkingTime":{"TimeFrame":{"BeginTime":"09:00:00"}}}}}"#;
    let xml = b"<ModifyJobGroupResponse><JobGroup><Strategy><WorkingTime><TimeFrame><BeginTime>09:00:00</BeginTime></TimeFrame></WorkingTime></Strategy></JobGroup></ModifyJobGroupResponse>";
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_json(json).unwrap()),
        ["09:00:00"]
    );
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_xml(xml).unwrap()),
        ["09:00:00"]
    );

    // Errors inside a wrapped item name the item by its index in the array.
    let err = json_err(
        r#"{"JobGroup":{"Strategy":{"WorkingTime":{"TimeFrame":[{"BeginTime":"09:00:00"},{"BeginTime":[]}]}}}}"#,
    );
    assert_eq!(err.path(), "JobGroup.Strategy.WorkingTime[1].BeginTime");
}

#[test]
fn an_unknown_scalar_first_member_is_a_skipped_field_of_one_item() {
    let json =
        br#"{"JobGroup":{"Strategy":{"WorkingTime":{"Zone":"UTC+8","BeginTime":"09:00:00"}}}}"#;
    let xml = b"<ModifyJobGroupResponse><JobGroup><Strategy><WorkingTime><Zone>UTC+8</Zone><BeginTime>09:00:00</BeginTime></WorkingTime></Strategy></JobGroup></ModifyJobGroupResponse>";
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_json(json).unwrap()),
        ["09:00:00"]
    );
    assert_eq!(
        begin_times(ModifyJobGroupResponse::from_xml(xml).unwrap()),
        ["09:00:00"]
    );
}

#[test]
fn a_wrapper_with_anything_beside_its_items_is_an_error_not_lost_data() {
    let err = json_err(
        r#"{"JobGroup":{"Strategy":{"WorkingTime":{"TimeFrame":[{"BeginTime":"09:00:00"}],"BeginTime":"10:00:00"}}}}"#,
    );
    assert_eq!(err.path(), "JobGroup.Strategy.WorkingTime");
    assert_eq!(
        err.message(),
        "expected only TimeFrame items in the wrapped array, found BeginTime beside them"
    );
    let err = xml_err(
        "<ModifyJobGroupResponse><JobGroup><Strategy><WorkingTime><TimeFrame><BeginTime>09:00:00</BeginTime></TimeFrame><Other><BeginTime>1</BeginTime></Other></WorkingTime></Strategy></JobGroup></ModifyJobGroupResponse>",
    );
    assert_eq!(err.path(), "JobGroup.Strategy.WorkingTime");
    assert_eq!(
        err.message(),
        "expected only TimeFrame items in the wrapped array, found Other beside them"
    );
}

#[test]
fn repeated_xml_elements_become_arrays_in_order() {
    let xml = b"<ModifyJobGroupResponse><JobGroup><Strategy><WorkingTime><BeginTime>09:00:00</BeginTime></WorkingTime><RepeatDays>1</RepeatDays><WorkingTime><BeginTime>14:00:00</BeginTime></WorkingTime><RepeatDays>2</RepeatDays></Strategy></JobGroup></ModifyJobGroupResponse>";
    let s = ModifyJobGroupResponse::from_xml(xml)
        .unwrap()
        .job_group
        .unwrap()
        .strategy
        .unwrap();
    let begins: Vec<_> = s
        .working_time
        .iter()
        .map(|w| w.begin_time.as_deref().unwrap())
        .collect();
    assert_eq!(begins, ["09:00:00", "14:00:00"]);
    assert_eq!(s.repeat_days, ["1", "2"]);
}

// ----- bad bodies: an `Err` naming where, never a panic -----

fn json_err(body: &str) -> outboundbot::runtime::decode::DecodeError {
    ModifyJobGroupResponse::from_json(body.as_bytes()).expect_err("must not decode")
}

fn xml_err(body: &str) -> outboundbot::runtime::decode::DecodeError {
    ModifyJobGroupResponse::from_xml(body.as_bytes()).expect_err("must not decode")
}

#[test]
fn truncated_bodies_are_errors() {
    let json = modify_job_group::EXAMPLE_RESPONSE_JSON;
    let err = json_err(&json[..json.len() / 2]);
    assert!(
        err.message().starts_with("invalid JSON: EOF while parsing"),
        "{err}"
    );

    let xml = modify_job_group::EXAMPLE_RESPONSE_XML;
    let cut = xml.find("<RoutingStrategy>").unwrap();
    let err = xml_err(&xml[..cut]);
    assert_eq!(err.path(), "JobGroup.Strategy");
    assert!(err.message().contains("truncated"), "{err}");
    // Every prefix fails cleanly (no panic, no partial value).
    for end in (0..xml.len()).step_by(97) {
        if xml.is_char_boundary(end) {
            assert!(ModifyJobGroupResponse::from_xml(&xml.as_bytes()[..end]).is_err());
        }
    }
    for end in (0..json.len()).step_by(89) {
        assert!(ModifyJobGroupResponse::from_json(&json.as_bytes()[..end]).is_err());
    }
}

#[test]
fn wrong_root_element_is_an_error() {
    let err = xml_err("<DescribeJobGroupResponse><Code>OK</Code></DescribeJobGroupResponse>");
    assert_eq!(
        err.message(),
        "expected root element <ModifyJobGroupResponse>, found <DescribeJobGroupResponse>"
    );
    assert_eq!(
        err.to_string(),
        "cannot decode response: expected root element <ModifyJobGroupResponse>, found <DescribeJobGroupResponse>"
    );
}

#[test]
fn a_string_where_an_object_belongs_names_the_path() {
    let err = json_err(r#"{"JobGroup":{"Strategy":"Repeatable"}}"#);
    assert_eq!(err.path(), "JobGroup.Strategy");
    assert_eq!(err.message(), "expected an object, found a string");

    let err = xml_err(
        "<ModifyJobGroupResponse><JobGroup><Strategy>Repeatable</Strategy></JobGroup></ModifyJobGroupResponse>",
    );
    assert_eq!(err.path(), "JobGroup.Strategy");

    let err = json_err(r#"["not", "an", "object"]"#);
    assert_eq!(err.path(), "");
    assert_eq!(err.message(), "expected an object, found an array");
}

#[test]
fn wrong_scalars_name_the_path_with_index() {
    let err = json_err(
        r#"{"JobGroup":{"Strategy":{"WorkingTime":[{"BeginTime":"09:00:00"},{"BeginTime":{"h":9}}]}}}"#,
    );
    assert_eq!(err.path(), "JobGroup.Strategy.WorkingTime[1].BeginTime");
    assert_eq!(err.message(), "expected a string, found an object");

    let err = json_err(r#"{"JobGroup":{"CreationTime":"yesterday"}}"#);
    assert_eq!(err.path(), "JobGroup.CreationTime");
    assert_eq!(
        err.message(),
        "expected a 64-bit integer, found \"yesterday\""
    );

    let err = xml_err(
        "<ModifyJobGroupResponse><JobGroup><Strategy><MaxAttemptsPerDay>99999999999</MaxAttemptsPerDay></Strategy></JobGroup></ModifyJobGroupResponse>",
    );
    assert_eq!(err.path(), "JobGroup.Strategy.MaxAttemptsPerDay");

    let err = json_err(r#"{"Success":"maybe"}"#);
    assert_eq!(
        err.to_string(),
        "cannot decode response at `Success`: expected a boolean, found \"maybe\""
    );

    let err = json_err(r#"{"JobGroup":{"CallingNumbers":"4008013260"}}"#);
    assert_eq!(err.path(), "JobGroup.CallingNumbers");
}

#[test]
fn non_utf8_and_garbage_bodies_are_errors() {
    assert!(ModifyJobGroupResponse::from_json(&[0xff, 0xfe, b'{']).is_err());
    assert!(ModifyJobGroupResponse::from_xml(&[b'<', 0xff, b'>']).is_err());
    assert!(
        ModifyJobGroupResponse::from_xml(b"<html><body>502 Bad Gateway</body></html>").is_err()
    );
    assert!(ModifyJobGroupResponse::from_json(b"").is_err());
    assert!(ModifyJobGroupResponse::from_json(b"null").is_err());
}

#[test]
fn from_body_dispatches_on_format() {
    use outboundbot::Format;
    let a = ModifyJobGroupResponse::from_body(
        Format::Json,
        modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes(),
    )
    .unwrap();
    let b = ModifyJobGroupResponse::from_body(
        Format::Xml,
        modify_job_group::EXAMPLE_RESPONSE_XML.as_bytes(),
    )
    .unwrap();
    assert_eq!(a, b);
    assert!(
        ModifyJobGroupResponse::from_body(
            Format::Xml,
            modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes()
        )
        .is_err()
    );
}

/// An `Unknown` holding a known value cannot be built: every way in (`From<&str>`, `From<String>`, decoding)
/// gives the known variant, so equality, hashing and `match` agree with the wire value.
#[test]
fn unknown_never_holds_a_known_value() {
    use std::collections::HashSet;
    assert_eq!(JobGroupStatus::from("Draft"), JobGroupStatus::Draft);
    assert_eq!(
        JobGroupStatus::from(String::from("Draft")),
        JobGroupStatus::Draft
    );
    let decoded = ModifyJobGroupResponse::from_json(br#"{"JobGroup":{"Status":"Draft"}}"#).unwrap();
    assert_eq!(
        decoded.job_group.unwrap().status,
        Some(JobGroupStatus::Draft)
    );
    let set: HashSet<JobGroupStatus> = ["Draft", "Archived", "Archived"]
        .into_iter()
        .map(JobGroupStatus::from)
        .chain([JobGroupStatus::Draft])
        .collect();
    assert_eq!(set.len(), 2, "{set:?}");
    // An unknown value keeps its exact text (and case).
    let lower = JobGroupStatus::from("draft");
    assert!(matches!(&lower, JobGroupStatus::Unknown(v) if v.as_str() == "draft"));
    assert_ne!(lower, JobGroupStatus::Draft);
}
