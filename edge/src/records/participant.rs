//! Participants (one per access code): who is behind a session cookie, lookup by code hash,
//! the login day, the code swap, deletion registrations, and erasure (P8).

use crate::{
    ground::{ctx::Ctx, db, error::ApiError},
    records::{
        consent,
        session::{self, Kind, SubjectTable},
        summary,
    },
};
use content::{
    api::{CodeChange, Deletion},
    consent::Event,
    time::format_ms,
};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Deserialize)]
pub struct Participant {
    pub id: String,
    pub business_id: Option<String>,
    pub reference: String,
    pub issued_at: i64,
    pub tool: Option<String>,
    pub plan: Option<String>,
    pub first_login_at: Option<i64>,
    /// `YYYY-MM-DD` of the last login.
    pub last_login_on: Option<String>,
}

const COLUMNS: &str =
    "id, business_id, reference, issued_at, tool, plan, first_login_at, last_login_on";

/// 401 unless a live participant session exists and the participant is active: the session and
/// the participant are read in one query.
pub async fn current(ctx: &Ctx, now: i64) -> Result<Participant, ApiError> {
    session::subject(
        ctx,
        Kind::Participant,
        now,
        &SubjectTable {
            table: "participants",
            columns: COLUMNS,
        },
    )
    .await
}

/// An active participant by id.
pub async fn by_id(ctx: &Ctx, id: &str) -> Result<Option<Participant>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM participants WHERE id = ?1 AND active = 1"
        ))
        .bind(&[db::s(id)])?
        .first::<Participant>(None)
        .await?)
}

/// An active participant by the keyed hash of their code (login).
pub async fn by_code_hash(ctx: &Ctx, code_hash: &str) -> Result<Option<Participant>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM participants WHERE code_hash = ?1 AND active = 1"
        ))
        .bind(&[db::s(code_hash)])?
        .first::<Participant>(None)
        .await?)
}

/// Records a login: the day (for "last active" and retention) and the day of the first login
/// (the start of the plan), never its instant (`content::private::first_login_at`).
/// The statement is for the login's batch.
pub fn record_login(
    db: &D1Database,
    id: &str,
    today: &str,
    now: i64,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "UPDATE participants SET last_login_on = ?2, first_login_at = COALESCE(first_login_at, ?3) \
             WHERE id = ?1",
        )
        .bind(&[
            db::s(id),
            db::s(today),
            db::n(content::private::first_login_at(now)),
        ])?)
}

/// A participant leaving their business with a code change: the consent events that end
/// sharing (`content::consent::leave`) and what the business keeps ("code changed", the day).
pub struct Leave<'a> {
    pub business_id: &'a str,
    pub reference: &'a str,
    pub events: &'a [Event],
    pub now: i64,
}

/// The confirmed code change, in one batch: the pending code becomes the code, and every way
/// in that the old code opened ends ([`end_access`]). With `leave`, in the same batch, sharing
/// ends, the business keeps only the old reference and the day, and the link to it is cut.
pub async fn replace_code(
    ctx: &Ctx,
    id: &str,
    code_hash: &str,
    leave: Option<Leave<'_>>,
) -> Result<(), ApiError> {
    let db = ctx.db()?;
    let mut statements = vec![
        db.prepare("UPDATE participants SET code_hash = ?2 WHERE id = ?1")
            .bind(&[db::s(id), db::s(code_hash)])?,
    ];
    statements.extend(end_access(&db, id)?);
    if let Some(l) = leave {
        statements.extend(consent::insert_statements(&db, id, l.events)?);
        statements.push(
            db.prepare(
                "INSERT INTO code_changes (business_id, reference, changed_at) VALUES (?1, ?2, ?3)",
            )
            .bind(&[db::s(l.business_id), db::s(l.reference), db::n(l.now)])?,
        );
        statements.push(
            db.prepare("UPDATE participants SET business_id = NULL WHERE id = ?1")
                .bind(&[db::s(id)])?,
        );
    }
    db.batch(statements).await?;
    Ok(())
}

#[derive(Deserialize)]
struct CodeChangeRow {
    reference: String,
    changed_at: i64,
}

