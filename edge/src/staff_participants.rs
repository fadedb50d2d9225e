//! Staff work with participants of their own business: issue codes, the overview, the
//! consent-gated detail (audited, P5/P7) and assignments that reach the user's inbox.

use crate::{
    clock, codes, consent, crypto, db,
    error::ApiError,
    http, participant, registrations,
    router::Ctx,
    staff::{self, Member},
};
use content::{
    api::{
        AssignmentKind, AssignmentRequest, Deletion, Flags, IssueCodes, IssuedCodes, LatestScore,
        ParticipantDetail, ParticipantRow, ParticipantsList, Stored,
    },
    consent::evaluate,
    instruments, scoring,
    stats::score_from_total,
    time::format_ms,
    tools,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::Response;

pub async fn issue_codes(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: IssueCodes = http::read_json(&mut ctx.req).await?;
    body.check()
        .map_err(|m| ApiError::unprocessable("invalid_request", m))?;
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?.to_string();
    let issued = codes::issue(
        &ctx,
        codes::Issue {
            business_id: Some(&business),
            count: body.count,
            tool: body.tool.as_deref(),
            plan: body.plan.as_deref(),
        },
        now,
    )
    .await?;
    audit(
        &ctx,
        &member,
        &business,
        None,
        None,
        &format!("issue_codes:{}", body.count),
        now,
    )
    .await?;
    Ok(http::json_response(
        201,
        &IssuedCodes {
            codes: issued.iter().map(ToString::to_string).collect(),
        },
    ))
}

/// P7: one row per staff access; the participant sees the date and business, never who.
pub async fn audit(
    ctx: &Ctx,
    member: &Member,
    business: &str,
    participant_id: Option<&str>,
    reference: Option<&str>,
    action: &str,
    now: i64,
) -> Result<(), ApiError> {
    ctx.db()?
        .prepare(
            "INSERT INTO audit (business_id, staff_id, participant_id, reference, action, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[
            db::s(business),
            db::s(&member.id),
            db::opt(participant_id),
            db::opt(reference),
            db::s(action),
            db::n(now),
        ])?
        .run()
        .await?;
    Ok(())
}

#[derive(Deserialize)]
struct Row {
    id: String,
    reference: String,
    issued_at: i64,
    tool: Option<String>,
    last_login_on: Option<String>,
}

#[derive(Deserialize)]
struct LatestRow {
    participant_id: String,
    instrument: String,
    total: i64,
    safety: i64,
    completed_at: i64,
}

/// The overview: every participant of the business with consent evaluated now; scores and
/// flags only where consent is granted (P5). Three queries whatever the number of people.
pub async fn list(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?;
    let db = ctx.db()?;
    let rows = db
        .prepare(
            "SELECT id, reference, issued_at, tool, last_login_on FROM participants \
             WHERE business_id = ?1 AND active = 1 ORDER BY issued_at DESC, reference",
        )
        .bind(&[db::s(business)])?
        .all()
        .await?
        .results::<Row>()?;
    let events = db
        .prepare(format!(
            "SELECT {} FROM consent_events e JOIN participants p ON p.id = e.participant_id \
             WHERE p.business_id = ?1 ORDER BY e.id",
            consent::ROW_COLUMNS
        ))
        .bind(&[db::s(business)])?
        .all()
        .await?
        .results::<consent::Row>()?;
    let by_participant = consent::group_by_participant(&events)?;
    let responses = db
        .prepare(
            "SELECT r.participant_id AS participant_id, r.instrument AS instrument, r.total AS total, r.safety AS safety, \
             r.completed_at AS completed_at FROM responses r JOIN participants p ON p.id = r.participant_id \
             WHERE p.business_id = ?1 ORDER BY r.completed_at, r.id",
        )
        .bind(&[db::s(business)])?
        .all()
        .await?
        .results::<LatestRow>()?;
    let mut scores: BTreeMap<&str, Vec<&LatestRow>> = BTreeMap::new();
    for r in &responses {
        scores.entry(r.participant_id.as_str()).or_default().push(r);
    }
    let participants = rows
        .iter()
        .map(|p| {
            let state = evaluate(
                by_participant.get(p.id.as_str()).map_or(&[][..], |v| v),
                now,
            )
            .state;
            let granted = state.allows_individual_access();
            let mine = scores.get(p.id.as_str()).map_or(&[][..], |v| v);
            ParticipantRow {
                id: p.id.clone(),
                reference: p.reference.clone(),
                issued_at: format_ms(p.issued_at),
                tool: p.tool.clone(),
                consent: state,
                last_active: p.last_login_on.clone(),
                latest: granted.then(|| latest_scores(mine)),
                flags: granted.then(|| Flags {
                    safety: mine.iter().any(|r| r.safety != 0),
                }),
            }
        })
        .collect();
    let deletions = db
        .prepare("SELECT reference, deleted_at FROM deletions WHERE business_id = ?1 ORDER BY deleted_at DESC")
        .bind(&[db::s(business)])?
        .all()
        .await?
        .results::<DeletionRow>()?
        .into_iter()
        .map(|d| Deletion { reference: d.reference, deleted_at: format_ms(d.deleted_at) })
        .collect();
    http::ok(&ParticipantsList {
        participants,
        deletions,
    })
}

