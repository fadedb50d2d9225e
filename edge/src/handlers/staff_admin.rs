//! Super-user administration: the business's staff (invite, re-invite, deactivate, reactivate,
//! reset), its details as patients see them, whether it requires an authenticator, and its
//! audit log, which holds every individual read (P7) and every administrative
//! change.

use crate::{
    ground::{
        bodies::{self, StaffUserChange},
        clock,
        ctx::Ctx,
        error::ApiError,
        http,
    },
    records::{
        audit::{self, Entry},
        business,
        staff::{self, Member},
        staff_totp,
    },
};
use content::{
    api::{AuditLog, Deactivated, Invitation, Reactivated, StaffUsers, TotpPolicy},
    retention::invite_expires_at_ms,
    time::format_ms,
};
use worker::Response;

pub async fn list(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?;
    http::ok(&StaffUsers {
        users: staff::users(&ctx, business).await?,
    })
}

/// `POST /api/staff/users`: the session and the role first, then the body. An invitation is
/// made the same way whether or not the address has an account in another business (the
/// answer says nothing about other businesses); only an account of this business with the
/// address is a 409. Both changes are audited, naming the account they concern.
pub async fn change(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?.to_string();
    match bodies::staff_user(&http::read_body(&mut ctx.req).await?)? {
        StaffUserChange::Invite { email, role } => {
            let Some(id) = staff::create_invited(&ctx, &business, &email, role, now).await? else {
                return Err(ApiError::Conflict {
                    code: "email_taken",
                    message: "An account of your business has that e-mail.".into(),
                });
            };
            let token = staff::create_invite(&ctx, &id, now).await?;
            let action = format!("staff_invited:{}:{email}", staff::role_name(role));
            audit::record(&ctx, admin_entry(&member, &business, &action), now).await?;
            http::created(&Invitation {
                id,
                invite_token: token,
                expires_at: format_ms(invite_expires_at_ms(now)),
            })
        }
        StaffUserChange::Deactivate { id } => {
            if id == member.id {
                return Err(ApiError::unprocessable(
                    "self_deactivation",
                    "You cannot deactivate yourself.",
                ));
            }
            let address = staff::address(&ctx, &business, &id).await?;
            let (Some(address), true) = (address, staff::deactivate(&ctx, &business, &id).await?)
            else {
                return Err(ApiError::NoSuch(
                    "There is no account with that id in your business.",
                ));
            };
            let action = format!("staff_deactivated:{address}");
            audit::record(&ctx, admin_entry(&member, &business, &action), now).await?;
            http::ok(&Deactivated { deactivated: id })
        }
        StaffUserChange::Reactivate { id } => {
            let address = staff::address(&ctx, &business, &id).await?;
            let (Some(address), true) = (address, staff::reactivate(&ctx, &business, &id).await?)
            else {
                return Err(ApiError::NoSuch(
                    "There is no deactivated account with that id in your business.",
                ));
            };
            let action = format!("staff_reactivated:{address}");
            audit::record(&ctx, admin_entry(&member, &business, &action), now).await?;
            http::ok(&Reactivated { reactivated: id })
        }
        StaffUserChange::Reset { id } => {
            if id == member.id {
                return Err(ApiError::unprocessable(
                    "self_reset",
                    "You cannot reset your own account: ask another super user.",
                ));
            }
            let address = staff::address(&ctx, &business, &id).await?;
            let (Some(address), Some(token)) =
                (address, staff::reset(&ctx, &business, &id, now).await?)
            else {
                return Err(ApiError::NoSuch(
                    "There is no active account with that id in your business.",
                ));
            };
            let action = format!("staff_reset:{address}");
            audit::record(&ctx, admin_entry(&member, &business, &action), now).await?;
            http::ok(&Invitation {
                id,
                invite_token: token,
                expires_at: format_ms(invite_expires_at_ms(now)),
            })
        }
    }
}

/// `POST /api/staff/business/totp {required}` (super users; audited). Switching it on needs
/// the super user's own authenticator first, so nobody requires what they have not done, and
/// ends the sessions of the business's accounts without one: their next login enrols.
pub async fn totp_policy(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?.to_string();
    let policy = bodies::totp_policy(&http::read_body(&mut ctx.req).await?)?;
    if policy.required && !staff_totp::enabled(&ctx, &member.id).await? {
        return Err(ApiError::Conflict {
            code: "enrol_first",
            message: "Set up your own authenticator before requiring one for everyone.".into(),
        });
    }
    business::set_totp_required(&ctx, &business, policy.required).await?;
    let action = if policy.required {
        "totp_required:on"
    } else {
        "totp_required:off"
    };
    audit::record(&ctx, admin_entry(&member, &business, action), now).await?;
    http::ok(&TotpPolicy {
        required: policy.required,
    })
}

/// An administrative audit row: about an account, not a participant (`participant` is empty).
fn admin_entry<'a>(member: &'a Member, business: &'a str, action: &'a str) -> Entry<'a> {
    Entry {
        business_id: business,
        staff_id: &member.id,
        participant_id: None,
        reference: None,
        action,
    }
}

/// `GET /api/staff/business`: professionals and super users of the business.
pub async fn business(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let id = member.own_business()?;
    let view = business::view(&ctx, id)
        .await?
        .ok_or_else(|| ApiError::Internal("the account's business is missing".into()))?;
    http::ok(&view)
}

/// `POST /api/staff/business`: the session and the role first, then the body; audited.
pub async fn change_business(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let id = member.require_super_user()?.to_string();
    let details = bodies::business_details(&http::read_body(&mut ctx.req).await?)?;
    business::update(&ctx, &id, &details).await?;
    let entry = audit::Entry {
        business_id: &id,
        staff_id: &member.id,
        participant_id: None,
        reference: None,
        action: "update_business",
    };
    audit::record(&ctx, entry, now).await?;
    let view = business::view(&ctx, &id)
        .await?
        .ok_or_else(|| ApiError::Internal("the account's business is missing".into()))?;
    http::ok(&view)
}

pub async fn audit(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?;
    http::ok(&AuditLog {
        entries: audit::log(&ctx, business).await?,
    })
}
