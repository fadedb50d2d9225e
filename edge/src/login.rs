//! `POST /api/session`, `DELETE /api/session`, `POST /api/session/link`.

use crate::{
    clock, codes,
    crypto::{self, Secret},
    db,
    error::ApiError,
    http, me,
    participant::{self, COLUMNS, Participant},
    router::Ctx,
    session::{self, Kind},
    throttle,
};
use content::{
    api::{LinkRequest, LoginRequest},
    code::Code,
    retention,
    time::date_of,
};
use serde::Deserialize;
use worker::Response;

pub async fn login(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: LoginRequest = http::read_json(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let gate = throttle::check(&ctx, now).await?;
    let Ok(code) = Code::parse(&body.code) else {
        // The browser catches typos before sending; what arrives malformed counts as a failure
        // and gets the same answer as an unknown code.
        throttle::failed(&ctx, &gate).await?;
        return Err(ApiError::Unauthorized);
    };
    let hash = codes::hash(&ctx, &code)?;
    let found = ctx
        .db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM participants WHERE code_hash = ?1 AND active = 1"
        ))
        .bind(&[db::s(&hash)])?
        .first::<Participant>(None)
        .await?;
    let Some(p) = found else {
        throttle::failed(&ctx, &gate).await?;
        return Err(ApiError::Unauthorized);
    };
    enter(&ctx, p, now).await
}

/// Records the login day and starts a session; answers with the state of `GET /api/me`.
async fn enter(ctx: &Ctx, p: Participant, now: i64) -> Result<Response, ApiError> {
    ctx.db()?
        .prepare(
            "UPDATE participants SET last_login_on = ?2, first_login_at = COALESCE(first_login_at, ?3) \
             WHERE id = ?1",
        )
        .bind(&[db::s(&p.id), db::s(&date_of(now)), db::n(now)])?
        .run()
        .await?;
    let cookie = session::start(ctx, Kind::Participant, &p.id, now).await?;
    let state = me::state(ctx, &p, now).await?;
    Ok(session::with_cookie(
        http::json_response(200, &state),
        &cookie,
    ))
}

pub async fn logout(ctx: Ctx) -> Result<Response, ApiError> {
    session::end(&ctx, Kind::Participant).await?;
    let resp = http::json_response(200, &serde_json::json!({ "logged_out": true }));
    Ok(session::with_cookie(
        resp,
        &session::clear_cookie(Kind::Participant),
    ))
}

#[derive(Deserialize)]
struct LinkRow {
    participant_id: String,
    created_at: i64,
}

/// Continue on another device: the one-time link code is consumed whether or not it is still
/// valid, so it can never be used twice.
pub async fn link(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: LinkRequest = http::read_json(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let gate = throttle::check(&ctx, now).await?;
    let normalised = me::normalise_link_code(&body.link_code);
    let hash = crypto::keyed(&ctx, Secret::Code, &format!("link:{normalised}"))?;
    let row = ctx
        .db()?
        .prepare(
            "DELETE FROM device_links WHERE link_hash = ?1 RETURNING participant_id, created_at",
        )
        .bind(&[db::s(&hash)])?
        .first::<LinkRow>(None)
        .await?;
    let valid = row.filter(|r| retention::device_link_valid(r.created_at, now));
    let Some(row) = valid else {
        throttle::failed(&ctx, &gate).await?;
        return Err(ApiError::Unauthorized);
    };
    let p = participant::by_id(&ctx, &row.participant_id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    enter(&ctx, p, now).await
}
