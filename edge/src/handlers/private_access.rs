//! The private person's way in (SPEC §1): `POST /api/vouchers/redeem`, and the optional card
//! purchase `GET /api/purchase`, `POST /api/purchase/checkout`, `POST /api/purchase/webhook`
//! and `POST /api/purchase/claim`. No session: a voucher and a claim token are themselves the
//! secret. Redemption and claims are throttled like login (claimed before the lookup, given
//! back on success). The webhook is authenticated by its `Stripe-Signature` over the raw body,
//! checked before the body is parsed.

use crate::{
    ground::{bodies, clock, crypto, ctx::Ctx, error::ApiError, http, stripe},
    records::{
        private_access::{self, Claimed},
        throttle::{self, Subject},
    },
};
use content::api::{Checkout, NewCode, PurchaseInfo, WebhookReceived};
use worker::Response;

/// The one answer for a spent, unknown, expired or malformed voucher.
fn voucher_refused() -> ApiError {
    ApiError::Refused {
        status: 404,
        code: "voucher_not_valid",
        message: "This voucher cannot be used. Check what you typed; a voucher works only once.",
    }
}

/// Redeems a voucher once for a fresh private code (shown once).
pub async fn redeem(mut ctx: Ctx) -> Result<Response, ApiError> {
    let voucher = bodies::voucher(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let gates = throttle::claim(&ctx, now, &[Subject::Source]).await?;
    let code = match voucher {
        Some(v) => {
            let hash = private_access::voucher_hash(&ctx, &v)?;
            private_access::redeem_voucher(&ctx, &hash, now).await?
        }
        None => None,
    };
    let Some(code) = code else {
        throttle::failed(&ctx, now).await?;
        return Err(voucher_refused());
    };
    throttle::release(&ctx, &gates).await?;
    http::ok(&NewCode {
        code: code.to_string(),
    })
}

/// Whether card purchase is offered here (the app shows its button only then).
pub async fn info(ctx: Ctx) -> Result<Response, ApiError> {
    http::ok(&PurchaseInfo {
        available: stripe::config(&ctx).is_some(),
    })
}

/// Starts a purchase: a claim (unpaid) and Stripe's Checkout Session for it. The claim token
/// goes back to the browser and, in the fragment of the success URL, through Stripe's redirect;
/// Stripe is given only the claim's keyed hash.
pub async fn checkout(ctx: Ctx) -> Result<Response, ApiError> {
    let config = stripe::required(&ctx)?;
    let now = clock::now_ms(&ctx).await?;
    let token = crypto::random_token::<32>()?;
    let hash = private_access::claim_hash(&ctx, &token)?;
    let origin = ctx
        .req
        .url()
        .map(|u| u.origin().ascii_serialization())
        .map_err(ApiError::from)?;
    let form = content::stripe::checkout_form(
        &config.price,
        &hash,
        &format!("{origin}/purchase#claim={token}"),
        &format!("{origin}/purchase"),
    );
    private_access::create_claim(&ctx, &hash, now).await?;
    match stripe::create_checkout(&config, &form).await {
        Ok(url) => http::ok(&Checkout { url, claim: token }),
        Err(e) => {
            private_access::drop_claim(&ctx, &hash).await?;
            Err(e)
        }
    }
}

/// Stripe's `checkout.session.completed`: the signature first (missing, wrong, stale: one
/// 401), then the body; marks the claim paid once (a replay, or an event for no claim, is
/// refused). Other event types are acknowledged and ignored.
pub async fn webhook(mut ctx: Ctx) -> Result<Response, ApiError> {
    let config = stripe::required(&ctx)?;
    let refused = || ApiError::Refused {
        status: 401,
        code: "bad_signature",
        message: "The Stripe-Signature header is missing, stale or does not match.",
    };
    // No signature: refused before the body is even read.
    let signature = ctx.header("stripe-signature").ok_or_else(refused)?;
    let payload = http::read_body(&mut ctx.req).await?;
    // Stripe's clock is the real one: the dev offset does not apply to its timestamps.
    let now_s = clock::real_ms() / 1000;
    content::stripe::verify(&config.webhook_secret, Some(&signature), &payload, now_s)
        .map_err(|_| refused())?;
    let event = bodies::stripe_event(&payload)?;
    if event.kind != "checkout.session.completed" {
        return http::ok(&WebhookReceived { received: true });
    }
    let session = event.data.object;
    if session.payment_status.as_deref() != Some("paid") {
        return http::ok(&WebhookReceived { received: true });
    }
    let Some(reference) = session.client_reference_id else {
        return Err(ApiError::NoSuch("No purchase has this reference."));
    };
    if !private_access::mark_paid(&ctx, &reference).await? {
        return Err(ApiError::Conflict {
            code: "already_processed",
            message: "This purchase is already paid, claimed or unknown.".into(),
        });
    }
    http::ok(&WebhookReceived { received: true })
}

/// Exchanges a paid claim once for a fresh private code; the claim row is deleted with it.
pub async fn claim(mut ctx: Ctx) -> Result<Response, ApiError> {
    stripe::required(&ctx)?;
    let token = bodies::claim(&http::read_body(&mut ctx.req).await?)?;
    let now = clock::now_ms(&ctx).await?;
    let gates = throttle::claim(&ctx, now, &[Subject::Source]).await?;
    let hash = private_access::claim_hash(&ctx, &token)?;
    match private_access::claim(&ctx, &hash, now).await? {
        Claimed::Code(code) => {
            throttle::release(&ctx, &gates).await?;
            http::ok(&NewCode {
                code: code.to_string(),
            })
        }
        Claimed::NotPaid => {
            throttle::release(&ctx, &gates).await?;
            Err(ApiError::Conflict {
                code: "not_paid",
                message: "The payment is not confirmed yet. Try again in a moment.".into(),
            })
        }
        Claimed::Unknown => {
            throttle::failed(&ctx, now).await?;
            Err(ApiError::Refused {
                status: 404,
                code: "claim_not_valid",
                message: "This purchase cannot be claimed (again).",
            })
        }
    }
}
