//! `cargo xtask gen [--check] [--spec-dir DIR] [--out-dir DIR]`: the only writer of `generated/`.
//!
//! Write mode loads and validates the whole spec first and writes nothing unless all of it is valid; then it
//! writes only files whose content changed and deletes generated files the spec no longer produces. Check mode
//! writes nothing and fails with a unified diff and the command to run.
//!
//! `cargo xtask import-meta FILE [--params NEWER] [--only OP ...] [--spec-dir DIR] [--check]`: the only writer
//! of the imported files in `api-spec/` (see [`xtask::import_meta`]); both commands write through
//! [`xtask::sync`].

use xtask::{diff, gen_report, import_doc, import_meta, sync};

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask gen [--check | --changelog] [--spec-dir DIR] [--out-dir DIR]
       cargo xtask import-meta FILE [--params NEWER] [--only OP ...] [--spec-dir DIR] [--check]
       cargo xtask import-doc PAGE [--out FILE] [--overlay FILE | --no-overlay] [--check]
       cargo xtask diff OLD_SPEC_DIR NEW_SPEC_DIR [--changelog]";

struct Args {
    check: bool,
    changelog: bool,
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
        changelog: false,
        spec_dir: root.join("api-spec"),
        out_dir: root.join("generated"),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--changelog" => parsed.changelog = true,
            "--spec-dir" => {
                parsed.spec_dir = args.next().ok_or("--spec-dir needs a folder")?.into()
            }
            "--out-dir" => parsed.out_dir = args.next().ok_or("--out-dir needs a folder")?.into(),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if parsed.check && parsed.changelog {
        return Err(format!(
            "--check writes nothing; --changelog writes CHANGELOG.md: pick one\n{USAGE}"
        ));
    }
    Ok(parsed)
}

/// The workspace root: xtask lives one folder below it.
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("import-meta") {
        return import_meta_main();
    }
    if std::env::args().nth(1).as_deref() == Some("diff") {
        let args: Vec<String> = std::env::args().skip(2).collect();
        return match diff::run(&args, &workspace_root().join("generated")) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprint!("{message}");
                ExitCode::FAILURE
            }
        };
    }
    if std::env::args().nth(1).as_deref() == Some("import-doc") {
        return import_doc_main();
    }
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask import-meta …`: usage errors exit with 2, import errors and drift with 1.
fn import_meta_main() -> ExitCode {
    let args = match import_meta::parse_args(std::env::args().skip(2), &workspace_root()) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match import_meta::run(&args) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            print!("{}", report.summary);
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask import-doc …`: usage errors exit with 2, page errors and drift with 1.
fn import_doc_main() -> ExitCode {
    let args = match import_doc::parse_args(std::env::args().skip(2), &workspace_root()) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match import_doc::run(&args) {
        Ok(report) => {
            eprint!("{}", report.stderr);
            print!("{}", report.stdout);
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
    }
}

/// Generates, then checks or writes. Returns what to print on success, or on failure.
fn run(args: &Args) -> Result<String, String> {
    // All of the spec is loaded and validated before anything is compared or written.
    let files = codegen::generate_files(&args.spec_dir).map_err(|diags| {
        format!(
            "{diags}
nothing was written\n"
        )
    })?;
    let plan = sync::plan(&args.out_dir, &files, &sync::Ownership::GENERATED_CRATES)
        .map_err(|e| format!("cannot read {}: {e}\n", args.out_dir.display()))?;
    // What changed for users, against the surface the checked-in crate was generated from.
    let reports = gen_report::reports(&args.out_dir, &files)?;
    let report: String = reports
        .iter()
        .map(gen_report::CrateReport::render)
        .collect();
    if args.check {
        if plan.is_empty() {
            return Ok(format!(
                "{report}generated files are up to date ({} files)\n",
                files.len()
            ));
        }
        return Err(format!(
            "{}{report}generated files differ from what {} produces; run: cargo xtask gen\n",
            plan.diff(),
            args.spec_dir.display()
        ));
    }
    let changelogs = if args.changelog {
        gen_report::write_changelogs(&args.out_dir, &reports)?
    } else {
        String::new()
    };
    plan.apply(&args.out_dir)
        .map_err(|e| format!("writing {} failed: {e}\n", args.out_dir.display()))?;
    Ok(format!("{report}{changelogs}{}", plan.summary()))
}

#[cfg(test)]
mod tests;
