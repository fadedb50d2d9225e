//! Staff accounts: who is behind a staff session, roles and what they cover, password MACs
//! (the browser does Argon2id; only an HMAC of its output is stored), salts, the business's
//! accounts, and invitations.

use crate::{
    ground::{
        crypto::{self, Secret},
        ctx::Ctx,
        db,
        error::ApiError,
    },
    records::session::{self, Kind, Scope, SubjectTable},
};
use content::{
    api::{BusinessRef, StaffAccountData, StaffRole, StaffUser},
    encoding::base64url,
    keyed::{hmac_sha256, invite_hash},
    retention,
    time::format_ms,
};
use serde::Deserialize;

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
        "support" => StaffRole::Support,
        _ => StaffRole::Professional,
    }
}

pub fn role_name(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Professional => "professional",
        StaffRole::SuperUser => "super_user",
        StaffRole::ToolManager => "tool_manager",
        StaffRole::Support => "support",
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

    /// The feedback desk: support accounts only.
    pub fn require_support(&self) -> Result<(), ApiError> {
        match self.role() {
            StaffRole::Support => Ok(()),
            _ => Err(ApiError::Forbidden("Only the feedback desk may do this.")),
        }
    }
}

const MEMBER_COLUMNS: &str = "id, email, role, business_id";
/// An active account behind a staff session, read with the session in one query.
const MEMBERS: SubjectTable = SubjectTable {
    table: "staff",
    columns: MEMBER_COLUMNS,
};

/// The staff 401 unless a live staff session of an active account exists. A deactivated
/// account's sessions were deleted with it; the `active` check covers any race. A session that
/// opens only enrolment is a 403 `totp_enrolment_required` here.
pub async fn current(ctx: &Ctx, now: i64) -> Result<Member, ApiError> {
    session::subject(ctx, Kind::Staff, now, &MEMBERS).await
}

/// The account of a live staff session, also one that opens only enrolment (the enrolment
/// endpoints), and what the session opens.
pub async fn current_for_enrolment(ctx: &Ctx, now: i64) -> Result<(Member, Scope), ApiError> {
    session::scoped_subject(ctx, Kind::Staff, now, &MEMBERS).await
}

/// Whether the account's business requires an authenticator that the account does not have.
pub async fn needs_enrolment(ctx: &Ctx, id: &str) -> Result<bool, ApiError> {
    Ok(ctx
        .db()?
        .prepare(
            "SELECT 1 AS needs FROM staff s JOIN businesses b ON b.id = s.business_id \
             WHERE s.id = ?1 AND b.totp_required = 1 AND s.totp_secret IS NULL",
        )
        .bind(&[db::s(id)])?
        .first::<i64>(Some("needs"))
        .await?
        .is_some())
}

/// Whether the account's business requires an authenticator (false without a business).
pub async fn totp_required(ctx: &Ctx, member: &Member) -> Result<bool, ApiError> {
    let Some(business) = member.business_id.as_deref() else {
        return Ok(false);
    };
    Ok(ctx
        .db()?
        .prepare("SELECT totp_required FROM businesses WHERE id = ?1")
        .bind(&[db::s(business)])?
        .first::<i64>(Some("totp_required"))
        .await?
        == Some(1))
}

/// Remembers a login that opened the whole session (shown to the account holder).
pub async fn record_login(ctx: &Ctx, id: &str, now: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("UPDATE staff SET last_login_at = ?2 WHERE id = ?1")
        .bind(&[db::s(id), db::n(now)])?
        .run()
        .await?;
    Ok(())
}

pub async fn by_id(ctx: &Ctx, id: &str) -> Result<Member, ApiError> {
    ctx.db()?
        .prepare(format!("SELECT {MEMBER_COLUMNS} FROM staff WHERE id = ?1"))
        .bind(&[db::s(id)])?
        .first::<Member>(None)
        .await?
        .ok_or(ApiError::StaffUnauthorized)
}

