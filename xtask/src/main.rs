//! `cargo xtask gen [--check] [--spec-dir DIR] [--out-dir DIR]`: the only writer of `generated/`.
//!
//! Write mode loads and validates the whole spec first and writes nothing unless all of it is valid; then it
//! writes only files whose content changed and deletes generated files the spec no longer produces. Check mode
//! writes nothing and fails with a unified diff and the command to run.

mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask gen [--check] [--spec-dir DIR] [--out-dir DIR]";

struct Args {
    check: bool,
    spec_dir: PathBuf,
    out_dir: PathBuf,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let root = workspace_root();
    if args.next().as_deref() != Some("gen") {
        return Err(USAGE.to_string());
    }
    let mut parsed = Args {
        check: false,
        spec_dir: root.join("api-spec"),
        out_dir: root.join("generated"),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec-dir" => {
                parsed.spec_dir = args.next().ok_or("--spec-dir needs a folder")?.into()
            }
            "--out-dir" => parsed.out_dir = args.next().ok_or("--out-dir needs a folder")?.into(),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// The workspace root: xtask lives one folder below it.
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let files = match codegen::generate_files(&args.spec_dir) {
        Ok(files) => files,
        Err(diags) => {
            eprintln!("{diags}");
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    let plan = match sync::plan(&args.out_dir, &files) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("cannot read {}: {e}", args.out_dir.display());
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        if plan.is_empty() {
            println!("generated files are up to date ({} files)", files.len());
            return ExitCode::SUCCESS;
        }
        eprint!("{}", plan.diff());
        eprintln!(
            "generated files differ from what {} produces; run: cargo xtask gen",
            args.spec_dir.display()
        );
        return ExitCode::FAILURE;
    }
    match plan.apply(&args.out_dir) {
        Ok(()) => {
            print!("{}", plan.summary());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("writing {} failed: {e}", args.out_dir.display());
            ExitCode::FAILURE
        }
    }
}
