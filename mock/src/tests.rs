//! Unit tests of the mock's internals. Whole requests are tested in `runtime/tests/mock_service.rs` (sans-IO)
//! and `runtime/tests/mock_server.rs` (over TCP).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::envelope::{Reject, request_id, xml_text};
use super::replay::{CAPACITY, NonceCache};
use super::wire::{parse_pairs, parse_timestamp, within};

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn timestamps_parse_to_the_right_instant() {
    // The same instants `request::inputs` formats, read back.
    for (text, secs) in [
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T23:59:59Z", 86_399),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("2000-03-01T00:00:00Z", 951_868_800),
        ("2016-02-23T12:46:24Z", 1_456_231_584),
        ("2023-10-26T10:22:32Z", 1_698_315_752),
        ("2024-12-31T23:59:59Z", 1_735_689_599),
        ("2100-02-28T23:59:59Z", 4_107_542_399),
        ("2100-03-01T00:00:00Z", 4_107_542_400),
    ] {
        assert_eq!(parse_timestamp(text), Some(at(secs)), "{text}");
    }
}

#[test]
fn timestamps_in_other_forms_or_out_of_range_are_refused() {
    for text in [
        "",
        "2023-10-26T10:22:32",
        "2023-10-26T10:22:32z",
        "2023-10-26 10:22:32Z",
        "2023-10-26T10:22:32.5Z",
        "2023-1-26T10:22:32Z0",
        "+023-10-26T10:22:32Z",
        "2023-13-01T00:00:00Z",
        "2023-00-01T00:00:00Z",
        "2023-04-31T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2023-10-00T00:00:00Z",
        "2023-10-26T24:00:00Z",
        "2023-10-26T10:60:00Z",
        "2023-10-26T10:22:60Z",
        "1969-12-31T23:59:59Z",
        "２023-10-26T10:22:3Z",
    ] {
        assert_eq!(parse_timestamp(text), None, "{text:?}");
    }
    assert!(parse_timestamp("2024-02-29T00:00:00Z").is_some());
}

#[test]
fn within_is_symmetric_and_inclusive() {
    let window = Duration::from_secs(900);
    assert!(within(at(1000), at(1900), window));
    assert!(within(at(1900), at(1000), window));
    assert!(!within(at(1000), at(1901), window));
    assert!(!within(at(1901), at(1000), window));
}

#[test]
fn pairs_decode_percent_escapes_plus_and_odd_input() {
    assert_eq!(
        parse_pairs("a=1&b=x%20y&c=p+q&d&&e=%E9%98%BF&f=%2B%26%3D&=v"),
        [
            ("a", "1"),
            ("b", "x y"),
            ("c", "p q"),
            ("d", ""),
            ("e", "阿"),
            ("f", "+&="),
            ("", "v"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    // Invalid escapes stay as they are and invalid UTF-8 becomes U+FFFD; nothing panics.
    assert_eq!(
        parse_pairs("k=%ZZ%&x=%FF"),
        [("k", "%ZZ%"), ("x", "\u{FFFD}")].map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert!(parse_pairs("").is_empty());
}

#[test]
fn nonce_cache_refuses_replays_per_access_key() {
    let mut cache = NonceCache::default();
    let now = at(10_000);
    let expires = at(10_900);
    assert!(cache.insert("id", "n1", expires, now));
    assert!(!cache.insert("id", "n1", expires, now));
    assert!(cache.insert("other-id", "n1", expires, now));
    assert!(cache.insert("id", "n2", expires, now));
    assert_eq!(cache.len(), 3);
}

#[test]
fn nonce_cache_forgets_expired_requests_only() {
    let mut cache = NonceCache::default();
    assert!(cache.insert("id", "early", at(1_000), at(0)));
    assert!(cache.insert("id", "late", at(2_000), at(0)));
    // At the expiry instant itself the request could still pass the window, so the nonce is kept.
    assert!(!cache.insert("id", "early", at(1_000), at(1_000)));
    // A second later it is gone; the later one is kept.
    assert!(cache.insert("id", "fresh", at(3_000), at(1_001)));
    assert_eq!(cache.len(), 2);
    assert!(!cache.insert("id", "late", at(2_000), at(1_001)));
    assert!(cache.insert("id", "early", at(2_500), at(1_001)));
}

#[test]
fn nonce_cache_is_bounded() {
    let mut cache = NonceCache::default();
    let now = at(0);
    for n in 0..CAPACITY + 10 {
        // Later nonces expire later, so the first ones are evicted first.
        assert!(cache.insert("id", &n.to_string(), at(1_000 + n as u64), now));
    }
    assert_eq!(cache.len(), CAPACITY);
    assert!(cache.insert("id", "0", at(5_000_000), now));
    assert!(!cache.insert("id", &(CAPACITY + 9).to_string(), at(1), now));
}

#[test]
fn request_ids_look_like_the_service_s() {
    let a = request_id();
    let b = request_id();
    assert_ne!(a, b);
    for id in [a, b] {
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert!(
            id.chars()
                .all(|c| c == '-' || c.is_ascii_digit() || ('A'..='F').contains(&c))
        );
        assert_eq!(&id[14..15], "4", "version 4: {id}");
    }
}

#[test]
fn xml_text_escapes_markup() {
    assert_eq!(xml_text("a<b>&\"c\""), "a&lt;b&gt;&amp;\"c\"");
}

#[test]
fn xml_text_replaces_what_xml_cannot_carry() {
    assert_eq!(
        xml_text("\u{0}\u{1}\u{8}\u{B}\u{1F}|\u{FFFE}\u{FFFF}"),
        "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}|\u{FFFD}\u{FFFD}"
    );
    assert_eq!(xml_text("a\tb\nc\rd"), "a\tb\nc&#13;d");
    assert_eq!(
        xml_text("阿\u{FFFD}\u{10FFFF}\u{E000}"),
        "阿\u{FFFD}\u{10FFFF}\u{E000}"
    );
}

#[test]
fn pairs_record_text_that_is_not_utf8() {
    use super::wire::parse_pairs_checked;

    assert_eq!(parse_pairs_checked("a=%EF%BF%BD&b=%E9%98%BF").1, None);
    for (text, key) in [
        ("a=1&b=%FF&c=%FF", "b"),
        ("%FF=1", "\u{FFFD}"),
        ("a=%C0%80", "a"),
        ("a=%ED%A0%80", "a"),
        ("a=%EF%BF", "a"),
    ] {
        assert_eq!(parse_pairs_checked(text).1.as_deref(), Some(key), "{text}");
    }
}

#[test]
fn reasons_become_valid_bounded_header_values() {
    use super::envelope::Context;
    use aliyun_rpc_runtime::Format;

    let context = Context {
        request_id: "R".to_owned(),
        host_id: "h".to_owned(),
        format: Format::Json,
        product: None,
    };
    let mut reject = Reject::signature_mismatch("S", "line\nnext 阿\u{7f}".to_owned());
    let response = context.error(&reject);
    assert_eq!(
        response.headers()["x-mock-reason"],
        "line\\nnext \\u{963f}\\u{7f}"
    );

    reject.reason = "x".repeat(10_000);
    let response = context.error(&reject);
    assert_eq!(response.headers()["x-mock-reason"].len(), 4096 + 3);
    assert_eq!(response.status(), 400);
    assert!(!response.headers().contains_key("retry-after"));
}
