//! Bad specs give diagnostics that name the file, line and column and say what was expected, and never panic.
//!
//! Each case is a small edit of a minimal valid spec. YAML is written one line per string so line numbers can
//! be read off the source; columns are 1-based and derived by hand from the text (the comment on each case
//! says which character is meant).

use std::path::{Path, PathBuf};

use codegen::load::load_sources;
use codegen::{Diagnostic, Diagnostics};

fn yaml(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn service() -> String {
    yaml(&[
        "product: demo",                            // 1
        "title: Demo",                              // 2
        "version: \"2020-01-01\"",                  // 3
        "style: rpc",                               // 4
        "crate: demo",                              // 5
        "endpoint: \"demo.{region}.aliyuncs.com\"", // 6
        "default_region: cn-hangzhou",              // 7
    ])
}

/// The minimal valid operation every case starts from.
const OP_HEAD: &[&str] = &[
    "name: DoThing",          // 1
    "summary: Does a thing.", // 2
    "request:",               // 3
    "  - name: JobGroupId",   // 4
    "    type: String",       // 5
    "    required: true",     // 6
    "response:",              // 7
    "  - name: RequestId",    // 8
    "    type: String",       // 9
];

/// `OP_HEAD` followed by `more` (starting at line 10).
fn op_with(more: &[&str]) -> String {
    let lines: Vec<&str> = OP_HEAD.iter().chain(more).copied().collect();
    yaml(&lines)
}

fn load(op: &str) -> Result<codegen::ir::Service, Diagnostics> {
    load_sources(
        Path::new("api-spec"),
        &[("service.yaml", &service()), ("Op.yaml", op)],
    )
}

fn errors(op: &str) -> Vec<Diagnostic> {
    match load(op) {
        Ok(_) => panic!("expected diagnostics for:\n{op}"),
        Err(diags) => diags.0,
    }
}

/// The one diagnostic a spec gives; fails when there are more or none.
fn single(op: &str) -> Diagnostic {
    let diags = errors(op);
    assert_eq!(
        diags.len(),
        1,
        "expected one diagnostic, got:\n{}",
        Diagnostics(diags.clone())
    );
    diags.into_iter().next().unwrap()
}

/// Asserts the diagnostic is at `Op.yaml:line:column` and its message contains `phrase`.
#[track_caller]
fn assert_at(d: &Diagnostic, line: u64, column: u64, phrase: &str) {
    assert_at_file(d, "api-spec/Op.yaml", line, column, phrase);
}

#[track_caller]
fn assert_at_file(d: &Diagnostic, file: &str, line: u64, column: u64, phrase: &str) {
    assert_eq!(
        (
            d.position.file.as_path(),
            d.position.line,
            d.position.column
        ),
        (Path::new(file), line, column),
        "wrong position for: {d}"
    );
    assert!(
        d.message.contains(phrase),
        "message {:?} lacks {phrase:?}",
        d.message
    );
    // The rendered form is what a maintainer sees: `file:line:col: error: message`.
    assert_eq!(
        d.to_string(),
        format!("{file}:{line}:{column}: error: {}", d.message)
    );
}

// ----- the starting point -----

#[test]
fn minimal_spec_is_valid() {
    let service = load(&op_with(&[])).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(service.crate_name, "demo");
    assert_eq!(service.operations.len(), 1);
    let op = &service.operations[0];
    assert_eq!(op.wire_name, "DoThing");
    assert_eq!(op.module, "do_thing");
    assert_eq!(op.method, "POST");
    assert_eq!(op.request.params[0].rust_name, "job_group_id");
    assert!(op.request.params[0].required);
}

// ----- what the YAML parser reports -----

#[test]
fn yaml_syntax_error() {
    let d = single(&yaml(&[
        "name: DoThing",
        // A plain scalar cannot contain `: `; the parser stops at that colon (column 22).
        "summary: Does a thing: really",
    ]));
    assert_at(&d, 2, 22, "mapping values are not allowed");
}

#[test]
fn unknown_key_is_a_typo() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: JobGroupId",
        "    type: String",
        "    requird: true", // the key, column 5
    ]));
    assert_at(&d, 6, 5, "unknown field `requird`");
    assert!(
        d.message.contains("expected one of name, type, required,"),
        "{d}"
    );
}

#[test]
fn duplicate_yaml_key() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: JobGroupId",
        "    type: String",
        "    type: Integer", // the second `type`, column 5
    ]));
    assert_at(&d, 6, 5, "duplicate mapping key: type");
}

