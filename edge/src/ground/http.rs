//! HTTP in and out: the JSON body of a request (64 KiB cap, 415/413, 400 for syntax and 422 for
//! shape), query parameters, and responses built from plain values, [`ApiError`] included.

use crate::ground::error::ApiError;
use content::api::is_nameable;
use serde::{Serialize, de::DeserializeOwned};
use worker::{Request, Response};

/// No request of the contract needs more; a larger body is refused before it is read.
pub const MAX_BODY: usize = 64 * 1024;

/// The raw JSON body, after the content-type and size checks.
/// [`read_body`] for a call whose body may be left out: a request with no content type and
/// no body reads as empty (a bare `curl -X POST`); one that declares a type is read as usual.
pub async fn read_optional_body(req: &mut Request) -> Result<Vec<u8>, ApiError> {
    let typed = req.headers().get("content-type").ok().flatten().is_some();
    if typed {
        read_body(req).await
    } else {
        Ok(Vec::new())
    }
}

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

/// Pure: parses a JSON body. Syntax errors are 400, shape errors 422; either message names
/// where and which rule, and never repeats what was sent (a value, an unknown name) or a type
/// of ours ([`shape_message`]).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.len() > MAX_BODY {
        return Err(ApiError::PayloadTooLarge { limit: MAX_BODY });
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // An unknown field's path ends in the name sent; the message is about its parent.
        let unknown = e.inner().to_string().starts_with("unknown field");
        let path = field_path(e.path(), unknown);
        classify(e.inner(), path.as_deref())
    })?;
    de.end().map_err(|e| classify(&e, None))?;
    Ok(value)
}

fn classify(e: &serde_json::Error, path: Option<&str>) -> ApiError {
    match e.classify() {
        serde_json::error::Category::Data => {
            ApiError::InvalidBody(shape_message(&e.to_string(), path))
        }
        // serde_json's syntax messages are fixed texts with a line and column.
        _ => ApiError::MalformedJson(e.to_string()),
    }
}

/// The path of the value at fault (`answers.phq9.1`, `codes[2]`), `None` for the body itself.
/// A name that is not plain ([`content::api::is_nameable`]) shows as `…`.
fn field_path(path: &serde_path_to_error::Path, parent: bool) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    let take = path.iter().len().saturating_sub(usize::from(parent));
    for segment in path.iter().take(take) {
        let name = match segment {
            Segment::Seq { index } => {
                out.push_str(&format!("[{index}]"));
                continue;
            }
            Segment::Map { key } => key.as_str(),
            Segment::Enum { variant } => variant.as_str(),
            Segment::Unknown => "?",
        };
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(if is_nameable(name) { name } else { "…" });
    }
    (!out.is_empty()).then_some(out)
}

/// Pure: serde's shape error (`invalid type: string "<input>", expected struct LoginRequest`)
/// as the field and the rule (`` `code` must be a string ``). Only names of the contract (the
/// fields serde expected, the values an enum allows) are repeated.
pub fn shape_message(serde_message: &str, path: Option<&str>) -> String {
    // serde_json appends " at line L column C"; the rest is serde's.
    let message = serde_message
        .rfind(" at line ")
        .map_or(serde_message, |i| &serde_message[..i]);
    let field = |inner: Option<&str>| match (path, inner) {
        (Some(p), Some(i)) => format!("`{p}.{i}`"),
        (Some(p), None) => format!("`{p}`"),
        (None, Some(i)) => format!("`{i}`"),
        (None, None) => "the body".into(),
    };
    let expected = message
        .split_once(", expected ")
        .map(|(_, e)| e)
        .unwrap_or("");
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .filter(|name| is_nameable(name))
    };
    if let Some(name) = quoted("missing field `") {
        format!("{} is missing", field(Some(name)))
    } else if let Some(name) = quoted("duplicate field `") {
        format!("{} is given twice", field(Some(name)))
    } else if message.starts_with("unknown field `") {
        let takes = if expected.is_empty() {
            "no fields".to_string()
        } else {
            expected.to_string()
        };
        format!(
            "{} has a field it does not take (it takes {takes})",
            field(None)
        )
    } else if message.starts_with("unknown variant `") {
        format!("{} must be {expected}", field(None))
    } else if message.starts_with("invalid type: ") {
        format!("{} must be {}", field(None), kind(expected))
    } else if message.starts_with("invalid value: ") {
        format!(
            "{} is out of range: it must be {}",
            field(None),
            kind(expected)
        )
    } else if message.starts_with("invalid length ") {
        format!("{} has the wrong number of elements", field(None))
    } else {
        format!("{} does not have an accepted shape", field(None))
    }
}

