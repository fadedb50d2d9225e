//! Device-link codes ("continue on another device"): only the keyed hash of the normalised
//! code is stored; redeeming one deletes it, whether or not it is still valid.

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use serde::Deserialize;

/// What is stored for a link code, from its normalised form.
fn hash(ctx: &Ctx, normalised: &str) -> Result<String, ApiError> {
    crypto::keyed(ctx, Secret::Code, &format!("link:{normalised}"))
}

pub async fn create(
    ctx: &Ctx,
    participant_id: &str,
    normalised: &str,
    now: i64,
) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "INSERT INTO device_links (link_hash, participant_id, created_at) VALUES (?1, ?2, ?3)",
        )
        .bind(&[
            db::s(&hash(ctx, normalised)?),
            db::s(participant_id),
            db::n(now),
        ])?
        .run()
        .await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct Link {
    pub participant_id: String,
    pub created_at: i64,
}

/// Consumes the link code: it can never be used twice.
pub async fn take(ctx: &Ctx, normalised: &str) -> Result<Option<Link>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(
            "DELETE FROM device_links WHERE link_hash = ?1 RETURNING participant_id, created_at",
        )
        .bind(&[db::s(&hash(ctx, normalised)?)])?
        .first::<Link>(None)
        .await?)
}
