//! `cargo xtask import-meta`: Alibaba's API metadata (the api-docs JSON in `api-meta/`) → spec files.
//!
//! ```text
//! api-docs JSON --meta--> model (one operation) --overlay--> model --write_yaml--> <Operation>.yaml
//! ```
//!
//! - [`meta`] reads the metadata (keys in file order, `$ref` expanded) and maps it to the output [`model`];
//!   with a second, newer file (`--params`) the operation set and parameters come from the newer file and the
//!   documentation, response schema, response example and error codes from the older, full one.
//! - [`overlay`] applies the hand refinements in `<spec>/overlays/` (positions kept for diagnostics).
//! - [`write_yaml`] prints the model with a fixed key order.
//!
//! [`import`] does all of it in memory and returns every file (`<Operation>.yaml`, `service.yaml`,
//! `SOURCES.md`), each starting with an `@generated` header that names its sources, its overlay and the command
//! to rerun; nothing is returned unless every operation and overlay is valid. Writing, diffing and deleting
//! stale files is the caller's (`xtask`'s shared sync code).

pub mod doc;
pub mod meta;
pub mod model;
pub mod overlay;
pub mod write_yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Position};
use crate::emit::GeneratedFile;
use meta::{Document, MetaError, OperationInput};

/// The service file the importer writes.
pub const SERVICE_FILE: &str = "service.yaml";

/// The table of sources the importer writes (only for a full import, not with `--only`).
pub const SOURCES_FILE: &str = "SOURCES.md";

/// The folder of overlays inside a spec folder; the importer only reads it.
pub const OVERLAY_DIR: &str = "overlays";

/// The marker every imported file has in its first line (shared with the files `cargo xtask gen` writes).
pub const MARKER: &str = "@generated";

/// The spec folder's label in headers when none is given.
pub const DEFAULT_SPEC_LABEL: &str = "api-spec";

/// A file's text with the name it is shown under in headers and messages (e.g.
/// `api-meta/outboundbot-2019-12-26.api-docs.json`, relative to the workspace).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in headers and messages.
    pub label: String,
    /// The content.
    pub text: String,
}

/// What to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The full metadata (`FILE`): descriptions, examples, responses, demos, error codes; and, without
    /// `params`, the operations and parameters too.
    pub meta: Source,
    /// Newer metadata (`--params NEWER`): the operation set and the parameters.
    pub params: Option<Source>,
    /// Only these operations (`--only`); empty for all. `SOURCES.md` is written only when empty.
    pub only: Vec<String>,
    /// The spec folder as shown in headers, e.g. `api-spec`.
    pub spec_label: String,
    /// The overlay files; each label is the path shown in headers and diagnostics and ends in
    /// `<Operation>.yaml` or `service.yaml`.
    pub overlays: Vec<Source>,
}

/// Where one written operation came from (one row of `SOURCES.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRecord {
    /// The operation.
    pub name: String,
    /// The file its parameters came from.
    pub params_from: String,
    /// The file its descriptions, response and errors came from; `None` when that file lacks it.
    pub docs_from: Option<String>,
    /// The written file has `untyped_response: true`.
    pub untyped: bool,
    /// The overlay applied, if any.
    pub overlay: Option<String>,
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Import {
    /// Every file to write, paths relative to the spec folder, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Metadata quirks that were worked around (for stderr).
    pub warnings: Vec<String>,
    /// The written operations, sorted by name.
    pub operations: Vec<OperationRecord>,
    /// With `--params`: operations only in the older file, not written.
    pub dropped: Vec<String>,
}

/// One reason an import failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Malformed metadata.
    Metadata(MetaError),
    /// A bad overlay, with its file, line and column.
    Overlay(Diagnostic),
    /// A file that cannot be read, or an argument that names nothing.
    Input(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Metadata(e) => e.fmt(f),
            Problem::Overlay(d) => d.fmt(f),
            Problem::Input(message) => write!(f, "error: {message}"),
        }
    }
}

