//! Sessions: a random token in an HttpOnly, Secure, SameSite=Strict cookie; only its HMAC is
//! stored. Idle 30 min, absolute 12 h (`content::retention`), checked on every request.

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use content::retention;
use serde::{Deserialize, de::DeserializeOwned};
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
    let db = ctx.db()?;
    let (insert, cookie) = start_statement(ctx, &db, kind, subject_id, now, scope)?;
    insert.run().await?;
    Ok(cookie)
}

/// A new session as a statement for a caller's batch (the login's), and the `Set-Cookie`
/// value to send once that batch has run.
pub fn start_statement(
    ctx: &Ctx,
    db: &D1Database,
    kind: Kind,
    subject_id: &str,
    now: i64,
    scope: Scope,
) -> Result<(D1PreparedStatement, String), ApiError> {
    let token = crypto::random_token::<32>()?;
    let hash = crypto::keyed(ctx, Secret::Session, &token)?;
    let insert = db
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
        ])?;
    let max_age = retention::SESSION_ABSOLUTE_MS / 1000;
    let cookie = format!(
        "{}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}",
        kind.cookie()
    );
    Ok((insert, cookie))
}

/// The `Set-Cookie` value that removes the cookie of this kind.
pub fn clear_cookie(kind: Kind) -> String {
    format!(
        "{}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
        kind.cookie()
    )
}

fn cookie_hash(ctx: &Ctx, kind: Kind) -> Result<Option<String>, ApiError> {
    let header = ctx.header("cookie").unwrap_or_default();
    match token_from_cookie(&header, kind.cookie()) {
        Some(token) => Ok(Some(crypto::keyed(ctx, Secret::Session, &token)?)),
        None => Ok(None),
    }
}

/// Where a session's subject lives: the table and the columns a caller reads from it.
pub struct SubjectTable {
    /// `participants` or `staff`; both have `id` and `active`.
    pub table: &'static str,
    /// The subject's columns, comma-separated, as they are named in the table.
    pub columns: &'static str,
}

/// The session's own columns in the joined lookup, named apart from the subject's.
#[derive(Deserialize)]
struct SessionColumns {
    session_created_at: i64,
    session_last_seen_at: i64,
    session_scope: Option<String>,
    /// The subject's id while its row is active; NULL when it is gone or deactivated.
    session_subject_row: Option<String>,
}

/// What the joined lookup does with the session row it found (none: `Refuse`).
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// No such session: the kind's 401.
    Refuse,
    /// Past the idle or absolute limit: deleted, then the kind's 401.
    Expired,
    /// Alive; `touch` when `last_seen_at` is due to be written again.
    Open { scope: Scope, touch: bool },
}

/// The rules of `content::retention` on one session row. An expired session is deleted
/// whether or not its subject is still active, as before the lookup was joined.
fn verdict(row: Option<&SessionColumns>, now: i64) -> Verdict {
    let Some(row) = row else {
        return Verdict::Refuse;
    };
    if !retention::session_alive(row.session_created_at, row.session_last_seen_at, now) {
        return Verdict::Expired;
    }
    let scope = match row.session_scope.as_deref() {
        None => Scope::Full,
        Some(_) => Scope::Enrol,
    };
    Verdict::Open {
        scope,
        touch: now - row.session_last_seen_at >= retention::SESSION_TOUCH_AFTER_MS,
    }
}

