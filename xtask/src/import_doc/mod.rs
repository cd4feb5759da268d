//! `cargo xtask import-doc PAGE [--out FILE] [--overlay FILE | --no-overlay] [--check]`: an API reference page
//! saved as text → one operation spec file, refined by the operation's overlay (by default
//! `api-spec/overlays/<Operation>.yaml`, the same overlays `import-meta` applies).
//!
//! Without `--out` the file is printed on stdout. With `--out` it is written through [`crate::sync`] (only when
//! it changed; a hand-written file of that name, without the `@generated` header, is never overwritten);
//! `--check` writes nothing and fails with a diff when the file would change. Findings go to stderr as
//! `PAGE:LINE: warning|error: …`; any error writes nothing and exits 1.

use std::path::{Path, PathBuf};

use codegen::GeneratedFile;
use codegen::import::{self, doc};

use crate::sync::{self, Ownership, Stale};

/// The command line.
pub const USAGE: &str =
    "usage: cargo xtask import-doc PAGE [--out FILE] [--overlay FILE | --no-overlay] [--check]";

/// Which overlay to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverlayChoice {
    /// `api-spec/overlays/<Operation>.yaml` when it exists.
    Default,
    /// This file.
    File(PathBuf),
    /// None.
    None,
}

/// Parsed arguments.
#[derive(Debug, Clone)]
pub struct Args {
    /// The page.
    pub page: PathBuf,
    /// Where to write; stdout when `None`.
    pub out: Option<PathBuf>,
    /// The overlay.
    pub overlay: OverlayChoice,
    /// Compare only.
    pub check: bool,
    /// The workspace root (labels are relative to it).
    pub root: PathBuf,
}

/// Parses the arguments after `import-doc`.
pub fn parse_args(mut args: impl Iterator<Item = String>, root: &Path) -> Result<Args, String> {
    let mut page = None;
    let mut out = None;
    let mut overlay = OverlayChoice::Default;
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a file")?)),
            "--overlay" => {
                overlay =
                    OverlayChoice::File(PathBuf::from(args.next().ok_or("--overlay needs a file")?))
            }
            "--no-overlay" => overlay = OverlayChoice::None,
            "--check" => check = true,
            other if other.starts_with('-') => {
                return Err(format!("unknown argument `{other}`\n{USAGE}"));
            }
            file if page.is_none() => page = Some(PathBuf::from(file)),
            extra => {
                return Err(format!(
                    "unexpected argument `{extra}`: one PAGE only\n{USAGE}"
                ));
            }
        }
    }
    let page = page.ok_or_else(|| format!("missing the PAGE\n{USAGE}"))?;
    if check && out.is_none() {
        return Err(format!("--check needs --out FILE\n{USAGE}"));
    }
    Ok(Args {
        page,
        out,
        overlay,
        check,
        root: root.to_path_buf(),
    })
}

/// What a successful run prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// For stdout: the spec (without `--out`) or what was written.
    pub stdout: String,
    /// For stderr: the page's warnings.
    pub stderr: String,
}

/// The command as written in the file's header.
fn command(args: &Args, page_label: &str) -> String {
    let mut c = format!("cargo xtask import-doc {page_label}");
    match &args.overlay {
        OverlayChoice::Default => {}
        OverlayChoice::File(f) => {
            c.push_str(&format!(" --overlay {}", import::label(f, &args.root)))
        }
        OverlayChoice::None => c.push_str(" --no-overlay"),
    }
    if let Some(out) = &args.out {
        c.push_str(&format!(" --out {}", import::label(out, &args.root)));
    }
    c
}

/// Imports the page; the error is everything to print on stderr.
pub fn run(args: &Args) -> Result<Report, String> {
    let page_label = import::label(&args.page, &args.root);
    let text = std::fs::read_to_string(&args.page)
        .map_err(|e| format!("error: cannot read {}: {e}\n", args.page.display()))?;
    let imported =
        doc::import_page(&page_label, &text).map_err(|e| format!("{e}\nnothing was written\n"))?;
    let stderr = imported.report.render(&page_label);
    let overlay_path = match &args.overlay {
        OverlayChoice::Default => {
            let p = args
                .root
                .join("api-spec")
                .join(import::OVERLAY_DIR)
                .join(format!("{}.yaml", imported.operation.name));
            p.exists().then_some(p)
        }
        OverlayChoice::File(p) => Some(p.clone()),
        OverlayChoice::None => None,
    };
    let overlay = match &overlay_path {
        Some(p) => Some((
            import::label(p, &args.root),
            std::fs::read_to_string(p)
                .map_err(|e| format!("{stderr}error: cannot read {}: {e}\n", p.display()))?,
        )),
        None => None,
    };
    let contents = doc::spec_file(
        &page_label,
        &imported,
        overlay.as_ref().map(|(l, t)| (l.as_str(), t.as_str())),
        &command(args, &page_label),
    )
    .map_err(|e| format!("{stderr}{e}\nnothing was written\n"))?;
    let Some(out) = &args.out else {
        return Ok(Report {
            stdout: contents,
            stderr,
        });
    };
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("--out {}: not a file name\n", out.display()))?;
    let never = |_: &str| false;
    let ownership = Ownership {
        marker: import::MARKER,
        stale: Stale::TopLevel(&never),
        keep_unmarked: true,
    };
    let files = [GeneratedFile {
        path: name,
        contents,
    }];
    let plan = sync::plan(dir, &files, &ownership)
        .map_err(|e| format!("{stderr}cannot read {}: {e}\n", dir.display()))?;
    let mut stdout = String::new();
    for kept in plan.kept() {
        stdout.push_str(&format!(
            "kept {kept} (hand-written: no @generated header)\n"
        ));
    }
    if args.check {
        if !plan.is_empty() {
            return Err(format!(
                "{stderr}{}{} differs from what the page and overlay produce; run: {}\n",
                plan.diff(),
                out.display(),
                command(args, &page_label)
            ));
        }
        stdout.push_str(&format!("{} is up to date\n", out.display()));
    } else {
        plan.apply(dir)
            .map_err(|e| format!("{stderr}writing {} failed: {e}\n", out.display()))?;
        stdout.push_str(&plan.summary());
    }
    Ok(Report { stdout, stderr })
}

#[cfg(test)]
mod tests;
