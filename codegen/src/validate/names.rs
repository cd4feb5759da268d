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