#[test]
fn missing_required_key() {
    let d = single(&yaml(&[
        "name: DoThing", //
        "request: []",
    ]));
    assert!(d.message.contains("missing field `summary`"), "{d}");
    assert_eq!(d.position.file, Path::new("api-spec/Op.yaml"));
    // serde reports a missing key once the mapping has been read; the position is inside it, not 0:0.
    assert!(d.position.line >= 1 && d.position.column >= 1, "{d}");
}

#[test]
fn value_of_the_wrong_yaml_type() {
    let d = single(&op_with(&[
        "errors:",
        "  - http_status: not-a-number", // the value, column 18
        "    code: Oops",
        "    message: Oops.",
    ]));
    assert_at(&d, 11, 18, "invalid");
}

// ----- what validation reports -----

#[test]
fn unknown_type() {
    let d = single(&op_with(&[
        "  - name: Extra",
        "    type: Strng", // `Strng`, column 11
    ]));
    assert_at(&d, 11, 11, "unknown type `Strng`");
    assert!(
        d.message.contains(
            "expected one of String, Integer, Long, Float, Double, Boolean, Object, Array"
        )
    );
}

#[test]
fn enum_naming_an_undefined_enum() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: Color",
        "    type: String",
        "    enum: Colour", // `Colour`, column 11
        "enums:",
        "  - name: Color",
        "    values:",
        "      - {value: Red}",
    ]));
    assert_at(&d, 6, 11, "unknown enum `Colour`");
    assert!(
        d.message
            .contains("expected a name from this file's `enums:`")
    );
}

#[test]
fn enum_on_a_non_string_field() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: Level",
        "    type: Integer",
        "    enum: Level", // the `enum:` value, column 11
        "enums:",
        "  - name: Level",
        "    values:",
        "      - {value: High}",
    ]));
    assert_at(
        &d,
        6,
        11,
        "`enum:` applies only to `type: String`, not `Integer`",
    );
}

#[test]
fn array_parameter_without_repeat_list_style() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: CallingNumber",
        "    type: Array", // `Array`, column 11
        "    items:",
        "      type: String",
    ]));
    assert_at(&d, 5, 11, "an Array parameter needs `style: repeat_list`");
}

/// The IR of a spec that must load.
fn valid(op: &str) -> codegen::ir::Operation {
    match load(op) {
        Ok(service) => service
            .operations
            .into_iter()
            .next()
            .expect("one operation"),
        Err(diags) => panic!("expected a valid spec, got:\n{diags}\nfor:\n{op}"),
    }
}

#[test]
fn derived_rust_names_that_collide_get_a_numeric_suffix() {
    // The collision rule (validate/names.rs): a later wire name whose derived Rust name is taken gets `_2`, `_3`.
    let op = valid(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: JobGroupId",
        "    type: String",
        "  - name: job_group_id",
        "    type: String",
        "  - name: JOB_GROUP_ID",
        "    type: String",
    ]));
    let names: Vec<(&str, &str)> = op
        .request
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("JobGroupId", "job_group_id"),
            ("job_group_id", "job_group_id_2"),
            ("JOB_GROUP_ID", "job_group_id_3")
        ]
    );
    let op = valid(&op_with(&["  - name: request_id", "    type: String"]));
    let names: Vec<&str> = op.structs[0]
        .fields
        .iter()
        .map(|f| f.rust_name.as_str())
        .collect();
    assert_eq!(names, ["request_id", "request_id_2"]);
    // Names that would take a generated method's name follow the same rule.
    let op = valid(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: ToParams",
        "    type: String",
        "  - name: New",
        "    type: String",
    ]));
    let names: Vec<&str> = op
        .request
        .params
        .iter()
        .map(|p| p.rust_name.as_str())
        .collect();
    assert_eq!(names, ["to_params_2", "new_2"]);
}

#[test]
fn rust_names_written_by_hand_that_collide_are_errors() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: JobGroupId",
        "    type: String",
        "  - name: Other",
        "    type: String",
        "    rust_name: job_group_id", // column 16
    ]));
    assert_at(
        &d,
        6,
        11,
        "`Other` and `JobGroupId` (line 4, column 11) both become the Rust name `job_group_id`; set `rust_name:` on one",
    );
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: Other",
        "    type: String",
        "    rust_name: to_params",
    ]));
    assert_at(
        &d,
        4,
        11,
        "`Other` becomes the Rust name `to_params`, which is taken by the generated `to_params` method; set `rust_name:`",
    );
}

