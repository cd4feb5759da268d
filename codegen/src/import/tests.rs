//! The importer on small hand-written metadata snippets: every mapping rule, the `--params` merge, overlays
//! and their diagnostics, determinism.

use super::meta::{self, Document, OperationInput};
use super::model::{EnumValue, ErrorCode, Field, Location, Operation, Style, Type};
use super::*;

/// A metadata file with `apis` (the inside of the object) and `schemas` (the inside of
/// `components.schemas`).
fn metadata(apis: &str, schemas: &str) -> String {
    format!(
        r#"{{
  "version": "1.0",
  "info": {{"style": "RPC", "product": "Widget", "version": "2020-01-01"}},
  "components": {{"schemas": {{{schemas}}}}},
  "apis": {{{apis}}},
  "endpoints": [
    {{"regionId": "cn-hangzhou", "endpoint": "widget.cn-hangzhou.aliyuncs.com"}},
    {{"regionId": "cn-beijing", "endpoint": "widget.cn-beijing.aliyuncs.com"}}
  ]
}}"#
    )
}

/// An operation with these parameters (JSON array items) and extra keys (a JSON object's inside, may be empty).
fn op_json(name: &str, params: &str, extra: &str) -> String {
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(", {extra}")
    };
    format!(r#""{name}": {{"methods": ["post", "get"], "parameters": [{params}]{extra}}}"#)
}

fn document(text: &str) -> Document {
    Document::parse("meta.json", text).unwrap_or_else(|e| panic!("{e}"))
}

/// Imports `name` from one file.
fn import_op(text: &str, name: &str) -> meta::ImportedOperation {
    let doc = document(text);
    meta::operation(OperationInput {
        name,
        structure: &doc,
        docs: Some(&doc),
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn param<'a>(op: &'a Operation, name: &str) -> &'a Field {
    op.request
        .iter()
        .find(|f| f.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no parameter {name} in {op:#?}"))
}

fn options(meta: &str, params: Option<&str>) -> Options {
    Options {
        meta: Source {
            label: "api-meta/old.json".to_string(),
            text: meta.to_string(),
        },
        params: params.map(|text| Source {
            label: "api-meta/new.json".to_string(),
            text: text.to_string(),
        }),
        only: Vec::new(),
        spec_label: "api-spec".to_string(),
        overlays: Vec::new(),
    }
}

fn overlay(name: &str, text: &str) -> Source {
    Source {
        label: format!("api-spec/overlays/{name}.yaml"),
        text: text.to_string(),
    }
}

fn file<'a>(import: &'a Import, path: &str) -> &'a str {
    &import
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| {
            panic!(
                "no {path} in {:?}",
                import.files.iter().map(|f| &f.path).collect::<Vec<_>>()
            )
        })
        .contents
}

