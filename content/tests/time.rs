//! `content::time`: RFC 3339 parsing never panics and round-trips, calendar years clamp
//! February 29, month and quarter bounds tile time, and `is_rfc3339` is the same parser.

use content::api::is_rfc3339;
use content::time::{
    DAY_MS, TimeError, add_years, date_of, days_in_month, format_ms, month_bounds, month_of,
    parse_ms, period_bounds,
};
use proptest::prelude::*;

fn at(s: &str) -> i64 {
    parse_ms(s).unwrap()
}

#[test]
fn fraction_is_truncated_to_milliseconds_and_lower_case_t_z_accepted() {
    assert_eq!(
        parse_ms("2025-03-01T12:00:00.123999Z"),
        Ok(at("2025-03-01T12:00:00.123Z"))
    );
    assert_eq!(
        parse_ms("2025-03-01t12:00:00.12z"),
        Ok(at("2025-03-01T12:00:00.120Z"))
    );
}

#[test]
fn space_separator_and_missing_offset_minutes_are_rejected() {
    assert_eq!(parse_ms("2025-03-01 12:00:00Z"), Err(TimeError::Format));
    assert_eq!(parse_ms("2025-03-01T12:00:00+01"), Err(TimeError::Format));
    assert_eq!(parse_ms("2025-03-01T12:00:00+0100"), Err(TimeError::Format));
    assert_eq!(parse_ms("+025-03-01T12:00:00Z"), Err(TimeError::Format));
    assert_eq!(parse_ms("2025-03-01T12:00:00+24:00"), Err(TimeError::Range));
}

#[test]
fn leap_second_folds_into_second_59() {
    assert_eq!(
        parse_ms("2016-12-31T23:59:60Z"),
        Ok(at("2016-12-31T23:59:59Z"))
    );
    assert_eq!(parse_ms("2016-12-31T23:59:61Z"), Err(TimeError::Range));
}

#[test]
fn multibyte_input_is_rejected_without_panicking() {
    // The edge's former parser sliced `&str` at fixed byte offsets and panicked on these.
    for s in [
        "2025-03-01T12:00:0éZ",
        "2025-03-01T12:00:00é:00",
        "2025-03-01T12:00:00+é:00",
        "ééééééééééééééééééééé",
        "2025-03-01T12:00:00.1é",
    ] {
        assert!(parse_ms(s).is_err(), "{s}");
    }
}

#[test]
fn day_must_exist_in_its_month() {
    assert!(parse_ms("2024-02-29T00:00:00Z").is_ok());
    assert_eq!(parse_ms("2023-02-29T00:00:00Z"), Err(TimeError::Range));
    assert_eq!(parse_ms("2025-04-31T00:00:00Z"), Err(TimeError::Range));
    assert_eq!(parse_ms("2025-04-00T00:00:00Z"), Err(TimeError::Range));
    assert_eq!(days_in_month(2000, 2), Some(29));
    assert_eq!(days_in_month(1900, 2), Some(28));
    assert_eq!(days_in_month(2025, 13), None);
}

#[test]
fn is_rfc3339_delegates_to_the_parser() {
    assert!(is_rfc3339("2025-03-01T12:00:00Z"));
    // The former shape check let impossible dates through; storing them would then fail.
    assert!(!is_rfc3339("2025-02-30T12:00:00Z"));
    assert!(!is_rfc3339("2025-03-01 12:00:00Z"));
}

