//! Replays the fuzzers' saved inputs on stable Rust, so CI needs neither nightly nor `cargo fuzz`.
//!
//! For each target of `fuzz/` (same function bodies: `fuzz/src/harness.rs` is compiled into this test):
//! - `fuzz/regressions/<target>/`: every input that once crashed, hung or blew up a target, kept after the fix;
//! - `fuzz/corpus/<target>/`: the minimised corpus a fuzzing run ended with (the smoke pass over the coverage
//!   the fuzzer reached);
//! - `fuzz/seeds/<target>/`: the starting inputs. Those of `mock_request` are generated
//!   (`harness::mock_request_seeds`); `cargo test -p pipeline-tests --test fuzz_regressions -- --ignored
//!   write_mock_request_seeds` rewrites them, and a test here checks that the committed ones are current and
//!   that the mock accepts each.

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
    ("mock_request", harness::mock_request),
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

#[test]
fn the_seeds_replay_cleanly() {
    let ran = replay("seeds");
    assert!(
        ran > 0,
        "no seeds under {}",
        fuzz_dir().join("seeds").display()
    );
}

fn mock_request_seed_dir() -> PathBuf {
    fuzz_dir().join("seeds").join("mock_request")
}

/// The committed `mock_request` seeds are what `harness::mock_request_seeds` makes now (signing or the
/// operations changed: run `write_mock_request_seeds`), and each is accepted by the mock (status 200).
#[test]
fn mock_request_seeds_are_current_and_accepted() {
    let seeds = harness::mock_request_seeds();
    for (name, data) in &seeds {
        assert_eq!(
            harness::mock_request_status(data),
            Some(200),
            "seed {name} is not accepted"
        );
        let path = mock_request_seed_dir().join(name);
        let committed = fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `cargo test -p pipeline-tests --test fuzz_regressions -- --ignored write_mock_request_seeds`",
                path.display()
            )
        });
        assert!(
            committed == *data,
            "{} is stale; run `cargo test -p pipeline-tests --test fuzz_regressions -- --ignored write_mock_request_seeds`",
            path.display()
        );
    }
    assert_eq!(
        inputs(&mock_request_seed_dir()).len(),
        seeds.len(),
        "files in {} that the generator does not make",
        mock_request_seed_dir().display()
    );
}

/// Writes `fuzz/seeds/mock_request/` from `harness::mock_request_seeds` (replacing what is there).
#[test]
#[ignore = "writes files: run on purpose after a change to the seeds, signing or the operations"]
fn write_mock_request_seeds() {
    let dir = mock_request_seed_dir();
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("old seeds removed");
    }
    fs::create_dir_all(&dir).expect("seed directory");
    for (name, data) in harness::mock_request_seeds() {
        fs::write(dir.join(&name), data).expect("seed written");
    }
}