/// Everything that stopped an import; nothing is produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub Vec<Problem>);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        write!(
            f,
            "{} error(s) in the metadata, overlays or arguments",
            self.0.len()
        )
    }
}

impl std::error::Error for ImportError {}

impl From<MetaError> for ImportError {
    fn from(e: MetaError) -> Self {
        ImportError(vec![Problem::Metadata(e)])
    }
}

/// `path` as shown in headers: relative to `root` with `/` separators when it is inside `root`, else as
/// given. Both are made absolute first, so `api-meta/x.json` and `/work/repo/api-meta/x.json` label alike.
pub fn label(path: &Path, root: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let path_abs = absolute(path);
    match path_abs.strip_prefix(absolute(root)) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.display().to_string(),
    }
}

/// Reads a metadata file.
pub fn read_source(path: &Path, label: String) -> Result<Source, ImportError> {
    std::fs::read_to_string(path)
        .map(|text| Source { label, text })
        .map_err(|e| {
            ImportError(vec![Problem::Input(format!(
                "cannot read {}: {e}",
                path.display()
            ))])
        })
}

/// Reads every `*.yaml` of `<spec_dir>/overlays` (none when the folder does not exist), sorted by name, each
/// labelled `<spec_label>/overlays/<name>`.
pub fn read_overlays(spec_dir: &Path, spec_label: &str) -> Result<Vec<Source>, ImportError> {
    let dir = spec_dir.join(OVERLAY_DIR);
    let fail = |e: std::io::Error| {
        ImportError(vec![Problem::Input(format!(
            "cannot read {}: {e}",
            dir.display()
        ))])
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(fail(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let name = entry
            .map_err(fail)?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".yaml") {
            names.push(name);
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).map_err(fail)?;
            Ok(Source {
                label: format!("{spec_label}/{OVERLAY_DIR}/{name}"),
                text,
            })
        })
        .collect()
}

/// The command that reproduces the files, as written in their headers (without `--only` or `--check`, which
/// do not change what a file contains).
pub fn command(options: &Options) -> String {
    let mut command = format!("cargo xtask import-meta {}", options.meta.label);
    if let Some(params) = &options.params {
        command.push_str(&format!(" --params {}", params.label));
    }
    if options.spec_label != DEFAULT_SPEC_LABEL {
        command.push_str(&format!(" --spec-dir {}", options.spec_label));
    }
    command
}

