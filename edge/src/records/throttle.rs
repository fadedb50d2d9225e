//! Throttling login attempts (P2), on the rules of `content::throttle`. A key is
//! HMAC(secret rotated daily, subject): the raw client address is never stored or logged, and
//! keys cannot be linked across days. Rows are purged after 24 hours by the retention job.
//!
//! An attempt is **claimed** before the lookup it guards: one D1 statement adds it to its
//! window and returns the new count (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so of any
//! number of parallel attempts at most the limit see a count within it; the rest are refused
//! before they reach a code or a password. A successful attempt gives its claim back
//! ([`release`]); a failed one keeps it and is added to the deployment-wide count ([`failed`]).

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use content::{keyed::hmac_sha256_hex, throttle, time::date_of};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// The header the local dev server's front (`cargo xtask dev`/`test`) adds with its key, so
/// that the worker believes its `CF-Connecting-IP` (see [`source`]).
pub const FRONT_HEADER: &str = "x-mestring-front";
/// The worker variable holding that key (in the generated `.dev.vars`; never in production).
const FRONT_KEY: &str = "MESTRING_FRONT_KEY";

/// A claimed attempt: its key and window.
pub struct Gate {
    key: String,
    window: i64,
}

/// Whose attempts a gate counts.
pub enum Subject<'a> {
    /// The client address ([`source`]).
    Source,
    /// A staff account by its (normalised) e-mail, whichever source the attempts come from.
    Account(&'a str),
}

/// The client address the throttle keys on. In production `CF-Connecting-IP`: Cloudflare sets
/// it from the connection and overwrites whatever the client sent. Under `wrangler dev` the
/// runtime keeps a client-supplied `CF-Connecting-IP` (and lets a client set `request.cf`), so
/// there the header is believed only when the local front that `cargo xtask` puts before the
/// dev server vouches for it: the front sets the header from the socket address and adds
/// [`FRONT_HEADER`] with the key of `MESTRING_FRONT_KEY`. Where that key is configured and the
/// request does not carry it (a client talking to `wrangler dev` directly), every such request
/// shares one key, so no caller can choose its own.
pub fn source(ctx: &Ctx) -> String {
    let claimed = ctx.header("cf-connecting-ip").unwrap_or_default();
    let front_key = ctx
        .env
        .secret(FRONT_KEY)
        .map(|s| s.to_string())
        .or_else(|_| ctx.env.var(FRONT_KEY).map(|v| v.to_string()));
    match front_key {
        Ok(key) => {
            let vouched = ctx
                .header(FRONT_HEADER)
                .is_some_and(|offered| crypto::ct_eq(&offered, &key));
            if vouched && !claimed.is_empty() {
                claimed
            } else {
                "unverified".into()
            }
        }
        Err(_) if claimed.is_empty() => "unknown".into(),
        Err(_) => claimed,
    }
}

/// The keyed, daily-rotating hash of a subject's text.
fn key_of(ctx: &Ctx, now: i64, text: &str) -> Result<String, ApiError> {
    let secret = crypto::secret(ctx, Secret::Ip)?;
    let daily = hmac_sha256_hex(secret.as_bytes(), date_of(now).as_bytes());
    Ok(hmac_sha256_hex(daily.as_bytes(), text.as_bytes()))
}

fn subject_text(ctx: &Ctx, subject: &Subject<'_>) -> String {
    match subject {
        Subject::Source => source(ctx),
        Subject::Account(email) => format!("account:{email}"),
    }
}

#[derive(Deserialize)]
struct Claimed {
    claimed: i64,
    global: i64,
}

