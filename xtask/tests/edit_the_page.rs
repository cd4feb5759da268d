//! The loop the doc importer closes: a copy of the seed page, edited the way a doc update would be (a
//! parameter row added, a type changed, an enum value added, a response field added inside `Strategy` and in
//! the page's examples, an error removed), goes through `import-doc` and `gen`; the spec change, the generated
//! code change and the change report are exactly the expected ones.
//!
//! Both pages are imported without the overlay: `api-spec/overlays/ModifyJobGroup.yaml` pins the enums'
//! value lists (overlay `enums` replace the imported ones), so with it an enum value added on the page would
//! not reach the spec. That is the overlay format's rule, the same for both importers.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::import::doc;
use xtask::{gen_report, sync};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The seed page with the five edits.
fn edited_page(seed: &str) -> String {
    let replace = |text: String, from: &str, to: &str| {
        assert!(text.contains(from), "the seed page has no `{from}`");
        text.replacen(from, to, 1)
    };
    let mut page = seed.to_string();
    // 1. A parameter row.
    page = replace(
        page,
        "RecallCallingNumber.N | String | 否 | [\"4008013260\"] | 重呼主叫号码列表 |\n",
        "RecallCallingNumber.N | String | 否 | [\"4008013260\"] | 重呼主叫号码列表 |\nCallerTag | String | 否 | vip | 主叫标签。 |\n",
    );
    // 2. A type: the request's RingingDuration from Long to Integer.
    page = replace(
        page,
        "RingingDuration | Long | 否 | 25 | 最优振铃时长。 |",
        "RingingDuration | Integer | 否 | 25 | 最优振铃时长。 |",
    );
    // 3. An enum value.
    page = replace(
        page,
        "Urgent:紧急任务。 Daily:日常任务。 |",
        "Urgent:紧急任务。 Daily:日常任务。 Idle:空闲任务。 |",
    );
    // 4. A response field inside Strategy, in the table and in both examples.
    page = replace(
        page,
        "RepeatDays | Array of String | [1,2,3,4,5] | 重复执行的天。 |\n",
        "RepeatDays | Array of String | [1,2,3,4,5] | 重复执行的天。 |\nRetryLimit | Integer | 3 | 重试上限。 |\n",
    );
    page = replace(
        page,
        "<RepeatDays>[1,2,3,4,5]</RepeatDays>\n",
        "<RepeatDays>[1,2,3,4,5]</RepeatDays>\n<RetryLimit>3</RetryLimit>\n",
    );
    page = replace(
        page,
        "\"RepeatDays\" : [ \"[1,2,3,4,5]\" ]\n",
        "\"RepeatDays\" : [ \"[1,2,3,4,5]\" ],\n\"RetryLimit\" : 3\n",
    );
    // 5. An error removed.
    page = replace(
        page,
        "500 | InternalError | An error occurred while processing your request. Please try again later. Submit a ticket if the error still exists. | 内部错误。建议重试,如果多次重试报错请提交工单。 |\n",
        "",
    );
    page
}

/// `cargo xtask import-doc PAGE --no-overlay` into a fresh spec folder with the checked-in `service.yaml`.
fn import(page: &str, label: &str, dir: &Path) -> String {
    let imported = doc::import_page(label, page).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        imported.report.findings.len(),
        2,
        "{}",
        imported.report.render(label)
    );
    let command = format!("cargo xtask import-doc {label} --no-overlay");
    let spec = doc::spec_file(label, &imported, None, &command).unwrap();
    fs::create_dir_all(dir).unwrap();
    fs::copy(
        root().join("api-spec/service.yaml"),
        dir.join("service.yaml"),
    )
    .unwrap();
    fs::write(dir.join("ModifyJobGroup.yaml"), &spec).unwrap();
    spec
}

