//! The aggregate tables behind staff statistics (P6): written as responses arrive (late
//! offline answers included), so reports never scan the response table; and the reads of a
//! report over a period and a set of businesses.

use crate::ground::{ctx::Ctx, db, error::ApiError};
use content::time;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

/// Statistics inputs of one response: the participant's first-ever total of the instrument,
/// and the month's latest.
pub async fn record(
    ctx: &Ctx,
    participant_id: &str,
    business_id: Option<&str>,
    instrument: &str,
    total: i64,
    completed_ms: i64,
) -> Result<(), ApiError> {
    let period = {
        let (y, m) = time::month_of(completed_ms);
        format!("{y:04}-{m:02}")
    };
    let db = ctx.db()?;
    db.batch(vec![
        db.prepare(
            "INSERT INTO stats_baseline (participant_id, instrument, total, at) VALUES (?1, ?2, ?3, ?4)              ON CONFLICT (participant_id, instrument) DO UPDATE SET total = excluded.total, at = excluded.at              WHERE excluded.at < stats_baseline.at",
        )
        .bind(&[db::s(participant_id), db::s(instrument), db::n(total), db::n(completed_ms)])?,
        db.prepare(
            "INSERT INTO stats_monthly (business_id, instrument, period, participant_id, total, at)              VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (business_id, instrument, period, participant_id)              DO UPDATE SET total = excluded.total, at = excluded.at WHERE excluded.at >= stats_monthly.at",
        )
        .bind(&[
            db::s(business_id.unwrap_or("")),
            db::s(instrument),
            db::s(&period),
            db::s(participant_id),
            db::n(total),
            db::n(completed_ms),
        ])?,
    ])
    .await?;
    Ok(())
}

/// The statements that make the statistics inputs of `instrument` true again for the
/// participant after one of their responses (completed at `completed_ms`) was deleted: the
/// baseline becomes the earliest remaining response, the month's row the latest remaining one
/// of that month, or goes. Run in the same batch as the deletion, after it.
pub fn recompute_statements(
    db: &D1Database,
    participant_id: &str,
    business_id: Option<&str>,
    instrument: &str,
    completed_ms: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let (y, m) = time::month_of(completed_ms);
    let period = format!("{y:04}-{m:02}");
    let (start, end) =
        time::month_bounds(&period).map_err(|e| ApiError::Internal(format!("month: {e}")))?;
    let (p, i) = (db::s(participant_id), db::s(instrument));
    Ok(vec![
        db.prepare("DELETE FROM stats_baseline WHERE participant_id = ?1 AND instrument = ?2")
            .bind(&[p.clone(), i.clone()])?,
        db.prepare(
            "INSERT INTO stats_baseline (participant_id, instrument, total, at) \
             SELECT participant_id, instrument, total, completed_at FROM responses \
             WHERE participant_id = ?1 AND instrument = ?2 ORDER BY completed_at, id LIMIT 1",
        )
        .bind(&[p.clone(), i.clone()])?,
        db.prepare(
            "DELETE FROM stats_monthly WHERE participant_id = ?1 AND instrument = ?2 AND period = ?3",
        )
        .bind(&[p.clone(), i.clone(), db::s(&period)])?,
        db.prepare(
            "INSERT INTO stats_monthly (business_id, instrument, period, participant_id, total, at) \
             SELECT ?4, instrument, ?3, participant_id, total, completed_at FROM responses \
             WHERE participant_id = ?1 AND instrument = ?2 AND completed_at >= ?5 AND completed_at < ?6 \
             ORDER BY completed_at DESC, id DESC LIMIT 1",
        )
        .bind(&[
            p,
            i,
            db::s(&period),
            db::s(business_id.unwrap_or("")),
            db::n(start),
            db::n(end),
        ])?,
    ])
}

/// A report's scope: the `YYYY-MM` keys of its first and last month, and the businesses.
pub struct Scope<'a> {
    pub first_month: &'a str,
    pub last_month: &'a str,
    pub businesses: &'a [String],
}

impl Scope<'_> {
    /// The month keys as `?1, ?2`, then the businesses from `?3`.
    fn binds(&self) -> Vec<JsValue> {
        let mut binds = vec![db::s(self.first_month), db::s(self.last_month)];
        binds.extend(self.businesses.iter().map(|s| db::s(s)));
        binds
    }

    fn marks(&self) -> String {
        db::marks_from(3, self.businesses.len())
    }
}

/// A participant's first-ever total and latest total in the period, of one instrument.
#[derive(Deserialize)]
pub struct Pair {
    pub instrument: String,
    pub baseline: i64,
    pub latest: i64,
}

/// The latest total in the period per participant and instrument (the last month row that has
/// one), against the participant's first-ever total. Scope ids are bound, never spliced.
pub async fn pairs(ctx: &Ctx, scope: &Scope<'_>) -> Result<Vec<Pair>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT m.instrument AS instrument, b.total AS baseline, m.total AS latest FROM stats_monthly m \
             JOIN stats_baseline b ON b.participant_id = m.participant_id AND b.instrument = m.instrument \
             WHERE m.period >= ?1 AND m.period <= ?2 AND m.business_id IN ({}) \
             AND m.period = (SELECT MAX(m2.period) FROM stats_monthly m2 WHERE m2.participant_id = m.participant_id \
                 AND m2.instrument = m.instrument AND m2.period >= ?1 AND m2.period <= ?2)",
            scope.marks()
        ))
        .bind(&scope.binds())?
        .all()
        .await?
        .results::<Pair>()?)
}

/// Participants with a response in the period.
pub async fn active(ctx: &Ctx, scope: &Scope<'_>) -> Result<u32, ApiError> {
    count(
        ctx,
        format!(
            "SELECT COUNT(DISTINCT participant_id) AS n FROM stats_monthly WHERE period >= ?1 AND period <= ?2 \
             AND business_id IN ({})",
            scope.marks()
        ),
        scope.binds(),
    )
    .await
}

/// Participants issued in `[start_ms, end_ms)` by the businesses.
pub async fn issued(
    ctx: &Ctx,
    start_ms: i64,
    end_ms: i64,
    businesses: &[String],
) -> Result<u32, ApiError> {
    let mut binds = vec![db::n(start_ms), db::n(end_ms)];
    binds.extend(businesses.iter().map(|s| db::s(s)));
    count(
        ctx,
        format!(
            "SELECT COUNT(*) AS n FROM participants WHERE issued_at >= ?1 AND issued_at < ?2 AND business_id IN ({})",
            db::marks_from(3, businesses.len())
        ),
        binds,
    )
    .await
}

#[derive(Deserialize)]
struct Count {
    n: i64,
}

async fn count(ctx: &Ctx, sql: String, binds: Vec<JsValue>) -> Result<u32, ApiError> {
    let n = ctx
        .db()?
        .prepare(sql)
        .bind(&binds)?
        .first::<Count>(None)
        .await?
        .map_or(0, |c| c.n);
    Ok(n.max(0) as u32)
}
