//! Small pages, one per layout variety.

use super::*;

fn import(label: &str, text: &str) -> DocImport {
    import_page(label, text).unwrap_or_else(|e| panic!("{e}"))
}

fn warnings(d: &DocImport) -> String {
    d.report.render("tests/fixtures/pages/ModifyJobGroup.txt")
}

fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(workspace().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The spec body (header comments dropped) with the `enums:` entries sorted by name: the page lists enums in
/// the order it finds values, the metadata import in the overlay's order; the generator does not care.
fn normalise(yaml: &str) -> Vec<String> {
    let body: Vec<&str> = yaml.lines().skip_while(|l| l.starts_with('#')).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        out.push(body[i].to_string());
        if body[i] == "enums:" {
            let mut blocks: Vec<Vec<String>> = Vec::new();
            i += 1;
            while i < body.len()
                && (body[i].starts_with("  ") || body[i].is_empty())
                && !(body[i].is_empty() && body.get(i + 1).is_some_and(|n| !n.starts_with(' ')))
            {
                if body[i].starts_with("  - name:") {
                    blocks.push(Vec::new());
                }
                if let Some(b) = blocks.last_mut() {
                    b.push(body[i].to_string());
                }
                i += 1;
            }
            blocks.sort();
            out.extend(blocks.into_iter().flatten());
            continue;
        }
        i += 1;
    }
    out
}

/// Lines only in `a` (`-`) or only in `b` (`+`), by longest common subsequence, with the line before each
/// change for context (`@ …`).
fn line_diff(a: &[String], b: &[String]) -> Vec<String> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    let mut context = String::new();
    let mut shown = String::new();
    let mark = |out: &mut Vec<String>, context: &String, shown: &mut String| {
        if shown != context {
            out.push(format!("@ {}", context.trim()));
            shown.clone_from(context);
        }
    };
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            context.clone_from(&a[i]);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            mark(&mut out, &context, &mut shown);
            out.push(format!("+ {}", b[j]));
            j += 1;
        } else {
            mark(&mut out, &context, &mut shown);
            out.push(format!("- {}", a[i]));
            i += 1;
        }
    }
    out
}

/// "import-doc on the seed page equals the checked-in spec", precisely: the page imported with
/// `api-spec/overlays/ModifyJobGroup.yaml` (the overlay `import-meta` applies) and printed by the same writer is
/// `api-spec/ModifyJobGroup.yaml` line for line (headers dropped, enums in name order), except exactly these
/// lines, which only the metadata has:
/// - `required: true` of `JobGroupStatus` and `MinConcurrency` (the 2025 metadata; the page says 否);
/// - `max_items: 99` of the two repeat lists (the page gives no limit);
/// - descriptions and examples of array elements (the page has no element rows; it gives the element example
///   only through a one-element list example, `["4008013260"]` → `4008013260`).
#[test]
fn the_seed_page_with_the_overlay_is_the_checked_in_spec() {
    let page = read("tests/fixtures/pages/ModifyJobGroup.txt");
    let imported = import("tests/fixtures/pages/ModifyJobGroup.txt", &page);
    let overlay = read("api-spec/overlays/ModifyJobGroup.yaml");
    let spec = spec_file(
        "tests/fixtures/pages/ModifyJobGroup.txt",
        &imported,
        Some(("api-spec/overlays/ModifyJobGroup.yaml", &overlay)),
        "cargo xtask import-doc tests/fixtures/pages/ModifyJobGroup.txt",
    )
    .unwrap();
    let checked_in = read("api-spec/ModifyJobGroup.yaml");
    let diff = line_diff(&normalise(&checked_in), &normalise(&spec));
    let expected = [
        "@ type: String",
        "-       description: 主叫号码。",
        "@ style: repeat_list",
        "-     max_items: 99",
        "@ enum: JobGroupStatus",
        "-     required: true",
        "@ - Required since the 2025 revision of Alibaba's metadata; the 2024 doc page lists it as optional.",
        "-     required: true",
        "@ style: repeat_list",
        "-     max_items: 99",
        "@ type: String",
        "+           example: \"4008013260\"",
        "-           description: 主叫号码列表",
        "-           example: \"[\\\"95187\\\"]\"",
        "@ type: Object",
        "-               description: 工作时间段。",
        "@ type: String",
        "-               description: 重复执行的天。",
        "-               example: \"[1,2,3,4,5]\"",
    ];
    assert_eq!(diff, expected, "\n{}", diff.join("\n"));
    // The page's two truncated value lists are reported with their lines, nothing else.
    assert_eq!(
        warnings(&imported),
        "tests/fixtures/pages/ModifyJobGroup.txt:20: warning: `JobGroupStatus`: the description announces a list of values but the page lost it; kept as a plain String\n\
         tests/fixtures/pages/ModifyJobGroup.txt:24: warning: `Priority`: the description announces a list of values but the page lost it; kept as a plain String\n"
    );
    // And the generator accepts it.
    let service = read("api-spec/service.yaml");
    crate::load::load_sources(
        std::path::Path::new("doc"),
        &[("service.yaml", &service), ("ModifyJobGroup.yaml", &spec)],
    )
    .unwrap_or_else(|d| panic!("{d}"));
}

