//! The feedback desk: suggestions and evaluations from participants (`POST /api/feedback`) and
//! from staff (`POST /api/staff/feedback`), the sender attached here, never by the client; the
//! user's receipts (`GET /api/me/feedback`); the support role's desk, every read audited
//! (`GET /api/staff/feedback`), and handling, which erases the text at once.

use crate::{
    ground::{bodies, clock, ctx::Ctx, error::ApiError, http},
    records::{
        audit,
        feedback::{self, Sender},
        participant, staff,
    },
};
use content::api::{FeedbackDesk, MyFeedback, Received};
use worker::Response;

/// `POST /api/feedback`: the session first, then the body.
pub async fn submit(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let body = bodies::feedback(&http::read_body(&mut ctx.req).await?)?;
    let sender = Sender::Participant {
        id: &p.id,
        business_id: p.business_id.as_deref(),
    };
    feedback::insert(&ctx, sender, body.kind, &body.text, now).await?;
    http::created(&Received { received: true })
}

/// `GET /api/me/feedback`: receipts, never the text.
pub async fn mine(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let records = feedback::of_participant(&ctx, &p.id).await?;
    http::ok(&MyFeedback {
        feedback: records.into_iter().map(|r| r.receipt).collect(),
    })
}

/// `POST /api/staff/feedback`: any staff account; the e-mail is never stored with it.
pub async fn submit_staff(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    let body = bodies::feedback(&http::read_body(&mut ctx.req).await?)?;
    feedback::insert(
        &ctx,
        Sender::Staff { id: &member.id },
        body.kind,
        &body.text,
        now,
    )
    .await?;
    http::created(&Received { received: true })
}

/// The desk's audit rows belong to the deployment, not to a business: `business_id` is empty.
fn desk_entry<'a>(member: &'a staff::Member, action: &'a str) -> audit::Entry<'a> {
    audit::Entry {
        business_id: "",
        staff_id: &member.id,
        participant_id: None,
        reference: None,
        action,
    }
}

/// `GET /api/staff/feedback`: support only; audited.
pub async fn desk(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    member.require_support()?;
    let feedback = feedback::unhandled(&ctx).await?;
    audit::record(&ctx, desk_entry(&member, "read_feedback"), now).await?;
    http::ok(&FeedbackDesk { feedback })
}

/// `POST /api/staff/feedback/{id}/handled`: support only; 204, again 204 when already handled.
pub async fn handled(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let member = staff::current(&ctx, now).await?;
    member.require_support()?;
    if !feedback::handle(&ctx, ctx.param(0), now).await? {
        return Err(ApiError::NoSuch("There is no feedback with that id."));
    }
    audit::record(&ctx, desk_entry(&member, "handle_feedback"), now).await?;
    http::no_content()
}