#[test]
fn types_and_formats_map_to_spec_types() {
    let cases = [
        (r#"{"type": "string"}"#, Type::String),
        (r#"{"type": "integer", "format": "int32"}"#, Type::Integer),
        (r#"{"type": "integer", "format": "int64"}"#, Type::Long),
        (r#"{"type": "integer"}"#, Type::Long),
        (r#"{"type": "number", "format": "float"}"#, Type::Float),
        (r#"{"type": "number", "format": "double"}"#, Type::Double),
        (r#"{"type": "number"}"#, Type::Double),
        (r#"{"type": "boolean"}"#, Type::Boolean),
        (r#"{"type": "object"}"#, Type::Any),
        (r#"{"type": "object", "properties": {}}"#, Type::Any),
    ];
    let params: Vec<String> = cases
        .iter()
        .enumerate()
        .map(|(i, (schema, _))| format!(r#"{{"name": "P{i}", "in": "query", "schema": {schema}}}"#))
        .collect();
    let text = metadata(&op_json("Op", &params.join(", "), ""), "");
    let op = import_op(&text, "Op").operation;
    for (i, (schema, ty)) in cases.iter().enumerate() {
        assert_eq!(param(&op, &format!("P{i}")).ty, *ty, "{schema}");
    }
}

#[test]
fn objects_and_arrays_nest_in_metadata_order() {
    let params = r#"
        {"name": "Obj", "in": "query", "style": "json", "schema": {"type": "object", "properties": {
            "Zeta": {"type": "string", "description": "z"},
            "Alpha": {"type": "object", "properties": {"Inner": {"type": "boolean"}}},
            "Nums": {"type": "array", "items": {"type": "integer", "format": "int32"}}
        }}},
        {"name": "Matrix", "in": "query", "style": "json", "schema": {"type": "array",
            "items": {"type": "array", "items": {"type": "number", "format": "float"}}}}"#;
    let op = import_op(&metadata(&op_json("Op", params, ""), ""), "Op").operation;
    let obj = param(&op, "Obj");
    assert_eq!(obj.ty, Type::Object);
    let names: Vec<_> = obj
        .fields
        .iter()
        .map(|f| f.name.as_deref().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Zeta", "Alpha", "Nums"],
        "metadata order, not sorted"
    );
    assert_eq!(obj.fields[0].description.as_deref(), Some("z"));
    assert_eq!(obj.fields[1].ty, Type::Object);
    assert_eq!(obj.fields[1].fields[0].ty, Type::Boolean);
    assert_eq!(obj.fields[2].ty, Type::Array);
    assert_eq!(obj.fields[2].items.as_ref().unwrap().ty, Type::Integer);
    let matrix = param(&op, "Matrix");
    let inner = matrix.items.as_ref().unwrap();
    assert_eq!(inner.ty, Type::Array, "arrays of arrays");
    assert_eq!(inner.name, None);
    assert_eq!(inner.items.as_ref().unwrap().ty, Type::Float);
}

#[test]
fn styles_and_locations() {
    let params = r#"
        {"name": "List", "in": "query", "style": "repeatList", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "JsonList", "in": "query", "style": "json", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "Flat", "in": "query", "style": "flat", "schema": {"type": "object", "properties": {"A": {"type": "string"}}}},
        {"name": "Bare", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "Body", "in": "formData", "schema": {"type": "string"}},
        {"name": "Query", "in": "query", "schema": {"type": "string"}},
        {"name": "NoIn", "schema": {"type": "string"}}"#;
    let op = import_op(&metadata(&op_json("Op", params, ""), ""), "Op").operation;
    assert_eq!(param(&op, "List").style, Some(Style::RepeatList));
    assert_eq!(param(&op, "JsonList").style, Some(Style::Json));
    assert_eq!(param(&op, "Flat").style, Some(Style::Flat));
    let bare = param(&op, "Bare");
    assert_eq!(bare.style, Some(Style::RepeatList));
    assert_eq!(
        bare.notes,
        ["Alibaba's metadata gives no `style` for this list; imported as `repeat_list`."]
    );
    assert_eq!(param(&op, "Body").location, Some(Location::Form));
    assert_eq!(param(&op, "Query").location, None);
    assert_eq!(param(&op, "NoIn").location, None);
    assert_eq!(param(&op, "Query").style, None);
    assert!(param(&op, "List").notes.is_empty());
}

#[test]
fn methods_deprecation_and_summary() {
    let apis = [
        r#""Both": {"methods": ["post", "get"], "parameters": [], "summary": "S", "title": "T"}"#,
        r#""GetOnly": {"methods": ["get"], "parameters": [], "title": "T", "deprecated": true}"#,
        r#""PostOnly": {"methods": ["POST"], "parameters": [], "deprecated": false, "summary": ""}"#,
    ]
    .join(", ");
    let text = metadata(&apis, "");
    let both = import_op(&text, "Both").operation;
    assert_eq!(both.method, None, "POST is the default");
    assert_eq!(both.summary, "S");
    assert_eq!(both.deprecated, None);
    let get = import_op(&text, "GetOnly").operation;
    assert_eq!(get.method.as_deref(), Some("GET"));
    assert_eq!(get.summary, "T", "title when there is no summary");
    assert_eq!(
        get.deprecated.as_deref(),
        Some("Alibaba's metadata marks this operation deprecated.")
    );
    let post = import_op(&text, "PostOnly").operation;
    assert_eq!(post.method, None);
    assert_eq!(
        post.summary,
        "PostOnly (Alibaba's metadata has no description for this operation)"
    );
}

#[test]
fn required_flags_on_parameters_lists_and_object_fields() {
    let params = r#"
        {"name": "Id", "in": "query", "schema": {"type": "string", "required": true, "docRequired": true}},
        {"name": "Ids", "in": "query", "style": "repeatList", "schema": {"type": "array", "required": true,
            "items": {"type": "string", "required": false}}},
        {"name": "DocOnly", "in": "query", "schema": {"type": "string", "required": false, "docRequired": true}},
        {"name": "Def", "in": "query", "style": "json", "schema": {"type": "object",
            "properties": {
                "IntentName": {"type": "string", "required": true},
                "AliasName": {"type": "string", "required": false},
                "Listed": {"type": "string"}
            },
            "required": ["Listed"]}},
        {"name": "Optional", "in": "query", "schema": {"type": "string"}}"#;
    let text = metadata(&op_json("Op", params, ""), "");
    let op = import_op(&text, "Op").operation;
    let id = param(&op, "Id");
    assert!(
        id.required && !id.doc_required,
        "docRequired only counts when not required"
    );
    let ids = param(&op, "Ids");
    assert!(ids.required, "a required list");
    assert!(
        !ids.items.as_ref().unwrap().required,
        "items never carry required"
    );
    let doc_only = param(&op, "DocOnly");
    assert!(!doc_only.required && doc_only.doc_required);
    // `required: true` on properties, and `required: [names]` on the object as JSON Schema writes it.
    let def = &op.request[3];
    assert!(
        !def.required,
        "`required` is a list here: the object parameter itself is optional"
    );
    let required: Vec<bool> = def.fields.iter().map(|f| f.required).collect();
    assert_eq!(required, [true, false, true]);
    assert!(!param(&op, "Optional").required && !param(&op, "Optional").doc_required);

    let params = r#"{"name": "Def", "in": "query", "style": "json", "schema": {"type": "object",
        "required": true, "properties": {"A": {"type": "integer", "format": "int64", "required": true}}}}"#;
    let op = import_op(&metadata(&op_json("Op", params, ""), ""), "Op").operation;
    assert!(op.request[0].required, "a required json object");
    assert!(op.request[0].fields[0].required);
}

#[test]
fn bounds_defaults_examples_and_descriptions() {
    let params = r#"
        {"name": "PageSize", "in": "query", "schema": {"type": "integer", "format": "int32",
            "minimum": "1", "maximum": "1000", "default": "10", "example": "20", "title": "Size"}},
        {"name": "Rate", "in": "query", "schema": {"type": "number", "minimum": "-0.5", "maximum": 2.5,
            "default": 1, "description": "", "title": ""}},
        {"name": "Reset", "in": "query", "schema": {"type": "boolean", "default": "false", "example": true,
            "description": "Described", "title": "Titled"}},
        {"name": "Ids", "in": "query", "style": "repeatList", "schema": {"type": "array", "maxItems": 99,
            "items": {"type": "string", "example": ""}}}"#;
    let op = import_op(&metadata(&op_json("Op", params, ""), ""), "Op").operation;
    let size = param(&op, "PageSize");
    assert_eq!((size.minimum, size.maximum), (Some(1.0), Some(1000.0)));
    assert_eq!(size.default.as_deref(), Some("10"));
    assert_eq!(size.example.as_deref(), Some("20"));
    assert_eq!(
        size.description.as_deref(),
        Some("Size"),
        "title when there is no description"
    );
    let rate = param(&op, "Rate");
    assert_eq!((rate.minimum, rate.maximum), (Some(-0.5), Some(2.5)));
    assert_eq!(rate.default.as_deref(), Some("1"));
    assert_eq!(rate.description, None, "empty texts are left out");
    let reset = param(&op, "Reset");
    assert_eq!(reset.default.as_deref(), Some("false"));
    assert_eq!(reset.example.as_deref(), Some("true"));
    assert_eq!(reset.description.as_deref(), Some("Described"));
    let ids = param(&op, "Ids");
    assert_eq!(ids.max_items, Some(99));
    assert_eq!(ids.items.as_ref().unwrap().example, None);

    let text = write_yaml::operation("", &op);
    assert!(
        text.contains("    minimum: 1\n    maximum: 1000\n    default: \"10\"\n"),
        "{text}"
    );
    assert!(
        text.contains("    minimum: -0.5\n    maximum: 2.5\n"),
        "{text}"
    );
}

#[test]
fn string_enums_become_named_enums_with_titles() {
    let params = r#"
        {"name": "Priority", "in": "query", "schema": {"type": "string",
            "enum": ["Daily", "Urgent", "", "Daily"], "enumValueTitles": {"Urgent": "紧急", "Gone": "?"}}},
        {"name": "Count", "in": "query", "schema": {"type": "integer", "format": "int32",
            "enumValueTitles": {"14": "14"}}},
        {"name": "Level", "in": "query", "schema": {"type": "integer", "enum": [1, 2]}},
        {"name": "Titled", "in": "query", "schema": {"type": "string", "enumValueTitles": {"A": "a"}}},
        {"name": "Empty", "in": "query", "schema": {"type": "string", "enumValueTitles": {}}}"#;
    let op = import_op(&metadata(&op_json("Op", params, ""), ""), "Op").operation;
    let priority = param(&op, "Priority");
    assert_eq!(priority.enum_ref.as_deref(), Some("Priority"));
    assert_eq!(
        priority.notes,
        [
            "Alibaba's metadata lists an empty enum value; left out.",
            "Alibaba's metadata gives titles for values that are not in its enum list (ignored): `Gone` (?).",
            "Alibaba's metadata lists the enum value `Daily` twice; kept once.",
        ]
    );
    assert_eq!(op.enums.len(), 1);
    assert_eq!(op.enums[0].name, "Priority");
    assert_eq!(
        op.enums[0].values,
        [
            EnumValue {
                value: "Daily".to_string(),
                description: None,
                rust_name: None
            },
            EnumValue {
                value: "Urgent".to_string(),
                description: Some("紧急".to_string()),
                rust_name: None
            },
        ]
    );
    let count = param(&op, "Count");
    assert_eq!(count.enum_ref, None);
    assert_eq!(
        count.notes,
        ["Alibaba's metadata gives value titles for this non-string field (ignored): `14` (14)."]
    );
    assert_eq!(
        param(&op, "Level").notes,
        [
            "Alibaba's metadata lists the values `1`, `2` for this non-string field; not imported as an enum."
        ]
    );
    assert_eq!(
        param(&op, "Titled").notes,
        ["Alibaba's metadata gives value titles without an enum list (ignored): `A` (a)."]
    );
    assert!(param(&op, "Empty").notes.is_empty());
}

#[test]
fn enum_names_follow_the_collision_rule() {
    // `Status` four times: top level (A, B), inside `Job` with other values (→ JobStatus), inside `Job`'s list
    // items again with yet other values (→ JobStatus2), and once more with the first values (shared).
    let params = r#"
        {"name": "Status", "in": "query", "schema": {"type": "string", "enum": ["A", "B"]}},
        {"name": "Job", "in": "query", "style": "flat", "schema": {"type": "object", "properties": {
            "Status": {"type": "string", "enum": ["X"]},
            "Again": {"type": "string", "enum": ["B", "A"]}
        }}},
        {"name": "Jobs", "in": "query", "style": "repeatList", "schema": {"type": "array", "items": {
            "type": "object", "properties": {"Status": {"type": "string", "enum": ["Y"]}}}}},
        {"name": "Other", "in": "query", "style": "flat", "schema": {"type": "object", "properties": {
            "Job": {"type": "object", "properties": {"Status": {"type": "string", "enum": ["Z"]}}}
        }}},
        {"name": "Tags", "in": "query", "style": "repeatList", "schema": {"type": "array",
            "items": {"type": "string", "enum": ["t"]}}}"#;
    let response = r#""responses": {"200": {"schema": {"type": "object", "properties": {
        "Status": {"type": "string", "enum": ["A", "B"]},
        "Data": {"type": "object", "properties": {"Status": {"type": "string", "enum": ["Q"]}}}
    }}}}"#;
    let op = import_op(&metadata(&op_json("Op", params, response), ""), "Op").operation;
    let names: Vec<&str> = op.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Status",
            "JobStatus",
            "Again",
            "JobsStatus",
            "JobStatus2",
            "Tags",
            "DataStatus"
        ]
    );
    assert_eq!(param(&op, "Status").enum_ref.as_deref(), Some("Status"));
    let job = param(&op, "Job");
    assert_eq!(job.fields[0].enum_ref.as_deref(), Some("JobStatus"));
    assert_eq!(
        job.fields[1].enum_ref.as_deref(),
        Some("Again"),
        "named after its own field, not shared with a differently named one"
    );
    let jobs = param(&op, "Jobs");
    assert_eq!(
        jobs.items.as_ref().unwrap().fields[0].enum_ref.as_deref(),
        Some("JobsStatus"),
        "inside list items the parent is the list"
    );
    let other = param(&op, "Other");
    assert_eq!(
        other.fields[0].fields[0].enum_ref.as_deref(),
        Some("JobStatus2"),
        "Status and JobStatus taken: numeric suffix"
    );
    assert_eq!(
        param(&op, "Tags")
            .items
            .as_ref()
            .unwrap()
            .enum_ref
            .as_deref(),
        Some("Tags"),
        "items are named after their list"
    );
    assert_eq!(
        op.response[0].enum_ref.as_deref(),
        Some("Status"),
        "same values: shared"
    );
    assert_eq!(
        op.response[1].fields[0].enum_ref.as_deref(),
        Some("DataStatus")
    );
}

#[test]
fn references_are_resolved_and_cycles_rejected() {
    let schemas = r##"
        "Tag": {"type": "object", "description": "from the schema", "properties": {
            "Key": {"type": "string"}, "Owner": {"$ref": "#/components/schemas/User"}}},
        "User": {"type": "object", "properties": {"Name": {"type": "string"}}}"##;
    let params = r##"{"name": "Tag", "in": "query", "style": "json",
        "schema": {"$ref": "#/components/schemas/Tag", "description": "beside the ref"}}"##;
    let response = r##""responses": {"200": {"schema": {"$ref": "#/components/schemas/User"}}}"##;
    let op = import_op(&metadata(&op_json("Op", params, response), schemas), "Op").operation;
    let tag = param(&op, "Tag");
    assert_eq!(tag.ty, Type::Object);
    assert_eq!(
        tag.description.as_deref(),
        Some("beside the ref"),
        "keys beside $ref win"
    );
    assert_eq!(tag.fields[1].name.as_deref(), Some("Owner"));
    assert_eq!(tag.fields[1].fields[0].name.as_deref(), Some("Name"));
    assert_eq!(op.response[0].name.as_deref(), Some("Name"));
    assert!(!op.untyped_response);

    let cyclic = r##"
        "A": {"type": "object", "properties": {"B": {"$ref": "#/components/schemas/B"}}},
        "B": {"type": "object", "properties": {"A": {"$ref": "#/components/schemas/A"}}}"##;
    let params = r##"{"name": "P", "in": "query", "style": "json", "schema": {"$ref": "#/components/schemas/A"}}"##;
    let doc = document(&metadata(&op_json("Op", params, ""), cyclic));
    let err = meta::operation(OperationInput {
        name: "Op",
        structure: &doc,
        docs: Some(&doc),
    })
    .expect_err("a cycle");
    assert_eq!(err.file, "meta.json");
    assert_eq!(err.path, "components.schemas.B.properties.A");
    assert_eq!(
        err.message,
        "`$ref` cycle: A → B → A (a recursive schema cannot be imported)"
    );

    let params =
        r##"{"name": "P", "in": "query", "schema": {"$ref": "#/components/schemas/Missing"}}"##;
    let doc = document(&metadata(&op_json("Op", params, ""), ""));
    let err = meta::operation(OperationInput {
        name: "Op",
        structure: &doc,
        docs: Some(&doc),
    })
    .expect_err("unknown");
    assert_eq!(
        err.to_string(),
        "meta.json: apis.Op.parameters.P.schema: error: `$ref` names `Missing`, which `components.schemas` does not define"
    );
}

#[test]
fn response_fields_map_recursively_without_request_keys() {
    let response = r#""responses": {"200": {"schema": {"type": "object", "properties": {
        "RequestId": {"type": "string", "description": "id", "example": "abc"},
        "Total": {"type": "integer", "format": "int32", "required": true, "maximum": "5", "default": "1"},
        "Progress": {"type": "number", "format": "float"},
        "Data": {"type": "object", "title": "Data title", "properties": {
            "List": {"type": "array", "items": {"type": "object", "properties": {"Id": {"type": "integer", "format": "int64"}}}}
        }},
        "Extra": {"type": "object"},
        "Loose": {"type": "array"}
    }}}}"#;
    let op = import_op(&metadata(&op_json("Op", "", response), ""), "Op").operation;
    assert!(!op.untyped_response);
    let names: Vec<&str> = op
        .response
        .iter()
        .map(|f| f.name.as_deref().unwrap())
        .collect();
    assert_eq!(
        names,
        ["RequestId", "Total", "Progress", "Data", "Extra", "Loose"]
    );
    assert_eq!(op.response[0].example.as_deref(), Some("abc"));
    let total = &op.response[1];
    assert!(!total.required && total.maximum.is_none() && total.default.is_none());
    assert_eq!(op.response[2].ty, Type::Float);
    assert_eq!(op.response[3].description.as_deref(), Some("Data title"));
    let list = &op.response[3].fields[0];
    assert_eq!(list.items.as_ref().unwrap().fields[0].ty, Type::Long);
    assert_eq!(op.response[4].ty, Type::Any);
    assert_eq!(op.response[5].items.as_ref().unwrap().ty, Type::Any);

    let none = import_op(
        &metadata(&op_json("Op", "", r#""responses": {}"#), ""),
        "Op",
    )
    .operation;
    assert!(none.untyped_response && none.response.is_empty());
}

#[test]
fn response_demo_takes_the_json_example_when_it_is_json() {
    let demo = |value: &str| {
        let response = format!(
            r#""responseDemo": {}"#,
            serde_json::to_string(value).unwrap()
        );
        import_op(&metadata(&op_json("Op", "", &response), ""), "Op")
    };
    let ok = demo(
        r#"[{"type": "xml", "example": "<A/>", "errorExample": ""},
            {"type": "json", "example": "{\n  \"A\": 1\n}\n", "errorExample": ""}]"#,
    );
    assert_eq!(
        ok.operation.examples.response_json.as_deref(),
        Some("{\n  \"A\": 1\n}\n")
    );
    assert_eq!(ok.operation.examples.response_xml, None);
    assert!(ok.warnings.is_empty());

    let invalid = demo(r#"[{"type": "json", "example": "{\"A\": 1,}", "errorExample": ""}]"#);
    assert_eq!(invalid.operation.examples.response_json, None);
    assert_eq!(invalid.warnings.len(), 1);
    assert!(
        invalid.warnings[0]
            .starts_with("meta.json: apis.Op.responseDemo: the json example is not valid JSON"),
        "{:?}",
        invalid.warnings
    );

    let empty = demo("");
    assert_eq!(empty.operation.examples.response_json, None);
    assert!(
        empty.warnings[0].contains("responseDemo: not valid JSON"),
        "{:?}",
        empty.warnings
    );

    let no_json = demo(r#"[{"type": "xml", "example": "<A/>"}]"#);
    assert_eq!(no_json.operation.examples.response_json, None);
    assert!(no_json.warnings.is_empty());
}

#[test]
fn error_codes_are_sorted_by_status_then_metadata_order() {
    let response = r#""errorCodes": {
        "500": [{"errorCode": "InternalError", "errorMessage": "boom"}],
        "200": [{"errorCode": "Fine", "errorMessage": "?"}],
        "404": [{"errorCode": "NotExist.B", "errorMessage": "b", "description": "d"},
                {"errorCode": "NotExist.A", "errorMessage": "a"}],
        "400": [{"errorCode": "InternalError", "errorMessage": "again"}, {"errorCode": "Bad"}]
    }"#;
    let imported = import_op(&metadata(&op_json("Op", "", response), ""), "Op");
    let errors: Vec<(u16, &str, &str)> = imported
        .operation
        .errors
        .iter()
        .map(|e| (e.http_status, e.code.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (400, "Bad", ""),
            (404, "NotExist.B", "b"),
            (404, "NotExist.A", "a"),
            (500, "InternalError", "boom"),
        ]
    );
    assert_eq!(
        imported.operation.errors[1].description.as_deref(),
        Some("d")
    );
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert!(
        imported.warnings[0].contains("errorCodes.200: HTTP status `200` is not an error status")
    );
    assert!(
        imported.warnings[1]
            .contains("error code `InternalError` is listed twice; the first entry is kept")
    );
}

#[test]
fn malformed_metadata_is_reported_with_its_path() {
    let err = Document::parse("m.json", "{\"apis\": ").expect_err("invalid JSON");
    assert!(
        err.to_string()
            .starts_with("m.json: error: not valid JSON: EOF"),
        "{err}"
    );
    let err = Document::parse("m.json", r#"{"apis": {}, "apis": {}}"#).expect_err("duplicate");
    assert!(err.message.contains("duplicate key `apis`"), "{err}");
    let err = Document::parse("m.json", r#"{"apis": []}"#).expect_err("apis");
    assert_eq!(
        err.to_string(),
        "m.json: apis: error: expected an object, found an array"
    );

    let check = |params: &str, expected: &str| {
        let doc = document(&metadata(&op_json("Op", params, ""), ""));
        let err = meta::operation(OperationInput {
            name: "Op",
            structure: &doc,
            docs: Some(&doc),
        })
        .expect_err(params);
        assert_eq!(err.to_string(), expected);
    };
    let doc = document(&metadata(r#""../Evil": {"parameters": []}"#, ""));
    let err = meta::operation(OperationInput {
        name: "../Evil",
        structure: &doc,
        docs: Some(&doc),
    })
    .expect_err("a name that is no file name");
    assert_eq!(
        err.to_string(),
        "meta.json: apis: error: operation name `../Evil` is not an identifier (letters, digits, `_`)"
    );
    let doc = document(&metadata(r#""Op": []"#, ""));
    let err = meta::operation(OperationInput {
        name: "Op",
        structure: &doc,
        docs: Some(&doc),
    })
    .expect_err("not an object");
    assert_eq!(
        err.to_string(),
        "meta.json: apis.Op: error: expected an object, found an array"
    );
    check(
        r#"{"in": "query", "schema": {"type": "string"}}"#,
        "meta.json: apis.Op.parameters[0].name: error: missing",
    );
    check(
        r#"{"name": "P", "schema": {"type": "date"}}"#,
        "meta.json: apis.Op.parameters.P.schema.type: error: unsupported type `date` (string, integer, number, \
         boolean, object or array)",
    );
    check(
        r#"{"name": "P", "schema": {"type": "integer", "minimum": "low"}}"#,
        "meta.json: apis.Op.parameters.P.schema.minimum: error: expected a number, found a string",
    );
    check(
        r#"{"name": "P", "in": "path", "schema": {"type": "string"}}"#,
        "meta.json: apis.Op.parameters.P.in: error: unsupported location `path` (query or formData)",
    );
    check(
        r#"{"name": "P", "schema": {"type": "string"}}, {"name": "P", "schema": {"type": "string"}}"#,
        "meta.json: apis.Op.parameters.P: error: parameter listed twice",
    );
    check(
        r#"{"name": "P", "schema": {"type": "array"}}"#,
        "meta.json: apis.Op.parameters.P.schema: error: an array parameter without `items`",
    );
}

/// The older file has descriptions, responses and errors; the newer has other parameters and operations.
fn two_files() -> (String, String) {
    let old = metadata(
        &[
            op_json(
                "Shared",
                r#"{"name": "Id", "in": "query", "schema": {"type": "string", "required": false,
                        "description": "old id", "example": "i-1", "docRequired": true}},
                   {"name": "Gone", "in": "query", "schema": {"type": "string", "description": "removed later"}},
                   {"name": "Filter", "in": "query", "style": "flat", "schema": {"type": "object", "properties": {
                        "Key": {"type": "string", "description": "old key", "example": "k"}}}},
                   {"name": "Mode", "in": "query", "schema": {"type": "string", "enum": ["A"],
                        "enumValueTitles": {"A": "first", "B": "second"}, "default": "A"}}"#,
                r#""summary": "Old summary", "title": "Old title",
                   "responses": {"200": {"schema": {"type": "object", "properties": {"RequestId": {"type": "string"}}}}},
                   "errorCodes": {"404": [{"errorCode": "NotFound", "errorMessage": "nope"}]},
                   "responseDemo": "[{\"type\": \"json\", \"example\": \"{}\"}]""#,
            ),
            op_json("OldOnly", "", r#""summary": "dropped""#),
        ]
        .join(", "),
        "",
    );
    let new = metadata(
        &[
            op_json(
                "Shared",
                r#"{"name": "Id", "in": "query", "schema": {"type": "string", "required": true}},
                   {"name": "Filter", "in": "formData", "style": "flat", "schema": {"type": "object", "properties": {
                        "Key": {"type": "string", "required": true}, "Value": {"type": "string"}}}},
                   {"name": "Mode", "in": "query", "schema": {"type": "string", "enum": ["A", "B"]}},
                   {"name": "Fresh", "in": "query", "schema": {"type": "integer", "format": "int32"}}"#,
                "",
            ),
            r#""NewOnly": {"methods": ["get"], "parameters": [{"name": "X", "in": "query", "schema": {"type": "string"}}]}"#
                .to_string(),
        ]
        .join(", "),
        "",
    );
    (old, new)
}

#[test]
fn params_from_the_newer_file_and_docs_from_the_older() {
    let (old, new) = two_files();
    let import = import(&options(&old, Some(&new))).unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<&str> = import.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["NewOnly.yaml", "SOURCES.md", "Shared.yaml", "service.yaml"]
    );
    assert_eq!(import.dropped, ["OldOnly"]);

    let new_doc = document(&new);
    let old_doc = document(&old);
    let shared = meta::operation(OperationInput {
        name: "Shared",
        structure: &new_doc,
        docs: Some(&old_doc),
    })
    .unwrap()
    .operation;
    assert_eq!(shared.summary, "Old summary");
    let names: Vec<&str> = shared
        .request
        .iter()
        .map(|f| f.name.as_deref().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Id", "Filter", "Mode", "Fresh"],
        "the newer file's parameters"
    );
    let id = param(&shared, "Id");
    assert!(id.required, "required from the newer file");
    assert!(!id.doc_required, "docRequired does not apply once required");
    assert_eq!(id.description.as_deref(), Some("old id"));
    assert_eq!(id.example.as_deref(), Some("i-1"));
    let filter = param(&shared, "Filter");
    assert_eq!(filter.location, Some(Location::Form));
    assert!(filter.fields[0].required);
    assert_eq!(
        filter.fields[0].description.as_deref(),
        Some("old key"),
        "matched by property name"
    );
    assert_eq!(filter.fields[1].description, None);
    let mode = param(&shared, "Mode");
    assert_eq!(mode.default.as_deref(), Some("A"));
    let values: Vec<(&str, Option<&str>)> = shared.enums[0]
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.description.as_deref()))
        .collect();
    assert_eq!(
        values,
        [("A", Some("first")), ("B", Some("second"))],
        "values new, titles old"
    );
    assert_eq!(param(&shared, "Fresh").description, None);
    assert_eq!(shared.response[0].name.as_deref(), Some("RequestId"));
    assert_eq!(
        shared.errors,
        [ErrorCode {
            http_status: 404,
            code: "NotFound".to_string(),
            message: "nope".to_string(),
            description: None
        }]
    );
    assert_eq!(shared.examples.response_json.as_deref(), Some("{}"));

    let new_only = file(&import, "NewOnly.yaml");
    assert!(
        new_only.contains("\nuntyped_response: true\n"),
        "{new_only}"
    );
    assert!(!new_only.contains("\nresponse:"), "{new_only}");
    assert!(new_only.contains("\nmethod: GET\n"), "{new_only}");
    assert!(
        new_only.contains(
            "summary: NewOnly (Alibaba's metadata has no description for this operation)\n"
        ),
        "{new_only}"
    );
    assert!(
        new_only.contains("# Descriptions, response and errors: none (api-meta/old.json does not have this operation).\n"),
        "{new_only}"
    );

    let shared_text = file(&import, "Shared.yaml");
    assert!(shared_text.starts_with(
        "# @generated by `cargo xtask import-meta` from Alibaba's API metadata.\n\
         # Parameters: api-meta/new.json\n\
         # Descriptions, response and errors: api-meta/old.json\n\
         # Overlay: none\n\
         # Do not edit; change api-spec/overlays/Shared.yaml and rerun:\n\
         #   cargo xtask import-meta api-meta/old.json --params api-meta/new.json\n\
         # Schema: api-spec/README.md.\n\
         name: Shared\n"
    ));

    let sources = file(&import, "SOURCES.md");
    assert!(sources.contains("| in both files | 1 |\n"), "{sources}");
    assert!(
        sources.contains("| only in `new.json` (no descriptions, response or errors) | 1 |\n"),
        "{sources}"
    );
    assert!(
        sources.contains("| only in `old.json` (not written) | 1 |\n"),
        "{sources}"
    );
    assert!(
        sources.contains("| `NewOnly` | `new.json` | none | untyped |  |\n"),
        "{sources}"
    );
    assert!(
        sources.contains("| `Shared` | `new.json` | `old.json` | typed |  |\n"),
        "{sources}"
    );
    assert!(sources.contains("- `OldOnly`\n"), "{sources}");
}

#[test]
fn only_limits_the_operations_and_names_unknown_ones() {
    let (old, new) = two_files();
    let mut opts = options(&old, Some(&new));
    opts.only = vec!["Shared".to_string()];
    let import = import(&opts).unwrap();
    let paths: Vec<&str> = import.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["Shared.yaml", "service.yaml"],
        "no SOURCES.md with --only"
    );

    opts.only = vec!["OldOnly".to_string(), "Nope".to_string()];
    let err = super::import(&opts).expect_err("unknown operations");
    assert_eq!(
        err.0,
        [
            Problem::Input(
                "--only OldOnly: api-meta/new.json has no such operation (only api-meta/old.json has it; with \
                 --params only the operations of the newer file are written)"
                    .to_string()
            ),
            Problem::Input("--only Nope: api-meta/new.json has no such operation".to_string()),
        ]
    );
}

#[test]
fn service_comes_from_info_and_endpoints_and_its_overlay() {
    let (old, _) = two_files();
    let mut opts = options(&old, None);
    opts.overlays = vec![overlay(
        "service",
        "# refinements\ntitle: 小部件 (Widget)\nregions: [cn-hangzhou]\n",
    )];
    let import = import(&opts).unwrap();
    assert_eq!(
        file(&import, "service.yaml"),
        "# @generated by `cargo xtask import-meta` from Alibaba's API metadata.\n\
         # Product, version and endpoints: api-meta/old.json\n\
         # Overlay: api-spec/overlays/service.yaml\n\
         # Do not edit; change api-spec/overlays/service.yaml and rerun:\n\
         #   cargo xtask import-meta api-meta/old.json\n\
         # Schema: api-spec/README.md.\n\
         product: widget\n\
         title: 小部件 (Widget)\n\
         version: \"2020-01-01\"\n\
         style: rpc\n\
         crate: widget\n\
         endpoint: widget.{region}.aliyuncs.com\n\
         default_region: cn-hangzhou\n\
         regions:\n  - cn-hangzhou\n"
    );
    let plain = super::import(&options(&old, None)).unwrap();
    assert!(file(&plain, "service.yaml").ends_with("regions:\n  - cn-hangzhou\n  - cn-beijing\n"));
}

#[test]
fn importing_twice_gives_identical_bytes() {
    let (old, new) = two_files();
    let mut opts = options(&old, Some(&new));
    opts.overlays = vec![overlay(
        "Shared",
        "request:\n  - name: Id\n    description: mine\n",
    )];
    let first = import(&opts).unwrap();
    let second = import(&opts).unwrap();
    assert_eq!(first.files, second.files);
    assert!(file(&first, "Shared.yaml").contains("description: mine\n"));
}

const OVERLAY_TARGET: &str = r#""Op": {"methods": ["post"], "parameters": [
    {"name": "Id", "in": "query", "schema": {"type": "string", "required": true, "description": "meta"}},
    {"name": "Cfg", "in": "query", "schema": {"type": "string"}},
    {"name": "Ids", "in": "query", "style": "repeatList", "schema": {"type": "array", "items": {"type": "string"}}}
  ],
  "responses": {"200": {"schema": {"type": "object", "properties": {
    "Job": {"type": "object", "properties": {
      "State": {"type": "string"},
      "Times": {"type": "array", "items": {"type": "object", "properties": {"Begin": {"type": "string"}}}}
    }}
  }}}},
  "errorCodes": {"404": [{"errorCode": "NotExist.Op", "errorMessage": "m"}]},
  "responseDemo": "[{\"type\": \"json\", \"example\": \"{}\"}]"
}"#;

