//! Comparing generated files with what is on disk, and bringing the disk in line.
//!
//! A file counts as generated when it sits in a crate folder the generator produces and starts with the
//! `@generated` marker, so hand-written files beside them are never deleted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::GeneratedFile;

/// What differs between the disk and the generator's output.
#[derive(Debug, Default)]
pub struct Plan {
    /// `(relative path, old content or None when missing, new content)`.
    writes: Vec<(String, Option<String>, String)>,
    /// Generated files the spec no longer produces: `(relative path, content)`.
    deletes: Vec<(String, String)>,
}

/// Builds the plan for `out_dir`.
pub fn plan(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<Plan> {
    let mut plan = Plan::default();
    for file in files {
        let path = out_dir.join(&file.path);
        let old = match fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        // Line endings are normalised so a checkout with CRLF does not count as drift.
        if old.as_deref().map(|t| t.replace("\r\n", "\n")) != Some(file.contents.clone()) {
            plan.writes
                .push((file.path.clone(), old, file.contents.clone()));
        }
    }
    let mut roots: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.split('/').next())
        .collect();
    roots.sort();
    roots.dedup();
    for root in roots {
        for path in walk(&out_dir.join(root))? {
            let relative = relative_path(out_dir, &path);
            if files.iter().any(|f| f.path == relative) {
                continue;
            }
            if let Ok(text) = fs::read_to_string(&path)
                && text.lines().take(2).any(|l| l.contains("@generated"))
            {
                plan.deletes.push((relative, text));
            }
        }
    }
    plan.deletes.sort();
    Ok(plan)
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
    /// True when the disk matches.
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
