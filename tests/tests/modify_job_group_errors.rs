//! HTTP answers to ModifyJobGroup turned into `Result<Response, ModifyJobGroupError>` without any I/O:
//! documented codes, other codes, `Success: false`, bodies that are not the error envelope.

use outboundbot::Format;
use outboundbot::modify_job_group::{self, ModifyJobGroupError, parse_response};

const NOT_FOUND_JSON: &str = r#"{"RequestId":"9C1B2F4E-0000-4A4A-8A8A-000000000001","HostId":"outboundbot.cn-shanghai.aliyuncs.com","Code":"NotExist.Instance","Message":"The specified Instance does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=NotExist.Instance&product=OutboundBot"}"#;

#[test]
fn success_answers_decode() {
    let ok = parse_response(
        200,
        Some("application/json"),
        Format::Json,
        modify_job_group::EXAMPLE_RESPONSE_JSON.as_bytes(),
    )
    .unwrap();
    assert_eq!(ok.success, Some(true));
    let ok_xml = parse_response(
        200,
        Some("application/xml"),
        Format::Xml,
        modify_job_group::EXAMPLE_RESPONSE_XML.as_bytes(),
    )
    .unwrap();
    assert_eq!(ok, ok_xml);
}

#[test]
fn documented_not_found_has_its_own_variant_with_every_detail() {
    let err = parse_response(
        404,
        Some("application/json"),
        Format::Json,
        NOT_FOUND_JSON.as_bytes(),
    )
    .unwrap_err();
    let ModifyJobGroupError::NotExistInstance(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.status, 404);
    assert_eq!(e.code, "NotExist.Instance");
    assert_eq!(e.message, "The specified Instance does not exist.");
    assert_eq!(
        e.request_id.as_deref(),
        Some("9C1B2F4E-0000-4A4A-8A8A-000000000001")
    );
    assert_eq!(
        e.recommend.as_deref(),
        Some("https://api.aliyun.com/troubleshoot?q=NotExist.Instance&product=OutboundBot")
    );
    assert_eq!(err.code(), Some("NotExist.Instance"));
    assert!(
        err.to_string()
            .starts_with("HTTP 404 NotExist.Instance: The specified Instance does not exist."),
        "{err}"
    );
}

#[test]
fn documented_internal_error_in_xml() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>R</RequestId><HostId>h</HostId><Code>InternalError</Code><Message>An error occurred while processing your request. Please try again later. Submit a ticket if the error still exists.</Message></Error>";
    let err =
        parse_response(500, Some("application/xml"), Format::Xml, body.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, ModifyJobGroupError::InternalError(e) if e.status == 500 && e.request_id.as_deref() == Some("R") && e.recommend.is_none()),
        "{err:?}"
    );
}

#[test]
fn other_codes_are_kept_in_service() {
    let body = r#"{"RequestId":"R","Code":"Forbidden.NoPermission","Message":"no"}"#;
    let err = parse_response(403, None, Format::Json, body.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, ModifyJobGroupError::Service(e) if e.code == "Forbidden.NoPermission" && e.status == 403),
        "{err:?}"
    );
}

#[test]
fn http_200_with_success_false_is_an_error_not_ok() {
    let body = r#"{"HttpStatusCode":404,"Code":"NotExist.Instance","Message":"The specified Instance does not exist.","RequestId":"R2","Success":false}"#;
    let err = parse_response(200, None, Format::Json, body.as_bytes()).unwrap_err();
    let ModifyJobGroupError::NotExistInstance(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!((e.status, e.request_id.as_deref()), (404, Some("R2")));

    // Without HttpStatusCode the status is the answer's 200; an undocumented code lands in `Service`.
    let body = "<ModifyJobGroupResponse><Code>JobGroup.Running</Code><Message>busy</Message><Success>false</Success></ModifyJobGroupResponse>";
    let err = parse_response(200, None, Format::Xml, body.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, ModifyJobGroupError::Service(e) if e.status == 200 && e.code == "JobGroup.Running" && e.message == "busy"),
        "{err:?}"
    );

    // The body is still available as data when decoded directly.
    let r = modify_job_group::ModifyJobGroupResponse::from_xml(body.as_bytes()).unwrap();
    assert_eq!(
        r.unsuccessful().map(|e| e.code),
        Some("JobGroup.Running".to_string())
    );
}

#[test]
fn a_proxy_html_page_keeps_status_and_a_bounded_excerpt() {
    let page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "x".repeat(4096)
    );
    let err = parse_response(502, Some("text/html"), Format::Json, page.as_bytes()).unwrap_err();
    let ModifyJobGroupError::UnexpectedBody(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.status, 502);
    assert_eq!(e.content_type.as_deref(), Some("text/html"));
    assert!(e.excerpt.starts_with("<html><head><title>502 Bad Gateway"));
    assert!(
        e.excerpt.len() < 600,
        "excerpt is bounded: {} bytes",
        e.excerpt.len()
    );
    assert!(err.to_string().contains("HTTP 502"), "{err}");
}

#[test]
fn a_malformed_success_body_is_a_decode_error() {
    let err = parse_response(200, None, Format::Json, br#"{"JobGroup":"oops"}"#).unwrap_err();
    assert!(
        matches!(&err, ModifyJobGroupError::Decode(e) if e.path() == "JobGroup"),
        "{err:?}"
    );
}
