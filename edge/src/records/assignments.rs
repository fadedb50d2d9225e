//! What staff send a participant (content or a questionnaire): the participant's inbox, and
//! the participant detail's list of assignments.

use crate::ground::{crypto, ctx::Ctx, db, error::ApiError};
use content::{
    api::{AssignmentKind, InboxItem},
    time::format_ms,
};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement, D1Result};

#[derive(Deserialize)]
struct Row {
    id: String,
    kind: String,
    tool: Option<String>,
    part: Option<String>,
    instrument: Option<String>,
    sent_at: i64,
    done_at: Option<i64>,
}

/// Everything sent to the participant, newest first.
pub async fn inbox(ctx: &Ctx, participant_id: &str) -> Result<Vec<InboxItem>, ApiError> {
    inbox_from(&inbox_statement(&ctx.db()?, participant_id)?.all().await?)
}

/// The read of [`inbox`], for a caller's batch; [`inbox_from`] reads its result.
pub fn inbox_statement(
    db: &D1Database,
    participant_id: &str,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "SELECT id, kind, tool, part, instrument, sent_at, done_at FROM assignments \
             WHERE participant_id = ?1 ORDER BY sent_at DESC",
        )
        .bind(&[db::s(participant_id)])?)
}

pub fn inbox_from(result: &D1Result) -> Result<Vec<InboxItem>, ApiError> {
    Ok(result
        .results::<Row>()?
        .into_iter()
        .map(|r| InboxItem {
            id: r.id,
            kind: if r.kind == "questionnaire" {
                AssignmentKind::Questionnaire
            } else {
                AssignmentKind::Content
            },
            tool: r.tool,
            part: r.part,
            instrument: r.instrument,
            sent_at: format_ms(r.sent_at),
            done_at: r.done_at.map(format_ms),
        })
        .collect())
}

/// What is sent: a tool (or one part of it), or a questionnaire.
pub struct NewAssignment<'a> {
    pub kind: AssignmentKind,
    pub tool: Option<&'a str>,
    pub part: Option<&'a str>,
    pub instrument: Option<&'a str>,
}

/// Stores an assignment (already checked) and returns its new id.
pub async fn insert(
    ctx: &Ctx,
    participant_id: &str,
    a: NewAssignment<'_>,
    now: i64,
) -> Result<String, ApiError> {
    let id = crypto::random_id()?;
    let kind = match a.kind {
        AssignmentKind::Content => "content",
        AssignmentKind::Questionnaire => "questionnaire",
    };
    ctx.db()?
        .prepare(
            "INSERT INTO assignments (id, participant_id, kind, tool, part, instrument, sent_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(&[
            db::s(&id),
            db::s(participant_id),
            db::s(kind),
            db::opt(a.tool),
            db::opt(a.part),
            db::opt(a.instrument),
            db::n(now),
        ])?
        .run()
        .await?;
    Ok(id)
}

/// Marks done the participant's open questionnaire assignments of `instrument` (answered).
pub async fn close_questionnaire(
    ctx: &Ctx,
    participant_id: &str,
    instrument: &str,
    now: i64,
) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "UPDATE assignments SET done_at = ?3 WHERE participant_id = ?1 AND kind = 'questionnaire' \
             AND instrument = ?2 AND done_at IS NULL",
        )
        .bind(&[db::s(participant_id), db::s(instrument), db::n(now)])?
        .run()
        .await?;
    Ok(())
}

/// Marks done the participant's open content assignments of `tool` that cover `part` (the
/// whole tool, or that part): opened.
pub async fn close_content(
    ctx: &Ctx,
    participant_id: &str,
    tool: &str,
    part: &str,
    now: i64,
) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "UPDATE assignments SET done_at = ?4 WHERE participant_id = ?1 AND kind = 'content' \
             AND tool = ?2 AND (part IS NULL OR part = ?3) AND done_at IS NULL",
        )
        .bind(&[db::s(participant_id), db::s(tool), db::s(part), db::n(now)])?
        .run()
        .await?;
    Ok(())
}

/// What withdrawing an assignment did.
#[derive(Debug, PartialEq, Eq)]
pub enum Withdrawn {
    Now,
    /// It is done: what happened stays on record.
    AlreadyDone,
    Unknown,
}

#[derive(Deserialize)]
struct DoneAt {
    done_at: Option<i64>,
}

/// Withdraws (deletes) an open assignment of the participant.
pub async fn withdraw(ctx: &Ctx, participant_id: &str, id: &str) -> Result<Withdrawn, ApiError> {
    let db = ctx.db()?;
    let row = db
        .prepare("SELECT done_at FROM assignments WHERE participant_id = ?1 AND id = ?2")
        .bind(&[db::s(participant_id), db::s(id)])?
        .first::<DoneAt>(None)
        .await?;
    match row {
        None => Ok(Withdrawn::Unknown),
        Some(DoneAt { done_at: Some(_) }) => Ok(Withdrawn::AlreadyDone),
        Some(DoneAt { done_at: None }) => {
            db.prepare(
                "DELETE FROM assignments WHERE participant_id = ?1 AND id = ?2 AND done_at IS NULL",
            )
            .bind(&[db::s(participant_id), db::s(id)])?
            .run()
            .await?;
            Ok(Withdrawn::Now)
        }
    }
}
