//! Mestring's edge: one Cloudflare Worker serving `/api` (D1 + KV) and, through the static-assets
//! binding, the app. Handlers stay thin: parse → pure rule from `content` → store → respond.

#[doc(hidden)]
pub mod bodies;
mod clock;
mod codes;
mod consent;
mod crypto;
mod db;
mod dev;
mod error;
mod feedback;
mod headers;
mod health;
mod http;
mod instruments;
mod login;
mod me;
mod participant;
mod registrations;
mod retention;
mod router;
mod session;
mod staff;
mod staff_admin;
mod staff_participants;
mod staff_stats;
mod staff_totp;
mod throttle;
mod totp;

use worker::{Context, Env, Request, Response, ScheduleContext, ScheduledEvent, event};

#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    // Every outcome, errors included, becomes a JSON response: the runtime never sees a Rust error.
    Ok(router::handle(req, env).await)
}

/// Daily retention (P9): runs the same code as every other write, on the edge clock.
#[event(scheduled)]
pub async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    if let Err(e) = retention::run(&env).await {
        worker::console_error!("retention failed: {e}");
    }
}