/// Claims one attempt of `subject` in the current window; 429 when that makes more than the
/// limit (the source limit tightens while the deployment is under attack).
async fn claim_one(ctx: &Ctx, now: i64, subject: &Subject<'_>) -> Result<Gate, ApiError> {
    let key = key_of(ctx, now, &subject_text(ctx, subject))?;
    let window = throttle::window(now);
    let counts = ctx
        .db()?
        .prepare(
            "INSERT INTO throttle (key, window, failures) VALUES (?1, ?2, 1) \
             ON CONFLICT (key, window) DO UPDATE SET failures = failures + 1 \
             RETURNING failures AS claimed, \
             (SELECT COALESCE(MAX(t.failures), 0) FROM throttle t \
              WHERE t.key = 'global' AND t.window = ?2) AS global",
        )
        .bind(&[db::s(&key), db::n(window)])?
        .first::<Claimed>(None)
        .await?
        .ok_or_else(|| ApiError::Internal("the throttle claim returned no row".into()))?;
    let limit = match subject {
        Subject::Source => throttle::source_limit(counts.global),
        Subject::Account(_) => throttle::PER_ACCOUNT,
    };
    let gate = Gate { key, window };
    if throttle::within(counts.claimed, limit) {
        Ok(gate)
    } else {
        Err(ApiError::TooManyRequests {
            retry_after: throttle::retry_after(now),
        })
    }
}

/// Claims an attempt for every subject, in order. When one refuses, the claims already made
/// are given back (the attempt never happened) and the answer is its 429.
pub async fn claim(ctx: &Ctx, now: i64, subjects: &[Subject<'_>]) -> Result<Vec<Gate>, ApiError> {
    let mut gates = Vec::with_capacity(subjects.len());
    for subject in subjects {
        match claim_one(ctx, now, subject).await {
            Ok(gate) => gates.push(gate),
            Err(refused) => {
                release(ctx, &gates).await?;
                return Err(refused);
            }
        }
    }
    Ok(gates)
}

/// The attempt succeeded: its claims are given back, so only failures stay counted.
pub async fn release(ctx: &Ctx, gates: &[Gate]) -> Result<(), ApiError> {
    if gates.is_empty() {
        return Ok(());
    }
    let db = ctx.db()?;
    db.batch(release_statements(&db, gates)?).await?;
    Ok(())
}

/// [`release`] as statements, for the batch of the writes that follow the successful attempt
/// (a code login's), so that the claims are given back together with them or not at all.
pub fn release_statements(
    db: &D1Database,
    gates: &[Gate],
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    gates
        .iter()
        .map(|gate| {
            Ok(db
                .prepare(
                    "UPDATE throttle SET failures = failures - 1 \
                     WHERE key = ?1 AND window = ?2 AND failures > 0",
                )
                .bind(&[db::s(&gate.key), db::n(gate.window)])?)
        })
        .collect()
}

/// The attempt failed: its claims stay, and it counts towards the deployment-wide failures
/// that switch every source to the tighter limit.
pub async fn failed(ctx: &Ctx, now: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "INSERT INTO throttle (key, window, failures) VALUES ('global', ?1, 1) \
             ON CONFLICT (key, window) DO UPDATE SET failures = failures + 1",
        )
        .bind(&[db::n(throttle::window(now))])?
        .run()
        .await?;
    Ok(())
}

/// The key under which a source is known to an account for the day.
fn known_key(ctx: &Ctx, now: i64, email: &str) -> Result<String, ApiError> {
    key_of(ctx, now, &format!("known:{email}\n{}", source(ctx)))
}

/// Remembers, until the daily key rotates, that this source logged in to the account, so that
/// failures others cause on the account do not lock its owner out from where they work.
pub async fn mark_known(ctx: &Ctx, now: i64, email: &str) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("INSERT OR IGNORE INTO throttle (key, window, failures) VALUES (?1, ?2, 0)")
        .bind(&[
            db::s(&known_key(ctx, now, email)?),
            db::n(throttle::window(now)),
        ])?
        .run()
        .await?;
    Ok(())
}

/// Whether this source logged in to the account today ([`mark_known`]).
pub async fn is_known(ctx: &Ctx, now: i64, email: &str) -> Result<bool, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT 1 AS known FROM throttle WHERE key = ?1 LIMIT 1")
        .bind(&[db::s(&known_key(ctx, now, email)?)])?
        .first::<i64>(Some("known"))
        .await?
        .is_some())
}
