//! Retention and lifetime limits (SPEC P9, P2, §3.8, §4.1) as pure functions of the clock.
//! Every time limit of the edge is a constant here, so the per-request checks, the answers that
//! show an expiry and the daily retention job read the same number.
//!
//! One rule for every limit: a thing is expired once its age reaches the limit
//! (`now − t ≥ limit`). "Valid 15 minutes" means valid for the 15 minutes `[t, t + 15 min)`;
//! at 15:00 it is gone. The same rule, written as a cutoff, is what the daily retention job
//! deletes: everything whose reference time is **at or before** the cutoff
//! (`WHERE t <= ?cutoff`). The predicates below are defined through [`Cutoffs`], so the
//! per-request checks and the job can never disagree by a millisecond.

use crate::time::{
    DAY_MS, HOUR_MS, MINUTE_MS, add_years, civil_from_days, days_from_civil, is_leap_year,
};

/// A session ends after 30 minutes without a request (SPEC §4.1; used for staff and end
/// users alike: both see health data).
pub const SESSION_IDLE_MS: i64 = 30 * MINUTE_MS;
/// A session ends 12 hours after login however active it is.
pub const SESSION_ABSOLUTE_MS: i64 = 12 * HOUR_MS;
/// A device-link code works for 15 minutes (and once).
pub const DEVICE_LINK_TTL_MS: i64 = 15 * MINUTE_MS;
/// A new code from "change code" must be typed back within 15 minutes; after that it is
/// dropped and the old code stays (SPEC §3.8).
pub const PENDING_CODE_TTL_MS: i64 = 15 * MINUTE_MS;
/// A staff invitation works for 7 days (and once).
pub const INVITE_TTL_MS: i64 = 7 * DAY_MS;
/// A session's `last_seen_at` is written at most once a minute: a D1 write on every request
/// would cost more than a minute of slack on the 30-minute idle limit is worth.
pub const SESSION_TOUCH_AFTER_MS: i64 = MINUTE_MS;
/// A device clock may be off: a response whose `completed_at` is further in the future than
/// this is refused.
pub const COMPLETED_AT_MAX_SKEW_MS: i64 = DAY_MS;
/// Failed attempts are counted per client (and globally) in windows of one minute (P2).
pub const RATE_LIMIT_WINDOW_MS: i64 = MINUTE_MS;
/// Rate-limit keys (HMAC of the IP under a daily secret) are kept at most 24 hours (P2).
pub const RATE_LIMIT_KEY_MAX_AGE_MS: i64 = 24 * HOUR_MS;
/// Feedback's text is erased when handled; the whole message (kind and dates) at the latest
/// after 90 days.
pub const FEEDBACK_MAX_AGE_DAYS: i64 = 90;
/// A card-purchase claim not exchanged for a code within 30 days is deleted (paid or not: the
/// refund, if any, is the payment provider's, which never knew the claim token).
pub const PURCHASE_CLAIM_TTL_MS: i64 = 30 * DAY_MS;
/// A code not used to log in for 5 calendar years is deactivated and its data erased.
pub const CODE_UNUSED_YEARS: i32 = 5;

/// The cutoffs at one instant: whatever has its reference time at or before a cutoff is
/// expired (and purged by the retention job).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Codes whose last login (or issue time, if never used) is at or before this:
    /// deactivated, data erased. The same instant five calendar years earlier.
    pub code_unused_cutoff_ms: i64,
    /// Feedback created at or before this: erased.
    pub feedback_cutoff_ms: i64,
    /// Sessions last seen at or before this: idle too long.
    pub session_idle_cutoff_ms: i64,
    /// Sessions created at or before this: past the absolute limit.
    pub session_created_cutoff_ms: i64,
    /// Device-link codes created at or before this: expired.
    pub device_link_cutoff_ms: i64,
    /// Pending codes (change code, not yet confirmed) created at or before this: expired.
    pub pending_code_cutoff_ms: i64,
    /// Staff invitations created at or before this: expired.
    pub invite_cutoff_ms: i64,
    /// Rate-limit keys created at or before this: purged.
    pub rate_limit_cutoff_ms: i64,
}

impl Cutoffs {
    pub fn at(now_ms: i64) -> Self {
        Self {
            code_unused_cutoff_ms: years_before(now_ms, CODE_UNUSED_YEARS),
            feedback_cutoff_ms: now_ms.saturating_sub(FEEDBACK_MAX_AGE_DAYS * DAY_MS),
            session_idle_cutoff_ms: now_ms.saturating_sub(SESSION_IDLE_MS),
            session_created_cutoff_ms: now_ms.saturating_sub(SESSION_ABSOLUTE_MS),
            device_link_cutoff_ms: now_ms.saturating_sub(DEVICE_LINK_TTL_MS),
            pending_code_cutoff_ms: now_ms.saturating_sub(PENDING_CODE_TTL_MS),
            invite_cutoff_ms: now_ms.saturating_sub(INVITE_TTL_MS),
            rate_limit_cutoff_ms: now_ms.saturating_sub(RATE_LIMIT_KEY_MAX_AGE_MS),
        }
    }
}

