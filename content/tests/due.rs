//! `content::due`: plan entries due at start, then `every_days` after the latest response, at
//! the exact day edge, earliest first, with client clocks unable to postpone them.

use content::api::DueItem;
use content::due::{due, is_due_now};
use content::plans;
use content::time::{DAY_MS, HOUR_MS, date_of, parse_ms};

fn at(s: &str) -> i64 {
    parse_ms(s).unwrap()
}

/// 2026-03-02T10:00:00Z: a start in the middle of a day.
fn start() -> i64 {
    at("2026-03-02T10:00:00Z")
}

fn day(d: i64) -> i64 {
    start() + d * DAY_MS
}

fn summary(items: &[DueItem]) -> Vec<(&str, &str, bool)> {
    items
        .iter()
        .map(|i| (i.instrument.as_str(), i.due_on.as_str(), i.optional))
        .collect()
}

#[test]
fn everything_is_due_on_the_start_date_in_plan_order() {
    let plan = plans::get("standard").unwrap();
    let items = due(plan, start(), &[] as &[(&str, i64)], start());
    assert_eq!(
        summary(&items),
        [
            ("phq9", "2026-03-02", false),
            ("gad7", "2026-03-02", false),
            ("checkin", "2026-03-02", true),
        ]
    );
    assert!(items.iter().all(|i| i.plan == "standard"));
    assert!(items.iter().all(|i| is_due_now(i, start())));
}

#[test]
fn phq9_answered_on_day_0_is_not_due_on_day_13_and_due_on_day_14() {
    let plan = plans::get("standard").unwrap();
    let responses = [("phq9", day(0)), ("gad7", day(0))];
    let on_13 = due(plan, start(), &responses, day(13));
    let phq9 = on_13.iter().find(|i| i.instrument == "phq9").unwrap();
    assert_eq!(phq9.due_on, date_of(day(14)));
    assert!(!is_due_now(phq9, day(13)));
    // The last millisecond of day 13 (UTC) is still not due …
    let end_of_13 = at("2026-03-15T23:59:59.999Z");
    assert_eq!(date_of(end_of_13), date_of(day(13)));
    assert!(!is_due_now(phq9, end_of_13));
    // … and from the first millisecond of day 14 it is, before the time of day it was answered.
    let on_14 = due(plan, start(), &responses, at("2026-03-16T00:00:00Z"));
    let phq9 = on_14.iter().find(|i| i.instrument == "phq9").unwrap();
    assert_eq!(phq9.due_on, "2026-03-16");
    assert!(is_due_now(phq9, at("2026-03-16T00:00:00Z")));
}

#[test]
fn the_latest_response_counts_in_any_order() {
    let plan = plans::get("standard").unwrap();
    let responses = vec![
        ("gad7".to_owned(), day(20)),
        ("phq9".to_owned(), day(20)),
        ("phq9".to_owned(), day(0)),
        ("gad7".to_owned(), day(3)),
    ];
    let items = due(plan, start(), &responses, day(21));
    let phq9 = items.iter().find(|i| i.instrument == "phq9").unwrap();
    let gad7 = items.iter().find(|i| i.instrument == "gad7").unwrap();
    assert_eq!(phq9.due_on, date_of(day(34)));
    assert_eq!(gad7.due_on, date_of(day(34)));
}

#[test]
fn items_are_listed_earliest_first() {
    let plan = plans::get("standard").unwrap();
    // PHQ-9 answered on day 5, GAD-7 never, check-in on day 6: GAD-7 (overdue since the
    // start), then the check-in (day 7), then PHQ-9 (day 19).
    let responses = [("phq9", day(5)), ("checkin", day(6))];
    let items = due(plan, start(), &responses, day(6));
    assert_eq!(
        summary(&items),
        [
            ("gad7", "2026-03-02", false),
            ("checkin", "2026-03-09", true),
            ("phq9", "2026-03-21", false),
        ]
    );
    assert!(is_due_now(&items[0], day(6)));
    assert!(!is_due_now(&items[1], day(6)));
}

#[test]
fn a_completion_time_in_the_future_cannot_postpone_the_next_one() {
    let plan = plans::get("standard").unwrap();
    // A device clock 30 days fast: counted as answered now (day 2), due again on day 16.
    let responses = [("phq9", day(32))];
    let items = due(plan, start(), &responses, day(2));
    let phq9 = items.iter().find(|i| i.instrument == "phq9").unwrap();
    assert_eq!(phq9.due_on, date_of(day(16)));
}

#[test]
fn responses_outside_the_plan_are_ignored() {
    let plan = plans::get("wellbeing").unwrap();
    let responses = [("phq9", day(1)), ("who5", day(1))];
    let items = due(plan, start(), &responses, day(1) + HOUR_MS);
    assert_eq!(
        summary(&items),
        [
            ("phq2", "2026-03-02", false),
            ("gad2", "2026-03-02", false),
            ("who5", "2026-03-17", false),
        ]
    );
}

#[test]
fn daily_plan_is_due_again_the_next_day() {
    let plan = plans::get("checkin_daily").unwrap();
    let responses = [("checkin", at("2026-03-02T23:30:00Z"))];
    let items = due(plan, start(), &responses, at("2026-03-02T23:45:00Z"));
    assert_eq!(summary(&items), [("checkin", "2026-03-03", false)]);
}