#[test]
fn duplicate_wire_names() {
    let d = single(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: Name",
        "    type: String",
        "  - name: Name", // column 11
        "    type: Long",
    ]));
    assert_at(
        &d,
        6,
        11,
        "duplicate parameter `Name` (first at line 4, column 11)",
    );
}

#[test]
fn required_on_a_response_field() {
    let d = single(&op_with(&[
        "    required: true", // belongs to `RequestId` (line 8)
    ]));
    // Reported at the field's name (`RequestId`, line 8, column 11): `required:` itself carries no position.
    assert_at(
        &d,
        8,
        11,
        "`required:` applies only to request parameters, not to response fields",
    );
}

#[test]
fn object_without_fields() {
    let d = single(&op_with(&[
        "  - name: Owner",
        "    type: Object", // `Object`, column 11
    ]));
    assert_at(&d, 11, 11, "an Object needs `fields:`");
}

#[test]
fn objects_with_the_same_derived_name_are_prefixed_with_their_parent() {
    // The struct-name rule (validate/mod.rs): own name, else parent type + own name, else a numeric suffix.
    let op = valid(&op_with(&[
        "  - name: Widget",
        "    type: Object",
        "    fields:",
        "      - name: Owner",
        "        type: Object",
        "        fields:",
        "          - {name: Id, type: String}",
        "  - name: Gadget",
        "    type: Object",
        "    fields:",
        "      - name: Owner",
        "        type: Object",
        "        fields:",
        "          - {name: Id, type: String}",
        "  - name: GadgetOwner",
        "    type: Object",
        "    fields:",
        "      - {name: Id, type: String}",
        "  - name: Self",
        "    type: Object",
        "    fields:",
        "      - {name: Id, type: String}",
    ]));
    let names: Vec<&str> = op.structs.iter().map(|s| s.rust_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "DoThingResponse",
            "Widget",
            "Owner",
            "Gadget",
            "GadgetOwner",
            "DoThingResponseGadgetOwner",
            "Self_" // naming.rs: a keyword type name gets `_`
        ]
    );
}

#[test]
fn two_objects_with_the_same_struct_name_written_by_hand() {
    let d = single(&op_with(&[
        "  - name: Widget",     // 10
        "    type: Object",     // 11
        "    struct: Owner",    // 12, `Owner` at column 13
        "    fields:",          // 13
        "      - name: Id",     // 14
        "        type: String", // 15
        "  - name: Gadget",     // 16
        "    type: Object",     // 17
        "    struct: Owner",    // 18, `Owner` at column 13
        "    fields:",          // 19
        "      - name: Id",     // 20
        "        type: String", // 21
    ]));
    assert_at(
        &d,
        18,
        13,
        "type name `Owner` is already used at line 12, column 13; set `struct:`",
    );
}

#[test]
fn struct_name_colliding_with_an_enum() {
    let d = single(&op_with(&[
        "  - name: Info",
        "    type: Object",
        "    struct: Level", // `Level`, column 13
        "    fields:",
        "      - name: Id",
        "        type: String",
        "enums:",
        "  - name: Level", // 17, column 11
        "    values:",
        "      - {value: High}",
    ]));
    // Enums are claimed first, so the struct is the second claim.
    assert_at(
        &d,
        12,
        13,
        "type name `Level` is already used at line 17, column 11",
    );
}

#[test]
fn enum_values_and_error_codes_whose_names_collide_get_a_numeric_suffix() {
    let op = valid(&op_with(&[
        "enums:",
        "  - name: Level",
        "    values:",
        "      - {value: unknown}", // would be the fallback variant `Unknown`
        "      - {value: very-high}",
        "      - {value: VeryHigh}",
        "errors:",
        "  - {http_status: 400, code: Forbidden.User, message: a}",
        "  - {http_status: 400, code: Forbidden_User, message: b}",
        "  - {http_status: 500, code: Service, message: c}", // the error type's own `Service` variant
    ]));
    let variants: Vec<&str> = op.enums[0]
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    assert_eq!(variants, ["Unknown2", "VeryHigh", "VeryHigh2"]);
    let errors: Vec<&str> = op.errors.iter().map(|e| e.rust_name.as_str()).collect();
    assert_eq!(errors, ["ForbiddenUser", "ForbiddenUser2", "Service2"]);
}

