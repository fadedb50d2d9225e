//! `GET /api/health` and `GET /api/openapi.json`, the contract the edge serves.

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

/// The OpenAPI 3.1 document, generated from the contract's types on each call (it is asked for
/// rarely, by tools; a cache would only cost memory).
pub async fn openapi(_ctx: Ctx) -> Result<Response, ApiError> {
    http::ok(&content::openapi::document())
}
