//! The proc-macro seen from a caller: programs in `tests/ui/pass/` compile (and run) against the bindings it
//! expands, and each program in `tests/ui/fail/` fails to compile with the reviewed message in the `.stderr`
//! beside it. `TRYBUILD=overwrite cargo test -p codegen-macro --test ui` rewrites the `.stderr` files; read
//! the diff before committing it.

#[test]
fn ui() {
    // trybuild compiles the programs in a project of its own under `target/`; the macro resolves spec folders
    // against this override instead (see the crate docs), so `tests/ui/specs/...` means this crate's folder.
    // SAFETY: this is the only test in this binary, and nothing else reads the environment concurrently.
    unsafe {
        std::env::set_var("CARGO_MANIFEST_DIR_OVERRIDE", env!("CARGO_MANIFEST_DIR"));
    }
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
