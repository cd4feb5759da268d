//! Reading the `Expiration` of temporary credentials: `2026-12-02T10:00:00Z`, UTC, the form STS, the ECS
//! metadata service and credentials URIs all use (the official libraries parse it with the layout
//! `2006-01-02T15:04:05Z` in Go and `%Y-%m-%dT%H:%M:%SZ` in Python). A few lines instead of a date crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Parses `YYYY-MM-DDThh:mm:ssZ` (UTC; fractional seconds such as `.000` are accepted and dropped).
/// Returns `None` for anything else, including dates before 1970 and impossible dates (`2026-02-30`).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use aliyun_rpc_runtime::credentials::parse_expiration;
///
/// assert_eq!(
///     parse_expiration("2016-02-23T12:46:24Z"),
///     Some(UNIX_EPOCH + Duration::from_secs(1_456_231_584))
/// );
/// assert_eq!(parse_expiration("2016-02-23 12:46:24"), None);
/// ```
pub fn parse_expiration(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let body = text.strip_suffix('Z')?;
    // Drop fractional seconds: `…:ss.fff`.
    let body = match body.split_once('.') {
        Some((whole, fraction))
            if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            whole
        }
        Some(_) => return None,
        None => body,
    };
    let b = body.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = &body[range];
        if digits.bytes().all(|c| c.is_ascii_digit()) {
            digits.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if year < 1970 || !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

fn days_in_month(year: u64, month: u64) -> u64 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date on or after it: Howard Hinnant's `days_from_civil`,
/// the inverse of the `civil_from_days` that formats timestamps in [`crate::request::SigningInputs`].
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    // Years start on 1 March so the leap day is the last day of the year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400; // [0, 399]
    let month_from_march = (month + 9) % 12; // March = 0
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1; // [0, 365]
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::parse_expiration;
    use crate::request::inputs::utc_timestamp;

    fn at(secs: u64) -> Option<std::time::SystemTime> {
        Some(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn known_instants() {
        assert_eq!(parse_expiration("1970-01-01T00:00:00Z"), at(0));
        assert_eq!(parse_expiration("2000-02-29T00:00:00Z"), at(951_782_400));
        assert_eq!(parse_expiration("2016-02-23T12:46:24Z"), at(1_456_231_584));
        assert_eq!(parse_expiration("2024-12-31T23:59:59Z"), at(1_735_689_599));
        assert_eq!(parse_expiration("2100-03-01T00:00:00Z"), at(4_107_542_400));
        assert_eq!(
            parse_expiration("2016-02-23T12:46:24.000Z"),
            at(1_456_231_584)
        );
        assert_eq!(
            parse_expiration(" 2016-02-23T12:46:24Z\n"),
            at(1_456_231_584)
        );
    }

    #[test]
    fn round_trips_with_the_request_formatter_for_a_century_of_days() {
        for day in (0..36_600u64).step_by(7) {
            let secs = day * 86_400 + (day * 3_337) % 86_400;
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(parse_expiration(&utc_timestamp(time)), Some(time), "{secs}");
        }
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "2026-12-02",
            "2026-12-02T10:00:00",
            "2026-12-02T10:00:00+08:00",
            "2026-12-02 10:00:00Z",
            "2026-13-02T10:00:00Z",
            "2026-02-30T10:00:00Z",
            "2025-02-29T10:00:00Z",
            "2026-12-02T24:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-12-02T10:00:00.Z",
            "2026-12-02T10:00:0xZ",
            "+026-12-02T10:00:00Z",
            "2026-12-02T10:00:00.12aZ",
        ] {
            assert_eq!(parse_expiration(bad), None, "{bad:?}");
        }
        assert!(parse_expiration("2024-02-29T10:00:00Z").is_some());
    }
}
