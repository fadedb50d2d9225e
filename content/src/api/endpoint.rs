//! One endpoint of the contract as a value: method, path, who may call it, and (as type
//! parameters) the request and response bodies. The list of every endpoint is
//! [`super::endpoints`].

use std::marker::PhantomData;

use super::Empty;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No session needed.
    Anyone,
    /// An end-user session (cookie `mestring_session`); 401 without one.
    User,
    /// A staff session (cookie `mestring_staff`); 401 without one.
    Staff,
    /// A staff session of a role the endpoint names; 401 without a session, 403 for another role.
    Role,
    /// Served only by a dev-mode edge (`MESTRING_DEV=1`); elsewhere the path does not exist.
    Dev,
}

/// A query-string parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub required: bool,
    /// The values allowed; empty when `pattern` says it.
    pub values: &'static [&'static str],
    /// A regular expression for free values (empty when `values` lists them).
    pub pattern: &'static str,
    pub description: &'static str,
}

/// One endpoint: `Req` is the JSON body it reads ([`Empty`] for none), `Resp` the JSON body of
/// its success answers.
pub struct Endpoint<Req: 'static = Empty, Resp: 'static = Empty> {
    pub method: &'static str,
    /// Under `/api`; a `{…}` segment is one path parameter.
    pub path: &'static str,
    pub access: Access,
    /// The success statuses (each answers `Resp`).
    pub ok: &'static [u16],
    pub summary: &'static str,
    pub query: &'static [Param],
    /// Error statuses beyond those that follow from the rest (a body: 400, 413, 415, 422; a
    /// session: 401; a role: 403; a path parameter: 404).
    pub errors: &'static [u16],
    types: PhantomData<fn(Req) -> Resp>,
}

impl<Req, Resp> Endpoint<Req, Resp> {
    pub(super) const fn new(method: &'static str, path: &'static str, access: Access) -> Self {
        Endpoint {
            method,
            path,
            access,
            ok: &[200],
            summary: "",
            query: &[],
            errors: &[],
            types: PhantomData,
        }
    }

    pub(super) const fn get(path: &'static str, access: Access) -> Self {
        Self::new("GET", path, access)
    }

    pub(super) const fn post(path: &'static str, access: Access) -> Self {
        Self::new("POST", path, access)
    }

    pub(super) const fn delete(path: &'static str, access: Access) -> Self {
        Self::new("DELETE", path, access)
    }

    pub(super) const fn ok(mut self, ok: &'static [u16]) -> Self {
        self.ok = ok;
        self
    }

    pub(super) const fn says(mut self, summary: &'static str) -> Self {
        self.summary = summary;
        self
    }

    pub(super) const fn query(mut self, query: &'static [Param]) -> Self {
        self.query = query;
        self
    }

    pub(super) const fn errors(mut self, errors: &'static [u16]) -> Self {
        self.errors = errors;
        self
    }

    /// The URL the browser calls: `/api` + the path with each `{…}` segment replaced by the
    /// next of `params`, in order.
    pub fn url(&self, params: &[&str]) -> String {
        url_of(self.path, params)
    }
}

fn url_of(path: &str, params: &[&str]) -> String {
    let mut params = params.iter();
    let mut out = String::from("/api");
    for segment in path.split('/').skip(1) {
        out.push('/');
        if segment.starts_with('{') {
            out.push_str(params.next().copied().unwrap_or(segment));
        } else {
            out.push_str(segment);
        }
    }
    out
}

/// The document's `operationId` of an endpoint: `GET /me` → `GET_me`,
/// `GET /instruments/{id}` → `GET_instruments_id`.
pub fn operation_id(method: &str, path: &str) -> String {
    let words: Vec<String> = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    format!("{method}_{}", words.join("_"))
}

/// What the route table and the document need of an endpoint, whatever its types.
pub trait Route: Sync {
    fn method(&self) -> &'static str;
    fn path(&self) -> &'static str;
    fn access(&self) -> Access;
    /// Whether the endpoint reads a JSON request body (its request type is not [`Empty`]).
    fn has_body(&self) -> bool;
    #[cfg(feature = "openapi")]
    fn operation(&self, generators: &mut crate::openapi::Generators) -> serde_json::Value;
}

macro_rules! route_impl {
    ($($bound:tt)*) => {
        impl<Req: $($bound)*, Resp: $($bound)*> Route for Endpoint<Req, Resp> {
            fn method(&self) -> &'static str {
                self.method
            }
            fn path(&self) -> &'static str {
                self.path
            }
            fn access(&self) -> Access {
                self.access
            }
            fn has_body(&self) -> bool {
                std::any::TypeId::of::<Req>() != std::any::TypeId::of::<Empty>()
            }
            #[cfg(feature = "openapi")]
            fn operation(
                &self,
                generators: &mut crate::openapi::Generators,
            ) -> serde_json::Value {
                crate::openapi::operation(self, generators)
            }
        }
    };
}
#[cfg(feature = "openapi")]
route_impl!(schemars::JsonSchema + 'static);
#[cfg(not(feature = "openapi"))]
route_impl!('static);
