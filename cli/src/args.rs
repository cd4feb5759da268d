//! Flag values → wire parameters, checked against the operation's types, through the same
//! [`aliyun_rpc_runtime::params::Params`] rules the typed requests use.

use clap::ArgMatches;

use aliyun_rpc_runtime::operation::{OperationSpec, ParamKind, ScalarKind};
use aliyun_rpc_runtime::params::Params;

/// The parameters for `spec` from its subcommand's matches, or a message naming the bad flag.
pub fn params(spec: &OperationSpec, matches: &ArgMatches) -> Result<Params, String> {
    let mut params = Params::new();
    for p in spec.params {
        let values: Vec<&String> = matches
            .get_many::<String>(p.flag)
            .map(Iterator::collect)
            .unwrap_or_default();
        if let Some(max) = p.max_items
            && values.len() > max as usize
        {
            return Err(format!(
                "--{}: {} values, more than the {max} the service accepts",
                p.flag,
                values.len()
            ));
        }
        match p.kind {
            ParamKind::Single(kind) => {
                if let Some(value) = values.first() {
                    check(kind, value, p.flag)?;
                    if let Some(problem) = p.out_of_bounds(value) {
                        return Err(format!("--{}: {problem}", p.flag));
                    }
                    params.push(p.location, p.wire_name, value.as_str());
                }
            }
            ParamKind::Json => {
                if let Some(value) = values.first() {
                    if serde_json::from_str::<serde_json::Value>(value).is_err() {
                        return Err(format!("--{}: {value:?} is not valid JSON", p.flag));
                    }
                    params.push(p.location, p.wire_name, value.as_str());
                }
            }
            ParamKind::Flat(fields) => {
                if let Some(value) = values.first() {
                    for (key, text) in object_fields(value, fields, p.flag)? {
                        params.push(p.location, &format!("{}.{key}", p.wire_name), text);
                    }
                }
            }
            ParamKind::Enum(_) => {
                if let Some(value) = values.first() {
                    params.push(p.location, p.wire_name, value.as_str());
                }
            }
            ParamKind::List(kind) => {
                for value in &values {
                    check(kind, value, p.flag)?;
                }
                let owned: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                params.push_list(p.location, p.wire_name, &owned);
            }
            ParamKind::ObjectList(fields) => {
                for (i, value) in values.iter().enumerate() {
                    for (key, text) in object_fields(value, fields, p.flag)? {
                        params.push(
                            p.location,
                            &format!("{}.{}.{key}", p.wire_name, i + 1),
                            text,
                        );
                    }
                }
            }
        }
    }
    Ok(params)
}

fn check(kind: ScalarKind, value: &str, flag: &str) -> Result<(), String> {
    if kind.accepts(value) {
        Ok(())
    } else {
        Err(format!(
            "--{flag}: {value:?} is not a valid {}",
            kind.name()
        ))
    }
}

/// `Key=a,Value=b` → `[("Key", "a"), ("Value", "b")]`, in the order written; names are checked.
fn object_fields<'a>(
    value: &'a str,
    fields: &'static [(&'static str, ScalarKind)],
    flag: &str,
) -> Result<Vec<(&'static str, &'a str)>, String> {
    let mut out = Vec::new();
    for part in value.split(',').filter(|p| !p.is_empty()) {
        let Some((name, text)) = part.split_once('=') else {
            return Err(format!("--{flag}: expected Field=value, found {part:?}"));
        };
        let Some((wire, kind)) = fields.iter().find(|(wire, _)| *wire == name) else {
            let known: Vec<&str> = fields.iter().map(|(w, _)| *w).collect();
            return Err(format!(
                "--{flag}: unknown field {name:?} (expected one of {})",
                known.join(", ")
            ));
        };
        check(*kind, text, flag)?;
        out.push((*wire, text));
    }
    Ok(out)
}