/// Imports the operations and `service.yaml` (and `SOURCES.md` without `--only`); all or nothing.
pub fn import(options: &Options) -> Result<Import, ImportError> {
    let meta = Document::parse(&options.meta.label, &options.meta.text)?;
    let newer = match &options.params {
        Some(p) => Some(Document::parse(&p.label, &p.text)?),
        None => None,
    };
    let structure = newer.as_ref().unwrap_or(&meta);
    let mut problems = Vec::new();

    let mut names: Vec<&str> = structure.operation_names();
    names.sort_unstable();
    let mut dropped: Vec<String> = match &newer {
        Some(newer) => meta
            .operation_names()
            .into_iter()
            .filter(|n| newer.operation(n).is_none())
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    };
    dropped.sort();
    for only in &options.only {
        if !names.contains(&only.as_str()) {
            let hint = if newer.is_some() && meta.operation(only).is_some() {
                format!(
                    " (only {} has it; with --params only the operations of the newer file are written)",
                    meta.label
                )
            } else {
                String::new()
            };
            problems.push(Problem::Input(format!(
                "--only {only}: {} has no such operation{hint}",
                structure.label
            )));
        }
    }
    let selected: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| options.only.is_empty() || options.only.iter().any(|o| o == n))
        .collect();

    // Overlays: the service's, and those of the selected operations. An overlay for an operation the
    // metadata does not have is an error in a full import.
    let mut service_overlay = None;
    let mut op_overlays: BTreeMap<&str, (&Source, overlay::OperationOverlay)> = BTreeMap::new();
    for source in &options.overlays {
        let file = PathBuf::from(&source.label);
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if format!("{stem}.yaml") == SERVICE_FILE {
            match overlay::parse_service(&file, &source.text) {
                Ok(o) => service_overlay = Some((source, o)),
                Err(d) => problems.push(Problem::Overlay(d)),
            }
        } else if let Some(name) = selected.iter().find(|n| **n == stem) {
            match overlay::parse_operation(&file, &source.text) {
                Ok(o) => {
                    op_overlays.insert(name, (source, o));
                }
                Err(d) => problems.push(Problem::Overlay(d)),
            }
        } else if options.only.is_empty() {
            problems.push(Problem::Overlay(Diagnostic {
                position: Position {
                    file,
                    line: 1,
                    column: 1,
                },
                message: format!(
                    "an overlay for `{stem}`, which {} does not have (remove or rename the overlay)",
                    structure.label
                ),
            }));
        }
    }

    let command = command(options);
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut records = Vec::new();
    for name in &selected {
        let imported = match meta::operation(OperationInput {
            name,
            structure,
            docs: Some(&meta),
        }) {
            Ok(imported) => imported,
            Err(e) => {
                problems.push(Problem::Metadata(e));
                continue;
            }
        };
        warnings.extend(imported.warnings);
        let mut op = imported.operation;
        let overlay = op_overlays.get(name);
        if let Some((source, o)) = overlay
            && let Err(diags) = overlay::apply_operation(o, Path::new(&source.label), &mut op)
        {
            problems.extend(diags.0.into_iter().map(Problem::Overlay));
            continue;
        }
        let docs_from = meta.operation(name).is_some().then(|| meta.label.clone());
        let record = OperationRecord {
            name: name.to_string(),
            params_from: structure.label.clone(),
            docs_from,
            untyped: op.untyped_response,
            overlay: overlay.map(|(source, _)| source.label.clone()),
        };
        let header = operation_header(options, &record, &command);
        files.push(GeneratedFile {
            path: format!("{name}.yaml"),
            contents: write_yaml::operation(&header, &op),
        });
        records.push(record);
    }

    match structure.service() {
        Ok(mut service) => {
            if let Some((_, o)) = &service_overlay {
                overlay::apply_service(o, &mut service);
            }
            let header = service_header(
                options,
                structure,
                service_overlay.as_ref().map(|(s, _)| s),
                &command,
            );
            files.push(GeneratedFile {
                path: SERVICE_FILE.to_string(),
                contents: write_yaml::service(&header, &service),
            });
        }
        Err(e) => problems.push(Problem::Metadata(e)),
    }

    if !problems.is_empty() {
        return Err(ImportError(problems));
    }
    if options.only.is_empty() {
        files.push(GeneratedFile {
            path: SOURCES_FILE.to_string(),
            contents: sources_md(options, &records, &dropped, &command),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Import {
        files,
        warnings,
        operations: records,
        dropped,
    })
}

fn comment(lines: &[String]) -> String {
    lines.iter().map(|l| format!("# {l}\n")).collect()
}

fn overlay_path(options: &Options, file: &str) -> String {
    format!("{}/{OVERLAY_DIR}/{file}", options.spec_label)
}

fn operation_header(options: &Options, record: &OperationRecord, command: &str) -> String {
    let mut lines = vec![format!(
        "{MARKER} by `cargo xtask import-meta` from Alibaba's API metadata."
    )];
    match (&options.params, &record.docs_from) {
        (None, _) => lines.push(format!(
            "Parameters, descriptions, response and errors: {}",
            record.params_from
        )),
        (Some(_), Some(docs)) => {
            lines.push(format!("Parameters: {}", record.params_from));
            lines.push(format!("Descriptions, response and errors: {docs}"));
        }
        (Some(_), None) => {
            lines.push(format!("Parameters: {}", record.params_from));
            lines.push(format!(
                "Descriptions, response and errors: none ({} does not have this operation).",
                options.meta.label
            ));
        }
    }
    let own = overlay_path(options, &format!("{}.yaml", record.name));
    lines.push(format!(
        "Overlay: {}",
        record.overlay.as_deref().unwrap_or("none")
    ));
    lines.push(format!("Do not edit; change {own} and rerun:"));
    lines.push(format!("  {command}"));
    lines.push("Schema: api-spec/README.md.".to_string());
    comment(&lines)
}

fn service_header(
    options: &Options,
    structure: &Document,
    overlay: Option<&&Source>,
    command: &str,
) -> String {
    let own = overlay_path(options, SERVICE_FILE);
    comment(&[
        format!("{MARKER} by `cargo xtask import-meta` from Alibaba's API metadata."),
        format!("Product, version and endpoints: {}", structure.label),
        format!("Overlay: {}", overlay.map_or("none", |s| s.label.as_str())),
        format!("Do not edit; change {own} and rerun:"),
        format!("  {command}"),
        "Schema: api-spec/README.md.".to_string(),
    ])
}

/// The last path segment of a label, for table cells.
fn file_name(label: &str) -> &str {
    label.rsplit('/').next().unwrap_or(label)
}

fn sources_md(
    options: &Options,
    records: &[OperationRecord],
    dropped: &[String],
    command: &str,
) -> String {
    let meta = &options.meta.label;
    let mut out =
        format!("<!-- {MARKER} by `cargo xtask import-meta`; do not edit. Rerun: {command} -->\n");
    out.push_str("# Where the imported operation files come from\n\n");
    out.push_str(&format!("Written by `{command}` from:\n\n"));
    match &options.params {
        Some(params) => {
            out.push_str(&format!(
                "- `{}`: the operation set, methods, deprecation and parameters (names, locations, styles, types, \
                 required flags, limits, enum values);\n",
                params.label
            ));
            out.push_str(&format!(
                "- `{meta}`: summaries, parameter descriptions, examples and value titles, response schemas, \
                 response examples and error codes, for the operations it has.\n\n"
            ));
        }
        None => out.push_str(&format!("- `{meta}`: everything.\n\n")),
    }
    out.push_str(&format!(
        "Hand refinements live in `{}/{OVERLAY_DIR}/` (format: `api-spec/README.md`, section \"Overlays\").\n\n",
        options.spec_label
    ));

    let count = |f: &dyn Fn(&OperationRecord) -> bool| records.iter().filter(|r| f(r)).count();
    out.push_str("| operations | count |\n| --- | ---: |\n");
    match &options.params {
        Some(params) => {
            out.push_str(&format!(
                "| in both files | {} |\n",
                count(&|r| r.docs_from.is_some())
            ));
            out.push_str(&format!(
                "| only in `{}` (no descriptions, response or errors) | {} |\n",
                file_name(&params.label),
                count(&|r| r.docs_from.is_none())
            ));
            out.push_str(&format!(
                "| only in `{}` (not written) | {} |\n",
                file_name(meta),
                dropped.len()
            ));
        }
        None => out.push_str(&format!(
            "| from `{}` | {} |\n",
            file_name(meta),
            records.len()
        )),
    }
    out.push_str(&format!("| written | {} |\n", records.len()));
    out.push_str(&format!(
        "| with a typed response | {} |\n",
        count(&|r| !r.untyped)
    ));
    out.push_str(&format!(
        "| with an untyped response (`untyped_response: true`) | {} |\n",
        count(&|r| r.untyped)
    ));
    out.push_str(&format!(
        "| with an overlay | {} |\n\n",
        count(&|r| r.overlay.is_some())
    ));

    out.push_str("| operation | parameters from | descriptions, response, errors from | response | overlay |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for r in records {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} |\n",
            r.name,
            file_name(&r.params_from),
            r.docs_from
                .as_deref()
                .map_or("none".to_string(), |d| format!("`{}`", file_name(d))),
            if r.untyped { "untyped" } else { "typed" },
            r.overlay
                .as_deref()
                .map_or(String::new(), |o| format!("`{o}`")),
        ));
    }
    if !dropped.is_empty() {
        out.push_str(&format!(
            "\n## Not written\n\nOnly in `{meta}`; the newer metadata no longer lists them:\n\n"
        ));
        for name in dropped {
            out.push_str(&format!("- `{name}`\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
