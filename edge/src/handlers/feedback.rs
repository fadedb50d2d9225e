//! `POST /api/feedback`: suggestions and evaluations. The participant id is attached here, not
//! by the client; the form warns against personal details. Erased when handled or after 90 days.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{feedback, participant},
};
use content::api::Received;
use worker::Response;

pub async fn submit(mut ctx: Ctx) -> Result<Response, ApiError> {
    // The session before the body.
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let body = bodies::feedback(&http::read_body(&mut ctx.req).await?)?;
    feedback::insert(
        &ctx,
        &p.id,
        p.business_id.as_deref(),
        body.kind,
        &body.text,
        now,
    )
    .await?;
    http::created(&Received { received: true })
}
