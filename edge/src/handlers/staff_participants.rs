//! Staff work with participants of their own business: issue codes, the overview, the
//! consent-gated detail (audited, P5/P7) and assignments that reach the user's inbox.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        assignments::{self, NewAssignment, Withdrawn},
        audit::{self, Entry},
        codes, consent,
        participant::{self, Participant},
        progress,
        responses::{self, ScoreRow},
        staff::{self, Member},
    },
};
use content::{
    advice,
    api::{
        Flags, IssuedCodes, LatestScore, ParticipantDetail, ParticipantRow, ParticipantsList,
        Stored,
    },
    consent::evaluate,
    dates::local_day,
    instruments, scoring,
    stats::score_from_total,
    time::format_ms,
};
use std::collections::BTreeMap;
use worker::Response;

/// `POST /api/staff/codes {count, tool?, plan?}`: the session and the role first, then the body.
pub async fn issue_codes(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?.to_string();
    let body = bodies::issue_codes(&http::read_body(&mut ctx.req).await?)?;
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
    let action = format!("issue_codes:{}", body.count);
    audit::record(&ctx, entry(&member, &business, None, &action), now).await?;
    http::created(&IssuedCodes {
        codes: issued.iter().map(ToString::to_string).collect(),
    })
}

fn entry<'a>(
    member: &'a Member,
    business: &'a str,
    p: Option<&'a Participant>,
    action: &'a str,
) -> Entry<'a> {
    Entry {
        business_id: business,
        staff_id: &member.id,
        participant_id: p.map(|p| p.id.as_str()),
        reference: p.map(|p| p.reference.as_str()),
        action,
    }
}

/// The overview: every participant of the business with consent evaluated now; scores and
/// flags only where consent is granted (P5), `null` elsewhere. Four queries whatever the
/// number of people.
pub async fn list(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?;
    let rows = participant::of_business(&ctx, business).await?;
    let events = consent::of_business(&ctx, business).await?;
    let all_scores = responses::scores_of_business(&ctx, business).await?;
    let mut scores: BTreeMap<&str, Vec<&ScoreRow>> = BTreeMap::new();
    for r in &all_scores {
        scores.entry(r.participant_id.as_str()).or_default().push(r);
    }
    let participants = rows
        .into_iter()
        .map(|p| {
            let state = evaluate(events.get(&p.id).map_or(&[][..], |v| v), now).state;
            let granted = state.allows_individual_access();
            let mine = scores.get(p.id.as_str()).map_or(&[][..], |v| v);
            ParticipantRow {
                latest: granted.then(|| latest_scores(mine)),
                flags: granted.then(|| {
                    let safety_on =
                        advice::safety_day(mine.iter().map(|r| (r.completed_at, r.safety != 0)));
                    Flags {
                        safety: safety_on.is_some(),
                        safety_on,
                    }
                }),
                id: p.id,
                reference: p.reference,
                issued_at: format_ms(p.issued_at),
                tool: p.tool,
                consent: state,
                last_active: p.last_login_on,
            }
        })
        .collect();
    http::ok(&ParticipantsList {
        participants,
        deletions: participant::deletions(&ctx, business).await?,
        code_changes: participant::code_changes(&ctx, business).await?,
    })
}

/// Latest band per instrument, with the reliable-change direction from the first response.
fn latest_scores(rows: &[&ScoreRow]) -> Vec<LatestScore> {
    let mut by_instrument: BTreeMap<&str, (&ScoreRow, &ScoreRow)> = BTreeMap::new();
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
                date: local_day(last.completed_at),
                reliable,
            })
        })
        .collect()
}

fn no_such_participant() -> ApiError {
    ApiError::NoSuch("There is no participant with that id in your business.")
}

/// The participant of the caller's business with consent granted now, or 404 / 403.
async fn consenting(
    ctx: &Ctx,
    business: &str,
    id: &str,
    now: i64,
) -> Result<(Participant, content::consent::Evaluation), ApiError> {
    let well_formed = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return Err(no_such_participant());
    }
    let p = participant::by_id(ctx, id)
        .await?
        .filter(|p| p.business_id.as_deref() == Some(business))
        .ok_or_else(no_such_participant)?;
    let consent = consent::current(ctx, &p.id, p.business_id.is_some(), now).await?;
    if !consent.state.allows_individual_access() {
        return Err(ApiError::Forbidden(
            "This participant does not share registrations with you now.",
        ));
    }
    Ok((p, consent))
}

/// `GET /api/staff/participants/{id}`: 403 unless consent is granted now; every 200 audited.
pub async fn detail(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?;
    let (p, consent) = consenting(&ctx, business, ctx.param(0), now).await?;
    let all = responses::all(&ctx, &p.id).await?;
    let (checkins, responses) = all.into_iter().partition(|r| r.instrument == "checkin");
    let progress = progress::view(&ctx, &p.id, p.tool.as_deref(), p.plan.as_deref())
        .await?
        .steps;
    let assignments = assignments::inbox(&ctx, &p.id).await?;
    audit::record(
        &ctx,
        entry(&member, business, Some(&p), "read_participant"),
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
        removals: responses::removals(&ctx, &p.id).await?,
    })
}

/// `DELETE /api/staff/participants/{id}/assignments/{assignment}`: withdraws an open
/// assignment (204); 409 once done, 404 for one the participant never had.
pub async fn withdraw(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?.to_string();
    let (p, _) = consenting(&ctx, &business, ctx.param(0), now).await?;
    match assignments::withdraw(&ctx, &p.id, ctx.param(1)).await? {
        Withdrawn::Now => {
            audit::record(
                &ctx,
                entry(&member, &business, Some(&p), "withdraw_assignment"),
                now,
            )
            .await?;
            http::no_content()
        }
        Withdrawn::AlreadyDone => Err(ApiError::Conflict {
            code: "assignment_done",
            message: "This assignment is done and can no longer be withdrawn.".into(),
        }),
        Withdrawn::Unknown => Err(ApiError::NoSuch(
            "This participant has no assignment with that id.",
        )),
    }
}

/// `POST /api/staff/participants/{id}/assignments`: the session and the role first, then the
/// body, then the participant's consent now.
pub async fn assign(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?.to_string();
    let body = bodies::assignment(&http::read_body(&mut ctx.req).await?)?;
    let (p, _) = consenting(&ctx, &business, ctx.param(0), now).await?;
    let new = NewAssignment {
        kind: body.kind,
        tool: body.tool.as_deref(),
        part: body.part.as_deref(),
        instrument: body.instrument.as_deref(),
    };
    let id = assignments::insert(&ctx, &p.id, new, now).await?;
    audit::record(
        &ctx,
        entry(&member, &business, Some(&p), "send_assignment"),
        now,
    )
    .await?;
    http::created(&Stored { id })
}
