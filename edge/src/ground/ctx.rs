//! The request context every handler gets, and the worker environment: bindings, variables
//! and the dev-mode switch, each read in this one place.

use crate::ground::error::ApiError;
use worker::{D1Database, Env, Request};

pub struct Ctx {
    pub req: Request,
    pub env: Env,
    /// The values of the `{…}` segments of the matched route, in order.
    params: Vec<String>,
}

impl Ctx {
    pub fn new(req: Request, env: Env, params: Vec<String>) -> Self {
        Ctx { req, env, params }
    }

    pub fn db(&self) -> Result<D1Database, ApiError> {
        database(&self.env)
    }

    /// The `i`-th `{…}` segment of the route (empty if the route has none there).
    pub fn param(&self, i: usize) -> &str {
        self.params.get(i).map_or("", String::as_str)
    }

    /// A request header, if present and readable.
    pub fn header(&self, name: &str) -> Option<String> {
        self.req.headers().get(name).ok().flatten()
    }
}

/// The D1 binding.
pub fn database(env: &Env) -> Result<D1Database, ApiError> {
    env.d1("DB").map_err(ApiError::from)
}

/// Dev-only behaviour (the dev calls, the movable clock) exists only where the worker variable
/// `MESTRING_DEV` is `1`; `env.production` never sets it.
pub fn dev_mode(env: &Env) -> bool {
    env.var("MESTRING_DEV")
        .map(|v| v.to_string() == "1")
        .unwrap_or(false)
}
