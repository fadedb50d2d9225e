//! Dates and times as people read them, in their language and in the deployment's time zone
//! (Europe/Oslo: CET, and CEST from the last Sunday of March 01:00 UTC to the last Sunday of
//! October 01:00 UTC, the EU rule). The one formatter of the product: every page, slip, CSV and
//! the human parts of exports use it. Pure: the instant is handed in.

use crate::i18n::Lang;
use crate::time::{DAY_MS, HOUR_MS, MINUTE_MS, civil_from_days, days_from_civil};

const MONTHS_NB: [&str; 12] = [
    "jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "des.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The UTC instant (ms) of 01:00 UTC on the last Sunday of `month` in `year`.
fn last_sunday_0100(year: i64, month: i64) -> i64 {
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    let last = next - 1;
    // 1970-01-01 was a Thursday: weekday 0 = Sunday when (days + 4) % 7 == 0.
    let back = (last + 4).rem_euclid(7);
    (last - back) * DAY_MS + HOUR_MS
}

/// Europe/Oslo's offset from UTC at instant `ms`: one hour, two in summer time.
pub fn oslo_offset_ms(ms: i64) -> i64 {
    let (year, _, _) = civil_from_days(ms.div_euclid(DAY_MS));
    let summer = last_sunday_0100(year, 3) <= ms && ms < last_sunday_0100(year, 10);
    if summer { 2 * HOUR_MS } else { HOUR_MS }
}

/// (year, month, day, hour, minute) of `ms` in Oslo.
fn local(ms: i64) -> (i64, usize, i64, i64, i64) {
    let t = ms + oslo_offset_ms(ms);
    let (y, m, d) = civil_from_days(t.div_euclid(DAY_MS));
    let in_day = t.rem_euclid(DAY_MS);
    (
        y,
        (m - 1).clamp(0, 11) as usize,
        d,
        in_day / HOUR_MS,
        (in_day % HOUR_MS) / MINUTE_MS,
    )
}

/// The calendar day of `ms` in Oslo, `YYYY-MM-DD` (for grouping and for [`date_of_text`]).
pub fn local_day(ms: i64) -> String {
    let (y, m, d, _, _) = local(ms);
    format!("{y:04}-{:02}-{d:02}", m + 1)
}

/// "26. nov. 2026" / "26 Nov 2026".
pub fn date(ms: i64, lang: Lang) -> String {
    let (y, m, d, _, _) = local(ms);
    match lang {
        Lang::Nb => format!("{d}. {} {y}", MONTHS_NB[m]),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[m]),
    }
}

/// "27. nov." / "27 Nov": for chart axes, where the year is plain from the context.
pub fn day_month(ms: i64, lang: Lang) -> String {
    let (_, m, d, _, _) = local(ms);
    match lang {
        Lang::Nb => format!("{d}. {}", MONTHS_NB[m]),
        Lang::En => format!("{d} {}", MONTHS_EN[m]),
    }
}

/// "14:05" in Oslo.
pub fn time(ms: i64) -> String {
    let (_, _, _, h, min) = local(ms);
    format!("{h:02}:{min:02}")
}

/// "26. nov. 2026 kl. 14:05" / "26 Nov 2026, 14:05".
pub fn date_time(ms: i64, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("{} kl. {}", date(ms, lang), time(ms)),
        Lang::En => format!("{}, {}", date(ms, lang), time(ms)),
    }
}

/// "nov. 2026" / "Nov 2026" for a statistics period `YYYY-MM` (no time zone: a calendar month).
pub fn month(year: i64, month: u32, lang: Lang) -> String {
    let m = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Nb => format!("{} {year}", MONTHS_NB[m]),
        Lang::En => format!("{} {year}", MONTHS_EN[m]),
    }
}

/// An RFC 3339 text from the API, or a calendar day `YYYY-MM-DD`, as a date; the text itself if
/// it does not parse (never panics).
pub fn date_of_text(text: &str, lang: Lang) -> String {
    if text.len() == 10
        && let Ok(ms) = crate::time::parse_ms(&format!("{text}T12:00:00Z"))
    {
        // A calendar day has no time zone: noon UTC is that day in Oslo too.
        return date(ms, lang);
    }
    crate::time::parse_ms(text).map_or_else(|_| text.to_string(), |ms| date(ms, lang))
}

pub fn date_time_of_text(rfc3339: &str, lang: Lang) -> String {
    crate::time::parse_ms(rfc3339).map_or_else(|_| rfc3339.to_string(), |ms| date_time(ms, lang))
}
