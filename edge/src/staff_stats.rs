//! `GET /api/staff/stats?period=YYYY-MM[&business=ID]`: fixed, k-anonymous reports (P6).
//! Professionals and super users see their business; tool managers see one of their
//! businesses or, without `business`, all of them together. Never anything individual.

use crate::{clock, consent, db, error::ApiError, http, router::Ctx, staff};
use content::{
    api::{ParticipantCounts, Stats},
    consent::evaluate,
    instruments,
    stats::group,
    suppression::shown_n,
    time::period_bounds,
};
use serde::Deserialize;
use worker::Response;

#[derive(Deserialize)]
struct Pair {
    instrument: String,
    baseline: i64,
    latest: i64,
}

#[derive(Deserialize)]
struct Count {
    n: i64,
}

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
    let scope: Vec<String> = match http::query(&ctx.req, "business") {
        Some(b) if allowed.contains(&b) => vec![b],
        Some(_) => return Err(ApiError::Forbidden("That business is not in your scope.")),
        None => allowed,
    };
    if scope.is_empty() {
        return Err(ApiError::Forbidden("This account covers no business."));
    }
    // Scope ids come from the database, but are bound, never spliced.
    let marks = marks_from(3, scope.len());
    let mut binds = vec![
        db::s(&period_start_key(&period)),
        db::s(&period_end_key(&period)),
    ];
    binds.extend(scope.iter().map(|s| db::s(s)));
    let db = ctx.db()?;
    // The latest total in the period per participant and instrument (the last month row that
    // has one), against the participant's first-ever total.
    let pairs = db
        .prepare(format!(
            "SELECT m.instrument AS instrument, b.total AS baseline, m.total AS latest FROM stats_monthly m \
             JOIN stats_baseline b ON b.participant_id = m.participant_id AND b.instrument = m.instrument \
             WHERE m.period >= ?1 AND m.period <= ?2 AND m.business_id IN ({marks}) \
             AND m.period = (SELECT MAX(m2.period) FROM stats_monthly m2 WHERE m2.participant_id = m.participant_id \
                 AND m2.instrument = m.instrument AND m2.period >= ?1 AND m2.period <= ?2)"
        ))
        .bind(&binds)?
        .all()
        .await?
        .results::<Pair>()?;
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
    let scope_binds = |first: Vec<wasm_bindgen::JsValue>| {
        let mut v = first;
        v.extend(scope.iter().map(|s| db::s(s)));
        v
    };
    let issued = count(
        &db,
        format!("SELECT COUNT(*) AS n FROM participants WHERE issued_at >= ?1 AND issued_at < ?2 AND business_id IN ({marks})"),
        scope_binds(vec![db::n(start), db::n(end)]),
    )
    .await?;
    let active = count(
        &db,
        format!(
            "SELECT COUNT(DISTINCT participant_id) AS n FROM stats_monthly WHERE period >= ?1 AND period <= ?2 \
             AND business_id IN ({marks})"
        ),
        scope_binds(vec![db::s(&period_start_key(&period)), db::s(&period_end_key(&period))]),
    )
    .await?;
    let consenting = consenting_at(&db, &scope, end - 1).await?;
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

async fn count(
    db: &worker::D1Database,
    sql: String,
    binds: Vec<wasm_bindgen::JsValue>,
) -> Result<u32, ApiError> {
    let n = db
        .prepare(sql)
        .bind(&binds)?
        .first::<Count>(None)
        .await?
        .map_or(0, |c| c.n);
    Ok(n.max(0) as u32)
}

fn marks_from(first: usize, n: usize) -> String {
    (0..n)
        .map(|i| format!("?{}", i + first))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Participants whose consent, evaluated by the same rules as everywhere, is granted at `at`.
async fn consenting_at(
    db: &worker::D1Database,
    scope: &[String],
    at: i64,
) -> Result<u32, ApiError> {
    let mut binds = vec![db::n(at)];
    binds.extend(scope.iter().map(|s| db::s(s)));
    let rows = db
        .prepare(format!(
            "SELECT {} FROM consent_events e JOIN participants p ON p.id = e.participant_id \
             WHERE e.at <= ?1 AND p.business_id IN ({}) ORDER BY e.id",
            consent::ROW_COLUMNS,
            marks_from(2, scope.len())
        ))
        .bind(&binds)?
        .all()
        .await?
        .results::<consent::Row>()?;
    let by = consent::group_by_participant(&rows)?;
    Ok(by
        .values()
        .filter(|events| evaluate(events, at).state.allows_individual_access())
        .count() as u32)
}

/// `YYYY-MM` keys covering the period (a month, or the three months of a quarter).
fn period_start_key(period: &str) -> String {
    match period.split_once("-Q") {
        Some((y, q)) => format!("{y}-{:02}", (q.parse::<u32>().unwrap_or(1) - 1) * 3 + 1),
        None => period.to_string(),
    }
}

fn period_end_key(period: &str) -> String {
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
            (period_start_key("2026-Q1"), period_end_key("2026-Q1")),
            ("2026-01".into(), "2026-03".into())
        );
        assert_eq!(
            (period_start_key("2026-Q4"), period_end_key("2026-Q4")),
            ("2026-10".into(), "2026-12".into())
        );
        assert_eq!(
            (period_start_key("2026-07"), period_end_key("2026-07")),
            ("2026-07".into(), "2026-07".into())
        );
    }
}
