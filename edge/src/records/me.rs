//! The state of `GET /api/me`, which login, device link and consent changes answer too:
//! consent evaluated now, the business and how to reach it, progress, what the plan makes due, and the inbox.

use crate::{
    ground::{ctx::Ctx, error::ApiError},
    records::{assignments, business, consent, participant::Participant, progress, responses},
};
use content::{api::MeState, due, plans};
use futures_util::future::try_join5;

pub async fn state(ctx: &Ctx, p: &Participant, now: i64) -> Result<MeState, ApiError> {
    // Five independent reads, in flight together: one D1 round trip of waiting, not five.
    let business = async {
        Ok::<_, ApiError>(match &p.business_id {
            Some(id) => business::view(ctx, id).await?,
            None => None,
        })
    };
    let due = async {
        Ok::<_, ApiError>(match p.plan.as_deref().and_then(plans::get) {
            Some(plan) => {
                let done = responses::completion_times(ctx, &p.id).await?;
                due::due(plan, p.first_login_at.unwrap_or(p.issued_at), &done, now)
            }
            None => Vec::new(),
        })
    };
    let (consent, business, progress, due, inbox) = try_join5(
        consent::current(ctx, &p.id, p.business_id.is_some(), now),
        business,
        progress::view(ctx, &p.id, p.tool.as_deref(), p.plan.as_deref()),
        due,
        assignments::inbox(ctx, &p.id),
    )
    .await?;
    Ok(MeState {
        consent: consent.view(),
        business,
        progress,
        due,
        inbox,
    })
}
