//! The change report of `cargo xtask gen`: the spec's API surface against the one recorded in the checked-in
//! crate (`generated/<crate>/api-surface.lock`, written by the generator through the same sync path as every
//! generated file), and `--changelog`, which puts the report's Keep a Changelog entry on top of
//! `generated/<crate>/CHANGELOG.md` (a file without the `@generated` header: history, kept and editable).

use std::path::Path;

use codegen::GeneratedFile;
use codegen::diff::{self, Surface, surface::LOCK_FILE};

/// The report for one generated crate.
#[derive(Debug, Clone)]
pub struct CrateReport {
    /// The crate folder's name.
    pub crate_name: String,
    /// The changes; `None` when the crate has no recorded surface yet.
    pub report: Option<diff::Report>,
    /// The crate's current version (its `Cargo.toml` on disk).
    pub version: String,
}

impl CrateReport {
    /// The text printed by `gen` and `gen --check`.
    pub fn render(&self) -> String {
        match &self.report {
            Some(report) => format!("{}: {}", self.crate_name, report.render(&self.version)),
            None => format!(
                "{}: API change report: no {LOCK_FILE} recorded yet; this generation records it\n",
                self.crate_name
            ),
        }
    }
}

/// Compares each crate's lock in `files` (what the spec produces) with the one in `out_dir`.
pub fn reports(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<CrateReport>, String> {
    let mut out = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.path.ends_with(&format!("/{LOCK_FILE}")))
    {
        let crate_name = file
            .path
            .trim_end_matches(&format!("/{LOCK_FILE}"))
            .to_string();
        let new = Surface::parse(&file.contents).map_err(|e| format!("{}: {e}\n", file.path))?;
        let on_disk = out_dir.join(&file.path);
        let report = match std::fs::read_to_string(&on_disk) {
            Ok(text) => {
                let old =
                    Surface::parse(&text).map_err(|e| format!("{}: {e}\n", on_disk.display()))?;
                Some(diff::compare_surfaces(&old, &new))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read {}: {e}\n", on_disk.display())),
        };
        let version = crate::diff::crate_version(out_dir, &crate_name);
        out.push(CrateReport {
            crate_name,
            report,
            version,
        });
    }
    Ok(out)
}

/// `--changelog`: writes the entry of each crate with changes on top of its `CHANGELOG.md`. Returns what was
/// written, for stdout.
pub fn write_changelogs(out_dir: &Path, reports: &[CrateReport]) -> Result<String, String> {
    let mut written = String::new();
    for r in reports {
        let Some(report) = r.report.as_ref().filter(|r| !r.is_empty()) else {
            continue;
        };
        let path = out_dir.join(&r.crate_name).join("CHANGELOG.md");
        let existing = std::fs::read_to_string(&path).ok();
        let entry = report.changelog_entry(&report.next_version(&r.version));
        std::fs::write(&path, diff::changelog(existing.as_deref(), &entry))
            .map_err(|e| format!("writing {} failed: {e}\n", path.display()))?;
        written.push_str(&format!("wrote {}/CHANGELOG.md\n", r.crate_name));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "product: w\ntitle: W\nversion: \"2024-01-01\"\nstyle: rpc\ncrate: w\nendpoint: \"w.{region}.aliyuncs.com\"\ndefault_region: cn-hangzhou\n";

    fn lock(op: &str) -> GeneratedFile {
        let service = codegen::load::load_sources(
            Path::new("t"),
            &[("service.yaml", SERVICE), ("Op.yaml", op)],
        )
        .unwrap_or_else(|d| panic!("{d}"));
        codegen::emit::crate_files(&service)
            .into_iter()
            .find(|f| f.path == format!("w/{LOCK_FILE}"))
            .expect("the generator writes the lock")
    }

    #[test]
    fn report_against_the_recorded_surface_and_changelog() {
        let dir = std::env::temp_dir().join(format!("xtask-gen-report-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("w")).unwrap();
        let old = lock("name: Op\nsummary: s\nrequest:\n  - {name: X, type: String}\n");
        let new =
            lock("name: Op\nsummary: s\nrequest:\n  - {name: X, type: String, required: true}\n");
        // No lock on disk yet.
        let r = reports(&dir, std::slice::from_ref(&new)).unwrap();
        assert!(r[0].render().contains("no api-surface.lock recorded yet"));
        std::fs::write(dir.join(&old.path), &old.contents).unwrap();
        std::fs::write(
            dir.join("w/Cargo.toml"),
            "[package]\nname = \"w\"\nversion = \"0.3.1\"\n",
        )
        .unwrap();
        let r = reports(&dir, std::slice::from_ref(&new)).unwrap();
        assert_eq!(
            r[0].render(),
            "w: API change report: 1 breaking, 0 compatible change(s) → breaking: 0.3.1 → 0.4.0\n\nbreaking:\n  Op: parameter `X` is now required: an argument of `new()` instead of a setter\n"
        );
        assert_eq!(
            write_changelogs(&dir, &r).unwrap(),
            "wrote w/CHANGELOG.md\n"
        );
        let changelog = std::fs::read_to_string(dir.join("w/CHANGELOG.md")).unwrap();
        assert!(changelog.starts_with("# Changelog\n"));
        assert!(changelog.ends_with("## [0.4.0]\n\n### Changed\n\n- **Breaking:** `Op`: parameter `X` is now required: an argument of `new()` instead of a setter\n"), "{changelog}");
        // Same surface: nothing to write.
        std::fs::write(dir.join(&new.path), &new.contents).unwrap();
        let r = reports(&dir, std::slice::from_ref(&new)).unwrap();
        assert_eq!(
            r[0].render(),
            "w: API change report: no change to the generated API\n"
        );
        assert_eq!(write_changelogs(&dir, &r).unwrap(), "");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
