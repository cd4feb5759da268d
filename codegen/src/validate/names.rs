//! Name collisions, and the response fields that carry a call's outcome.

use std::collections::HashMap;

use crate::diagnostics::Position;
use crate::ir;

use super::OperationLowering;

/// Alibaba's outcome fields, found by their wire names and types at the top of the response.
pub(super) fn envelope(response: &ir::Struct) -> Option<ir::Envelope> {
    let find = |wire: &str, types: &[ir::Scalar]| {
        response.fields.iter().find_map(|f| match f.ty {
            ir::FieldType::Scalar(s) if f.wire_name == wire && types.contains(&s) => {
                Some(f.rust_name.clone())
            }
            _ => None,
        })
    };
    Some(ir::Envelope {
        success: find("Success", &[ir::Scalar::Boolean])?,
        code: find("Code", &[ir::Scalar::String]),
        message: find("Message", &[ir::Scalar::String]),
        request_id: find("RequestId", &[ir::Scalar::String]),
        http_status: find("HttpStatusCode", &[ir::Scalar::Integer, ir::Scalar::Long]),
    })
}

/// The typed fields of a response whose schema is unknown: Alibaba's common envelope.
pub(super) fn untyped_envelope() -> Vec<ir::Field> {
    let field = |wire: &str, rust: &str, scalar, description: &str| ir::Field {
        wire_name: wire.to_string(),
        rust_name: rust.to_string(),
        ty: ir::FieldType::Scalar(scalar),
        docs: ir::Docs {
            description: description.to_string(),
            ..ir::Docs::default()
        },
    };
    vec![
        field(
            "RequestId",
            "request_id",
            ir::Scalar::String,
            "The request's id.",
        ),
        field(
            "Code",
            "code",
            ir::Scalar::String,
            "The outcome's code (`OK` on success).",
        ),
        field(
            "Message",
            "message",
            ir::Scalar::String,
            "The outcome's message.",
        ),
        field(
            "Success",
            "success",
            ir::Scalar::Boolean,
            "Whether the call succeeded.",
        ),
        field(
            "HttpStatusCode",
            "http_status_code",
            ir::Scalar::Integer,
            "The HTTP status the service reports in the body.",
        ),
    ]
}

/// Detects two fields with the same wire name, or two whose Rust names collide after conversion.
#[derive(Default)]
pub(super) struct NameSet {
    pub(super) wire: HashMap<String, Position>,
    pub(super) rust: HashMap<String, (String, Position)>,
}

impl NameSet {
    pub(super) fn check(
        &mut self,
        lower: &mut OperationLowering<'_>,
        what: &str,
        wire: &str,
        pos: &Position,
    ) {
        if let Some(first) = self.wire.get(wire) {
            let msg = format!(
                "duplicate {what} `{wire}` (first at line {}, column {})",
                first.line, first.column
            );
            lower.error(pos.clone(), msg);
        } else {
            self.wire.insert(wire.to_string(), pos.clone());
        }
    }

    /// The collision rule for derived field names: when `name` (derived from `wire`, not written by a person)
    /// is already taken by another wire name (`JobId` and `JobID` both become `job_id`), the later one gets the
    /// first free of `name_2`, `name_3`, …. Names written with `rust_name:` are kept, and a clash is an error.
    pub(super) fn unique_rust(&self, derived: bool, name: String, wire: &str) -> String {
        let free = |n: &str| match self.rust.get(n) {
            None => true,
            Some((first_wire, _)) => first_wire == wire,
        };
        if !derived || free(&name) {
            return name;
        }
        let bare = crate::naming::bare(&name).to_string();
        (2..)
            .map(|n| format!("{bare}_{n}"))
            .find(|candidate| free(candidate))
            .unwrap_or(name)
    }

    pub(super) fn check_rust(
        &mut self,
        lower: &mut OperationLowering<'_>,
        rust: &str,
        wire: &str,
        pos: &Position,
    ) {
        match self.rust.get(rust) {
            Some((reserved, first)) if first.line == 0 => {
                let msg = format!(
                    "`{wire}` becomes the Rust name `{rust}`, which is taken by {reserved}; set `rust_name:`"
                );
                lower.error(pos.clone(), msg);
            }
            Some((first_wire, first)) if first_wire != wire => {
                let msg = format!(
                    "`{wire}` and `{first_wire}` (line {}, column {}) both become the Rust name `{rust}`; set `rust_name:` on one",
                    first.line, first.column
                );
                lower.error(pos.clone(), msg);
            }
            Some(_) => {}
            None => {
                self.rust
                    .insert(rust.to_string(), (wire.to_string(), pos.clone()));
            }
        }
    }
}
