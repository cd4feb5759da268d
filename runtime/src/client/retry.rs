//! When to try a request again, and how long to wait first: capped exponential backoff with full jitter,
//! bounded in count and in total time, and the server's `Retry-After` when it sends one.
//!
//! Everything here is pure (randomness is passed in) so the arithmetic is tested without sleeping.

use std::time::Duration;

/// How a [`super::Client`] retries a call that got no answer or a "try again later" answer.
///
/// Retried: connection failures, timeouts, connections closed or reset before a full answer, HTTP 429 and
/// 5xx except 501, and error answers whose `Code` is a throttling code (`Throttling…`,
/// `ServiceUnavailable`; see [`crate::response::is_retryable`]). Anything else is returned at once.
///
/// Retry number `n` (0-based) waits a random time in `[0, min(max_delay, base_delay × 2ⁿ)]` ("full
/// jitter", so that many clients throttled together do not come back together), or exactly the answer's
/// `Retry-After` seconds when it has one. No retry is started once `max_elapsed` has passed since the first
/// attempt began, a jittered wait is shortened so the retry starts by then, and a `Retry-After` longer than
/// what is left of `max_elapsed` ends the retries at once (coming back earlier than the server asked would
/// only be refused again). So a call takes at most about `max_elapsed` plus one attempt's timeout.
///
/// Each retry is signed afresh (new nonce and timestamp), so it is a new request to the service. An attempt
/// that timed out or lost its connection may still have been carried out; use [`RetryPolicy::none`] for
/// operations that must not run twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Most retries after the first attempt (so at most `max_retries + 1` attempts).
    pub max_retries: u32,
    /// The backoff ceiling before the first retry; it doubles for each further retry.
    pub base_delay: Duration,
    /// The backoff ceiling never grows past this.
    pub max_delay: Duration,
    /// No retry starts later than this after the first attempt began.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// 3 retries, backoff ceilings 200 ms, 400 ms, 800 ms (at most 5 s), within 20 s.
    pub const DEFAULT: Self = Self {
        max_retries: 3,
        base_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(5),
        max_elapsed: Duration::from_secs(20),
    };

    /// One attempt, never retried.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::DEFAULT
        }
    }

    /// The longest wait before retry number `retry` (0-based): `min(max_delay, base_delay × 2^retry)`,
    /// saturating instead of overflowing.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        2u32.checked_pow(retry)
            .and_then(|factor| self.base_delay.checked_mul(factor))
            .map_or(self.max_delay, |delay| delay.min(self.max_delay))
    }

    /// Whether to make retry number `retries_done` (0-based) of a call that began `elapsed` ago, and after
    /// how long. `retry_after` is the failed answer's `Retry-After`; `random` is a uniformly random number
    /// that picks the jittered wait.
    pub(crate) fn decide(
        &self,
        retries_done: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
        random: u64,
    ) -> Decision {
        if retries_done >= self.max_retries {
            return Decision::GiveUp(Stop::RetryLimit);
        }
        let remaining = self.max_elapsed.saturating_sub(elapsed);
        if remaining.is_zero() {
            return Decision::GiveUp(Stop::TimeBudget);
        }
        match retry_after {
            Some(wait) if wait > remaining => Decision::GiveUp(Stop::RetryAfter(wait)),
            Some(wait) => Decision::Retry(wait),
            None => Decision::Retry(
                full_jitter(self.backoff_ceiling(retries_done), random).min(remaining),
            ),
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What [`RetryPolicy::decide`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Wait this long, then try again.
    Retry(Duration),
    /// Stop and report the last outcome.
    GiveUp(Stop),
}

/// Why the retries stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// `max_retries` retries were made.
    RetryLimit,
    /// `max_elapsed` has passed.
    TimeBudget,
    /// The server asked to wait longer than what is left of `max_elapsed`.
    RetryAfter(Duration),
}

impl Stop {
    /// Why, in words, for error messages.
    pub(crate) fn describe(self, policy: &RetryPolicy) -> String {
        match self {
            Self::RetryLimit => format!("retry limit of {} reached", policy.max_retries),
            Self::TimeBudget => format!("retry time budget of {:?} spent", policy.max_elapsed),
            Self::RetryAfter(wait) => format!(
                "the server asked to wait {wait:?}, more than is left of the {:?} retry budget",
                policy.max_elapsed
            ),
        }
    }
}

/// A wait in `[0, ceiling]` picked by `random`: `ceiling × random / 2⁶⁴`, in nanoseconds, so equal
/// randoms give equal waits and the extremes map to the bounds.
pub(crate) fn full_jitter(ceiling: Duration, random: u64) -> Duration {
    let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    // (ceiling + 1) × random / 2⁶⁴ lies in [0, ceiling] and fits in u64.
    let scaled = ((u128::from(ceiling_nanos) + 1) * u128::from(random)) >> 64;
    Duration::from_nanos(u64::try_from(scaled).unwrap_or(ceiling_nanos))
}

/// A random number for [`full_jitter`]. If the operating system has no randomness to give, the wait falls
/// back to the full ceiling: slower, never faster, than jittered.
pub(crate) fn jitter_random() -> u64 {
    getrandom::u64().unwrap_or(u64::MAX)
}

/// The longest `Retry-After` taken literally (a day); larger values are clamped so that adding it to an
/// instant cannot overflow. Any such value is beyond every sensible budget anyway.
const RETRY_AFTER_CLAMP: u64 = 86_400;

/// Reads a `Retry-After` value in its seconds form (`"3"`). The HTTP-date form and anything malformed give
/// `None`, and the ordinary backoff applies.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // All digits: the only parse failure left is overflow, which is a very long wait.
    let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
    Some(Duration::from_secs(seconds.min(RETRY_AFTER_CLAMP)))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Decision, RetryPolicy, Stop, full_jitter, parse_retry_after};

    const MS: Duration = Duration::from_millis(1);

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 5,
            base_delay: 100 * MS,
            max_delay: 1000 * MS,
            max_elapsed: 10_000 * MS,
        }
    }

    #[test]
    fn ceiling_doubles_then_caps() {
        let p = policy();
        let ceilings: Vec<Duration> = (0..6).map(|n| p.backoff_ceiling(n)).collect();
        assert_eq!(
            ceilings,
            [100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS]
        );
    }

    #[test]
    fn ceiling_saturates_for_huge_retry_numbers() {
        let p = RetryPolicy {
            base_delay: Duration::from_secs(u64::MAX / 2),
            max_delay: Duration::MAX,
            ..policy()
        };
        assert_eq!(p.backoff_ceiling(40), Duration::MAX);
        assert_eq!(policy().backoff_ceiling(u32::MAX), 1000 * MS);
    }

    #[test]
    fn full_jitter_covers_zero_to_ceiling() {
        let ceiling = 800 * MS;
        assert_eq!(full_jitter(ceiling, 0), Duration::ZERO);
        assert_eq!(full_jitter(ceiling, u64::MAX), ceiling);
        assert_eq!(full_jitter(ceiling, u64::MAX / 2), 400 * MS);
        assert_eq!(full_jitter(ceiling, u64::MAX / 4), 200 * MS);
        assert_eq!(full_jitter(Duration::ZERO, u64::MAX), Duration::ZERO);
        assert_eq!(
            full_jitter(Duration::MAX, u64::MAX).as_nanos(),
            u128::from(u64::MAX)
        );
        // Monotonic in the random number, and never above the ceiling.
        let mut previous = Duration::ZERO;
        for i in 0..=64u32 {
            let random = u64::MAX.checked_shr(64 - i).unwrap_or(0);
            let wait = full_jitter(ceiling, random);
            assert!(wait >= previous && wait <= ceiling, "{i}: {wait:?}");
            previous = wait;
        }
    }

    #[test]
    fn decide_grows_with_each_retry_and_is_jittered() {
        let p = policy();
        let top = |n| p.decide(n, Duration::ZERO, None, u64::MAX);
        assert_eq!(top(0), Decision::Retry(100 * MS));
        assert_eq!(top(1), Decision::Retry(200 * MS));
        assert_eq!(top(3), Decision::Retry(800 * MS));
        assert_eq!(top(4), Decision::Retry(1000 * MS));
        assert_eq!(
            p.decide(2, Duration::ZERO, None, 0),
            Decision::Retry(Duration::ZERO)
        );
        assert_eq!(
            p.decide(2, Duration::ZERO, None, u64::MAX / 2),
            Decision::Retry(200 * MS)
        );
    }

    #[test]
    fn decide_stops_at_the_retry_limit() {
        let p = policy();
        assert_eq!(
            p.decide(5, Duration::ZERO, None, 0),
            Decision::GiveUp(Stop::RetryLimit)
        );
        assert_eq!(
            RetryPolicy::none().decide(0, Duration::ZERO, None, 0),
            Decision::GiveUp(Stop::RetryLimit)
        );
    }

    #[test]
    fn decide_respects_the_time_budget() {
        let p = policy();
        assert_eq!(
            p.decide(0, 10_000 * MS, None, 0),
            Decision::GiveUp(Stop::TimeBudget)
        );
        assert_eq!(
            p.decide(0, 20_000 * MS, None, 0),
            Decision::GiveUp(Stop::TimeBudget)
        );
        // A jittered wait is shortened to what is left.
        assert_eq!(
            p.decide(4, 9_950 * MS, None, u64::MAX),
            Decision::Retry(50 * MS)
        );
    }

    #[test]
    fn decide_uses_retry_after_exactly_within_the_budget() {
        let p = policy();
        // Longer than the backoff ceiling, and not jittered.
        assert_eq!(
            p.decide(0, Duration::ZERO, Some(3000 * MS), 0),
            Decision::Retry(3000 * MS)
        );
        assert_eq!(
            p.decide(0, 9_000 * MS, Some(1000 * MS), 0),
            Decision::Retry(1000 * MS)
        );
        assert_eq!(
            p.decide(0, 9_000 * MS, Some(1001 * MS), 0),
            Decision::GiveUp(Stop::RetryAfter(1001 * MS))
        );
        assert_eq!(
            p.decide(5, Duration::ZERO, Some(MS), 0),
            Decision::GiveUp(Stop::RetryLimit)
        );
    }

    #[test]
    fn retry_after_seconds_form() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_retry_after("99999999999999999999999"),
            Some(Duration::from_secs(86_400))
        );
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("1.5"), None);
        assert_eq!(parse_retry_after(""), None);
    }

    #[test]
    fn stop_reasons_read_well() {
        let p = policy();
        assert_eq!(Stop::RetryLimit.describe(&p), "retry limit of 5 reached");
        assert_eq!(
            Stop::TimeBudget.describe(&p),
            "retry time budget of 10s spent"
        );
        assert_eq!(
            Stop::RetryAfter(Duration::from_secs(60)).describe(&p),
            "the server asked to wait 60s, more than is left of the 10s retry budget"
        );
    }
}
