//! The generator on a fixture spec (`tests/fixtures/widget-spec`) that uses what `api-spec/` does not: every
//! scalar type, an enum and a keyword-named parameter, repeat lists of objects in the query and the form
//! body, and an array of objects inside an array of objects in the response.
//!
//! The bindings are expanded by the proc-macro, so this file compiling is itself the check that the generator's
//! output is valid Rust for all of those shapes. Expected values are written out by hand from the fixture.

use std::path::Path;

mod widgets {
    codegen_macro::generate!("fixtures/widget-spec");
}

use widgets::create_widget::{
    self, Attribute, CreateWidgetRequest, CreateWidgetResponse, Item, Part, Tag, WidgetType,
};
use widgets::delete_widgets::{self, DeleteWidgetsRequest, DeleteWidgetsResponse};

const FIXTURE: &str = "fixtures/widget-spec";

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

// ----- the crate around the operations -----

#[test]
fn service_constants_come_from_service_yaml() {
    assert_eq!(widgets::PRODUCT, "widgets");
    assert_eq!(widgets::API_VERSION, "2024-01-01");
    assert_eq!(widgets::ENDPOINT_TEMPLATE, "widgets.{region}.aliyuncs.com");
    assert_eq!(widgets::DEFAULT_REGION, "cn-hangzhou");
    assert_eq!(widgets::REGIONS, &["cn-hangzhou", "cn-beijing"]);
}

#[test]
fn operation_constants_name_action_method_and_xml_root() {
    assert_eq!(create_widget::OPERATION.action, "CreateWidget");
    assert_eq!(create_widget::OPERATION.method, "POST");
    assert_eq!(create_widget::OPERATION.version, "2024-01-01");
    assert_eq!(create_widget::XML_ROOT, "CreateWidgetResponse");
    assert_eq!(delete_widgets::OPERATION.action, "DeleteWidgets");
    assert_eq!(delete_widgets::OPERATION.method, "GET");
    assert_eq!(delete_widgets::XML_ROOT, "DeleteWidgetsResponse");
    // The request example is kept verbatim (with its display-only last line).
    assert!(
        create_widget::EXAMPLE_REQUEST.starts_with("http(s)://[Endpoint]/?Action=CreateWidget\n")
    );
    assert!(create_widget::EXAMPLE_REQUEST.ends_with("\n&公共请求参数"));
}

#[test]
fn request_and_response_types_are_reexported_at_the_crate_root() {
    let request: widgets::CreateWidgetRequest = CreateWidgetRequest::new("cn-hangzhou", 1);
    let response: widgets::DeleteWidgetsResponse = DeleteWidgetsResponse::default();
    assert_eq!(request.quantity, 1);
    assert_eq!(response.deleted_count, None);
}

// ----- request flattening -----

#[test]
fn required_parameters_only_send_just_those() {
    let params = CreateWidgetRequest::new("cn-beijing", 0).to_params();
    assert_eq!(
        params.query,
        pairs(&[("RegionId", "cn-beijing"), ("Quantity", "0")])
    );
    assert!(params.form.is_empty());
}

