//! The route table: every `/api` endpoint once, as (method, path, handler). The same table
//! dispatches a request and, for a known path with another method (any method, standard or
//! not), answers 405 with the `Allow` header listing what the path accepts. Dev-only routes
//! exist only in dev mode, decided here and nowhere else.

use crate::{
    ground::{ctx, ctx::Ctx, error::ApiError, headers, http},
    handlers::{
        consent, dev, feedback, health, instruments, me, registrations, session, staff,
        staff_admin, staff_participants, staff_stats, staff_totp,
    },
};
use std::{future::Future, pin::Pin};
use worker::{Env, Request, Response};

type Answer = Pin<Box<dyn Future<Output = Result<Response, ApiError>>>>;
type Handler = fn(Ctx) -> Answer;

struct Route {
    method: &'static str,
    /// Under `/api`; a `{…}` segment matches any one segment and is handed to the handler.
    path: &'static str,
    /// Served only in dev mode (`MESTRING_DEV=1`); elsewhere the path does not exist.
    dev_only: bool,
    handler: Handler,
}

macro_rules! route {
    ($method:literal $path:literal => $handler:path) => {
        Route {
            method: $method,
            path: $path,
            dev_only: false,
            handler: |ctx| Box::pin($handler(ctx)),
        }
    };
    (dev $method:literal $path:literal => $handler:path) => {
        Route {
            method: $method,
            path: $path,
            dev_only: true,
            handler: |ctx| Box::pin($handler(ctx)),
        }
    };
}

#[rustfmt::skip]
const ROUTES: &[Route] = &[
    route!("GET" "/health" => health::get),
    route!("GET" "/instruments" => instruments::list),
    route!("GET" "/instruments/{id}" => instruments::one),
    route!("POST" "/session" => session::login),
    route!("DELETE" "/session" => session::logout),
    route!("POST" "/session/link" => session::link),
    route!("GET" "/me" => me::get),
    route!("DELETE" "/me" => me::delete),
    route!("POST" "/me/consent" => consent::share),
    route!("POST" "/me/consent/renewal" => consent::renewal),
    route!("POST" "/me/responses" => registrations::submit_response),
    route!("GET" "/me/responses" => registrations::list_responses),
    route!("POST" "/me/progress" => registrations::submit_progress),
    route!("POST" "/me/code" => me::change_code),
    route!("POST" "/me/code/confirm" => me::confirm_code),
    route!("POST" "/me/device-link" => me::device_link),
    route!("GET" "/me/export" => me::export),
    route!("GET" "/me/access-log" => me::access_log),
    route!("POST" "/feedback" => feedback::submit),
    route!("POST" "/staff/prelogin" => staff::prelogin),
    route!("POST" "/staff/session" => staff::login),
    route!("GET" "/staff/session" => staff::whoami),
    route!("DELETE" "/staff/session" => staff::logout),
    route!("POST" "/staff/totp" => staff_totp::enrol),
    route!("POST" "/staff/totp/confirm" => staff_totp::confirm),
    route!("POST" "/staff/totp/disable" => staff_totp::disable),
    route!("POST" "/staff/invite/info" => staff::invite_info),
    route!("POST" "/staff/invite/accept" => staff::accept_invite),
    route!("POST" "/staff/codes" => staff_participants::issue_codes),
    route!("GET" "/staff/participants" => staff_participants::list),
    route!("GET" "/staff/participants/{id}" => staff_participants::detail),
    route!("POST" "/staff/participants/{id}/assignments" => staff_participants::assign),
    route!("GET" "/staff/stats" => staff_stats::get),
    route!("GET" "/staff/users" => staff_admin::list),
    route!("POST" "/staff/users" => staff_admin::change),
    route!("GET" "/staff/audit" => staff_admin::audit),
    route!(dev "POST" "/dev/clock" => dev::clock),
    route!(dev "POST" "/dev/seed" => dev::seed),
    route!(dev "POST" "/dev/retention" => dev::retention),
];

/// Every request the worker gets: `/api` through the table, anything else to the static assets
/// (`run_worker_first` sends only `/api` here). Every API answer, errors included, is JSON
/// with the security headers.
pub async fn handle(req: Request, env: Env) -> Response {
    let resp = match route(req, env).await {
        Ok(resp) => resp,
        Err(err) => http::error_response(err),
    };
    headers::secure(resp)
}

