//! Sessions: a random token in an HttpOnly, Secure, SameSite=Strict cookie; only its HMAC is
//! stored. Idle 30 min, absolute 12 h (content::retention), checked on every request.

use crate::{
    crypto::{self, Secret},
    db,
    error::ApiError,
    router::Ctx,
};
use content::retention;
use serde::Deserialize;
use worker::Response;

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

    fn cookie(self) -> &'static str {
        match self {
            Kind::Participant => "__Host-mestring",
            Kind::Staff => "__Host-mestring-staff",
        }
    }
}

/// Writing `last_seen_at` on every request would cost a D1 write each; a minute of slack on a
/// 30-minute idle limit is harmless.
const TOUCH_AFTER_MS: i64 = 60_000;

fn token_from_cookie(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty() && v.len() <= 128).then(|| v.to_string())
    })
}

/// Starts a session for `subject_id` and returns the `Set-Cookie` value.
pub async fn start(ctx: &Ctx, kind: Kind, subject_id: &str, now: i64) -> Result<String, ApiError> {
    let token = base64url(&crypto::random::<32>()?);
    let hash = crypto::keyed(ctx, Secret::Session, &token)?;
    ctx.db()?
        .prepare(
            "INSERT INTO sessions (token_hash, kind, subject_id, created_at, last_seen_at) \
             VALUES (?1, ?2, ?3, ?4, ?4)",
        )
        .bind(&[
            db::s(&hash),
            db::s(kind.as_str()),
            db::s(subject_id),
            db::n(now),
        ])?
        .run()
        .await?;
    let max_age = retention::SESSION_ABSOLUTE_MS / 1000;
    Ok(format!(
        "{}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}",
        kind.cookie()
    ))
}

pub fn clear_cookie(kind: Kind) -> String {
    format!(
        "{}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
        kind.cookie()
    )
}

pub fn with_cookie(resp: Response, cookie: &str) -> Response {
    let _ = resp.headers().append("set-cookie", cookie);
    resp
}

#[derive(Deserialize)]
struct Row {
    subject_id: String,
    created_at: i64,
    last_seen_at: i64,
}

fn cookie_hash(ctx: &Ctx, kind: Kind) -> Result<Option<String>, ApiError> {
    let header = ctx
        .req
        .headers()
        .get("cookie")
        .ok()
        .flatten()
        .unwrap_or_default();
    match token_from_cookie(&header, kind.cookie()) {
        Some(token) => Ok(Some(crypto::keyed(ctx, Secret::Session, &token)?)),
        None => Ok(None),
    }
}

/// The subject of a live session of this kind, or 401. An expired session is deleted.
pub async fn subject(ctx: &Ctx, kind: Kind, now: i64) -> Result<String, ApiError> {
    let hash = cookie_hash(ctx, kind)?.ok_or(ApiError::Unauthorized)?;
    let db = ctx.db()?;
    let row = db
        .prepare("SELECT subject_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?1 AND kind = ?2")
        .bind(&[db::s(&hash), db::s(kind.as_str())])?
        .first::<Row>(None)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if !retention::session_alive(row.created_at, row.last_seen_at, now) {
        db.prepare("DELETE FROM sessions WHERE token_hash = ?1")
            .bind(&[db::s(&hash)])?
            .run()
            .await?;
        return Err(ApiError::Unauthorized);
    }
    if now - row.last_seen_at >= TOUCH_AFTER_MS {
        db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
            .bind(&[db::s(&hash), db::n(now)])?
            .run()
            .await?;
    }
    Ok(row.subject_id)
}

/// Ends the session of the cookie, if any. Idempotent.
pub async fn end(ctx: &Ctx, kind: Kind) -> Result<(), ApiError> {
    if let Some(hash) = cookie_hash(ctx, kind)? {
        ctx.db()?
            .prepare("DELETE FROM sessions WHERE token_hash = ?1")
            .bind(&[db::s(&hash)])?
            .run()
            .await?;
    }
    Ok(())
}

/// Every session of a subject: code change, deletion, staff deactivation.
pub fn end_all_statement(
    db: &worker::D1Database,
    kind: Kind,
    subject_id: &str,
) -> Result<worker::D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("DELETE FROM sessions WHERE kind = ?1 AND subject_id = ?2")
        .bind(&[db::s(kind.as_str()), db::s(subject_id)])?)
}

pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((v >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_has_no_padding_and_matches_rfc_4648() {
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

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
