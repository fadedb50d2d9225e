//! Instants as milliseconds since the Unix epoch (UTC), RFC 3339 text, and the few calendar
//! operations the rules need, without a date library (wasm size).
//!
//! Nothing here reads a clock: every function takes the instant it works on. The edge passes
//! its (possibly moved, in development) clock in; the browser passes `Date.now()`. That keeps
//! consent, retention and plan rules deterministic and testable at exact edges.
//!
//! Calendar arithmetic is proleptic Gregorian in UTC. Dates shown without a time
//! (`YYYY-MM-DD`) are UTC dates.

/// One second, minute, hour and day in milliseconds. A day is always 86 400 s: UTC has no
/// daylight saving, and leap seconds are folded into the preceding second (see [`parse_ms`]).
pub const SECOND_MS: i64 = 1000;
pub const MINUTE_MS: i64 = 60 * SECOND_MS;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("expected the form YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)")]
    Format,
    #[error("a field is out of range")]
    Range,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
/// `m` is 1–12 and `d` 1–31; out-of-range values give a meaningless (but not panicking) result
/// for sane magnitudes, so callers validate first.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month 1–12, day 1–31)` of a day number from [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Gregorian leap year.
pub fn is_leap_year(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1–12) of year `y`; `None` for a month outside 1–12.
pub fn days_in_month(y: i64, m: i64) -> Option<i64> {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(y) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The unsigned decimal number in `b`, which must be all ASCII digits (no sign, not empty).
/// Works on bytes so that no input, however malformed (multi-byte UTF-8 included), can make
/// a string slice panic.
fn digits(b: &[u8]) -> Result<i64, TimeError> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return Err(TimeError::Format);
    }
    Ok(b.iter().fold(0, |n, &c| n * 10 + i64::from(c - b'0')))
}