async fn route(req: Request, env: Env) -> Result<Response, ApiError> {
    let path = req.path();
    let Some(rest) = path.strip_prefix("/api") else {
        return Ok(env.assets("ASSETS")?.fetch_request(req).await?);
    };
    // The method as sent: `worker::Method` would read an unknown one (QUERY, FOO) as GET.
    let method = req.inner().method();
    let dev = ctx::dev_mode(&env);
    match lookup(&method, rest, dev) {
        Found::Handler(handler, params) => handler(Ctx::new(req, env, params)).await,
        Found::OtherMethods(allow) => Err(ApiError::MethodNotAllowed {
            allow: allow.join(", "),
        }),
        Found::Nothing => Err(ApiError::NotFound),
    }
}

enum Found {
    Handler(Handler, Vec<String>),
    /// The path exists with these methods only.
    OtherMethods(Vec<&'static str>),
    Nothing,
}

/// Pure: the route for `method` and `path` (under `/api`; empty segments are ignored).
fn lookup(method: &str, path: &str, dev: bool) -> Found {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut allow = Vec::new();
    for route in ROUTES.iter().filter(|r| dev || !r.dev_only) {
        let Some(params) = matches(route.path, &segments) else {
            continue;
        };
        if route.method == method {
            return Found::Handler(route.handler, params);
        }
        allow.push(route.method);
    }
    if allow.is_empty() {
        Found::Nothing
    } else {
        Found::OtherMethods(allow)
    }
}

/// The values of the `{…}` segments when `segments` fit the pattern.
fn matches(pattern: &str, segments: &[&str]) -> Option<Vec<String>> {
    let parts: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut params = Vec::new();
    for (part, segment) in parts.iter().zip(segments) {
        if part.starts_with('{') {
            params.push((*segment).to_string());
        } else if part != segment {
            return None;
        }
    }
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(method: &str, path: &str, dev: bool) -> String {
        match lookup(method, path, dev) {
            Found::Handler(_, params) => format!("handler {params:?}"),
            Found::OtherMethods(allow) => format!("405 {}", allow.join(", ")),
            Found::Nothing => "404".into(),
        }
    }

    #[test]
    fn one_table_dispatches_and_knows_what_else_a_path_allows() {
        assert_eq!(found("GET", "/me", false), "handler []");
        assert_eq!(found("PUT", "/me", false), "405 GET, DELETE");
        assert_eq!(found("QUERY", "/me", false), "405 GET, DELETE");
        assert_eq!(found("FOO", "/me", false), "405 GET, DELETE");
        assert_eq!(found("get", "/me", false), "405 GET, DELETE");
        assert_eq!(found("HEAD", "/health", false), "405 GET");
        assert_eq!(found("POST", "/staff/session", false), "handler []");
        assert_eq!(
            found("PATCH", "/staff/session", false),
            "405 POST, GET, DELETE"
        );
        assert_eq!(found("GET", "/nope", false), "404");
        assert_eq!(found("GET", "", false), "404");
        assert_eq!(found("GET", "/health/extra", false), "404");
        assert_eq!(found("GET", "/HEALTH", false), "404");
        assert_eq!(found("GET", "//health/", false), "handler []");
    }

    #[test]
    fn path_segments_reach_the_handler() {
        assert_eq!(
            found("GET", "/instruments/phq9", false),
            "handler [\"phq9\"]"
        );
        assert_eq!(
            found("POST", "/staff/participants/abc/assignments", false),
            "handler [\"abc\"]"
        );
        assert_eq!(
            found("GET", "/staff/participants/abc/assignments", false),
            "405 POST"
        );
    }

    #[test]
    fn dev_routes_exist_only_in_dev_mode() {
        for path in ["/dev/clock", "/dev/seed", "/dev/retention"] {
            assert_eq!(found("POST", path, false), "404", "{path}");
            assert_eq!(found("GET", path, false), "404", "{path}");
            assert_eq!(found("POST", path, true), "handler []", "{path}");
            assert_eq!(found("GET", path, true), "405 POST", "{path}");
        }
    }

    #[test]
    fn every_route_is_unique_and_well_formed() {
        for (i, a) in ROUTES.iter().enumerate() {
            assert!(a.path.starts_with('/'), "{}", a.path);
            assert!(
                ["GET", "POST", "DELETE"].contains(&a.method),
                "{} {}",
                a.method,
                a.path
            );
            for b in &ROUTES[i + 1..] {
                assert!(
                    !(a.method == b.method && a.path == b.path),
                    "{} {} twice",
                    a.method,
                    a.path
                );
            }
        }
    }
}
