//! Parameter checks against an operation's static description: presence, types, repeat-list keys, and the
//! instance the request names.
//!
//! Parameters the operation does not declare are ignored, as the gateway ignores them (older SDKs add
//! `RegionId` and `SignatureType` to every call). Query and form are read together; the gateway accepts a
//! parameter in either place.

use std::collections::BTreeMap;

use super::config::MockConfig;
use super::envelope::Reject;
use super::wire::Incoming;
use aliyun_rpc_runtime::operation::{OperationSpec, ParamKind, ParamSpec, ScalarKind};

/// A list's items by index: each index's `(rest of the key after "Name.N", value)` pairs; `rest` is empty
/// for scalar lists and the field name for object lists.
type Items<'r> = BTreeMap<u32, Vec<(&'r str, &'r str)>>;

/// Checks every declared parameter of `op` in the request.
pub(crate) fn params(op: &OperationSpec, request: &Incoming<'_>) -> Result<(), Reject> {
    for spec in op.params {
        match spec.kind {
            ParamKind::Single(kind) => single(spec, kind, request)?,
            ParamKind::Enum(_) => single(spec, ScalarKind::String, request)?,
            ParamKind::List(kind) => list(spec, kind, request)?,
            ParamKind::ObjectList(fields) => object_list(spec, fields, request)?,
            ParamKind::Flat(fields) => flat(spec, fields, request)?,
            ParamKind::Json => json(spec, request)?,
        }
    }
    Ok(())
}

/// `Name=value`: present when required, of the declared type. Enums accept any text: the service adds
/// values over time.
fn single(spec: &ParamSpec, kind: ScalarKind, request: &Incoming<'_>) -> Result<(), Reject> {
    match request.param(spec.wire_name) {
        None if spec.required => Err(Reject::missing(spec.wire_name)),
        None => Ok(()),
        Some(value) => {
            typed(spec.wire_name, kind, value)?;
            match spec.out_of_bounds(value) {
                Some(problem) => Err(Reject::invalid_parameter(spec.wire_name, problem)),
                None => Ok(()),
            }
        }
    }
}

/// `Name=<JSON text>`: present when required, and valid JSON.
fn json(spec: &ParamSpec, request: &Incoming<'_>) -> Result<(), Reject> {
    match request.param(spec.wire_name) {
        None if spec.required => Err(Reject::missing(spec.wire_name)),
        None => Ok(()),
        Some(value) if serde_json::from_str::<serde_json::Value>(value).is_ok() => Ok(()),
        Some(value) => Err(Reject::invalid_parameter(
            spec.wire_name,
            format!("{}={value:?} is not valid JSON", spec.wire_name),
        )),
    }
}

/// `Name.Field=…`: known fields of their declared type; a required object sends at least one field.
fn flat(
    spec: &ParamSpec,
    fields: &[(&str, ScalarKind)],
    request: &Incoming<'_>,
) -> Result<(), Reject> {
    let mut sent = false;
    for (key, value) in request.params() {
        let Some(field) = key
            .strip_prefix(spec.wire_name)
            .and_then(|s| s.strip_prefix('.'))
        else {
            continue;
        };
        sent = true;
        if let Some((_, kind)) = fields.iter().find(|(name, _)| *name == field) {
            typed(key, *kind, value)?;
        }
    }
    if spec.required && !sent {
        return Err(Reject::missing(&format!("{}.<Field>", spec.wire_name)));
    }
    Ok(())
}

/// `Name.1=…&Name.2=…`: 1-based, without gaps, each item of the declared type; a bare `Name=` is not a list.
fn list(spec: &ParamSpec, kind: ScalarKind, request: &Incoming<'_>) -> Result<(), Reject> {
    let items = indexed(spec, request)?;
    for (index, fields) in &items {
        for (rest, value) in fields {
            let key = format!("{}.{index}", spec.wire_name);
            if !rest.is_empty() {
                return Err(Reject::invalid_parameter(
                    &key,
                    format!(
                        "{key}.{rest} has a field, but {} is a list of scalars",
                        spec.wire_name
                    ),
                ));
            }
            typed(&key, kind, value)?;
        }
    }
    Ok(())
}

