//! The central router: one match over (method, path) to handlers of one signature,
//! `async fn(Ctx) -> Result<Response, ApiError>`.

use crate::{
    consent, dev, error::ApiError, feedback, headers, health, instruments, login, me,
    registrations, staff, staff_admin, staff_participants, staff_stats, staff_totp,
};
use worker::{D1Database, Env, Method, Request, Response};

pub struct Ctx {
    pub req: Request,
    pub env: Env,
}

impl Ctx {
    pub fn db(&self) -> Result<D1Database, ApiError> {
        self.env.d1("DB").map_err(ApiError::from)
    }

    /// Dev-only calls exist only where the worker variable is set (never in production).
    pub fn dev_mode(&self) -> bool {
        self.env
            .var("MESTRING_DEV")
            .map(|v| v.to_string() == "1")
            .unwrap_or(false)
    }
}

pub async fn handle(req: Request, env: Env) -> Response {
    let resp = match route(Ctx { req, env }).await {
        Ok(resp) => resp,
        Err(err) => err.into_response(),
    };
    headers::secure(resp)
}

async fn route(ctx: Ctx) -> Result<Response, ApiError> {
    let path = ctx.req.path();
    let Some(rest) = path.strip_prefix("/api") else {
        // run_worker_first only sends /api here; anything else belongs to the assets.
        return Ok(ctx.env.assets("ASSETS")?.fetch_request(ctx.req).await?);
    };
    let segments: Vec<String> = rest
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let method = ctx.req.method();

    use Method::{Delete, Get, Post};
    match (segments.as_slice(), method) {
        (["health"], Get) => health::get(ctx).await,
        (["instruments"], Get) => instruments::list(ctx).await,
        (["instruments", id], Get) => instruments::one(ctx, id).await,
        (["session"], Post) => login::login(ctx).await,
        (["session"], Delete) => login::logout(ctx).await,
        (["session", "link"], Post) => login::link(ctx).await,
        (["me"], Get) => me::get(ctx).await,
        (["me"], Delete) => me::delete(ctx).await,
        (["me", "consent"], Post) => consent::share(ctx).await,
        (["me", "consent", "renewal"], Post) => consent::renewal(ctx).await,
        (["me", "responses"], Post) => registrations::submit_response(ctx).await,
        (["me", "responses"], Get) => registrations::list_responses(ctx).await,
        (["me", "progress"], Post) => registrations::submit_progress(ctx).await,
        (["me", "code"], Post) => me::change_code(ctx).await,
        (["me", "code", "confirm"], Post) => me::confirm_code(ctx).await,
        (["me", "device-link"], Post) => me::device_link(ctx).await,
        (["me", "export"], Get) => me::export(ctx).await,
        (["me", "access-log"], Get) => me::access_log(ctx).await,
        (["feedback"], Post) => feedback::submit(ctx).await,
        (["staff", "prelogin"], Post) => staff::prelogin(ctx).await,
        (["staff", "session"], Post) => staff::login(ctx).await,
        (["staff", "session"], Get) => staff::whoami(ctx).await,
        (["staff", "session"], Delete) => staff::logout(ctx).await,
        (["staff", "totp"], Post) => staff_totp::enrol(ctx).await,
        (["staff", "totp", "confirm"], Post) => staff_totp::confirm(ctx).await,
        (["staff", "totp", "disable"], Post) => staff_totp::disable(ctx).await,
        (["staff", "invite", "info"], Post) => staff::invite_info(ctx).await,
        (["staff", "invite", "accept"], Post) => staff::accept_invite(ctx).await,
        (["staff", "codes"], Post) => staff_participants::issue_codes(ctx).await,
        (["staff", "participants"], Get) => staff_participants::list(ctx).await,
        (["staff", "participants", id], Get) => staff_participants::detail(ctx, id).await,
        (["staff", "participants", id, "assignments"], Post) => {
            staff_participants::assign(ctx, id).await
        }
        (["staff", "stats"], Get) => staff_stats::get(ctx).await,
        (["staff", "users"], Get) => staff_admin::list(ctx).await,
        (["staff", "users"], Post) => staff_admin::change(ctx).await,
        (["staff", "audit"], Get) => staff_admin::audit(ctx).await,
        (["dev", "clock"], Post) if ctx.dev_mode() => dev::clock(ctx).await,
        (["dev", "seed"], Post) if ctx.dev_mode() => dev::seed(ctx).await,
        (["dev", "retention"], Post) if ctx.dev_mode() => dev::retention(ctx).await,
        (
            ["health"]
            | ["instruments"]
            | ["instruments", _]
            | ["session"]
            | ["session", "link"]
            | ["me"]
            | [
                "me",
                "consent" | "responses" | "progress" | "code" | "device-link" | "export"
                | "access-log",
            ]
            | ["me", "consent", "renewal"]
            | ["me", "code", "confirm"]
            | ["feedback"]
            | [
                "staff",
                "prelogin" | "session" | "codes" | "participants" | "stats" | "users" | "audit"
                | "totp",
            ]
            | ["staff", "totp", "confirm" | "disable"]
            | ["staff", "invite", "info" | "accept"]
            | ["staff", "participants", _]
            | ["staff", "participants", _, "assignments"],
            _,
        ) => Err(ApiError::MethodNotAllowed),
        (["dev", "clock" | "seed" | "retention"], _) if ctx.dev_mode() => {
            Err(ApiError::MethodNotAllowed)
        }
        _ => Err(ApiError::NotFound),
    }
}
