//! Expected requests derived independently of this crate.
//!
//! The signatures, URLs and `Authorization` values below were computed once with Python's standard library,
//! not with this crate, by this script (`quote(s, safe='-_.~')` is Alibaba's percent-encoding):
//!
//! ```text
//! import hmac, hashlib, base64
//! from urllib.parse import quote
//! enc = lambda s: quote(s, safe='-_.~')
//! def canon(pairs): return '&'.join(f'{enc(k)}={enc(v)}' for k, v in
//!                                   sorted(pairs, key=lambda kv: (kv[0].encode(), kv[1].encode())))
//! def v1sig(method, pairs, secret):
//!     sts = f'{method}&%2F&' + enc(canon(pairs))
//!     return base64.b64encode(hmac.new((secret + '&').encode(), sts.encode(), hashlib.sha1).digest()).decode()
//! def v3(method, query, headers, body, key_id, secret):
//!     payload = hashlib.sha256(body).hexdigest()
//!     hs = sorted((k.lower(), v.strip()) for k, v in headers)
//!     signed = ';'.join(k for k, _ in hs)
//!     cr = f'{method}\n/\n{canon(query)}\n' + ''.join(f'{k}:{v}\n' for k, v in hs) + f'\n{signed}\n{payload}'
//!     sts = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(cr.encode()).hexdigest()
//!     sig = hmac.new(secret.encode(), sts.encode(), hashlib.sha256).hexdigest()
//!     return payload, f'ACS3-HMAC-SHA256 Credential={key_id},SignedHeaders={signed},Signature={sig}'
//! ```
//!
//! (The same script reproduces the published `OLeaidS1JvxuMvnyHOwuJ+uX5qY=` vector.) Each test names the
//! call it made: `v1sig('POST', api + common, 'testsecret')` with the lists spelled out in the test.

use http::Method;

use super::{BuildError, Config, OperationInfo, SignatureVersion, SigningInputs, build_request};
use crate::Format;
use crate::credentials::Credentials;
use crate::params::{Location, Params};

const MODIFY_JOB_GROUP: OperationInfo = OperationInfo {
    action: "ModifyJobGroup",
    version: "2019-12-26",
    method: "POST",
    endpoint_template: "outboundbot.{region}.aliyuncs.com",
};

const NONCE: &str = "0123456789abcdef0123456789abcdef";
const TIMESTAMP: &str = "2024-05-01T08:00:00Z";

fn inputs() -> SigningInputs {
    SigningInputs::new(NONCE, TIMESTAMP)
}

/// `api` in the script: list order deliberately not sorted, and `CallingNumber.10` to check byte-order sorting.
fn query_params() -> Params {
    let mut params = Params::new();
    params.push(Location::Query, "InstanceId", "inst-1");
    params.push(Location::Query, "JobGroupId", "jg-1");
    params.push(Location::Query, "Name", "春季 回访*~");
    params.push(Location::Query, "CallingNumber.1", "4008013260");
    params.push(Location::Query, "CallingNumber.2", "4008013261");
    params.push(Location::Query, "CallingNumber.10", "4008013270");
    params.push(
        Location::Query,
        "StrategyJson",
        r#"{"id":"s-1","repeatBy":"Once"}"#,
    );
    params
}

/// `q` and `form` in the script.
fn form_params() -> Params {
    let mut params = Params::new();
    params.push(Location::Query, "InstanceId", "inst-1");
    params.push(Location::Form, "Tag.1.Key", "a b");
    params.push(Location::Form, "Description", "x+y&z=1");
    params
}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
}

#[test]
fn config_defaults_are_v3_json_and_templated_endpoint() {
    let config = Config::new("cn-shanghai");
    assert_eq!(config.region, "cn-shanghai");
    assert_eq!(config.endpoint, None);
    assert_eq!(config.format, Format::Json);
    assert_eq!(config.signature_version, SignatureVersion::V3);
    let config = config
        .with_endpoint("http://127.0.0.1:1")
        .with_format(Format::Xml)
        .with_signature_version(SignatureVersion::V1);
    assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:1"));
    assert_eq!(config.format, Format::Xml);
    assert_eq!(config.signature_version, SignatureVersion::V1);
}

