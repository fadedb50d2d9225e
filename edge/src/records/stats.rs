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

/// A participant's latest total of one instrument in one month of the scope, with their
/// first-ever total.
#[derive(Deserialize)]
pub struct MonthRow {
    pub business_id: String,
    pub participant_id: String,
    pub instrument: String,
    pub period: String,
    pub latest: i64,
    pub baseline: i64,
}

/// Every month row of the scope (one per participant, instrument and month with an answer),
/// so that a report and every report it contains come from one read. Scope ids are bound,
/// never spliced.
pub async fn month_rows(ctx: &Ctx, scope: &Scope<'_>) -> Result<Vec<MonthRow>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT m.business_id AS business_id, m.participant_id AS participant_id, \
             m.instrument AS instrument, m.period AS period, m.total AS latest, b.total AS baseline \
             FROM stats_monthly m \
             JOIN stats_baseline b ON b.participant_id = m.participant_id AND b.instrument = m.instrument \
             WHERE m.period >= ?1 AND m.period <= ?2 AND m.business_id IN ({})",
            scope.marks()
        ))
        .bind(&scope.binds())?
        .all()
        .await?
        .results::<MonthRow>()?)
}

#[derive(Deserialize)]
struct IssuedRow {
    business_id: String,
    month: i64,
    n: i64,
}

/// Codes issued per business and month: `bounds` are the months' `[start, end)` in order
/// (one for a month, three for a quarter); `[business][month]` in the order of `businesses`.
pub async fn issued(
    ctx: &Ctx,
    bounds: &[(i64, i64)],
    businesses: &[String],
) -> Result<Vec<Vec<u32>>, ApiError> {
    let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else {
        return Ok(vec![Vec::new(); businesses.len()]);
    };
    // The month of a code: how many month starts after the first it is at or past.
    let later_starts: Vec<i64> = bounds.iter().skip(1).map(|b| b.0).collect();
    let month_expr = if later_starts.is_empty() {
        "0".to_string()
    } else {
        (0..later_starts.len())
            .map(|i| format!("(issued_at >= ?{})", i + 3))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut binds = vec![db::n(first.0), db::n(last.1)];
    binds.extend(later_starts.iter().map(|&s| db::n(s)));
    binds.extend(businesses.iter().map(|s| db::s(s)));
    let rows = ctx
        .db()?
        .prepare(format!(
            "SELECT business_id, {month_expr} AS month, COUNT(*) AS n FROM participants \
             WHERE issued_at >= ?1 AND issued_at < ?2 AND business_id IN ({}) GROUP BY business_id, month",
            db::marks_from(3 + later_starts.len(), businesses.len())
        ))
        .bind(&binds)?
        .all()
        .await?
        .results::<IssuedRow>()?;
    let mut out = vec![vec![0_u32; bounds.len()]; businesses.len()];
    for r in rows {
        let b = businesses.iter().position(|id| *id == r.business_id);
        let m = usize::try_from(r.month).ok().filter(|&m| m < bounds.len());
        if let (Some(b), Some(m)) = (b, m) {
            out[b][m] = u32::try_from(r.n).unwrap_or(0);
        }
    }
    Ok(out)
}
