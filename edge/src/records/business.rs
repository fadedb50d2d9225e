//! Businesses (the services that issue codes): created by the operator tool or the dev seed;
//! their details (name, patient contact, address, web) kept by their super user and shown to
//! their participants.

use crate::ground::{ctx::Ctx, db, error::ApiError};
use content::api::{BusinessDetails, BusinessView};
use worker::{D1Database, D1PreparedStatement, D1Result};

/// What the business's participants see of it.
pub async fn view(ctx: &Ctx, id: &str) -> Result<Option<BusinessView>, ApiError> {
    view_from(&view_statement(&ctx.db()?, id)?.all().await?)
}

/// The read of [`view`], for a caller's batch; [`view_from`] reads its result.
pub fn view_statement(db: &D1Database, id: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("SELECT name, contact, address, web FROM businesses WHERE id = ?1")
        .bind(&[db::s(id)])?)
}

pub fn view_from(result: &D1Result) -> Result<Option<BusinessView>, ApiError> {
    Ok(result.results::<BusinessView>()?.into_iter().next())
}

pub async fn create(ctx: &Ctx, id: &str, name: &str, now: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("INSERT INTO businesses (id, name, created_at) VALUES (?1, ?2, ?3)")
        .bind(&[db::s(id), db::s(name), db::n(now)])?
        .run()
        .await?;
    Ok(())
}

/// Replaces the details (already checked).
pub async fn update(ctx: &Ctx, id: &str, d: &BusinessDetails) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "UPDATE businesses SET name = ?2, contact = ?3, address = ?4, web = ?5 WHERE id = ?1",
        )
        .bind(&[
            db::s(id),
            db::s(&d.name),
            db::s(&d.contact),
            db::s(&d.address),
            db::opt(d.web.as_deref()),
        ])?
        .run()
        .await?;
    Ok(())
}

/// Sets whether every account of the business needs an authenticator, in one batch: switched
/// on, the sessions of its accounts without one end at once (their next login enrols).
pub async fn set_totp_required(ctx: &Ctx, id: &str, required: bool) -> Result<(), ApiError> {
    let db = ctx.db()?;
    let mut statements = vec![
        db.prepare("UPDATE businesses SET totp_required = ?2 WHERE id = ?1")
            .bind(&[db::s(id), db::n(i64::from(required))])?,
    ];
    if required {
        statements.push(
            db.prepare(
                "DELETE FROM sessions WHERE kind = 'staff' AND subject_id IN \
                 (SELECT id FROM staff WHERE business_id = ?1 AND totp_secret IS NULL)",
            )
            .bind(&[db::s(id)])?,
        );
    }
    db.batch(statements).await?;
    Ok(())
}
