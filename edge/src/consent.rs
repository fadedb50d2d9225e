//! Consent on D1: events are the record; the state is evaluated from them at request time with
//! the edge clock (P5), by the pure machine in `content::consent`. A lapse noticed here is
//! stored as a system event stamped with the instant it happened.

use crate::{clock, db, error::ApiError, http, me, participant, router::Ctx};
use content::{
    api::{Actor, ConsentRequest, ConsentState, RenewalRequest},
    consent::{self, Command, Evaluation, Event, EventKind},
};
use serde::Deserialize;
use worker::Response;

/// A consent event as stored in D1 (columns `at, from_state, to_state, actor, kind`, and the
/// participant when several people's events are read at once).
#[derive(Deserialize)]
pub struct Row {
    #[serde(default)]
    pub participant_id: String,
    at: i64,
    from_state: String,
    to_state: String,
    actor: String,
    kind: String,
}

impl Row {
    pub fn event(&self) -> Result<Event, ApiError> {
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
pub const ROW_COLUMNS: &str = "e.participant_id AS participant_id, e.at AS at, e.from_state AS from_state, e.to_state AS to_state, e.actor AS actor, e.kind AS kind";

/// Events of many participants (in stored order), grouped by participant.
pub fn group_by_participant(
    rows: &[Row],
) -> Result<std::collections::BTreeMap<&str, Vec<Event>>, ApiError> {
    let mut out: std::collections::BTreeMap<&str, Vec<Event>> = std::collections::BTreeMap::new();
    for r in rows {
        out.entry(r.participant_id.as_str())
            .or_default()
            .push(r.event()?);
    }
    Ok(out)
}

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

pub async fn events(ctx: &Ctx, participant_id: &str) -> Result<Vec<Event>, ApiError> {
    let rows = ctx
        .db()?
        .prepare(
            "SELECT at, from_state, to_state, actor, kind FROM consent_events \
             WHERE participant_id = ?1 ORDER BY id",
        )
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<Row>()?;
    rows.iter().map(Row::event).collect()
}

pub fn insert(
    ctx: &Ctx,
    participant_id: &str,
    e: &Event,
) -> Result<worker::D1PreparedStatement, ApiError> {
    Ok(ctx
        .db()?
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

async fn store(ctx: &Ctx, participant_id: &str, new: &[Event]) -> Result<(), ApiError> {
    if new.is_empty() {
        return Ok(());
    }
    let statements = new
        .iter()
        .map(|e| insert(ctx, participant_id, e))
        .collect::<Result<Vec<_>, _>>()?;
    ctx.db()?.batch(statements).await?;
    Ok(())
}

/// The consent state now; stores a lapse that happened since the last look.
pub async fn current(ctx: &Ctx, participant_id: &str, now: i64) -> Result<Evaluation, ApiError> {
    let events = events(ctx, participant_id).await?;
    let evaluation = consent::evaluate(&events, now);
    store(ctx, participant_id, &evaluation.pending).await?;
    Ok(evaluation)
}

async fn command(
    mut ctx: Ctx,
    parse_cmd: fn(&[u8]) -> Result<Command, ApiError>,
) -> Result<Response, ApiError> {
    let bytes = http::read_body(&mut ctx.req).await?;
    let cmd = parse_cmd(&bytes)?;
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let events = events(&ctx, &p.id).await?;
    let new = consent::apply(&events, now, cmd).map_err(|e| ApiError::Conflict {
        code: e.code(),
        message: e.to_string(),
    })?;
    store(&ctx, &p.id, &new).await?;
    http::ok(&me::state(&ctx, &p, now).await?)
}

/// `POST /api/me/consent {share}`: answers with the new state of `GET /api/me`.
pub async fn share(ctx: Ctx) -> Result<Response, ApiError> {
    command(ctx, |b| {
        Ok(Command::Share(http::parse_json::<ConsentRequest>(b)?.share))
    })
    .await
}

/// `POST /api/me/consent/renewal {still_followed_up}`; 409 when no renewal is due.
pub async fn renewal(ctx: Ctx) -> Result<Response, ApiError> {
    command(ctx, |b| {
        let r: RenewalRequest = http::parse_json(b)?;
        Ok(Command::Renewal {
            still_followed_up: r.still_followed_up,
        })
    })
    .await
}
