//! Programmes: named sets of businesses whose tool managers read the statistics of the
//! programme and of each of its businesses. Made by the operator tool (or the dev seed).

use crate::ground::{crypto, ctx::Ctx, db, error::ApiError};

/// Puts the business into the programme called `name`, making the programme on first use, in
/// one batch; the programme's id.
pub async fn join(ctx: &Ctx, name: &str, business_id: &str, now: i64) -> Result<String, ApiError> {
    let db = ctx.db()?;
    let id = crypto::random_id()?;
    db.batch(vec![
        db.prepare(
            "INSERT INTO programmes (id, name, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(&[db::s(&id), db::s(name), db::n(now)])?,
        db.prepare(
            "INSERT OR IGNORE INTO programme_businesses (programme_id, business_id) \
             SELECT id, ?2 FROM programmes WHERE name = ?1",
        )
        .bind(&[db::s(name), db::s(business_id)])?,
    ])
    .await?;
    db.prepare("SELECT id FROM programmes WHERE name = ?1")
        .bind(&[db::s(name)])?
        .first::<String>(Some("id"))
        .await?
        .ok_or_else(|| ApiError::Internal("programme missing after insert".into()))
}