#[test]
fn overlays_refine_fields_enums_errors_and_examples() {
    let mut opts = options(&metadata(OVERLAY_TARGET, ""), None);
    opts.overlays = vec![overlay(
        "Op",
        r#"summary: Hand summary
method: GET
request:
  - name: Cfg
    style: json
    example: '{"a":1}'
    notes: [From the page.]
  - name: Id
    description: ""
    required: false
    doc_required: true
  - name: Ids
    max_items: 5
    items:
      example: x
response:
  - name: Job
    fields:
      - name: State
        enum: State
        historic: old
      - name: Times
        items:
          struct: TimeFrame
enums:
  - name: State
    values:
      - {value: Done, description: 完成。}
errors:
  - {http_status: 500, code: InternalError, message: Later.}
  - {http_status: 404, code: NotExist.Op, message: m, description: 不存在。}
examples:
  request: GET /?Action=Op
"#,
    )];
    let import = import(&opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        import.operations[0].overlay.as_deref(),
        Some("api-spec/overlays/Op.yaml")
    );
    let text = file(&import, "Op.yaml");
    assert!(
        text.contains("# Overlay: api-spec/overlays/Op.yaml\n"),
        "{text}"
    );
    let expected = "name: Op
summary: Hand summary
method: GET

request:
  - name: Id
    type: String
    doc_required: true
  - name: Cfg
    type: String
    example: \"{\\\"a\\\":1}\"
    notes:
      - From the page.
    style: json
  - name: Ids
    type: Array
    items:
      type: String
      example: x
    style: repeat_list
    max_items: 5

response:
  - name: Job
    type: Object
    fields:
      - name: State
        type: String
        historic: old
        enum: State
      - name: Times
        type: Array
        items:
          type: Object
          fields:
            - name: Begin
              type: String
          struct: TimeFrame

enums:
  - name: State
    values:
      - value: Done
        description: 完成。

errors:
  - http_status: 404
    code: NotExist.Op
    message: m
    description: 不存在。
  - http_status: 500
    code: InternalError
    message: Later.

examples:
  request: GET /?Action=Op
  response_json: \"{}\"
";
    let body = text
        .split_once("name: Op\n")
        .map(|(_, rest)| format!("name: Op\n{rest}"))
        .unwrap();
    assert_eq!(body, expected);
}

