//! What the staff pages share: the paths the menu and the pages link to, reading a failed call,
//! the common error texts, dates, and the message under a form. Below every page, imports no
//! page. Calls to the edge go through `crate::api` with the contract's endpoint constants.

use super::i18n;
use crate::api::ApiError;
use leptos::prelude::*;

/// The feedback page: the desk for support, the form for everyone.
pub const FEEDBACK: &str = "/staff/feedback";
/// The business's details as patients see them (super users).
pub const BUSINESS: &str = "/staff/business";

/// The status of a failed call, if the edge answered.
pub fn status_of(e: &ApiError) -> Option<u16> {
    match e {
        ApiError::Status { status, .. } => Some(*status),
        _ => None,
    }
}

/// The error code of the edge's answer (`assignment_done`, `invalid_business`, …), if any.
pub fn code_of(e: &ApiError) -> Option<&str> {
    match e {
        ApiError::Status { body, .. } => Some(body.error.code.as_str()),
        _ => None,
    }
}

/// An RFC 3339 time (or a `YYYY-MM-DD` day) from the edge as a date people read, in their
/// language and the deployment's time zone.
pub fn day(timestamp: &str, lang: content::Lang) -> String {
    content::dates::date_of_text(timestamp, lang)
}

/// The common message for a failed call.
pub fn error_text(lang: content::Lang, e: &ApiError) -> &'static str {
    let t = i18n::ui(lang);
    match status_of(e) {
        Some(401) => t.error_401,
        Some(403) => t.error_403,
        Some(429) => t.error_429,
        Some(422) => t.error_422,
        None => t.error_offline,
        _ => t.error_generic,
    }
}

/// The message paragraph under a form: live, empty when there is nothing to say.
#[component]
pub fn Message(text: RwSignal<Option<String>>) -> impl IntoView {
    view! { <p role="alert" class="message">{move || text.get()}</p> }
}
