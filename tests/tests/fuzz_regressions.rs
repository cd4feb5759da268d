//! Replays the fuzzers' saved inputs on stable Rust, so CI needs neither nightly nor `cargo fuzz`.
//!
//! For each target of `fuzz/` (same function bodies: `fuzz/src/harness.rs` is compiled into this test):
//! - `fuzz/regressions/<target>/`: every input that once crashed, hung or blew up a target, kept after the fix;
//! - `fuzz/corpus/<target>/`: the minimised corpus a fuzzing run ended with (the smoke pass over the coverage
//!   the fuzzer reached).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "../../fuzz/src/harness.rs"]
mod harness;

type Target = (&'static str, fn(&[u8]));

const TARGETS: &[Target] = &[
    ("spec_bytes", harness::spec_bytes),
    ("import_meta", harness::import_meta),
    ("import_doc", harness::import_doc),
    ("decode_json", harness::decode_json),
    ("decode_xml", harness::decode_xml),
    ("error_envelope", harness::error_envelope),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `dir`, sorted; none when it does not exist.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs every input of `kind` through its target; returns how many ran. A panic fails the test with the
/// input's path; so does an input that takes more than a generous, size-scaled time (a debug build).
fn replay(kind: &str) -> usize {
    let mut count = 0;
    for (target, run) in TARGETS {
        for path in inputs(&fuzz_dir().join(kind).join(target)) {
            let data = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let budget = Duration::from_secs(5) + Duration::from_millis(data.len() as u64);
            let start = Instant::now();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target} panicked on {}", path.display());
            let took = start.elapsed();
            assert!(
                took < budget,
                "{target} took {took:?} on {} ({} bytes)",
                path.display(),
                data.len()
            );
            count += 1;
        }
    }
    count
}

#[test]
fn saved_crashes_and_slow_inputs_stay_fixed() {
    replay("regressions");
}

#[test]
fn the_minimised_corpora_replay_cleanly() {
    let ran = replay("corpus");
    assert!(
        ran > 0,
        "no corpus under {}",
        fuzz_dir().join("corpus").display()
    );
}
