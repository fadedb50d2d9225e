//! The daily retention job (P9), run by the cron trigger and, in dev mode, by
//! `POST /api/dev/retention` so tests can run it at a moved clock. Every cut-off is
//! `content::retention`; the deletions are the same as everywhere else (`participant::erase`).

use crate::{
    ground::{clock, ctx, db, error::ApiError},
    records::participant,
};
use content::{
    retention::{Cutoffs, RATE_LIMIT_WINDOW_MS},
    time::date_of,
};
use worker::Env;

pub use content::api::RetentionRun as Report;

pub async fn run(env: &Env) -> Result<Report, ApiError> {
    let now = clock::now_env(env).await?;
    let cut = Cutoffs::at(now);
    let db = ctx::database(env)?;
    // Codes unused for 5 years: by last login day, or by issue time if never used.
    let stale = participant::unused_since(
        &db,
        &date_of(cut.code_unused_cutoff_ms),
        cut.code_unused_cutoff_ms,
    )
    .await?;
    for p in &stale {
        participant::erase(&db, p, now, "retention").await?;
    }
    db.batch(vec![
        db.prepare("DELETE FROM sessions WHERE last_seen_at <= ?1 OR created_at <= ?2")
            .bind(&[
                db::n(cut.session_idle_cutoff_ms),
                db::n(cut.session_created_cutoff_ms),
            ])?,
        db.prepare("DELETE FROM invites WHERE created_at <= ?1")
            .bind(&[db::n(cut.invite_cutoff_ms)])?,
        db.prepare("DELETE FROM device_links WHERE created_at <= ?1")
            .bind(&[db::n(cut.device_link_cutoff_ms)])?,
        db.prepare("DELETE FROM pending_codes WHERE created_at <= ?1")
            .bind(&[db::n(cut.pending_code_cutoff_ms)])?,
        db.prepare("DELETE FROM throttle WHERE window < ?1")
            .bind(&[db::n(
                cut.rate_limit_cutoff_ms.div_euclid(RATE_LIMIT_WINDOW_MS),
            )])?,
        // Handled feedback has no text left; its kind and dates stay for the sender to see
        // until the same 90 days end.
        db.prepare("DELETE FROM feedback WHERE created_at <= ?1")
            .bind(&[db::n(cut.feedback_cutoff_ms)])?,
        // Card-purchase claims never exchanged for a code.
        db.prepare("DELETE FROM purchase_claims WHERE created_at <= ?1")
            .bind(&[db::n(now - content::retention::PURCHASE_CLAIM_TTL_MS)])?,
    ])
    .await?;
    Ok(Report {
        codes_erased: stale.len(),
    })
}
