//! `GET /api/staff/stats?period=YYYY-MM[&business=ID]`: fixed, k-anonymous reports (P6).
//! Professionals and super users see their business; tool managers see one of their
//! businesses or, without `business`, all of them together. Never anything individual.

use crate::{
    ground::{clock, ctx::Ctx, error::ApiError, http},
    records::{
        consent, staff,
        stats::{self, Scope},
    },
};
use content::{
    api::{ParticipantCounts, Stats},
    consent::evaluate,
    instruments,
    stats::group,
    suppression::shown_n,
    time::period_bounds,
};
use worker::Response;

pub async fn get(ctx: Ctx) -> Result<Response, ApiError> {
    let period = http::query(&ctx.req, "period")
        .ok_or_else(|| ApiError::unprocessable("invalid_period", "period=YYYY-MM is required"))?;
    let (start, end) = period_bounds(&period).map_err(|_| {
        ApiError::unprocessable("invalid_period", "period must be YYYY-MM or YYYY-Qn")
    })?;
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let allowed: Vec<String> = staff::businesses(&ctx, &member)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();
    let businesses: Vec<String> = match http::query(&ctx.req, "business") {
        Some(b) if allowed.contains(&b) => vec![b],
        Some(_) => return Err(ApiError::Forbidden("That business is not in your scope.")),
        None => allowed,
    };
    if businesses.is_empty() {
        return Err(ApiError::Forbidden("This account covers no business."));
    }
    let (first_month, last_month) = (month_key_first(&period), month_key_last(&period));
    let scope = Scope {
        first_month: &first_month,
        last_month: &last_month,
        businesses: &businesses,
    };
    let pairs = stats::pairs(&ctx, &scope).await?;
    let mut groups = Vec::new();
    for instrument in instruments::all() {
        let mine: Vec<(i64, i64)> = pairs
            .iter()
            .filter(|p| p.instrument == instrument.id)
            .map(|p| (p.baseline, p.latest))
            .collect();
        if mine.is_empty() {
            continue;
        }
        groups.push(group(instrument, &mine).map_err(|e| ApiError::Internal(e.to_string()))?);
    }
    let issued = stats::issued(&ctx, start, end, &businesses).await?;
    let active = stats::active(&ctx, &scope).await?;
    // Participants whose consent, evaluated by the same rules as everywhere, is granted at the
    // period's last instant.
    let at = end - 1;
    let consenting = consent::of_businesses_until(&ctx, &businesses, at)
        .await?
        .values()
        .filter(|events| evaluate(events, at).state.allows_individual_access())
        .count() as u32;
    http::ok(&Stats {
        period,
        participants: ParticipantCounts {
            issued: shown_n(issued),
            active: shown_n(active),
            consenting: shown_n(consenting),
        },
        groups,
    })
}

/// The `YYYY-MM` key of the period's first month (a month, or a quarter's first).
fn month_key_first(period: &str) -> String {
    match period.split_once("-Q") {
        Some((y, q)) => format!("{y}-{:02}", (q.parse::<u32>().unwrap_or(1) - 1) * 3 + 1),
        None => period.to_string(),
    }
}

/// The `YYYY-MM` key of the period's last month.
fn month_key_last(period: &str) -> String {
    match period.split_once("-Q") {
        Some((y, q)) => format!("{y}-{:02}", q.parse::<u32>().unwrap_or(1) * 3),
        None => period.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_map_to_their_months() {
        assert_eq!(
            (month_key_first("2026-Q1"), month_key_last("2026-Q1")),
            ("2026-01".into(), "2026-03".into())
        );
        assert_eq!(
            (month_key_first("2026-Q4"), month_key_last("2026-Q4")),
            ("2026-10".into(), "2026-12".into())
        );
        assert_eq!(
            (month_key_first("2026-07"), month_key_last("2026-07")),
            ("2026-07".into(), "2026-07".into())
        );
    }
}
