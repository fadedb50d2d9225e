//! Issuing access codes (P4): only HMAC(server secret, normalised code) is stored; the code
//! itself is returned once, to whoever issued it.

use crate::{
    crypto::{self, Secret},
    db,
    error::ApiError,
    router::Ctx,
};
use content::code::Code;

pub fn generate() -> Result<Code, ApiError> {
    let bytes = crypto::random::<8>()?;
    Ok(Code::generate(|buf| *buf = bytes))
}

pub fn hash(ctx: &Ctx, code: &Code) -> Result<String, ApiError> {
    crypto::keyed(ctx, Secret::Code, &code.normalised())
}

pub struct Issue<'a> {
    pub business_id: Option<&'a str>,
    pub count: u32,
    pub tool: Option<&'a str>,
    pub plan: Option<&'a str>,
}

/// Creates `count` participants in one atomic batch and returns their codes.
pub async fn issue(ctx: &Ctx, spec: Issue<'_>, now: i64) -> Result<Vec<Code>, ApiError> {
    let db = ctx.db()?;
    let mut codes = Vec::with_capacity(spec.count as usize);
    let mut statements = Vec::with_capacity(spec.count as usize);
    for _ in 0..spec.count {
        let code = generate()?;
        let id = crypto::random_id()?;
        statements.push(
            db.prepare(
                "INSERT INTO participants (id, business_id, reference, code_hash, issued_at, tool, plan) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(&[
                db::s(&id),
                db::opt(spec.business_id),
                db::s(&code.reference()),
                db::s(&hash(ctx, &code)?),
                db::n(now),
                db::opt(spec.tool),
                db::opt(spec.plan),
            ])?,
        );
        codes.push(code);
    }
    db.batch(statements).await?;
    Ok(codes)
}
