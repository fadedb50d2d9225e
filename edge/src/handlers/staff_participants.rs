//! Staff work with participants of their own business: issue codes, the overview, the
//! consent-gated detail (audited, P5/P7) and assignments that reach the user's inbox.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        assignments::{self, NewAssignment, Withdrawn},
        audit::{self, Entry},
        codes, consent,
        participant::{self, Participant},
        progress, responses,
        staff::{self, Member},
        summary,
    },
};
use content::{
    api::{CaseloadFilter, Deletion, IssuedCodes, ParticipantDetail, ParticipantsList, Stored},
    caseload,
    time::format_ms,
};
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

/// `GET /api/staff/participants`: one page of the caseload from the summary rows (never the
/// responses), with consent evaluated now; scores and flags only where consent is granted
/// (P5). Showing them is an individual read: one audit row per participant shown with them,
/// all in one batch (P7, SPEC §4.8). Three queries and one batch whatever the numbers.
pub async fn list(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let business = member.own_business()?;
    let query = caseload::Query::parse(http::query_pairs(&ctx.req))
        .map_err(|m| ApiError::unprocessable("invalid_query", m))?;
    let deletions: Vec<Deletion> = participant::deletions(&ctx, business)
        .await?
        .into_iter()
        .filter(|d| {
            query
                .search
                .as_deref()
                .is_none_or(|q| d.reference.starts_with(q))
        })
        .collect();
    let code_changes = participant::code_changes(&ctx, business).await?;
    if query.filter == Some(CaseloadFilter::Deleted) {
        let range = query.range(deletions.len());
        return http::ok(&ParticipantsList {
            participants: Vec::new(),
            total: deletions.len() as u32,
            deletions: deletions[range].to_vec(),
            code_changes,
            page: query.page,
            per_page: query.per_page,
        });
    }
    let summaries = summary::of_business(&ctx, business).await?;
    let (participants, total) = caseload::page(&query, summaries, now);
    let reads: Vec<Entry> = participants
        .iter()
        .filter(|r| r.latest.is_some() || r.flags.is_some())
        .map(|r| Entry {
            business_id: business,
            staff_id: &member.id,
            participant_id: Some(&r.id),
            reference: Some(&r.reference),
            action: "read_overview",
        })
        .collect();
    audit::record_all(&ctx, &reads, now).await?;
    http::ok(&ParticipantsList {
        participants,
        deletions,
        code_changes,
        total,
        page: query.page,
        per_page: query.per_page,
    })
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
