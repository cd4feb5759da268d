//! Signature checks: which scheme a request uses, and whether its signature is the one the mock computes.
//!
//! Both schemes are recomputed from what was *received* (decoded parameters, actual header values, the
//! actual method and body), with the same [`aliyun_rpc_runtime::sign`] code the client uses; a request that was changed
//! after signing, or signed with another secret, fails. Checks run in the gateway's order: scheme and
//! required fields, AccessKeyId, timestamp, signature. The nonce is recorded by the caller only after all
//! of these pass, so a forged request cannot burn a legitimate client's nonce.

use std::time::{Duration, SystemTime};

use super::config::MockConfig;
use super::envelope::Reject;
use super::wire::{Incoming, parse_timestamp, within};
use aliyun_rpc_runtime::sign::{v1, v3};

/// What a correctly signed request says about itself.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Authenticated {
    pub access_key_id: String,
    pub nonce: String,
    /// After this instant a replay would fail the timestamp check anyway.
    pub expires: SystemTime,
    pub action: String,
    pub version: String,
}

/// Checks the request's signature, timestamp and credentials with the clock reading `now`.
pub(crate) fn authenticate(
    request: &Incoming<'_>,
    config: &MockConfig,
    now: SystemTime,
) -> Result<Authenticated, Reject> {
    match request.header("authorization") {
        Some(authorization) if authorization.starts_with("ACS3-") => {
            verify_v3(request, &authorization, config, now)
        }
        Some(authorization) if request.param(v1::SIGNATURE_PARAM).is_none() => {
            Err(Reject::incomplete_signature(format!(
                "Authorization {:?} is not ACS3-HMAC-SHA256",
                scheme_of(&authorization)
            )))
        }
        _ => verify_v1(request, config, now),
    }
}

/// The first word of an `Authorization` value, so a reason never echoes a signature.
fn scheme_of(authorization: &str) -> &str {
    authorization.split_whitespace().next().unwrap_or("")
}

/// Signature V1: every parameter but `Signature` signed with HMAC-SHA1 (see [`aliyun_rpc_runtime::sign::v1`]).
fn verify_v1(
    request: &Incoming<'_>,
    config: &MockConfig,
    now: SystemTime,
) -> Result<Authenticated, Reject> {
    let required = |name: &str| request.param(name).ok_or_else(|| Reject::missing(name));
    let signature = required(v1::SIGNATURE_PARAM)?;
    let method = required("SignatureMethod")?;
    if method != v1::SIGNATURE_METHOD {
        return Err(Reject::incomplete_signature(format!(
            "SignatureMethod is {method:?}, the mock verifies only {:?}",
            v1::SIGNATURE_METHOD
        )));
    }
    let version = required("SignatureVersion")?;
    if version != v1::SIGNATURE_VERSION {
        return Err(Reject::incomplete_signature(format!(
            "SignatureVersion is {version:?}, expected {:?}",
            v1::SIGNATURE_VERSION
        )));
    }
    let access_key_id = required("AccessKeyId")?;
    let secret = config
        .secret(access_key_id)
        .ok_or_else(|| Reject::unknown_access_key(access_key_id))?;
    let expires = check_time(required("Timestamp")?, now, config.timestamp_window)?;
    let nonce = required("SignatureNonce")?;
    let action = required("Action")?;
    let api_version = required("Version")?;

    // Query and form together: what the official SDKs and `build_request` sign for V1.
    let params: Vec<(&str, &str)> = request.params().collect();
    let string_to_sign = v1::string_to_sign(request.method.as_str(), &params);
    // Bytes that are not UTF-8 decode to U+FFFD, which a signer's own U+FFFD decodes to as well: compare
    // only what was sent exactly.
    if let Some(key) = request
        .query_not_utf8
        .as_ref()
        .or(request.form_not_utf8.as_ref())
    {
        return Err(Reject::signature_mismatch(
            &string_to_sign,
            format!(
                "parameter {key:?} is not UTF-8 once percent-decoded, so it is not what was signed"
            ),
        ));
    }
    let expected = v1::sign(secret, &string_to_sign);
    if !same(&expected, signature) {
        return Err(Reject::signature_mismatch(
            &string_to_sign,
            format!("server string to sign is: {string_to_sign}"),
        ));
    }
    Ok(Authenticated {
        access_key_id: access_key_id.to_owned(),
        nonce: nonce.to_owned(),
        expires,
        action: action.to_owned(),
        version: api_version.to_owned(),
    })
}

