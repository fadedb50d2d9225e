//! `GET /api/staff/stats?period=YYYY-MM[&business=ID]`: fixed, k-anonymous reports (P6).
//! Professionals and super users see their business; tool managers see their programme or,
//! with `business`, one of its businesses. Never anything individual. A report is published
//! so that it cannot be differenced against the reports it contains (`content::differencing`):
//! it is computed with them, from one read of the statistics tables.

use crate::{
    ground::{clock, ctx::Ctx, error::ApiError, http},
    records::{
        consent, staff,
        stats::{self, Scope},
    },
};
use content::{
    api::{StaffRole, Stats},
    consent::evaluate,
    stats::{MonthRow, ReportInputs, report},
    time::{month_bounds, period_bounds},
};
use worker::Response;

pub async fn get(ctx: Ctx) -> Result<Response, ApiError> {
    let period = http::query(&ctx.req, "period")
        .ok_or_else(|| ApiError::unprocessable("invalid_period", "period=YYYY-MM is required"))?;
    let (_, end) = period_bounds(&period).map_err(|_| {
        ApiError::unprocessable("invalid_period", "period must be YYYY-MM or YYYY-Qn")
    })?;
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let allowed: Vec<String> = staff::businesses(&ctx, &member)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();
    let (businesses, programme) = match http::query(&ctx.req, "business") {
        Some(b) if allowed.contains(&b) => (vec![b], false),
        Some(_) => return Err(ApiError::Forbidden("That business is not in your scope.")),
        None => (allowed, member.role() == StaffRole::ToolManager),
    };
    if businesses.is_empty() {
        return Err(ApiError::Forbidden("This account covers no business."));
    }
    let months = month_keys(&period);
    let bounds = months
        .iter()
        .map(|m| month_bounds(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            ApiError::unprocessable("invalid_period", "period must be YYYY-MM or YYYY-Qn")
        })?;
    let (first_month, last_month) = (months[0].clone(), months[months.len() - 1].clone());
    let scope = Scope {
        first_month: &first_month,
        last_month: &last_month,
        businesses: &businesses,
    };
    let rows: Vec<MonthRow> = stats::month_rows(&ctx, &scope)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(MonthRow {
                business: businesses.iter().position(|b| *b == r.business_id)?,
                month: months.iter().position(|m| *m == r.period)?,
                participant: r.participant_id,
                instrument: r.instrument,
                latest: r.latest,
                baseline: r.baseline,
            })
        })
        .collect();
    let issued = stats::issued(&ctx, &bounds, &businesses).await?;
    // Participants whose consent, evaluated by the same rules as everywhere, is granted at the
    // period's last instant.
    let at = end - 1;
    let by_business = consent::of_businesses_until(&ctx, &businesses, at).await?;
    let consenting: Vec<u32> = businesses
        .iter()
        .map(|b| {
            by_business.get(b).map_or(0, |people| {
                people
                    .values()
                    .filter(|events| evaluate(events, at).state.allows_individual_access())
                    .count() as u32
            })
        })
        .collect();
    let (participants, groups) = report(&ReportInputs {
        businesses: businesses.len(),
        months: months.len(),
        programme,
        rows: &rows,
        issued: &issued,
        consenting: &consenting,
    })
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    http::ok(&Stats {
        period,
        participants,
        groups,
    })
}

/// The `YYYY-MM` keys of the period's months (one, or a quarter's three).
fn month_keys(period: &str) -> Vec<String> {
    match period.to_ascii_uppercase().split_once("-Q") {
        Some((y, q)) => {
            let first = (q.parse::<u32>().unwrap_or(1).clamp(1, 4) - 1) * 3 + 1;
            (first..first + 3).map(|m| format!("{y}-{m:02}")).collect()
        }
        None => vec![period.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_map_to_their_months() {
        assert_eq!(month_keys("2026-Q1"), ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(month_keys("2026-Q4"), ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(month_keys("2026-07"), ["2026-07"]);
        assert_eq!(month_keys("2026-q2"), ["2026-04", "2026-05", "2026-06"]);
    }
}
