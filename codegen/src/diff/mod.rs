//! What changed between two spec trees, for users of the generated crate: compared at the IR level (what the
//! emitters see), each change classified as breaking or compatible for the generated Rust API, with the
//! semver bump that follows and a Keep a Changelog entry.
//!
//! The rules follow what the emitters generate: requests, response structs, enums and operation errors are
//! `#[non_exhaustive]`, enums and errors have a catch-all variant, required parameters are arguments of
//! `new()` and optional ones are setters.
//!
//! | change | class |
//! | --- | --- |
//! | operation added | compatible |
//! | operation removed | breaking |
//! | optional parameter added | compatible (a new setter) |
//! | required parameter added | breaking (`new()` gains an argument) |
//! | parameter removed | breaking (its setter or `new()` argument goes) |
//! | parameter renamed (same type, only the wire name's case or a `_`/`-` differs) | compatible when the Rust name stays, else breaking |
//! | parameter newly required / no longer required | breaking (`new()` changes) |
//! | parameter or response field type changed | breaking |
//! | the generated struct or enum of a parameter or field renamed (same shape) | breaking (users may name it) |
//! | enum value added | compatible (`#[non_exhaustive]`, `Unknown`) |
//! | enum value removed | breaking (the variant goes) |
//! | response field added | compatible (`#[non_exhaustive]` struct) |
//! | response field removed | breaking |
//! | error code added | compatible (`#[non_exhaustive]` error) |
//! | error code removed | breaking (the variant goes) |

use std::collections::BTreeMap;
use std::fmt::Write as _;

pub mod surface;

use crate::ir::{self, FieldType, ParamShape, ParamValue, Scalar, StringStyle};
pub use surface::Surface;

/// Whether a change breaks code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Existing callers keep compiling and behaving.
    Compatible,
    /// Existing callers may stop compiling.
    Breaking,
}

/// Keep a Changelog section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// `### Added`.
    Added,
    /// `### Changed`.
    Changed,
    /// `### Removed`.
    Removed,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The operation (wire name).
    pub operation: String,
    /// Changelog section.
    pub section: Section,
    /// Breaking or compatible.
    pub class: Class,
    /// What changed, e.g. "parameter `JobGroupStatus` is now required".
    pub what: String,
}

/// Every change, sorted by operation, then section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

/// The semver bump a report calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing users can see changed.
    None,
    /// Compatible changes only.
    Minor,
    /// At least one breaking change.
    Major,
}

impl Report {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes of `class`.
    pub fn of(&self, class: Class) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.class == class)
    }

    /// The bump: major for a breaking change, minor for compatible additions, none otherwise.
    pub fn bump(&self) -> Bump {
        if self.changes.iter().any(|c| c.class == Class::Breaking) {
            Bump::Major
        } else if self.changes.is_empty() {
            Bump::None
        } else {
            Bump::Minor
        }
    }

    /// The next version after `current` (`0.y.z`: breaking bumps `y`, compatible bumps `z`, as Cargo reads
    /// 0.x versions).
    pub fn next_version(&self, current: &str) -> String {
        let mut parts: Vec<u64> = current.split('.').map(|p| p.parse().unwrap_or(0)).collect();
        parts.resize(3, 0);
        let (major, minor, patch) = (parts[0], parts[1], parts[2]);
        match (self.bump(), major) {
            (Bump::None, _) => current.to_string(),
            (Bump::Major, 0) => format!("0.{}.0", minor + 1),
            (Bump::Major, _) => format!("{}.0.0", major + 1),
            (Bump::Minor, 0) => format!("0.{minor}.{}", patch + 1),
            (Bump::Minor, _) => format!("{major}.{}.0", minor + 1),
        }
    }

    /// The report for people: counts, the bump, then every change grouped by class and operation.
    pub fn render(&self, current_version: &str) -> String {
        let mut out = String::new();
        if self.is_empty() {
            out.push_str("API change report: no change to the generated API\n");
            return out;
        }
        let breaking = self.of(Class::Breaking).count();
        let compatible = self.of(Class::Compatible).count();
        let bump = match self.bump() {
            Bump::Major => "breaking",
            Bump::Minor => "compatible",
            Bump::None => "none",
        };
        let _ = writeln!(
            out,
            "API change report: {breaking} breaking, {compatible} compatible change(s) → {bump}: {current_version} → {}",
            self.next_version(current_version)
        );
        for class in [Class::Breaking, Class::Compatible] {
            let title = match class {
                Class::Breaking => "breaking",
                Class::Compatible => "compatible",
            };
            let mut by_op: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
            for c in self.of(class) {
                by_op.entry(&c.operation).or_default().push(c);
            }
            if by_op.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            for (op, changes) in by_op {
                for c in changes {
                    let _ = writeln!(out, "  {op}: {}", c.what);
                }
            }
        }
        out
    }

    /// A Keep a Changelog entry for `version`.
    pub fn changelog_entry(&self, version: &str) -> String {
        let mut out = format!("## [{version}]\n");
        for section in [Section::Added, Section::Changed, Section::Removed] {
            let items: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.section == section)
                .collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {section:?}\n");
            for c in items {
                let mark = if c.class == Class::Breaking {
                    "**Breaking:** "
                } else {
                    ""
                };
                let _ = writeln!(out, "- {mark}`{}`: {}", c.operation, c.what);
            }
        }
        out
    }
}

