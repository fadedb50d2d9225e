//! Optional TOTP for staff: enrol (a new secret, shown once), confirm with a first code, switch
//! off with a current code. The login check is `records::staff_totp::check`.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http, totp},
    records::{staff, staff_totp},
};
use content::api::{TotpEnrolment, TotpStatus};
use worker::Response;

fn invalid_code() -> ApiError {
    ApiError::unprocessable(
        "invalid_totp",
        "That code is not right. Type the six digits your authenticator shows now.",
    )
}

/// `POST /api/staff/totp`: starts (or restarts) enrolment. TOTP stays as it was until the
/// new secret is confirmed, so an abandoned enrolment locks nobody out.
pub async fn enrol(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let (secret, sealed) = staff_totp::new_secret(&ctx)?;
    staff_totp::set_pending(&ctx, &member.id, &sealed).await?;
    http::ok(&TotpEnrolment {
        secret: totp::base32(&secret),
        uri: totp::otpauth_uri(&secret, &member.email),
    })
}

/// `POST /api/staff/totp/confirm {totp}`: the first code from the app switches TOTP on.
pub async fn confirm(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
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
    http::ok(&TotpStatus { totp: true })
}

/// `POST /api/staff/totp/disable {totp}`: a current code is needed, so a session left open on
/// a shared computer cannot switch the second factor off.
pub async fn disable(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let code = bodies::totp_code(&http::read_body(&mut ctx.req).await?)?;
    let current = staff_totp::row(&ctx, &member.id).await?;
    let Some(sealed) = current.totp_secret else {
        return http::ok(&TotpStatus { totp: false });
    };
    let secret = staff_totp::open(&ctx, &sealed)?;
    totp::verify(&secret, &code, now, current.totp_last_step).ok_or_else(invalid_code)?;
    staff_totp::disable(&ctx, &member.id).await?;
    http::ok(&TotpStatus { totp: false })
}
