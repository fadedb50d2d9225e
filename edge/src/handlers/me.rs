//! The end user's own data: `GET /api/me`, code change, device link, export, access log and
//! "delete everything".

use crate::{
    ground::{bodies, clock, crypto, ctx::Ctx, error::ApiError, http},
    records::{
        assignments, audit, codes, consent, device_links, feedback, me, participant, progress,
        responses,
        session::{self, Kind},
    },
};
use content::{
    api::{AccessLog, Actor, CodeChanged, Deleted, DeviceLink, Export},
    code::{self, LINK_LEN},
    consent::EventKind,
    retention,
    time::{MINUTE_MS, date_of, format_ms},
};
use worker::Response;

pub async fn get(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&me::state(&ctx, &p, now).await?)
}

/// Step one of a code change: a new code, shown once, stored only as its keyed hash in
/// `pending_codes` (a second call replaces it). Nothing else changes: the old code and every
/// session keep working, so a person who closes the tab before writing the new code down is
/// not locked out. The reference stays, so the business keeps recognising the participant.
pub async fn change_code(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let code = codes::generate()?;
    codes::set_pending(&ctx, &p.id, &codes::hash(&ctx, &code)?, now).await?;
    http::ok(&CodeChanged {
        code: code.to_string(),
        expires_at: format_ms(retention::pending_code_expires_at_ms(now)),
    })
}

fn code_expired() -> ApiError {
    ApiError::unprocessable(
        "code_expired",
        format!(
            "There is no new code to confirm, or it has expired: a new code must be confirmed \
             within {} minutes. The old code still works; make a new code to try again.",
            retention::PENDING_CODE_TTL_MS / MINUTE_MS
        ),
    )
}

fn code_mismatch() -> ApiError {
    ApiError::unprocessable(
        "code_mismatch",
        "`code` must be the new code made by POST /api/me/code, typed back to confirm it.",
    )
}

/// Step two: the pending code typed back (normalised like a login code) before it expires.
/// Then, in one batch, the pending code becomes the code, and every session and device-link
/// code of the participant ends; a new session starts for this device (204 with its cookie).
/// With `keep_sharing: false` the participant also leaves the business in that batch: sharing
/// ends (an event by the user), the business keeps only the old reference and the day.
pub async fn confirm_code(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    // Authenticate before reading the body: an anonymous caller learns nothing about it.
    let p = participant::current(&ctx, now).await?;
    let (typed, keep_sharing) = bodies::code_confirm(&http::read_body(&mut ctx.req).await?)?;
    let Some(pending) = codes::pending(&ctx, &p.id).await? else {
        return Err(code_expired());
    };
    if !retention::pending_code_valid(pending.created_at, now) {
        // Never usable again: drop it now rather than wait for the daily job.
        codes::drop_pending(&ctx, &p.id, pending.created_at).await?;
        return Err(code_expired());
    }
    let typed = typed.map(|code| codes::hash(&ctx, &code)).transpose()?;
    if !typed.is_some_and(|hash| crypto::ct_eq(&hash, &pending.code_hash)) {
        return Err(code_mismatch());
    }
    let events = match (&p.business_id, keep_sharing) {
        (Some(_), false) => content::consent::leave(
            &consent::events(&ctx, &p.id).await?,
            now,
            Actor::User,
            EventKind::LeaveBusiness,
        ),
        _ => Vec::new(),
    };
    let leave = match (&p.business_id, keep_sharing) {
        (Some(business_id), false) => Some(participant::Leave {
            business_id,
            reference: &p.reference,
            events: &events,
            now,
        }),
        _ => None,
    };
    participant::replace_code(&ctx, &p.id, &pending.code_hash, leave).await?;
    let cookie = session::start(&ctx, Kind::Participant, &p.id, now).await?;
    Ok(http::with_cookie(http::no_content()?, &cookie))
}

/// A one-time link code for another device: 15 minutes, single use, throttled like codes.
pub async fn device_link(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let link = code::link_code(crypto::random::<LINK_LEN>()?);
    device_links::create(&ctx, &p.id, &code::normalise_link_code(&link), now).await?;
    http::ok(&DeviceLink {
        link_code: link,
        expires_at: format_ms(retention::device_link_expires_at_ms(now)),
    })
}

pub async fn access_log(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&AccessLog {
        entries: audit::access_entries(&ctx, &p.id).await?,
    })
}

pub async fn export(ctx: Ctx) -> Result<Response, ApiError> {
    let format = http::query(&ctx.req, "format").unwrap_or_else(|| "json".into());
    let lang = http::query(&ctx.req, "lang")
        .and_then(|l| content::Lang::from_tag(&l))
        .unwrap_or_default();
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let stored = responses::all(&ctx, &p.id).await?;
    let resp = match format.as_str() {
        "json" => {
            let consent_now = consent::current(&ctx, &p.id, p.business_id.is_some(), now).await?;
            let events = consent::events(&ctx, &p.id).await?;
            http::json_response(
                200,
                &Export {
                    exported_at: format_ms(now),
                    consent: consent_now.view(),
                    consent_events: events.iter().map(|e| e.to_api()).collect(),
                    progress: progress::view(&ctx, &p.id, p.tool.as_deref(), p.plan.as_deref())
                        .await?,
                    responses: stored,
                    access_log: audit::access_entries(&ctx, &p.id).await?,
                    issued_at: Some(format_ms(p.issued_at)),
                    last_login_on: p.last_login_on.clone(),
                    inbox: assignments::inbox(&ctx, &p.id).await?,
                    removals: responses::removals(&ctx, &p.id).await?,
                    feedback: feedback::of_participant(&ctx, &p.id).await?,
                },
            )
        }
        "fhir" => {
            let bundle = content::fhir::export_bundle(&stored, lang, Some(&format_ms(now)))
                .map_err(|e| ApiError::Internal(format!("fhir: {e}")))?;
            http::with_header(
                http::json_response(200, &bundle),
                "content-type",
                "application/fhir+json; charset=utf-8",
            )
        }
        _ => {
            return Err(ApiError::unprocessable(
                "invalid_format",
                "format must be json or fhir",
            ));
        }
    };
    Ok(http::with_header(
        resp,
        "content-disposition",
        &format!(
            "attachment; filename=\"mestring-{format}-{}.json\"",
            date_of(now)
        ),
    ))
}

/// P8: every row of the participant goes; a deletion registration stays for the business.
pub async fn delete(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    participant::erase(&ctx.db()?, &p, now, "user").await?;
    let resp = http::json_response(200, &Deleted { deleted: true });
    Ok(http::with_cookie(
        resp,
        &session::clear_cookie(Kind::Participant),
    ))
}
