//! Businesses (the services that issue codes): created by the operator tool or the dev seed;
//! end users see only the name.

use crate::ground::{ctx::Ctx, db, error::ApiError};

pub async fn name(ctx: &Ctx, id: &str) -> Result<Option<String>, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT name FROM businesses WHERE id = ?1")
        .bind(&[db::s(id)])?
        .first::<String>(Some("name"))
        .await?)
}

pub async fn create(ctx: &Ctx, id: &str, name: &str, now: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("INSERT INTO businesses (id, name, created_at) VALUES (?1, ?2, ?3)")
        .bind(&[db::s(id), db::s(name), db::n(now)])?
        .run()
        .await?;
    Ok(())
}
