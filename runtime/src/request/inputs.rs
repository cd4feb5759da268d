//! The two per-request values a signature depends on besides the parameters: a nonce and a timestamp.
//!
//! They are passed in rather than produced inside [`super::build_request`] so that building stays a pure
//! function: tests fix them and get byte-identical requests, production code calls
//! [`SigningInputs::fresh`].

use std::time::{SystemTime, UNIX_EPOCH};

use super::BuildError;
use crate::sign::lower_hex;

/// The nonce and timestamp that make one request's signature unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningInputs {
    nonce: String,
    timestamp: String,
}

impl SigningInputs {
    /// Fixed inputs, for reproducible requests in tests. `timestamp` must be UTC as `YYYY-MM-DDThh:mm:ssZ`;
    /// the gateway rejects a nonce it has seen within the last 15 minutes.
    pub fn new(nonce: impl Into<String>, timestamp: impl Into<String>) -> Self {
        Self {
            nonce: nonce.into(),
            timestamp: timestamp.into(),
        }
    }

    /// A random nonce (16 bytes from the operating system, as 32 lower-hex characters) and the current UTC
    /// time. Fails only if the operating system cannot supply random bytes.
    ///
    /// A clock set before 1970 yields `1970-01-01T00:00:00Z`, which the gateway will reject with a clear
    /// time-skew error rather than this crate panicking.
    pub fn fresh() -> Result<Self, BuildError> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|err| BuildError::NoRandomness {
            reason: err.to_string(),
        })?;
        Ok(Self {
            nonce: lower_hex(&bytes),
            timestamp: utc_timestamp(SystemTime::now()),
        })
    }

    /// The `SignatureNonce` / `x-acs-signature-nonce` value.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The `Timestamp` / `x-acs-date` value.
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }
}

/// Formats `time` as `YYYY-MM-DDThh:mm:ssZ` in UTC, the only form the gateway accepts.
pub(crate) fn utc_timestamp(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (year, month, day) = civil_from_days(secs / 86_400);
    let of_day = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// Converts days since 1970-01-01 to a proleptic Gregorian `(year, month, day)`.
///
/// Howard Hinnant's `civil_from_days`, restricted to non-negative day counts: count in 400-year eras
/// (146 097 days each) of years that start on 1 March, so the leap day falls at the end of the year.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Days from 0000-03-01 to 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097; // [0, 146096]
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // [0, 399]
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365]
    let month_from_march = (5 * day_of_year + 2) / 153; // [0, 11]
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // [1, 31]
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::{SigningInputs, civil_from_days, utc_timestamp};

    fn at(secs: u64) -> String {
        utc_timestamp(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn known_instants_format_correctly() {
        // Expected values from `date -u -d @SECS +%Y-%m-%dT%H:%M:%SZ` (GNU coreutils).
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(86_399), "1970-01-01T23:59:59Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(951_868_800), "2000-03-01T00:00:00Z");
        assert_eq!(at(1_456_231_584), "2016-02-23T12:46:24Z");
        assert_eq!(at(1_678_696_470), "2023-03-13T08:34:30Z");
        assert_eq!(at(1_698_315_752), "2023-10-26T10:22:32Z");
        assert_eq!(at(1_735_689_599), "2024-12-31T23:59:59Z");
        assert_eq!(at(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(at(4_107_542_400), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn civil_dates_across_leap_years() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(789), (1972, 2, 29));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_722), (2023, 12, 31));
    }

    #[test]
    fn civil_from_days_agrees_with_naive_day_counting_for_five_centuries() {
        let is_leap =
            |y: u64| (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        let (mut year, mut month, mut day) = (1970u64, 1u64, 1u64);
        for days in 0..200_000 {
            assert_eq!(civil_from_days(days), (year, month, day), "day {days}");
            let month_len = match month {
                2 if is_leap(year) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            day += 1;
            if day > month_len {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }

    #[test]
    fn fresh_inputs_have_the_expected_shapes_and_differ() {
        let a = SigningInputs::fresh().expect("OS randomness");
        let b = SigningInputs::fresh().expect("OS randomness");
        assert_eq!(a.nonce().len(), 32);
        assert!(
            a.nonce()
                .bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        );
        assert_ne!(a.nonce(), b.nonce());
        let ts = a.timestamp().as_bytes();
        assert_eq!(ts.len(), 20, "{}", a.timestamp());
        assert_eq!(
            (ts[4], ts[7], ts[10], ts[13], ts[16], ts[19]),
            (b'-', b'-', b'T', b':', b':', b'Z')
        );
        assert!(a.timestamp() >= "2024-01-01T00:00:00Z");
    }
}
