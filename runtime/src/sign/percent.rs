//! Alibaba's percent-encoding and the canonical query string built from it.
//!
//! Both signature versions sign the *encoded* form of every key and value, so the encoding must match the
//! gateway's byte for byte: UTF-8 bytes, `A–Z a–z 0–9 - _ . ~` kept, every other byte `%XX` in upper-case hex.
//! That is RFC 3986's unreserved set, and it differs from `application/x-www-form-urlencoded` (space is
//! `%20`, never `+`) and from Java's `URLEncoder` (`*` is `%2A`, `~` stays). The same encoding is used on the
//! wire, so what is signed is exactly what is sent.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes that are escaped: everything except RFC 3986's unreserved characters `A–Z a–z 0–9 - _ . ~`.
///
/// `percent-encoding` escapes every non-ASCII byte regardless of the set and always writes upper-case hex.
pub const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes `input` the way Alibaba's signers do (see the module docs).
pub fn encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 2);
    encode_into(&mut out, input);
    out
}

/// Appends the encoding of `input` to `out`: the crate's iterator hands out runs of kept bytes and escapes
/// as `&str` pieces, copied directly (its `Display`, through `fmt`, costs about twice as much).
pub fn encode_into(out: &mut String, input: &str) {
    for piece in utf8_percent_encode(input, ESCAPED) {
        out.push_str(piece);
    }
}

/// Joins pairs as `enc(key)=enc(value)` with `&`, in the order given.
///
/// Used for form bodies, whose order does not matter to the service; signing wants [`canonical_query`].
pub fn encode_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    encode_refs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
}

/// The canonical query string: pairs sorted by raw (unencoded) key bytes, then `enc(key)=enc(value)` joined
/// with `&`.
///
/// Sorting the raw bytes, not the encoded text or a natural order, is what the gateway does: `CallingNumber.10`
/// sorts before `CallingNumber.2`, upper case before lower case. Pairs with the same key (which well-formed
/// requests never have) are ordered by value so the result is still deterministic.
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut sorted: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    sorted.sort_unstable_by(|a, b| {
        a.0.as_bytes()
            .cmp(b.0.as_bytes())
            .then_with(|| a.1.cmp(b.1))
    });
    encode_refs(sorted)
}

fn encode_refs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::with_capacity(256);
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode_into(&mut out, key);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{canonical_query, encode, encode_pairs};

    #[test]
    fn unreserved_characters_are_kept() {
        let unreserved = "ABCXYZabcxyz0189-_.~";
        assert_eq!(encode(unreserved), unreserved);
    }

    #[test]
    fn reserved_ascii_is_escaped_with_upper_case_hex() {
        assert_eq!(encode(" "), "%20");
        assert_eq!(encode("*"), "%2A");
        assert_eq!(encode("/"), "%2F");
        assert_eq!(encode("+"), "%2B");
        assert_eq!(encode("&=%"), "%26%3D%25");
        assert_eq!(encode("a b*c~d"), "a%20b%2Ac~d");
        assert_eq!(encode("{\"k\":1}"), "%7B%22k%22%3A1%7D");
        assert_eq!(encode("\n\t"), "%0A%09");
    }

    #[test]
    fn non_ascii_is_escaped_byte_by_byte() {
        // U+1F600 GRINNING FACE is F0 9F 98 80 in UTF-8: four escapes.
        assert_eq!(encode("😀"), "%F0%9F%98%80");
        // 阿 is U+963F = E9 98 BF, 里 is U+91CC = E9 87 8C.
        assert_eq!(encode("阿里"), "%E9%98%BF%E9%87%8C");
        // é is U+00E9 = C3 A9.
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn empty_input_stays_empty() {
        assert_eq!(encode(""), "");
        assert_eq!(canonical_query::<&str, &str>(&[]), "");
    }

    #[test]
    fn canonical_query_sorts_by_raw_key_bytes() {
        let pairs = [
            ("CallingNumber.2", "b"),
            ("CallingNumber.10", "j"),
            ("CallingNumber.1", "a"),
            ("name", "lower"),
            ("Name", "upper"),
        ];
        assert_eq!(
            canonical_query(&pairs),
            "CallingNumber.1=a&CallingNumber.10=j&CallingNumber.2=b&Name=upper&name=lower"
        );
    }

    #[test]
    fn canonical_query_encodes_keys_and_values_and_keeps_empty_values() {
        let pairs = [("b", "x y"), ("a", ""), ("c+", "1&2=3")];
        assert_eq!(canonical_query(&pairs), "a=&b=x%20y&c%2B=1%262%3D3");
    }

    #[test]
    fn encode_pairs_keeps_the_given_order() {
        let pairs = vec![
            ("z".to_owned(), "1".to_owned()),
            ("a".to_owned(), "*".to_owned()),
        ];
        assert_eq!(encode_pairs(&pairs), "z=1&a=%2A");
    }
}