/// The three fields of an `ACS3-HMAC-SHA256` `Authorization` header.
struct V3Authorization<'a> {
    credential: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Result<V3Authorization<'_>, Reject> {
    let malformed = |what: &str| Reject::incomplete_signature(format!("Authorization: {what}"));
    let rest = value
        .strip_prefix(v3::ALGORITHM)
        .filter(|rest| rest.starts_with(' '))
        .ok_or_else(|| {
            malformed(&format!(
                "algorithm {:?} is not {}",
                scheme_of(value),
                v3::ALGORITHM
            ))
        })?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, field) = part
            .trim()
            .split_once('=')
            .ok_or_else(|| malformed("a field is not Key=Value"))?;
        match key {
            "Credential" => credential = Some(field),
            "SignedHeaders" => signed_headers = Some(field),
            "Signature" => signature = Some(field),
            _ => return Err(malformed(&format!("unknown field {key:?}"))),
        }
    }
    match (credential, signed_headers, signature) {
        (Some(credential), Some(signed_headers), Some(signature)) => Ok(V3Authorization {
            credential,
            signed_headers,
            signature,
        }),
        _ => Err(malformed(
            "Credential, SignedHeaders and Signature are all required",
        )),
    }
}

/// Signature V3: the canonical request rebuilt from the received method, query, signed headers and body
/// (see [`aliyun_rpc_runtime::sign::v3`]).
fn verify_v3(
    request: &Incoming<'_>,
    authorization: &str,
    config: &MockConfig,
    now: SystemTime,
) -> Result<Authenticated, Reject> {
    let auth = parse_authorization(authorization)?;
    let names: Vec<&str> = auth.signed_headers.split(';').collect();

    // The gateway requires every common header that is present to be signed.
    let unsigned = request
        .headers
        .keys()
        .map(http::HeaderName::as_str)
        .find(|name| (*name == "host" || name.starts_with("x-acs-")) && !names.contains(name));
    if let Some(name) = unsigned {
        return Err(Reject::incomplete_signature(format!(
            "header {name} is sent but not in SignedHeaders"
        )));
    }

    let required = |name: &str| request.header(name).ok_or_else(|| Reject::missing(name));
    let secret = config
        .secret(auth.credential)
        .ok_or_else(|| Reject::unknown_access_key(auth.credential))?;
    let expires = check_time(&required("x-acs-date")?, now, config.timestamp_window)?;
    let nonce = required("x-acs-signature-nonce")?;
    let action = required("x-acs-action")?;
    let api_version = required("x-acs-version")?;
    let content_sha256 = required("x-acs-content-sha256")?;

    let body_sha256 = v3::hex_sha256(request.body);
    let mut signed = Vec::with_capacity(names.len());
    for name in &names {
        let value = request.header(name).ok_or_else(|| {
            Reject::incomplete_signature(format!("signed header {name} is not sent"))
        })?;
        signed.push((*name, value));
    }
    let canonical = v3::CanonicalRequest::new(
        request.method.as_str(),
        &request.query,
        &signed,
        &body_sha256,
    );
    // The server's string to sign is over the body it received, whatever `x-acs-content-sha256` claims.
    if content_sha256 != body_sha256 {
        return Err(Reject::signature_mismatch(
            &canonical.string_to_sign(),
            format!(
                "x-acs-content-sha256 is {content_sha256}, the body's SHA-256 is {body_sha256}"
            ),
        ));
    }
    // As in V1, text that was not UTF-8 is not compared through its lossy decoding (the form body is signed
    // through its hash, byte for byte).
    let not_utf8 = match &request.query_not_utf8 {
        Some(key) => Some(format!("query parameter {key:?}")),
        None => names
            .iter()
            .find(|name| !request.header_is_utf8(name))
            .map(|name| format!("signed header {name}")),
    };
    if let Some(what) = not_utf8 {
        return Err(Reject::signature_mismatch(
            &canonical.string_to_sign(),
            format!("{what} is not UTF-8 (once percent-decoded), so it is not what was signed"),
        ));
    }
    // Comparing the header list as sent as well catches names that are unsorted or not lower case, which the
    // canonical form would otherwise silently fix.
    let expected = canonical.signature(secret);
    if canonical.signed_headers() != auth.signed_headers || !same(&expected, auth.signature) {
        return Err(Reject::signature_mismatch(
            &canonical.string_to_sign(),
            format!("server canonical request is: {}", canonical.as_str()),
        ));
    }
    Ok(Authenticated {
        access_key_id: auth.credential.to_owned(),
        nonce,
        expires,
        action,
        version: api_version,
    })
}

/// Checks a timestamp's form and that it is within `window` of `now`; returns when a replay would expire.
fn check_time(value: &str, now: SystemTime, window: Duration) -> Result<SystemTime, Reject> {
    let stamped = parse_timestamp(value).ok_or_else(|| Reject::timestamp_format(value))?;
    if !within(stamped, now, window) {
        return Err(Reject::expired(format!(
            "{value} is more than {}s from the mock's clock",
            window.as_secs()
        )));
    }
    Ok(stamped.checked_add(window).unwrap_or(stamped))
}

/// Compares signatures without stopping at the first difference, as a real verifier should.
fn same(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}
