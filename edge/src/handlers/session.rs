//! `POST /api/session`, `DELETE /api/session`, `POST /api/session/link`.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        codes, device_links, me,
        participant::{self, Participant},
        session::{self, Kind},
        throttle::{self, Subject},
    },
};
use content::{api::LoggedOut, retention, time::date_of};
use worker::Response;

/// Login with a code; answers with the state of `GET /api/me`. A text that is not a code, an
/// unknown, deactivated or deleted code: one 401, counted by the throttle, whose claim is
/// made before the lookup.
pub async fn login(mut ctx: Ctx) -> Result<Response, ApiError> {
    let code = bodies::login(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let gates = throttle::claim(&ctx, now, &[Subject::Source]).await?;
    let found = match code {
        // The browser catches typos before sending; what arrives malformed counts as a failure.
        Some(code) => participant::by_code_hash(&ctx, &codes::hash(&ctx, &code)?).await?,
        None => None,
    };
    let Some(p) = found else {
        throttle::failed(&ctx, now).await?;
        return Err(ApiError::Unauthorized);
    };
    throttle::release(&ctx, &gates).await?;
    enter(&ctx, p, now).await
}

/// Records the login day and starts a session; answers with the state of `GET /api/me`.
async fn enter(ctx: &Ctx, p: Participant, now: i64) -> Result<Response, ApiError> {
    participant::record_login(ctx, &p.id, &date_of(now), now).await?;
    let cookie = session::start(ctx, Kind::Participant, &p.id, now).await?;
    let state = me::state(ctx, &p, now).await?;
    Ok(http::with_cookie(http::json_response(200, &state), &cookie))
}

/// Logs out: ends the session of every session cookie the request carries (a participant's,
/// and a staff member's too), and clears those cookies.
pub async fn logout(ctx: Ctx) -> Result<Response, ApiError> {
    session::end(&ctx, Kind::Participant).await?;
    let staff = session::end(&ctx, Kind::Staff).await?;
    let resp = http::json_response(200, &LoggedOut { logged_out: true });
    let resp = http::with_cookie(resp, &session::clear_cookie(Kind::Participant));
    Ok(if staff {
        http::with_cookie(resp, &session::clear_cookie(Kind::Staff))
    } else {
        resp
    })
}

/// Continue on another device: the one-time link code is consumed whether or not it is still
/// valid, so it can never be used twice.
pub async fn link(mut ctx: Ctx) -> Result<Response, ApiError> {
    let normalised = bodies::link(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let gates = throttle::claim(&ctx, now, &[Subject::Source]).await?;
    let valid = device_links::take(&ctx, &normalised)
        .await?
        .filter(|l| retention::device_link_valid(l.created_at, now));
    let found = match valid {
        Some(link) => participant::by_id(&ctx, &link.participant_id).await?,
        None => None,
    };
    let Some(p) = found else {
        throttle::failed(&ctx, now).await?;
        return Err(ApiError::Unauthorized);
    };
    throttle::release(&ctx, &gates).await?;
    enter(&ctx, p, now).await
}
