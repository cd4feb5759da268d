//! Signature V3: `ACS3-HMAC-SHA256`, the scheme the current official SDKs use by default.
//!
//! Unlike V1, only the API parameters travel in the query; `Action`, `Version`, the date and the nonce travel
//! in `x-acs-*` headers, and the signature goes into an `Authorization` header:
//!
//! ```text
//! CanonicalRequest = METHOD "\n" "/" "\n" canonical-query "\n" canonical-headers "\n" signed-headers "\n" hashed-payload
//! StringToSign     = "ACS3-HMAC-SHA256" "\n" lower-hex(SHA-256(CanonicalRequest))
//! Signature        = lower-hex(HMAC-SHA256(key = secret, StringToSign))
//! Authorization    = "ACS3-HMAC-SHA256 Credential=" id ",SignedHeaders=" signed-headers ",Signature=" signature
//! ```
//!
//! The canonical request and its hash are exposed ([`CanonicalRequest`]) so tests can compare them with
//! Alibaba's published intermediate values, which pin down a mismatch far better than a wrong signature.

use hmac::Hmac;
use sha2::{Digest as _, Sha256};

use super::{lower_hex, percent};

/// The algorithm name that starts both the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Lower-hex SHA-256 of the empty body, the `x-acs-content-sha256` of every request without a body.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lower-hex SHA-256 of `bytes`: the `x-acs-content-sha256` header value and the hashed payload.
pub fn hex_sha256(bytes: &[u8]) -> String {
    lower_hex(&Sha256::digest(bytes))
}

/// A canonical request, the text both sides hash before signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    text: String,
    signed_headers: String,
}

impl CanonicalRequest {
    /// Builds the canonical request of an RPC call (path `/`).
    ///
    /// - `query`: the API parameters as sent, unencoded; they are sorted by raw key bytes and encoded as
    ///   `enc(key)=enc(value)` (RPC keys never need escaping, but encoding them keeps signed and sent equal).
    /// - `headers`: every header to sign, e.g. `host`, all `x-acs-*`, `content-type`. Names are lower-cased,
    ///   values trimmed, and the list is sorted by name; all of them become the signed headers.
    /// - `hashed_payload`: lower-hex SHA-256 of the body ([`hex_sha256`], [`EMPTY_BODY_SHA256`]).
    pub fn new<K, V, N, H>(
        method: &str,
        query: &[(K, V)],
        headers: &[(N, H)],
        hashed_payload: &str,
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<str>,
        N: AsRef<str>,
        H: AsRef<str>,
    {
        let mut canonical_headers: Vec<(String, &str)> = headers
            .iter()
            .map(|(name, value)| (name.as_ref().to_ascii_lowercase(), value.as_ref().trim()))
            .collect();
        canonical_headers.sort_unstable();

        let signed_headers = canonical_headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(";");

        let mut text = String::new();
        text.push_str(method);
        text.push_str("\n/\n");
        text.push_str(&percent::canonical_query(query));
        text.push('\n');
        for (name, value) in &canonical_headers {
            text.push_str(name);
            text.push(':');
            text.push_str(value);
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&signed_headers);
        text.push('\n');
        text.push_str(hashed_payload);

        Self {
            text,
            signed_headers,
        }
    }

    /// The canonical request text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The signed header names, sorted and `;`-joined (`host;x-acs-action;…`).
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// Lower-hex SHA-256 of the canonical request ("hashed canonical request" in Alibaba's docs).
    pub fn hash(&self) -> String {
        hex_sha256(self.text.as_bytes())
    }

    /// The string to sign: `ACS3-HMAC-SHA256\n` + [`Self::hash`].
    pub fn string_to_sign(&self) -> String {
        format!("{ALGORITHM}\n{}", self.hash())
    }

    /// Signs this request with the raw AccessKey secret (no `&` suffix, unlike V1): lower-hex HMAC-SHA256.
    pub fn signature(&self, access_key_secret: &str) -> String {
        sign(access_key_secret, &self.string_to_sign())
    }

    /// The full `Authorization` header value for this request.
    pub fn authorization(&self, access_key_id: &str, access_key_secret: &str) -> String {
        authorization(
            access_key_id,
            &self.signed_headers,
            &self.signature(access_key_secret),
        )
    }
}

/// Lower-hex HMAC-SHA256(key = `access_key_secret`, `string_to_sign`).
pub fn sign(access_key_secret: &str, string_to_sign: &str) -> String {
    lower_hex(&super::hmac::<Hmac<Sha256>>(
        access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    ))
}

/// Formats the `Authorization` header value:
/// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>`.
pub fn authorization(access_key_id: &str, signed_headers: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"
    )
}

#[cfg(test)]
mod tests {
    use super::{CanonicalRequest, EMPTY_BODY_SHA256, hex_sha256};

    /// Alibaba's published ECS RunInstances example (see [`crate::wire_format`]).
    fn run_instances() -> CanonicalRequest {
        let query = [
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
            ("RegionId", "cn-shanghai"),
        ];
        // Deliberately unsorted and partly upper-case: canonicalisation must sort and lower-case.
        let headers = [
            ("x-acs-version", "2014-05-26"),
            ("Host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-content-sha256", EMPTY_BODY_SHA256),
        ];
        CanonicalRequest::new("POST", &query, &headers, EMPTY_BODY_SHA256)
    }

    #[test]
    fn empty_body_hash_constant_is_sha256_of_nothing() {
        assert_eq!(hex_sha256(b""), EMPTY_BODY_SHA256);
    }

    #[test]
    fn run_instances_canonical_request_text() {
        let expected = "POST\n/\n\
            ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
            host:ecs.cn-shanghai.aliyuncs.com\n\
            x-acs-action:RunInstances\n\
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
            x-acs-date:2023-10-26T10:22:32Z\n\
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
            x-acs-version:2014-05-26\n\
            \n\
            host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(run_instances().as_str(), expected);
    }

    #[test]
    fn run_instances_hashed_canonical_request_vector() {
        assert_eq!(
            run_instances().hash(),
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
    }

    #[test]
    fn run_instances_signature_vector() {
        let request = run_instances();
        assert_eq!(
            request.signature("YourAccessKeySecret"),
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
        assert_eq!(
            request.authorization("YourAccessKeyId", "YourAccessKeySecret"),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn header_values_are_trimmed() {
        let padded = CanonicalRequest::new::<&str, &str, _, _>(
            "GET",
            &[],
            &[("host", "  a.example  ")],
            EMPTY_BODY_SHA256,
        );
        let plain = CanonicalRequest::new::<&str, &str, _, _>(
            "GET",
            &[],
            &[("host", "a.example")],
            EMPTY_BODY_SHA256,
        );
        assert_eq!(padded, plain);
    }
}
