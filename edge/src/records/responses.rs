//! Questionnaire responses: stored once per client id (a retry changes nothing), read back as
//! the API shape, and the scores the staff overview needs.

use crate::{
    ground::{ctx::Ctx, db, error::ApiError},
    records::{stats, summary},
};
use content::{
    Lang,
    api::{Removal, StoredResponse},
    scoring::Score,
    time::format_ms,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::{D1Database, D1PreparedStatement, D1Result};

/// A checked, scored response to store.
pub struct NewResponse<'a> {
    /// The client's UUID.
    pub id: &'a str,
    pub answers: &'a BTreeMap<String, i64>,
    pub score: &'a Score,
    pub completed_ms: i64,
    pub lang: Option<Lang>,
}

/// Stores a scored response unless the participant already has one with this id, or removed
/// one with this id (a replay cannot bring a removed response back); the caseload summary is
/// rewritten in the same batch.
pub async fn insert(
    ctx: &Ctx,
    participant_id: &str,
    r: NewResponse<'_>,
    now: i64,
) -> Result<(), ApiError> {
    let (score, completed_ms) = (r.score, r.completed_ms);
    let answers =
        serde_json::to_string(r.answers).map_err(|e| ApiError::Internal(e.to_string()))?;
    let db = ctx.db()?;
    let insert = db
        .prepare(
            "INSERT INTO responses (participant_id, id, instrument, version, answers, total, band, caseness, \
             safety, percent, completed_at, received_at, lang) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 \
             WHERE NOT EXISTS (SELECT 1 FROM removed_responses WHERE participant_id = ?1 AND id = ?2) \
             ON CONFLICT (participant_id, id) DO NOTHING",
        )
        .bind(&[
            db::s(participant_id),
            db::s(r.id),
            db::s(&score.instrument),
            db::s(&score.version),
            db::s(&answers),
            db::n(score.total),
            db::s(&score.band),
            db::flag(score.caseness),
            db::flag(score.safety),
            db::opt_n(score.percent),
            db::n(completed_ms),
            db::n(now),
            db::opt(r.lang.map(Lang::tag)),
        ])?;
    db.batch(vec![insert, summary::refresh(&db, participant_id)?])
        .await?;
    Ok(())
}

#[derive(Deserialize)]
struct ResponseRow {
    id: String,
    instrument: String,
    version: String,
    answers: String,
    total: i64,
    band: String,
    caseness: i64,
    safety: i64,
    percent: Option<i64>,
    completed_at: i64,
    lang: Option<String>,
}

impl ResponseRow {
    fn into_api(self) -> Result<StoredResponse, ApiError> {
        let answers: BTreeMap<String, i64> = serde_json::from_str(&self.answers)
            .map_err(|e| ApiError::Internal(format!("stored answers: {e}")))?;
        Ok(StoredResponse {
            id: self.id,
            score: Score {
                instrument: self.instrument.clone(),
                version: self.version.clone(),
                total: self.total,
                band: self.band,
                caseness: self.caseness != 0,
                safety: self.safety != 0,
                percent: self.percent,
            },
            instrument: self.instrument,
            version: self.version,
            answers,
            completed_at: format_ms(self.completed_at),
            // Only "nb" and "en" are ever written (and the column checks it); anything else
            // would be unknown, never a guess.
            lang: self.lang.as_deref().and_then(stored_lang),
        })
    }
}

/// The language column as stored: exactly the serde form of [`Lang`].
fn stored_lang(tag: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.tag() == tag)
}

const COLUMNS: &str =
    "id, instrument, version, answers, total, band, caseness, safety, percent, completed_at, lang";

/// One response of the participant, as stored.
pub async fn one(
    ctx: &Ctx,
    participant_id: &str,
    id: &str,
) -> Result<Option<StoredResponse>, ApiError> {
    ctx.db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM responses WHERE participant_id = ?1 AND id = ?2"
        ))
        .bind(&[db::s(participant_id), db::s(id)])?
        .first::<ResponseRow>(None)
        .await?
        .map(ResponseRow::into_api)
        .transpose()
}

