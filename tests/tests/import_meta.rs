//! `cargo xtask import-meta` against the repository: the imported ModifyJobGroup (metadata plus
//! `api-spec/overlays/ModifyJobGroup.yaml`) against the hand-written spec it replaced
//! (`tests/fixtures/hand-written/ModifyJobGroup.yaml`), compared through the generator's IR; and the
//! checked-in `api-spec/` against a fresh import (the drift check, through the command's own write path).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::import::{self, Options};
use codegen::ir;

const META: &str = "api-meta/outboundbot-2019-12-26.api-docs.json";
const NEWER: &str = "api-meta/outboundbot-2019-12-26.api-docs.head-php.json";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The import options the documented command uses, limited to `only`.
fn options(with_newer: bool, only: &[&str]) -> Options {
    let root = workspace();
    let source = |label: &str| {
        import::read_source(&root.join(label), label.to_string()).unwrap_or_else(|e| panic!("{e}"))
    };
    Options {
        meta: source(META),
        params: with_newer.then(|| source(NEWER)),
        only: only.iter().map(|s| s.to_string()).collect(),
        spec_label: "api-spec".to_string(),
        overlays: import::read_overlays(&root.join("api-spec"), "api-spec")
            .unwrap_or_else(|e| panic!("{e}")),
    }
}

/// Imports ModifyJobGroup and loads it with the imported service.yaml.
fn imported_modify_job_group(with_newer: bool) -> ir::Operation {
    let imported =
        import::import(&options(with_newer, &["ModifyJobGroup"])).unwrap_or_else(|e| panic!("{e}"));
    let text = |path: &str| {
        imported
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("the import has no {path}"))
            .contents
            .clone()
    };
    load(
        "api-spec",
        &text("service.yaml"),
        &text("ModifyJobGroup.yaml"),
    )
}

/// The hand-written spec, loaded with the imported service.yaml.
fn hand_written() -> ir::Operation {
    let imported =
        import::import(&options(false, &["ModifyJobGroup"])).unwrap_or_else(|e| panic!("{e}"));
    let service = &imported
        .files
        .iter()
        .find(|f| f.path == "service.yaml")
        .expect("service.yaml")
        .contents;
    let fixture =
        fs::read_to_string(workspace().join("tests/fixtures/hand-written/ModifyJobGroup.yaml"))
            .expect("the hand-written fixture");
    load("tests/fixtures/hand-written", service, &fixture)
}

fn load(dir: &str, service: &str, op: &str) -> ir::Operation {
    let mut service = codegen::load::load_sources(
        Path::new(dir),
        &[("service.yaml", service), ("ModifyJobGroup.yaml", op)],
    )
    .unwrap_or_else(|d| panic!("the generator rejects {dir}/ModifyJobGroup.yaml:\n{d}"));
    service.operations.remove(0)
}

/// Everything the generator knows about an operation, as `key → value` facts (enum, struct and
/// param-struct references are indices, so their tables are facts too, in order).
fn facts(op: &ir::Operation) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut put = |key: String, value: String| {
        out.insert(key, value);
    };
    put("summary".into(), op.summary.clone());
    put("method".into(), op.method.clone());
    put("deprecated".into(), format!("{:?}", op.deprecated));
    let names: Vec<&str> = op
        .request
        .params
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    put("request (names in order)".into(), names.join(", "));
    for p in &op.request.params {
        let key = format!("request.{}", p.wire_name);
        put(format!("{key}.shape"), format!("{:?}", p.shape));
        put(format!("{key}.required"), p.required.to_string());
        put(format!("{key}.doc_required"), p.doc_required.to_string());
        put(format!("{key}.location"), format!("{:?}", p.location));
        put(format!("{key}.rust_name"), p.rust_name.clone());
        put(format!("{key}.notes"), format!("{:?}", p.docs.notes));
        let mut docs = p.docs.clone();
        docs.notes.clear();
        put(format!("{key}.docs"), format!("{docs:?}"));
    }
    for (i, s) in op.param_structs.iter().enumerate() {
        put(format!("param_structs[{i}]"), format!("{s:?}"));
    }
    for (i, s) in op.structs.iter().enumerate() {
        let key = format!("structs[{i}]");
        put(format!("{key}.rust_name"), s.rust_name.clone());
        put(format!("{key}.wire_path"), s.wire_path.clone());
        put(format!("{key}.docs"), format!("{:?}", s.docs));
        let names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
        put(format!("{key} (names in order)"), names.join(", "));
        for f in &s.fields {
            let key = format!("{key}.{}", f.wire_name);
            put(format!("{key}.type"), format!("{:?}", f.ty));
            put(format!("{key}.rust_name"), f.rust_name.clone());
            put(format!("{key}.docs"), format!("{:?}", f.docs));
        }
    }
    for (i, e) in op.enums.iter().enumerate() {
        put(format!("enums[{i}]"), format!("{e:?}"));
    }
    put("errors".into(), format!("{:?}", op.errors));
    put("examples".into(), format!("{:?}", op.examples));
    out
}

