//! Mestring's edge: one Cloudflare Worker serving `/api` (D1 + KV) and, through the static-assets
//! binding, the app. Three floors, each importing only those below it (ARCHITECTURE.md; checked
//! by `tests/floors.rs`): `ground` (context, errors, HTTP, crypto, clock, request bodies),
//! `records` (D1 per stored thing) and `handlers` (one module per concern); above them only the
//! route table (`routes`) and the two entry points here.

mod ground;
mod handlers;
mod records;
mod routes;

/// Every request body parser, for the fuzz target `api_bodies` (`cargo xtask fuzz`).
#[doc(hidden)]
pub use ground::bodies;

use worker::{Context, Env, Request, Response, ScheduleContext, ScheduledEvent, event};

#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    // Every outcome, errors included, becomes a JSON response: the runtime never sees a Rust error.
    Ok(routes::handle(req, env).await)
}

/// Daily retention (P9): runs the same code as every other write, on the edge clock.
#[event(scheduled)]
pub async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    if let Err(e) = records::retention::run(&env).await {
        worker::console_error!("retention failed: {e}");
    }
}
