//! Consent on D1: events are the record; the state is evaluated from them at request time with
//! the edge clock (P5), by the pure machine in `content::consent`. A lapse noticed here is
//! stored as a system event stamped with the instant it happened.

use crate::{
    ground::{ctx::Ctx, db, error::ApiError},
    records::summary,
};
use content::{
    api::{Actor, ConsentState},
    consent::{self, Evaluation, Event, EventKind},
};
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::{D1Database, D1PreparedStatement, D1Result};

/// A consent event as stored in D1 (and the participant, when several people's are read).
#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    participant_id: String,
    #[serde(default)]
    business_id: String,
    at: i64,
    from_state: String,
    to_state: String,
    actor: String,
    kind: String,
}

impl Row {
    fn event(&self) -> Result<Event, ApiError> {
        Ok(Event {
            at_ms: self.at,
            from: parse::<ConsentState>(&self.from_state)?,
            to: parse::<ConsentState>(&self.to_state)?,
            actor: parse::<Actor>(&self.actor)?,
            kind: parse::<EventKind>(&self.kind)?,
        })
    }
}

/// The columns [`Row`] reads, for queries that join `consent_events` as `e`.
const ROW_COLUMNS: &str = "e.participant_id AS participant_id, e.at AS at, e.from_state AS from_state, e.to_state AS to_state, e.actor AS actor, e.kind AS kind";

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| ApiError::Internal(format!("stored consent value {s:?} is unknown")))
}

fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One participant's events, oldest first.
pub async fn events(ctx: &Ctx, participant_id: &str) -> Result<Vec<Event>, ApiError> {
    events_from(&events_statement(&ctx.db()?, participant_id)?.all().await?)
}

/// The read of [`events`], for a caller's batch; [`events_from`] reads its result.
pub fn events_statement(
    db: &D1Database,
    participant_id: &str,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "SELECT at, from_state, to_state, actor, kind FROM consent_events \
             WHERE participant_id = ?1 ORDER BY id",
        )
        .bind(&[db::s(participant_id)])?)
}

pub fn events_from(result: &D1Result) -> Result<Vec<Event>, ApiError> {
    result.results::<Row>()?.iter().map(Row::event).collect()
}

/// The events up to `at` of every participant of the given businesses, by participant id.
/// Grouped by business id, then by participant id.
pub async fn of_businesses_until(
    ctx: &Ctx,
    business_ids: &[String],
    at: i64,
) -> Result<BTreeMap<String, BTreeMap<String, Vec<Event>>>, ApiError> {
    let mut binds = vec![db::n(at)];
    binds.extend(business_ids.iter().map(|s| db::s(s)));
    let rows = ctx
        .db()?
        .prepare(format!(
            "SELECT {ROW_COLUMNS}, p.business_id AS business_id FROM consent_events e \
             JOIN participants p ON p.id = e.participant_id \
             WHERE e.at <= ?1 AND p.business_id IN ({}) ORDER BY e.id",
            db::marks_from(2, business_ids.len())
        ))
        .bind(&binds)?
        .all()
        .await?
        .results::<Row>()?;
    let mut out: BTreeMap<String, BTreeMap<String, Vec<Event>>> = BTreeMap::new();
    for r in rows {
        let event = r.event()?;
        out.entry(r.business_id)
            .or_default()
            .entry(r.participant_id)
            .or_default()
            .push(event);
    }
    Ok(out)
}

fn insert(
    db: &D1Database,
    participant_id: &str,
    e: &Event,
) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO consent_events (participant_id, at, from_state, to_state, actor, kind) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[
            db::s(participant_id),
            db::n(e.at_ms),
            db::s(&name(&e.from)),
            db::s(&name(&e.to)),
            db::s(&name(&e.actor)),
            db::s(&name(&e.kind)),
        ])?)
}

/// The statements that append events and rewrite the caseload summary, for a caller's batch.
pub fn insert_statements(
    db: &D1Database,
    participant_id: &str,
    new: &[Event],
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut statements = new
        .iter()
        .map(|e| insert(db, participant_id, e))
        .collect::<Result<Vec<_>, _>>()?;
    statements.push(summary::refresh(db, participant_id)?);
    Ok(statements)
}

/// Appends events and rewrites the caseload summary, in one batch.
pub async fn store(ctx: &Ctx, participant_id: &str, new: &[Event]) -> Result<(), ApiError> {
    if new.is_empty() {
        return Ok(());
    }
    let db = ctx.db()?;
    db.batch(insert_statements(&db, participant_id, new)?)
        .await?;
    Ok(())
}

/// The consent state now; stores a lapse that happened since the last look. A participant
/// without a business (private) is `not_applicable`.
pub async fn current(
    ctx: &Ctx,
    participant_id: &str,
    has_business: bool,
    now: i64,
) -> Result<Evaluation, ApiError> {
    let events = events(ctx, participant_id).await?;
    evaluate(ctx, participant_id, has_business, &events, now).await
}

/// The consent state now from the participant's events (already read, e.g. in a batch);
/// stores a lapse that happened since the last look.
pub async fn evaluate(
    ctx: &Ctx,
    participant_id: &str,
    has_business: bool,
    events: &[Event],
    now: i64,
) -> Result<Evaluation, ApiError> {
    let evaluation = consent::evaluate_for(has_business, events, now);
    store(ctx, participant_id, &evaluation.pending).await?;
    Ok(evaluation)
}
