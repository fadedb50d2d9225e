//! HTTP in and out: the JSON body of a request (64 KiB cap, 415/413, 400 for syntax and 422 for
//! shape), query parameters, and responses built from plain values, [`ApiError`] included.

use crate::ground::error::ApiError;
use serde::{Serialize, de::DeserializeOwned};
use worker::{Request, Response};

/// No request of the contract needs more; a larger body is refused before it is read.
pub const MAX_BODY: usize = 64 * 1024;

/// The raw JSON body, after the content-type and size checks.
pub async fn read_body(req: &mut Request) -> Result<Vec<u8>, ApiError> {
    let headers = req.headers();
    let content_type = headers
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if !content::origin::is_json(&content_type) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let declared = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY) {
        return Err(ApiError::PayloadTooLarge { limit: MAX_BODY });
    }
    let bytes = req
        .bytes()
        .await
        .map_err(|_| ApiError::MalformedJson("the body could not be read".into()))?;
    if bytes.len() > MAX_BODY {
        return Err(ApiError::PayloadTooLarge { limit: MAX_BODY });
    }
    Ok(bytes)
}

/// Pure: classifies serde's error so that syntax errors are 400 and shape errors 422.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.len() > MAX_BODY {
        return Err(ApiError::PayloadTooLarge { limit: MAX_BODY });
    }
    serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ApiError::InvalidBody(e.to_string()),
        _ => ApiError::MalformedJson(e.to_string()),
    })
}

/// A query-string parameter of the request.
pub fn query(req: &Request, key: &str) -> Option<String> {
    req.url()
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub fn json_response<T: Serialize>(status: u16, body: &T) -> Response {
    // Serialising our own types cannot fail; fall back to a fixed body rather than panic.
    let text = serde_json::to_string(body).unwrap_or_else(|_| {
        r#"{"error":{"code":"internal","message":"Response could not be encoded."}}"#.to_string()
    });
    let resp = Response::from_bytes(text.into_bytes())
        .unwrap_or_else(|_| Response::empty().unwrap_or_else(|_| Response::builder().empty()));
    let resp = resp.with_status(status);
    let _ = resp
        .headers()
        .set("content-type", "application/json; charset=utf-8");
    resp
}

pub fn ok<T: Serialize>(body: &T) -> Result<Response, ApiError> {
    Ok(json_response(200, body))
}

pub fn created<T: Serialize>(body: &T) -> Result<Response, ApiError> {
    Ok(json_response(201, body))
}

/// An empty answer (204).
pub fn no_content() -> Result<Response, ApiError> {
    Ok(Response::empty()?.with_status(204))
}

pub fn with_header(resp: Response, name: &str, value: &str) -> Response {
    let _ = resp.headers().set(name, value);
    resp
}

/// Adds a `Set-Cookie` (several may be added).
pub fn with_cookie(resp: Response, cookie: &str) -> Response {
    let _ = resp.headers().append("set-cookie", cookie);
    resp
}

/// The one place an [`ApiError`] becomes a response: its status, its JSON body and its headers.
pub fn error_response(err: ApiError) -> Response {
    if let ApiError::Internal(detail) = &err {
        // Only the error kind and the runtime's message: never a request body, code or IP.
        worker::console_error!("internal error: {detail}");
    }
    let resp = json_response(err.status(), &err.body());
    for (name, value) in err.headers() {
        let _ = resp.headers().set(name, &value);
    }
    resp
}