#[derive(Deserialize)]
struct DeletionRow {
    reference: String,
    deleted_at: i64,
}

/// Latest band per instrument, with the reliable-change direction from the first response.
fn latest_scores(rows: &[&LatestRow]) -> Vec<LatestScore> {
    let mut by_instrument: BTreeMap<&str, (&LatestRow, &LatestRow)> = BTreeMap::new();
    for r in rows {
        by_instrument
            .entry(r.instrument.as_str())
            .and_modify(|e| e.1 = r)
            .or_insert((r, r));
    }
    by_instrument
        .into_iter()
        .filter_map(|(id, (first, last))| {
            let instrument = instruments::get(id)?;
            let latest = score_from_total(instrument, last.total)?;
            let baseline = score_from_total(instrument, first.total)?;
            let reliable = (!std::ptr::eq(first, last))
                .then(|| scoring::change_for(instrument, &baseline, &latest).reliable);
            Some(LatestScore {
                instrument: id.to_string(),
                band: latest.band,
                date: content::time::date_of(last.completed_at),
                reliable,
            })
        })
        .collect()
}

fn id_segment(id: &str) -> Result<&str, ApiError> {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(id)
    } else {
        Err(ApiError::NotFound)
    }
}

/// The participant of the caller's business with consent granted now, or 404 / 403.
async fn consenting(
    ctx: &Ctx,
    member: &Member,
    id: &str,
    now: i64,
) -> Result<participant::Participant, ApiError> {
    let business = member.own_business()?;
    let p = participant::by_id(ctx, id_segment(id)?)
        .await?
        .filter(|p| p.business_id.as_deref() == Some(business))
        .ok_or(ApiError::NotFound)?;
    let consent = consent::current(ctx, &p.id, now).await?;
    if !consent.state.allows_individual_access() {
        return Err(ApiError::Forbidden(
            "This participant does not share registrations with you now.",
        ));
    }
    Ok(p)
}

pub async fn detail(ctx: Ctx, id: &str) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let p = consenting(&ctx, &member, id, now).await?;
    let consent = consent::current(&ctx, &p.id, now).await?;
    let all = registrations::stored_responses(&ctx, &p.id).await?;
    let (checkins, responses) = all.into_iter().partition(|r| r.instrument == "checkin");
    let progress = registrations::progress_view(&ctx, &p).await?.steps;
    let assignments = crate::me::inbox(&ctx, &p.id).await?;
    let business = member.own_business()?.to_string();
    audit(
        &ctx,
        &member,
        &business,
        Some(&p.id),
        Some(&p.reference),
        "read_participant",
        now,
    )
    .await?;
    http::ok(&ParticipantDetail {
        id: p.id.clone(),
        reference: p.reference.clone(),
        issued_at: format_ms(p.issued_at),
        tool: p.tool.clone(),
        plan: p.plan.clone(),
        consent: consent.view(),
        responses,
        checkins,
        progress,
        assignments,
    })
}

pub async fn assign(mut ctx: Ctx, id: &str) -> Result<Response, ApiError> {
    let body: AssignmentRequest = http::read_json(&mut ctx.req).await?;
    let valid = match body.kind {
        AssignmentKind::Questionnaire => body
            .instrument
            .as_deref()
            .is_some_and(|i| instruments::get(i).is_some()),
        AssignmentKind::Content => body.tool.as_deref().and_then(tools::get).is_some_and(|t| {
            body.part
                .as_deref()
                .is_none_or(|part| t.part(part).is_some())
        }),
    };
    if !valid {
        return Err(ApiError::unprocessable(
            "invalid_assignment",
            "Name an existing instrument, or an existing tool (and part).",
        ));
    }
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let p = consenting(&ctx, &member, id, now).await?;
    let assignment_id = crypto::random_id()?;
    let kind = match body.kind {
        AssignmentKind::Content => "content",
        AssignmentKind::Questionnaire => "questionnaire",
    };
    ctx.db()?
        .prepare(
            "INSERT INTO assignments (id, participant_id, kind, tool, part, instrument, sent_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(&[
            db::s(&assignment_id),
            db::s(&p.id),
            db::s(kind),
            db::opt(body.tool.as_deref()),
            db::opt(body.part.as_deref()),
            db::opt(body.instrument.as_deref()),
            db::n(now),
        ])?
        .run()
        .await?;
    let business = member.own_business()?.to_string();
    audit(
        &ctx,
        &member,
        &business,
        Some(&p.id),
        Some(&p.reference),
        "send_assignment",
        now,
    )
    .await?;
    Ok(http::json_response(201, &Stored { id: assignment_id }))
}
