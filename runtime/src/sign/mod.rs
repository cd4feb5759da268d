//! Request signing: the two schemes Alibaba Cloud's RPC gateway accepts.
//!
//! - [`percent`]: the RFC 3986 percent-encoding and canonical query string both schemes sign.
//! - [`v1`]: Signature V1 (`HMAC-SHA1`, `SignatureVersion=1.0`), every parameter in the query, signature
//!   in a `Signature` parameter. Alibaba's docs call it "V2"; it is what the legacy SDKs send.
//! - [`v3`]: `ACS3-HMAC-SHA256`, action/version/date/nonce in `x-acs-*` headers, signature in an
//!   `Authorization` header. The current official SDKs default to it.
//!
//! Everything here is pure string and byte work, checked against the published test vectors in
//! [`crate::wire_format`]. Assembling a full HTTP request is [`crate::request`]'s job.

pub mod percent;
pub mod v1;
pub mod v3;

use hmac::digest::{FixedOutput, KeyInit, Output, Update};

/// Computes `HMAC(key, message)` with the MAC type `M` (`Hmac<Sha1>` or `Hmac<Sha256>`).
fn hmac<M: KeyInit + Update + FixedOutput>(key: &[u8], message: &[u8]) -> Output<M> {
    // HMAC is defined for keys of every length (long keys are hashed first), and the `hmac` crate's
    // `new_from_slice` for these types always returns `Ok`; no secret, however odd, can reach the panic.
    let mut mac = M::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize_fixed()
}

/// Renders bytes as lower-case hexadecimal, the form V3 uses for hashes and signatures.
pub fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // By table, not `write!("{:02x}")`: a V3 signature renders three hashes, and `fmt` cost 8% of it.
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::lower_hex;

    #[test]
    fn lower_hex_pads_and_uses_lower_case() {
        assert_eq!(lower_hex(&[]), "");
        assert_eq!(lower_hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
    }
}