#[test]
fn format_is_utc_with_milliseconds_and_handles_times_before_the_epoch() {
    assert_eq!(format_ms(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(format_ms(-1), "1969-12-31T23:59:59.999Z");
    assert_eq!(format_ms(1_500), "1970-01-01T00:00:01.500Z");
}

#[test]
fn date_of_is_the_utc_date_at_both_ends_of_a_day() {
    assert_eq!(date_of(at("2025-03-01T00:00:00Z")), "2025-03-01");
    assert_eq!(date_of(at("2025-03-01T23:59:59.999Z")), "2025-03-01");
    // An instant written with an offset belongs to its UTC date.
    assert_eq!(date_of(at("2025-03-01T00:30:00+01:00")), "2025-02-28");
    assert_eq!(date_of(-1), "1969-12-31");
    assert_eq!(DAY_MS, 86_400_000);
}

#[test]
fn add_years_keeps_the_time_of_day_and_clamps_february_29_to_28() {
    let leap_day = at("2024-02-29T13:14:15.016Z");
    assert_eq!(
        format_ms(add_years(leap_day, 1)),
        "2025-02-28T13:14:15.016Z"
    );
    assert_eq!(
        format_ms(add_years(leap_day, -5)),
        "2019-02-28T13:14:15.016Z"
    );
    assert_eq!(
        format_ms(add_years(leap_day, 4)),
        "2028-02-29T13:14:15.016Z"
    );
    assert_eq!(
        format_ms(add_years(at("2020-06-15T10:00:00Z"), 5)),
        "2025-06-15T10:00:00.000Z"
    );
    assert_eq!(
        format_ms(add_years(at("2025-03-01T00:00:00Z"), -5)),
        "2020-03-01T00:00:00.000Z"
    );
    assert_eq!(add_years(12_345, 0), 12_345);
}

#[test]
fn month_of_is_the_utc_month() {
    assert_eq!(month_of(at("2025-01-31T23:59:59.999Z")), (2025, 1));
    assert_eq!(month_of(at("2025-02-01T00:00:00Z")), (2025, 2));
    assert_eq!(month_of(at("2025-01-01T00:30:00+01:00")), (2024, 12));
}

#[test]
fn month_bounds_are_start_inclusive_end_exclusive() {
    assert_eq!(
        month_bounds("2024-02"),
        Ok((at("2024-02-01T00:00:00Z"), at("2024-03-01T00:00:00Z")))
    );
    assert_eq!(
        month_bounds("2025-12"),
        Ok((at("2025-12-01T00:00:00Z"), at("2026-01-01T00:00:00Z")))
    );
    let (start, end) = month_bounds("2024-02").unwrap();
    assert_eq!(end - start, 29 * DAY_MS);
}

#[test]
fn malformed_periods_are_rejected() {
    assert_eq!(month_bounds("2025-13"), Err(TimeError::Range));
    assert_eq!(month_bounds("2025-00"), Err(TimeError::Range));
    for bad in [
        "2025-1",
        "25-01",
        "2025/01",
        "2025-01-01",
        "",
        "2025-é",
        "20é5-01",
        "2025-Q1",
    ] {
        assert_eq!(month_bounds(bad), Err(TimeError::Format), "{bad}");
    }
    assert_eq!(period_bounds("2025-Q5"), Err(TimeError::Range));
    assert_eq!(period_bounds("2025-Q0"), Err(TimeError::Range));
    assert_eq!(period_bounds("2025-Qx"), Err(TimeError::Format));
}

#[test]
fn quarters_cover_three_months_and_months_pass_through() {
    assert_eq!(
        period_bounds("2025-Q1"),
        Ok((at("2025-01-01T00:00:00Z"), at("2025-04-01T00:00:00Z")))
    );
    assert_eq!(
        period_bounds("2025-q4"),
        Ok((at("2025-10-01T00:00:00Z"), at("2026-01-01T00:00:00Z")))
    );
    assert_eq!(period_bounds("2025-07"), month_bounds("2025-07"));
}

/// Instants from year 0 to 9999, the range a four-digit RFC 3339 year can write.
fn four_digit_year_ms() -> impl Strategy<Value = i64> {
    at("0000-01-01T00:00:00Z")..at("9999-12-31T23:59:59.999Z")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn format_then_parse_is_the_identity(ms in four_digit_year_ms()) {
        prop_assert_eq!(parse_ms(&format_ms(ms)), Ok(ms));
        prop_assert_eq!(&format_ms(ms)[..10], date_of(ms));
    }

    #[test]
    fn parse_never_panics_on_any_text(s in "\\PC{0,40}") {
        let _ = parse_ms(&s);
        let _ = month_bounds(&s);
        let _ = period_bounds(&s);
    }

    #[test]
    fn parse_never_panics_near_the_valid_shape(
        s in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9é]{2}(\\.[0-9é]{0,4})?([Zz]|[+-][0-9é]{2}:[0-9]{2})?"
    ) {
        let _ = parse_ms(&s);
    }

    #[test]
    fn every_instant_lies_in_its_month(ms in four_digit_year_ms()) {
        let (y, m) = month_of(ms);
        let (start, end) = month_bounds(&format!("{y:04}-{m:02}")).unwrap();
        prop_assert!(start <= ms && ms < end);
    }

    #[test]
    fn add_years_and_back_returns_unless_on_a_leap_day(ms in four_digit_year_ms(), years in -50i32..50) {
        let there = add_years(ms, years);
        prop_assert_eq!(there.rem_euclid(DAY_MS), ms.rem_euclid(DAY_MS));
        if !format_ms(ms)[5..10].starts_with("02-29") {
            prop_assert_eq!(add_years(there, -years), ms);
        }
    }
}
