//! Where the query string's parameters are built: request values flattened to ordered `(key, value)` pairs.
//!
//! Alibaba RPC parameters travel either in the query string or in a form-encoded body. Generated request types
//! push their parameters here in spec order; signing and transport read them back unchanged. The rules
//! ([`crate::wire_format`]) live in this one file so every operation shares them:
//!
//! - an absent optional parameter sends nothing; an empty string sends `Key=` (key present, empty value);
//! - a repeat list sends `Key.1`, `Key.2`, … (1-based); an empty list sends nothing;
//! - a list of objects sends `Key.N.Field` for each present field; a `flat` object `Key.Field`;
//! - a `json` object or list sends one `Key` whose value is its compact JSON text (fields in spec order);
//! - booleans are `true` / `false` (as the service, the Java and Go SDKs write them; the Python SDKs'
//!   `True` / `False` is a Python artefact), integers and floats their decimal `Display` form.

use std::borrow::Cow;

use crate::encode::EncodeValue;

/// Where a parameter travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// In the URL query string.
    Query,
    /// In an `application/x-www-form-urlencoded` request body.
    Form,
}

/// The flattened parameters of one request, in the order the spec lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    /// Parameters sent in the query string.
    pub query: Vec<(String, String)>,
    /// Parameters sent in a form-encoded body.
    pub form: Vec<(String, String)>,
    /// Lists longer than the service accepts (the spec's `max_items`), found while flattening:
    /// [`build_request`](crate::request::build_request) refuses to build a request while any is here, so
    /// nothing the service would reject is sent.
    pub over_limit: Vec<TooManyItems>,
}

/// A list parameter with more items than the service accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyItems {
    /// The parameter's wire name, e.g. `CallingNumber`.
    pub key: String,
    /// How many items it has.
    pub count: usize,
    /// The most it may have.
    pub max: u32,
}

impl std::fmt::Display for TooManyItems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} has {} items, more than the {} the service accepts",
            self.key, self.count, self.max
        )
    }
}

/// A value that can be sent as one parameter. Implemented here for scalars and generated for enums.
pub trait ToParam {
    /// The parameter's text before percent-encoding.
    fn to_param(&self) -> Cow<'_, str>;
}

impl ToParam for String {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToParam for str {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToParam for bool {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! display_params {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
display_params!(i32, i64, f32, f64);

/// Implemented by generated request-side objects that appear inside repeat lists (`Tag.N.Key`).
pub trait WriteParams {
    /// Writes this object's present fields as `prefix.Field=value` pairs.
    fn write_params(&self, params: &mut Params, prefix: &str);
}

impl Params {
    /// An empty parameter list.
    pub fn new() -> Self {
        Self::default()
    }

    fn target(&mut self, location: Location) -> &mut Vec<(String, String)> {
        match location {
            Location::Query => &mut self.query,
            Location::Form => &mut self.form,
        }
    }

    /// Adds one `key=value` pair. An empty value is still sent (`Key=`).
    pub fn push<T: ToParam + ?Sized>(&mut self, location: Location, key: &str, value: &T) {
        let value = value.to_param().into_owned();
        self.target(location).push((key.to_string(), value));
    }

    /// Adds the pair when the value is present.
    pub fn push_opt<T: ToParam>(&mut self, location: Location, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.push(location, key, value);
        }
    }

    /// Records `key` in [`Params::over_limit`] when its `count` items exceed `max` (the spec's `max_items`).
    pub fn check_max_items(&mut self, key: &str, count: usize, max: u32) {
        if count > max as usize {
            self.over_limit.push(TooManyItems {
                key: key.to_owned(),
                count,
                max,
            });
        }
    }

    /// Adds a repeat list as `key.1`, `key.2`, … (1-based). An empty list adds nothing.
    pub fn push_list<T: ToParam>(&mut self, location: Location, key: &str, values: &[T]) {
        for (i, value) in values.iter().enumerate() {
            self.push(location, &format!("{key}.{}", i + 1), value);
        }
    }

    /// Adds an object as `key.Field` pairs (`style: flat`).
    pub fn push_flat<T: WriteParams>(&mut self, key: &str, value: &T) {
        value.write_params(self, key);
    }

