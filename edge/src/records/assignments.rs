//! What staff send a participant (content or a questionnaire): the participant's inbox, and
//! the participant detail's list of assignments.

use crate::ground::{crypto, ctx::Ctx, db, error::ApiError};
use content::{
    api::{AssignmentKind, InboxItem},
    time::format_ms,
};
use serde::Deserialize;

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
    let rows = ctx
        .db()?
        .prepare(
            "SELECT id, kind, tool, part, instrument, sent_at, done_at FROM assignments \
             WHERE participant_id = ?1 ORDER BY sent_at DESC",
        )
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows
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
