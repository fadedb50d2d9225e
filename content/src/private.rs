//! Rules of private access (SPEC §1, the private person): a code from a voucher or a card
//! purchase, never linked to a business or to the payment. What the edge stores for such a
//! participant must not let anyone join the code to the voucher or to the payment by time.

use crate::time::{DAY_MS, date_of};

/// The `issued_at` stored for a private participant: the start (UTC) of the day of issue, not
/// the instant. The payment provider records the instant of payment; a code issued "at the same
/// second" would join the two. A day is what retention and statistics need.
pub fn issued_at(now_ms: i64) -> i64 {
    now_ms - now_ms.rem_euclid(DAY_MS)
}

/// The `first_login_at` stored for every participant: the start (UTC) of the day of the first
/// login. A private person logs in seconds after a voucher or a payment; the instant would join
/// the code to the payment as surely as the issue time would. The plan's due dates are whole
/// days (`crate::due`), so the day is all that is used.
pub fn first_login_at(now_ms: i64) -> i64 {
    issued_at(now_ms)
}

/// Whether a voucher that expires on `expires_on` (`YYYY-MM-DD`, redeemable through that day,
/// UTC) can still be redeemed at `now_ms`. The edge uses the same comparison in its one
/// conditional statement, with [`today`] bound.
pub fn voucher_usable(expires_on: &str, now_ms: i64) -> bool {
    today(now_ms).as_str() <= expires_on
}

/// The day the voucher comparison uses.
pub fn today(now_ms: i64) -> String {
    date_of(now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_ms;

    #[test]
    fn a_private_code_is_stamped_with_its_day_only() {
        let t = parse_ms("2026-03-05T14:23:11.5Z").unwrap();
        assert_eq!(issued_at(t), parse_ms("2026-03-05T00:00:00Z").unwrap());
        let midnight = parse_ms("2026-03-05T00:00:00Z").unwrap();
        assert_eq!(issued_at(midnight), midnight);
        assert_eq!(issued_at(midnight - 1), midnight - DAY_MS);
    }

    #[test]
    fn a_first_login_is_stamped_with_its_day_only() {
        let t = parse_ms("2026-03-05T14:23:11.5Z").unwrap();
        assert_eq!(first_login_at(t), parse_ms("2026-03-05T00:00:00Z").unwrap());
    }

    #[test]
    fn a_voucher_works_through_its_expiry_day() {
        let day = |s: &str| parse_ms(s).unwrap();
        assert!(voucher_usable("2026-03-05", day("2026-03-05T23:59:59Z")));
        assert!(voucher_usable("2026-03-05", day("2026-01-01T00:00:00Z")));
        assert!(!voucher_usable("2026-03-05", day("2026-03-06T00:00:00Z")));
    }
}