fn names(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| f.name.clone().unwrap_or_default())
        .collect()
}

fn find<'a>(fields: &'a [Field], name: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no {name}"))
}

fn rendered(d: &DocImport) -> String {
    d.report.render("p")
}

#[test]
fn sample_page_markdown_tables_float_and_rootless_xml() {
    let d = import(
        "p",
        &read("tests/fixtures/pages/OutboundBot_DescribeJobGroupExportTaskProgress.txt"),
    );
    let op = &d.operation;
    assert_eq!(op.name, "DescribeJobGroupExportTaskProgress");
    assert_eq!(names(&op.request), ["InstanceId", "TaskId"]);
    assert!(op.request.iter().all(|f| !f.required));
    assert_eq!(find(&op.response, "Progress").ty, Type::Float);
    assert_eq!(op.response.len(), 7);
    assert_eq!(op.errors.len(), 1);
    assert!(
        op.examples
            .response_xml
            .as_deref()
            .unwrap()
            .starts_with("<Progress>45.0</Progress>")
    );
    assert_eq!(rendered(&d), "");
}

#[test]
fn sample_page_without_pipes() {
    let d = import(
        "p",
        &read("tests/fixtures/pages/OutboundBot_ModifyScript.txt"),
    );
    let op = &d.operation;
    assert_eq!(op.name, "ModifyScript");
    assert_eq!(op.request.len(), 17);
    let content = find(&op.request, "ScriptContent");
    assert_eq!(
        (content.ty, content.style),
        (Type::Array, Some(Style::RepeatList))
    );
    assert_eq!(content.historic.as_deref(), Some("已废弃"));
    assert_eq!(
        content.description.as_deref(),
        Some("通知类实例使用的话术文本列表。 已废弃。")
    );
    assert_eq!(find(&op.request, "NewBargeInEnable").ty, Type::Boolean);
    assert_eq!(find(&op.request, "ScriptWaveform").example, None);
    // `{\"AppKey\":…}`: a JSON text shown with display escaping.
    let asr = find(&op.request, "AsrConfig");
    assert_eq!(
        (asr.style, asr.example.as_deref()),
        (Some(Style::Json), Some(r#"{"AppKey":"kknxKIhTTUcpCzYX"}"#))
    );
    assert_eq!(
        find(&op.request, "MiniPlaybackConfigListJsonString")
            .historic
            .as_deref(),
        Some("已废弃")
    );
    let script = find(&op.response, "Script");
    assert_eq!(names(&script.fields), ["Status", "UpdateTime", "Industry"]);
    let w = rendered(&d);
    assert!(
        w.contains(
            "p:10: warning: request parameters: the table has a required column but no values"
        ),
        "{w}"
    );
    assert!(w.contains("p:114: warning: response: the page does not settle whether `Status` belongs to `Script`"), "{w}");
}

#[test]
fn sample_page_english_wrapped_descriptions() {
    let d = import("p", &read("tests/fixtures/pages/HBR_DescribeTask.txt"));
    let op = &d.operation;
    assert_eq!(op.name, "DescribeTask");
    assert_eq!(names(&op.request), ["Token", "TaskId", "ResourceGroupId"]);
    assert_eq!(
        names(&op.response),
        [
            "Progress",
            "RequestId",
            "CompletedTime",
            "Result",
            "Description",
            "UpdatedTime",
            "Success",
            "Code",
            "Message",
            "Name",
            "CreatedTime"
        ]
    );
    assert_eq!(
        find(&op.response, "Success").description.as_deref(),
        Some("Whether the call succeeded.")
    );
    assert_eq!(
        find(&op.response, "Code").description.as_deref(),
        Some("HttpCode")
    );
    assert_eq!(
        rendered(&d),
        "p:25: warning: `Description`: the description announces a list of values but the page lost it; kept as a plain String\n"
    );
}

#[test]
fn traditional_chinese_no_example_column_columns_reordered() {
    let page = "查詢任務。\n請求參數\n類型|名稱|描述|是否必需|\n---|---|---|---|\nString|Action|取值:DescribeThing|是|\nLong|JobId|任務ID|是|\nint64|Size|大小|否|\n返回資料\n名稱|類型|描述|\n---|---|---|\nRequestId|string|請求ID|\nOk|boolean|成功|\n錯誤碼\nHttpCode|錯誤碼|錯誤信息|描述|\n---|---|---|---|\n404|NotFound|Not found.|不存在|\n";
    let d = import("p", page);
    let op = &d.operation;
    assert_eq!(op.name, "DescribeThing");
    assert_eq!(op.summary, "查詢任務。");
    assert_eq!(names(&op.request), ["JobId", "Size"]);
    assert!(find(&op.request, "JobId").required);
    assert!(!find(&op.request, "Size").required);
    assert_eq!(find(&op.request, "Size").ty, Type::Long);
    assert_eq!(find(&op.response, "Ok").ty, Type::Boolean);
    assert_eq!(op.errors[0].code, "NotFound");
    assert_eq!(op.errors[0].description.as_deref(), Some("不存在"));
}

#[test]
fn one_cell_per_line_leading_pipes_lowercase_types_item_rows_and_chrome() {
    let page = "列出任务\n更新时间：2024-01-01\n复制为 MD 格式\n授权信息\n操作 | 访问级别 | 资源类型 |\nlist | 读取 | * |\n请求参数\n| 名称\n| 类型\n| 必填\n| 描述\n| 示例值\n| Action\n| string\n| 是\n| 取值:ListThings\n| ListThings\n| Ids\n| array\n| 否\n| ID列表\n| [\"a\"]\n| \n| string\n| 否\n| 一个ID\n| a\n| Page\n| integer\n| 否\n| 页码\n| 1\n";
    let d = import("p", page);
    let op = &d.operation;
    assert_eq!(op.name, "ListThings");
    assert_eq!(names(&op.request), ["Ids", "Page"]);
    let ids = find(&op.request, "Ids");
    assert_eq!((ids.ty, ids.style), (Type::Array, Some(Style::RepeatList)));
    let item = ids.items.as_ref().unwrap();
    assert_eq!(
        (
            item.ty,
            item.description.as_deref(),
            item.example.as_deref()
        ),
        (Type::String, Some("一个ID"), Some("a"))
    );
    assert_eq!(find(&op.request, "Page").ty, Type::Integer);
}

#[test]
fn type_spellings() {
    let page = "T\n请求参数\n名称 | 类型 | 是否必选 | 示例值 | 描述 |\nAction | String | 是 | Op | x |\nA | Long | 否 | 1 | a |\nB | integer | 否 | 1 | b |\nC | int64 | 否 | 1 | c |\nD | Float | 否 | 1 | d |\nE | number | 否 | 1 | e |\nF | Boolean | 否 | true | f |\nG | RepeatList | 否 | x | g |\nH | Array of Long | 否 | [1] | h |\nI.N | string | 否 | x | i |\nJ | Struct | 否 |  | j |\n";
    let op = import("p", page).operation;
    let ty = |n: &str| find(&op.request, n).ty;
    assert_eq!(
        [
            ty("A"),
            ty("B"),
            ty("C"),
            ty("D"),
            ty("E"),
            ty("F"),
            ty("G"),
            ty("H"),
            ty("I"),
            ty("J")
        ],
        [
            Type::Long,
            Type::Integer,
            Type::Long,
            Type::Float,
            Type::Double,
            Type::Boolean,
            Type::Array,
            Type::Array,
            Type::Array,
            Type::Object
        ]
    );
    assert_eq!(
        find(&op.request, "H").items.as_ref().unwrap().ty,
        Type::Long
    );
    assert_eq!(find(&op.request, "J").style, Some(Style::Flat));
}

#[test]
fn nesting_settled_by_the_json_example_and_reported_where_it_is_not() {
    let table = "T\n请求参数\n名称 | 类型 | 是否必选 | 示例值 | 描述 |\nAction | String | 是 | Op | x |\n返回数据\n名称 | 类型 | 示例值 | 描述 |\nA | Object | a |\n|\nX | String | 1 | x |\nB | Object | b |\n|\nY | String | 2 | y |\nZ | String | 3 | z |\n";
    let example =
        "示例\n正常返回示例\nJSON\n格式\n{\"A\":{\"X\":\"1\",\"B\":{\"Y\":\"2\"}},\"Z\":\"3\"}\n";
    let d = import("p", &format!("{table}{example}"));
    let a = find(&d.operation.response, "A");
    assert_eq!(names(&d.operation.response), ["A", "Z"]);
    assert_eq!(names(&a.fields), ["X", "B"]);
    assert_eq!(names(&find(&a.fields, "B").fields), ["Y"]);
    assert_eq!(rendered(&d), "");
    // Without the example: Z stays in B, and the page line says it was not settled.
    let d = import("p", table);
    assert_eq!(names(&d.operation.response), ["A"]);
    let w = rendered(&d);
    assert!(
        w.contains("p:13: warning: response: the page does not settle whether `Z` belongs to `B`"),
        "{w}"
    );
    assert!(
        w.contains("p:10: warning: response: the page does not settle whether `B` belongs to `A`"),
        "{w}"
    );
}

#[test]
fn a_page_cut_inside_a_row() {
    let page = "T\n请求参数\n名称 | 类型 | 是否必选 | 示例值 | 描述 |\nAction | String | 是 | Op | x |\nA | String | 否 |";
    let d = import("p", page);
    assert!(d.operation.request.is_empty());
    assert!(
        rendered(&d).contains(
            "p:5: warning: request parameters: the page ends inside a row (3 of 5 cells)"
        )
    );
}

#[test]
fn errors_name_the_page_line() {
    let err = import_page("p", "T\n请求参数\n名称 | 类型 | 是否必选 | 示例值 | 描述 |\nAction | String | 是 | Op | x |\n名字 | String | 否 | 1 | d |\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("p:5: error: `名字` is not a parameter name"),
        "{err}"
    );
    let err = import_page("p", "").unwrap_err();
    assert!(
        err.to_string()
            .contains("error: the page has no title line"),
        "{err}"
    );
    let err = import_page("p", "T\n请求参数\n名称 | 类型 |\nA | String |\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("p:0: error: the page names no operation"),
        "{err}"
    );
}

/// Never a panic: every prefix of every page (cut at each line and inside lines), and some noise.
#[test]
fn never_panics() {
    for path in [
        "tests/fixtures/pages/ModifyJobGroup.txt",
        "tests/fixtures/pages/HBR_DescribeTask.txt",
        "tests/fixtures/pages/OutboundBot_ModifyScript.txt",
        "tests/fixtures/pages/OutboundBot_DescribeJobGroupExportTaskProgress.txt",
    ] {
        let text = read(path);
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
        for cut in cuts {
            let _ = import_page("p", &text[..cut]);
            let _ = import_page("p", &text[cut..]);
        }
        let _ = import_page("p", &text.replace('|', ""));
        let _ = import_page("p", &text.replace('\n', " "));
    }
    for noise in [
        "|",
        "||||\n|",
        "请求参数\n|\n|\n",
        "返回数据\n名称 |\n|\n|\nA | Object |\n|\n",
        "<a><b></a>",
    ] {
        let _ = import_page("p", noise);
    }
}

#[test]
fn glued_name_and_type_cells_and_chrome_between_sections() {
    let page = "修改任务(已废弃)\n请求参数\n| 名称\n| 类型\n| 描述\n| 示例值\n| Action\n| string\n| 取值:ModifyThing\n| ModifyThing\n| InstanceIdstring\n| 实例ID。\n| inst-1\n| CallingNumberarray\n| 主叫号码。\n| [\"1\"]\n更新时间：2025-01-01\n复制为 MD 格式\n返回数据\n| 名称\n| 类型\n| 描述\n| 示例值\n| RequestIdstring\n| 请求ID。\n| abc\n";
    let d = import("p", page);
    let op = &d.operation;
    assert_eq!(op.name, "ModifyThing");
    assert_eq!(op.summary, "修改任务");
    assert!(op.deprecated.is_some());
    assert_eq!(names(&op.request), ["InstanceId", "CallingNumber"]);
    assert_eq!(find(&op.request, "CallingNumber").ty, Type::Array);
    assert_eq!(
        find(&op.request, "InstanceId").example.as_deref(),
        Some("inst-1")
    );
    assert_eq!(names(&op.response), ["RequestId"]);
    assert_eq!(
        rendered(&d),
        "p:3: warning: request parameters: the table has no required column; every parameter is taken as optional\n"
    );
    assert_eq!(
        table::split_glued("InstanceIdstring"),
        Some(("InstanceId", "string"))
    );
    assert_eq!(
        table::split_glued("ConfigStringstring"),
        Some(("ConfigString", "string"))
    );
    assert_eq!(table::split_glued("string"), None);
    assert_eq!(table::split_glued("Name"), None);
}

#[test]
fn one_cell_per_line_without_pipes_and_shifted_cells() {
    let page = "查询\n\n请求参数\n\n名称\n\n类型\n\n必填\n\n描述\n\n示例值\n\nAction\n\nString\n\n是\n\n取值:QueryThing\n\nQueryThing\n\nJobId\n\nString\n\n是\n\n任务ID。\n\njob-1\n\nPage\n\nInteger\n\n页码\n\n1\n\n错误码\n\nHttpCode\n\n错误码\n\n错误信息\n\n描述\n\n400 InvalidParam The parameter %s is invalid.\n\n404\n\nNotFound\n\nNot found.\n\n不存在。\n";
    let d = import("p", page);
    let op = &d.operation;
    assert_eq!(op.name, "QueryThing");
    assert_eq!(names(&op.request), ["JobId", "Page"]);
    assert!(find(&op.request, "JobId").required);
    let page_param = find(&op.request, "Page");
    assert_eq!((page_param.ty, page_param.required), (Type::Integer, false));
    assert_eq!(page_param.description.as_deref(), Some("页码"));
    assert_eq!(page_param.example.as_deref(), Some("1"));
    assert_eq!(
        rendered(&d),
        "p:35: warning: request parameters: `Page` has 4 of 5 cells; they were placed by what they look like (check its example and description)\n\
         p:0: warning: the page has no response section (返回数据 / Response parameters)\n"
    );
    let codes: Vec<(&str, &str)> = op
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("InvalidParam", "The parameter %s is invalid."),
            ("NotFound", "Not found.")
        ]
    );
    assert_eq!(op.errors[1].description.as_deref(), Some("不存在。"));
}
