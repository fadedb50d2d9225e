//! The edge clock: the real time, plus in dev mode an offset kept in D1 so that tests can move
//! time (consent renewal, expiry, retention). Production never reads the offset.

use crate::ground::{
    ctx::{self, Ctx},
    db,
    error::ApiError,
};
use worker::Env;

pub async fn now_env(env: &Env) -> Result<i64, ApiError> {
    let real = real_ms();
    if !ctx::dev_mode(env) {
        return Ok(real);
    }
    let offset = ctx::database(env)?
        .prepare("SELECT offset_ms FROM dev_clock WHERE id = 1")
        .first::<i64>(Some("offset_ms"))
        .await?
        .unwrap_or(0);
    Ok(real + offset)
}

pub async fn now_ms(ctx: &Ctx) -> Result<i64, ApiError> {
    now_env(&ctx.env).await
}

/// The runtime's clock, without the dev offset.
pub fn real_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Moves the dev clock so that it reads `real + offset_ms` (dev calls only).
pub async fn set_offset(ctx: &Ctx, offset_ms: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "INSERT INTO dev_clock (id, offset_ms) VALUES (1, ?1) \
             ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms",
        )
        .bind(&[db::n(offset_ms)])?
        .run()
        .await?;
    Ok(())
}