/// A `CHANGELOG.md` with `entry` on top of what `existing` has (its title kept; a first file gets the Keep a
/// Changelog preamble).
pub fn changelog(existing: Option<&str>, entry: &str) -> String {
    const TITLE: &str = "# Changelog\n\nAll notable changes to this crate are documented here. The format is based on \
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and this crate adheres to \
[Semantic Versioning](https://semver.org/spec/v2.0.0.html). Entries are written by `cargo xtask gen --changelog` \
from the change of the API spec.\n\n";
    match existing {
        Some(text) => match text.find("\n## ") {
            Some(at) => format!("{}\n{entry}\n{}", &text[..at + 1], &text[at + 1..]),
            None => format!(
                "{}\n{entry}",
                text.trim_end_matches('\n').to_string() + "\n"
            ),
        },
        None => format!("{TITLE}{entry}"),
    }
}

/// Compares two loaded spec trees.
pub fn compare(old: &ir::Service, new: &ir::Service) -> Report {
    compare_surfaces(&Surface::of(old), &Surface::of(new))
}

/// Compares two API surfaces (e.g. the one recorded in a generated crate and the spec's).
pub fn compare_surfaces(old: &Surface, new: &Surface) -> Report {
    let mut changes = Vec::new();
    for (name, op) in &new.operations {
        match old.operations.get(name) {
            None => changes.push(Change {
                operation: name.to_string(),
                section: Section::Added,
                class: Class::Compatible,
                what: format!("new operation (`{}`)", op.method_name),
            }),
            Some(o) => operation(name, o, op, &mut changes),
        }
    }
    for name in old.operations.keys() {
        if !new.operations.contains_key(name) {
            changes.push(Change {
                operation: name.to_string(),
                section: Section::Removed,
                class: Class::Breaking,
                what: "operation removed".to_string(),
            });
        }
    }
    changes.sort();
    Report { changes }
}

fn scalar(s: Scalar) -> &'static str {
    match s {
        Scalar::String => "String",
        Scalar::Integer => "Integer",
        Scalar::Long => "Long",
        Scalar::Float => "Float",
        Scalar::Double => "Double",
        Scalar::Boolean => "Boolean",
    }
}

fn value_type(op: &ir::Operation, v: &ParamValue) -> String {
    match v {
        ParamValue::Scalar(s, StringStyle::Plain) => scalar(*s).to_string(),
        ParamValue::Scalar(s, StringStyle::Json) => format!("{} (JSON text)", scalar(*s)),
        ParamValue::Enum(i) => format!("enum {}", op.enums[*i].rust_name),
        ParamValue::Object(i) => format!("object {}", op.param_structs[*i].rust_name),
    }
}

fn param_type(op: &ir::Operation, p: &ir::Param) -> String {
    match &p.shape {
        ParamShape::Single(v) => value_type(op, v),
        ParamShape::RepeatList { item, .. } => format!("repeat list of {}", value_type(op, item)),
        ParamShape::Flat(i) => format!("flat object {}", op.param_structs[*i].rust_name),
        ParamShape::Json(ir::JsonValue::Object(i)) => {
            format!("JSON object {}", op.param_structs[*i].rust_name)
        }
        ParamShape::Json(ir::JsonValue::List { item, .. }) => {
            format!("JSON list of {}", value_type(op, item))
        }
    }
}

fn field_type(op: &ir::Operation, t: &FieldType) -> String {
    match t {
        FieldType::Scalar(s) => scalar(*s).to_string(),
        FieldType::Enum(i) => format!("enum {}", op.enums[*i].rust_name),
        FieldType::Object(i) => format!("object {}", op.structs[*i].rust_name),
        FieldType::Array(inner) => format!("array of {}", field_type(op, inner)),
        FieldType::Any => "Any".to_string(),
    }
}

