//! Standardised tool progress: one row per step, idempotent on the client id of the latest
//! write; a completed step is never reopened.

use crate::ground::{ctx::Ctx, db, error::ApiError};
use content::{
    api::{ProgressView, StepProgress, StepState},
    time::format_ms,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::{D1Database, D1PreparedStatement, D1Result};

/// One step's progress to store (already checked against the tool).
pub struct Step<'a> {
    /// The client's UUID of this write.
    pub id: &'a str,
    pub tool: &'a str,
    pub part: &'a str,
    pub step: &'a str,
    pub state: StepState,
    pub answers: Option<&'a BTreeMap<String, String>>,
}

/// Same id again: nothing changes (retry). A new id for the same step: the latest wins,
/// except that a completed step is never reopened by a late "started".
pub async fn upsert(
    ctx: &Ctx,
    participant_id: &str,
    body: Step<'_>,
    now: i64,
) -> Result<(), ApiError> {
    let state = match body.state {
        StepState::Started => "started",
        StepState::Completed => "completed",
    };
    let answers = body
        .answers
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    ctx.db()?
        .prepare(
            "INSERT INTO progress (participant_id, tool, part, step, state, answers, last_id, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (participant_id, tool, part, step) DO UPDATE SET \
               state = CASE WHEN progress.state = 'completed' THEN 'completed' ELSE excluded.state END, \
               answers = COALESCE(excluded.answers, progress.answers), \
               last_id = excluded.last_id, updated_at = excluded.updated_at \
             WHERE progress.last_id <> excluded.last_id",
        )
        .bind(&[
            db::s(participant_id),
            db::s(body.tool),
            db::s(body.part),
            db::s(body.step),
            db::s(state),
            db::opt(answers.as_deref()),
            db::s(body.id),
            db::n(now),
        ])?
        .run()
        .await?;
    Ok(())
}

#[derive(Deserialize)]
struct ProgressRow {
    tool: String,
    part: String,
    step: String,
    state: String,
    answers: Option<String>,
    updated_at: i64,
}

/// Every step the participant recorded, with the tool and plan bound to their code.
pub async fn view(
    ctx: &Ctx,
    participant_id: &str,
    tool: Option<&str>,
    plan: Option<&str>,
) -> Result<ProgressView, ApiError> {
    let result = view_statement(&ctx.db()?, participant_id)?.all().await?;
    view_from(&result, tool, plan)
}

/// The read of [`view`], for a caller's batch; [`view_from`] reads its result.
pub fn view_statement(
    db: &D1Database,
    participant_id: &str,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "SELECT tool, part, step, state, answers, updated_at FROM progress WHERE participant_id = ?1 \
             ORDER BY updated_at, tool, part, step",
        )
        .bind(&[db::s(participant_id)])?)
}

pub fn view_from(
    result: &D1Result,
    tool: Option<&str>,
    plan: Option<&str>,
) -> Result<ProgressView, ApiError> {
    let rows = result.results::<ProgressRow>()?;
    let steps = rows
        .into_iter()
        .map(|r| StepProgress {
            tool: r.tool,
            part: r.part,
            step: r.step,
            state: if r.state == "completed" {
                StepState::Completed
            } else {
                StepState::Started
            },
            answers: r.answers.and_then(|a| serde_json::from_str(&a).ok()),
            updated_at: format_ms(r.updated_at),
        })
        .collect();
    Ok(ProgressView {
        tool: tool.map(str::to_owned),
        plan: plan.map(str::to_owned),
        steps,
    })
}
