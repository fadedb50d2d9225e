//! Optional TOTP for staff: enrol (a new secret, shown once), confirm with a first code, switch
//! off. Starting an enrolment and switching off re-authenticate first: the password (the
//! browser's Argon2id hash, as at login) and, while TOTP is on, a current code, so a session
//! left open cannot take over or remove the second factor. Failures count on the account's
//! throttle and the code's growing delay; every change is audited. The login check is
//! `records::staff_totp::check`.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http, totp},
    records::{
        audit::{self, Entry},
        session::{self, Kind, Scope},
        staff::{self, Member},
        staff_totp,
    },
};
use content::api::{TotpEnrolment, TotpStatus};
use worker::Response;

fn invalid_code() -> ApiError {
    ApiError::unprocessable(
        "invalid_totp",
        "That code is not right. Type the six digits your authenticator shows now.",
    )
}

/// An audit row for a change to the account's own second factor, in every business the
/// account covers (one for professionals and super users, the programme's for a tool manager),
/// so the super user who answers for that business sees it.
async fn audited(ctx: &Ctx, member: &Member, action: &str, now: i64) -> Result<(), ApiError> {
    for business in staff::businesses(ctx, member).await? {
        let entry = Entry {
            business_id: &business.id,
            staff_id: &member.id,
            participant_id: None,
            reference: None,
            action,
        };
        audit::record(ctx, entry, now).await?;
    }
    Ok(())
}

/// `POST /api/staff/totp {password_hash, totp?}`: starts (or restarts) enrolment after
/// re-authentication. TOTP stays as it was until the new secret is confirmed, so an abandoned
/// enrolment locks nobody out. Also open to a session that opens only enrolment (a business
/// that requires an authenticator): the password is asked again here all the same.
pub async fn enrol(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let (member, _) = staff::current_for_enrolment(&ctx, now).await?;
    let body = bodies::totp_reauth(&http::read_body(&mut ctx.req).await?)?;
    staff_totp::reauthenticate(&ctx, &member, &body, now).await?;
    let (secret, sealed) = staff_totp::new_secret(&ctx)?;
    staff_totp::set_pending(&ctx, &member.id, &sealed).await?;
    audited(&ctx, &member, "totp_enrolment_started", now).await?;
    http::ok(&TotpEnrolment {
        secret: totp::base32(&secret),
        uri: totp::otpauth_uri(&secret, &member.email),
    })
}

/// `POST /api/staff/totp/confirm {totp}`: the first code from the app switches TOTP on (or
/// over to the new secret). Only a re-authenticated enrolment made the pending secret. A
/// session that opened only enrolment opens everything from now on: the login is complete.
pub async fn confirm(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let (member, scope) = staff::current_for_enrolment(&ctx, now).await?;
    let code = bodies::totp_code(&http::read_body(&mut ctx.req).await?)?;
    let Some(pending) = staff_totp::row(&ctx, &member.id).await?.totp_pending else {
        return Err(ApiError::Conflict {
            code: "no_enrolment",
            message: "Start setting up the authenticator first.".into(),
        });
    };
    let secret = staff_totp::open(&ctx, &pending)?;
    let step = totp::verify(&secret, &code, now, None).ok_or_else(invalid_code)?;
    staff_totp::confirm(&ctx, &member.id, &pending, step).await?;
    audited(&ctx, &member, "totp_enabled", now).await?;
    if scope == Scope::Enrol {
        session::widen(&ctx, Kind::Staff).await?;
        staff::record_login(&ctx, &member.id, now).await?;
    }
    http::ok(&TotpStatus { totp: true })
}

/// `POST /api/staff/totp/disable {password_hash, totp}`: the password and a current code are
/// needed, so a session left open on a shared computer cannot switch the second factor off.
pub async fn disable(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let body = bodies::totp_reauth(&http::read_body(&mut ctx.req).await?)?;
    if !staff_totp::enabled(&ctx, &member.id).await? {
        return http::ok(&TotpStatus { totp: false });
    }
    if staff::totp_required(&ctx, &member).await? {
        return Err(ApiError::Conflict {
            code: "totp_required_by_business",
            message: "Your workplace requires an authenticator, so it cannot be switched off. \
                      Set up a new one instead if you change phones."
                .into(),
        });
    }
    staff_totp::reauthenticate(&ctx, &member, &body, now).await?;
    staff_totp::disable(&ctx, &member.id).await?;
    audited(&ctx, &member, "totp_disabled", now).await?;
    http::ok(&TotpStatus { totp: false })
}
