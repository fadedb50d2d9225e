//! Standardised registrations: questionnaire responses (re-scored here with the same engine as
//! the browser) and tool progress. Both are idempotent on the client-made id.

use crate::{
    clock, db,
    error::ApiError,
    http,
    participant::{self, Participant},
    router::Ctx,
};
use content::{
    Lang,
    api::{
        ProgressSubmit, ProgressView, ResponseHistory, ResponseStored, ResponseSubmit,
        StepProgress, StepState, Stored, StoredResponse, is_uuid,
    },
    scoring::{self, Score},
    time::{self, DAY_MS, format_ms},
    tools,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::Response;

/// A device clock may be off; a completion time further in the future than this is refused.
const MAX_CLOCK_SKEW_MS: i64 = DAY_MS;

pub(crate) fn check_id(id: &str) -> Result<(), ApiError> {
    if is_uuid(id) {
        Ok(())
    } else {
        Err(ApiError::unprocessable(
            "invalid_id",
            "`id` must be a UUID made by the client",
        ))
    }
}

pub async fn submit_response(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: ResponseSubmit = http::read_json(&mut ctx.req).await?;
    check_id(&body.id)?;
    let now = clock::now_ms(&ctx).await?;
    let completed = time::parse_ms(&body.completed_at).map_err(|e| {
        ApiError::unprocessable(
            "invalid_time",
            format!("`completed_at` must be RFC 3339: {e}"),
        )
    })?;
    if completed > now + MAX_CLOCK_SKEW_MS {
        return Err(ApiError::unprocessable(
            "invalid_time",
            "`completed_at` is in the future",
        ));
    }
    let score = scoring::score_by_id(&body.instrument, &body.version, &body.answers)
        .map_err(|e| ApiError::unprocessable(e.code(), e.to_string()))?;
    let p = participant::current(&ctx, now).await?;
    let answers =
        serde_json::to_string(&body.answers).map_err(|e| ApiError::Internal(e.to_string()))?;
    let db = ctx.db()?;
    db.prepare(
        "INSERT INTO responses (participant_id, id, instrument, version, answers, total, band, caseness, \
         safety, percent, completed_at, received_at, lang) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
         ON CONFLICT (participant_id, id) DO NOTHING",
    )
    .bind(&[
        db::s(&p.id),
        db::s(&body.id),
        db::s(&score.instrument),
        db::s(&score.version),
        db::s(&answers),
        db::n(score.total),
        db::s(&score.band),
        db::flag(score.caseness),
        db::flag(score.safety),
        score.percent.map(db::n).unwrap_or(wasm_bindgen::JsValue::NULL),
        db::n(completed),
        db::n(now),
        db::opt(body.lang.map(Lang::tag)),
    ])?
    .run()
    .await?;
    // A retry gets what was stored the first time, never a second row.
    let stored = one_response(&ctx, &p.id, &body.id)
        .await?
        .ok_or_else(|| ApiError::Internal("response vanished".into()))?;
    if stored.instrument != body.instrument {
        return Err(ApiError::Conflict {
            code: "id_conflict",
            message: "this id was used for another response".into(),
        });
    }
    // Statistics inputs: the first-ever total and the month's latest, kept as responses arrive
    // (late offline answers included), so reports never scan the response table.
    let period = {
        let (y, m) = time::month_of(completed);
        format!("{y:04}-{m:02}")
    };
    db.batch(vec![
        db.prepare(
            "INSERT INTO stats_baseline (participant_id, instrument, total, at) VALUES (?1, ?2, ?3, ?4)              ON CONFLICT (participant_id, instrument) DO UPDATE SET total = excluded.total, at = excluded.at              WHERE excluded.at < stats_baseline.at",
        )
        .bind(&[db::s(&p.id), db::s(&score.instrument), db::n(score.total), db::n(completed)])?,
        db.prepare(
            "INSERT INTO stats_monthly (business_id, instrument, period, participant_id, total, at)              VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (business_id, instrument, period, participant_id)              DO UPDATE SET total = excluded.total, at = excluded.at WHERE excluded.at >= stats_monthly.at",
        )
        .bind(&[
            db::s(p.business_id.as_deref().unwrap_or("")),
            db::s(&score.instrument),
            db::s(&period),
            db::s(&p.id),
            db::n(score.total),
            db::n(completed),
        ])?,
    ])
    .await?;
    http::ok(&ResponseStored {
        id: stored.id,
        score: stored.score,
    })
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

const RESPONSE_COLUMNS: &str =
    "id, instrument, version, answers, total, band, caseness, safety, percent, completed_at, lang";

async fn one_response(
    ctx: &Ctx,
    participant_id: &str,
    id: &str,
) -> Result<Option<StoredResponse>, ApiError> {
    ctx.db()?
        .prepare(format!(
            "SELECT {RESPONSE_COLUMNS} FROM responses WHERE participant_id = ?1 AND id = ?2"
        ))
        .bind(&[db::s(participant_id), db::s(id)])?
        .first::<ResponseRow>(None)
        .await?
        .map(ResponseRow::into_api)
        .transpose()
}

pub async fn stored_responses(
    ctx: &Ctx,
    participant_id: &str,
) -> Result<Vec<StoredResponse>, ApiError> {
    ctx.db()?
        .prepare(format!(
            "SELECT {RESPONSE_COLUMNS} FROM responses WHERE participant_id = ?1 ORDER BY completed_at, id"
        ))
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<ResponseRow>()?
        .into_iter()
        .map(ResponseRow::into_api)
        .collect()
}

pub async fn list_responses(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&ResponseHistory {
        responses: stored_responses(&ctx, &p.id).await?,
    })
}

#[derive(Deserialize)]
struct Completion {
    instrument: String,
    completed_at: i64,
}

/// `(instrument, completed_at)` of every response: what the plan's due list needs.
pub async fn completion_times(
    ctx: &Ctx,
    participant_id: &str,
) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(ctx
        .db()?
        .prepare("SELECT instrument, completed_at FROM responses WHERE participant_id = ?1")
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<Completion>()?
        .into_iter()
        .map(|c| (c.instrument, c.completed_at))
        .collect())
}

pub async fn submit_progress(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: ProgressSubmit = http::read_json(&mut ctx.req).await?;
    check_id(&body.id)?;
    tools::check_progress(&body.tool, &body.part, &body.step, body.answers.as_ref())
        .map_err(|e| ApiError::unprocessable("invalid_progress", e.to_string()))?;
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let state = match body.state {
        StepState::Started => "started",
        StepState::Completed => "completed",
    };
    let answers = body
        .answers
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    // Same id again: nothing changes (retry). A new id for the same step: the latest wins,
    // except that a completed step is never reopened by a late "started".
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
            db::s(&p.id),
            db::s(&body.tool),
            db::s(&body.part),
            db::s(&body.step),
            db::s(state),
            db::opt(answers.as_deref()),
            db::s(&body.id),
            db::n(now),
        ])?
        .run()
        .await?;
    http::ok(&Stored { id: body.id })
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

pub async fn progress_view(ctx: &Ctx, p: &Participant) -> Result<ProgressView, ApiError> {
    let rows = ctx
        .db()?
        .prepare(
            "SELECT tool, part, step, state, answers, updated_at FROM progress WHERE participant_id = ?1 \
             ORDER BY updated_at, tool, part, step",
        )
        .bind(&[db::s(&p.id)])?
        .all()
        .await?
        .results::<ProgressRow>()?;
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
        tool: p.tool.clone(),
        plan: p.plan.clone(),
        steps,
    })
}