/// `-`/`+` lines of a unified diff, without headers.
fn changed_lines(diff: &str) -> Vec<String> {
    diff.lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn an_edited_page_gives_exactly_the_expected_spec_code_and_report() {
    let base = std::env::temp_dir().join(format!("edit-the-page-{}", std::process::id()));
    let _ = fs::remove_dir_all(&base);
    let seed = fs::read_to_string(root().join("tests/fixtures/pages/ModifyJobGroup.txt")).unwrap();
    let old_spec = import(&seed, "ModifyJobGroup.txt", &base.join("old/api-spec"));
    let new_spec = import(
        &edited_page(&seed),
        "ModifyJobGroup.txt",
        &base.join("new/api-spec"),
    );

    // The spec change.
    let spec_diff = similar::TextDiff::from_lines(&old_spec, &new_spec)
        .unified_diff()
        .to_string();
    assert_eq!(
        changed_lines(&spec_diff),
        [
            "-    type: Long",
            "+    type: Integer",
            "+  - name: CallerTag",
            "+    type: String",
            "+    description: 主叫标签。",
            "+    example: vip",
            "+          - name: RetryLimit",
            "+            type: Integer",
            "+            description: 重试上限。",
            "+            example: \"3\"",
            "-        description: 作业组优先级,取值范围 Urgent:紧急任务。 Daily:日常任务。",
            "+        description: 作业组优先级,取值范围 Urgent:紧急任务。 Daily:日常任务。 Idle:空闲任务。",
            "+      - value: Idle",
            "+        description: 空闲任务。",
            "-  - http_status: 500",
            "-    code: InternalError",
            "-    message: An error occurred while processing your request. Please try again later. Submit a ticket if the error still exists.",
            "-    description: 内部错误。建议重试,如果多次重试报错请提交工单。",
            "+    <RetryLimit>3</RetryLimit>",
            "-    \"RepeatDays\" : [ \"[1,2,3,4,5]\" ]",
            "+    \"RepeatDays\" : [ \"[1,2,3,4,5]\" ],",
            "+    \"RetryLimit\" : 3",
        ],
        "\n{spec_diff}"
    );

    // gen from the old spec into an output folder, then the new spec against it: the report gen prints and
    // the generated code change.
    let out = base.join("generated");
    let old_files =
        codegen::generate_files(&base.join("old/api-spec")).unwrap_or_else(|d| panic!("{d}"));
    sync::plan(&out, &old_files, &sync::Ownership::GENERATED_CRATES)
        .unwrap()
        .apply(&out)
        .unwrap();
    let new_files =
        codegen::generate_files(&base.join("new/api-spec")).unwrap_or_else(|d| panic!("{d}"));
    let reports = gen_report::reports(&out, &new_files).unwrap();
    let report: String = reports
        .iter()
        .map(gen_report::CrateReport::render)
        .collect();
    assert_eq!(
        report,
        "outboundbot: API change report: 2 breaking, 3 compatible change(s) → breaking: 0.1.0 → 0.2.0\n\
         \n\
         breaking:\n\
         \x20 ModifyJobGroup: parameter `RingingDuration` type changed: Long → Integer\n\
         \x20 ModifyJobGroup: error code `InternalError` removed (its variant `InternalError` goes)\n\
         \n\
         compatible:\n\
         \x20 ModifyJobGroup: new enum value `Idle` in response field `JobGroup.Priority`\n\
         \x20 ModifyJobGroup: new optional parameter `CallerTag` (String)\n\
         \x20 ModifyJobGroup: new response field `JobGroup.Strategy.RetryLimit` (Integer)\n"
    );

    let plan = sync::plan(&out, &new_files, &sync::Ownership::GENERATED_CRATES).unwrap();
    // The generated code change: exactly these files ...
    assert_eq!(
        plan.summary(),
        "updated outboundbot-tests/tests/every_operation.rs\n\
         updated outboundbot/src/modify_job_group.rs\n\
         updated outboundbot/api-surface.lock\n"
    );
    let code_diff = plan.diff();
    let changed = changed_lines(&code_diff);
    // ... the recorded surface changes by exactly the five edits ...
    let lock: Vec<&str> = changed
        .iter()
        .map(String::as_str)
        .filter(|l| l.contains("\tModifyJobGroup\t"))
        .collect();
    assert_eq!(
        lock,
        [
            "-param\tModifyJobGroup\tRingingDuration\tringing_duration\toptional\tLong\t",
            "+param\tModifyJobGroup\tRingingDuration\tringing_duration\toptional\tInteger\t",
            "+param\tModifyJobGroup\tCallerTag\tcaller_tag\toptional\tString\t",
            "+field\tModifyJobGroup\tJobGroup.Strategy.RetryLimit\tInteger\t",
            "-field\tModifyJobGroup\tJobGroup.Priority\tenum Priority\tUrgent,Daily",
            "+field\tModifyJobGroup\tJobGroup.Priority\tenum Priority\tUrgent,Daily,Idle",
            "-error\tModifyJobGroup\tInternalError\t500\tInternalError",
        ],
        "\n{code_diff}"
    );
    // ... and the Rust API changes the report describes (the emitters' exact text is theirs to change).
    let has = |sign: char, text: &str| {
        changed
            .iter()
            .any(|l| l.starts_with(sign) && l.contains(text))
    };
    for (sign, text) in [
        (
            '-',
            "pub fn ringing_duration(mut self, value: i64) -> Self {",
        ),
        (
            '+',
            "pub fn ringing_duration(mut self, value: i32) -> Self {",
        ),
        ('+', "pub fn caller_tag("),
        ('+', "pub retry_limit: ::std::option::Option<i32>,"),
        ('+', "Idle,"),
        (
            '-',
            "InternalError(::aliyun_rpc_runtime::response::ServiceError),",
        ),
        ('+', ".caller_tag(\"vip\")"),
    ] {
        assert!(
            has(sign, text),
            "no `{sign}{text}` in the generated code change:\n{code_diff}"
        );
    }
    let _ = fs::remove_dir_all(&base);
}
