//! XML 1.0's `Char` production, for both directions: the decoder rejects characters outside it, `to_xml`
//! replaces them. Checked on bytes, since nearly all text is plain and must stay cheap to scan.

use std::borrow::Cow;

/// Whether XML 1.0 can carry `c` (raw or as a character reference).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether `text` might hold a forbidden character: a C0 control other than tab, LF, CR, or the byte
/// `0xEF` that starts U+FFFE and U+FFFF (and many allowed characters, which the slow path then accepts).
fn suspicious(text: &str) -> bool {
    text.bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF)
}

/// The first character of `text` that XML 1.0 does not allow.
pub(crate) fn first_forbidden(text: &str) -> Option<char> {
    if !suspicious(text) {
        return None;
    }
    text.chars().find(|c| !allowed(*c))
}

/// `text` with every character XML 1.0 does not allow replaced by U+FFFD.
pub(crate) fn replace_forbidden(text: &str) -> Cow<'_, str> {
    if first_forbidden(text).is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{first_forbidden, replace_forbidden};

    #[test]
    fn the_char_production() {
        for ok in [
            "",
            "plain",
            "\t\n\r",
            "阿里 😀",
            "\u{FFFD}\u{E000}\u{10FFFF}\u{D7FF}",
            "\u{EFFF}",
        ] {
            assert_eq!(first_forbidden(ok), None, "{ok:?}");
            assert!(matches!(
                replace_forbidden(ok),
                std::borrow::Cow::Borrowed(_)
            ));
        }
        for (bad, first) in [
            ("a\u{0}", '\u{0}'),
            ("\u{8}", '\u{8}'),
            ("x\u{B}\u{C}", '\u{B}'),
            ("\u{1F}", '\u{1F}'),
            ("\u{FFFE}", '\u{FFFE}'),
            ("é\u{FFFF}", '\u{FFFF}'),
        ] {
            assert_eq!(first_forbidden(bad), Some(first), "{bad:?}");
        }
        assert_eq!(replace_forbidden("a\u{0}b\u{FFFF}c"), "a\u{FFFD}b\u{FFFD}c");
    }
}
