//! Sessions: a random token in an HttpOnly, Secure, SameSite=Strict cookie; only its HMAC is
//! stored. Idle 30 min, absolute 12 h (`content::retention`), checked on every request.

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use content::retention;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Participant,
    Staff,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Participant => "participant",
            Kind::Staff => "staff",
        }
    }

    /// The names are `content::storage`'s, which the privacy notice lists.
    fn cookie(self) -> &'static str {
        match self {
            Kind::Participant => content::storage::PARTICIPANT_COOKIE,
            Kind::Staff => content::storage::STAFF_COOKIE,
        }
    }

    /// The one 401 of this kind of session.
    pub fn unauthorized(self) -> ApiError {
        match self {
            Kind::Participant => ApiError::Unauthorized,
            Kind::Staff => ApiError::StaffUnauthorized,
        }
    }
}

fn token_from_cookie(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty() && v.len() <= 128).then(|| v.to_string())
    })
}

/// What a session opens: everything its kind may do, or (staff whose business requires an
/// authenticator they have not set up) only the enrolment of one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    Full,
    Enrol,
}

impl Scope {
    fn stored(self) -> Option<&'static str> {
        match self {
            Scope::Full => None,
            Scope::Enrol => Some("enrol"),
        }
    }
}

/// Starts a session for `subject_id` and returns the `Set-Cookie` value.
pub async fn start(ctx: &Ctx, kind: Kind, subject_id: &str, now: i64) -> Result<String, ApiError> {
    start_scoped(ctx, kind, subject_id, now, Scope::Full).await
}

/// Starts a session that opens only `scope`.
pub async fn start_scoped(
    ctx: &Ctx,
    kind: Kind,
    subject_id: &str,
    now: i64,
    scope: Scope,
) -> Result<String, ApiError> {
    let token = crypto::random_token::<32>()?;
    let hash = crypto::keyed(ctx, Secret::Session, &token)?;
    ctx.db()?
        .prepare(
            "INSERT INTO sessions (token_hash, kind, subject_id, created_at, last_seen_at, scope) \
             VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        )
        .bind(&[
            db::s(&hash),
            db::s(kind.as_str()),
            db::s(subject_id),
            db::n(now),
            db::opt(scope.stored()),
        ])?
        .run()
        .await?;
    let max_age = retention::SESSION_ABSOLUTE_MS / 1000;
    Ok(format!(
        "{}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}",
        kind.cookie()
    ))
}

/// The `Set-Cookie` value that removes the cookie of this kind.
pub fn clear_cookie(kind: Kind) -> String {
    format!(
        "{}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
        kind.cookie()
    )
}

#[derive(Deserialize)]
struct Row {
    subject_id: String,
    created_at: i64,
    last_seen_at: i64,
    scope: Option<String>,
}

fn cookie_hash(ctx: &Ctx, kind: Kind) -> Result<Option<String>, ApiError> {
    let header = ctx.header("cookie").unwrap_or_default();
    match token_from_cookie(&header, kind.cookie()) {
        Some(token) => Ok(Some(crypto::keyed(ctx, Secret::Session, &token)?)),
        None => Ok(None),
    }
}

/// The subject of a live session of this kind that opens everything, or its 401. An expired
/// session is deleted. A session of another scope is refused here (see [`scoped_subject`]).
pub async fn subject(ctx: &Ctx, kind: Kind, now: i64) -> Result<String, ApiError> {
    match scoped_subject(ctx, kind, now).await? {
        (id, Scope::Full) => Ok(id),
        (_, Scope::Enrol) => Err(ApiError::TotpEnrolmentRequired),
    }
}

/// The subject of a live session of this kind, and what the session opens.
pub async fn scoped_subject(ctx: &Ctx, kind: Kind, now: i64) -> Result<(String, Scope), ApiError> {
    let hash = cookie_hash(ctx, kind)?.ok_or_else(|| kind.unauthorized())?;
    let db = ctx.db()?;
    let row = db
        .prepare("SELECT subject_id, created_at, last_seen_at, scope FROM sessions WHERE token_hash = ?1 AND kind = ?2")
        .bind(&[db::s(&hash), db::s(kind.as_str())])?
        .first::<Row>(None)
        .await?
        .ok_or_else(|| kind.unauthorized())?;
    if !retention::session_alive(row.created_at, row.last_seen_at, now) {
        db.prepare("DELETE FROM sessions WHERE token_hash = ?1")
            .bind(&[db::s(&hash)])?
            .run()
            .await?;
        return Err(kind.unauthorized());
    }
    if now - row.last_seen_at >= retention::SESSION_TOUCH_AFTER_MS {
        db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
            .bind(&[db::s(&hash), db::n(now)])?
            .run()
            .await?;
    }
    let scope = match row.scope.as_deref() {
        None => Scope::Full,
        Some(_) => Scope::Enrol,
    };
    Ok((row.subject_id, scope))
}

/// The session of the request's cookie opens everything from now on (an enrolment finished).
pub async fn widen(ctx: &Ctx, kind: Kind) -> Result<(), ApiError> {
    let Some(hash) = cookie_hash(ctx, kind)? else {
        return Ok(());
    };
    ctx.db()?
        .prepare("UPDATE sessions SET scope = NULL WHERE token_hash = ?1 AND kind = ?2")
        .bind(&[db::s(&hash), db::s(kind.as_str())])?
        .run()
        .await?;
    Ok(())
}

/// Ends the session of the cookie of this kind, if the request has one; true if it had one.
/// Idempotent.
pub async fn end(ctx: &Ctx, kind: Kind) -> Result<bool, ApiError> {
    let Some(hash) = cookie_hash(ctx, kind)? else {
        return Ok(false);
    };
    ctx.db()?
        .prepare("DELETE FROM sessions WHERE token_hash = ?1 AND kind = ?2")
        .bind(&[db::s(&hash), db::s(kind.as_str())])?
        .run()
        .await?;
    Ok(true)
}

/// Every session of a subject: code change, deletion, staff deactivation.
pub fn end_all_statement(
    db: &D1Database,
    kind: Kind,
    subject_id: &str,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("DELETE FROM sessions WHERE kind = ?1 AND subject_id = ?2")
        .bind(&[db::s(kind.as_str()), db::s(subject_id)])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_parsing_takes_only_the_named_cookie() {
        let h = "a=1; __Host-mestring=tok; __Host-mestring-staff=staff";
        assert_eq!(
            token_from_cookie(h, "__Host-mestring").as_deref(),
            Some("tok")
        );
        assert_eq!(
            token_from_cookie(h, "__Host-mestring-staff").as_deref(),
            Some("staff")
        );
        assert_eq!(
            token_from_cookie("__Host-mestring=", "__Host-mestring"),
            None
        );
        assert_eq!(token_from_cookie("x=y", "__Host-mestring"), None);
    }
}
