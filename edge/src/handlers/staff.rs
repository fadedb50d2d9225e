//! Staff login as SPEC §4.1 (the browser does Argon2id; the edge keeps only an HMAC of its
//! output and compares in constant time), the staff session, and invitations.

use crate::{
    ground::{bodies, clock, crypto, ctx::Ctx, error::ApiError, http},
    records::{
        session::{self, Kind, Scope},
        staff::{self, Member},
        staff_totp::{self, Check},
        throttle::{self, Subject},
    },
};
use content::api::{InviteInfo, LoggedOut, PreloginParams, StaffSession};
use worker::Response;

/// `POST /api/staff/prelogin {email}` → the Argon2id parameters and salt (a stable fake one
/// for an e-mail without an account).
pub async fn prelogin(mut ctx: Ctx) -> Result<Response, ApiError> {
    let email = bodies::staff_prelogin(&http::read_body(&mut ctx.req).await?)?;
    http::ok(&PreloginParams::with_defaults(
        staff::salt_of(&ctx, &email).await?,
    ))
}

/// Wrong password, unknown e-mail, deactivated account, an account that has not set its
/// password yet and a wrong authenticator code all get the one staff 401. Each attempt is
/// claimed on the source's and the account's throttle before the password is looked at;
/// a source that logged in to the account today is not held back by the failures others cause
/// on it (only by its own), so a stranger's wrong passwords do not lock the owner out.
pub async fn login(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body = bodies::staff_login(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let mut subjects = vec![Subject::Source];
    if !throttle::is_known(&ctx, now, &body.email).await? {
        subjects.push(Subject::Account(&body.email));
    }
    let gates = throttle::claim(&ctx, now, &subjects).await?;
    let row = staff::login_row(&ctx, &body.email).await?;
    let offered = staff::password_mac(&ctx, &body.password_hash)?;
    let ok = row.as_ref().is_some_and(|r| {
        r.active == 1
            && r.password_mac
                .as_deref()
                .is_some_and(|stored| crypto::ct_eq(stored, &offered))
    });
    let (Some(row), true) = (row, ok) else {
        throttle::failed(&ctx, now).await?;
        return Err(ApiError::StaffUnauthorized);
    };
    // Only a caller who knows the password learns that the account wants a second factor.
    match staff_totp::check(&ctx, &row.id, body.totp.as_deref(), now).await? {
        Check::Passed => {}
        Check::Required => {
            throttle::release(&ctx, &gates).await?;
            return Err(ApiError::TotpRequired);
        }
        Check::Failed => {
            throttle::failed(&ctx, now).await?;
            return Err(ApiError::StaffUnauthorized);
        }
        Check::Wait(retry_after) => {
            throttle::release(&ctx, &gates).await?;
            return Err(ApiError::TooManyRequests { retry_after });
        }
    }
    throttle::release(&ctx, &gates).await?;
    throttle::mark_known(&ctx, now, &body.email).await?;
    logged_in(&ctx, &row.id, now).await
}

/// The answer of a login that passed (password, invitation): a whole session, or, where the
/// business requires an authenticator the account has not set up, a session that opens only
/// enrolment with the 403 `totp_enrolment_required` that tells the browser to enrol now.
async fn logged_in(ctx: &Ctx, id: &str, now: i64) -> Result<Response, ApiError> {
    if staff::needs_enrolment(ctx, id).await? {
        let cookie = session::start_scoped(ctx, Kind::Staff, id, now, Scope::Enrol).await?;
        let resp = http::error_response(ApiError::TotpEnrolmentRequired);
        return Ok(http::with_cookie(resp, &cookie));
    }
    let cookie = session::start(ctx, Kind::Staff, id, now).await?;
    staff::record_login(ctx, id, now).await?;
    let member = staff::by_id(ctx, id).await?;
    let resp = http::json_response(200, &session_view(ctx, &member).await?);
    Ok(http::with_cookie(resp, &cookie))
}

async fn session_view(ctx: &Ctx, member: &Member) -> Result<StaffSession, ApiError> {
    Ok(StaffSession {
        email: member.email.clone(),
        role: member.role(),
        businesses: staff::businesses(ctx, member).await?,
        totp: staff_totp::enabled(ctx, &member.id).await?,
        totp_required: staff::totp_required(ctx, member).await?,
    })
}

pub async fn whoami(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    http::ok(&session_view(&ctx, &member).await?)
}

pub async fn logout(ctx: Ctx) -> Result<Response, ApiError> {
    session::end(&ctx, Kind::Staff).await?;
    let resp = http::json_response(200, &LoggedOut { logged_out: true });
    Ok(http::with_cookie(resp, &session::clear_cookie(Kind::Staff)))
}

fn no_invitation() -> ApiError {
    ApiError::NoSuch("This invitation does not exist, has been used or has expired.")
}

/// `POST /api/staff/invite/info {invite_token}` → the e-mail and the Argon2id parameters, so
/// the browser can hash the new password.
pub async fn invite_info(mut ctx: Ctx) -> Result<Response, ApiError> {
    let token = bodies::invite_info(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let invitation = staff::invitation(&ctx, &token, now)
        .await?
        .ok_or_else(no_invitation)?;
    http::ok(&InviteInfo {
        email: invitation.email,
        params: PreloginParams::with_defaults(invitation.salt),
    })
}

/// `POST /api/staff/invite/accept {invite_token, password_hash}`: sets the password, consumes
/// the invitation (or the reset link, which is one) and logs in; 409 when the address already
/// has an account (in another business: one address is one login). Where the business
/// requires an authenticator, the login opens only enrolment, as at `POST /api/staff/session`.
pub async fn accept_invite(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body = bodies::accept_invite(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let invitation = staff::invitation(&ctx, &body.invite_token, now)
        .await?
        .ok_or_else(no_invitation)?;
    let mac = staff::password_mac(&ctx, &body.password_hash)?;
    if !staff::accept_invite(&ctx, &invitation.staff_id, &mac).await? {
        // Said to the invitee, who owns the address; the inviting super user learns nothing.
        return Err(ApiError::Conflict {
            code: "email_taken",
            message: "This e-mail address already has a Mestring account: log in with it, \
                      or ask for an invitation to another address."
                .into(),
        });
    }
    logged_in(&ctx, &invitation.staff_id, now).await
}
