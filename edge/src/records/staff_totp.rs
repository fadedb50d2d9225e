//! A staff account's optional TOTP: the sealed secret (`ground::totp`), a pending one during
//! enrolment, the last step used, so a code logs in once, and the consecutive wrong codes
//! behind the growing delay of `content::throttle`.

use crate::{
    ground::{
        crypto::{self, Secret},
        ctx::Ctx,
        db,
        error::ApiError,
        totp,
    },
    records::{
        staff::{self, Member},
        throttle::{self as gates, Subject},
    },
};
use content::{api::TotpReauth, throttle};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Row {
    pub totp_secret: Option<String>,
    pub totp_pending: Option<String>,
    pub totp_last_step: Option<i64>,
    pub totp_failures: i64,
    pub totp_failed_at: Option<i64>,
}

pub async fn row(ctx: &Ctx, staff_id: &str) -> Result<Row, ApiError> {
    ctx.db()?
        .prepare(
            "SELECT totp_secret, totp_pending, totp_last_step, totp_failures, totp_failed_at \
             FROM staff WHERE id = ?1",
        )
        .bind(&[db::s(staff_id)])?
        .first::<Row>(None)
        .await?
        .ok_or(ApiError::StaffUnauthorized)
}

fn key(ctx: &Ctx) -> Result<String, ApiError> {
    crypto::secret(ctx, Secret::Password)
}

/// A new shared secret, sealed for storage: `(secret, sealed)`.
pub fn new_secret(ctx: &Ctx) -> Result<([u8; totp::SECRET_LEN], String), ApiError> {
    let secret = crypto::random::<{ totp::SECRET_LEN }>()?;
    let sealed = totp::seal(key(ctx)?.as_bytes(), &crypto::random::<16>()?, &secret);
    Ok((secret, sealed))
}

/// The shared secret of a sealed value.
pub fn open(ctx: &Ctx, sealed: &str) -> Result<[u8; totp::SECRET_LEN], ApiError> {
    totp::open(key(ctx)?.as_bytes(), sealed)
        .ok_or_else(|| ApiError::Internal("a TOTP secret does not open under the key".into()))
}

/// Starts (or restarts) enrolment; TOTP stays as it was until the new secret is confirmed.
pub async fn set_pending(ctx: &Ctx, staff_id: &str, sealed: &str) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("UPDATE staff SET totp_pending = ?2 WHERE id = ?1")
        .bind(&[db::s(staff_id), db::s(sealed)])?
        .run()
        .await?;
    Ok(())
}

/// Switches TOTP on (or over) to the pending secret that was confirmed at `step`; the new
/// secret starts with no failures.
pub async fn confirm(ctx: &Ctx, staff_id: &str, pending: &str, step: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "UPDATE staff SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?2, \
             totp_failures = 0, totp_failed_at = NULL WHERE id = ?1 AND totp_pending = ?3",
        )
        .bind(&[db::s(staff_id), db::n(step), db::s(pending)])?
        .run()
        .await?;
    Ok(())
}

pub async fn disable(ctx: &Ctx, staff_id: &str) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "UPDATE staff SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL, \
             totp_failures = 0, totp_failed_at = NULL WHERE id = ?1",
        )
        .bind(&[db::s(staff_id)])?
        .run()
        .await?;
    Ok(())
}

pub enum Check {
    /// The account has no TOTP, or the code was right (and is now used up).
    Passed,
    /// The account has TOTP and the request carried no code.
    Required,
    Failed,
    /// The account's growing delay is in force (or another code of it is being checked right
    /// now): no code is checked; try again after this many seconds.
    Wait(u32),
}

/// The second factor, after the password matched (a login, or the re-authentication of a
/// TOTP change). The attempt is counted as a failure before the code is checked, with a
/// compare-and-swap on the count read, so parallel attempts cannot all pass the delay; a right
/// code sets the count back to 0 and marks its step used with a guarded update, so two
/// attempts racing with one code cannot both pass.
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
    if let Some(wait) = throttle::totp_wait(current.totp_failures, current.totp_failed_at, now) {
        return Ok(Check::Wait(wait));
    }
    let db = ctx.db()?;
    let claimed = db
        .prepare(
            "UPDATE staff SET totp_failures = totp_failures + 1, totp_failed_at = ?3 \
             WHERE id = ?1 AND totp_failures = ?2",
        )
        .bind(&[db::s(staff_id), db::n(current.totp_failures), db::n(now)])?
        .run()
        .await?;
    if db::changes(&claimed)? != 1 {
        return Ok(Check::Wait(1));
    }
    let Some(step) = totp::verify(&open(ctx, &sealed)?, offered, now, current.totp_last_step)
    else {
        return Ok(Check::Failed);
    };
    let result = db
        .prepare(
            "UPDATE staff SET totp_last_step = ?2, totp_failures = 0, totp_failed_at = NULL \
             WHERE id = ?1 AND (totp_last_step IS NULL OR totp_last_step < ?2)",
        )
        .bind(&[db::s(staff_id), db::n(step)])?
        .run()
        .await?;
    Ok(if db::changes(&result)? == 1 {
        Check::Passed
    } else {
        Check::Failed
    })
}

/// Whether the account has TOTP switched on (for the session view).
pub async fn enabled(ctx: &Ctx, staff_id: &str) -> Result<bool, ApiError> {
    Ok(row(ctx, staff_id).await?.totp_secret.is_some())
}

fn reauth_failed() -> ApiError {
    ApiError::unprocessable(
        "reauth_failed",
        "The password or the authenticator code is not right.",
    )
}

/// Re-authentication of the logged-in account: its password and, while TOTP is on, a current
/// code, claimed on the account's throttle before either is looked at. A right answer gives
/// the claim back; a wrong one keeps it (and a wrong code adds to the growing delay).
pub async fn reauthenticate(
    ctx: &Ctx,
    member: &Member,
    body: &TotpReauth,
    now: i64,
) -> Result<(), ApiError> {
    let claimed = gates::claim(ctx, now, &[Subject::Account(&member.email)]).await?;
    let offered = staff::password_mac(ctx, &body.password_hash)?;
    let password_ok = staff::login_row(ctx, &member.email)
        .await?
        .and_then(|r| r.password_mac)
        .is_some_and(|stored| crypto::ct_eq(&stored, &offered));
    if !password_ok {
        return Err(reauth_failed());
    }
    // An empty code where one is needed is a wrong code (`Required` is for logins).
    let offered = body.totp.as_deref().or(Some(""));
    match check(ctx, &member.id, offered, now).await? {
        Check::Passed => {}
        Check::Required | Check::Failed => return Err(reauth_failed()),
        Check::Wait(retry_after) => return Err(ApiError::TooManyRequests { retry_after }),
    }
    gates::release(ctx, &claimed).await
}
