//! Standardised registrations: questionnaire responses (re-scored here with the same engine as
//! the browser) and tool progress. Both are idempotent on the client-made id.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        assignments, participant,
        progress::{self, Step},
        responses::{self, NewResponse, Removed},
        stats,
    },
};
use content::api::{ResponseHistory, ResponseStored, Stored, is_uuid};
use worker::Response;

/// `POST /api/me/responses`: the session first, then the body. Closes the open assignments of
/// the instrument. `completed_at` lies between the code's issue and now (+ skew).
pub async fn submit_response(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let checked = bodies::response(&http::read_body(&mut ctx.req).await?, now, p.issued_at)?;
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
    let Some(stored) = responses::one(&ctx, &p.id, &body.id).await? else {
        return Err(if responses::was_removed(&ctx, &p.id, &body.id).await? {
            ApiError::Conflict {
                code: "response_removed",
                message: "This registration was removed and cannot be sent again.".into(),
            }
        } else {
            ApiError::Internal("response vanished".into())
        });
    };
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
    assignments::close_questionnaire(&ctx, &p.id, &score.instrument, now).await?;
    http::ok(&ResponseStored {
        id: stored.id,
        score: stored.score,
    })
}

/// `DELETE /api/me/responses/{id}`: 204 when removed now or before, 404 when the caller never
/// had a response with that id.
pub async fn remove_response(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let id = ctx.param(0);
    if !is_uuid(id) {
        return Err(no_such_response());
    }
    match responses::remove(&ctx, &p.id, p.business_id.as_deref(), id, now).await? {
        Removed::Now | Removed::Before => http::no_content(),
        Removed::Never => Err(no_such_response()),
    }
}

fn no_such_response() -> ApiError {
    ApiError::NoSuch("You have no registration with that id.")
}

pub async fn list_responses(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&ResponseHistory {
        responses: responses::all(&ctx, &p.id).await?,
    })
}

/// `POST /api/me/progress`: the session first, then the body. Opening a tool (or part) closes
/// the open content assignments of it.
pub async fn submit_progress(mut ctx: Ctx) -> Result<Response, ApiError> {
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
    assignments::close_content(&ctx, &p.id, &body.tool, &body.part, now).await?;
    http::ok(&Stored { id: body.id })
}
