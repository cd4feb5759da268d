//! Lowering request parameters: shapes (single, repeat list, list of objects), styles and locations.

use crate::diagnostics::Position;
use crate::ir;
use crate::naming;
use crate::spec;

use super::OperationLowering;
use super::names::NameSet;

impl OperationLowering<'_> {
    // ----- request -----

    pub(super) fn params(&mut self, fields: &[spec::Field]) -> Vec<ir::Param> {
        let mut out: Vec<ir::Param> = Vec::new();
        let mut names = NameSet::default();
        // `new` and `to_params` are methods of every request type; every other name comes from its parameters.
        for method in ["new", "to_params"] {
            names.rust.insert(
                method.to_string(),
                (
                    format!("the generated `{method}` method"),
                    Position::unknown(self.file),
                ),
            );
        }
        for field in fields {
            let Some(param) = self.param(field, true) else {
                continue;
            };
            let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
            names.check(self, "parameter", &param.wire_name, &pos);
            names.check_rust(self, &param.rust_name, &param.wire_name, &pos);
            if matches!(param.shape, ir::ParamShape::RepeatList { .. }) {
                names.check_rust(self, &param.push_name, &param.wire_name, &pos);
            }
            out.push(param);
        }
        out
    }

    /// A request parameter; `top` is false for the fields of a repeat-list object.
    pub(super) fn param(&mut self, field: &spec::Field, top: bool) -> Option<ir::Param> {
        let (wire_name, name_pos) = self.field_name(field)?;
        self.reject_misplaced_keys(field);
        if let Some(items) = &field.items {
            let keys = [
                ("required", items.required),
                ("location", items.location.is_some()),
                ("style", items.style.is_some()),
            ];
            for (key, present) in keys {
                if present {
                    let pos = self.at(&items.ty);
                    self.error(
                        pos,
                        format!("`{key}:` belongs on the list parameter, not on its `items:`"),
                    );
                }
            }
        }
        let location = match &field.location {
            None => ir::Location::Query,
            Some(l) if l.value == "query" => ir::Location::Query,
            Some(l) if l.value == "form" => ir::Location::Form,
            Some(l) => {
                let pos = self.at(l);
                self.error(
                    pos,
                    format!("unknown location `{}`: expected `query` or `form`", l.value),
                );
                ir::Location::Query
            }
        };
        let style = field.style.as_ref().map(|s| (s.value.as_str(), self.at(s)));
        let shape = match field.ty.value.as_str() {
            "Array" => {
                match &style {
                    Some(("repeat_list", _)) => {}
                    Some((other, pos)) => {
                        let msg = format!(
                            "style `{other}` does not apply to an Array parameter: expected `repeat_list`"
                        );
                        self.error(pos.clone(), msg);
                    }
                    None => {
                        let pos = self.at(&field.ty);
                        self.error(pos, "an Array parameter needs `style: repeat_list`");
                    }
                }
                if !top {
                    let pos = self.at(&field.ty);
                    self.error(
                        pos,
                        "a repeat list inside a repeat-list object is not supported",
                    );
                    return None;
                }
                let Some(items) = &field.items else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Array needs `items:`");
                    return None;
                };
                let item = self.param_value(items, &wire_name, None, location)?;
                ir::ParamShape::RepeatList {
                    item,
                    max_items: field.max_items,
                }
            }
            _ => {
                if let Some((other, pos)) = &style
                    && !(*other == "json" && field.ty.value == "String")
                {
                    let msg = format!(
                        "style `{other}` does not apply to a {} parameter: `json` is for String, `repeat_list` for Array",
                        field.ty.value
                    );
                    self.error(pos.clone(), msg);
                }
                if field.ty.value == "Object" {
                    let pos = self.at(&field.ty);
                    self.error(
                        pos,
                        "an Object parameter is only supported as the `items:` of a repeat list",
                    );
                    return None;
                }
                ir::ParamShape::Single(self.param_value(
                    field,
                    &wire_name,
                    style.as_ref().map(|s| s.0),
                    location,
                )?)
            }
        };
        if field.required && !matches!(shape, ir::ParamShape::Single(_)) {
            self.error(name_pos.clone(), "a required repeat list is not supported: required parameters become constructor arguments of scalar type");
        }
        if !top && field.required {
            self.error(
                name_pos.clone(),
                "fields of a repeat-list object cannot be `required`",
            );
        }
        let rust_name = self.rust_field_name(field, &wire_name);
        Some(ir::Param {
            push_name: format!("push_{}", naming::bare(&rust_name)),
            flag: naming::kebab(&wire_name),
            rust_name,
            wire_name,
            shape,
            required: field.required,
            doc_required: field.doc_required,
            location,
            docs: Self::docs(field),
        })
    }

    pub(super) fn param_value(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        style: Option<&str>,
        location: ir::Location,
    ) -> Option<ir::ParamValue> {
        if field.ty.value == "Object" {
            return self
                .param_struct(field, wire_name, location)
                .map(ir::ParamValue::Object);
        }
        if field.ty.value == "Array" {
            let pos = self.at(&field.ty);
            self.error(pos, "an array of arrays is not supported");
            return None;
        }
        if let Some(e) = self.enum_ref(field) {
            return Some(ir::ParamValue::Enum(e));
        }
        let scalar = self.scalar(&field.ty)?;
        let string_style = if style == Some("json") {
            ir::StringStyle::Json
        } else {
            ir::StringStyle::Plain
        };
        Some(ir::ParamValue::Scalar(scalar, string_style))
    }

    /// A repeat-list element object; its fields travel where the list does.
    pub(super) fn param_struct(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        location: ir::Location,
    ) -> Option<usize> {
        let name = self.struct_name(field, wire_name);
        let Some(fields) = &field.fields else {
            let pos = self.at(&field.ty);
            self.error(pos, "an Object needs `fields:`");
            return None;
        };
        let mut params = Vec::new();
        let mut names = NameSet::default();
        // `new` is the element's constructor.
        names.rust.insert(
            "new".to_string(),
            (
                "the generated `new` constructor".to_string(),
                Position::unknown(self.file),
            ),
        );
        for f in fields {
            if let Some(l) = &f.location {
                let pos = self.at(l);
                self.error(
                    pos,
                    "fields of a repeat-list object travel where the list does; remove `location:`",
                );
            }
            if let Some(mut p) = self.param(f, false) {
                p.location = location;
                let pos = self.at(f.name.as_ref().unwrap_or(&f.ty));
                names.check(self, "field", &p.wire_name, &pos);
                names.check_rust(self, &p.rust_name, &p.wire_name, &pos);
                params.push(p);
            }
        }
        self.param_structs.push(ir::ParamStruct {
            rust_name: name,
            docs: Self::docs(field),
            fields: params,
        });
        Some(self.param_structs.len() - 1)
    }
}
