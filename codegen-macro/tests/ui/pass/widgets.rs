//! The fixture spec expanded in a caller's module: constants, a request built and flattened, a response
//! decoded from JSON and XML, an enum and a documented error code.

mod widgets {
    codegen_macro::generate!("../tests/fixtures/widget-spec");
}

use widgets::create_widget::{CreateWidgetRequest, CreateWidgetResponse};

fn main() {
    assert_eq!(widgets::PRODUCT, "widgets");
    assert_eq!(widgets::API_VERSION, "2024-01-01");

    let request = CreateWidgetRequest::new("cn-hangzhou", 3);
    assert_eq!(request.quantity, 3);
    let params = request.to_params();
    let expected = [("RegionId", "cn-hangzhou"), ("Quantity", "3")];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(params.query, expected);

    let json = CreateWidgetResponse::from_json(br#"{"RequestId":"r-1"}"#).expect("JSON decodes");
    let xml = CreateWidgetResponse::from_xml(
        b"<CreateWidgetResponse><RequestId>r-1</RequestId></CreateWidgetResponse>",
    )
    .expect("XML decodes");
    assert_eq!(json, xml);
    assert_eq!(json.request_id.as_deref(), Some("r-1"));
}
