use crate::{error::ApiError, http, router::Ctx};
use content::api::{Health, SCHEMA_VERSION};
use worker::Response;

pub async fn get(ctx: Ctx) -> Result<Response, ApiError> {
    // Touch D1 so "ok" means the database answers, not only that the worker runs.
    ctx.db()?
        .prepare("SELECT 1")
        .first::<serde_json::Value>(None)
        .await?;
    http::ok(&Health {
        status: "ok".into(),
        schema_version: SCHEMA_VERSION,
    })
}
