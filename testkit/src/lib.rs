//! Test tooling for generated crates: the checks that the generated `every_operation` tests run for each
//! operation of a spec. The tests themselves are generated (one module per operation, from the spec's
//! examples); the checks live here once.
//!
//! - [`response_examples`]: the JSON example decodes; encode→decode is the identity in JSON and XML; the XML
//!   form of the example decodes to the same value; nothing in the example is dropped by the decoder.
//! - [`flattens`]: a request built from the spec's examples gives the pairs the generator derived from the
//!   spec's styles.
//! - [`cli_round_trip`]: the command-line tool, with flags built from the examples, calls a local mock
//!   service and prints the example back, in JSON and in XML.

mod cli;
mod lost;
mod mock;

pub use cli::cli_round_trip;

use std::fmt::Debug;

use aliyun_rpc_runtime::decode::{self, Decode};
use aliyun_rpc_runtime::encode::{self, EncodeValue};
use aliyun_rpc_runtime::operation::OperationSpec;
use aliyun_rpc_runtime::params::Params;

/// The response checks for one operation. Operations without examples check that an envelope-only body
/// (what the mock answers for them) decodes and round-trips.
pub fn response_examples<T>(spec: &OperationSpec)
where
    T: Decode + EncodeValue + PartialEq + Debug,
{
    let json = spec
        .example_json
        .unwrap_or(r#"{"RequestId":"2B8D7E1C-0000-4000-8000-000000000000"}"#);
    let value: T = decode::from_json(json.as_bytes())
        .unwrap_or_else(|e| panic!("{}: the JSON example does not decode: {e}", spec.command));

    let again: T = decode::from_json(encode::to_json(&value).as_bytes())
        .unwrap_or_else(|e| panic!("{}: re-encoded JSON does not decode: {e}", spec.command));
    assert_eq!(again, value, "{}: JSON encode→decode", spec.command);

    let xml = encode::to_xml(&value, spec.xml_root);
    let from_xml: T = decode::from_xml(xml.as_bytes(), spec.xml_root)
        .unwrap_or_else(|e| panic!("{}: the XML form does not decode: {e}\n{xml}", spec.command));
    assert_eq!(from_xml, value, "{}: XML form of the example", spec.command);

    let lost = lost::members(json, &encode::to_json(&value));
    assert!(
        lost.is_empty(),
        "{}: the decoder drops data of the JSON example: {lost:?}",
        spec.command
    );

    if let Some(xml) = spec.example_xml {
        let page: T = decode::from_xml(xml.as_bytes(), spec.xml_root)
            .unwrap_or_else(|e| panic!("{}: the XML example does not decode: {e}", spec.command));
        assert_eq!(page, value, "{}: the XML and JSON examples", spec.command);
    }
}

/// Asserts a request's flattened parameters, query and form, in order.
pub fn flattens(params: &Params, query: &[(&str, &str)], form: &[(&str, &str)]) {
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(params.query, owned(query), "query parameters");
    assert_eq!(params.form, owned(form), "form parameters");
}
