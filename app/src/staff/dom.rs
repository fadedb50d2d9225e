//! Small DOM helpers for staff mode. Failures are reported as `false`/`None`, never panics.

/// The app's own address (`https://…`), printed on the slips.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Today as `YYYY-MM-DD` (UTC) from the browser clock.
pub fn today() -> String {
    content::time::date_of(js_sys::Date::now() as i64)
}

/// This month as `YYYY-MM`.
pub fn this_month() -> String {
    today().chars().take(7).collect()
}