/// The old references of participants who left the business with a code change, newest first.
pub async fn code_changes(ctx: &Ctx, business_id: &str) -> Result<Vec<CodeChange>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(
            "SELECT reference, changed_at FROM code_changes WHERE business_id = ?1 \
             ORDER BY changed_at DESC, id DESC",
        )
        .bind(&[db::s(business_id)])?
        .all()
        .await?
        .results::<CodeChangeRow>()?
        .into_iter()
        .map(|c| CodeChange {
            reference: c.reference,
            changed_at: format_ms(c.changed_at),
        })
        .collect())
}

/// The one "end all access" of a participant, shared by the code change, "delete everything"
/// and the retention job (both through [`erase`]), so the three cannot drift apart: every
/// session, every device-link code and the pending code of a code change. One made before
/// would otherwise still open the account.
pub fn end_access(db: &D1Database, id: &str) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let pid = db::s(id);
    Ok(vec![
        session::end_all_statement(db, Kind::Participant, id)?,
        db.prepare("DELETE FROM device_links WHERE participant_id = ?1")
            .bind(std::slice::from_ref(&pid))?,
        db.prepare("DELETE FROM pending_codes WHERE participant_id = ?1")
            .bind(&[pid])?,
    ])
}

/// Active participants whose code has not been used since `cutoff_ms` (by last login day, or
/// by issue time if never used), at most 500 at a time.
pub async fn unused_since(
    db: &D1Database,
    cutoff_day: &str,
    cutoff_ms: i64,
) -> Result<Vec<Participant>, ApiError> {
    Ok(db
        .prepare(format!(
            "SELECT {COLUMNS} FROM participants WHERE active = 1 AND \
             ((last_login_on IS NOT NULL AND last_login_on < ?1) OR (last_login_on IS NULL AND issued_at < ?2)) \
             LIMIT 500"
        ))
        .bind(&[db::s(cutoff_day), db::n(cutoff_ms)])?
        .all()
        .await?
        .results::<Participant>()?)
}

/// P8: every row of the participant goes, in one atomic batch; a deletion registration
/// (reference + date) stays for the business, and staff audit rows lose the participant id.
pub async fn erase(
    db: &D1Database,
    p: &Participant,
    now: i64,
    reason: &str,
) -> Result<(), ApiError> {
    db.batch(erase_statements(db, p, now, reason)?).await?;
    Ok(())
}

fn erase_statements(
    db: &D1Database,
    p: &Participant,
    now: i64,
    reason: &str,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let id = db::s(&p.id);
    let mut statements = vec![db
        .prepare("INSERT INTO deletions (business_id, reference, deleted_at, reason) VALUES (?1, ?2, ?3, ?4)")
        .bind(&[db::opt(p.business_id.as_deref()), db::s(&p.reference), db::n(now), db::s(reason)])?];
    // Sessions, link codes and the pending code: the same statements as a code change.
    statements.extend(end_access(db, &p.id)?);
    for table in [
        "responses",
        "progress",
        "consent_events",
        "assignments",
        "feedback",
        "removed_responses",
    ] {
        statements.push(
            db.prepare(format!("DELETE FROM {table} WHERE participant_id = ?1"))
                .bind(std::slice::from_ref(&id))?,
        );
    }
    statements.push(summary::delete(db, &p.id)?);
    statements.push(
        db.prepare("UPDATE audit SET participant_id = NULL WHERE participant_id = ?1")
            .bind(std::slice::from_ref(&id))?,
    );
    statements.push(
        db.prepare("DELETE FROM participants WHERE id = ?1")
            .bind(&[id])?,
    );
    Ok(statements)
}

#[derive(Deserialize)]
struct DeletionRow {
    reference: String,
    deleted_at: i64,
}

/// The deletion registrations of a business, newest first.
pub async fn deletions(ctx: &Ctx, business_id: &str) -> Result<Vec<Deletion>, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT reference, deleted_at FROM deletions WHERE business_id = ?1 ORDER BY deleted_at DESC")
        .bind(&[db::s(business_id)])?
        .all()
        .await?
        .results::<DeletionRow>()?
        .into_iter()
        .map(|d| Deletion {
            reference: d.reference,
            deleted_at: format_ms(d.deleted_at),
        })
        .collect())
}