#[test]
fn v1_query_only_request_matches_independent_derivation() {
    // common = Action, Version, Format=JSON, AccessKeyId=testid, SignatureMethod, SignatureVersion,
    // SignatureNonce, Timestamp; v1sig('POST', api + common, 'testsecret') = 'yb7h4CnU+hp/KQkvYsTl5xH4Eqs='.
    let config = Config::new("cn-shanghai").with_signature_version(SignatureVersion::V1);
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &query_params(),
        &config,
        &Credentials::new("testid", "testsecret"),
        &inputs(),
    )
    .expect("builds");

    assert_eq!(request.method(), Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://outboundbot.cn-shanghai.aliyuncs.com/?AccessKeyId=testid&Action=ModifyJobGroup\
         &CallingNumber.1=4008013260&CallingNumber.10=4008013270&CallingNumber.2=4008013261&Format=JSON\
         &InstanceId=inst-1&JobGroupId=jg-1&Name=%E6%98%A5%E5%AD%A3%20%E5%9B%9E%E8%AE%BF%2A~\
         &SignatureMethod=HMAC-SHA1&SignatureNonce=0123456789abcdef0123456789abcdef&SignatureVersion=1.0\
         &StrategyJson=%7B%22id%22%3A%22s-1%22%2C%22repeatBy%22%3A%22Once%22%7D\
         &Timestamp=2024-05-01T08%3A00%3A00Z&Version=2019-12-26&Signature=yb7h4CnU%2Bhp%2FKQkvYsTl5xH4Eqs%3D"
    );
    assert!(request.body().is_empty());
    assert_eq!(
        header(&request, "host"),
        Some("outboundbot.cn-shanghai.aliyuncs.com")
    );
    assert_eq!(
        request.headers().len(),
        1,
        "V1 needs only host: {:?}",
        request.headers()
    );
    assert!(!request.uri().to_string().contains("RegionId"));
}

#[test]
fn v1_sts_and_form_body_are_signed_and_placed_correctly() {
    // common2 = common with Format=XML, plus SecurityToken='sts/token+=';
    // v1sig('POST', q + common2 + form, 'testsecret') = '2/WjQys5kCMLtkPQ8881a2GV3DM=' (form params signed).
    let config = Config::new("cn-shanghai")
        .with_signature_version(SignatureVersion::V1)
        .with_format(Format::Xml);
    let credentials = Credentials::new("testid", "testsecret").with_security_token("sts/token+=");
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &form_params(),
        &config,
        &credentials,
        &inputs(),
    )
    .expect("builds");

    assert_eq!(
        request.uri().to_string(),
        "https://outboundbot.cn-shanghai.aliyuncs.com/?AccessKeyId=testid&Action=ModifyJobGroup&Format=XML\
         &InstanceId=inst-1&SecurityToken=sts%2Ftoken%2B%3D&SignatureMethod=HMAC-SHA1\
         &SignatureNonce=0123456789abcdef0123456789abcdef&SignatureVersion=1.0\
         &Timestamp=2024-05-01T08%3A00%3A00Z&Version=2019-12-26&Signature=2%2FWjQys5kCMLtkPQ8881a2GV3DM%3D"
    );
    assert_eq!(
        request.body().as_slice(),
        b"Tag.1.Key=a%20b&Description=x%2By%26z%3D1"
    );
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        header(&request, "host"),
        Some("outboundbot.cn-shanghai.aliyuncs.com")
    );
}

#[test]
fn v3_query_only_request_matches_independent_derivation() {
    // query3 = api + [('Format', 'JSON')]; headers host, x-acs-action, x-acs-version, x-acs-date,
    // x-acs-signature-nonce, x-acs-content-sha256; v3('POST', query3, h3, b'', 'testid', 'testsecret').
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &query_params(),
        &Config::new("cn-shanghai"),
        &Credentials::new("testid", "testsecret"),
        &inputs(),
    )
    .expect("builds");

    assert_eq!(request.method(), Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://outboundbot.cn-shanghai.aliyuncs.com/?CallingNumber.1=4008013260&CallingNumber.10=4008013270\
         &CallingNumber.2=4008013261&Format=JSON&InstanceId=inst-1&JobGroupId=jg-1\
         &Name=%E6%98%A5%E5%AD%A3%20%E5%9B%9E%E8%AE%BF%2A~\
         &StrategyJson=%7B%22id%22%3A%22s-1%22%2C%22repeatBy%22%3A%22Once%22%7D"
    );
    assert!(request.body().is_empty());
    assert_eq!(
        header(&request, "host"),
        Some("outboundbot.cn-shanghai.aliyuncs.com")
    );
    assert_eq!(header(&request, "x-acs-action"), Some("ModifyJobGroup"));
    assert_eq!(header(&request, "x-acs-version"), Some("2019-12-26"));
    assert_eq!(header(&request, "x-acs-date"), Some(TIMESTAMP));
    assert_eq!(header(&request, "x-acs-signature-nonce"), Some(NONCE));
    assert_eq!(
        header(&request, "x-acs-content-sha256"),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert_eq!(header(&request, "x-acs-security-token"), None);
    assert_eq!(header(&request, "content-type"), None);
    assert_eq!(
        header(&request, "authorization"),
        Some(
            "ACS3-HMAC-SHA256 Credential=testid,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=faea8bdc908d271cdadb6ba140efc5d0d3e0cc8a75e82ff757e54154be94f58b"
        )
    );
    assert_eq!(request.headers().len(), 7);
}

