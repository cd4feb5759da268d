//! Alibaba's own change: the 2024 metadata alone against the 2024 docs + 2025 parameters, both imported with
//! the importer's library into temporary spec trees.

use std::path::{Path, PathBuf};

use codegen::diff::{Class, Report};
use codegen::import::{self, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn import_into(dir: &Path, with_2025: bool) {
    let root = root();
    let source = |label: &str| import::read_source(&root.join(label), label.to_string()).unwrap();
    let options = Options {
        meta: source("api-meta/outboundbot-2019-12-26.api-docs.json"),
        params: with_2025.then(|| source("api-meta/outboundbot-2019-12-26.api-docs.head-php.json")),
        only: Vec::new(),
        spec_label: "api-spec".to_string(),
        overlays: import::read_overlays(&root.join("api-spec"), "api-spec").unwrap(),
    };
    let imported = import::import(&options).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir).unwrap();
    for f in imported.files {
        std::fs::write(dir.join(&f.path), f.contents).unwrap();
    }
}

fn report() -> Report {
    let base = std::env::temp_dir().join(format!("xtask-diff-{}", std::process::id()));
    let (old, new) = (base.join("2024"), base.join("2025"));
    import_into(&old, false);
    import_into(&new, true);
    let (report, _) = super::compare_dirs(&old, &new).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&base);
    report
}

#[test]
fn alibaba_2024_to_2025() {
    let report = report();
    let has = |op: &str, class: Class, what: &str| {
        report
            .changes
            .iter()
            .any(|c| c.operation == op && c.class == class && c.what == what)
    };
    let text = report.render("0.1.0");
    std::fs::write(
        std::env::temp_dir().join("alibaba-2024-2025-report.txt"),
        &text,
    )
    .unwrap();
    assert!(
        has(
            "ModifyJobGroup",
            Class::Breaking,
            "parameter `JobGroupStatus` is now required: an argument of `new()` instead of a setter"
        ),
        "{text}"
    );
    assert!(
        has(
            "ModifyJobGroup",
            Class::Breaking,
            "parameter `MinConcurrency` is now required: an argument of `new()` instead of a setter"
        ),
        "{text}"
    );
    let added = report
        .changes
        .iter()
        .filter(|c| c.what.starts_with("new operation"))
        .count();
    let removed = report
        .changes
        .iter()
        .filter(|c| c.what == "operation removed")
        .count();
    assert_eq!((added, removed), (34, 8), "{text}");
    assert!(
        report
            .changes
            .iter()
            .filter(|c| c.what == "operation removed")
            .all(|c| c.class == Class::Breaking)
    );
    assert!(text.starts_with("API change report: "), "{text}");
    assert!(text.contains("→ breaking: 0.1.0 → 0.2.0"), "{text}");
    let entry = report.changelog_entry("0.2.0");
    assert!(entry.starts_with("## [0.2.0]\n\n### Added\n"), "{entry}");
    assert!(
        entry.contains(
            "- **Breaking:** `ModifyJobGroup`: parameter `JobGroupStatus` is now required"
        ),
        "{entry}"
    );
}
