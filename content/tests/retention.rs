//! `content::retention`: every limit at its exact edge (expired once the age reaches the
//! limit), five calendar years across leap days, and the cutoffs agreeing with the predicates.

use content::retention::{
    CODE_UNUSED_YEARS, Cutoffs, DEVICE_LINK_TTL_MS, FEEDBACK_MAX_AGE_DAYS, INVITE_TTL_MS,
    PENDING_CODE_TTL_MS, RATE_LIMIT_KEY_MAX_AGE_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS,
    code_expired, device_link_expires_at_ms, device_link_valid, feedback_expired,
    invite_expires_at_ms, invite_valid, pending_code_expires_at_ms, pending_code_valid,
    rate_limit_key_expired, session_alive, session_expires_at_ms,
};
use content::time::{DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, parse_ms};
use proptest::prelude::*;

fn at(s: &str) -> i64 {
    parse_ms(s).unwrap()
}

const T: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

#[test]
fn limits_are_the_spec_values() {
    assert_eq!(SESSION_IDLE_MS, 30 * 60 * 1000);
    assert_eq!(SESSION_ABSOLUTE_MS, 12 * 60 * 60 * 1000);
    assert_eq!(DEVICE_LINK_TTL_MS, 15 * 60 * 1000);
    assert_eq!(PENDING_CODE_TTL_MS, 15 * 60 * 1000);
    assert_eq!(RATE_LIMIT_KEY_MAX_AGE_MS, 24 * 60 * 60 * 1000);
    assert_eq!(FEEDBACK_MAX_AGE_DAYS, 90);
    assert_eq!(CODE_UNUSED_YEARS, 5);
}

#[test]
fn session_idle_29_59_is_alive_and_30_00_is_not() {
    let created = T;
    let seen = T + 5 * MINUTE_MS;
    assert!(session_alive(
        created,
        seen,
        seen + 29 * MINUTE_MS + 59 * SECOND_MS
    ));
    assert!(session_alive(created, seen, seen + 30 * MINUTE_MS - 1));
    assert!(!session_alive(created, seen, seen + 30 * MINUTE_MS));
}

#[test]
fn session_absolute_limit_is_12_hours_however_active() {
    let created = T;
    let end = T + 12 * HOUR_MS;
    // Last request a minute ago: idle is fine, only the absolute limit decides.
    assert!(session_alive(created, end - MINUTE_MS, end - 1));
    assert!(!session_alive(created, end - MINUTE_MS, end));
    assert_eq!(session_expires_at_ms(created, end - MINUTE_MS), end);
    assert_eq!(
        session_expires_at_ms(created, T + HOUR_MS),
        T + HOUR_MS + SESSION_IDLE_MS
    );
}

#[test]
fn device_link_is_valid_for_15_minutes() {
    assert!(device_link_valid(T, T));
    assert!(device_link_valid(T, T + 14 * MINUTE_MS + 59 * SECOND_MS));
    assert!(device_link_valid(T, T + 15 * MINUTE_MS - 1));
    assert!(!device_link_valid(T, T + 15 * MINUTE_MS));
    assert!(!device_link_valid(T, device_link_expires_at_ms(T)));
    assert_eq!(device_link_expires_at_ms(T), T + DEVICE_LINK_TTL_MS);
}

#[test]
fn an_invitation_is_valid_for_7_days_and_expires_at_its_expiry() {
    assert_eq!(INVITE_TTL_MS, 7 * DAY_MS);
    assert!(invite_valid(T, T));
    assert!(invite_valid(T, T + 7 * DAY_MS - 1));
    assert!(!invite_valid(T, T + 7 * DAY_MS));
    assert_eq!(invite_expires_at_ms(T), T + 7 * DAY_MS);
    assert!(!invite_valid(T, invite_expires_at_ms(T)));
}

#[test]
fn pending_code_is_valid_for_15_minutes_and_expires_at_its_expiry() {
    assert!(pending_code_valid(T, T));
    assert!(pending_code_valid(T, T + 15 * MINUTE_MS - 1));
    assert!(!pending_code_valid(T, T + 15 * MINUTE_MS));
    assert_eq!(pending_code_expires_at_ms(T), T + 15 * MINUTE_MS);
    assert!(!pending_code_valid(T, pending_code_expires_at_ms(T)));
}

#[test]
fn code_unused_for_5_years_to_the_day_expires() {
    let last_login = at("2020-06-15T10:00:00Z");
    assert!(!code_expired(last_login, at("2025-06-14T10:00:00Z")));
    assert!(!code_expired(last_login, at("2025-06-15T09:59:59.999Z")));
    assert!(code_expired(last_login, at("2025-06-15T10:00:00Z")));
    assert_eq!(
        Cutoffs::at(at("2025-06-15T10:00:00Z")).code_unused_cutoff_ms,
        last_login
    );
}

#[test]
fn code_last_used_on_a_leap_day_expires_at_the_start_of_march_1_five_years_on() {
    let leap_day = at("2020-02-29T10:00:00Z");
    assert!(!code_expired(leap_day, at("2025-02-28T23:59:59.999Z")));
    assert!(code_expired(leap_day, at("2025-03-01T00:00:00Z")));
}