#[test]
fn v3_sts_form_body_and_endpoint_override_match_independent_derivation() {
    // body = 'Tag.1.Key=a%20b&Description=x%2By%26z%3D1'; query4 = q + [('Format', 'XML')]; h4 adds
    // content-type and x-acs-security-token='sts/token+=' with host '127.0.0.1:8080';
    // v3('POST', query4, h4, body, 'testid', 'testsecret').
    let config = Config::new("cn-shanghai")
        .with_endpoint("http://127.0.0.1:8080")
        .with_format(Format::Xml);
    let credentials = Credentials::new("testid", "testsecret").with_security_token("sts/token+=");
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &form_params(),
        &config,
        &credentials,
        &inputs(),
    )
    .expect("builds");

    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:8080/?Format=XML&InstanceId=inst-1"
    );
    assert_eq!(
        request.body().as_slice(),
        b"Tag.1.Key=a%20b&Description=x%2By%26z%3D1"
    );
    assert_eq!(header(&request, "host"), Some("127.0.0.1:8080"));
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        header(&request, "x-acs-security-token"),
        Some("sts/token+=")
    );
    assert_eq!(
        header(&request, "x-acs-content-sha256"),
        Some("f5673a5bfe67ca77cf1ecf6cf15d15fdbdef86608beba3de4c3f008db36d2faf")
    );
    assert_eq!(
        header(&request, "authorization"),
        Some(
            "ACS3-HMAC-SHA256 Credential=testid,\
             SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;\
             x-acs-security-token;x-acs-signature-nonce;x-acs-version,\
             Signature=f1a9cf6dfe4b2f1b73514dda6b1b45c134620c68c21b24aa1c40ee21f84d8c2d"
        )
    );
}

#[test]
fn get_operations_use_get_and_sign_it() {
    let op = OperationInfo {
        method: "GET",
        ..MODIFY_JOB_GROUP
    };
    let credentials = Credentials::new("testid", "testsecret");
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        let config = Config::new("cn-shanghai").with_signature_version(version);
        let get =
            build_request(&op, &query_params(), &config, &credentials, &inputs()).expect("builds");
        let post = build_request(
            &MODIFY_JOB_GROUP,
            &query_params(),
            &config,
            &credentials,
            &inputs(),
        )
        .expect("builds");
        assert_eq!(get.method(), Method::GET);
        let signature_of = |r: &http::Request<Vec<u8>>| {
            (
                r.uri().to_string(),
                header(r, "authorization").map(str::to_owned),
            )
        };
        assert_ne!(signature_of(&get), signature_of(&post), "{version:?}");
    }
}

#[test]
fn bare_host_override_gets_https_and_region_fills_the_template() {
    let credentials = Credentials::new("testid", "testsecret");
    let config = Config::new("cn-shanghai").with_endpoint("outboundbot.example.test");
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &Params::new(),
        &config,
        &credentials,
        &inputs(),
    )
    .expect("builds");
    assert_eq!(request.uri().scheme_str(), Some("https"));
    assert_eq!(header(&request, "host"), Some("outboundbot.example.test"));

    let config = Config::new("cn-beijing");
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &Params::new(),
        &config,
        &credentials,
        &inputs(),
    )
    .expect("builds");
    assert_eq!(
        request.uri().to_string(),
        "https://outboundbot.cn-beijing.aliyuncs.com/?Format=JSON"
    );
}

#[test]
fn a_region_that_breaks_the_host_is_an_error() {
    let result = build_request(
        &MODIFY_JOB_GROUP,
        &Params::new(),
        &Config::new("cn-shanghai/evil"),
        &Credentials::new("testid", "testsecret"),
        &inputs(),
    );
    assert!(
        matches!(result, Err(BuildError::InvalidEndpoint { .. })),
        "{result:?}"
    );
}

#[test]
fn invalid_method_is_an_error() {
    let op = OperationInfo {
        method: "PO ST",
        ..MODIFY_JOB_GROUP
    };
    let result = build_request(
        &op,
        &Params::new(),
        &Config::new("cn-shanghai"),
        &Credentials::new("testid", "testsecret"),
        &inputs(),
    );
    assert_eq!(
        result.map(|_| ()),
        Err(BuildError::InvalidMethod { method: "PO ST" })
    );
}

