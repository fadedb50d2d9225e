//! Small helpers for binding values to D1 statements. Numbers cross as JS numbers: every
//! integer we store (ms timestamps, counts) stays far below 2^53.

use wasm_bindgen::JsValue;

pub fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

pub fn n(v: i64) -> JsValue {
    JsValue::from_f64(v as f64)
}

pub fn opt(v: Option<&str>) -> JsValue {
    v.map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

pub fn flag(v: bool) -> JsValue {
    n(v as i64)
}
