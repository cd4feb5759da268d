//! Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage return; U+FFFE and
//! U+FFFF). The policy, in both directions (documented on `aliyun_rpc_runtime::encode::to_xml` and in the
//! decoder's module docs): `to_xml` writes U+FFFD in their place, so its output is always a well-formed
//! document other parsers accept (JSON carries them exactly); reading XML, such a character — raw or as a
//! character reference — is an error that names where, never silently kept or dropped.

use outboundbot::modify_job_group::ModifyJobGroupResponse;

fn response_with_code(code: &str) -> ModifyJobGroupResponse {
    let mut response = ModifyJobGroupResponse::default();
    response.code = Some(code.to_owned());
    response
}

#[test]
fn to_xml_replaces_what_xml_cannot_carry_and_stays_well_formed() {
    let response = response_with_code("a\u{0}b\u{1}c\u{b}d\u{fffe}e\u{ffff}f");
    let xml = response.to_xml();
    assert!(
        xml.contains("<Code>a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f</Code>"),
        "{xml}"
    );
    // Well-formed for another parser: quick-xml reads it to the end without error.
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("{error}: {xml}"),
        }
    }
    let back = ModifyJobGroupResponse::from_xml(xml.as_bytes()).unwrap();
    assert_eq!(
        back.code.as_deref(),
        Some("a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f")
    );
}

#[test]
fn json_keeps_them_exactly() {
    let response = response_with_code("a\u{0}b\u{1f}c\u{ffff}");
    let back = ModifyJobGroupResponse::from_json(response.to_json().as_bytes()).unwrap();
    assert_eq!(back, response);
}

#[test]
fn what_xml_allows_round_trips_exactly() {
    let text = "tab\tlf\ncr\r & < > ]]> \" ' 😀 \u{fffd} \u{e000} \u{10ffff}";
    let response = response_with_code(text);
    let back = ModifyJobGroupResponse::from_xml(response.to_xml().as_bytes()).unwrap();
    assert_eq!(back.code.as_deref(), Some(text));
}

#[test]
fn reading_xml_rejects_them_and_says_where() {
    for body in [
        "<ModifyJobGroupResponse><Code>a\u{1}b</Code></ModifyJobGroupResponse>",
        "<ModifyJobGroupResponse><Code>a&#x1;b</Code></ModifyJobGroupResponse>",
        "<ModifyJobGroupResponse><Code>a&#0;b</Code></ModifyJobGroupResponse>",
        "<ModifyJobGroupResponse><Code>a&#xFFFE;b</Code></ModifyJobGroupResponse>",
    ] {
        let error = ModifyJobGroupResponse::from_xml(body.as_bytes())
            .expect_err("not an XML 1.0 character");
        let text = error.to_string();
        assert!(text.contains("Code"), "{body:?}: {text}");
    }
}
