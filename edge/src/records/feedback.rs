//! Feedback from participants and staff: the desk reads the unhandled messages (with a stable
//! pseudonym of the sender), handling erases the text at once and keeps kind and dates so the
//! sender sees it was handled; every row goes after 90 days (`content::retention`, the daily job).

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use content::{
    api::{FeedbackItem, FeedbackKind, FeedbackReceipt, FeedbackRecord},
    time::format_ms,
};
use serde::Deserialize;

/// Who sent a message.
pub enum Sender<'a> {
    Participant {
        id: &'a str,
        business_id: Option<&'a str>,
    },
    Staff {
        id: &'a str,
    },
}

fn kind_name(kind: FeedbackKind) -> &'static str {
    match kind {
        FeedbackKind::Suggestion => "suggestion",
        FeedbackKind::Evaluation => "evaluation",
    }
}

fn kind_of(name: &str) -> FeedbackKind {
    if name == "evaluation" {
        FeedbackKind::Evaluation
    } else {
        FeedbackKind::Suggestion
    }
}

pub async fn insert(
    ctx: &Ctx,
    sender: Sender<'_>,
    kind: FeedbackKind,
    text: &str,
    now: i64,
) -> Result<(), ApiError> {
    let (participant, business, staff) = match sender {
        Sender::Participant { id, business_id } => (Some(id), business_id, None),
        Sender::Staff { id } => (None, None, Some(id)),
    };
    ctx.db()?
        .prepare(
            "INSERT INTO feedback (participant_id, business_id, staff_id, kind, text, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[
            db::opt(participant),
            db::opt(business),
            db::opt(staff),
            db::s(kind_name(kind)),
            db::s(text),
            db::n(now),
        ])?
        .run()
        .await?;
    Ok(())
}

#[derive(Deserialize)]
struct Row {
    id: i64,
    kind: String,
    text: String,
    created_at: i64,
    handled_at: Option<i64>,
    participant_id: Option<String>,
    staff_id: Option<String>,
}

impl Row {
    fn receipt(&self) -> FeedbackReceipt {
        FeedbackReceipt {
            id: self.id.to_string(),
            kind: kind_of(&self.kind),
            sent_at: format_ms(self.created_at),
            handled_at: self.handled_at.map(format_ms),
        }
    }
}

const COLUMNS: &str = "id, kind, text, created_at, handled_at, participant_id, staff_id";

/// The participant's messages still kept, newest first (text only while unhandled).
pub async fn of_participant(
    ctx: &Ctx,
    participant_id: &str,
) -> Result<Vec<FeedbackRecord>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM feedback WHERE participant_id = ?1 ORDER BY created_at DESC, id DESC"
        ))
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<Row>()?
        .into_iter()
        .map(|r| FeedbackRecord {
            receipt: r.receipt(),
            text: r.handled_at.is_none().then_some(r.text),
        })
        .collect())
}

/// The desk: every unhandled message, oldest first, with the sender's pseudonym.
pub async fn unhandled(ctx: &Ctx) -> Result<Vec<FeedbackItem>, ApiError> {
    let rows = ctx
        .db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM feedback WHERE handled_at IS NULL ORDER BY created_at, id"
        ))
        .all()
        .await?
        .results::<Row>()?;
    rows.into_iter()
        .map(|r| {
            let sender = pseudonym(ctx, r.participant_id.as_deref(), r.staff_id.as_deref())?;
            Ok(FeedbackItem {
                id: r.id.to_string(),
                kind: kind_of(&r.kind),
                text: r.text,
                sent_at: format_ms(r.created_at),
                sender,
            })
        })
        .collect()
}

/// `P-` or `S-` and eight hex digits of a keyed hash of the sender's id: stable per sender,
/// unlinkable to the reference (the code's first group) without the deployment's key.
fn pseudonym(
    ctx: &Ctx,
    participant: Option<&str>,
    staff: Option<&str>,
) -> Result<String, ApiError> {
    let (prefix, id) = match (participant, staff) {
        (Some(p), _) => ("P", p),
        (None, Some(s)) => ("S", s),
        (None, None) => return Ok("?".into()),
    };
    let mac = crypto::keyed(ctx, Secret::Code, &format!("feedback-sender:{prefix}:{id}"))?;
    Ok(format!("{prefix}-{}", mac.get(..8).unwrap_or(&mac)))
}

/// Marks a message handled and erases its text; `false` when there is no such message.
/// Handling twice changes nothing.
pub async fn handle(ctx: &Ctx, id: &str, now: i64) -> Result<bool, ApiError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(false);
    };
    // One statement: it touches the row exactly when the message exists (handled or not).
    let result = ctx
        .db()?
        .prepare(
            "UPDATE feedback SET text = '', handled_at = COALESCE(handled_at, ?2) WHERE id = ?1",
        )
        .bind(&[db::n(id), db::n(now)])?
        .run()
        .await?;
    Ok(db::changes(&result)? > 0)
}