/// The businesses an account covers: its own, or those of a tool manager's programme.
pub async fn businesses(ctx: &Ctx, member: &Member) -> Result<Vec<BusinessRef>, ApiError> {
    let db = ctx.db()?;
    let stmt = match member.role() {
        StaffRole::ToolManager => db
            .prepare(
                "SELECT b.id AS id, b.name AS name FROM staff s \
                 JOIN programme_businesses pb ON pb.programme_id = s.programme_id \
                 JOIN businesses b ON b.id = pb.business_id WHERE s.id = ?1 ORDER BY b.name, b.id",
            )
            .bind(&[db::s(&member.id)])?,
        _ => db
            .prepare("SELECT id, name FROM businesses WHERE id = ?1")
            .bind(&[db::opt(member.business_id.as_deref())])?,
    };
    Ok(stmt.all().await?.results::<BusinessRef>()?)
}

/// What is stored for a password: HMAC of the browser's Argon2id output.
pub fn password_mac(ctx: &Ctx, password_hash: &str) -> Result<String, ApiError> {
    crypto::keyed(ctx, Secret::Password, password_hash)
}

/// A new random Argon2id salt (base64url).
pub fn new_salt() -> Result<String, ApiError> {
    crypto::random_token::<16>()
}

/// The Argon2id salt of an e-mail: the account's, or for an e-mail without an account a
/// deterministic fake one, so pre-login never tells whether an account exists.
pub async fn salt_of(ctx: &Ctx, email: &str) -> Result<String, ApiError> {
    let stored = ctx
        .db()?
        .prepare("SELECT salt FROM staff WHERE email = ?1")
        .bind(&[db::s(email)])?
        .first::<String>(Some("salt"))
        .await?;
    match stored {
        Some(salt) => Ok(salt),
        None => {
            let key = crypto::secret(ctx, Secret::Password)?;
            Ok(base64url(
                &hmac_sha256(key.as_bytes(), format!("salt:{email}").as_bytes())[..16],
            ))
        }
    }
}

#[derive(Deserialize)]
pub struct LoginRow {
    pub id: String,
    pub password_mac: Option<String>,
    pub active: i64,
}

pub async fn login_row(ctx: &Ctx, email: &str) -> Result<Option<LoginRow>, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT id, password_mac, active FROM staff WHERE email = ?1")
        .bind(&[db::s(email)])?
        .first::<LoginRow>(None)
        .await?)
}

#[derive(Deserialize)]
struct UserRow {
    id: String,
    email: String,
    role: String,
    active: i64,
    created_at: i64,
}

/// The address of an account as people know it: an invited account's is in `invited_email`
/// until the invitation is accepted (migration 0007).
const ADDRESS: &str = "COALESCE(invited_email, email)";

/// Every account of a business, by e-mail (an invited one by the address it was invited with).
pub async fn users(ctx: &Ctx, business_id: &str) -> Result<Vec<StaffUser>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT id, {ADDRESS} AS email, role, active, created_at FROM staff \
             WHERE business_id = ?1 ORDER BY email"
        ))
        .bind(&[db::s(business_id)])?
        .all()
        .await?
        .results::<UserRow>()?
        .into_iter()
        .map(|u| StaffUser {
            role: role_from_name(&u.role),
            id: u.id,
            email: u.email,
            active: u.active == 1,
            created_at: format_ms(u.created_at),
        })
        .collect())
}

#[derive(Deserialize)]
struct Existing {
    id: String,
    active: i64,
}

/// A new account without a password (it is set through the invitation); `None` when an
/// active account of the same business already has the address (the super user sees those in
/// the list anyway). A deactivated account of the business with the address is invited again
/// instead: active, the role asked for, and no password, authenticator or earlier invitation
/// left, so only the new link opens it. Whether another business has an account with the
/// address is not looked at: the invitation is made the same way, and only accepting it can
/// find out ([`accept_invite`]).
pub async fn create_invited(
    ctx: &Ctx,
    business_id: &str,
    email: &str,
    role: StaffRole,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let db = ctx.db()?;
    let existing = db
        .prepare(format!(
            "SELECT id, active FROM staff WHERE business_id = ?1 AND {ADDRESS} = ?2 LIMIT 1"
        ))
        .bind(&[db::s(business_id), db::s(email)])?
        .first::<Existing>(None)
        .await?;
    match existing {
        Some(e) if e.active == 1 => return Ok(None),
        Some(e) => {
            let mut statements = vec![
                db.prepare(format!(
                    "UPDATE staff SET active = 1, role = ?3, password_mac = NULL, salt = ?4, \
                     {NO_TOTP} WHERE id = ?1 AND business_id = ?2 AND active = 0"
                ))
                .bind(&[
                    db::s(&e.id),
                    db::s(business_id),
                    db::s(role_name(role)),
                    db::s(&new_salt()?),
                ])?,
            ];
            statements.push(
                db.prepare("DELETE FROM invites WHERE staff_id = ?1")
                    .bind(&[db::s(&e.id)])?,
            );
            db.batch(statements).await?;
            return Ok(Some(e.id));
        }
        None => {}
    }
    let id = crypto::random_id()?;
    db.prepare(
        "INSERT INTO staff (id, email, invited_email, role, business_id, salt, active, created_at) \
         VALUES (?1, 'invited:' || ?1, ?2, ?3, ?4, ?5, 1, ?6)",
    )
    .bind(&[
        db::s(&id),
        db::s(email),
        db::s(role_name(role)),
        db::s(business_id),
        db::s(&new_salt()?),
        db::n(now),
    ])?
    .run()
    .await?;
    Ok(Some(id))
}

