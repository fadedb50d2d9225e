//! Standardised registrations: questionnaire responses (re-scored here with the same engine as
//! the browser) and tool progress. Both are idempotent on the client-made id.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{participant, progress, responses, stats},
};
use content::api::{ResponseHistory, ResponseStored, Stored};
use worker::Response;

pub async fn submit_response(mut ctx: Ctx) -> Result<Response, ApiError> {
    let bytes = http::read_body(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let checked = bodies::response(&bytes, now)?;
    let p = participant::current(&ctx, now).await?;
    let (body, score) = (&checked.body, &checked.score);
    responses::insert(&ctx, &p.id, body, score, checked.completed_ms, now).await?;
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
    let body = bodies::progress(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    progress::upsert(&ctx, &p.id, &body, now).await?;
    http::ok(&Stored { id: body.id })
}