#[test]
fn code_cutoff_does_not_step_back_during_a_leap_day() {
    // Hour by hour across 2024-02-28 … 2024-03-01: the cutoff never decreases, so a code
    // found expired (and erased) stays expired.
    let start = at("2024-02-28T00:00:00Z");
    let mut previous = i64::MIN;
    for h in 0..72 {
        let now = start + h * HOUR_MS;
        let cutoff = Cutoffs::at(now).code_unused_cutoff_ms;
        assert!(cutoff >= previous, "cutoff went back at hour {h}");
        previous = cutoff;
    }
    assert_eq!(
        Cutoffs::at(at("2024-02-29T09:00:00Z")).code_unused_cutoff_ms,
        at("2019-02-28T23:59:59.999Z")
    );
}

#[test]
fn feedback_is_kept_89_days_and_erased_at_90() {
    assert!(!feedback_expired(T, T + 89 * DAY_MS));
    assert!(!feedback_expired(T, T + 90 * DAY_MS - 1));
    assert!(feedback_expired(T, T + 90 * DAY_MS));
}

#[test]
fn rate_limit_keys_are_purged_at_24_hours() {
    assert!(!rate_limit_key_expired(T, T + 24 * HOUR_MS - 1));
    assert!(rate_limit_key_expired(T, T + 24 * HOUR_MS));
}

#[test]
fn cutoffs_are_now_minus_each_limit() {
    let now = at("2026-05-10T12:00:00Z");
    assert_eq!(
        Cutoffs::at(now),
        Cutoffs {
            code_unused_cutoff_ms: at("2021-05-10T12:00:00Z"),
            feedback_cutoff_ms: now - 90 * DAY_MS,
            session_idle_cutoff_ms: now - 30 * MINUTE_MS,
            session_created_cutoff_ms: now - 12 * HOUR_MS,
            device_link_cutoff_ms: now - 15 * MINUTE_MS,
            pending_code_cutoff_ms: now - 15 * MINUTE_MS,
            invite_cutoff_ms: now - 7 * DAY_MS,
            rate_limit_cutoff_ms: now - 24 * HOUR_MS,
        }
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_session_is_alive_exactly_until_its_expiry(
        created in 0i64..4_000_000_000_000,
        seen_after in 0i64..13 * HOUR_MS,
        now_after in 0i64..2 * HOUR_MS,
    ) {
        let seen = created + seen_after;
        let now = seen + now_after;
        prop_assert_eq!(session_alive(created, seen, now), now < session_expires_at_ms(created, seen));
    }

    #[test]
    fn the_job_and_the_predicates_agree(t in 0i64..4_000_000_000_000, now in 0i64..4_000_000_000_000) {
        let c = Cutoffs::at(now);
        prop_assert_eq!(code_expired(t, now), t <= c.code_unused_cutoff_ms);
        prop_assert_eq!(feedback_expired(t, now), t <= c.feedback_cutoff_ms);
        prop_assert_eq!(!device_link_valid(t, now), t <= c.device_link_cutoff_ms);
        prop_assert_eq!(!pending_code_valid(t, now), t <= c.pending_code_cutoff_ms);
        prop_assert_eq!(!invite_valid(t, now), t <= c.invite_cutoff_ms);
        prop_assert_eq!(rate_limit_key_expired(t, now), t <= c.rate_limit_cutoff_ms);
    }

    #[test]
    fn expiry_is_monotone_in_the_clock(t in 0i64..4_000_000_000_000, now in 0i64..4_000_000_000_000, later in 0i64..400 * DAY_MS) {
        prop_assert!(!code_expired(t, now) || code_expired(t, now + later));
        prop_assert!(!feedback_expired(t, now) || feedback_expired(t, now + later));
    }
}

#[test]
fn completed_at_lies_between_the_issue_of_the_code_and_the_clock_plus_skew() {
    use content::retention::{COMPLETED_AT_MAX_SKEW_MS, CompletedAtError, completed_at_check};
    let issued = 1_780_000_000_000;
    let now = issued + 10 * DAY_MS;
    assert_eq!(completed_at_check(issued, issued, now), Ok(()));
    assert_eq!(completed_at_check(now, issued, now), Ok(()));
    assert_eq!(
        completed_at_check(now + COMPLETED_AT_MAX_SKEW_MS, issued, now),
        Ok(())
    );
    assert_eq!(
        completed_at_check(issued - 1, issued, now),
        Err(CompletedAtError::BeforeIssue)
    );
    // 0001-01-01 and 1970: the backdating the statistics must not take.
    for ancient in [-62_135_596_800_000, 0] {
        assert_eq!(
            completed_at_check(ancient, issued, now),
            Err(CompletedAtError::BeforeIssue)
        );
    }
    assert_eq!(
        completed_at_check(now + COMPLETED_AT_MAX_SKEW_MS + 1, issued, now),
        Err(CompletedAtError::InTheFuture)
    );
}
