//! `cargo xtask diff OLD_SPEC_DIR NEW_SPEC_DIR`: the change report between two spec trees (both loaded and
//! validated by the generator, compared at the IR level by [`codegen::diff`]).

use std::path::Path;

use codegen::diff;

/// The command line.
pub const USAGE: &str = "usage: cargo xtask diff OLD_SPEC_DIR NEW_SPEC_DIR [--changelog]";

/// The version of the generated crate in `generated/<crate>/Cargo.toml` (`0.1.0` when there is none).
pub fn crate_version(generated: &Path, crate_name: &str) -> String {
    std::fs::read_to_string(generated.join(crate_name).join("Cargo.toml"))
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("version = ")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_else(|| "0.1.0".to_string())
}

/// Loads both trees and compares them. The error is what to print.
pub fn compare_dirs(
    old: &Path,
    new: &Path,
) -> Result<(diff::Report, codegen::ir::Service), String> {
    let load = |dir: &Path| {
        codegen::load::load_dir(dir)
            .map_err(|d| format!("{d}\n{}: not a valid spec tree\n", dir.display()))
    };
    let (o, n) = (load(old)?, load(new)?);
    Ok((diff::compare(&o, &n), n))
}

/// `cargo xtask diff`: the report (and with `--changelog` the changelog entry) for two trees.
pub fn run(args: &[String], generated: &Path) -> Result<String, String> {
    let changelog = args.iter().any(|a| a == "--changelog");
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if dirs.len() != 2
        || args
            .iter()
            .any(|a| a.starts_with("--") && a != "--changelog")
    {
        return Err(format!("{USAGE}\n"));
    }
    let (report, new) = compare_dirs(Path::new(dirs[0]), Path::new(dirs[1]))?;
    let version = crate_version(generated, &new.crate_name);
    let mut out = report.render(&version);
    if changelog && !report.is_empty() {
        out.push('\n');
        out.push_str(&report.changelog_entry(&report.next_version(&version)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