/// The address of an account of the business (for the audit log), if it has one.
pub async fn address(ctx: &Ctx, business_id: &str, id: &str) -> Result<Option<String>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT {ADDRESS} AS email FROM staff WHERE id = ?1 AND business_id = ?2"
        ))
        .bind(&[db::s(id), db::s(business_id)])?
        .first::<String>(Some("email"))
        .await?)
}

/// A demo account of the dev seed, with its password MAC; a tool manager belongs to the
/// programme instead of the business, support to neither.
pub struct DemoAccount<'a> {
    pub role: &'a str,
    pub email: &'a str,
    pub salt: &'a str,
    pub password_mac: &'a str,
}

/// Creates the seed's accounts in one batch. The programme's tool manager has the same
/// address on every seed of the programme: it is made once and kept.
pub async fn create_demo(
    ctx: &Ctx,
    business_id: &str,
    programme_id: &str,
    accounts: &[DemoAccount<'_>],
    now: i64,
) -> Result<(), ApiError> {
    let db = ctx.db()?;
    let mut statements = Vec::new();
    for a in accounts {
        let id = crypto::random_id()?;
        let (business, programme) = match a.role {
            "tool_manager" => (None, Some(programme_id)),
            "support" => (None, None),
            _ => (Some(business_id), None),
        };
        statements.push(
            db.prepare(
                "INSERT INTO staff (id, email, role, business_id, programme_id, salt, password_mac, active, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8) ON CONFLICT (email) DO NOTHING",
            )
            .bind(&[
                db::s(&id),
                db::s(a.email),
                db::s(a.role),
                db::opt(business),
                db::opt(programme),
                db::s(a.salt),
                db::s(a.password_mac),
                db::n(now),
            ])?,
        );
    }
    db.batch(statements).await?;
    Ok(())
}

/// Every column of the authenticator, cleared: no secret, no enrolment, no failures.
const NO_TOTP: &str = "totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL, \
                       totp_failures = 0, totp_failed_at = NULL";

/// Reactivates a deactivated account of the business (its password and authenticator as they
/// were); false when the business has no such deactivated account.
pub async fn reactivate(ctx: &Ctx, business_id: &str, id: &str) -> Result<bool, ApiError> {
    let res = ctx
        .db()?
        .prepare("UPDATE staff SET active = 1 WHERE id = ?1 AND business_id = ?2 AND active = 0")
        .bind(&[db::s(id), db::s(business_id)])?
        .run()
        .await?;
    Ok(db::changes(&res)? == 1)
}

/// A reset of an active account of the business, in one batch: the password and the
/// authenticator stop working at once (a new salt, so nothing made for the old one fits),
/// every session and earlier link ends, and a one-time link like an invitation's is made.
/// The token, or `None` when the business has no such active account.
pub async fn reset(
    ctx: &Ctx,
    business_id: &str,
    id: &str,
    now: i64,
) -> Result<Option<String>, ApiError> {
    let db = ctx.db()?;
    let token = crypto::random_token::<24>()?;
    let res = db
        .batch(vec![
            db.prepare(format!(
                "UPDATE staff SET password_mac = NULL, salt = ?3, {NO_TOTP} \
                 WHERE id = ?1 AND business_id = ?2 AND active = 1"
            ))
            .bind(&[db::s(id), db::s(business_id), db::s(&new_salt()?)])?,
            session::end_all_statement(&db, Kind::Staff, id)?,
            db.prepare("DELETE FROM invites WHERE staff_id = ?1")
                .bind(&[db::s(id)])?,
            db.prepare(
                "INSERT INTO invites (token_hash, staff_id, created_at) SELECT ?1, ?2, ?3 \
                 WHERE EXISTS (SELECT 1 FROM staff WHERE id = ?2 AND business_id = ?4 AND active = 1)",
            )
            .bind(&[
                db::s(&token_hash(ctx, &token)?),
                db::s(id),
                db::n(now),
                db::s(business_id),
            ])?,
        ])
        .await?;
    let changed = match res.first() {
        Some(r) => db::changes(r)?,
        None => 0,
    };
    Ok((changed > 0).then_some(token))
}

#[derive(Deserialize)]
struct AccountRow {
    created_at: i64,
    last_login_at: Option<i64>,
    totp: i64,
}

/// What is stored about an account, for its holder (`GET /api/staff/me`).
pub async fn account_data(ctx: &Ctx, member: &Member) -> Result<StaffAccountData, ApiError> {
    let row = ctx
        .db()?
        .prepare(
            "SELECT created_at, last_login_at, (totp_secret IS NOT NULL) AS totp FROM staff WHERE id = ?1",
        )
        .bind(&[db::s(&member.id)])?
        .first::<AccountRow>(None)
        .await?
        .ok_or(ApiError::StaffUnauthorized)?;
    let business = match member.business_id.as_deref() {
        Some(id) => businesses(ctx, member)
            .await?
            .into_iter()
            .find(|b| b.id == id),
        None => None,
    };
    Ok(StaffAccountData {
        id: member.id.clone(),
        email: member.email.clone(),
        role: member.role(),
        business,
        created_at: format_ms(row.created_at),
        last_login: row.last_login_at.map(format_ms),
        totp: row.totp == 1,
        audit: Vec::new(),
    })
}

/// Whether the account is the business's only active super user (who may not leave it
/// without one).
pub async fn last_super_user(ctx: &Ctx, member: &Member) -> Result<bool, ApiError> {
    let (StaffRole::SuperUser, Some(business)) = (member.role(), member.business_id.as_deref())
    else {
        return Ok(false);
    };
    let others = ctx
        .db()?
        .prepare(
            "SELECT COUNT(*) AS n FROM staff WHERE business_id = ?1 AND role = 'super_user' \
             AND active = 1 AND id != ?2",
        )
        .bind(&[db::s(business), db::s(&member.id)])?
        .first::<i64>(Some("n"))
        .await?
        .unwrap_or(0);
    Ok(others == 0)
}

/// The staff id that audit rows of a deleted account carry instead of its own.
pub const DELETED: &str = "deleted";

/// An account deletes itself, in one batch. The business's log keeps what was done, when and
/// to which reference, but not who: the rows the account caused get the id `deleted` (so the
/// log shows "a deleted account"), its address in other rows' actions becomes
/// `deleted account`, and one row records the deletion itself. The account, its sessions,
/// invitations and programme links go; feedback it sent loses its sender.
pub async fn delete_own(ctx: &Ctx, member: &Member, now: i64) -> Result<(), ApiError> {
    let db = ctx.db()?;
    let id = db::s(&member.id);
    let email = db::s(&member.email);
    let mut statements = vec![
        db.prepare(
            "UPDATE audit SET action = substr(action, 1, length(action) - length(?1)) || 'deleted account' \
             WHERE action LIKE 'staff%' AND length(action) > length(?1) \
             AND substr(action, -length(?1)) = ?1 AND substr(action, -length(?1) - 1, 1) = ':'",
        )
        .bind(std::slice::from_ref(&email))?,
        db.prepare("UPDATE audit SET staff_id = ?2 WHERE staff_id = ?1")
            .bind(&[id.clone(), db::s(DELETED)])?,
        db.prepare("UPDATE feedback SET staff_id = NULL WHERE staff_id = ?1")
            .bind(std::slice::from_ref(&id))?,
        session::end_all_statement(&db, Kind::Staff, &member.id)?,
        db.prepare("DELETE FROM invites WHERE staff_id = ?1")
            .bind(std::slice::from_ref(&id))?,
        db.prepare("DELETE FROM staff WHERE id = ?1")
            .bind(std::slice::from_ref(&id))?,
    ];
    if let Some(business) = member.business_id.as_deref() {
        statements.push(
            db.prepare(
                "INSERT INTO audit (business_id, staff_id, participant_id, reference, action, at) \
                 VALUES (?1, ?2, NULL, NULL, 'staff_deleted_own_account', ?3)",
            )
            .bind(&[db::s(business), db::s(DELETED), db::n(now)])?,
        );
    }
    db.batch(statements).await?;
    Ok(())
}

/// Deactivates an account of the business and ends its sessions at once; false when the
/// business has no such account.
pub async fn deactivate(ctx: &Ctx, business_id: &str, id: &str) -> Result<bool, ApiError> {
    let db = ctx.db()?;
    let res = db
        .batch(vec![
            db.prepare("UPDATE staff SET active = 0 WHERE id = ?1 AND business_id = ?2")
                .bind(&[db::s(id), db::s(business_id)])?,
            // Sessions die at once, not at their next expiry.
            db.prepare(
                "DELETE FROM sessions WHERE kind = 'staff' AND subject_id = ?1 \
                 AND subject_id IN (SELECT id FROM staff WHERE business_id = ?2)",
            )
            .bind(&[db::s(id), db::s(business_id)])?,
        ])
        .await?;
    let changed = match res.first() {
        Some(r) => db::changes(r)?,
        None => 0,
    };
    Ok(changed > 0)
}

/// What is stored for an invitation token (`content::keyed::invite_hash`, as the operator tool).
fn token_hash(ctx: &Ctx, token: &str) -> Result<String, ApiError> {
    Ok(invite_hash(&crypto::secret(ctx, Secret::Code)?, token))
}

/// Creates an invitation for `staff_id`; returns the one-time token (shown once).
pub async fn create_invite(ctx: &Ctx, staff_id: &str, now: i64) -> Result<String, ApiError> {
    let token = crypto::random_token::<24>()?;
    ctx.db()?
        .prepare("INSERT INTO invites (token_hash, staff_id, created_at) VALUES (?1, ?2, ?3)")
        .bind(&[
            db::s(&token_hash(ctx, &token)?),
            db::s(staff_id),
            db::n(now),
        ])?
        .run()
        .await?;
    Ok(token)
}

#[derive(Deserialize)]
pub struct Invitation {
    pub staff_id: String,
    pub created_at: i64,
    pub email: String,
    pub salt: String,
}

/// The live invitation of a token: unused, not expired, for an active account.
pub async fn invitation(ctx: &Ctx, token: &str, now: i64) -> Result<Option<Invitation>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(
            "SELECT i.staff_id AS staff_id, i.created_at AS created_at, \
             COALESCE(s.invited_email, s.email) AS email, s.salt AS salt \
             FROM invites i JOIN staff s ON s.id = i.staff_id WHERE i.token_hash = ?1 AND s.active = 1",
        )
        .bind(&[db::s(&token_hash(ctx, token)?)])?
        .first::<Invitation>(None)
        .await?
        .filter(|r| retention::invite_valid(r.created_at, now)))
}

/// Sets the password of an invited account, gives it its address and consumes its
/// invitations; false (nothing changed) when another account already has the address: one
/// address is one login, so an invitation to a second business cannot be accepted with it.
pub async fn accept_invite(
    ctx: &Ctx,
    staff_id: &str,
    password_mac: &str,
) -> Result<bool, ApiError> {
    let db = ctx.db()?;
    let accepted = db
        .prepare(
            "UPDATE staff SET email = COALESCE(invited_email, email), invited_email = NULL, \
             password_mac = ?2 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM staff other \
             WHERE other.id != ?1 AND other.email = \
             (SELECT COALESCE(invited_email, email) FROM staff WHERE id = ?1))",
        )
        .bind(&[db::s(staff_id), db::s(password_mac)])?
        .run()
        .await?;
    if db::changes(&accepted)? != 1 {
        return Ok(false);
    }
    db.prepare("DELETE FROM invites WHERE staff_id = ?1")
        .bind(&[db::s(staff_id)])?
        .run()
        .await?;
    Ok(true)
}
