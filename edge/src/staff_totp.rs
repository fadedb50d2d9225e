//! Optional TOTP for staff: enrol (a new secret, shown once), confirm with a first code, switch
//! off with a current code, and the check that login runs for accounts that have it.

use crate::{
    clock,
    crypto::{self, Secret},
    db,
    error::ApiError,
    http,
    router::Ctx,
    staff, totp,
};
use serde::{Deserialize, Serialize};
use worker::Response;

#[derive(Serialize)]
struct Enrolment {
    /// Base32, for typing into an authenticator app.
    secret: String,
    /// `otpauth://` URI, for apps that take a link or a QR code.
    uri: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CodeBody {
    pub(crate) totp: String,
}

#[derive(Deserialize)]
struct TotpRow {
    totp_secret: Option<String>,
    totp_pending: Option<String>,
    totp_last_step: Option<i64>,
}

async fn row(ctx: &Ctx, staff_id: &str) -> Result<TotpRow, ApiError> {
    ctx.db()?
        .prepare("SELECT totp_secret, totp_pending, totp_last_step FROM staff WHERE id = ?1")
        .bind(&[db::s(staff_id)])?
        .first::<TotpRow>(None)
        .await?
        .ok_or(ApiError::Unauthorized)
}

fn key(ctx: &Ctx) -> Result<String, ApiError> {
    crypto::secret(ctx, Secret::Password)
}

fn open(ctx: &Ctx, sealed: &str) -> Result<[u8; totp::SECRET_LEN], ApiError> {
    totp::open(key(ctx)?.as_bytes(), sealed)
        .ok_or_else(|| ApiError::Internal("a TOTP secret does not open under the key".into()))
}

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
    let secret = crypto::random::<{ totp::SECRET_LEN }>()?;
    let sealed = totp::seal(key(&ctx)?.as_bytes(), &crypto::random::<16>()?, &secret);
    ctx.db()?
        .prepare("UPDATE staff SET totp_pending = ?2 WHERE id = ?1")
        .bind(&[db::s(&member.id), db::s(&sealed)])?
        .run()
        .await?;
    http::ok(&Enrolment {
        secret: totp::base32(&secret),
        uri: totp::otpauth_uri(&secret, &member.email),
    })
}

/// `POST /api/staff/totp/confirm {totp}`: the first code from the app switches TOTP on.
pub async fn confirm(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: CodeBody = http::read_json(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let Some(pending) = row(&ctx, &member.id).await?.totp_pending else {
        return Err(ApiError::Conflict {
            code: "no_enrolment",
            message: "Start setting up the authenticator first.".into(),
        });
    };
    let step =
        totp::verify(&open(&ctx, &pending)?, &body.totp, now, None).ok_or_else(invalid_code)?;
    ctx.db()?
        .prepare(
            "UPDATE staff SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?2 \
             WHERE id = ?1 AND totp_pending = ?3",
        )
        .bind(&[db::s(&member.id), db::n(step), db::s(&pending)])?
        .run()
        .await?;
    http::ok(&serde_json::json!({ "totp": true }))
}

/// `POST /api/staff/totp/disable {totp}`: a current code is needed, so a session left open on
/// a shared computer cannot switch the second factor off.
pub async fn disable(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: CodeBody = http::read_json(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let current = row(&ctx, &member.id).await?;
    let Some(sealed) = current.totp_secret else {
        return http::ok(&serde_json::json!({ "totp": false }));
    };
    totp::verify(
        &open(&ctx, &sealed)?,
        &body.totp,
        now,
        current.totp_last_step,
    )
    .ok_or_else(invalid_code)?;
    ctx.db()?
        .prepare(
            "UPDATE staff SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = ?1",
        )
        .bind(&[db::s(&member.id)])?
        .run()
        .await?;
    http::ok(&serde_json::json!({ "totp": false }))
}

pub enum Check {
    /// The account has no TOTP, or the code was right (and is now used up).
    Passed,
    /// The account has TOTP and the login carried no code.
    Required,
    Failed,
}

/// Runs after the password matched. Marks the step used with a guarded update, so two logins
/// racing with one code cannot both pass.
pub async fn check(
    ctx: &Ctx,
    staff_id: &str,
    offered: Option<&str>,
    now: i64,
) -> Result<Check, ApiError> {
    let current = row(ctx, staff_id).await?;
    let Some(sealed) = current.totp_secret else {
        return Ok(Check::Passed);
    };
    let Some(offered) = offered.filter(|c| !c.trim().is_empty()) else {
        return Ok(Check::Required);
    };
    let Some(step) = totp::verify(&open(ctx, &sealed)?, offered, now, current.totp_last_step)
    else {
        return Ok(Check::Failed);
    };
    let result = ctx
        .db()?
        .prepare(
            "UPDATE staff SET totp_last_step = ?2 WHERE id = ?1 \
             AND (totp_last_step IS NULL OR totp_last_step < ?2)",
        )
        .bind(&[db::s(staff_id), db::n(step)])?
        .run()
        .await?;
    let changed = result.meta()?.and_then(|m| m.changes).unwrap_or_default();
    Ok(if changed == 1 {
        Check::Passed
    } else {
        Check::Failed
    })
}

/// Whether the account has TOTP switched on (for the session view).
pub async fn enabled(ctx: &Ctx, staff_id: &str) -> Result<bool, ApiError> {
    Ok(row(ctx, staff_id).await?.totp_secret.is_some())
}
