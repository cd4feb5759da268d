//! Comparing generated files with what is on disk, and bringing the disk in line: the one write path for
//! generated files, shared by `cargo xtask gen` (the crates in `generated/`), `cargo xtask import-meta` (the
//! spec files in `api-spec/`) and the tests that check the checked-in trees for drift.
//!
//! A file on disk counts as generated when it carries the marker (`@generated`) in its first two lines and
//! sits where the writer keeps its files ([`Ownership`]), so hand-written files beside them are never deleted;
//! the importer also never overwrites a hand-written file that has the name of one it produces.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::GeneratedFile;

/// Which files on disk belong to a writer.
#[derive(Clone, Copy)]
pub struct Ownership<'a> {
    /// The text that marks a file as written by the tool, looked for in its first two lines.
    pub marker: &'a str,
    /// Where marked files that are no longer produced are looked for (and deleted).
    pub stale: Stale<'a>,
    /// Leave an existing file without the marker alone even when the tool produces a file of that name: it is
    /// hand-written. It is reported as kept and does not count as drift.
    pub keep_unmarked: bool,
}

/// Where stale generated files are looked for.
#[derive(Clone, Copy)]
pub enum Stale<'a> {
    /// Recursively below the top-level folders of the produced files (`gen`: the crate folders).
    OutputFolders,
    /// The files directly in the output folder whose names pass the filter (`import-meta`: `*.yaml`, never
    /// below, so `overlays/` is not touched).
    TopLevel(&'a dyn Fn(&str) -> bool),
}

impl Ownership<'static> {
    /// `cargo xtask gen`: every file of a generated crate folder is the generator's.
    pub const GENERATED_CRATES: Ownership<'static> = Ownership {
        marker: "@generated",
        stale: Stale::OutputFolders,
        keep_unmarked: false,
    };
}

impl Ownership<'_> {
    fn marks(&self, text: &str) -> bool {
        text.lines().take(2).any(|l| l.contains(self.marker))
    }
}

/// What differs between the disk and the generator's output.
#[derive(Debug, Default)]
pub struct Plan {
    /// `(relative path, old content or None when missing, new content)`.
    writes: Vec<(String, Option<String>, String)>,
    /// Generated files the spec no longer produces: `(relative path, content)`.
    deletes: Vec<(String, String)>,
    /// Hand-written files (no marker) left alone although a file of that name is produced.
    kept: Vec<String>,
}

/// Builds the plan for `out_dir`.
pub fn plan(
    out_dir: &Path,
    files: &[GeneratedFile],
    ownership: &Ownership<'_>,
) -> io::Result<Plan> {
    let mut plan = Plan::default();
    for file in files {
        let path = out_dir.join(&file.path);
        let old = match fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if ownership.keep_unmarked
            && let Some(text) = &old
            && !ownership.marks(text)
        {
            plan.kept.push(file.path.clone());
            continue;
        }
        // Line endings are normalised so a checkout with CRLF does not count as drift.
        if old.as_deref().map(|t| t.replace("\r\n", "\n")) != Some(file.contents.clone()) {
            plan.writes
                .push((file.path.clone(), old, file.contents.clone()));
        }
    }
    let candidates = match ownership.stale {
        Stale::OutputFolders => {
            let mut roots: Vec<&str> = files
                .iter()
                .filter_map(|f| f.path.split('/').next())
                .collect();
            roots.sort();
            roots.dedup();
            let mut paths = Vec::new();
            for root in roots {
                paths.extend(walk(&out_dir.join(root))?);
            }
            paths
        }
        Stale::TopLevel(filter) => top_level(out_dir)?
            .into_iter()
            .filter(|p| filter(&relative_path(out_dir, p)))
            .collect(),
    };
    for path in candidates {
        let relative = relative_path(out_dir, &path);
        if files.iter().any(|f| f.path == relative) {
            continue;
        }
        if let Ok(text) = fs::read_to_string(&path)
            && ownership.marks(&text)
        {
            plan.deletes.push((relative, text));
        }
    }
    plan.deletes.sort();
    Ok(plan)
}

/// The files (not folders) directly in `dir`.
fn top_level(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() {
            out.push(path);
        }
    }
    Ok(out)
}

fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn relative_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Plan {
    /// Hand-written files left alone although a file of that name is produced.
    pub fn kept(&self) -> &[String] {
        &self.kept
    }

    /// True when the disk matches (hand-written files that were kept do not count).
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.deletes.is_empty()
    }

    /// A unified diff of every difference.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (path, old, new) in &self.writes {
            let old_text = old.as_deref().unwrap_or("");
            let old_name = if old.is_some() {
                format!("a/{path}")
            } else {
                "/dev/null".to_string()
            };
            out.push_str(&unified(old_text, new, &old_name, &format!("b/{path}")));
        }
        for (path, old) in &self.deletes {
            out.push_str(&unified(old, "", &format!("a/{path}"), "/dev/null"));
        }
        out
    }

    /// One line per changed file.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (path, old, _) in &self.writes {
            out.push_str(if old.is_some() {
                "updated "
            } else {
                "created "
            });
            out.push_str(path);
            out.push('\n');
        }
        for (path, _) in &self.deletes {
            out.push_str("deleted ");
            out.push_str(path);
            out.push('\n');
        }
        for path in &self.kept {
            out.push_str("kept ");
            out.push_str(path);
            out.push_str(" (hand-written: no @generated header)\n");
        }
        if self.is_empty() {
            out.push_str("generated files are up to date\n");
        }
        out
    }

    /// Writes and deletes.
    pub fn apply(&self, out_dir: &Path) -> io::Result<()> {
        for (path, _, new) in &self.writes {
            let full = out_dir.join(path);
            if let Some(parent) = full.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&full, new)?;
        }
        for (path, _) in &self.deletes {
            fs::remove_file(out_dir.join(path))?;
        }
        Ok(())
    }
}

fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}
