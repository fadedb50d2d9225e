//! Staff accounts: login as SPEC §4.1 (the browser does Argon2id; the edge keeps only an HMAC of
//! its output and compares in constant time), sessions, roles, and invitations.

use crate::{
    clock,
    crypto::{self, Secret},
    db,
    error::ApiError,
    http,
    router::Ctx,
    session::{self, Kind},
    staff_totp, throttle,
};
use content::api::{
    BusinessRef, PreloginParams, StaffLogin, StaffPrelogin, StaffRole, StaffSession,
};
use serde::{Deserialize, Serialize};
use worker::Response;

#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    pub id: String,
    pub email: String,
    pub role: String,
    pub business_id: Option<String>,
}

pub fn role_from_name(name: &str) -> StaffRole {
    match name {
        "super_user" => StaffRole::SuperUser,
        "tool_manager" => StaffRole::ToolManager,
        _ => StaffRole::Professional,
    }
}

impl Member {
    pub fn role(&self) -> StaffRole {
        role_from_name(&self.role)
    }

    /// The business whose individuals this account may see: professionals and super users only.
    pub fn own_business(&self) -> Result<&str, ApiError> {
        match (self.role(), &self.business_id) {
            (StaffRole::Professional | StaffRole::SuperUser, Some(b)) => Ok(b),
            _ => Err(ApiError::Forbidden(
                "This account has no access to individual participants.",
            )),
        }
    }

    pub fn require_super_user(&self) -> Result<&str, ApiError> {
        match (self.role(), &self.business_id) {
            (StaffRole::SuperUser, Some(b)) => Ok(b),
            _ => Err(ApiError::Forbidden("Only a super user may do this.")),
        }
    }
}

pub fn role_name(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Professional => "professional",
        StaffRole::SuperUser => "super_user",
        StaffRole::ToolManager => "tool_manager",
    }
}

const MEMBER_COLUMNS: &str = "id, email, role, business_id";

/// 401 unless a live staff session of an active account exists. A deactivated account's
/// sessions were deleted with it; the `active` check covers any race.
pub async fn current(ctx: &Ctx, now: i64) -> Result<Member, ApiError> {
    let id = session::subject(ctx, Kind::Staff, now).await?;
    ctx.db()?
        .prepare(format!(
            "SELECT {MEMBER_COLUMNS} FROM staff WHERE id = ?1 AND active = 1"
        ))
        .bind(&[db::s(&id)])?
        .first::<Member>(None)
        .await?
        .ok_or(ApiError::Unauthorized)
}

pub fn normalise_email(email: &str) -> Result<String, ApiError> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= 254
        && e.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
    if valid {
        Ok(e)
    } else {
        Err(ApiError::unprocessable(
            "invalid_email",
            "That is not an e-mail address.",
        ))
    }
}

/// A deterministic salt for e-mails without an account, so pre-login never tells.
fn fake_salt(ctx: &Ctx, email: &str) -> Result<String, ApiError> {
    let key = crypto::secret(ctx, Secret::Password)?;
    Ok(session::base64url(
        &crypto::hmac_raw(key.as_bytes(), format!("salt:{email}").as_bytes())[..16],
    ))
}

pub fn new_salt() -> Result<String, ApiError> {
    Ok(session::base64url(&crypto::random::<16>()?))
}

pub fn password_mac(ctx: &Ctx, password_hash: &str) -> Result<String, ApiError> {
    crypto::keyed(ctx, Secret::Password, password_hash)
}

#[derive(Deserialize)]
struct SaltRow {
    salt: String,
}

pub async fn prelogin(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: StaffPrelogin = http::read_json(&mut ctx.req).await?;
    let email = normalise_email(&body.email)?;
    let stored = ctx
        .db()?
        .prepare("SELECT salt FROM staff WHERE email = ?1")
        .bind(&[db::s(&email)])?
        .first::<SaltRow>(None)
        .await?;
    let salt = match stored {
        Some(row) => row.salt,
        None => fake_salt(&ctx, &email)?,
    };
    http::ok(&PreloginParams::with_defaults(salt))
}

