//! Lowering response fields: objects, arrays, enums, and keys that do not belong on them.

use crate::ir;
use crate::spec;

use super::OperationLowering;
use super::names::NameSet;

impl OperationLowering<'_> {
    /// Keys that only make sense on request parameters must not appear on response fields.
    pub(super) fn reject_request_only(&mut self, field: &spec::Field) {
        let checks: [(&str, bool); 8] = [
            ("required", field.required),
            ("doc_required", field.doc_required),
            ("style", field.style.is_some()),
            ("location", field.location.is_some()),
            ("max_items", field.max_items.is_some()),
            ("minimum", field.minimum.is_some()),
            ("maximum", field.maximum.is_some()),
            ("default", field.default.is_some()),
        ];
        for (key, present) in checks {
            if present {
                let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
                self.error(
                    pos,
                    format!("`{key}:` applies only to request parameters, not to response fields"),
                );
            }
        }
    }
    // ----- response -----

    /// The fields of a response object; `parent_type` is the object's Rust type (for the struct-name rule).
    pub(super) fn fields(
        &mut self,
        fields: &[spec::Field],
        parent_path: &str,
        parent_type: &str,
    ) -> Vec<ir::Field> {
        let mut out = Vec::new();
        let mut names = NameSet::default();
        for field in fields {
            let Some((wire_name, pos)) = self.field_name(field) else {
                continue;
            };
            self.reject_request_only(field);
            names.check(self, "field", &wire_name, &pos);
            let rust_name = self.rust_field_name(field, &wire_name);
            let rust_name = names.unique_rust(field.rust_name.is_none(), rust_name, &wire_name);
            names.check_rust(self, &rust_name, &wire_name, &pos);
            let path = if parent_path.is_empty() {
                wire_name.clone()
            } else {
                format!("{parent_path}.{wire_name}")
            };
            let Some(ty) = self.field_type(field, &wire_name, &path, parent_type) else {
                continue;
            };
            out.push(ir::Field {
                wire_name,
                rust_name,
                ty,
                docs: Self::docs(field),
            });
        }
        out
    }

    /// Keys that only apply to some types are errors elsewhere, so a typo in `type:` is not silently ignored.
    pub(super) fn reject_misplaced_keys(&mut self, field: &spec::Field) {
        let ty = field.ty.value.as_str();
        let checks: [(&str, bool, &str); 5] = [
            ("items", field.items.is_some() && ty != "Array", "Array"),
            (
                "max_items",
                field.max_items.is_some() && ty != "Array",
                "Array",
            ),
            ("fields", field.fields.is_some() && ty != "Object", "Object"),
            (
                "struct",
                field.struct_name.is_some() && ty != "Object",
                "Object",
            ),
            ("enum", field.enum_ref.is_some() && ty != "String", "String"),
        ];
        for (key, misplaced, wanted) in checks {
            if misplaced {
                // Point at the key's own value where it is spanned, else at `type:`.
                let pos = match key {
                    "enum" => field.enum_ref.as_ref().map(|v| self.at(v)),
                    "struct" => field.struct_name.as_ref().map(|v| self.at(v)),
                    _ => None,
                }
                .unwrap_or_else(|| self.at(&field.ty));
                self.error(
                    pos,
                    format!("`{key}:` applies only to `type: {wanted}`, not `{ty}`"),
                );
            }
        }
    }

    pub(super) fn field_type(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        path: &str,
        parent_type: &str,
    ) -> Option<ir::FieldType> {
        self.reject_misplaced_keys(field);
        match field.ty.value.as_str() {
            "Array" => {
                let Some(items) = &field.items else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Array needs `items:`");
                    return None;
                };
                let item_path = format!("{path}[]");
                let inner = self.field_type(items, wire_name, &item_path, parent_type)?;
                Some(ir::FieldType::Array(Box::new(inner)))
            }
            "Object" => {
                let name = self.struct_name(field, wire_name, parent_type);
                let Some(fields) = &field.fields else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Object needs `fields:`");
                    return None;
                };
                let index = self.structs.len();
                self.structs.push(ir::Struct {
                    rust_name: name.clone(),
                    wire_path: path.to_string(),
                    docs: Self::docs(field),
                    fields: Vec::new(),
                    body: None,
                });
                let fields = self.fields(fields, path, &name);
                self.structs[index].fields = fields;
                Some(ir::FieldType::Object(index))
            }
            "Any" => Some(ir::FieldType::Any),
            _ => {
                if let Some(e) = self.enum_ref(field) {
                    return Some(ir::FieldType::Enum(e));
                }
                Some(ir::FieldType::Scalar(self.scalar(&field.ty)?))
            }
        }
    }
}
