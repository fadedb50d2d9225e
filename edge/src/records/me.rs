//! The state of `GET /api/me`, which login, device link and consent changes answer too:
//! consent evaluated now, the business and how to reach it, progress, what the plan makes due, and the inbox.
//!
//! Its reads go to D1 as one batch (one round trip): on their own for `GET /api/me`, and after
//! the login's writes in the login's one batch ([`reads`], [`from_results`]).

use crate::{
    ground::{ctx::Ctx, error::ApiError},
    records::{assignments, business, consent, participant::Participant, progress, responses},
};
use content::{api::MeState, due, plans};
use worker::{D1Database, D1PreparedStatement, D1Result};

/// The state now, read in one batch.
pub async fn state(ctx: &Ctx, p: &Participant, now: i64) -> Result<MeState, ApiError> {
    let db = ctx.db()?;
    let results = db.batch(reads(&db, p)?).await?;
    from_results(ctx, p, &results, now).await
}

/// The reads of the state, in a fixed order: consent events, progress, inbox, then the
/// business (if any) and the completion times (if a plan needs them).
pub fn reads(db: &D1Database, p: &Participant) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut statements = vec![
        consent::events_statement(db, &p.id)?,
        progress::view_statement(db, &p.id)?,
        assignments::inbox_statement(db, &p.id)?,
    ];
    if let Some(id) = &p.business_id {
        statements.push(business::view_statement(db, id)?);
    }
    if plan(p).is_some() {
        statements.push(responses::completion_times_statement(db, &p.id)?);
    }
    Ok(statements)
}

fn plan(p: &Participant) -> Option<&'static plans::Plan> {
    p.plan.as_deref().and_then(plans::get)
}

/// The state from the results of [`reads`] (exactly those, in their order). A consent lapse
/// noticed now is stored (`consent::evaluate`).
pub async fn from_results(
    ctx: &Ctx,
    p: &Participant,
    results: &[D1Result],
    now: i64,
) -> Result<MeState, ApiError> {
    let missing = || ApiError::Internal("a read of the /api/me state returned no result".into());
    let mut next = results.iter();
    let events = consent::events_from(next.next().ok_or_else(missing)?)?;
    let progress = progress::view_from(
        next.next().ok_or_else(missing)?,
        p.tool.as_deref(),
        p.plan.as_deref(),
    )?;
    let inbox = assignments::inbox_from(next.next().ok_or_else(missing)?)?;
    let business = match &p.business_id {
        Some(_) => business::view_from(next.next().ok_or_else(missing)?)?,
        None => None,
    };
    let due = match plan(p) {
        Some(plan) => {
            let done = responses::completion_times_from(next.next().ok_or_else(missing)?)?;
            due::due(plan, p.first_login_at.unwrap_or(p.issued_at), &done, now)
        }
        None => Vec::new(),
    };
    let consent = consent::evaluate(ctx, &p.id, p.business_id.is_some(), &events, now).await?;
    Ok(MeState {
        consent: consent.view(),
        business,
        progress,
        due,
        inbox,
    })
}