#[derive(Deserialize)]
struct LoginRow {
    id: String,
    password_mac: Option<String>,
    active: i64,
}

/// Wrong password, unknown e-mail, deactivated account and an account that has not set its
/// password yet all get the one 401; repeated failures lock the e-mail for the minute.
pub async fn login(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: StaffLogin = http::read_json(&mut ctx.req).await?;
    let email = normalise_email(&body.email)?;
    if body.password_hash.len() > 128 {
        return Err(ApiError::unprocessable(
            "invalid_password_hash",
            "password_hash is too long",
        ));
    }
    let now = clock::now_ms(&ctx).await?;
    let by_ip = throttle::check(&ctx, now).await?;
    let by_account = throttle::check_key(&ctx, now, &format!("account:{email}")).await?;
    let row = ctx
        .db()?
        .prepare("SELECT id, password_mac, active FROM staff WHERE email = ?1")
        .bind(&[db::s(&email)])?
        .first::<LoginRow>(None)
        .await?;
    let offered = password_mac(&ctx, &body.password_hash)?;
    let ok = row.as_ref().is_some_and(|r| {
        r.active == 1
            && r.password_mac
                .as_deref()
                .is_some_and(|stored| crypto::ct_eq(stored, &offered))
    });
    let (Some(row), true) = (row, ok) else {
        throttle::failed(&ctx, &by_ip).await?;
        throttle::failed(&ctx, &by_account).await?;
        return Err(ApiError::Unauthorized);
    };
    // Only a caller who knows the password learns that the account wants a second factor.
    match staff_totp::check(&ctx, &row.id, body.totp.as_deref(), now).await? {
        staff_totp::Check::Passed => {}
        staff_totp::Check::Required => return Err(ApiError::TotpRequired),
        staff_totp::Check::Failed => {
            throttle::failed(&ctx, &by_ip).await?;
            throttle::failed(&ctx, &by_account).await?;
            return Err(ApiError::Unauthorized);
        }
    }
    let cookie = session::start(&ctx, Kind::Staff, &row.id, now).await?;
    let member = current_by_id(&ctx, &row.id).await?;
    let resp = http::json_response(200, &session_view(&ctx, &member).await?);
    Ok(session::with_cookie(resp, &cookie))
}

async fn current_by_id(ctx: &Ctx, id: &str) -> Result<Member, ApiError> {
    ctx.db()?
        .prepare(format!("SELECT {MEMBER_COLUMNS} FROM staff WHERE id = ?1"))
        .bind(&[db::s(id)])?
        .first::<Member>(None)
        .await?
        .ok_or(ApiError::Unauthorized)
}

/// The businesses an account covers: its own, or a tool manager's programme.
pub async fn businesses(ctx: &Ctx, member: &Member) -> Result<Vec<BusinessRef>, ApiError> {
    let db = ctx.db()?;
    let stmt = match member.role() {
        StaffRole::ToolManager => db
            .prepare(
                "SELECT b.id AS id, b.name AS name FROM staff_businesses s JOIN businesses b ON b.id = s.business_id \
                 WHERE s.staff_id = ?1 ORDER BY b.name",
            )
            .bind(&[db::s(&member.id)])?,
        _ => db.prepare("SELECT id, name FROM businesses WHERE id = ?1").bind(&[db::opt(member.business_id.as_deref())])?,
    };
    Ok(stmt.all().await?.results::<BusinessRef>()?)
}

async fn session_view(ctx: &Ctx, member: &Member) -> Result<StaffSession, ApiError> {
    Ok(StaffSession {
        email: member.email.clone(),
        role: member.role(),
        businesses: businesses(ctx, member).await?,
        totp: staff_totp::enabled(ctx, &member.id).await?,
    })
}

pub async fn whoami(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = current(&ctx, now).await?;
    http::ok(&session_view(&ctx, &member).await?)
}

