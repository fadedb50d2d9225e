//! `POST /api/me/consent {share}` and `POST /api/me/consent/renewal {still_followed_up}`: a
//! command, checked against the stored events by the pure machine in `content::consent`; the
//! answer is the new state of `GET /api/me`. A private participant (no business) has nothing
//! to consent to: 409 `consent_not_applicable`.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{consent, me, participant},
};
use content::consent::Command;
use worker::Response;

async fn command(
    mut ctx: Ctx,
    parse: fn(&[u8]) -> Result<Command, ApiError>,
) -> Result<Response, ApiError> {
    // The session before the body.
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let cmd = parse(&http::read_body(&mut ctx.req).await?)?;
    let events = consent::events(&ctx, &p.id).await?;
    if p.business_id.is_none() && !events.is_empty() {
        // Left with a code change, or the business closed: there is no one to share with. (A
        // private participant, who never had a business, has no events: `apply_for` says so.)
        return Err(ApiError::Conflict {
            code: "no_business",
            message: "Your code is not linked to a service, so there is nothing to share.".into(),
        });
    }
    let new =
        content::consent::apply_for(p.business_id.is_some(), &events, now, cmd).map_err(|e| {
            ApiError::Conflict {
                code: e.code(),
                message: e.to_string(),
            }
        })?;
    consent::store(&ctx, &p.id, &new).await?;
    http::ok(&me::state(&ctx, &p, now).await?)
}

pub async fn share(ctx: Ctx) -> Result<Response, ApiError> {
    command(ctx, bodies::consent).await
}

/// 409 when no renewal is due.
pub async fn renewal(ctx: Ctx) -> Result<Response, ApiError> {
    command(ctx, bodies::renewal).await
}
