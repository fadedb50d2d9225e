//! The caseload's summary of each participant (`participant_summaries`, migration 0008): what
//! the staff overview needs of their consent events and responses, rewritten from their own
//! rows by one statement that every write changing them puts in its own D1 batch (a stored or
//! removed response, a consent event), so the overview never reads a response.

use crate::ground::{ctx::Ctx, db, error::ApiError};
use content::{
    api::ConsentState,
    caseload::{InstrumentSummary, Summary},
};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// The statement that rewrites one participant's summary from their consent events and
/// responses. Idempotent and computed inside D1, so two writes at once cannot leave a summary
/// that misses one of them: put it in the same batch as the write, after it.
pub fn refresh(db: &D1Database, participant_id: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO participant_summaries (participant_id, consent_state, granted_at, scores, safety_at) \
             SELECT p.id, \
             COALESCE((SELECT to_state FROM consent_events WHERE participant_id = ?1 ORDER BY id DESC LIMIT 1), 'not_asked'), \
             (SELECT at FROM consent_events WHERE participant_id = ?1 AND to_state = 'granted' ORDER BY id DESC LIMIT 1), \
             (SELECT json_group_array(json_array(g.instrument, \
                (SELECT f.total FROM responses f WHERE f.participant_id = ?1 AND f.instrument = g.instrument \
                 ORDER BY f.completed_at, f.id LIMIT 1), \
                (SELECT l.total FROM responses l WHERE l.participant_id = ?1 AND l.instrument = g.instrument \
                 ORDER BY l.completed_at DESC, l.id DESC LIMIT 1), \
                g.last_at, g.n)) \
              FROM (SELECT instrument, MAX(completed_at) AS last_at, COUNT(*) AS n FROM responses \
                    WHERE participant_id = ?1 GROUP BY instrument) g), \
             (SELECT MAX(completed_at) FROM responses WHERE participant_id = ?1 AND safety = 1) \
             FROM participants p WHERE p.id = ?1 \
             ON CONFLICT (participant_id) DO UPDATE SET consent_state = excluded.consent_state, \
             granted_at = excluded.granted_at, scores = excluded.scores, safety_at = excluded.safety_at",
        )
        .bind(&[db::s(participant_id)])?)
}

/// The statement that deletes one participant's summary (erasure, P8).
pub fn delete(db: &D1Database, participant_id: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("DELETE FROM participant_summaries WHERE participant_id = ?1")
        .bind(&[db::s(participant_id)])?)
}

#[derive(Deserialize)]
struct Row {
    id: String,
    reference: String,
    issued_at: i64,
    tool: Option<String>,
    plan: Option<String>,
    first_login_at: Option<i64>,
    last_login_on: Option<String>,
    consent_state: Option<String>,
    granted_at: Option<i64>,
    scores: Option<String>,
    safety_at: Option<i64>,
}

impl Row {
    fn summary(self) -> Result<Summary, ApiError> {
        let consent = match self.consent_state.as_deref() {
            None => ConsentState::NotAsked,
            Some(s) => serde_json::from_value(serde_json::Value::String(s.to_owned()))
                .map_err(|_| ApiError::Internal("stored summary consent is unknown".into()))?,
        };
        let scores: Vec<(String, i64, i64, i64, u32)> = match self.scores.as_deref() {
            None => Vec::new(),
            Some(text) => serde_json::from_str(text)
                .map_err(|e| ApiError::Internal(format!("stored summary scores: {e}")))?,
        };
        Ok(Summary {
            id: self.id,
            reference: self.reference,
            issued_at: self.issued_at,
            tool: self.tool,
            plan: self.plan,
            first_login_at: self.first_login_at,
            last_login_on: self.last_login_on,
            consent,
            granted_at: self.granted_at,
            scores: scores
                .into_iter()
                .map(
                    |(instrument, first_total, last_total, last_at, count)| InstrumentSummary {
                        instrument,
                        first_total,
                        last_total,
                        last_at,
                        count,
                    },
                )
                .collect(),
            safety_at: self.safety_at,
        })
    }
}

/// Every active participant of a business with their summary (one query; a participant with
/// no consent event and no response yet has no summary row and reads as such).
pub async fn of_business(ctx: &Ctx, business_id: &str) -> Result<Vec<Summary>, ApiError> {
    ctx.db()?
        .prepare(
            "SELECT p.id AS id, p.reference AS reference, p.issued_at AS issued_at, p.tool AS tool, \
             p.plan AS plan, p.first_login_at AS first_login_at, p.last_login_on AS last_login_on, \
             s.consent_state AS consent_state, s.granted_at AS granted_at, s.scores AS scores, \
             s.safety_at AS safety_at FROM participants p \
             LEFT JOIN participant_summaries s ON s.participant_id = p.id \
             WHERE p.business_id = ?1 AND p.active = 1",
        )
        .bind(&[db::s(business_id)])?
        .all()
        .await?
        .results::<Row>()?
        .into_iter()
        .map(Row::summary)
        .collect()
}
