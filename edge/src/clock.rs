//! The edge clock: the real time, plus in dev mode an offset kept in D1 so that tests can move
//! time (consent renewal, expiry, retention). Production never reads the offset.

use crate::{error::ApiError, router::Ctx};
use worker::Env;

pub fn dev_mode(env: &Env) -> bool {
    env.var("MESTRING_DEV")
        .map(|v| v.to_string() == "1")
        .unwrap_or(false)
}

pub async fn now_env(env: &Env) -> Result<i64, ApiError> {
    let real = js_sys::Date::now() as i64;
    if !dev_mode(env) {
        return Ok(real);
    }
    let offset = env
        .d1("DB")?
        .prepare("SELECT offset_ms FROM dev_clock WHERE id = 1")
        .first::<i64>(Some("offset_ms"))
        .await?
        .unwrap_or(0);
    Ok(real + offset)
}

pub async fn now_ms(ctx: &Ctx) -> Result<i64, ApiError> {
    now_env(&ctx.env).await
}

pub async fn set_offset(ctx: &Ctx, offset_ms: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "INSERT INTO dev_clock (id, offset_ms) VALUES (1, ?1) \
             ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms",
        )
        .bind(&[(offset_ms as f64).into()])?
        .run()
        .await?;
    Ok(())
}