#[test]
fn duplicate_enum_values_and_error_codes_are_errors() {
    let diags = errors(&op_with(&[
        "enums:",                                      // 10
        "  - name: Level",                             // 11
        "    values:",                                 // 12
        "      - {value: High}",                       // 13
        "      - {value: High}",                       // 14, `High` at column 17
        "errors:",                                     // 15
        "  - {http_status: 400, code: A, message: a}", // 16
        "  - {http_status: 400, code: A, message: b}", // 17, `A` at column 30
    ]));
    assert_eq!(diags.len(), 2, "{}", Diagnostics(diags.clone()));
    assert_at(
        &diags[0],
        14,
        17,
        "duplicate enum value `High` (first at line 13)",
    );
    assert_at(
        &diags[1],
        17,
        30,
        "duplicate error code `A` (first at line 16)",
    );
}

#[test]
fn unsupported_method_and_location() {
    let diags = errors(&yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "method: PUT", // `PUT`, column 9
        "request:",
        "  - name: Body",
        "    type: String",
        "    location: body", // `body`, column 15
    ]));
    assert_eq!(diags.len(), 2, "{}", Diagnostics(diags.clone()));
    assert_at(
        &diags[0],
        3,
        9,
        "unsupported method `PUT`: expected `POST` or `GET`",
    );
    assert_at(
        &diags[1],
        7,
        15,
        "unknown location `body`: expected `query` or `form`",
    );
}

#[test]
fn two_operations_with_the_same_module() {
    let a = yaml(&["name: DoThing", "summary: A."]);
    let b = yaml(&["name: DOThing", "summary: B."]); // `DOThing` at column 7 is also `do_thing`
    let diags = load_sources(
        Path::new("api-spec"),
        &[("service.yaml", &service()), ("A.yaml", &a), ("B.yaml", &b)],
    )
    .unwrap_err()
    .0;
    assert_eq!(diags.len(), 1, "{}", Diagnostics(diags.clone()));
    assert_at_file(
        &diags[0],
        "api-spec/B.yaml",
        1,
        7,
        "operation module `do_thing` is also produced by api-spec/A.yaml:1",
    );
}

#[test]
fn invalid_service_values() {
    let service = yaml(&[
        "product: demo",
        "title: Demo",
        "version: \"2020-01-01\"",
        "style: soap",         // `soap`, column 8
        "crate: Demo Crate",   // `Demo Crate`, column 8
        "endpoint: localhost", // `localhost`, column 11
        "default_region: cn-hangzhou",
    ]);
    let diags = load_sources(
        Path::new("api-spec"),
        &[("service.yaml", &service), ("Op.yaml", &op_with(&[]))],
    )
    .unwrap_err()
    .0;
    assert_eq!(diags.len(), 3, "{}", Diagnostics(diags.clone()));
    assert_at_file(
        &diags[0],
        "api-spec/service.yaml",
        4,
        8,
        "unsupported style `soap`: expected `rpc`",
    );
    assert_at_file(
        &diags[1],
        "api-spec/service.yaml",
        6,
        11,
        "expected an endpoint host",
    );
    assert_at_file(
        &diags[2],
        "api-spec/service.yaml",
        5,
        8,
        "invalid crate name `Demo Crate`",
    );
}

#[test]
fn missing_service_yaml() {
    let diags = load_sources(Path::new("api-spec"), &[("Op.yaml", &op_with(&[]))])
        .unwrap_err()
        .0;
    assert_eq!(diags.len(), 1, "{}", Diagnostics(diags.clone()));
    // No line to point at: line and column are 0.
    assert_at_file(
        &diags[0],
        "api-spec/service.yaml",
        0,
        0,
        "missing service.yaml",
    );
}

// ----- many problems at once -----

#[test]
fn every_validation_error_is_reported_in_one_run() {
    let service = service().replace("style: rpc", "style: soap");
    let op = yaml(&[
        "name: DoThing",
        "summary: Does a thing.",
        "request:",
        "  - name: Count",
        "    type: Integr", // 5:11
        "  - name: Color",
        "    type: String",
        "    enum: Colour", // 8:11
        "  - name: Ids",
        "    type: Array", // 10:11
        "    items:",
        "      type: String",
        "response:",
        "  - name: RequestId", // 14:11
        "    type: String",
        "    required: true",
    ]);
    let diags = load_sources(
        Path::new("api-spec"),
        &[("service.yaml", &service), ("Op.yaml", &op)],
    )
    .unwrap_err();
    let found: Vec<(PathBuf, u64, u64)> = diags
        .0
        .iter()
        .map(|d| (d.position.file.clone(), d.position.line, d.position.column))
        .collect();
    let op_file = PathBuf::from("api-spec/Op.yaml");
    assert_eq!(
        found,
        [
            (PathBuf::from("api-spec/service.yaml"), 4, 8),
            (op_file.clone(), 5, 11),
            (op_file.clone(), 8, 11),
            (op_file.clone(), 10, 11),
            (op_file, 14, 11),
        ],
        "{diags}"
    );
    assert!(
        diags.to_string().ends_with("5 error(s) in the API spec"),
        "{diags}"
    );
}

