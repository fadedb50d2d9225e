//! The route table: every `/api` endpoint of `content::api::endpoints` with its handler. The
//! same table dispatches a request and, for a known path with another method (any method that
//! reaches the worker; workerd itself answers one it does not know, such as `FOO`, with 501),
//! answers 405 with the `Allow` header listing what the path accepts. Before a handler runs, an
//! unsafe request from another site is refused (`content::origin`). Dev-only routes exist only
//! in dev mode, decided here and nowhere else.

use crate::{
    ground::{ctx, ctx::Ctx, error::ApiError, headers, http},
    handlers::{
        consent, dev, feedback, health, instruments, me, private_access, registrations, session,
        staff, staff_account, staff_admin, staff_participants, staff_stats, staff_totp,
    },
};
use content::{
    api::endpoints::{self as e, Access},
    origin,
};
use std::{future::Future, pin::Pin};
use worker::{Env, Request, Response};

type Answer = Pin<Box<dyn Future<Output = Result<Response, ApiError>>>>;
type Handler = fn(Ctx) -> Answer;

struct Route {
    /// The endpoint of the contract this route serves.
    endpoint: &'static dyn e::Route,
    method: &'static str,
    /// Under `/api`; a `{…}` segment matches any one segment and is handed to the handler.
    path: &'static str,
    /// Served only in dev mode (`MESTRING_DEV=1`); elsewhere the path does not exist.
    dev_only: bool,
    handler: Handler,
}

/// A route from its endpoint in `content::api::endpoints` (method, path and who may call it
/// are written there once) and the handler that serves it.
macro_rules! route {
    ($endpoint:path => $handler:path) => {
        Route {
            endpoint: &$endpoint,
            method: $endpoint.method,
            path: $endpoint.path,
            dev_only: matches!($endpoint.access, Access::Dev),
            handler: |ctx| Box::pin($handler(ctx)),
        }
    };
}

#[rustfmt::skip]
const ROUTES: &[Route] = &[
    route!(e::HEALTH => health::get),
    route!(e::OPENAPI => health::openapi),
    route!(e::INSTRUMENTS => instruments::list),
    route!(e::INSTRUMENT => instruments::one),
    route!(e::LOGIN => session::login),
    route!(e::LOGOUT => session::logout),
    route!(e::LINK => session::link),
    route!(e::ME => me::get),
    route!(e::DELETE_ME => me::delete),
    route!(e::CONSENT => consent::share),
    route!(e::RENEWAL => consent::renewal),
    route!(e::SUBMIT_RESPONSE => registrations::submit_response),
    route!(e::REMOVE_RESPONSE => registrations::remove_response),
    route!(e::RESPONSES => registrations::list_responses),
    route!(e::PROGRESS => registrations::submit_progress),
    route!(e::CHANGE_CODE => me::change_code),
    route!(e::CONFIRM_CODE => me::confirm_code),
    route!(e::DEVICE_LINK => me::device_link),
    route!(e::EXPORT => me::export),
    route!(e::ACCESS_LOG => me::access_log),
    route!(e::FEEDBACK => feedback::submit),
    route!(e::MY_FEEDBACK => feedback::mine),
    route!(e::REDEEM_VOUCHER => private_access::redeem),
    route!(e::PURCHASE_INFO => private_access::info),
    route!(e::PURCHASE_CHECKOUT => private_access::checkout),
    route!(e::PURCHASE_WEBHOOK => private_access::webhook),
    route!(e::PURCHASE_CLAIM => private_access::claim),
    route!(e::STAFF_PRELOGIN => staff::prelogin),
    route!(e::STAFF_LOGIN => staff::login),
    route!(e::STAFF_SESSION => staff::whoami),
    route!(e::STAFF_LOGOUT => staff::logout),
    route!(e::TOTP_ENROL => staff_totp::enrol),
    route!(e::TOTP_CONFIRM => staff_totp::confirm),
    route!(e::TOTP_DISABLE => staff_totp::disable),
    route!(e::INVITE_INFO => staff::invite_info),
    route!(e::INVITE_ACCEPT => staff::accept_invite),
    route!(e::ISSUE_CODES => staff_participants::issue_codes),
    route!(e::PARTICIPANTS => staff_participants::list),
    route!(e::PARTICIPANT => staff_participants::detail),
    route!(e::ASSIGN => staff_participants::assign),
    route!(e::WITHDRAW => staff_participants::withdraw),
    route!(e::STATS => staff_stats::get),
    route!(e::STAFF_USERS => staff_admin::list),
    route!(e::CHANGE_STAFF_USER => staff_admin::change),
    route!(e::BUSINESS => staff_admin::business),
    route!(e::CHANGE_BUSINESS => staff_admin::change_business),
    route!(e::TOTP_POLICY => staff_admin::totp_policy),
    route!(e::STAFF_ME => staff_account::data),
    route!(e::STAFF_DELETE_ME => staff_account::delete),
    route!(e::AUDIT => staff_admin::audit),
    route!(e::STAFF_FEEDBACK => feedback::submit_staff),
    route!(e::FEEDBACK_DESK => feedback::desk),
    route!(e::FEEDBACK_HANDLED => feedback::handled),
    route!(e::DEV_CLOCK => dev::clock),
    route!(e::DEV_SEED => dev::seed),
    route!(e::DEV_RETENTION => dev::retention),
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
        Found::Handler(route, params) => {
            unsafe_request_checks(&req, &method, route.endpoint)?;
            (route.handler)(Ctx::new(req, env, params)).await
        }
        Found::OtherMethods(allow) => Err(ApiError::MethodNotAllowed {
            allow: allow.join(", "),
        }),
        Found::Nothing => Err(ApiError::NotFound),
    }
}

/// Every unsafe method (`content::origin`): another site's `Origin` or `Sec-Fetch-Site` is a
/// 403 before anything else, and an endpoint that reads no body refuses a declared content type
/// other than JSON (415). Endpoints that read a body check theirs after the session, in
/// `ground::http::read_body`.
fn unsafe_request_checks(
    req: &Request,
    method: &str,
    endpoint: &dyn e::Route,
) -> Result<(), ApiError> {
    if !origin::is_unsafe(method) {
        return Ok(());
    }
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let own = req
        .url()
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let from = header("origin");
    let site = header("sec-fetch-site");
    if !origin::same_origin(&own, from.as_deref(), site.as_deref()) {
        return Err(ApiError::CrossSite);
    }
    let declared = header("content-type");
    if !endpoint.has_body() && declared.is_some_and(|ct| !origin::is_json(&ct)) {
        return Err(ApiError::UnsupportedMediaType);
    }
    Ok(())
}

enum Found {
    Handler(&'static Route, Vec<String>),
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
            return Found::Handler(route, params);
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
    fn the_table_serves_every_endpoint_of_the_contract_and_no_other() {
        let served: Vec<_> = ROUTES.iter().map(|r| (r.method, r.path)).collect();
        let contract: Vec<_> = e::ALL.iter().map(|r| (r.method(), r.path())).collect();
        assert_eq!(served, contract);
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
