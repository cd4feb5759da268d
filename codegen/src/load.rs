//! Reading a spec folder: `service.yaml` plus one file per operation (every other `*.yaml`, in file-name
//! order). All files are parsed before anything is validated; nothing is written anywhere.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Position};
use crate::ir;
use crate::spec;
use crate::validate::{self, LoadedOperation};
use crate::yaml;

/// The service metadata file in a spec folder.
pub const SERVICE_FILE: &str = "service.yaml";

/// Loads and validates the spec folder `dir`.
pub fn load_dir(dir: &Path) -> Result<ir::Service, Diagnostics> {
    let mut diags = Diagnostics::default();
    let label = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());

    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") && n != SERVICE_FILE)
            .collect(),
        Err(e) => {
            diags.push(
                Position::unknown(dir),
                format!("cannot read the spec folder: {e}"),
            );
            return Err(diags);
        }
    };
    names.sort();

    let service_path = dir.join(SERVICE_FILE);
    let service: Option<spec::ServiceFile> = read(&service_path, &mut diags);
    let mut operations = Vec::new();
    for name in &names {
        let path = dir.join(name);
        if let Some(file) = read::<spec::OperationFile>(&path, &mut diags) {
            operations.push(LoadedOperation {
                relative: format!("{label}/{name}"),
                path,
                file,
            });
        }
    }
    if names.is_empty() {
        diags.push(
            Position::unknown(dir),
            "no operation files: expected `<Operation>.yaml` beside service.yaml",
        );
    }
    match service {
        Some(service) if diags.is_empty() => validate::validate(&service_path, service, operations),
        _ => Err(diags),
    }
}

/// Loads the spec from in-memory sources (used by tests of the diagnostics): `(file name, text)` pairs, one
/// of them `service.yaml`.
pub fn load_sources(dir: &Path, sources: &[(&str, &str)]) -> Result<ir::Service, Diagnostics> {
    let mut diags = Diagnostics::default();
    let label = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut service = None;
    let mut operations = Vec::new();
    let mut sorted: Vec<&(&str, &str)> = sources.iter().collect();
    sorted.sort_by_key(|(name, _)| *name);
    for (name, text) in sorted {
        let path = dir.join(name);
        if *name == SERVICE_FILE {
            service = parse(&path, text, &mut diags);
        } else if let Some(file) = parse::<spec::OperationFile>(&path, text, &mut diags) {
            operations.push(LoadedOperation {
                relative: format!("{label}/{name}"),
                path,
                file,
            });
        }
    }
    if sources.iter().all(|(name, _)| *name == SERVICE_FILE) {
        let msg = "no operation files: expected `<Operation>.yaml` beside service.yaml";
        diags.push(Position::unknown(dir), msg);
    }
    let has_service_file = sources.iter().any(|(name, _)| *name == SERVICE_FILE);
    match service {
        Some(service) if diags.is_empty() => {
            validate::validate(&dir.join(SERVICE_FILE), service, operations)
        }
        // A service file that is there but does not parse was reported where it breaks.
        None if !has_service_file => {
            diags.push(
                Position::unknown(&dir.join(SERVICE_FILE)),
                "missing service.yaml",
            );
            Err(diags)
        }
        _ => Err(diags),
    }
}

fn read<T: serde::de::DeserializeOwned>(path: &Path, diags: &mut Diagnostics) -> Option<T> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text, diags),
        Err(e) => {
            diags.push(Position::unknown(path), format!("cannot read: {e}"));
            None
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    match yaml::parse(path, text) {
        Ok(value) => Some(value),
        Err(d) => {
            diags.0.push(d);
            None
        }
    }
}
