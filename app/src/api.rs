//! The app's one door to the edge: same-origin JSON over `fetch`, errors in the shape of SPEC §6.
//! Also the one place that notices an ended session: a 401 from a call that needs a session
//! (`content::api::endpoints::needs_session`) runs the hook the mounted frame set
//! ([`on_session_end`]), on every page of both sides.

use content::api::{ErrorBody, endpoints::Endpoint};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer (offline, server down).
    #[error("network: {0}")]
    Network(String),
    /// The edge answered with its JSON error shape.
    #[error("{status} {}: {}", body.error.code, body.error.message)]
    Status {
        status: u16,
        body: ErrorBody,
        /// Seconds from `Retry-After` (429).
        retry_after: Option<u32>,
    },
    #[error("unexpected answer: {0}")]
    Decode(String),
}

fn js_err(e: JsValue) -> ApiError {
    ApiError::Network(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Calls an endpoint of the contract that takes no body: its method, its path (with `params`
/// in its `{…}` segments) and the type of its answer all come from `content::api::endpoints`.
pub async fn call<Req, Resp: DeserializeOwned>(
    endpoint: &Endpoint<Req, Resp>,
    params: &[&str],
) -> Result<Resp, ApiError> {
    request(endpoint.method, &endpoint.url(params), None).await
}

/// Calls an endpoint of the contract that takes no body, with a query string (`?a=b&…`, or
/// empty).
pub async fn call_with_query<Req, Resp: DeserializeOwned>(
    endpoint: &Endpoint<Req, Resp>,
    params: &[&str],
    query: &str,
) -> Result<Resp, ApiError> {
    request(
        endpoint.method,
        &format!("{}{query}", endpoint.url(params)),
        None,
    )
    .await
}

thread_local! {
    static SESSION_END: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// What to do when a call that needs a session answers 401: the end user's frame and staff
/// mode's frame each set theirs when they mount (the latest one set is the one shown).
pub fn on_session_end(hook: impl Fn() + 'static) {
    SESSION_END.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

fn session_ended() {
    // Cloned out first, so the hook may make calls (and set another hook) itself.
    if let Some(hook) = SESSION_END.with(|h| h.borrow().clone()) {
        hook();
    }
}

/// Calls an endpoint of the contract with its JSON body.
pub async fn send<Req: serde::Serialize, Resp: DeserializeOwned>(
    endpoint: &Endpoint<Req, Resp>,
    params: &[&str],
    body: &Req,
) -> Result<Resp, ApiError> {
    let text = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    request(endpoint.method, &endpoint.url(params), Some(text)).await
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

pub async fn request<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    let answer = fetch(method, path, body).await?;
    if answer.status == 401 && content::api::endpoints::needs_session(method, path) {
        session_ended();
    }
    decode(answer.status, &answer.text).map_err(|e| match e {
        ApiError::Status { status, body, .. } => ApiError::Status {
            status,
            body,
            retry_after: answer.retry_after,
        },
        other => other,
    })
}

/// `GET /api/health` answered `"status": "ok"`. The footer asks on every page, the login page
/// too, so this reads the answer with the browser's own JSON parser: the typed decoder
/// ([`request`]) is not part of the first load (it comes with the session's chunk).
pub async fn service_up() -> bool {
    let Ok(answer) = fetch("GET", &content::api::endpoints::HEALTH.url(&[]), None).await else {
        return false;
    };
    answer.status == 200
        && js_sys::JSON::parse(&answer.text)
            .and_then(|v| js_sys::Reflect::get(&v, &JsValue::from_str("status")))
            .is_ok_and(|s| s.as_string().as_deref() == Some("ok"))
}

/// An answer as it came: status, body and the `Retry-After` seconds.
struct Answer {
    status: u16,
    text: String,
    retry_after: Option<u32>,
}

async fn fetch(method: &str, path: &str, body: Option<String>) -> Result<Answer, ApiError> {
    let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
    }
    let req = web_sys::Request::new_with_str_and_init(path, &init).map_err(js_err)?;
    let headers = req.headers();
    headers.set("accept", "application/json").map_err(js_err)?;
    if body.is_some() {
        headers
            .set("content-type", "application/json")
            .map_err(js_err)?;
    }
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(js_err)?
        .dyn_into()
        .map_err(js_err)?;
    let text = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?
        .as_string()
        .unwrap_or_default();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse().ok());
    Ok(Answer {
        status: resp.status(),
        text,
        retry_after,
    })
}

/// Pure: turns a status and body into the typed answer or the typed error.
pub fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        // 204 No Content (e.g. `POST /api/me/code/confirm`) decodes as JSON null, so `()`.
        let text = if status == 204 || text.trim().is_empty() {
            "null"
        } else {
            text
        };
        return serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()));
    }
    match serde_json::from_str::<ErrorBody>(text) {
        Ok(body) => Err(ApiError::Status {
            status,
            body,
            retry_after: None,
        }),
        Err(_) => Err(ApiError::Status {
            status,
            body: ErrorBody::new("unexpected", format!("HTTP {status}")),
            retry_after: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::api::Health;

    #[test]
    fn success_bodies_decode_to_the_type() {
        let h: Health = decode(200, r#"{"status":"ok","schema_version":1}"#).unwrap();
        assert_eq!(h.schema_version, 1);
    }

    #[test]
    fn no_content_decodes_as_unit() {
        assert_eq!(decode::<()>(204, ""), Ok(()));
        assert_eq!(
            decode::<content::api::Empty>(204, ""),
            Ok(content::api::Empty)
        );
        assert!(decode::<Health>(204, "").is_err());
    }

    #[test]
    fn error_bodies_keep_code_and_status() {
        let e = decode::<Health>(404, r#"{"error":{"code":"not_found","message":"No."}}"#);
        assert!(
            matches!(e, Err(ApiError::Status { status: 404, body, .. }) if body.error.code == "not_found")
        );
        let e = decode::<Health>(502, "<html>bad gateway</html>");
        assert!(matches!(e, Err(ApiError::Status { status: 502, .. })));
    }
}
