//! Abuse limits (P2, SPEC §4.1) as pure functions of counts and the clock, which is handed in.
//! The edge keeps the counts in D1 (`edge/src/records/throttle.rs`);
//! ARCHITECTURE.md ("Abuse limits") has the policy and its arithmetic.
//!
//! **Windows of one minute** for login attempts: per source (a daily-keyed HMAC of the client
//! address), per staff account, and a count of failures across the deployment. An attempt is
//! *claimed* before the lookup it guards (one atomic D1 statement adds it and returns the
//! count), so parallel attempts cannot all see a count under the limit; a successful attempt
//! gives its claim back. A window ends by itself: nothing is locked for longer than a minute.

use crate::time::SECOND_MS;

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
}
