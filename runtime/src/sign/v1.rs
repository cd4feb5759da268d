//! Signature V1: `HMAC-SHA1` over the sorted parameter set (`SignatureVersion=1.0`).
//!
//! Every parameter the request carries, the common ones (`Action`, `Version`, `Format`, `AccessKeyId`,
//! `SignatureMethod`, `SignatureVersion`, `SignatureNonce`, `Timestamp`, `SecurityToken`) as well as the API
//! parameters, is signed; the signature itself travels as one more parameter, `Signature`. The gateway
//! rebuilds the same string from what it received, so anything sent but not signed (or signed but not sent)
//! fails with `SignatureDoesNotMatch`.
//!
//! 1. canonical query = parameters except `Signature`, sorted by raw key bytes, `enc(k)=enc(v)` joined by `&`;
//! 2. string to sign = `METHOD&%2F&` + enc(canonical query);
//! 3. signature = Base64(HMAC-SHA1(key = secret + `&`, string to sign)).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::Hmac;
use sha1::Sha1;

use super::percent;

/// The `SignatureMethod` common parameter for this scheme.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The `SignatureVersion` common parameter for this scheme.
pub const SIGNATURE_VERSION: &str = "1.0";
/// The name of the parameter that carries the signature; it is left out of what is signed.
pub const SIGNATURE_PARAM: &str = "Signature";

/// Builds the string to sign for `method` (`GET` or `POST`) and all request parameters.
///
/// A `Signature` pair in `params`, if any, is ignored, so a received request can be checked as is.
pub fn string_to_sign<K: AsRef<str>, V: AsRef<str>>(method: &str, params: &[(K, V)]) -> String {
    let signed: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .filter(|(k, _)| *k != SIGNATURE_PARAM)
        .collect();
    string_to_sign_canonical(method, &percent::canonical_query(&signed))
}

/// The string to sign from a canonical query already built (sorted, encoded, without `Signature`), so a
/// caller that sends that same query sorts and encodes it once.
pub fn string_to_sign_canonical(method: &str, canonical_query: &str) -> String {
    // The path of every RPC request is `/`, which encodes to `%2F`.
    let mut text = String::with_capacity(method.len() + 5 + canonical_query.len() * 5 / 4);
    text.push_str(method);
    text.push_str("&%2F&");
    percent::encode_into(&mut text, canonical_query);
    text
}

/// Signs a string to sign: Base64(HMAC-SHA1(key = `access_key_secret` + `&`, `string_to_sign`)).
///
/// The trailing `&` in the key is where a token secret would go in the OAuth-1-like design this descends
/// from; Alibaba always leaves it empty.
pub fn sign(access_key_secret: &str, string_to_sign: &str) -> String {
    let mut key = Vec::with_capacity(access_key_secret.len() + 1);
    key.extend_from_slice(access_key_secret.as_bytes());
    key.push(b'&');
    let mac = super::hmac::<Hmac<Sha1>>(&key, string_to_sign.as_bytes());
    STANDARD.encode(mac)
}

/// The V1 signature of a request: [`sign`] applied to [`string_to_sign`]. Returned unencoded (Base64 text,
/// which may contain `+`, `/`, `=`); it must be percent-encoded when put into the query.
pub fn signature<K: AsRef<str>, V: AsRef<str>>(
    method: &str,
    params: &[(K, V)],
    access_key_secret: &str,
) -> String {
    sign(access_key_secret, &string_to_sign(method, params))
}

#[cfg(test)]
mod tests {
    //! The three published examples from Alibaba's documentation (see `crate::wire_format`). All three
    //! are `GET` requests; the parameter lists are exactly those of the examples.

    use super::{signature, string_to_sign};

    #[test]
    fn ecs_describe_regions_vector() {
        let params = [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ];
        assert_eq!(
            string_to_sign("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            signature("GET", &params, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn ecs_describe_dedicated_hosts_vector() {
        // Given in a different order from the sorted one on purpose: signing must sort.
        let params = [
            ("Version", "2014-05-26"),
            ("Timestamp", "2023-03-13T08:34:30Z"),
            ("SignatureVersion", "1.0"),
            ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("RegionId", "cn-beijing"),
            ("Format", "JSON"),
            ("Action", "DescribeDedicatedHosts"),
            ("AccessKeyId", "testid"),
        ];
        assert_eq!(
            signature("GET", &params, "testsecret"),
            "9NaGiOspFP5UPcwX8Iwt2YJXXuk="
        );
    }

    #[test]
    fn sms_send_sms_vector_with_cjk_and_json_values() {
        let params = [
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", "{\"customer\":\"test\"}"),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ];
        assert_eq!(
            signature("GET", &params, "testSecret"),
            "zJDF+Lrzhj/ThnlvIToysFRq6t4="
        );
    }

    #[test]
    fn a_signature_parameter_is_not_signed() {
        let without = [("Action", "DescribeRegions")];
        let with = [("Action", "DescribeRegions"), ("Signature", "anything")];
        assert_eq!(
            string_to_sign("GET", &without),
            string_to_sign("GET", &with)
        );
    }

    #[test]
    fn the_method_is_part_of_what_is_signed() {
        let params = [("Action", "DescribeRegions")];
        assert_ne!(
            signature("GET", &params, "s"),
            signature("POST", &params, "s")
        );
    }
}