/// The joined lookup's statement: the session of `hash` and kind, and its subject's active row
/// (one round trip instead of the session and then the subject).
fn joined_sql(subject: &SubjectTable) -> String {
    let columns = subject
        .columns
        .split(',')
        .map(|c| format!("t.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, \
         s.scope AS session_scope, t.id AS session_subject_row, {columns} \
         FROM sessions s LEFT JOIN {table} t ON t.id = s.subject_id AND t.active = 1 \
         WHERE s.token_hash = ?1 AND s.kind = ?2",
        table = subject.table
    )
}

/// The subject's active row behind a live session of this kind that opens everything, read
/// together with the session in one query, or the kind's 401. An expired session is deleted.
/// A session that opens only enrolment is the 403 `totp_enrolment_required`, whether or not
/// its account is still active (as when the account was read after the session).
pub async fn subject<T: DeserializeOwned>(
    ctx: &Ctx,
    kind: Kind,
    now: i64,
    table: &SubjectTable,
) -> Result<T, ApiError> {
    match lookup(ctx, kind, now, table).await? {
        (_, Scope::Enrol) => Err(ApiError::TotpEnrolmentRequired),
        (row, Scope::Full) => row.ok_or_else(|| kind.unauthorized()),
    }
}

/// The subject's active row behind a live session of this kind, and what the session opens.
pub async fn scoped_subject<T: DeserializeOwned>(
    ctx: &Ctx,
    kind: Kind,
    now: i64,
    table: &SubjectTable,
) -> Result<(T, Scope), ApiError> {
    match lookup(ctx, kind, now, table).await? {
        (Some(row), scope) => Ok((row, scope)),
        (None, _) => Err(kind.unauthorized()),
    }
}

/// The joined lookup: the session and its subject's active row (`None` when it is gone or
/// deactivated) in one query; an expired session deleted, a live one touched when due.
async fn lookup<T: DeserializeOwned>(
    ctx: &Ctx,
    kind: Kind,
    now: i64,
    table: &SubjectTable,
) -> Result<(Option<T>, Scope), ApiError> {
    let hash = cookie_hash(ctx, kind)?.ok_or_else(|| kind.unauthorized())?;
    let db = ctx.db()?;
    let found = db
        .prepare(joined_sql(table))
        .bind(&[db::s(&hash), db::s(kind.as_str())])?
        .all()
        .await?;
    let session = found.results::<SessionColumns>()?;
    let row = session.first();
    match verdict(row, now) {
        Verdict::Refuse => Err(kind.unauthorized()),
        Verdict::Expired => {
            db.prepare("DELETE FROM sessions WHERE token_hash = ?1")
                .bind(&[db::s(&hash)])?
                .run()
                .await?;
            Err(kind.unauthorized())
        }
        Verdict::Open { scope, touch } => {
            if touch {
                db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
                    .bind(&[db::s(&hash), db::n(now)])?
                    .run()
                    .await?;
            }
            // The same row read as the subject's columns, when the subject is there.
            let subject = match row.and_then(|r| r.session_subject_row.as_ref()) {
                Some(_) => found.results::<T>()?.into_iter().next(),
                None => None,
            };
            Ok((subject, scope))
        }
    }
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

    const T0: i64 = 1_800_000_000_000;

    fn row(created: i64, last_seen: i64, scope: Option<&str>, subject: bool) -> SessionColumns {
        SessionColumns {
            session_created_at: created,
            session_last_seen_at: last_seen,
            session_scope: scope.map(str::to_owned),
            session_subject_row: subject.then(|| "p1".to_owned()),
        }
    }

    #[test]
    fn the_joined_lookup_still_refuses_and_deletes_an_expired_session() {
        use retention::{SESSION_ABSOLUTE_MS as ABS, SESSION_IDLE_MS as IDLE};
        // Idle past the limit, subject present or not: deleted, refused.
        for subject in [true, false] {
            let idle = row(T0, T0, None, subject);
            assert_eq!(verdict(Some(&idle), T0 + IDLE), Verdict::Expired);
        }
        // Active all along (seen a minute ago) but past the absolute limit: the same.
        let old = row(T0, T0 + ABS - 60_000, None, true);
        assert_eq!(verdict(Some(&old), T0 + ABS), Verdict::Expired);
        // One millisecond inside both limits: open.
        let fresh = row(T0, T0 + ABS - IDLE, None, true);
        assert!(matches!(
            verdict(Some(&fresh), T0 + ABS - 1),
            Verdict::Open { .. }
        ));
        // No session row at all: refused without a write.
        assert_eq!(verdict(None, T0), Verdict::Refuse);
    }

    #[test]
    fn a_live_session_is_touched_at_most_once_a_minute_and_keeps_its_scope() {
        let touch = retention::SESSION_TOUCH_AFTER_MS;
        let r = row(T0, T0, None, true);
        assert_eq!(
            verdict(Some(&r), T0 + touch - 1),
            Verdict::Open {
                scope: Scope::Full,
                touch: false
            }
        );
        assert_eq!(
            verdict(Some(&r), T0 + touch),
            Verdict::Open {
                scope: Scope::Full,
                touch: true
            }
        );
        // An enrolment-only session stays one, also when its account is gone: `subject` says
        // 403 before it looks at the account, `scoped_subject` then refuses the missing one.
        let enrol = row(T0, T0, Some("enrol"), false);
        assert_eq!(
            verdict(Some(&enrol), T0 + 1),
            Verdict::Open {
                scope: Scope::Enrol,
                touch: false
            }
        );
    }

    #[test]
    fn the_joined_lookup_reads_every_subject_column_from_the_active_row_only() {
        let sql = joined_sql(&SubjectTable {
            table: "staff",
            columns: "id, email,role , business_id",
        });
        assert!(sql.contains("t.id, t.email, t.role, t.business_id FROM sessions s"));
        assert!(sql.contains("LEFT JOIN staff t ON t.id = s.subject_id AND t.active = 1"));
        assert!(sql.contains("WHERE s.token_hash = ?1 AND s.kind = ?2"));
    }
}
