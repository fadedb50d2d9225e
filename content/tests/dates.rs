//! The one date formatter: language-aware, in Oslo time, summer time switching at the EU
//! instants.

use content::dates::{
    date, date_of_text, date_time, day_month, local_day, month, oslo_offset_ms, time,
};
use content::i18n::Lang;
use content::time::{HOUR_MS, parse_ms};

fn at(s: &str) -> i64 {
    parse_ms(s).unwrap()
}

#[test]
fn dates_read_as_people_write_them() {
    let ms = at("2026-11-26T23:59:32.298Z");
    // Just before midnight UTC is already the next day in Oslo (UTC+1 in November).
    assert_eq!(date(ms, Lang::Nb), "27. nov. 2026");
    assert_eq!(date(ms, Lang::En), "27 Nov 2026");
    assert_eq!(date_time(ms, Lang::Nb), "27. nov. 2026 kl. 00:59");
    assert_eq!(date_time(ms, Lang::En), "27 Nov 2026, 00:59");
    assert_eq!(date(at("2026-05-03T10:00:00Z"), Lang::Nb), "3. mai 2026");
    assert_eq!(month(2026, 3, Lang::Nb), "mar. 2026");
    assert_eq!(day_month(ms, Lang::Nb), "27. nov.");
    assert_eq!(day_month(ms, Lang::En), "27 Nov");
    assert_eq!(local_day(ms), "2026-11-27");
    assert_eq!(local_day(at("2026-11-26T22:59:59Z")), "2026-11-26");
    assert_eq!(month(2026, 12, Lang::En), "Dec 2026");
}

#[test]
fn summer_time_starts_and_ends_on_the_last_sundays_at_0100_utc() {
    // 2026: 29 March and 25 October.
    assert_eq!(oslo_offset_ms(at("2026-03-29T00:59:59Z")), HOUR_MS);
    assert_eq!(oslo_offset_ms(at("2026-03-29T01:00:00Z")), 2 * HOUR_MS);
    assert_eq!(oslo_offset_ms(at("2026-10-25T00:59:59Z")), 2 * HOUR_MS);
    assert_eq!(oslo_offset_ms(at("2026-10-25T01:00:00Z")), HOUR_MS);
    // 2027: 28 March and 31 October.
    assert_eq!(oslo_offset_ms(at("2027-03-28T01:00:00Z")), 2 * HOUR_MS);
    assert_eq!(oslo_offset_ms(at("2027-03-27T12:00:00Z")), HOUR_MS);
    assert_eq!(oslo_offset_ms(at("2027-10-31T00:30:00Z")), 2 * HOUR_MS);
    assert_eq!(time(at("2026-07-01T12:00:00Z")), "14:00");
    assert_eq!(time(at("2026-01-01T12:00:00Z")), "13:00");
}

#[test]
fn text_that_does_not_parse_is_shown_as_it_is() {
    assert_eq!(
        date_of_text("2026-11-26T10:00:00Z", Lang::En),
        "26 Nov 2026"
    );
    assert_eq!(date_of_text("garbage", Lang::En), "garbage");
    assert_eq!(date_of_text("2026-12-31", Lang::Nb), "31. des. 2026");
}
