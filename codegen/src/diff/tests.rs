//! One small spec per kind of change.

use super::*;

const SERVICE: &str = "product: w\ntitle: W\nversion: \"2024-01-01\"\nstyle: rpc\ncrate: w\nendpoint: \"w.{region}.aliyuncs.com\"\ndefault_region: cn-hangzhou\n";

const OLD: &str = r#"name: Op
summary: s
request:
  - {name: Id, type: String, required: true}
  - {name: Size, type: Integer}
  - {name: Mode, type: String, enum: Mode}
  - {name: jobId, type: String}
  - {name: Gone, type: String}
response:
  - name: Data
    type: Object
    fields:
      - {name: A, type: String}
      - {name: B, type: Integer}
      - {name: Kind, type: String, enum: Mode}
enums:
  - name: Mode
    values: [{value: Fast}, {value: Slow}]
errors:
  - {http_status: 404, code: NotExist.Thing, message: m}
"#;

const NEW: &str = r#"name: Op
summary: s
request:
  - {name: Id, type: String, required: true}
  - {name: Size, type: Long, required: true}
  - {name: Mode, type: String, enum: Mode}
  - {name: JobId, type: String}
  - {name: Extra, type: String}
  - {name: Must, type: String, required: true}
response:
  - name: Data
    type: Object
    fields:
      - {name: A, type: Integer}
      - {name: Kind, type: String, enum: Mode}
      - {name: C, type: Boolean}
enums:
  - name: Mode
    values: [{value: Fast}, {value: Auto}]
errors:
  - {http_status: 500, code: Internal, message: m}
"#;

fn load(ops: &[(&str, &str)]) -> ir::Service {
    let mut sources = vec![("service.yaml", SERVICE)];
    sources.extend_from_slice(ops);
    crate::load::load_sources(std::path::Path::new("t"), &sources).unwrap_or_else(|d| panic!("{d}"))
}

fn lines(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .map(|c| format!("{:?} {:?} {}: {}", c.class, c.section, c.operation, c.what))
        .collect()
}

#[test]
fn every_kind_of_change_is_classified() {
    let old = load(&[("Op.yaml", OLD), ("Old.yaml", "name: Old\nsummary: s\n")]);
    let new = load(&[
        ("Op.yaml", NEW),
        ("Fresh.yaml", "name: Fresh\nsummary: s\n"),
    ]);
    let report = compare(&old, &new);
    assert_eq!(
        lines(&report),
        [
            "Compatible Added Fresh: new operation (`fresh`)",
            "Breaking Removed Old: operation removed",
            "Compatible Added Op: new enum value `Auto` in parameter `Mode`",
            "Compatible Added Op: new enum value `Auto` in response field `Data.Kind`",
            "Compatible Added Op: new error code `Internal` (HTTP 500)",
            "Compatible Added Op: new optional parameter `Extra` (String)",
            "Compatible Added Op: new response field `Data.C` (Boolean)",
            "Breaking Added Op: new required parameter `Must` (String): an argument of `new()`",
            "Compatible Changed Op: parameter `jobId` renamed to `JobId` (the Rust name stays)",
            "Breaking Changed Op: parameter `Size` is now required: an argument of `new()` instead of a setter",
            "Breaking Changed Op: parameter `Size` type changed: Integer → Long",
            "Breaking Changed Op: response field `Data.A` type changed: String → Integer",
            "Breaking Removed Op: enum value `Slow` removed from parameter `Mode`",
            "Breaking Removed Op: enum value `Slow` removed from response field `Data.Kind`",
            "Breaking Removed Op: error code `NotExist.Thing` removed (its variant `NotExistThing` goes)",
            "Breaking Removed Op: parameter `Gone` removed",
            "Breaking Removed Op: response field `Data.B` removed",
        ],
        "\n{}",
        lines(&report).join("\n")
    );
    assert_eq!(report.bump(), Bump::Major);
    assert_eq!(report.next_version("0.1.0"), "0.2.0");
    assert_eq!(report.next_version("1.4.2"), "2.0.0");
}

#[test]
fn compatible_only_and_nothing() {
    let old = load(&[("Op.yaml", "name: Op\nsummary: s\n")]);
    let new = load(&[(
        "Op.yaml",
        "name: Op\nsummary: s\nrequest:\n  - {name: X, type: String}\n",
    )]);
    let report = compare(&old, &new);
    assert_eq!(report.bump(), Bump::Minor);
    assert_eq!(report.next_version("0.1.0"), "0.1.1");
    assert_eq!(report.next_version("1.4.2"), "1.5.0");
    let same = compare(&old, &old);
    assert!(same.is_empty());
    assert_eq!(same.bump(), Bump::None);
    assert_eq!(
        same.render("0.1.0"),
        "API change report: no change to the generated API\n"
    );
}

#[test]
fn report_and_changelog_text() {
    let old = load(&[(
        "Op.yaml",
        "name: Op\nsummary: s\nrequest:\n  - {name: X, type: String}\n",
    )]);
    let new = load(&[(
        "Op.yaml",
        "name: Op\nsummary: s\nrequest:\n  - {name: X, type: String, required: true}\n  - {name: Y, type: Long}\n",
    )]);
    let report = compare(&old, &new);
    assert_eq!(
        report.render("0.1.0"),
        "API change report: 1 breaking, 1 compatible change(s) → breaking: 0.1.0 → 0.2.0\n\
         \nbreaking:\n  Op: parameter `X` is now required: an argument of `new()` instead of a setter\n\
         \ncompatible:\n  Op: new optional parameter `Y` (Long)\n"
    );
    let entry = report.changelog_entry("0.2.0");
    assert_eq!(
        entry,
        "## [0.2.0]\n\n### Added\n\n- `Op`: new optional parameter `Y` (Long)\n\n### Changed\n\n\
         - **Breaking:** `Op`: parameter `X` is now required: an argument of `new()` instead of a setter\n"
    );
    let first = changelog(None, &entry);
    assert!(first.starts_with("# Changelog\n") && first.ends_with(&entry));
    let second = changelog(Some(&first), "## [0.3.0]\n\n### Added\n\n- x\n");
    assert!(
        second.find("## [0.3.0]").unwrap() < second.find("## [0.2.0]").unwrap(),
        "{second}"
    );
}

#[test]
fn the_surface_lock_round_trips() {
    let old = load(&[("Op.yaml", OLD), ("Old.yaml", "name: Old\nsummary: s\n")]);
    let surface = Surface::of(&old);
    let text = surface.to_text();
    assert!(text.lines().next().unwrap().contains("@generated"));
    assert!(
        text.contains("param\tOp\tMode\tmode\toptional\tenum Mode\tFast,Slow\n"),
        "{text}"
    );
    assert_eq!(Surface::parse(&text).unwrap(), surface);
    assert!(
        Surface::parse("op\tA\ta\nparam\tB\tX\tx\toptional\tString\t\n")
            .unwrap_err()
            .starts_with("line 2:")
    );
    assert!(Surface::parse("bogus\n").is_err());
}

#[test]
fn a_renamed_generated_type_is_breaking() {
    let op = |name: &str| {
        format!(
            "name: Op\nsummary: s\nresponse:\n  - name: Data\n    type: Object\n    struct: {name}\n    fields:\n      - {{name: A, type: String}}\n"
        )
    };
    let report = compare(
        &load(&[("Op.yaml", &op("Data"))]),
        &load(&[("Op.yaml", &op("Payload"))]),
    );
    assert_eq!(
        lines(&report),
        [
            "Breaking Changed Op: response field `Data`: its generated type is renamed: object Data → object Payload"
        ]
    );
}
