//! RFC 3339 timestamps to and from milliseconds since the epoch, without a date library.
//! Pure, so it is tested natively.

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("expected the form YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)")]
    Format,
    #[error("a field is out of range")]
    Range,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

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

fn num(s: &str) -> Result<i64, TimeError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TimeError::Format);
    }
    s.parse().map_err(|_| TimeError::Format)
}

pub fn parse_ms(text: &str) -> Result<i64, TimeError> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return Err(TimeError::Format);
    }
    if b[13] != b':' || b[16] != b':' {
        return Err(TimeError::Format);
    }
    let (y, mo, d) = (num(&text[0..4])?, num(&text[5..7])?, num(&text[8..10])?);
    let (h, mi, s) = (
        num(&text[11..13])?,
        num(&text[14..16])?,
        num(&text[17..19])?,
    );
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let len = frac.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return Err(TimeError::Format);
        }
        let digits = &frac[..len.min(3)];
        millis = num(digits)? * 10_i64.pow(3 - digits.len() as u32);
        rest = &frac[len..];
    }
    let offset_min = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[0..1], "+" | "-") && &rest[3..4] == ":" => {
            let sign = if &rest[0..1] == "-" { -1 } else { 1 };
            let (oh, om) = (num(&rest[1..3])?, num(&rest[4..6])?);
            if oh > 23 || om > 59 {
                return Err(TimeError::Range);
            }
            sign * (oh * 60 + om)
        }
        _ => return Err(TimeError::Format),
    };
    let days_in_month = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return Err(TimeError::Range),
    };
    if d < 1 || d > days_in_month || h > 23 || mi > 59 || s > 60 {
        return Err(TimeError::Range);
    }
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s.min(59) - offset_min * 60;
    Ok(secs * 1000 + millis)
}

pub fn format_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
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
