//! The checked-in `generated/` tree against the generator: drift fails plain `cargo test`, and generation is
//! deterministic. Also checks that the spec's verbatim examples are the doc page's (the repository's copy in
//! `tests/fixtures/pages/`).

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn generate() -> Vec<codegen::GeneratedFile> {
    codegen::generate_files(&workspace().join("api-spec"))
        .unwrap_or_else(|d| panic!("api-spec is invalid:\n{d}"))
}

#[test]
fn checked_in_files_match_the_spec() {
    let out = workspace().join("generated");
    let mut drift = Vec::new();
    for file in generate() {
        match std::fs::read_to_string(out.join(&file.path)) {
            Ok(text) if text.replace("\r\n", "\n") == file.contents => {}
            Ok(_) => drift.push(format!("changed: {}", file.path)),
            Err(_) => drift.push(format!("missing: {}", file.path)),
        }
    }
    assert!(
        drift.is_empty(),
        "generated/ differs from api-spec/ ({drift:?}); run: cargo xtask gen"
    );
}

#[test]
fn no_extra_generated_files() {
    let files = generate();
    let root = workspace().join("generated");
    let mut stack = vec![root.join("outboundbot/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("generated crate exists") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .expect("below generated/")
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                files.iter().any(|f| f.path == rel),
                "{rel} is not produced by the spec; run: cargo xtask gen"
            );
        }
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generate());
}

#[test]
fn every_file_has_the_generated_header_and_skips_rustfmt() {
    for file in generate() {
        assert!(
            file.contents
                .lines()
                .next()
                .is_some_and(|l| l.contains("@generated") && l.contains("DO NOT EDIT")),
            "{}",
            file.path
        );
        assert!(file.contents.contains("cargo xtask gen"), "{}", file.path);
        if file.path.ends_with(".rs") {
            assert!(
                file.contents
                    .contains("#![cfg_attr(rustfmt, rustfmt::skip)]"),
                "{}",
                file.path
            );
        }
    }
}

/// The repository's copy of the doc page.
fn seed_page() -> String {
    std::fs::read_to_string(workspace().join("tests/fixtures/pages/ModifyJobGroup.txt"))
        .expect("tests/fixtures/pages/ModifyJobGroup.txt")
}

#[test]
fn spec_examples_are_the_doc_pages_verbatim() {
    let page = seed_page();
    use outboundbot::modify_job_group::{
        EXAMPLE_REQUEST, EXAMPLE_RESPONSE_JSON, EXAMPLE_RESPONSE_XML,
    };
    for (what, example) in [
        ("request", EXAMPLE_REQUEST),
        ("XML", EXAMPLE_RESPONSE_XML),
        ("JSON", EXAMPLE_RESPONSE_JSON),
    ] {
        assert!(
            page.contains(example),
            "the {what} example in api-spec/ModifyJobGroup.yaml is not on the doc page verbatim"
        );
    }
}