/// Imports with one overlay for `Op` and returns the problems.
fn overlay_problems(text: &str) -> Vec<String> {
    let mut opts = options(&metadata(OVERLAY_TARGET, ""), None);
    opts.overlays = vec![overlay("Op", text)];
    import(&opts)
        .expect_err("a bad overlay")
        .0
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn overlay_errors_name_the_overlay_line_and_column() {
    assert_eq!(
        overlay_problems(
            "request:\n  - name: Id\n    description: x\n  - name: Nope\n    example: y\n"
        ),
        [
            "api-spec/overlays/Op.yaml:4:11: error: the request has no field `Nope` in the metadata (it has: Id, Cfg, Ids)"
        ]
    );
    assert_eq!(
        overlay_problems(
            "response:\n  - name: Job\n    fields:\n      - name: Times\n        items:\n          fields:\n            - name: End\n"
        ),
        [
            "api-spec/overlays/Op.yaml:7:21: error: `Job.Times[]` has no field `End` in the metadata (it has: Begin)"
        ]
    );
    let bad_key = overlay_problems("request:\n  - name: Id\n    descripton: x\n");
    assert_eq!(bad_key.len(), 1);
    assert!(
        bad_key[0].starts_with("api-spec/overlays/Op.yaml:3:5: error: unknown field `descripton`"),
        "{bad_key:?}"
    );
    let bad_type = overlay_problems("request:\n  - name: Id\n    required: maybe\n");
    assert!(
        bad_type[0].starts_with("api-spec/overlays/Op.yaml:3:15: error: "),
        "{bad_type:?}"
    );
    assert_eq!(
        overlay_problems(
            "request:\n  - name: Id\n    type: Int64\n    style: repeated\n  - name: Cfg\n    enum: Missing\n"
        ),
        [
            "api-spec/overlays/Op.yaml:3:11: error: unknown type `Int64` (one of String, Integer, Long, Float, Double, \
             Boolean, Object, Array, Any)",
            "api-spec/overlays/Op.yaml:4:12: error: unknown style `repeated` (repeat_list, json or flat)",
            "api-spec/overlays/Op.yaml:6:11: error: no enum `Missing` in `enums` (known: none)",
        ]
    );
    assert_eq!(
        overlay_problems("request:\n  - description: x\n  - name: Id\n  - name: Id\n"),
        [
            "api-spec/overlays/Op.yaml:2:5: error: an entry of the request without `name`: say which field it refines",
            "api-spec/overlays/Op.yaml:4:11: error: `Id` is refined twice in the request",
        ]
    );
    assert_eq!(
        overlay_problems("request:\n  - name: Id\n    items:\n      type: String\n"),
        [
            "api-spec/overlays/Op.yaml:4:7: error: `Id` is not a list in the metadata: it has no `items`"
        ]
    );
    assert_eq!(
        overlay_problems("name: Other\nerrors:\n  - {http_status: 200, code: X, message: y}\n"),
        [
            "api-spec/overlays/Op.yaml:1:7: error: the overlay is for `Op` but says `name: Other`",
            "api-spec/overlays/Op.yaml:3:19: error: HTTP status 200 is not an error status (400–599)",
        ]
    );
}

#[test]
fn an_overlay_for_an_unknown_operation_is_an_error() {
    let mut opts = options(&metadata(OVERLAY_TARGET, ""), None);
    opts.overlays = vec![overlay("Removed", "summary: x\n")];
    let err = import(&opts).expect_err("orphan overlay");
    assert_eq!(
        err.to_string(),
        "api-spec/overlays/Removed.yaml:1:1: error: an overlay for `Removed`, which api-meta/old.json does not \
         have (remove or rename the overlay)\n1 error(s) in the metadata, overlays or arguments"
    );
    opts.only = vec!["Op".to_string()];
    assert!(
        import(&opts).is_ok(),
        "with --only, other overlays are not looked at"
    );
}

#[test]
fn an_empty_overlay_changes_nothing_but_the_header() {
    let plain = import(&options(&metadata(OVERLAY_TARGET, ""), None)).unwrap();
    let mut opts = options(&metadata(OVERLAY_TARGET, ""), None);
    opts.overlays = vec![overlay("Op", "# nothing yet\n")];
    let with = import(&opts).unwrap();
    let body = |i: &Import| {
        file(i, "Op.yaml")
            .split_once("name: Op")
            .unwrap()
            .1
            .to_string()
    };
    assert_eq!(body(&plain), body(&with));
}

#[test]
fn enum_name_rule_shares_same_sets_in_any_order() {
    let mut enums = Vec::new();
    let value = |v: &str| EnumValue {
        value: v.to_string(),
        description: None,
        rust_name: None,
    };
    assert_eq!(
        meta::name_enum(&mut enums, "state", None, vec![value("A")]),
        "State"
    );
    assert_eq!(
        meta::name_enum(&mut enums, "State", None, vec![value("B")]),
        "State2"
    );
    assert_eq!(
        meta::name_enum(&mut enums, "State", None, vec![value("C")]),
        "State3"
    );
    assert_eq!(
        meta::name_enum(&mut enums, "State", None, vec![value("B")]),
        "State2"
    );
    assert_eq!(
        meta::name_enum(&mut enums, "State", Some("job"), vec![value("D")]),
        "JobState"
    );
    assert_eq!(
        meta::name_enum(&mut enums, "State", Some("Job"), vec![value("E")]),
        "JobState2"
    );
    assert_eq!(enums.len(), 5);
}