/// What serde expected, in words of JSON (never a Rust type name).
fn kind(expected: &str) -> &'static str {
    let e = expected.trim();
    let integer = e
        .strip_prefix(['u', 'i'])
        .is_some_and(|bits| ["8", "16", "32", "64", "128", "size"].contains(&bits));
    if e.contains("string") {
        "a string"
    } else if e.contains("bool") {
        "true or false"
    } else if integer || e.contains("integer") {
        if e.starts_with('u') {
            "a whole number, 0 or more"
        } else {
            "a whole number"
        }
    } else if e == "f32" || e == "f64" || e.contains("number") {
        "a number"
    } else if e.contains("sequence") || e.contains("tuple") || e.contains("array") {
        "a list"
    } else if e.contains("option") {
        "a value or null"
    } else if e.starts_with("unit") {
        "null"
    } else if e.starts_with("enum") || e.starts_with("variant") {
        "one of the accepted values"
    } else {
        // `struct …`, `a map`, tagged enums and the rest are objects in JSON.
        "an object"
    }
}

/// A query-string parameter of the request.
/// Every parameter of the URL's query, in order.
pub fn query_pairs(req: &Request) -> Vec<(String, String)> {
    req.url()
        .map(|u| {
            u.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use content::api::{FeedbackRequest, LoginRequest, StaffUserRequest};

    fn message<T: DeserializeOwned + std::fmt::Debug>(body: &str) -> (u16, String) {
        let e = parse_json::<T>(body.as_bytes()).expect_err(body);
        (e.status(), e.to_string())
    }

    #[test]
    fn shape_errors_name_the_field_and_the_rule_and_echo_nothing() {
        let script = "<script>alert(1)</script>";
        let long = "Q".repeat(5000);
        let cases: Vec<(String, &str)> = vec![
            (format!("{script:?}"), "the body must be an object"),
            (
                format!(r#"{{"code":[{script:?}]}}"#),
                "`code` must be a string",
            ),
            (r#"{"code":7}"#.into(), "`code` must be a string"),
            ("{}".into(), "`code` is missing"),
            (
                format!(r#"{{"code":"x",{long:?}:1}}"#),
                "the body has a field it does not take (it takes `code`)",
            ),
            (r#"{"code":"x","code":"y"}"#.into(), "`code` is given twice"),
        ];
        for (body, expected) in cases {
            let (status, text) = message::<LoginRequest>(&body);
            assert_eq!(status, 422, "{body}");
            assert!(text.contains(expected), "{body}: {text}");
            for echo in ["<script", "QQQQ", "struct", "LoginRequest", "invalid type"] {
                assert!(!text.contains(echo), "{body}: {text}");
            }
        }
        let (_, text) = message::<FeedbackRequest>(&format!(r#"{{"kind":{long:?},"text":"hi"}}"#));
        assert!(text.contains("`kind` must be `suggestion` or"), "{text}");
        assert!(!text.contains("QQQQ"), "{text}");
        let (_, text) = message::<StaffUserRequest>(r#"{"action":"promote","id":"x"}"#);
        assert!(!text.contains("promote"), "{text}");
        assert!(!text.contains("StaffUserRequest"), "{text}");
        let (_, text) = message::<content::api::IssueCodes>(r#"{"count":-1}"#);
        assert!(text.contains("`count` is out of range"), "{text}");
        assert!(text.contains("a whole number, 0 or more"), "{text}");
        assert!(!text.contains("-1"), "{text}");
    }

    #[test]
    fn syntax_errors_are_400_with_a_place_and_no_input() {
        for body in ["{\"code\": ", "{\"code\": \"<script>\"} trailing", ""] {
            let e = parse_json::<LoginRequest>(body.as_bytes()).expect_err(body);
            assert_eq!(e.status(), 400, "{body}");
            assert!(!e.to_string().contains("<script"), "{e}");
            assert!(e.to_string().contains("line 1"), "{e}");
        }
    }

    #[test]
    fn paths_keep_plain_names_only() {
        assert_eq!(
            shape_message(
                "missing field `x` at line 1 column 2",
                Some("answers.phq9.1")
            ),
            "`answers.phq9.1.x` is missing"
        );
        assert_eq!(
            shape_message("invalid type: string \"a\", expected u32", Some("codes[2]")),
            "`codes[2]` must be a whole number, 0 or more"
        );
        assert_eq!(
            shape_message("something custom about <b>", None),
            "the body does not have an accepted shape"
        );
    }
}