#[test]
fn every_parameter_flattens_to_the_expected_pairs_in_spec_order() {
    let request = CreateWidgetRequest::new("cn-hangzhou", -3)
        .r#type(WidgetType::FlatWasher)
        .enabled(false)
        .weight(1.5)
        .price(19.99)
        .serial(9_007_199_254_740_993)
        .tag([
            Tag::new().key("env").value("prod"),
            Tag::new().key("team").value(""),
        ])
        .push_tag(Tag::new().key("owner"))
        .slot([7, -1])
        .description("fragile & heavy")
        .push_attribute(Attribute::new().name("color").level(2).visible(true))
        .push_attribute(Attribute::new().visible(false));
    let params = request.to_params();
    assert_eq!(
        params.query,
        pairs(&[
            ("RegionId", "cn-hangzhou"),
            ("Quantity", "-3"),
            ("Type", "flat-washer"),
            ("Enabled", "false"),
            ("Weight", "1.5"),
            ("Price", "19.99"),
            ("Serial", "9007199254740993"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
            ("Tag.2.Key", "team"),
            // An empty string is still sent; an absent field (Tag.3.Value) is not.
            ("Tag.2.Value", ""),
            ("Tag.3.Key", "owner"),
            ("Slot.1", "7"),
            ("Slot.2", "-1"),
        ])
    );
    // Form parameters, including every field of a form repeat list, go to the body and nowhere else.
    assert_eq!(
        params.form,
        pairs(&[
            ("Description", "fragile & heavy"),
            ("Attribute.1.Name", "color"),
            ("Attribute.1.Level", "2"),
            ("Attribute.1.Visible", "true"),
            ("Attribute.2.Visible", "false"),
        ])
    );
}

#[test]
fn booleans_and_floats_use_their_wire_spelling() {
    let on = CreateWidgetRequest::new("r", 1)
        .enabled(true)
        .weight(0.1)
        .price(-2.0)
        .to_params();
    assert_eq!(
        on.query,
        pairs(&[
            ("RegionId", "r"),
            ("Quantity", "1"),
            ("Enabled", "true"),
            ("Weight", "0.1"),
            ("Price", "-2")
        ])
    );
    let big = CreateWidgetRequest::new("r", i32::MAX)
        .price(1e21)
        .to_params();
    assert_eq!(
        big.query,
        pairs(&[
            ("RegionId", "r"),
            ("Quantity", "2147483647"),
            ("Price", "1000000000000000000000")
        ])
    );
}

#[test]
fn keyword_parameter_is_a_raw_identifier_and_sends_its_wire_name() {
    let request = CreateWidgetRequest::new("r", 1).r#type("Gear");
    assert_eq!(request.r#type, Some(WidgetType::Gear));
    assert_eq!(
        request.to_params().query[2],
        ("Type".to_string(), "Gear".to_string())
    );
}

#[test]
fn enum_parameter_sends_known_and_unknown_values() {
    let known = CreateWidgetRequest::new("r", 1)
        .r#type(WidgetType::Spring)
        .to_params();
    assert_eq!(known.query[2], ("Type".to_string(), "Spring".to_string()));

    // A string naming a known value becomes that variant, wire spelling included.
    assert_eq!(WidgetType::from("flat-washer"), WidgetType::FlatWasher);
    assert_eq!(WidgetType::FlatWasher.as_str(), "flat-washer");
    assert_eq!(WidgetType::KNOWN, &["Gear", "Spring", "flat-washer"]);

    // A value this version does not know is kept and sent exactly as given.
    let request = CreateWidgetRequest::new("r", 1).r#type("Sprocket");
    assert_eq!(request.r#type, Some(WidgetType::from("Sprocket")));
    assert_eq!(
        request.to_params().query[2],
        ("Type".to_string(), "Sprocket".to_string())
    );
    // Matching is exact: a different case is not the known value.
    assert!(matches!(WidgetType::from("gear"), WidgetType::Unknown(v) if v == "gear"));
    assert_eq!(WidgetType::from("gear").to_string(), "gear");
}

#[test]
fn empty_lists_send_nothing() {
    let request = CreateWidgetRequest::new("r", 1)
        .tag(Vec::<Tag>::new())
        .slot(Vec::<i32>::new())
        .attribute(Vec::<Attribute>::new());
    let params = request.to_params();
    assert_eq!(params.query, pairs(&[("RegionId", "r"), ("Quantity", "1")]));
    assert!(params.form.is_empty());

    let delete = DeleteWidgetsRequest::new("r")
        .widget_id(Vec::<String>::new())
        .to_params();
    assert_eq!(delete.query, pairs(&[("RegionId", "r")]));
}

#[test]
fn setting_a_list_replaces_it_and_push_appends() {
    let request = DeleteWidgetsRequest::new("r")
        .push_widget_id("old")
        .widget_id(["w-1", "w-2"])
        .push_widget_id("w-3")
        .dry_run(true);
    assert_eq!(
        request.to_params().query,
        pairs(&[
            ("RegionId", "r"),
            ("WidgetId.1", "w-1"),
            ("WidgetId.2", "w-2"),
            ("WidgetId.3", "w-3"),
            ("DryRun", "true"),
        ])
    );
}

// ----- response decoding -----

/// The fixture's example response, written out by hand.
fn expected_example() -> CreateWidgetResponse {
    let part = |name: &str, weight: f32, count: i32, price: f64| Part {
        name: Some(name.to_string()),
        weight: Some(weight),
        count: Some(count),
        price: Some(price),
    };
    CreateWidgetResponse {
        request_id: Some("5A1E2F3C-7B6D-4D6B-9C8A-0123456789AB".to_string()),
        success: Some(true),
        created: Some(2),
        average_weight: Some(1.25),
        total_price: Some(39.98),
        r#type: Some(WidgetType::Gear),
        items: vec![
            Item {
                widget_id: Some("w-1".to_string()),
                r#type: Some("standard".to_string()),
                serial: Some(9_007_199_254_740_993),
                active: Some(true),
                parts: vec![part("axle", 0.5, 1, 2.5), part("cog", 0.25, 4, 0.99)],
            },
            Item {
                widget_id: Some("w-2".to_string()),
                r#type: Some("custom".to_string()),
                serial: None,
                active: Some(false),
                parts: vec![part("spring", 0.75, 2, 1.1)],
            },
        ],
    }
}

#[test]
fn json_example_decodes_nested_arrays_of_objects() {
    let response =
        CreateWidgetResponse::from_json(create_widget::EXAMPLE_RESPONSE_JSON.as_bytes()).unwrap();
    assert_eq!(response.items.len(), 2);
    assert_eq!(response.items[0].parts.len(), 2);
    assert_eq!(response.items[0].parts[1].name.as_deref(), Some("cog"));
    assert_eq!(response.items[0].parts[1].count, Some(4));
    assert_eq!(response.items[1].parts[0].weight, Some(0.75));
    // A Long above 2^53 keeps every digit.
    assert_eq!(response.items[0].serial, Some(9_007_199_254_740_993));
    assert_eq!(response, expected_example());
}

#[test]
fn xml_example_decodes_to_the_same_value_as_the_json_example() {
    let from_xml =
        CreateWidgetResponse::from_xml(create_widget::EXAMPLE_RESPONSE_XML.as_bytes()).unwrap();
    assert_eq!(from_xml.items[1].parts[0].name.as_deref(), Some("spring"));
    assert_eq!(from_xml, expected_example());
    let from_json =
        CreateWidgetResponse::from_json(create_widget::EXAMPLE_RESPONSE_JSON.as_bytes()).unwrap();
    assert_eq!(from_xml, from_json);
}

#[test]
fn numbers_and_booleans_sent_as_strings_decode() {
    let body = r#"{
        "Success": "TRUE",
        "Created": " 7 ",
        "AverageWeight": "2.5",
        "TotalPrice": "-0.125",
        "Type": "Spring",
        "Items": [{"WidgetId": 12345, "Serial": "-5", "Active": "false",
                   "Parts": [{"Count": "12", "Weight": "0.5", "Price": "3", "Name": true}]}]
    }"#;
    let response = CreateWidgetResponse::from_json(body.as_bytes()).unwrap();
    assert_eq!(response.success, Some(true));
    assert_eq!(response.created, Some(7));
    assert_eq!(response.average_weight, Some(2.5));
    assert_eq!(response.total_price, Some(-0.125));
    assert_eq!(response.r#type, Some(WidgetType::Spring));
    let item = &response.items[0];
    // A number where a string is expected is kept as its text.
    assert_eq!(item.widget_id.as_deref(), Some("12345"));
    assert_eq!(item.serial, Some(-5));
    assert_eq!(item.active, Some(false));
    assert_eq!(
        item.parts,
        vec![Part {
            name: Some("true".to_string()),
            weight: Some(0.5),
            count: Some(12),
            price: Some(3.0)
        }]
    );
}

#[test]
fn unknown_enum_values_and_unknown_fields_in_responses_are_kept_or_skipped() {
    let body = r#"{"Type": "Sprocket", "NewField": {"x": [1, 2]}, "Items": [{"Extra": 1, "WidgetId": "w"}]}"#;
    let response = CreateWidgetResponse::from_json(body.as_bytes()).unwrap();
    assert_eq!(response.r#type, Some(WidgetType::from("Sprocket")));
    assert_eq!(response.items.len(), 1);
    assert_eq!(response.items[0].widget_id.as_deref(), Some("w"));
    assert!(response.items[0].parts.is_empty());
}

#[test]
fn json_encode_then_decode_is_identity() {
    let original = expected_example();
    let json = original.to_json();
    assert_eq!(
        CreateWidgetResponse::from_json(json.as_bytes()).unwrap(),
        original
    );
    // The encoded document holds the same JSON values as the page's example (layout aside).
    let encoded: serde_json::Value = serde_json::from_str(&json).unwrap();
    let example: serde_json::Value =
        serde_json::from_str(create_widget::EXAMPLE_RESPONSE_JSON).unwrap();
    assert_eq!(encoded, example);

    let empty = CreateWidgetResponse::default();
    assert_eq!(empty.to_json(), "{}");
    assert_eq!(CreateWidgetResponse::from_json(b"{}").unwrap(), empty);
}

#[test]
fn xml_encode_then_decode_is_identity() {
    let original = expected_example();
    let xml = original.to_xml();
    assert_eq!(
        CreateWidgetResponse::from_xml(xml.as_bytes()).unwrap(),
        original
    );
    // The example lists fields in spec order, one element per line, so the encoder reproduces it exactly.
    assert_eq!(xml, create_widget::EXAMPLE_RESPONSE_XML.replace('\n', ""));

    let empty = CreateWidgetResponse::default();
    assert_eq!(
        empty.to_xml(),
        "<CreateWidgetResponse></CreateWidgetResponse>"
    );
    assert_eq!(
        CreateWidgetResponse::from_xml(empty.to_xml().as_bytes()).unwrap(),
        empty
    );
}

#[test]
fn round_trips_keep_unknown_enum_values_and_awkward_text() {
    let original = CreateWidgetResponse {
        request_id: Some("a<b & \"c\" ünï".to_string()),
        r#type: Some(WidgetType::from("Sprocket")),
        items: vec![Item {
            r#type: Some(String::new()),
            parts: vec![Part::default()],
            ..Item::default()
        }],
        ..CreateWidgetResponse::default()
    };
    let from_json = CreateWidgetResponse::from_json(original.to_json().as_bytes()).unwrap();
    assert_eq!(from_json, original);
    let from_xml = CreateWidgetResponse::from_xml(original.to_xml().as_bytes()).unwrap();
    assert_eq!(from_xml, original);
}

#[test]
fn bad_nested_value_reports_the_full_path() {
    let json = r#"{"Items": [
        {"Parts": [{"Weight": 1}]},
        {"Parts": [{"Weight": "heavy"}]}
    ]}"#;
    let err = CreateWidgetResponse::from_json(json.as_bytes()).unwrap_err();
    assert_eq!(err.path(), "Items[1].Parts[0].Weight");
    assert!(err.message().contains("expected a number"), "{err}");
    assert!(
        err.to_string().contains("`Items[1].Parts[0].Weight`"),
        "{err}"
    );

    let xml = "<CreateWidgetResponse>\
        <Items><Parts><Weight>1</Weight></Parts></Items>\
        <Items><Parts><Count>2.5</Count></Parts></Items>\
        </CreateWidgetResponse>";
    let err = CreateWidgetResponse::from_xml(xml.as_bytes()).unwrap_err();
    assert_eq!(err.path(), "Items[1].Parts[0].Count");
    assert!(err.message().contains("expected a 32-bit integer"), "{err}");

    // An array item that is not an object.
    let err = CreateWidgetResponse::from_json(br#"{"Items": [{"Parts": [{}, 3]}]}"#).unwrap_err();
    assert_eq!(err.path(), "Items[0].Parts[1]");
    // An Integer out of range.
    let err = CreateWidgetResponse::from_json(br#"{"Created": 2147483648}"#).unwrap_err();
    assert_eq!(err.path(), "Created");
}

#[test]
fn second_operation_decodes_scalar_arrays() {
    let response = DeleteWidgetsResponse::from_json(
        br#"{"RequestId":"x","DeletedCount":"3","FailedIds":["w-4","w-5"]}"#,
    )
    .unwrap();
    assert_eq!(response.deleted_count, Some(3));
    assert_eq!(
        response.failed_ids,
        vec!["w-4".to_string(), "w-5".to_string()]
    );
    let xml = "<DeleteWidgetsResponse><FailedIds>w-4</FailedIds><FailedIds>w-5</FailedIds></DeleteWidgetsResponse>";
    let from_xml = DeleteWidgetsResponse::from_xml(xml.as_bytes()).unwrap();
    assert_eq!(from_xml.failed_ids, response.failed_ids);
    assert_eq!(from_xml.to_xml(), xml);
}

// ----- the generator itself -----

#[test]
fn generating_the_fixture_twice_gives_identical_bytes() {
    let first = codegen::generate_files(Path::new(FIXTURE)).unwrap();
    let second = codegen::generate_files(Path::new(FIXTURE)).unwrap();
    let paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
    // The crate is named by `crate:` and has one module per operation file (other files may come along).
    for expected in [
        "widgets/Cargo.toml",
        "widgets/src/lib.rs",
        "widgets/src/create_widget.rs",
        "widgets/src/delete_widgets.rs",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert_eq!(first, second);

    let tokens_a = codegen::generate_tokens(Path::new(FIXTURE))
        .unwrap()
        .to_string();
    let tokens_b = codegen::generate_tokens(Path::new(FIXTURE))
        .unwrap()
        .to_string();
    assert_eq!(tokens_a, tokens_b);
}

#[test]
fn generated_files_name_their_spec_file() {
    let files = codegen::generate_files(Path::new(FIXTURE)).unwrap();
    let create = files
        .iter()
        .find(|f| f.path == "widgets/src/create_widget.rs")
        .unwrap();
    assert!(
        create.contents.starts_with(
            "// @generated by codegen from widget-spec/CreateWidget.yaml; DO NOT EDIT.\n"
        ),
        "{}",
        &create.contents[..200]
    );
    let manifest = files
        .iter()
        .find(|f| f.path == "widgets/Cargo.toml")
        .unwrap();
    assert!(
        manifest.contents.contains("\nname = \"widgets\"\n"),
        "{}",
        manifest.contents
    );
}

// ----- shapes from Alibaba's metadata: flat, json, required lists, bounds, untyped values -----

mod configure {
    use super::pairs;
    use super::widgets::configure_widget::{
        ConfigureWidgetRequest, ConfigureWidgetResponse, Definition, GadgetOwner, Owner, SPEC, Size,
    };
    use super::widgets::ping_widget::{PingWidgetRequest, PingWidgetResponse};
    use aliyun_rpc_runtime::operation::ParamKind;

    #[test]
    fn required_list_and_flat_object_are_constructor_arguments() {
        let params = ConfigureWidgetRequest::new(["w-1", "w-2"], Size::new(3)).to_params();
        assert_eq!(
            params.query,
            pairs(&[
                ("WidgetId.1", "w-1"),
                ("WidgetId.2", "w-2"),
                ("Size.Width", "3")
            ])
        );
        assert!(params.form.is_empty());
    }

    #[test]
    fn json_objects_and_lists_are_one_parameter_of_compact_json_in_spec_order() {
        let request = ConfigureWidgetRequest::new(Vec::<String>::new(), Size::new(-1).unit("cm"))
            .definition(
                Definition::new("a \"b\"")
                    .weight(9_007_199_254_740_993)
                    .labels(["x", "y"]),
            )
            .ids([1, 22])
            .level(5)
            .job_id("lower")
            .job_id_2("upper");
        let params = request.to_params();
        assert_eq!(
            params.query,
            pairs(&[
                ("Size.Width", "-1"),
                ("Size.Unit", "cm"),
                (
                    "Definition",
                    r#"{"Title":"a \"b\"","Weight":9007199254740993,"Labels":["x","y"]}"#
                ),
                ("Level", "5"),
                ("JobId", "lower"),
                ("JobID", "upper"),
            ])
        );
        assert_eq!(params.form, pairs(&[("Ids", "[1,22]")]));
        // Optional json parts left unset send nothing; a json object sends only its set fields.
        let params = ConfigureWidgetRequest::new(["w"], Size::new(0))
            .definition(Definition::new("t"))
            .to_params();
        assert_eq!(
            params.query,
            pairs(&[
                ("WidgetId.1", "w"),
                ("Size.Width", "0"),
                ("Definition", r#"{"Title":"t"}"#)
            ])
        );
    }

    #[test]
    fn the_operation_spec_carries_shapes_bounds_and_required_lists() {
        let by_name = |name: &str| {
            SPEC.params
                .iter()
                .find(|p| p.wire_name == name)
                .unwrap_or_else(|| panic!("{name} is in SPEC"))
        };
        assert!(by_name("WidgetId").required);
        assert_eq!(
            by_name("Size").kind,
            ParamKind::Flat(&[
                ("Width", aliyun_rpc_runtime::operation::ScalarKind::Integer),
                ("Unit", aliyun_rpc_runtime::operation::ScalarKind::String)
            ])
        );
        assert_eq!(by_name("Definition").kind, ParamKind::Json);
        assert_eq!(by_name("Ids").kind, ParamKind::Json);
        let level = by_name("Level");
        assert_eq!((level.minimum, level.maximum), (Some(-5.0), Some(5.0)));
        assert_eq!(level.out_of_bounds("5"), None);
        assert_eq!(
            level.out_of_bounds("6").as_deref(),
            Some("Level must be at most 5")
        );
        assert_eq!(
            level.out_of_bounds("-6").as_deref(),
            Some("Level must be at least -5")
        );
    }

    #[test]
    fn untyped_values_arrays_of_arrays_and_renamed_structs_decode_and_round_trip() {
        let body = super::widgets::configure_widget::EXAMPLE_RESPONSE_JSON;
        let r = ConfigureWidgetResponse::from_json(body.as_bytes()).expect("decodes");
        assert_eq!(
            r.extra,
            Some(serde_json::json!({"a": [1, "x", null], "b": {}}))
        );
        assert_eq!(r.matrix, vec![vec![1, 2], vec![], vec![3]]);
        // The second `Owner` object is renamed by the collision rule: parent type + own name.
        let owner: &Owner = r
            .widget
            .as_ref()
            .and_then(|w| w.owner.as_ref())
            .expect("owner");
        assert_eq!(owner.name.as_deref(), Some("ann"));
        let gadget_owner: &GadgetOwner = r
            .gadget
            .as_ref()
            .and_then(|g| g.owner.as_ref())
            .expect("owner");
        assert_eq!(gadget_owner.id, Some(7));
        // JSON: byte for byte (the example is compact and in spec order).
        assert_eq!(r.to_json(), body);
        // XML: what the untyped value and the nested arrays become, decoded back.
        let xml = r.to_xml();
        assert_eq!(
            xml,
            "<ConfigureWidgetResponse><RequestId>r-1</RequestId><Extra><a>1</a><a>x</a><a></a><b></b></Extra>\
             <Matrix><item>1</item><item>2</item></Matrix><Matrix></Matrix><Matrix><item>3</item></Matrix>\
             <Widget><Owner><Name>ann</Name></Owner></Widget><Gadget><Owner><Id>7</Id></Owner></Gadget></ConfigureWidgetResponse>"
        );
        let back = ConfigureWidgetResponse::from_xml(xml.as_bytes()).expect("decodes");
        // XML has no types: the untyped value comes back as text, and the empty inner array is an empty element.
        assert_eq!(
            back.extra,
            Some(serde_json::json!({"a": ["1", "x", ""], "b": ""}))
        );
        assert_eq!(back.matrix, r.matrix);
        assert_eq!(back.widget, r.widget);
        assert_eq!(back.gadget, r.gadget);
    }

    #[test]
    fn an_untyped_response_keeps_the_envelope_typed_and_the_whole_body() {
        let body = br#"{"RequestId":"r-9","Success":true,"Code":"OK","HttpStatusCode":200,"Data":{"N":[1,2]}}"#;
        let r = PingWidgetResponse::from_json(body).expect("decodes");
        assert_eq!(r.request_id.as_deref(), Some("r-9"));
        assert_eq!(r.success, Some(true));
        assert_eq!(r.http_status_code, Some(200));
        assert_eq!(r.body["Data"]["N"], serde_json::json!([1, 2]));
        assert_eq!(r.to_json().as_bytes(), body);
        let xml = r.to_xml();
        let back = PingWidgetResponse::from_xml(xml.as_bytes()).expect("decodes");
        assert_eq!(back.request_id, r.request_id);
        assert_eq!(back.success, Some(true));
        assert_eq!(back.body["Data"]["N"], serde_json::json!(["1", "2"]));
        let params = PingWidgetRequest::new("w").to_params();
        assert_eq!(params.query, pairs(&[("WidgetId", "w")]));
    }
}