/// Every fact that differs: `key → (hand-written, imported)`.
fn differences(
    hand: &ir::Operation,
    imported: &ir::Operation,
) -> BTreeMap<String, (String, String)> {
    let (hand, imported) = (facts(hand), facts(imported));
    let missing = "(absent)".to_string();
    let mut keys: Vec<&String> = hand.keys().chain(imported.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| hand.get(*k) != imported.get(*k))
        .map(|k| {
            let pair = (
                hand.get(k).unwrap_or(&missing).clone(),
                imported.get(k).unwrap_or(&missing).clone(),
            );
            (k.clone(), pair)
        })
        .collect()
}

fn report(diffs: &BTreeMap<String, (String, String)>) -> String {
    diffs
        .iter()
        .map(|(k, (hand, imported))| {
            format!("{k}:\n  hand-written: {hand}\n  imported:     {imported}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The overlay rewords the hand-written note about the 2025 metadata (the checked-in spec follows it).
fn reworded_notes(diffs: &mut BTreeMap<String, (String, String)>) {
    let old = "The 2025 revision of Alibaba's metadata makes this parameter required.";
    let new = "Required since the 2025 revision of Alibaba's metadata; the 2024 doc page lists it as optional.";
    for param in ["JobGroupStatus", "MinConcurrency"] {
        let key = format!("request.{param}.notes");
        let (hand, imported) = diffs
            .remove(&key)
            .unwrap_or_else(|| panic!("expected the reworded note on {param}"));
        assert_eq!(hand.replace(old, new), imported, "{key}");
    }
}

#[test]
fn the_2024_metadata_plus_the_overlay_is_the_hand_written_spec() {
    let hand = hand_written();
    let imported = imported_modify_job_group(false);
    let mut diffs = differences(&hand, &imported);
    reworded_notes(&mut diffs);
    assert!(
        diffs.is_empty(),
        "the imported ModifyJobGroup differs from tests/fixtures/hand-written/ModifyJobGroup.yaml:\n{}",
        report(&diffs)
    );
    // The comparison covers what the generator sees, in full.
    assert_eq!(imported.request.params.len(), 15);
    let response_fields: usize = imported.structs.iter().map(|s| s.fields.len()).sum();
    assert_eq!(response_fields, 48, "the response tree");
    assert_eq!(imported.enums.len(), 5);
    assert_eq!(imported.errors.len(), 2);
}

#[test]
fn the_2025_parameters_make_exactly_two_parameters_required() {
    let hand = hand_written();
    let imported = imported_modify_job_group(true);
    let mut diffs = differences(&hand, &imported);
    reworded_notes(&mut diffs);
    let required: Vec<(&str, &str, &str)> = diffs
        .iter()
        .filter(|(k, _)| k.ends_with(".required"))
        .map(|(k, (h, i))| (k.as_str(), h.as_str(), i.as_str()))
        .collect();
    assert_eq!(
        required,
        [
            ("request.JobGroupStatus.required", "false", "true"),
            ("request.MinConcurrency.required", "false", "true"),
        ]
    );
    diffs.retain(|k, _| !k.ends_with(".required"));
    assert!(
        diffs.is_empty(),
        "besides the required flags, the 2025 import differs from the hand-written spec:\n{}",
        report(&diffs)
    );
}

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("import-meta-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The files directly in `dir` that carry the import marker, with their bytes.
fn imported_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if !path.is_file() {
            continue;
        }
        let bytes = fs::read(&path).expect("read");
        let marked = String::from_utf8_lossy(&bytes)
            .lines()
            .take(2)
            .any(|l| l.contains(import::MARKER));
        if marked {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            out.insert(name, bytes);
        }
    }
    out
}

fn command_args(spec_dir: &Path, check: bool) -> xtask::import_meta::Args {
    let root = workspace();
    xtask::import_meta::Args {
        meta: root.join(META),
        params: Some(root.join(NEWER)),
        only: Vec::new(),
        spec_dir: spec_dir.to_path_buf(),
        spec_label: "api-spec".to_string(),
        check,
        root,
    }
}

#[test]
fn checked_in_api_spec_is_a_fresh_import() {
    let api_spec = workspace().join("api-spec");
    // The command's own check (what CI runs).
    if let Err(diff) = xtask::import_meta::run(&command_args(&api_spec, true)) {
        panic!("api-spec/ differs from a fresh import:\n{diff}");
    }

    // A fresh import into an empty folder (with the same overlays), byte for byte.
    let fresh = TempDir::new("fresh");
    let overlays = fresh.0.join("overlays");
    fs::create_dir_all(&overlays).expect("overlays");
    for entry in fs::read_dir(api_spec.join("overlays")).expect("api-spec/overlays") {
        let path = entry.expect("entry").path();
        fs::copy(&path, overlays.join(path.file_name().expect("name"))).expect("copy overlay");
    }
    let report =
        xtask::import_meta::run(&command_args(&fresh.0, false)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.summary.contains("created ModifyJobGroup.yaml\n"),
        "{}",
        report.summary
    );
    let expected = imported_files(&fresh.0);
    let actual = imported_files(&api_spec);
    assert_eq!(
        expected.len(),
        162 + 2,
        "162 operations, service.yaml, SOURCES.md"
    );
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let changed: Vec<&String> = expected
        .iter()
        .filter(|(k, v)| actual.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && changed.is_empty(),
        "api-spec/ differs from a fresh import: missing {missing:?}, stale {extra:?}, changed {changed:?}; run: \
         cargo xtask import-meta {META} --params {NEWER}"
    );

    // Importing again changes nothing.
    let again =
        xtask::import_meta::run(&command_args(&fresh.0, false)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        again
            .summary
            .starts_with("generated files are up to date\n"),
        "{}",
        again.summary
    );
    assert_eq!(imported_files(&fresh.0), expected);
}

#[test]
fn every_imported_file_names_its_sources_and_the_command() {
    let api_spec = workspace().join("api-spec");
    let command = format!("#   cargo xtask import-meta {META} --params {NEWER}\n");
    for (name, bytes) in imported_files(&api_spec) {
        let text = String::from_utf8(bytes).expect("UTF-8");
        if name.ends_with(".md") {
            assert!(
                text.contains(&format!(
                    "Rerun: cargo xtask import-meta {META} --params {NEWER}"
                )),
                "{name}"
            );
            continue;
        }
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            header.starts_with("# @generated by `cargo xtask import-meta`"),
            "{name}: {header}"
        );
        assert!(header.contains(&command), "{name}: {header}");
        assert!(header.contains(NEWER), "{name}: {header}");
        let overlay = format!("api-spec/overlays/{name}");
        assert!(
            header.contains(&format!("# Do not edit; change {overlay} and rerun:\n")),
            "{name}: {header}"
        );
        let has_overlay = api_spec.join("overlays").join(&name).exists();
        assert_eq!(
            header.contains(&format!("# Overlay: {overlay}\n")),
            has_overlay,
            "{name}: {header}"
        );
    }
}
