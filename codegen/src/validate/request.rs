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
        let request_name = self.request_name.clone();
        for field in fields {
            let Some(mut param) = self.param(field, &request_name, false) else {
                continue;
            };
            let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
            names.check(self, "parameter", &param.wire_name, &pos);
            param.rust_name =
                names.unique_rust(field.rust_name.is_none(), param.rust_name, &param.wire_name);
            param.push_name = format!("push_{}", naming::bare(&param.rust_name));
            names.check_rust(self, &param.rust_name, &param.wire_name, &pos);
            if matches!(param.shape, ir::ParamShape::RepeatList { .. }) {
                names.check_rust(self, &param.push_name, &param.wire_name, &pos);
            }
            out.push(param);
        }
        out
    }

    /// A request parameter; `parent` is the Rust type it belongs to (the request, or a request object).
    pub(super) fn param(
        &mut self,
        field: &spec::Field,
        parent: &str,
        in_json: bool,
    ) -> Option<ir::Param> {
        let (wire_name, _) = self.field_name(field)?;
        self.reject_misplaced_keys(field);
        self.reject_item_keys(field);
        let location = self.location(field);
        let style = field.style.as_ref().map(|s| (s.value.clone(), self.at(s)));
        let style_name = style.as_ref().map(|s| s.0.as_str());
        let ty = field.ty.value.as_str();
        let top = parent == self.request_name;
        // Inside a request object sent as parameters, a list without `style:` is a nested repeat list
        // (`List.1.Items.1.Field`), as Alibaba's metadata writes them.
        let expected = match ty {
            "Array" if in_json => &[None, Some("json")][..],
            "Array" if top => &[Some("repeat_list"), Some("json")][..],
            "Array" => &[None, Some("repeat_list"), Some("json")][..],
            "Object" if in_json => &[None, Some("json")][..],
            "Object" => &[Some("flat"), Some("json")][..],
            "String" => &[None, Some("json")][..],
            _ => &[None][..],
        };
        if !expected.contains(&style_name) {
            let wanted: Vec<String> = expected
                .iter()
                .map(|s| match s {
                    Some(s) => format!("`style: {s}`"),
                    None => "no `style:`".to_string(),
                })
                .collect();
            let msg = match &style {
                Some((s, _)) => format!(
                    "style `{s}` does not apply to a{} {ty} parameter: expected {}",
                    if ty.starts_with(['A', 'E', 'I', 'O', 'U']) {
                        "n"
                    } else {
                        ""
                    },
                    wanted.join(" or ")
                ),
                None => format!("an {ty} parameter needs {}", wanted.join(" or ")),
            };
            let pos = style
                .as_ref()
                .map_or_else(|| self.at(&field.ty), |s| s.1.clone());
            self.error(pos, msg);
        }
        let json = in_json || style_name == Some("json");
        let shape = match ty {
            "Array" => {
                let Some(items) = &field.items else {
                    let pos = self.at(&field.ty);
                    self.error(pos, "an Array needs `items:`");
                    return None;
                };
                let item = self.param_value(items, &wire_name, parent, json, location)?;
                if json {
                    ir::ParamShape::Json(ir::JsonValue::List {
                        item,
                        max_items: field.max_items,
                    })
                } else {
                    ir::ParamShape::RepeatList {
                        item,
                        max_items: field.max_items,
                    }
                }
            }
            "Object" => {
                let index = self.param_struct(field, &wire_name, parent, json, location)?;
                if in_json {
                    ir::ParamShape::Single(ir::ParamValue::Object(index))
                } else if json {
                    ir::ParamShape::Json(ir::JsonValue::Object(index))
                } else {
                    ir::ParamShape::Flat(index)
                }
            }
            "Any" => {
                let pos = self.at(&field.ty);
                self.error(
                    pos,
                    "`type: Any` is for response fields; a parameter needs a type",
                );
                return None;
            }
            _ => {
                ir::ParamShape::Single(self.param_value(field, &wire_name, parent, json, location)?)
            }
        };
        let bounds = self.bounds(field);
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
            bounds,
            item_example: field.items.as_ref().and_then(|i| i.example.clone()),
            docs: Self::docs(field),
        })
    }

    /// `required`, `location` and `style` describe the list parameter, not its element.
    fn reject_item_keys(&mut self, field: &spec::Field) {
        let Some(items) = &field.items else {
            return;
        };
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

    fn location(&mut self, field: &spec::Field) -> ir::Location {
        match &field.location {
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
        }
    }

    /// `minimum` / `maximum`: only on numbers, and not crossed.
    fn bounds(&mut self, field: &spec::Field) -> ir::Bounds {
        let bounds = ir::Bounds {
            minimum: field.minimum,
            maximum: field.maximum,
        };
        if bounds == ir::Bounds::default() {
            return bounds;
        }
        let pos = self.at(field.name.as_ref().unwrap_or(&field.ty));
        let numeric = matches!(
            field.ty.value.as_str(),
            "Integer" | "Long" | "Float" | "Double"
        );
        if !numeric {
            self.error(
                pos,
                format!(
                    "`minimum:` / `maximum:` apply to numbers, not `{}`",
                    field.ty.value
                ),
            );
            return ir::Bounds::default();
        }
        if let (Some(min), Some(max)) = (bounds.minimum, bounds.maximum)
            && min > max
        {
            self.error(pos, format!("`minimum: {min}` is above `maximum: {max}`"));
        }
        bounds
    }

    /// A single value: a scalar, an enum, or (as a list element) an object.
    pub(super) fn param_value(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        parent: &str,
        json: bool,
        location: ir::Location,
    ) -> Option<ir::ParamValue> {
        if field.ty.value == "Object" {
            return self
                .param_struct(field, wire_name, parent, json, location)
                .map(ir::ParamValue::Object);
        }
        if field.ty.value == "Array" {
            let pos = self.at(&field.ty);
            self.error(pos, "an array of arrays is not supported in requests");
            return None;
        }
        if let Some(e) = self.enum_ref(field) {
            return Some(ir::ParamValue::Enum(e));
        }
        let scalar = self.scalar(&field.ty)?;
        let string_style = if field.style.as_ref().is_some_and(|s| s.value == "json") {
            ir::StringStyle::Json
        } else {
            ir::StringStyle::Plain
        };
        Some(ir::ParamValue::Scalar(scalar, string_style))
    }

    /// A request-side object; its fields travel where the parameter does.
    pub(super) fn param_struct(
        &mut self,
        field: &spec::Field,
        wire_name: &str,
        parent: &str,
        json: bool,
        location: ir::Location,
    ) -> Option<usize> {
        let name = self.struct_name(field, wire_name, parent);
        let Some(fields) = &field.fields else {
            let pos = self.at(&field.ty);
            self.error(pos, "an Object needs `fields:`");
            return None;
        };
        let mut params = Vec::new();
        let mut names = NameSet::default();
        // `new` is the object's constructor.
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
                    "fields of a request object travel where the object does; remove `location:`",
                );
            }
            if let Some(mut p) = self.param(f, &name, json) {
                p.location = location;
                let pos = self.at(f.name.as_ref().unwrap_or(&f.ty));
                names.check(self, "field", &p.wire_name, &pos);
                p.rust_name = names.unique_rust(f.rust_name.is_none(), p.rust_name, &p.wire_name);
                names.check_rust(self, &p.rust_name, &p.wire_name, &pos);
                params.push(p);
            }
        }
        self.param_structs.push(ir::ParamStruct {
            rust_name: name,
            docs: Self::docs(field),
            json,
            fields: params,
        });
        Some(self.param_structs.len() - 1)
    }
}
