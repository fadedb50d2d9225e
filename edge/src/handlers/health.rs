//! `GET /api/health`.

use crate::ground::{ctx::Ctx, db, error::ApiError, http};
use content::api::{Health, SCHEMA_VERSION};
use worker::Response;

pub async fn get(ctx: Ctx) -> Result<Response, ApiError> {
    // Touch D1 so "ok" means the database answers, not only that the worker runs.
    db::ping(&ctx.db()?).await?;
    http::ok(&Health {
        status: "ok".into(),
        schema_version: SCHEMA_VERSION,
    })
}
