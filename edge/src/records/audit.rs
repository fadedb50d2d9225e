//! The audit of staff access (P7): one row per individual read or action; the super user sees
//! who, the participant sees only the date and the business.

use crate::ground::{ctx::Ctx, db, error::ApiError};
use content::{
    api::{AccessLogEntry, AuditEntry},
    time::{date_of, format_ms},
};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// What was done, by whom, in which business, to whom (if anyone).
pub struct Entry<'a> {
    pub business_id: &'a str,
    pub staff_id: &'a str,
    pub participant_id: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub action: &'a str,
}

/// Records many entries at once, in one batch (the overview's reads of a page).
pub async fn record_all(ctx: &Ctx, entries: &[Entry<'_>], now: i64) -> Result<(), ApiError> {
    if entries.is_empty() {
        return Ok(());
    }
    let db = ctx.db()?;
    let statements = entries
        .iter()
        .map(|e| insert(&db, e, now))
        .collect::<Result<Vec<_>, ApiError>>()?;
    db.batch(statements).await?;
    Ok(())
}

pub async fn record(ctx: &Ctx, e: Entry<'_>, now: i64) -> Result<(), ApiError> {
    insert(&ctx.db()?, &e, now)?.run().await?;
    Ok(())
}

fn insert(db: &D1Database, e: &Entry<'_>, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO audit (business_id, staff_id, participant_id, reference, action, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[
            db::s(e.business_id),
            db::s(e.staff_id),
            db::opt(e.participant_id),
            db::opt(e.reference),
            db::s(e.action),
            db::n(now),
        ])?)
}

#[derive(Deserialize)]
struct AccessRow {
    at: i64,
    business: String,
}

/// The participant's view of staff access: date and business, newest first.
pub async fn access_entries(
    ctx: &Ctx,
    participant_id: &str,
) -> Result<Vec<AccessLogEntry>, ApiError> {
    let rows = ctx
        .db()?
        .prepare(
            "SELECT a.at AS at, b.name AS business FROM audit a JOIN businesses b ON b.id = a.business_id \
             WHERE a.participant_id = ?1 ORDER BY a.at DESC",
        )
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<AccessRow>()?;
    Ok(rows
        .into_iter()
        .map(|r| AccessLogEntry {
            date: date_of(r.at),
            business: r.business,
        })
        .collect())
}

#[derive(Deserialize)]
struct LogRow {
    at: i64,
    staff_id: String,
    staff_email: String,
    reference: Option<String>,
    action: String,
}

/// The columns of [`LogRow`]: a row of a deleted account has no address (`""`).
const LOG_SELECT: &str = "SELECT a.at AS at, a.staff_id AS staff_id, COALESCE(s.email, '') AS staff_email, \
     a.reference AS reference, a.action AS action FROM audit a LEFT JOIN staff s ON s.id = a.staff_id";

/// The business's audit log for its super user, newest first, at most 1000 entries.
pub async fn log(ctx: &Ctx, business_id: &str) -> Result<Vec<AuditEntry>, ApiError> {
    entries(
        ctx,
        &format!("{LOG_SELECT} WHERE a.business_id = ?1 ORDER BY a.at DESC, a.id DESC LIMIT 1000"),
        business_id,
    )
    .await
}

/// The rows one staff account caused, in every business, newest first, at most 1000: what is
/// stored about the account holder.
pub async fn by_staff(ctx: &Ctx, staff_id: &str) -> Result<Vec<AuditEntry>, ApiError> {
    entries(
        ctx,
        &format!("{LOG_SELECT} WHERE a.staff_id = ?1 ORDER BY a.at DESC, a.id DESC LIMIT 1000"),
        staff_id,
    )
    .await
}

async fn entries(ctx: &Ctx, sql: &str, bind: &str) -> Result<Vec<AuditEntry>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(sql)
        .bind(&[db::s(bind)])?
        .all()
        .await?
        .results::<LogRow>()?
        .into_iter()
        .map(|r| AuditEntry {
            at: format_ms(r.at),
            staff_id: r.staff_id,
            staff_email: r.staff_email,
            participant: r.reference.unwrap_or_default(),
            action: r.action,
        })
        .collect())
}
