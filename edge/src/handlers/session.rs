//! `POST /api/session`, `DELETE /api/session`, `POST /api/session/link`.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        codes, device_links, me,
        participant::{self, Participant},
        session::{self, Kind, Scope},
        throttle::{self, Gate, Subject},
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
    enter(&ctx, p, &gates, now).await
}

/// In one D1 batch: the throttle claims given back, the login day, the new session, and the
/// reads of the `GET /api/me` state, with which it answers. The writes land together or not
/// at all, and the login costs one round trip after the lookup.
async fn enter(ctx: &Ctx, p: Participant, gates: &[Gate], now: i64) -> Result<Response, ApiError> {
    let db = ctx.db()?;
    let (session, cookie) =
        session::start_statement(ctx, &db, Kind::Participant, &p.id, now, Scope::Full)?;
    let mut statements = throttle::release_statements(&db, gates)?;
    statements.push(participant::record_login(&db, &p.id, &date_of(now), now)?);
    statements.push(session);
    let writes = statements.len();
    statements.extend(me::reads(&db, &p)?);
    let results = db.batch(statements).await?;
    let state = me::from_results(ctx, &p, results.get(writes..).unwrap_or_default(), now).await?;
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
    enter(&ctx, p, &gates, now).await
}