/// The same instant `years` calendar years before `now_ms`, made monotone in `now_ms`.
///
/// [`add_years`] maps February 29 to February 28 at the same time of day, so during a leap
/// day it would step *back* by a day from where it was at the end of February 28; a code
/// erased on the 28th would then count as alive again. During February 29 the cutoff is
/// therefore held at the end of February 28 of the earlier year.
fn years_before(now_ms: i64, years: i32) -> i64 {
    let (y, m, d) = civil_from_days(now_ms.div_euclid(DAY_MS));
    let target_year = y - i64::from(years);
    if m == 2 && d == 29 && !is_leap_year(target_year) {
        return days_from_civil(target_year, 3, 1) * DAY_MS - 1;
    }
    add_years(now_ms, -years)
}

/// Whether a session may still be used: less than 30 minutes since its last request and less
/// than 12 hours since login.
pub fn session_alive(created_ms: i64, last_seen_ms: i64, now_ms: i64) -> bool {
    let c = Cutoffs::at(now_ms);
    last_seen_ms > c.session_idle_cutoff_ms && created_ms > c.session_created_cutoff_ms
}

/// When the session ends if no further request comes (for the cookie's `Max-Age` and the
/// KV/D1 expiry): the earlier of the idle and the absolute limit.
pub fn session_expires_at_ms(created_ms: i64, last_seen_ms: i64) -> i64 {
    last_seen_ms
        .saturating_add(SESSION_IDLE_MS)
        .min(created_ms.saturating_add(SESSION_ABSOLUTE_MS))
}

/// Whether a device-link code created at `created_ms` may still be redeemed (it must also be
/// unused; that is state, not time).
pub fn device_link_valid(created_ms: i64, now_ms: i64) -> bool {
    created_ms > Cutoffs::at(now_ms).device_link_cutoff_ms
}

/// When a device-link code created at `created_ms` stops working (the `expires_at` shown).
pub fn device_link_expires_at_ms(created_ms: i64) -> i64 {
    created_ms.saturating_add(DEVICE_LINK_TTL_MS)
}

/// Whether a staff invitation created at `created_ms` may still be used (it must also be
/// unused; that is state, not time).
pub fn invite_valid(created_ms: i64, now_ms: i64) -> bool {
    created_ms > Cutoffs::at(now_ms).invite_cutoff_ms
}

/// When a staff invitation created at `created_ms` stops working (the `expires_at` shown).
pub fn invite_expires_at_ms(created_ms: i64) -> i64 {
    created_ms.saturating_add(INVITE_TTL_MS)
}

/// Whether a pending code made at `created_ms` may still be confirmed.
pub fn pending_code_valid(created_ms: i64, now_ms: i64) -> bool {
    created_ms > Cutoffs::at(now_ms).pending_code_cutoff_ms
}

/// When a pending code made at `created_ms` stops working (the `expires_at` the user is shown):
/// the first instant at which [`pending_code_valid`] is false.
pub fn pending_code_expires_at_ms(created_ms: i64) -> i64 {
    created_ms.saturating_add(PENDING_CODE_TTL_MS)
}

/// Whether a code whose last login (or issue, if never used) was at `last_login_or_issued_ms`
/// has gone unused for 5 years and must be deactivated and erased.
pub fn code_expired(last_login_or_issued_ms: i64, now_ms: i64) -> bool {
    last_login_or_issued_ms <= Cutoffs::at(now_ms).code_unused_cutoff_ms
}

/// Whether feedback created at `created_ms` must be erased even if not handled yet.
pub fn feedback_expired(created_ms: i64, now_ms: i64) -> bool {
    created_ms <= Cutoffs::at(now_ms).feedback_cutoff_ms
}

/// Why a response's `completed_at` cannot be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletedAtError {
    /// Before the code it was sent with was issued: it cannot have been answered then, and it
    /// would land in a month's statistics it does not belong to.
    BeforeIssue,
    /// Later than the edge clock plus [`COMPLETED_AT_MAX_SKEW_MS`] (a device clock ahead).
    InTheFuture,
}

/// The span a response's completion time may fall in: from the instant the code was issued to
/// the edge clock plus [`COMPLETED_AT_MAX_SKEW_MS`].
pub fn completed_at_check(
    completed_ms: i64,
    issued_ms: i64,
    now_ms: i64,
) -> Result<(), CompletedAtError> {
    if completed_ms < issued_ms {
        Err(CompletedAtError::BeforeIssue)
    } else if completed_ms > now_ms.saturating_add(COMPLETED_AT_MAX_SKEW_MS) {
        Err(CompletedAtError::InTheFuture)
    } else {
        Ok(())
    }
}

/// Whether a rate-limit key first written at `created_ms` must be purged.
pub fn rate_limit_key_expired(created_ms: i64, now_ms: i64) -> bool {
    created_ms <= Cutoffs::at(now_ms).rate_limit_cutoff_ms
}
