//! The spec diagnostics corpus: every folder of `tests/fixtures/broken-specs/` is a broken spec, and its
//! `expected.txt` is the exact report a maintainer sees (`file:line:col: error: message` lines and the count),
//! reviewed by hand when the case was added.
//!
//! A case holds the operation files it needs and, when the case is about the service file, its own
//! `service.yaml`; otherwise the corpus's shared, valid `service.yaml` is used. Paths in the report are
//! `broken-specs/<case>/<file>`, so each line points at the fixture file it blames.
//!
//! `BLESS=1 cargo test -p pipeline-tests --test spec_diagnostics_corpus` rewrites the snapshots; review the
//! diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::load::{SERVICE_FILE, load_sources};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/broken-specs")
}

/// The case's `*.yaml` files as `(file name, text)`, plus the shared service file unless it has its own.
fn case_sources(case: &Path, shared_service: &str) -> Vec<(String, String)> {
    let mut sources: Vec<(String, String)> = fs::read_dir(case)
        .unwrap_or_else(|e| panic!("{}: {e}", case.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name, text)
        })
        .collect();
    if !sources.iter().any(|(name, _)| name == SERVICE_FILE) {
        sources.push((SERVICE_FILE.to_string(), shared_service.to_string()));
    }
    sources.sort();
    sources
}

/// What loading the case reports, as a maintainer sees it.
fn report(case_name: &str, sources: &[(String, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = Path::new("broken-specs").join(case_name);
    match load_sources(&dir, &borrowed) {
        Ok(_) => format!("no diagnostics: the spec of case `{case_name}` loaded\n"),
        Err(diagnostics) => format!("{diagnostics}\n"),
    }
}

#[test]
fn every_broken_spec_gives_its_reviewed_diagnostics() {
    let root = corpus_dir();
    let shared_service = fs::read_to_string(root.join(SERVICE_FILE)).expect("shared service.yaml");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .expect("corpus folder")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 30,
        "the corpus has only {} cases",
        cases.len()
    );

    let bless = std::env::var_os("BLESS").is_some();
    let mut mismatches = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .expect("case name")
            .to_string_lossy()
            .into_owned();
        let actual = report(&name, &case_sources(case, &shared_service));
        let snapshot = case.join("expected.txt");
        if bless {
            fs::write(&snapshot, &actual).expect("write snapshot");
            continue;
        }
        let expected = fs::read_to_string(&snapshot).unwrap_or_default();
        if actual != expected {
            mismatches.push(format!("--- {name}: expected\n{expected}--- got\n{actual}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from their snapshots:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}