/// Parses an RFC 3339 date-time to milliseconds since the epoch.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length (truncated to
/// milliseconds: the API never needs finer), and `Z` or `±HH:MM`. `T` and `Z` may be lower
/// case (RFC 3339 §5.6 note); the space separator that the same note permits is rejected,
/// because the API convention is the `T` form and a space is more often a sign of a
/// non-RFC 3339 producer. A leap second (`:60`) is accepted and folded into second 59, since
/// the epoch arithmetic has no leap seconds. Days are checked against the month.
pub fn parse_ms(text: &str) -> Result<i64, TimeError> {
    let b = text.as_bytes();
    if b.len() < 20 {
        return Err(TimeError::Format);
    }
    let seps = b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't')
        && b[13] == b':'
        && b[16] == b':';
    if !seps {
        return Err(TimeError::Format);
    }
    let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (h, mi, s) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let mut rest = &b[19..];
    let mut millis = 0;
    if let [b'.', frac @ ..] = rest {
        let len = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return Err(TimeError::Format);
        }
        let kept = &frac[..len.min(3)];
        // `kept` has 1–3 digits: pad to milliseconds (".5" is 500 ms).
        millis = digits(kept)? * 10_i64.pow(3 - kept.len() as u32);
        rest = &frac[len..];
    }
    let offset_min = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (oh, om) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if oh > 23 || om > 59 {
                return Err(TimeError::Range);
            }
            let sign = if *sign == b'-' { -1 } else { 1 };
            sign * (oh * 60 + om)
        }
        _ => return Err(TimeError::Format),
    };
    let days_in_month = days_in_month(y, mo).ok_or(TimeError::Range)?;
    if d < 1 || d > days_in_month || h > 23 || mi > 59 || s > 60 {
        return Err(TimeError::Range);
    }
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s.min(59) - offset_min * 60;
    Ok(secs * SECOND_MS + millis)
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC. Always millisecond precision and `Z`, so that strings
/// the system writes (years 0000–9999) sort in time order and compare equal when the instants
/// are equal.
pub fn format_ms(ms: i64) -> String {
    let secs = ms.div_euclid(SECOND_MS);
    let millis = ms.rem_euclid(SECOND_MS);
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

/// The UTC date `YYYY-MM-DD` of an instant (last active, due dates, access log: SPEC shows
/// these as dates only, which also keeps the time of day of a participant's activity private).
pub fn date_of(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The same time of day `years` calendar years later (earlier when negative). February 29
/// becomes February 28 in a year without it: the anniversary must not spill into March,
/// which would make a "5 years" limit longer than five calendar years.
pub fn add_years(ms: i64, years: i32) -> i64 {
    let (days, time_of_day) = (ms.div_euclid(DAY_MS), ms.rem_euclid(DAY_MS));
    let (y, m, d) = civil_from_days(days);
    let y = y + i64::from(years);
    let d = if m == 2 && d == 29 && !is_leap_year(y) {
        28
    } else {
        d
    };
    days_from_civil(y, m, d)
        .saturating_mul(DAY_MS)
        .saturating_add(time_of_day)
}

/// The UTC calendar month `(year, 1–12)` of an instant.
pub fn month_of(ms: i64) -> (i64, u32) {
    let (y, m, _) = civil_from_days(ms.div_euclid(DAY_MS));
    // `civil_from_days` yields months 1–12, so the conversion cannot fail.
    (y, u32::try_from(m).unwrap_or(1))
}

/// The first instant of month `m` of year `y` (`m` may run past 12 or below 1; it carries).
fn month_start_ms(y: i64, m: i64) -> i64 {
    let (y, m) = (y + (m - 1).div_euclid(12), (m - 1).rem_euclid(12) + 1);
    days_from_civil(y, m, 1) * DAY_MS
}

/// `[start, end)` of a UTC calendar month written `YYYY-MM` (a stats period). The end is
/// exclusive so that consecutive months tile time with no gap or overlap.
pub fn month_bounds(period: &str) -> Result<(i64, i64), TimeError> {
    match period.as_bytes() {
        [y @ .., b'-', m1, m2] if y.len() == 4 => {
            let (y, m) = (digits(y)?, digits(&[*m1, *m2])?);
            if !(1..=12).contains(&m) {
                return Err(TimeError::Range);
            }
            Ok((month_start_ms(y, m), month_start_ms(y, m + 1)))
        }
        _ => Err(TimeError::Format),
    }
}

/// `[start, end)` of a stats period: a month `YYYY-MM` or a quarter `YYYY-Qn` (n 1–4, `q`
/// accepted), the two period kinds of SPEC P6.
pub fn period_bounds(period: &str) -> Result<(i64, i64), TimeError> {
    match period.as_bytes() {
        [y @ .., b'-', b'Q' | b'q', q] if y.len() == 4 => {
            let (y, q) = (digits(y)?, digits(&[*q])?);
            if !(1..=4).contains(&q) {
                return Err(TimeError::Range);
            }
            let first = (q - 1) * 3 + 1;
            Ok((month_start_ms(y, first), month_start_ms(y, first + 3)))
        }
        _ => month_bounds(period),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_instants_round_trip() {
        assert_eq!(parse_ms("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_ms("2026-11-22T18:27:56Z"), Ok(1_795_372_076_000));
        assert_eq!(format_ms(1_795_372_076_000), "2026-11-22T18:27:56.000Z");
        assert_eq!(
            parse_ms("2024-02-29T12:00:00.5+01:00"),
            Ok(1_709_204_400_500)
        );
    }

    #[test]
    fn offsets_shift_to_utc() {
        assert_eq!(
            parse_ms("2026-01-01T01:00:00+01:00"),
            parse_ms("2026-01-01T00:00:00Z")
        );
        assert_eq!(
            parse_ms("2025-12-31T23:00:00-01:00"),
            parse_ms("2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn malformed_and_out_of_range_are_rejected() {
        assert_eq!(parse_ms("2026-11-22"), Err(TimeError::Format));
        assert_eq!(parse_ms("2026-11-22T18:27:56"), Err(TimeError::Format));
        assert_eq!(parse_ms("2026-13-01T00:00:00Z"), Err(TimeError::Range));
        assert_eq!(parse_ms("2025-02-29T00:00:00Z"), Err(TimeError::Range));
        assert_eq!(parse_ms("2026-11-22T24:00:00Z"), Err(TimeError::Range));
        assert_eq!(parse_ms("2026-11-22T18:27:56.Z"), Err(TimeError::Format));
    }

    #[test]
    fn civil_conversion_is_inverse_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
