//! What a repeat plan makes due (SPEC §3.5, `GET /api/me` → `due`).
//!
//! Each plan entry is due at the participant's start (code issue or first login) and then
//! `every_days` days after the latest response to that instrument. Every entry of the plan is
//! listed once with the UTC date it is (or was) due, earliest first; `DueItem.due_on` today or
//! earlier means "due now", a later date means "next on". The app decides how to show it,
//! and [`is_due_now`] is the one comparison both ends use.
//!
//! Due dates are whole UTC days: a questionnaire answered at 21:00 on day 0 of a 14-day plan
//! is due from the start of day 14, not from 21:00, so the participant is not told "tomorrow"
//! on the day it falls due.

use crate::api::DueItem;
use crate::model::Plan;
use crate::time::{DAY_MS, date_of};

/// The plan's entries with their due dates, earliest first (entries due on the same day keep
/// the plan's order).
///
/// `responses` are `(instrument id, completed at)` of the participant's stored responses, in
/// any order; responses to instruments outside the plan are ignored. `completed_at` comes from
/// the client (it may have been answered offline), so it is clamped to `now_ms`: a wrong
/// device clock must not postpone a questionnaire beyond what has actually passed.
pub fn due<S: AsRef<str>>(
    plan: &Plan,
    start_ms: i64,
    responses: &[(S, i64)],
    now_ms: i64,
) -> Vec<DueItem> {
    let mut items: Vec<(i64, DueItem)> = plan
        .schedule
        .iter()
        .map(|entry| {
            let latest = responses
                .iter()
                .filter(|(instrument, _)| instrument.as_ref() == entry.instrument)
                .map(|&(_, at)| at.min(now_ms))
                .max();
            let due_at = match latest {
                None => start_ms,
                Some(at) => at.saturating_add(i64::from(entry.every_days) * DAY_MS),
            };
            let day = due_at.div_euclid(DAY_MS);
            (
                day,
                DueItem {
                    instrument: entry.instrument.clone(),
                    plan: plan.id.clone(),
                    due_on: date_of(due_at),
                    optional: entry.optional,
                },
            )
        })
        .collect();
    // Stable: equal days keep the plan's order.
    items.sort_by_key(|(day, _)| *day);
    items.into_iter().map(|(_, item)| item).collect()
}

/// Whether `item` is due on the UTC date of `now_ms` (its date is today or earlier).
/// `YYYY-MM-DD` strings with four-digit years compare in date order.
pub fn is_due_now(item: &DueItem, now_ms: i64) -> bool {
    item.due_on <= date_of(now_ms)
}
