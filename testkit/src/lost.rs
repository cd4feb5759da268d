//! "Nothing is dropped": every member of a JSON example is still in what the decoded value encodes to.
//!
//! Values are compared as the decoder's leniency allows: a number or boolean sent as a string equals its
//! text, numbers compare numerically (`1.10` is `1.1`). `null`, empty arrays and empty objects are "absent"
//! (the generated types read them as absent and do not write them back).

use serde_json::Value;

/// Paths of members of `example` missing or different in `encoded` (both JSON texts).
pub fn members(example: &str, encoded: &str) -> Vec<String> {
    let (Ok(example), Ok(encoded)) = (
        serde_json::from_str::<Value>(example),
        serde_json::from_str::<Value>(encoded),
    ) else {
        return vec!["(not JSON)".to_string()];
    };
    let mut lost = Vec::new();
    compare(&example, Some(&encoded), "", &mut lost);
    lost
}

fn absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(absent),
        _ => false,
    }
}

fn compare(example: &Value, encoded: Option<&Value>, path: &str, lost: &mut Vec<String>) {
    if absent(example) {
        return;
    }
    let Some(encoded) = encoded else {
        lost.push(path.to_string());
        return;
    };
    match (example, encoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                compare(value, b.get(key), &child, lost);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, value) in a.iter().enumerate() {
                compare(value, b.get(i), &format!("{path}[{i}]"), lost);
            }
        }
        (a, b) if same_scalar(a, b) => {}
        _ => lost.push(format!("{path} ({example} became {encoded})")),
    }
}

fn same_scalar(a: &Value, b: &Value) -> bool {
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match (text(a), text(b)) {
        (Some(x), Some(y)) if x == y || x.eq_ignore_ascii_case(&y) => true,
        (Some(x), Some(y)) => matches!(
            (x.parse::<f64>(), y.parse::<f64>()),
            (Ok(p), Ok(q)) if p == q || (p - q).abs() <= f64::EPSILON * p.abs().max(q.abs())
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::members;

    #[test]
    fn reports_dropped_and_changed_members_only() {
        assert!(
            members(
                r#"{"A":1,"B":"2","C":null,"D":[],"E":{"F":null}}"#,
                r#"{"A":"1","B":2}"#
            )
            .is_empty()
        );
        assert!(members(r#"{"A":1.10,"B":"TRUE"}"#, r#"{"A":1.1,"B":true}"#).is_empty());
        assert_eq!(
            members(r#"{"A":{"B":[1,2]},"C":"x"}"#, r#"{"A":{"B":[1]},"C":"y"}"#),
            ["A.B[1]", "C (\"x\" became \"y\")"]
        );
    }
}
