//! Throttling failed attempts (P2). The key is HMAC(secret rotated daily, client IP): the
//! raw address is never stored or logged, and keys cannot be linked across days. Failures are
//! counted per key and globally per minute; only keys with failures are ever refused, so
//! legitimate logins from other clients go through whatever others do.

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use content::{keyed::hmac_sha256_hex, retention::RATE_LIMIT_WINDOW_MS, time::date_of};

/// Failures per client per window (a minute, `content::retention`) before 429.
pub const PER_CLIENT: i64 = 5;
/// Failures across all clients per minute above which each client gets only [`UNDER_ATTACK`].
pub const GLOBAL: i64 = 300;
pub const UNDER_ATTACK: i64 = 2;

pub struct Gate {
    key: String,
    window: i64,
}

/// Pure: the limit in force given the global failure count this minute.
pub fn limit(global_failures: i64) -> i64 {
    if global_failures >= GLOBAL {
        UNDER_ATTACK
    } else {
        PER_CLIENT
    }
}

/// Seconds until the current window ends.
pub fn retry_after(now: i64) -> u32 {
    let rest = RATE_LIMIT_WINDOW_MS - now.rem_euclid(RATE_LIMIT_WINDOW_MS);
    (rest / 1000 + 1) as u32
}

/// Refuses with 429 when this client has used up its failures this minute.
pub async fn check(ctx: &Ctx, now: i64) -> Result<Gate, ApiError> {
    let ip = ctx
        .header("cf-connecting-ip")
        .unwrap_or_else(|| "unknown".into());
    check_key(ctx, now, &ip).await
}

/// The same gate for another subject, e.g. a staff account (`account:<email>`), so repeated
/// failures lock the account whichever client they come from. Unknown accounts get the same.
pub async fn check_key(ctx: &Ctx, now: i64, subject: &str) -> Result<Gate, ApiError> {
    let secret = crypto::secret(ctx, Secret::Ip)?;
    let daily = hmac_sha256_hex(secret.as_bytes(), date_of(now).as_bytes());
    let key = hmac_sha256_hex(daily.as_bytes(), subject.as_bytes());
    let window = now.div_euclid(RATE_LIMIT_WINDOW_MS);
    let counts = ctx
        .db()?
        .prepare(
            "SELECT COALESCE(MAX(CASE WHEN key = ?1 THEN failures END), 0) AS mine, \
                    COALESCE(MAX(CASE WHEN key = 'global' THEN failures END), 0) AS global \
             FROM throttle WHERE window = ?2 AND key IN (?1, 'global')",
        )
        .bind(&[db::s(&key), db::n(window)])?
        .first::<Counts>(None)
        .await?
        .unwrap_or(Counts { mine: 0, global: 0 });
    if counts.mine >= limit(counts.global) {
        return Err(ApiError::TooManyRequests {
            retry_after: retry_after(now),
        });
    }
    Ok(Gate { key, window })
}

#[derive(serde::Deserialize)]
struct Counts {
    mine: i64,
    global: i64,
}

/// Counts a failure against the gate's key and globally.
pub async fn failed(ctx: &Ctx, gate: &Gate) -> Result<(), ApiError> {
    let db = ctx.db()?;
    let upsert = "INSERT INTO throttle (key, window, failures) VALUES (?1, ?2, 1) \
                  ON CONFLICT (key, window) DO UPDATE SET failures = failures + 1";
    db.batch(vec![
        db.prepare(upsert)
            .bind(&[db::s(&gate.key), db::n(gate.window)])?,
        db.prepare(upsert)
            .bind(&[db::s("global"), db::n(gate.window)])?,
    ])
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_tightens_only_under_global_attack() {
        assert_eq!(limit(0), PER_CLIENT);
        assert_eq!(limit(GLOBAL - 1), PER_CLIENT);
        assert_eq!(limit(GLOBAL), UNDER_ATTACK);
    }

    #[test]
    fn retry_after_counts_to_the_next_minute() {
        assert_eq!(retry_after(0), 61);
        assert_eq!(retry_after(59_500), 1);
        assert_eq!(retry_after(30_000), 31);
    }
}
