//! Small helpers for binding values to D1 statements. Numbers cross as JS numbers: every
//! integer we store (ms timestamps, counts) stays far below 2^53.

use crate::ground::error::ApiError;
use wasm_bindgen::JsValue;
use worker::D1Database;

pub fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

pub fn n(v: i64) -> JsValue {
    JsValue::from_f64(v as f64)
}

pub fn opt(v: Option<&str>) -> JsValue {
    v.map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

pub fn opt_n(v: Option<i64>) -> JsValue {
    v.map(n).unwrap_or(JsValue::NULL)
}

pub fn flag(v: bool) -> JsValue {
    n(v as i64)
}

/// `?first, ?first+1, …` for `n` values bound in an `IN (…)` list.
pub fn marks_from(first: usize, n: usize) -> String {
    (0..n)
        .map(|i| format!("?{}", i + first))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows changed by the statement that produced `result` (0 when D1 does not say).
pub fn changes(result: &worker::D1Result) -> Result<usize, ApiError> {
    Ok(result.meta()?.and_then(|m| m.changes).unwrap_or(0))
}

/// One round trip that proves the database answers (health).
pub async fn ping(db: &D1Database) -> Result<(), ApiError> {
    db.prepare("SELECT 1")
        .first::<serde_json::Value>(None)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::marks_from;

    #[test]
    fn marks_number_from_the_first() {
        assert_eq!(marks_from(3, 2), "?3, ?4");
        assert_eq!(marks_from(1, 0), "");
    }
}
