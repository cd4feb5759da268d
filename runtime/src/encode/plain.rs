//! Whether a string can be copied into the output as it is, checked eight bytes at a time.
//!
//! Nearly every name and value the writer sees needs no escape, so this check is the writer's hot loop. It
//! tests a whole `u64` word per step with the classic bit tricks ("determine if a word has a byte less
//! than n", Hacker's Delight / Bit Twiddling Hacks): exact as a yes/no answer for the word, never a false
//! "plain". A `false` only sends the string down the careful path, which is always right on its own.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Nonzero when some byte of `word` is below `n` (`n <= 0x80`; bytes `0x80..` never count).
#[inline(always)]
const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * n as u64) & !word & HIGHS
}

/// Nonzero when some byte of `word` equals `byte`.
#[inline(always)]
const fn holds(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * byte as u64), 1)
}

/// Eight bytes of `b'a'`, which no check hits: the filler of a short string's word.
const PAD: u64 = ONES * b'a' as u64;

/// Whether no word of `text` hits. Full words are read in turn and the last eight bytes once more
/// (overlapping is harmless for a yes/no answer); a shorter string is read as one padded word, without a
/// call to `memcpy` for its variable length.
#[inline(always)]
fn no_hit(text: &[u8], hit: impl Fn(u64) -> u64) -> bool {
    if let Some(last) = text.last_chunk::<8>() {
        let mut words = text.chunks_exact(8);
        for chunk in &mut words {
            if let Some(word) = chunk.first_chunk::<8>()
                && hit(u64::from_ne_bytes(*word)) != 0
            {
                return false;
            }
        }
        return words.remainder().is_empty() || hit(u64::from_ne_bytes(*last)) == 0;
    }
    hit(short_word(text)) == 0
}

/// The bytes of `text` (fewer than eight) in one word, padded with `b'a'`.
#[inline(always)]
fn short_word(text: &[u8]) -> u64 {
    if let (Some(first), Some(last)) = (text.first_chunk::<4>(), text.last_chunk::<4>()) {
        // Four to seven bytes: two overlapping halves cover them all.
        return u64::from(u32::from_ne_bytes(*first)) | u64::from(u32::from_ne_bytes(*last)) << 32;
    }
    match text {
        [] => PAD,
        // One to three bytes: the first, middle and last cover them all.
        [first, .., last] | [first @ last] => {
            let middle = text[text.len() / 2];
            (PAD & !0xFF_FFFF) | u64::from(*first) | u64::from(middle) << 8 | u64::from(*last) << 16
        }
    }
}

/// A JSON string's content needing no escape: no control character, `"` or `\`.
#[inline]
pub(super) fn json(text: &str) -> bool {
    no_hit(text.as_bytes(), |w| {
        below(w, 0x20) | holds(w, b'"') | holds(w, b'\\')
    })
}

/// XML text needing neither an escape nor a replacement: no `<`, `>`, `&`, no control character (even tab
/// and line breaks, which the careful path keeps), no `0xEF` (the lead byte of U+FFFE and U+FFFF, and of
/// many allowed characters, which the careful path then keeps).
#[inline]
pub(super) fn xml(text: &str) -> bool {
    no_hit(text.as_bytes(), |w| {
        below(w, 0x20) | holds(w, b'<') | holds(w, b'>') | holds(w, b'&') | holds(w, 0xEF)
    })
}

#[cfg(test)]
mod tests {
    use super::no_hit;

    fn json_bytes(text: &[u8]) -> bool {
        no_hit(text, |w| {
            super::below(w, 0x20) | super::holds(w, b'"') | super::holds(w, b'\\')
        })
    }

    fn xml_bytes(text: &[u8]) -> bool {
        no_hit(text, |w| {
            super::below(w, 0x20)
                | super::holds(w, b'<')
                | super::holds(w, b'>')
                | super::holds(w, b'&')
                | super::holds(w, 0xEF)
        })
    }

    /// Every byte value at every position of every length up to two words and a bit, among plain bytes
    /// (ASCII and the UTF-8 continuation and lead bytes around the special ones): the word check answers
    /// exactly as the byte-by-byte rule.
    #[test]
    fn word_checks_match_the_byte_rules_exactly() {
        for len in 1..=19 {
            for at in 0..len {
                for filler in [b'a', b'~', 0x80, 0xEE, 0xF0, 0xFF] {
                    for byte in 0..=255u8 {
                        let mut text = vec![filler; len];
                        text[at] = byte;
                        let json = !(byte < 0x20 || byte == b'"' || byte == b'\\');
                        let xml = !(byte < 0x20 || matches!(byte, b'<' | b'>' | b'&' | 0xEF));
                        assert_eq!(json_bytes(&text), json, "JSON {text:?}");
                        assert_eq!(xml_bytes(&text), xml, "XML {text:?}");
                    }
                }
            }
        }
        assert!(json_bytes(b"") && xml_bytes(b""));
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_judged_as_the_byte_rules_judge_it(text in "\\PC*|[\\x00-\\x7f]{0,40}") {
            let bytes = text.as_bytes();
            let json = bytes.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\');
            let xml = bytes.iter().all(|&b| b >= 0x20 && !matches!(b, b'<' | b'>' | b'&' | 0xEF));
            proptest::prop_assert_eq!(super::json(&text), json);
            proptest::prop_assert_eq!(super::xml(&text), xml);
        }
    }
}