#[test]
fn a_token_that_cannot_be_a_header_is_an_error_that_does_not_show_it() {
    let credentials =
        Credentials::new("testid", "testsecret").with_security_token("token\nwith-newline");
    let result = build_request(
        &MODIFY_JOB_GROUP,
        &Params::new(),
        &Config::new("cn-shanghai"),
        &credentials,
        &inputs(),
    );
    let err = result.map(|_| ()).unwrap_err();
    assert_eq!(
        err,
        BuildError::InvalidHeaderValue {
            header: "x-acs-security-token"
        }
    );
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("with-newline") && !shown.contains("testsecret"),
        "{shown}"
    );
}

#[test]
fn v3_debug_output_hides_token_and_authorization() {
    let credentials =
        Credentials::new("testid", "testsecret").with_security_token("sts-token-value");
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &Params::new(),
        &Config::new("cn-shanghai"),
        &credentials,
        &inputs(),
    )
    .expect("builds");
    let debug = format!("{request:?}");
    assert!(!debug.contains("sts-token-value"), "{debug}");
    assert!(!debug.contains("Signature="), "{debug}");
    assert!(!debug.contains("testsecret"), "{debug}");
}

#[test]
fn v1_request_shown_redacted_hides_token_and_signature() {
    let credentials =
        Credentials::new("testid", "testsecret").with_security_token("sts-token-value");
    let config = Config::new("cn-shanghai").with_signature_version(SignatureVersion::V1);
    let request = build_request(
        &MODIFY_JOB_GROUP,
        &Params::new(),
        &config,
        &credentials,
        &inputs(),
    )
    .expect("builds");
    // The gateway reads V1's token from the query, so the URI must carry it …
    assert!(
        request
            .uri()
            .to_string()
            .contains("SecurityToken=sts-token-value")
    );
    // … and the request's own `Debug` (like the redacted view of a plain `http::Request`) shows that it is
    // there, not what it is.
    assert_eq!(
        format!("{request:?}"),
        format!("{:?}", super::Redacted(&request))
    );
    let shown = format!("{request:?}");
    assert!(shown.contains("SecurityToken=<redacted>"), "{shown}");
    assert!(shown.contains("Signature=<redacted>"), "{shown}");
    assert!(
        !shown.contains("sts-token-value") && !shown.contains("testsecret"),
        "{shown}"
    );
    assert!(shown.contains("AccessKeyId=testid"), "{shown}");
}

#[test]
fn an_empty_or_malformed_region_is_an_invalid_endpoint() {
    for region in ["", "cn shanghai", "CN-SHANGHAI"] {
        let err = build_request(
            &MODIFY_JOB_GROUP,
            &Params::new(),
            &Config::new(region),
            &Credentials::new("testid", "testsecret"),
            &inputs(),
        )
        .map(|_| ())
        .unwrap_err();
        assert!(
            matches!(&err, BuildError::InvalidEndpoint { reason, .. } if reason.starts_with("the region is not a region id")),
            "{region:?}: {err}"
        );
    }
    // An endpoint override needs no region.
    let config = Config::new("").with_endpoint("http://127.0.0.1:8080");
    let credentials = Credentials::new("testid", "testsecret");
    assert!(
        build_request(
            &MODIFY_JOB_GROUP,
            &Params::new(),
            &config,
            &credentials,
            &inputs()
        )
        .is_ok()
    );
}

#[test]
fn a_uri_over_the_http_limit_says_the_request_is_too_long() {
    let mut params = Params::new();
    // 70,000 bytes of value: over the limit once percent-encoded into the query.
    params.push(Location::Query, "Name", &"x".repeat(70_000));
    let config = Config::new("cn-shanghai");
    let credentials = Credentials::new("testid", "testsecret");
    let err = build_request(&MODIFY_JOB_GROUP, &params, &config, &credentials, &inputs())
        .map(|_| ())
        .unwrap_err();
    let BuildError::RequestTooLong { length, limit } = err else {
        panic!("{err:?}");
    };
    assert_eq!(limit, 65_534);
    assert!(length > 70_000, "{length}");
    let message = err_text(length, limit);
    assert!(
        message.starts_with("the request is too long: its URI would be"),
        "{message}"
    );
    // Just under the limit still builds.
    let mut params = Params::new();
    params.push(Location::Query, "Name", &"x".repeat(65_000));
    assert!(build_request(&MODIFY_JOB_GROUP, &params, &config, &credentials, &inputs()).is_ok());
}

fn err_text(length: usize, limit: usize) -> String {
    BuildError::RequestTooLong { length, limit }.to_string()
}