pub async fn logout(ctx: Ctx) -> Result<Response, ApiError> {
    session::end(&ctx, Kind::Staff).await?;
    let resp = http::json_response(200, &serde_json::json!({ "logged_out": true }));
    Ok(session::with_cookie(
        resp,
        &session::clear_cookie(Kind::Staff),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcceptInvite {
    invite_token: String,
    password_hash: String,
}

#[derive(Serialize, Deserialize)]
struct InviteView {
    email: String,
    #[serde(flatten)]
    params: PreloginParams,
}

#[derive(Deserialize)]
struct InviteRow {
    staff_id: String,
    created_at: i64,
    email: String,
    salt: String,
}

/// Invitations are valid for 7 days and used once.
pub const INVITE_TTL_MS: i64 = 7 * content::time::DAY_MS;

async fn invite_row(ctx: &Ctx, token: &str, now: i64) -> Result<InviteRow, ApiError> {
    let hash = crypto::keyed(ctx, Secret::Code, &format!("invite:{token}"))?;
    ctx.db()?
        .prepare(
            "SELECT i.staff_id AS staff_id, i.created_at AS created_at, s.email AS email, s.salt AS salt \
             FROM invites i JOIN staff s ON s.id = i.staff_id WHERE i.token_hash = ?1 AND s.active = 1",
        )
        .bind(&[db::s(&hash)])?
        .first::<InviteRow>(None)
        .await?
        .filter(|r| now - r.created_at < INVITE_TTL_MS)
        .ok_or(ApiError::NotFound)
}

/// `POST /api/staff/invite/info {invite_token}` → the e-mail and the Argon2id parameters, so
/// the browser can hash the new password.
pub async fn invite_info(mut ctx: Ctx) -> Result<Response, ApiError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Info {
        invite_token: String,
    }
    let body: Info = http::read_json(&mut ctx.req).await?;
    let now = clock::now_ms(&ctx).await?;
    let row = invite_row(&ctx, &body.invite_token, now).await?;
    http::ok(&InviteView {
        email: row.email,
        params: PreloginParams::with_defaults(row.salt),
    })
}

/// `POST /api/staff/invite/accept {invite_token, password_hash}`: sets the password, consumes
/// the invitation and logs in.
pub async fn accept_invite(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: AcceptInvite = http::read_json(&mut ctx.req).await?;
    if body.password_hash.len() < 32 || body.password_hash.len() > 128 {
        return Err(ApiError::unprocessable(
            "invalid_password_hash",
            "password_hash must be the Argon2id output",
        ));
    }
    let now = clock::now_ms(&ctx).await?;
    let row = invite_row(&ctx, &body.invite_token, now).await?;
    let db = ctx.db()?;
    db.batch(vec![
        db.prepare("UPDATE staff SET password_mac = ?2 WHERE id = ?1")
            .bind(&[
                db::s(&row.staff_id),
                db::s(&password_mac(&ctx, &body.password_hash)?),
            ])?,
        db.prepare("DELETE FROM invites WHERE staff_id = ?1")
            .bind(&[db::s(&row.staff_id)])?,
    ])
    .await?;
    let cookie = session::start(&ctx, Kind::Staff, &row.staff_id, now).await?;
    let member = current_by_id(&ctx, &row.staff_id).await?;
    Ok(session::with_cookie(
        http::json_response(200, &session_view(&ctx, &member).await?),
        &cookie,
    ))
}

/// Creates an invitation for `staff_id`; returns the one-time token (shown once).
pub async fn create_invite(ctx: &Ctx, staff_id: &str, now: i64) -> Result<String, ApiError> {
    let token = session::base64url(&crypto::random::<24>()?);
    let hash = crypto::keyed(ctx, Secret::Code, &format!("invite:{token}"))?;
    ctx.db()?
        .prepare("INSERT INTO invites (token_hash, staff_id, created_at) VALUES (?1, ?2, ?3)")
        .bind(&[db::s(&hash), db::s(staff_id), db::n(now)])?
        .run()
        .await?;
    Ok(token)
}
