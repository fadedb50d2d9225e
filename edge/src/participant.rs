//! The participant behind the session cookie.

use crate::{
    db,
    error::ApiError,
    router::Ctx,
    session::{self, Kind},
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Participant {
    pub id: String,
    pub business_id: Option<String>,
    pub reference: String,
    pub issued_at: i64,
    pub tool: Option<String>,
    pub plan: Option<String>,
    pub first_login_at: Option<i64>,
}

pub const COLUMNS: &str = "id, business_id, reference, issued_at, tool, plan, first_login_at";

/// 401 unless a live participant session exists and the participant is active.
pub async fn current(ctx: &Ctx, now: i64) -> Result<Participant, ApiError> {
    let id = session::subject(ctx, Kind::Participant, now).await?;
    by_id(ctx, &id).await?.ok_or(ApiError::Unauthorized)
}

pub async fn by_id(ctx: &Ctx, id: &str) -> Result<Option<Participant>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM participants WHERE id = ?1 AND active = 1"
        ))
        .bind(&[db::s(id)])?
        .first::<Participant>(None)
        .await?)
}