/// `Name.1.Field=…`: 1-based, without gaps, known fields of their declared type. Unknown fields are ignored,
/// like undeclared parameters.
fn object_list(
    spec: &ParamSpec,
    fields: &[(&str, ScalarKind)],
    request: &Incoming<'_>,
) -> Result<(), Reject> {
    let items = indexed(spec, request)?;
    for (index, sent) in &items {
        for (field, value) in sent {
            let key = format!("{}.{index}.{field}", spec.wire_name);
            if field.is_empty() {
                return Err(Reject::invalid_parameter(
                    &key,
                    format!(
                        "{key} has no field, but {} is a list of objects",
                        spec.wire_name
                    ),
                ));
            }
            if let Some((_, kind)) = fields.iter().find(|(name, _)| name == field) {
                typed(&key, *kind, value)?;
            }
        }
    }
    Ok(())
}

/// The request's `Name.N[.rest]` pairs grouped by N, checking the keys: N is a decimal from 1 without
/// leading zeros, the indices run 1..=count without gaps, and a required list has at least one item.
fn indexed<'r>(spec: &ParamSpec, request: &'r Incoming<'_>) -> Result<Items<'r>, Reject> {
    let name = spec.wire_name;
    let mut items = Items::new();
    for (key, value) in request.params() {
        if key == name {
            return Err(Reject::invalid_parameter(
                name,
                format!("{name} is a repeat list: send {name}.1, {name}.2, …"),
            ));
        }
        let Some(suffix) = key.strip_prefix(name).and_then(|s| s.strip_prefix('.')) else {
            continue;
        };
        let (number, rest) = suffix.split_once('.').unwrap_or((suffix, ""));
        let index = list_index(number).ok_or_else(|| {
            Reject::invalid_parameter(
                key,
                format!("{key}: list indices are decimal numbers from 1"),
            )
        })?;
        items.entry(index).or_default().push((rest, value));
    }
    if spec.required && items.is_empty() {
        return Err(Reject::missing(&format!("{name}.1")));
    }
    if let Some(max) = spec.max_items
        && items.len() > max as usize
    {
        return Err(Reject::invalid_parameter(
            name,
            format!(
                "{name} has {} items, more than the {max} allowed",
                items.len()
            ),
        ));
    }
    // Keys are sorted, so the indices are 1..=len exactly when the last one is len.
    if let Some((&last, _)) = items.last_key_value()
        && usize::try_from(last).ok() != Some(items.len())
    {
        return Err(Reject::invalid_parameter(
            name,
            format!(
                "{name} has {} items but index {last}: indices must run from 1 without gaps",
                items.len()
            ),
        ));
    }
    Ok(items)
}

/// A list index: `1`, `2`, … (no sign, no leading zero, fits `u32`).
fn list_index(text: &str) -> Option<u32> {
    let valid =
        !text.is_empty() && !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| text.parse().ok()).flatten()
}

fn typed(name: &str, kind: ScalarKind, value: &str) -> Result<(), Reject> {
    if kind.accepts(value) {
        Ok(())
    } else {
        Err(Reject::invalid_parameter(
            name,
            format!("{name}={value:?} is not a valid {}", kind.name()),
        ))
    }
}

/// The instance check: the configured instance parameter, when the operation declares it, the request sends
/// it and the operation documents the configured error, must name a known instance.
pub(crate) fn instance(
    op: &OperationSpec,
    request: &Incoming<'_>,
    config: &MockConfig,
) -> Result<(), Reject> {
    let Some(known) = &config.known_instances else {
        return Ok(());
    };
    let declared = op
        .params
        .iter()
        .any(|p| p.wire_name == config.instance_param);
    let Some(error) = op.error(&config.instance_error) else {
        return Ok(());
    };
    match request.param(&config.instance_param) {
        Some(id) if declared && !known.iter().any(|k| k == id) => Err(Reject::documented(
            error,
            format!("{}={id:?} is not a known instance", config.instance_param),
        )),
        _ => Ok(()),
    }
}
