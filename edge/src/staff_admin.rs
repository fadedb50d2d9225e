//! Super-user administration: the business's staff (invite, deactivate) and its audit log.

use crate::{
    clock, crypto, db,
    error::ApiError,
    http,
    router::Ctx,
    staff::{self, INVITE_TTL_MS},
};
use content::{
    api::{AuditEntry, AuditLog, Invitation, StaffRole, StaffUser, StaffUserRequest, StaffUsers},
    time::format_ms,
};
use serde::Deserialize;
use worker::Response;

#[derive(Deserialize)]
struct UserRow {
    id: String,
    email: String,
    role: String,
    active: i64,
    created_at: i64,
}

pub async fn list(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?;
    let users = ctx
        .db()?
        .prepare("SELECT id, email, role, active, created_at FROM staff WHERE business_id = ?1 ORDER BY email")
        .bind(&[db::s(business)])?
        .all()
        .await?
        .results::<UserRow>()?
        .into_iter()
        .map(|u| StaffUser {
            role: staff::role_from_name(&u.role),
            id: u.id,
            email: u.email,
            active: u.active == 1,
            created_at: format_ms(u.created_at),
        })
        .collect();
    http::ok(&StaffUsers { users })
}

pub async fn change(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: StaffUserRequest = http::read_json(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?.to_string();
    let db = ctx.db()?;
    match body {
        StaffUserRequest::Invite { email, role } => {
            let email = staff::normalise_email(&email)?;
            if role == StaffRole::ToolManager {
                return Err(ApiError::unprocessable(
                    "invalid_role",
                    "Tool managers are created by the operator.",
                ));
            }
            let id = crypto::random_id()?;
            let inserted = db
                .prepare(
                    "INSERT INTO staff (id, email, role, business_id, salt, active, created_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6) ON CONFLICT (email) DO NOTHING",
                )
                .bind(&[
                    db::s(&id),
                    db::s(&email),
                    db::s(staff::role_name(role)),
                    db::s(&business),
                    db::s(&staff::new_salt()?),
                    db::n(now),
                ])?
                .run()
                .await?;
            if inserted.meta()?.and_then(|m| m.changes).unwrap_or(0) == 0 {
                return Err(ApiError::Conflict {
                    code: "email_taken",
                    message: "An account with that e-mail exists.".into(),
                });
            }
            let token = staff::create_invite(&ctx, &id, now).await?;
            Ok(http::json_response(
                201,
                &Invitation {
                    id,
                    invite_token: token,
                    expires_at: format_ms(now + INVITE_TTL_MS),
                },
            ))
        }
        StaffUserRequest::Deactivate { id } => {
            if id == member.id {
                return Err(ApiError::unprocessable(
                    "self_deactivation",
                    "You cannot deactivate yourself.",
                ));
            }
            let res = db
                .batch(vec![
                    db.prepare("UPDATE staff SET active = 0 WHERE id = ?1 AND business_id = ?2")
                        .bind(&[db::s(&id), db::s(&business)])?,
                    // Sessions die at once, not at their next expiry.
                    db.prepare(
                        "DELETE FROM sessions WHERE kind = 'staff' AND subject_id = ?1 \
                         AND subject_id IN (SELECT id FROM staff WHERE business_id = ?2)",
                    )
                    .bind(&[db::s(&id), db::s(&business)])?,
                ])
                .await?;
            let changed = res
                .first()
                .and_then(|r| r.meta().ok().flatten())
                .and_then(|m| m.changes)
                .unwrap_or(0);
            if changed == 0 {
                return Err(ApiError::NotFound);
            }
            Ok(http::json_response(
                200,
                &serde_json::json!({ "deactivated": id }),
            ))
        }
    }
}

#[derive(Deserialize)]
struct AuditRow {
    at: i64,
    staff_id: String,
    staff_email: String,
    reference: Option<String>,
    action: String,
}

pub async fn audit(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.require_super_user()?;
    let entries = ctx
        .db()?
        .prepare(
            "SELECT a.at AS at, a.staff_id AS staff_id, s.email AS staff_email, a.reference AS reference, \
             a.action AS action FROM audit a JOIN staff s ON s.id = a.staff_id WHERE a.business_id = ?1 \
             ORDER BY a.at DESC, a.id DESC LIMIT 1000",
        )
        .bind(&[db::s(business)])?
        .all()
        .await?
        .results::<AuditRow>()?
        .into_iter()
        .map(|r| AuditEntry {
            at: format_ms(r.at),
            staff_id: r.staff_id,
            staff_email: r.staff_email,
            participant: r.reference.unwrap_or_default(),
            action: r.action,
        })
        .collect();
    http::ok(&AuditLog { entries })
}
