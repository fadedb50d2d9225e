//! A staff account's own data: what is stored about the logged-in account (and the audit rows
//! it caused), and deleting it. The business's log keeps what was done, not who did it
//! (`records::staff::delete_own`).

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        audit,
        session::{self, Kind},
        staff, staff_totp,
    },
};
use content::api::Deleted;
use worker::Response;

/// `GET /api/staff/me`: every role, about its own account only.
pub async fn data(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let mut data = staff::account_data(&ctx, &member).await?;
    data.audit = audit::by_staff(&ctx, &member.id).await?;
    http::ok(&data)
}

/// `POST /api/staff/me/delete {password_hash, totp?}`: professionals and super users, after
/// re-authentication (as for switching the authenticator off), never the business's last super
/// user. Accounts of a programme or of the deployment are ended by the operator.
pub async fn delete(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    member.own_business()?;
    let body = bodies::totp_reauth(&http::read_body(&mut ctx.req).await?)?;
    staff_totp::reauthenticate(&ctx, &member, &body, now).await?;
    if staff::last_super_user(&ctx, &member).await? {
        return Err(ApiError::Conflict {
            code: "last_super_user",
            message: "You are the only super user of your business: make someone else super \
                      user before you delete your account."
                .into(),
        });
    }
    staff::delete_own(&ctx, &member, now).await?;
    let resp = http::json_response(200, &Deleted { deleted: true });
    Ok(http::with_cookie(resp, &session::clear_cookie(Kind::Staff)))
}
