//! Standardised registrations: questionnaire responses (re-scored here with the same engine as
//! the browser) and tool progress. Both are idempotent on the client-made id.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        participant,
        progress::{self, Step},
        responses::{self, NewResponse},
        stats,
    },
};
use content::api::{ResponseHistory, ResponseStored, Stored};
use worker::Response;

/// The session before the body; `completed_at` between the code's issue and now (+ skew).
pub async fn submit_response(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let bytes = http::read_body(&mut ctx.req).await?;
    let checked = bodies::response(&bytes, now, p.issued_at)?;
    let (body, score) = (&checked.body, &checked.score);
    let new = NewResponse {
        id: &body.id,
        answers: &body.answers,
        score,
        completed_ms: checked.completed_ms,
        lang: body.lang,
    };
    responses::insert(&ctx, &p.id, new, now).await?;
    // A retry gets what was stored the first time, never a second row.
    let stored = responses::one(&ctx, &p.id, &body.id)
        .await?
        .ok_or_else(|| ApiError::Internal("response vanished".into()))?;
    if stored.instrument != body.instrument {
        return Err(ApiError::Conflict {
            code: "id_conflict",
            message: "this id was used for another response".into(),
        });
    }
    stats::record(
        &ctx,
        &p.id,
        p.business_id.as_deref(),
        &score.instrument,
        score.total,
        checked.completed_ms,
    )
    .await?;
    http::ok(&ResponseStored {
        id: stored.id,
        score: stored.score,
    })
}

pub async fn list_responses(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&ResponseHistory {
        responses: responses::all(&ctx, &p.id).await?,
    })
}

pub async fn submit_progress(mut ctx: Ctx) -> Result<Response, ApiError> {
    // The session before the body.
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let body = bodies::progress(&http::read_body(&mut ctx.req).await?)?;
    let step = Step {
        id: &body.id,
        tool: &body.tool,
        part: &body.part,
        step: &body.step,
        state: body.state,
        answers: body.answers.as_ref(),
    };
    progress::upsert(&ctx, &p.id, step, now).await?;
    http::ok(&Stored { id: body.id })
}
