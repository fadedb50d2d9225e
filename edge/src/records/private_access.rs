//! Private access on D1 (SPEC §1): vouchers and card-purchase claims, each exchanged once for a
//! fresh participant without a business. The exchange is one D1 batch (one transaction, run one
//! at a time): the participant is inserted only from a row that is still usable, and that row
//! is spent (voucher) or deleted (claim) in the same batch, so two exchanges at once yield one
//! code. Nothing written links the voucher or the claim to the participant: no shared id, no
//! time on the voucher, the participant's `issued_at` only to the day
//! (`content::private::issued_at`).

use crate::{
    ground::{
        crypto::{self, Secret},
        ctx::Ctx,
        db,
        error::ApiError,
    },
    records::codes,
};
use content::{code::Code, keyed, private};

/// The stored value of a voucher (normalised like a code).
pub fn voucher_hash(ctx: &Ctx, voucher: &Code) -> Result<String, ApiError> {
    Ok(keyed::voucher_hash(
        &crypto::secret(ctx, Secret::Code)?,
        &voucher.normalised(),
    ))
}

/// The stored value of a claim token, also Stripe's `client_reference_id`.
pub fn claim_hash(ctx: &Ctx, token: &str) -> Result<String, ApiError> {
    Ok(keyed::claim_hash(
        &crypto::secret(ctx, Secret::Code)?,
        token,
    ))
}

/// The participant columns every exchange writes, then the source's `FROM … WHERE …`.
const INSERT_PARTICIPANT: &str = "INSERT INTO participants (id, business_id, reference, code_hash, issued_at, tool, plan) \
     SELECT ?1, NULL, ?2, ?3, ?4, ";

/// Inserts a private participant with a fresh code out of `source` (a statement that takes
/// binds 1–4 for the participant and its own from 5), and runs `then` in the same batch. The
/// code when the insert happened.
async fn exchange(
    ctx: &Ctx,
    source: &str,
    source_binds: &[wasm_bindgen::JsValue],
    then: &str,
    now: i64,
) -> Result<Option<Code>, ApiError> {
    let db = ctx.db()?;
    let code = codes::generate()?;
    let mut binds = vec![
        db::s(&crypto::random_id()?),
        db::s(&code.reference()),
        db::s(&codes::hash(ctx, &code)?),
        db::n(private::issued_at(now)),
    ];
    binds.extend_from_slice(source_binds);
    let results = db
        .batch(vec![
            db.prepare(format!("{INSERT_PARTICIPANT}{source}"))
                .bind(&binds)?,
            db.prepare(then).bind(source_binds)?,
        ])
        .await?;
    let inserted = match results.first() {
        Some(r) => db::changes(r)? > 0,
        None => false,
    };
    Ok(inserted.then_some(code))
}

/// Redeems a voucher: a fresh code, or `None` for a spent, unknown or expired one.
pub async fn redeem_voucher(
    ctx: &Ctx,
    voucher_hash: &str,
    now: i64,
) -> Result<Option<Code>, ApiError> {
    let binds = [db::s(voucher_hash), db::s(&private::today(now))];
    exchange(
        ctx,
        "tool, plan FROM vouchers WHERE voucher_hash = ?5 AND spent = 0 AND expires_on >= ?6",
        &binds,
        "UPDATE vouchers SET spent = 1 WHERE voucher_hash = ?1 AND spent = 0 AND expires_on >= ?2",
        now,
    )
    .await
}

/// A voucher as the dev seed stores it (the operator tool writes the same row).
pub async fn create_vouchers(
    ctx: &Ctx,
    hashes: &[String],
    label: &str,
    tool: Option<&str>,
    plan: Option<&str>,
    expires_on: &str,
) -> Result<(), ApiError> {
    let db = ctx.db()?;
    let mut statements = Vec::with_capacity(hashes.len());
    for h in hashes {
        statements.push(
            db.prepare(
                "INSERT INTO vouchers (voucher_hash, label, tool, plan, expires_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(&[
                db::s(h),
                db::s(label),
                db::opt(tool),
                db::opt(plan),
                db::s(expires_on),
            ])?,
        );
    }
    db.batch(statements).await?;
    Ok(())
}

/// A new unpaid claim.
pub async fn create_claim(ctx: &Ctx, claim_hash: &str, now: i64) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("INSERT INTO purchase_claims (claim_hash, paid, created_at) VALUES (?1, 0, ?2)")
        .bind(&[db::s(claim_hash), db::n(now)])?
        .run()
        .await?;
    Ok(())
}

/// Drops a claim whose checkout could not be started.
pub async fn drop_claim(ctx: &Ctx, claim_hash: &str) -> Result<(), ApiError> {
    ctx.db()?
        .prepare("DELETE FROM purchase_claims WHERE claim_hash = ?1 AND paid = 0")
        .bind(&[db::s(claim_hash)])?
        .run()
        .await?;
    Ok(())
}

/// Marks an unpaid claim paid; false when there is no such claim or it was already paid (a
/// replayed event).
pub async fn mark_paid(ctx: &Ctx, claim_hash: &str) -> Result<bool, ApiError> {
    let result = ctx
        .db()?
        .prepare("UPDATE purchase_claims SET paid = 1 WHERE claim_hash = ?1 AND paid = 0")
        .bind(&[db::s(claim_hash)])?
        .run()
        .await?;
    Ok(db::changes(&result)? > 0)
}

/// What became of a claim exchange.
pub enum Claimed {
    Code(Code),
    /// The claim exists, but its payment is not confirmed (yet).
    NotPaid,
    /// No such claim (never made, already exchanged, or purged).
    Unknown,
}

/// Exchanges a paid claim for a fresh code and deletes the claim in the same batch.
pub async fn claim(ctx: &Ctx, claim_hash: &str, now: i64) -> Result<Claimed, ApiError> {
    let binds = [db::s(claim_hash)];
    if let Some(code) = exchange(
        ctx,
        "NULL, NULL FROM purchase_claims WHERE claim_hash = ?5 AND paid = 1",
        &binds,
        "DELETE FROM purchase_claims WHERE claim_hash = ?1 AND paid = 1",
        now,
    )
    .await?
    {
        return Ok(Claimed::Code(code));
    }
    let exists = ctx
        .db()?
        .prepare("SELECT 1 AS found FROM purchase_claims WHERE claim_hash = ?1")
        .bind(&[db::s(claim_hash)])?
        .first::<i64>(Some("found"))
        .await?
        .is_some();
    Ok(if exists {
        Claimed::NotPaid
    } else {
        Claimed::Unknown
    })
}
