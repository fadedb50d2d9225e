//! `POST /api/feedback`: suggestions and evaluations. The participant id is attached here, not
//! by the client; the form warns against personal details. Erased when handled or after 90 days.

use crate::{clock, db, error::ApiError, http, participant, router::Ctx};
use content::api::{FeedbackKind, FeedbackRequest};
use worker::Response;

pub const MAX_TEXT_CHARS: usize = 4000;

pub async fn submit(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: FeedbackRequest = http::read_json(&mut ctx.req).await?;
    let text = body.text.trim();
    if text.is_empty() {
        return Err(ApiError::unprocessable(
            "empty_text",
            "Write something before sending.",
        ));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::unprocessable(
            "text_too_long",
            format!("At most {MAX_TEXT_CHARS} characters."),
        ));
    }
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let kind = match body.kind {
        FeedbackKind::Suggestion => "suggestion",
        FeedbackKind::Evaluation => "evaluation",
    };
    ctx.db()?
        .prepare(
            "INSERT INTO feedback (participant_id, business_id, kind, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&[db::s(&p.id), db::opt(p.business_id.as_deref()), db::s(kind), db::s(text), db::n(now)])?
        .run()
        .await?;
    Ok(http::json_response(
        201,
        &serde_json::json!({ "received": true }),
    ))
}
