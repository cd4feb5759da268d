//! `cargo xtask import-meta FILE [--params NEWER] [--only OP ...] [--spec-dir DIR] [--check]`: Alibaba's API
//! metadata → `api-spec/`.
//!
//! The library (`codegen::import`) produces every file in memory, all or nothing; this module reads the inputs,
//! then writes through the shared [`sync`] planner: only files whose content changed, stale imported
//! `*.yaml` files deleted, files without the `@generated` header and `overlays/` never touched. `--check`
//! writes nothing and fails with a unified diff when anything would change.

use std::path::{Path, PathBuf};

use codegen::import::{self, Options};

use crate::sync::{self, Ownership, Stale};

/// The command line.
pub const USAGE: &str = "usage: cargo xtask import-meta FILE [--params NEWER] [--only OP ...] [--spec-dir DIR] [--check]";

/// Parsed arguments.
#[derive(Debug, Clone)]
pub struct Args {
    /// The full metadata (descriptions, responses, errors; and parameters without `--params`).
    pub meta: PathBuf,
    /// Newer metadata whose operations and parameters are used.
    pub params: Option<PathBuf>,
    /// Only these operations.
    pub only: Vec<String>,
    /// Where the spec files go (and `overlays/` is read from).
    pub spec_dir: PathBuf,
    /// How the spec folder is named in headers (`api-spec` for the default folder).
    pub spec_label: String,
    /// Compare only.
    pub check: bool,
    /// The workspace root: file names in headers are relative to it.
    pub root: PathBuf,
}

/// Parses the arguments after `import-meta`; `root` is the workspace root.
pub fn parse_args(mut args: impl Iterator<Item = String>, root: &Path) -> Result<Args, String> {
    let mut meta = None;
    let mut params = None;
    let mut only = Vec::new();
    let mut spec_dir = None;
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--params" => params = Some(PathBuf::from(args.next().ok_or("--params needs a file")?)),
            "--only" => only.push(args.next().ok_or("--only needs an operation name")?),
            "--spec-dir" => {
                spec_dir = Some(PathBuf::from(
                    args.next().ok_or("--spec-dir needs a folder")?,
                ))
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown argument `{other}`\n{USAGE}"));
            }
            file if meta.is_none() => meta = Some(PathBuf::from(file)),
            extra => {
                return Err(format!(
                    "unexpected argument `{extra}`: one metadata FILE only\n{USAGE}"
                ));
            }
        }
    }
    let meta = meta.ok_or_else(|| format!("missing the metadata FILE\n{USAGE}"))?;
    let spec_dir = spec_dir.unwrap_or_else(|| root.join(import::DEFAULT_SPEC_LABEL));
    Ok(Args {
        meta,
        params,
        only,
        spec_label: import::label(&spec_dir, root),
        spec_dir,
        check,
        root: root.to_path_buf(),
    })
}

/// What a successful run prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// For stdout: the files written, or that all is up to date.
    pub summary: String,
    /// For stderr: metadata quirks that were worked around.
    pub warnings: Vec<String>,
}

/// Imports, then checks or writes. The error is the text to print (diagnostics or the diff).
pub fn run(args: &Args) -> Result<Report, String> {
    let options = options(args).map_err(|e| format!("{e}\nnothing was written\n"))?;
    let command = import::command(&options);
    let imported = import::import(&options).map_err(|e| format!("{e}\nnothing was written\n"))?;
    let stale = |name: &str| {
        name.ends_with(".yaml")
            && (args.only.is_empty() || args.only.iter().any(|op| name == format!("{op}.yaml")))
    };
    let ownership = Ownership {
        marker: import::MARKER,
        stale: Stale::TopLevel(&stale),
        keep_unmarked: true,
    };
    let plan = sync::plan(&args.spec_dir, &imported.files, &ownership)
        .map_err(|e| format!("cannot read {}: {e}\n", args.spec_dir.display()))?;
    let mut summary = String::new();
    for kept in plan.kept() {
        summary.push_str(&format!(
            "kept {kept} (hand-written: no @generated header)\n"
        ));
    }
    if args.check {
        if !plan.is_empty() {
            return Err(format!(
                "{}spec files differ from what the metadata and overlays produce; run: {command}\n",
                plan.diff()
            ));
        }
        summary.push_str(&format!(
            "spec files are up to date ({} files)\n",
            imported.files.len()
        ));
    } else {
        plan.apply(&args.spec_dir)
            .map_err(|e| format!("writing {} failed: {e}\n", args.spec_dir.display()))?;
        summary = plan.summary();
        let typed = imported.operations.iter().filter(|o| !o.untyped).count();
        summary.push_str(&format!(
            "{} operations ({typed} with a typed response){}\n",
            imported.operations.len(),
            if imported.dropped.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} only in the older metadata, not written",
                    imported.dropped.len()
                )
            }
        ));
    }
    Ok(Report {
        summary,
        warnings: imported.warnings,
    })
}

/// Reads the metadata and overlays named by `args`.
fn options(args: &Args) -> Result<Options, import::ImportError> {
    let meta = import::read_source(&args.meta, import::label(&args.meta, &args.root))?;
    let params = match &args.params {
        Some(path) => Some(import::read_source(path, import::label(path, &args.root))?),
        None => None,
    };
    Ok(Options {
        meta,
        params,
        only: args.only.clone(),
        spec_label: args.spec_label.clone(),
        overlays: import::read_overlays(&args.spec_dir, &args.spec_label)?,
    })
}

#[cfg(test)]
mod tests;