/// Every response of the participant, oldest first.
pub async fn all(ctx: &Ctx, participant_id: &str) -> Result<Vec<StoredResponse>, ApiError> {
    ctx.db()?
        .prepare(format!(
            "SELECT {COLUMNS} FROM responses WHERE participant_id = ?1 ORDER BY completed_at, id"
        ))
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<ResponseRow>()?
        .into_iter()
        .map(ResponseRow::into_api)
        .collect()
}

#[derive(Deserialize)]
struct Completion {
    instrument: String,
    completed_at: i64,
}

/// `(instrument, completed_at)` of every response: what the plan's due list needs.
pub fn completion_times_statement(
    db: &D1Database,
    participant_id: &str,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("SELECT instrument, completed_at FROM responses WHERE participant_id = ?1")
        .bind(&[db::s(participant_id)])?)
}

pub fn completion_times_from(result: &D1Result) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(result
        .results::<Completion>()?
        .into_iter()
        .map(|c| (c.instrument, c.completed_at))
        .collect())
}

/// What removing one response of the participant did.
#[derive(Debug, PartialEq, Eq)]
pub enum Removed {
    Now,
    Before,
    /// The participant never had a response with this id.
    Never,
}

#[derive(Deserialize)]
struct Doomed {
    instrument: String,
    completed_at: i64,
}

/// Removes one response: a tombstone (when from, when removed), the row, and the statistics
/// inputs and the caseload summary recomputed from what remains, in one atomic batch.
/// Idempotent.
pub async fn remove(
    ctx: &Ctx,
    participant_id: &str,
    business_id: Option<&str>,
    id: &str,
    now: i64,
) -> Result<Removed, ApiError> {
    let db = ctx.db()?;
    let (p, i) = (db::s(participant_id), db::s(id));
    let doomed = db
        .prepare(
            "SELECT instrument, completed_at FROM responses WHERE participant_id = ?1 AND id = ?2",
        )
        .bind(&[p.clone(), i.clone()])?
        .first::<Doomed>(None)
        .await?;
    let Some(doomed) = doomed else {
        return Ok(if was_removed(ctx, participant_id, id).await? {
            Removed::Before
        } else {
            Removed::Never
        });
    };
    let mut batch = vec![
        db.prepare(
            "INSERT INTO removed_responses (participant_id, id, completed_at, removed_at) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (participant_id, id) DO NOTHING",
        )
        .bind(&[p.clone(), i.clone(), db::n(doomed.completed_at), db::n(now)])?,
        db.prepare("DELETE FROM responses WHERE participant_id = ?1 AND id = ?2")
            .bind(&[p, i])?,
    ];
    batch.extend(stats::recompute_statements(
        &db,
        participant_id,
        business_id,
        &doomed.instrument,
        doomed.completed_at,
    )?);
    batch.push(summary::refresh(&db, participant_id)?);
    db.batch(batch).await?;
    Ok(Removed::Now)
}

/// Whether the participant removed a response with this id.
pub async fn was_removed(ctx: &Ctx, participant_id: &str, id: &str) -> Result<bool, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT 1 AS one FROM removed_responses WHERE participant_id = ?1 AND id = ?2")
        .bind(&[db::s(participant_id), db::s(id)])?
        .first::<serde_json::Value>(None)
        .await?
        .is_some())
}

#[derive(Deserialize)]
struct RemovalRow {
    completed_at: i64,
    removed_at: i64,
}

/// The participant's removed responses, oldest first: dates only.
pub async fn removals(ctx: &Ctx, participant_id: &str) -> Result<Vec<Removal>, ApiError> {
    Ok(ctx
        .db()?
        .prepare(
            "SELECT completed_at, removed_at FROM removed_responses WHERE participant_id = ?1 \
             ORDER BY removed_at, completed_at",
        )
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<RemovalRow>()?
        .into_iter()
        .map(|r| Removal {
            completed_at: format_ms(r.completed_at),
            removed_at: format_ms(r.removed_at),
        })
        .collect())
}
