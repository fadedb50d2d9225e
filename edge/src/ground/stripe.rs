//! Card purchase configuration and the one outbound request of the edge: creating a Stripe
//! Checkout Session. Off unless configured: the secrets `STRIPE_SECRET_KEY` and
//! `STRIPE_WEBHOOK_SECRET` (wrangler secrets) and the variable `STRIPE_PRICE` (the price id of
//! one private access). `STRIPE_API_BASE` defaults to Stripe's API; the test run points it at a
//! local stand-in. The form sent is `content::stripe::checkout_form`: no customer, no e-mail.

use crate::ground::{ctx::Ctx, error::ApiError};
use serde::Deserialize;
use worker::{Fetch, Headers, Method, Request, RequestInit};

const DEFAULT_API_BASE: &str = "https://api.stripe.com";

pub struct Config {
    secret_key: String,
    pub webhook_secret: String,
    pub price: String,
    api_base: String,
}

fn value(ctx: &Ctx, name: &str) -> Option<String> {
    ctx.env
        .secret(name)
        .map(|s| s.to_string())
        .or_else(|_| ctx.env.var(name).map(|v| v.to_string()))
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The configuration, or `None` when card purchase is not set up on this deployment.
pub fn config(ctx: &Ctx) -> Option<Config> {
    Some(Config {
        secret_key: value(ctx, "STRIPE_SECRET_KEY")?,
        webhook_secret: value(ctx, "STRIPE_WEBHOOK_SECRET")?,
        price: value(ctx, "STRIPE_PRICE")?,
        api_base: value(ctx, "STRIPE_API_BASE").unwrap_or_else(|| DEFAULT_API_BASE.into()),
    })
}

/// The configuration, or the 404 that says card purchase is not offered here.
pub fn required(ctx: &Ctx) -> Result<Config, ApiError> {
    config(ctx).ok_or(ApiError::Refused {
        status: 404,
        code: "purchase_not_configured",
        message: "Card purchase is not offered on this service. A voucher works instead.",
    })
}

#[derive(Deserialize)]
struct Session {
    url: String,
}

fn provider_failed() -> ApiError {
    ApiError::Refused {
        status: 502,
        code: "payment_provider_error",
        message: "The payment service did not answer as expected. Please try again later.",
    }
}

/// `POST {api}/v1/checkout/sessions` with `form`; the payment page's URL. Nothing of Stripe's
/// answer but that URL is kept (the session id is not stored anywhere).
pub async fn create_checkout(config: &Config, form: &str) -> Result<String, ApiError> {
    let headers = Headers::new();
    headers.set("authorization", &format!("Bearer {}", config.secret_key))?;
    headers.set("content-type", "application/x-www-form-urlencoded")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(form.into()));
    let url = format!(
        "{}/v1/checkout/sessions",
        config.api_base.trim_end_matches('/')
    );
    let req = Request::new_with_init(&url, &init)?;
    let mut resp = Fetch::Request(req)
        .send()
        .await
        .map_err(|_| provider_failed())?;
    if resp.status_code() != 200 {
        return Err(provider_failed());
    }
    let session: Session = resp.json().await.map_err(|_| provider_failed())?;
    if !session.url.starts_with("https://") && !session.url.starts_with("http://") {
        return Err(provider_failed());
    }
    Ok(session.url)
}