    /// Adds a flat object when present.
    pub fn push_flat_opt<T: WriteParams>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            value.write_params(self, key);
        }
    }

    /// Adds one pair whose value is the compact JSON text of `value` (`style: json` on an object or array).
    pub fn push_json<T: EncodeValue + ?Sized>(&mut self, location: Location, key: &str, value: &T) {
        let text = crate::encode::to_json(value);
        self.target(location).push((key.to_string(), text));
    }

    /// Adds a JSON-encoded object when present.
    pub fn push_json_opt<T: EncodeValue>(
        &mut self,
        location: Location,
        key: &str,
        value: &Option<T>,
    ) {
        if let Some(value) = value {
            self.push_json(location, key, value);
        }
    }

    /// Adds a JSON-encoded list unless it is empty (an optional list that was never set sends nothing, as
    /// repeat lists do).
    pub fn push_json_list<T: EncodeValue>(&mut self, location: Location, key: &str, values: &[T]) {
        if !values.is_empty() {
            self.push_json(location, key, values);
        }
    }

    /// Adds a repeat list of objects: element N writes its fields under `key.N` (1-based).
    pub fn push_object_list<T: WriteParams>(&mut self, key: &str, values: &[T]) {
        for (i, value) in values.iter().enumerate() {
            value.write_params(self, &format!("{key}.{}", i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn lists_are_one_based_and_empty_lists_send_nothing() {
        let mut p = Params::new();
        p.push_list(
            Location::Query,
            "CallingNumber",
            &["a".to_string(), "b".to_string()],
        );
        p.push_list::<String>(Location::Query, "Empty", &[]);
        assert_eq!(
            p.query,
            pairs(&[("CallingNumber.1", "a"), ("CallingNumber.2", "b")])
        );
    }

    #[test]
    fn json_values_are_one_compact_parameter_and_empty_optional_lists_send_nothing() {
        let mut p = Params::new();
        p.push_json(Location::Form, "Ids", &vec![1_i64, 22]);
        p.push_json_list::<String>(Location::Form, "None", &Vec::new());
        p.push_json_list(Location::Query, "Names", &["a\"b".to_string()]);
        p.push_json(Location::Query, "Empty", &Vec::<String>::new());
        assert_eq!(p.form, pairs(&[("Ids", "[1,22]")]));
        assert_eq!(p.query, pairs(&[("Names", r#"["a\"b"]"#), ("Empty", "[]")]));
    }

    #[test]
    fn scalars_use_wire_spelling() {
        let mut p = Params::new();
        p.push(Location::Form, "B", &true);
        p.push(Location::Form, "I", &-7_i64);
        p.push(Location::Form, "F", &1.5_f64);
        p.push(Location::Form, "E", "");
        p.push_opt::<String>(Location::Form, "None", &None);
        assert_eq!(
            p.form,
            pairs(&[("B", "true"), ("I", "-7"), ("F", "1.5"), ("E", "")])
        );
        assert!(p.query.is_empty());
    }

    #[test]
    fn lists_over_max_items_are_recorded_and_refused_by_the_request_builder() {
        use crate::credentials::Credentials;
        use crate::request::{BuildError, Config, OperationInfo, SigningInputs, build_request};
        let mut p = Params::new();
        p.check_max_items("CallingNumber", 99, 99);
        assert!(p.over_limit.is_empty());
        p.check_max_items("CallingNumber", 100, 99);
        let expected = TooManyItems {
            key: "CallingNumber".into(),
            count: 100,
            max: 99,
        };
        assert_eq!(p.over_limit, vec![expected.clone()]);
        let op = OperationInfo {
            action: "A",
            version: "1",
            method: "POST",
            endpoint_template: "x.{region}.example.com",
        };
        let err = build_request(
            &op,
            &p,
            &Config::new("cn-shanghai"),
            &Credentials::new("id", "secret"),
            &SigningInputs::new("n", "2016-02-23T12:46:24Z"),
        )
        .map(|_| ())
        .unwrap_err();
        assert_eq!(err, BuildError::TooManyItems(expected));
        assert_eq!(
            err.to_string(),
            "CallingNumber has 100 items, more than the 99 the service accepts"
        );
    }
}