/// A type with object and enum names left out: a struct renamed by the generator's collision rules is not a
/// type change of the field (the struct's own fields are compared one by one).
fn shape_only(text: &str) -> String {
    text.split(' ')
        .scan(false, |skip, word| {
            let out = if *skip { None } else { Some(word) };
            *skip = matches!(word, "object" | "enum");
            Some(out)
        })
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Enum values a parameter or field can take, with the enum's name.
fn values(op: &ir::Operation, i: usize) -> Vec<String> {
    op.enums[i]
        .variants
        .iter()
        .map(|v| v.wire_name.clone())
        .collect()
}

fn param_enum(p: &ir::Param) -> Option<usize> {
    match &p.shape {
        ParamShape::Single(ParamValue::Enum(i))
        | ParamShape::RepeatList {
            item: ParamValue::Enum(i),
            ..
        }
        | ParamShape::Json(ir::JsonValue::List {
            item: ParamValue::Enum(i),
            ..
        }) => Some(*i),
        _ => None,
    }
}

fn field_enum(t: &FieldType) -> Option<usize> {
    match t {
        FieldType::Enum(i) => Some(*i),
        FieldType::Array(inner) => field_enum(inner),
        _ => None,
    }
}

/// Request parameters (with the fields of flat / JSON objects, as `Param.Field`) by path.
fn params(op: &ir::Operation) -> Vec<(String, &ir::Param)> {
    fn walk<'a>(
        op: &'a ir::Operation,
        prefix: &str,
        list: &'a [ir::Param],
        out: &mut Vec<(String, &'a ir::Param)>,
        depth: usize,
    ) {
        for p in list {
            let path = if prefix.is_empty() {
                p.wire_name.clone()
            } else {
                format!("{prefix}.{}", p.wire_name)
            };
            out.push((path.clone(), p));
            let inner = match &p.shape {
                ParamShape::Flat(i)
                | ParamShape::Json(ir::JsonValue::Object(i))
                | ParamShape::Single(ParamValue::Object(i))
                | ParamShape::RepeatList {
                    item: ParamValue::Object(i),
                    ..
                }
                | ParamShape::Json(ir::JsonValue::List {
                    item: ParamValue::Object(i),
                    ..
                }) => Some(*i),
                _ => None,
            };
            if let Some(i) = inner
                && depth < 16
            {
                walk(op, &path, &op.param_structs[i].fields, out, depth + 1);
            }
        }
    }
    let mut out = Vec::new();
    walk(op, "", &op.request.params, &mut out, 0);
    out
}

/// Response fields by path (`JobGroup.Strategy.WorkingTime[].BeginTime`).
fn fields(op: &ir::Operation) -> Vec<(String, &ir::Field)> {
    fn walk<'a>(
        op: &'a ir::Operation,
        prefix: &str,
        index: usize,
        out: &mut Vec<(String, &'a ir::Field)>,
        depth: usize,
    ) {
        let Some(s) = op.structs.get(index) else {
            return;
        };
        for f in &s.fields {
            let path = if prefix.is_empty() {
                f.wire_name.clone()
            } else {
                format!("{prefix}.{}", f.wire_name)
            };
            out.push((path.clone(), f));
            let mut t = &f.ty;
            let mut p = path;
            while let FieldType::Array(inner) = t {
                p.push_str("[]");
                t = inner;
            }
            if let FieldType::Object(i) = t
                && depth < 32
            {
                walk(op, &p, *i, out, depth + 1);
            }
        }
    }
    let mut out = Vec::new();
    if !op.structs.is_empty() {
        walk(op, "", 0, &mut out, 0);
    }
    out
}

fn normalised(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

fn operation(
    name: &str,
    old: &surface::Operation,
    new: &surface::Operation,
    out: &mut Vec<Change>,
) {
    let mut push = |section, class, what: String| {
        out.push(Change {
            operation: name.to_string(),
            section,
            class,
            what,
        });
    };
    // Request parameters.
    let oldp: BTreeMap<&str, &surface::Param> =
        old.params.iter().map(|p| (p.path.as_str(), p)).collect();
    let newp: BTreeMap<&str, &surface::Param> =
        new.params.iter().map(|p| (p.path.as_str(), p)).collect();
    let mut removed: Vec<&str> = old
        .params
        .iter()
        .map(|p| p.path.as_str())
        .filter(|k| !newp.contains_key(k))
        .collect();
    for p in &new.params {
        let path = &p.path;
        let Some(o) = oldp.get(path.as_str()) else {
            // A rename: a removed parameter whose name differs only in case or separators, same type.
            let renamed = removed
                .iter()
                .position(|r| normalised(r) == normalised(path) && oldp[r].ty == p.ty);
            if let Some(at) = renamed {
                let from = removed.remove(at);
                let same_rust = oldp[from].rust_name == p.rust_name;
                push(
                    Section::Changed,
                    if same_rust {
                        Class::Compatible
                    } else {
                        Class::Breaking
                    },
                    format!(
                        "parameter `{from}` renamed to `{path}`{}",
                        if same_rust {
                            " (the Rust name stays)".to_string()
                        } else {
                            format!(" (`{}` → `{}`)", oldp[from].rust_name, p.rust_name)
                        }
                    ),
                );
                continue;
            }
            if p.required {
                push(
                    Section::Added,
                    Class::Breaking,
                    format!(
                        "new required parameter `{path}` ({}): an argument of `new()`",
                        p.ty
                    ),
                );
            } else {
                push(
                    Section::Added,
                    Class::Compatible,
                    format!("new optional parameter `{path}` ({})", p.ty),
                );
            }
            continue;
        };
        if o.required != p.required {
            let what = if p.required {
                format!(
                    "parameter `{path}` is now required: an argument of `new()` instead of a setter"
                )
            } else {
                format!(
                    "parameter `{path}` is no longer required: a setter instead of an argument of `new()`"
                )
            };
            push(Section::Changed, Class::Breaking, what);
        }
        if shape_only(&o.ty) != shape_only(&p.ty) {
            push(
                Section::Changed,
                Class::Breaking,
                format!("parameter `{path}` type changed: {} → {}", o.ty, p.ty),
            );
        } else {
            if o.ty != p.ty {
                push(
                    Section::Changed,
                    Class::Breaking,
                    format!(
                        "parameter `{path}`: its generated type is renamed: {} → {}",
                        o.ty, p.ty
                    ),
                );
            }
            enum_values(
                &format!("parameter `{path}`"),
                &o.values,
                &p.values,
                &mut push,
            );
        }
    }
    for path in removed {
        push(
            Section::Removed,
            Class::Breaking,
            format!("parameter `{path}` removed"),
        );
    }
    // Response fields.
    let oldf: BTreeMap<&str, &surface::Field> =
        old.fields.iter().map(|f| (f.path.as_str(), f)).collect();
    let newf: BTreeMap<&str, &surface::Field> =
        new.fields.iter().map(|f| (f.path.as_str(), f)).collect();
    for f in &new.fields {
        let path = &f.path;
        match oldf.get(path.as_str()) {
            None => push(
                Section::Added,
                Class::Compatible,
                format!("new response field `{path}` ({})", f.ty),
            ),
            Some(o) => {
                if shape_only(&o.ty) != shape_only(&f.ty) {
                    push(
                        Section::Changed,
                        Class::Breaking,
                        format!("response field `{path}` type changed: {} → {}", o.ty, f.ty),
                    );
                } else {
                    if o.ty != f.ty {
                        push(
                            Section::Changed,
                            Class::Breaking,
                            format!(
                                "response field `{path}`: its generated type is renamed: {} → {}",
                                o.ty, f.ty
                            ),
                        );
                    }
                    enum_values(
                        &format!("response field `{path}`"),
                        &o.values,
                        &f.values,
                        &mut push,
                    );
                }
            }
        }
    }
    for f in &old.fields {
        if !newf.contains_key(f.path.as_str()) {
            push(
                Section::Removed,
                Class::Breaking,
                format!("response field `{}` removed", f.path),
            );
        }
    }
    // Errors.
    for e in &new.errors {
        if !old.errors.iter().any(|o| o.code == e.code) {
            push(
                Section::Added,
                Class::Compatible,
                format!("new error code `{}` (HTTP {})", e.code, e.http_status),
            );
        }
    }
    for e in &old.errors {
        if !new.errors.iter().any(|n| n.code == e.code) {
            push(
                Section::Removed,
                Class::Breaking,
                format!(
                    "error code `{}` removed (its variant `{}` goes)",
                    e.code, e.rust_name
                ),
            );
        }
    }
}

fn enum_values(
    what: &str,
    old: &[String],
    new: &[String],
    push: &mut impl FnMut(Section, Class, String),
) {
    for v in new {
        if !old.contains(v) {
            push(
                Section::Added,
                Class::Compatible,
                format!("new enum value `{v}` in {what}"),
            );
        }
    }
    for v in old {
        if !new.contains(v) {
            push(
                Section::Removed,
                Class::Breaking,
                format!("enum value `{v}` removed from {what}"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