#[test]
fn every_file_that_does_not_parse_is_reported() {
    let a = yaml(&["name: A", "summary: A.", "requird: []"]); // 3:1
    let b = yaml(&["name: B", "summary: [unclosed"]); // a sequence where text belongs: `[` at 2:10
    let diags = load_sources(
        Path::new("api-spec"),
        &[("service.yaml", &service()), ("A.yaml", &a), ("B.yaml", &b)],
    )
    .unwrap_err()
    .0;
    assert_eq!(diags.len(), 2, "{}", Diagnostics(diags.clone()));
    assert_at_file(
        &diags[0],
        "api-spec/A.yaml",
        3,
        1,
        "unknown field `requird`",
    );
    assert_at_file(&diags[1], "api-spec/B.yaml", 2, 10, "expected string");
}

#[test]
fn hostile_input_never_panics() {
    let inputs = [
        "",
        "~",
        "[]",
        "- 1\n- 2\n",
        "name: [1, 2]\nsummary: x\n",
        "name: X\nsummary: x\nrequest: {}\n",
        "name: X\nsummary: x\nrequest:\n  - type: String\n",
        "name: X\nsummary: x\nrequest:\n  - name: L\n    type: Array\n    style: repeat_list\n",
        "name: X\nsummary: x\nresponse:\n  - name: A\n    type: Array\n    items:\n      type: Array\n",
        "name: X\nsummary: x\nenums:\n  - name: E\n    values: []\n",
        "name: \"\"\nsummary: x\n",
        "name: X\nsummary: x\n\t- tab\n",
        "name: *undefined\nsummary: x\n",
        "name: X\nsummary: x\nerrors:\n  - {http_status: 99999, code: A, message: m}\n",
    ];
    for input in inputs {
        let result = std::panic::catch_unwind(|| load(input));
        match result {
            Ok(Err(diags)) => assert!(!diags.is_empty()),
            Ok(Ok(_)) => panic!("accepted:\n{input}"),
            Err(_) => panic!("panicked on:\n{input}"),
        }
    }
}

// ----- through the file-writing entry point -----

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("pipeline-tests-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn generate_files_returns_err_when_any_file_is_broken() {
    let dir = TempDir::new("broken-spec");
    dir.write("service.yaml", &service());
    dir.write("DoThing.yaml", &op_with(&[]));
    let files = codegen::generate_files(&dir.0).unwrap_or_else(|d| panic!("{d}"));
    assert!(files.iter().any(|f| f.path == "demo/src/do_thing.rs"));

    // One more operation with one bad value: nothing is generated, and the error names that file.
    dir.write(
        "Other.yaml",
        &yaml(&[
            "name: Other",
            "summary: x",
            "request:",
            "  - name: N",
            "    type: Strng",
        ]),
    );
    let diags = codegen::generate_files(&dir.0).unwrap_err();
    assert_eq!(diags.0.len(), 1, "{diags}");
    assert_eq!(diags.0[0].position.file, dir.0.join("Other.yaml"));
    assert_eq!(
        (diags.0[0].position.line, diags.0[0].position.column),
        (5, 11)
    );

    // A file that does not parse at all.
    dir.write("Other.yaml", "name: Other\nsummary: [\n");
    assert!(codegen::generate_files(&dir.0).is_err());

    // No service.yaml.
    std::fs::remove_file(dir.0.join("service.yaml")).unwrap();
    dir.write("Other.yaml", &op_with(&[]).replace("DoThing", "Other"));
    let diags = codegen::generate_files(&dir.0).unwrap_err();
    assert!(
        diags
            .0
            .iter()
            .any(|d| d.position.file == dir.0.join("service.yaml")),
        "{diags}"
    );
}

#[test]
fn generate_files_on_a_missing_folder_is_an_error() {
    let dir = TempDir::new("missing-spec");
    let missing = dir.0.join("nope");
    let diags = codegen::generate_files(&missing).unwrap_err();
    assert_eq!(diags.0.len(), 1, "{diags}");
    assert!(
        diags.0[0].message.contains("cannot read the spec folder"),
        "{diags}"
    );
}
