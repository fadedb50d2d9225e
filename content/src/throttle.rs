//! Abuse limits (P2, SPEC §4.1) as pure functions of counts and the clock, which is handed in.
//! The edge keeps the counts in D1 (`edge/src/records/throttle.rs`, `records/staff_totp.rs`);
//! ARCHITECTURE.md ("Abuse limits") has the policy and its arithmetic.
//!
//! Two kinds of limit:
//! - **Windows of one minute** for login attempts: per source (a daily-keyed HMAC of the client
//!   address), per staff account, and a count of failures across the deployment. An attempt is
//!   *claimed* before the lookup it guards (one atomic D1 statement adds it and returns the
//!   count), so parallel attempts cannot all see a count under the limit; a successful attempt
//!   gives its claim back. A window ends by itself: nothing is locked for longer than a minute.
//! - **A growing delay** for authenticator codes: after [`TOTP_FREE_FAILURES`] consecutive
//!   wrong codes on an account, each further attempt waits for [`totp_delay_ms`] after the
//!   last failure, doubling from a minute up to a day. Only someone who knows the password can
//!   reach the code check, so this delay cannot be used by outsiders to lock anyone out.

use crate::time::{DAY_MS, MINUTE_MS, SECOND_MS};

/// Attempts counted together: one minute (`content::retention::RATE_LIMIT_WINDOW_MS`).
pub const WINDOW_MS: i64 = crate::retention::RATE_LIMIT_WINDOW_MS;
/// Failed attempts (and attempts in flight) per source and window before 429.
pub const PER_SOURCE: i64 = 5;
/// Failed password or code attempts per staff account and window, from any source, before 429.
pub const PER_ACCOUNT: i64 = 5;
/// Failures across the deployment in one window at which every source gets only
/// [`UNDER_ATTACK`] attempts per window.
pub const GLOBAL: i64 = 300;
/// Attempts per source and window while the deployment is under attack: still enough for a
/// person who mistypes once.
pub const UNDER_ATTACK: i64 = 2;

/// Consecutive wrong authenticator codes on an account before the growing delay starts.
pub const TOTP_FREE_FAILURES: i64 = 10;
/// The delay after the first failure beyond the free ones; it doubles with each further one.
pub const TOTP_FIRST_DELAY_MS: i64 = MINUTE_MS;
/// The longest delay: the account opens again at most a day after its last wrong code.
pub const TOTP_MAX_DELAY_MS: i64 = DAY_MS;

/// The window an instant falls in.
pub fn window(now_ms: i64) -> i64 {
    now_ms.div_euclid(WINDOW_MS)
}

/// The per-source limit in force, given the failures across the deployment this window.
pub fn source_limit(global_failures: i64) -> i64 {
    if global_failures >= GLOBAL {
        UNDER_ATTACK
    } else {
        PER_SOURCE
    }
}

/// Whether the `claimed`-th attempt of a window (counting itself) may go ahead.
pub fn within(claimed: i64, limit: i64) -> bool {
    claimed <= limit
}

/// Seconds until the window of `now_ms` has surely ended, for `Retry-After`.
pub fn retry_after(now_ms: i64) -> u32 {
    let rest = WINDOW_MS - now_ms.rem_euclid(WINDOW_MS);
    (rest / SECOND_MS + 1) as u32
}

/// How long an account waits after its `failures`-th consecutive wrong authenticator code:
/// nothing for the first [`TOTP_FREE_FAILURES`] − 1, then a minute, doubling up to a day.
pub fn totp_delay_ms(failures: i64) -> i64 {
    if failures < TOTP_FREE_FAILURES {
        return 0;
    }
    // 2^11 minutes is already past a day; the shift never overflows.
    let doublings = (failures - TOTP_FREE_FAILURES).min(11);
    (TOTP_FIRST_DELAY_MS << doublings).min(TOTP_MAX_DELAY_MS)
}

/// `None` when an account with `failures` consecutive wrong codes, the last at
/// `last_failure_ms`, may try a code at `now_ms`; otherwise the seconds to wait.
pub fn totp_wait(failures: i64, last_failure_ms: Option<i64>, now_ms: i64) -> Option<u32> {
    let last = last_failure_ms?;
    let open_at = last.saturating_add(totp_delay_ms(failures));
    (now_ms < open_at).then(|| seconds(open_at - now_ms))
}

/// Whole seconds, rounded up, at least 1.
fn seconds(ms: i64) -> u32 {
    let s = (ms + SECOND_MS - 1) / SECOND_MS;
    s.clamp(1, i64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_limit_tightens_only_under_attack() {
        assert_eq!(source_limit(0), PER_SOURCE);
        assert_eq!(source_limit(GLOBAL - 1), PER_SOURCE);
        assert_eq!(source_limit(GLOBAL), UNDER_ATTACK);
        assert!(within(PER_SOURCE, PER_SOURCE));
        assert!(!within(PER_SOURCE + 1, PER_SOURCE));
    }

    #[test]
    fn retry_after_counts_to_the_end_of_the_window() {
        assert_eq!(retry_after(0), 61);
        assert_eq!(retry_after(59_500), 1);
        assert_eq!(retry_after(30_000), 31);
        assert_eq!(window(59_999), 0);
        assert_eq!(window(60_000), 1);
    }

    #[test]
    fn the_totp_delay_starts_after_ten_failures_and_doubles_up_to_a_day() {
        for n in 0..TOTP_FREE_FAILURES {
            assert_eq!(totp_delay_ms(n), 0, "{n}");
        }
        assert_eq!(totp_delay_ms(10), MINUTE_MS);
        assert_eq!(totp_delay_ms(11), 2 * MINUTE_MS);
        assert_eq!(totp_delay_ms(20), 1024 * MINUTE_MS);
        assert_eq!(totp_delay_ms(21), DAY_MS);
        assert_eq!(totp_delay_ms(1_000_000), DAY_MS);
        // The arithmetic of ARCHITECTURE.md: failures 11 to 21 take 2047 minutes of waiting,
        // after which one code a day can be tried.
        let waited: i64 = (10..21).map(totp_delay_ms).sum();
        assert_eq!(waited, 2047 * MINUTE_MS);
    }

    #[test]
    fn totp_wait_counts_from_the_last_failure() {
        let t = 1_000_000_000;
        assert_eq!(totp_wait(9, Some(t), t), None);
        assert_eq!(totp_wait(10, None, t), None);
        assert_eq!(totp_wait(10, Some(t), t), Some(60));
        assert_eq!(totp_wait(10, Some(t), t + 59_001), Some(1));
        assert_eq!(totp_wait(10, Some(t), t + MINUTE_MS), None);
        assert_eq!(totp_wait(12, Some(t), t + MINUTE_MS), Some(180));
    }
}
