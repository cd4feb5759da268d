//! Property: whatever a parameter's key or value contains (`&`, `=`, `%`, `+`, newlines, any Unicode), the
//! built request decodes back to exactly the parameters that were given, so a value can never inject or
//! split a parameter, and a server that re-signs what it decoded gets the signature that was sent.

use aliyun_rpc_runtime::credentials::Credentials;
use aliyun_rpc_runtime::params::{Location, Params};
use aliyun_rpc_runtime::request::{
    Config, OperationInfo, SignatureVersion, SigningInputs, build_request,
};
use aliyun_rpc_runtime::sign::v1;
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

const OP: OperationInfo = OperationInfo {
    action: "ModifyJobGroup",
    version: "2019-12-26",
    method: "POST",
    endpoint_template: "outboundbot.{region}.aliyuncs.com",
};

/// Parameters the builder adds itself; API keys in this test start with `K` so they never collide.
const COMMON_V1: [&str; 9] = [
    "AccessKeyId",
    "Action",
    "Format",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureVersion",
    "Timestamp",
    "Version",
    "Signature",
];

/// A deliberately simple decoder, independent of the encoder: split on `&`, then on the first `=`, then
/// percent-decode both sides as UTF-8.
fn decode(text: &str) -> Vec<(String, String)> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').expect("every pair has '='");
            let decode_one = |s: &str| {
                percent_decode_str(s)
                    .decode_utf8()
                    .expect("decodes to UTF-8")
                    .into_owned()
            };
            (decode_one(key), decode_one(value))
        })
        .collect()
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[&=%+ ~*/?#\n\r\t\"'a-zA-Z0-9阿里😀é-]{0,16}",
    ]
}

fn params_strategy() -> impl Strategy<Value = Vec<(bool, String, String)>> {
    prop::collection::vec(
        (
            any::<bool>(),
            tricky_text().prop_map(|k| format!("K{k}")),
            tricky_text(),
        ),
        0..8,
    )
}

fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort();
    pairs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn v1_request_decodes_to_the_given_parameters(given in params_strategy()) {
        let mut params = Params::new();
        for (in_form, key, value) in &given {
            let location = if *in_form { Location::Form } else { Location::Query };
            params.push(location, key.as_str(), value.as_str());
        }
        let config = Config::new("cn-shanghai").with_signature_version(SignatureVersion::V1);
        let credentials = Credentials::new("testid", "testsecret");
        let inputs = SigningInputs::new("0123456789abcdef0123456789abcdef", "2024-05-01T08:00:00Z");
        let request = build_request(&OP, &params, &config, &credentials, &inputs).expect("builds");

        let query = decode(request.uri().query().unwrap_or(""));
        let body = decode(std::str::from_utf8(request.body()).expect("the body is ASCII"));

        // Query: the API query parameters plus each common parameter exactly once.
        let (common, api_query): (Vec<_>, Vec<_>) =
            query.iter().cloned().partition(|(k, _)| COMMON_V1.contains(&k.as_str()));
        prop_assert_eq!(sorted(api_query), sorted(params.query.clone()));
        prop_assert_eq!(common.len(), COMMON_V1.len());
        // Body: exactly the form parameters, in order.
        prop_assert_eq!(&body, &params.form);

        // A server re-signing what it decoded (query and body) gets the sent signature.
        let sent_signature = query.iter().find(|(k, _)| k == "Signature").map(|(_, v)| v.clone());
        let mut received = query.clone();
        received.extend(body);
        prop_assert_eq!(Some(v1::signature("POST", &received, "testsecret")), sent_signature);
    }

    #[test]
    fn v3_request_decodes_to_the_given_parameters(given in params_strategy()) {
        let mut params = Params::new();
        for (in_form, key, value) in &given {
            let location = if *in_form { Location::Form } else { Location::Query };
            params.push(location, key.as_str(), value.as_str());
        }
        let config = Config::new("cn-shanghai");
        let credentials = Credentials::new("testid", "testsecret");
        let inputs = SigningInputs::new("0123456789abcdef0123456789abcdef", "2024-05-01T08:00:00Z");
        let request = build_request(&OP, &params, &config, &credentials, &inputs).expect("builds");

        let mut query = decode(request.uri().query().unwrap_or(""));
        let format_at = query.iter().position(|(k, _)| k == "Format");
        prop_assert!(format_at.is_some());
        if let Some(at) = format_at {
            query.remove(at);
        }
        prop_assert_eq!(sorted(query), sorted(params.query.clone()));
        let body = decode(std::str::from_utf8(request.body()).expect("the body is ASCII"));
        prop_assert_eq!(&body, &params.form);
    }
}
