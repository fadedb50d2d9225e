//! Mestring's edge: one Cloudflare Worker serving `/api` (D1 + KV) and, through the static-assets
//! binding, the app. Handlers stay thin: parse → pure rule from `content` → store → respond.

mod clock;
mod dev;
mod error;
mod headers;
mod health;
mod http;
pub mod rfc3339;
mod router;

use worker::{Context, Env, Request, Response, event};

#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    // Every outcome, errors included, becomes a JSON response: the runtime never sees a Rust error.
    Ok(router::handle(req, env).await)
}
