//! Access codes (P4): issuing them (a participant per code; only HMAC(server secret,
//! normalised code) is stored, the code itself is returned once, to whoever issued it), and
//! the pending code of a code change.

use crate::ground::{
    crypto::{self, Secret},
    ctx::Ctx,
    db,
    error::ApiError,
};
use content::code::Code;
use serde::Deserialize;

pub fn generate() -> Result<Code, ApiError> {
    let bytes = crypto::random::<8>()?;
    Ok(Code::generate(|buf| *buf = bytes))
}

/// What is stored for a code, and looked up at login.
pub fn hash(ctx: &Ctx, code: &Code) -> Result<String, ApiError> {
    crypto::keyed(ctx, Secret::Code, &code.normalised())
}

pub struct Issue<'a> {
    pub business_id: Option<&'a str>,
    pub count: u32,
    pub tool: Option<&'a str>,
    pub plan: Option<&'a str>,
}

/// Rounds of re-issuing before giving up: a reference is taken with probability below one in
/// a thousand for a business with 1,000 participants, so a second round is rare and a tenth
/// would mean the business is near its 2^20 references.
const ROUNDS: usize = 10;

/// Creates `count` participants and returns their codes. Each code's reference (its first group,
/// what staff see) is unique within the business: a row is inserted only if no participant of
/// the business has its reference yet, and the codes refused that way are made again. D1 runs
/// each batch as one transaction, one at a time, so two batches issued at once cannot take the
/// same reference either.
pub async fn issue(ctx: &Ctx, spec: Issue<'_>, now: i64) -> Result<Vec<Code>, ApiError> {
    let db = ctx.db()?;
    let mut issued = Vec::with_capacity(spec.count as usize);
    let mut wanted = spec.count as usize;
    for _ in 0..ROUNDS {
        if wanted == 0 {
            break;
        }
        let mut codes = Vec::with_capacity(wanted);
        let mut statements = Vec::with_capacity(wanted);
        for _ in 0..wanted {
            let code = generate()?;
            let id = crypto::random_id()?;
            statements.push(
                db.prepare(
                    "INSERT INTO participants (id, business_id, reference, code_hash, issued_at, tool, plan) \
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ?2 IS NULL OR NOT EXISTS \
                     (SELECT 1 FROM participants WHERE business_id = ?2 AND reference = ?3)",
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
        let results = db.batch(statements).await?;
        for (code, result) in codes.into_iter().zip(results) {
            let inserted = db::changes(&result)? > 0;
            if inserted {
                issued.push(code);
            }
        }
        wanted = spec.count as usize - issued.len();
    }
    // Near the end of the reference space: the codes that were made are returned (never lost),
    // fewer than asked; none at all is a 409.
    if wanted > 0 && issued.is_empty() {
        return Err(ApiError::Conflict {
            code: "references_exhausted",
            message: "This business has no free references left.".into(),
        });
    }
    Ok(issued)
}

/// Stores (or replaces) the pending code of a participant's code change.
pub async fn set_pending(
    ctx: &Ctx,
    participant_id: &str,
    code_hash: &str,
    now: i64,
) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "INSERT INTO pending_codes (participant_id, code_hash, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (participant_id) DO UPDATE SET code_hash = excluded.code_hash, \
             created_at = excluded.created_at",
        )
        .bind(&[db::s(participant_id), db::s(code_hash), db::n(now)])?
        .run()
        .await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct Pending {
    pub code_hash: String,
    pub created_at: i64,
}

pub async fn pending(ctx: &Ctx, participant_id: &str) -> Result<Option<Pending>, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT code_hash, created_at FROM pending_codes WHERE participant_id = ?1")
        .bind(&[db::s(participant_id)])?
        .first::<Pending>(None)
        .await?)
}

/// Drops the pending code made at `created_at` (an expired one, never usable again).
pub async fn drop_pending(
    ctx: &Ctx,
    participant_id: &str,
    created_at: i64,
) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("DELETE FROM pending_codes WHERE participant_id = ?1 AND created_at = ?2")
        .bind(&[db::s(participant_id), db::n(created_at)])?
        .run()
        .await?;
    Ok(())
}
