//! Feedback from participants: kept until handled, at most 90 days (`content::retention`).

use crate::ground::{ctx::Ctx, db, error::ApiError};
use content::api::FeedbackKind;

pub async fn insert(
    ctx: &Ctx,
    participant_id: &str,
    business_id: Option<&str>,
    kind: FeedbackKind,
    text: &str,
    now: i64,
) -> Result<(), ApiError> {
    let kind = match kind {
        FeedbackKind::Suggestion => "suggestion",
        FeedbackKind::Evaluation => "evaluation",
    };
    ctx.db()?
        .prepare(
            "INSERT INTO feedback (participant_id, business_id, kind, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&[db::s(participant_id), db::opt(business_id), db::s(kind), db::s(text), db::n(now)])?
        .run()
        .await?;
    Ok(())
}
