//! Staff mode (SPEC §4): the professional side of the same app. Every page sits in
//! [`frame::StaffFrame`], which asks the edge who is logged in and shows the login form
//! otherwise. Pure parts (password hashing, CSV, chart geometry) are plain modules.

pub mod bars;
mod dom;
mod frame;
pub mod hash;
pub mod i18n;
mod invite;
mod login;
mod overview;
mod participant;
mod security;
pub mod slips;
mod stats;
mod users;
mod who;

pub use frame::StaffHome;
pub use invite::Invite;
pub use participant::ParticipantPage;
pub use security::SecurityPage;
pub use stats::StatsPage;
pub use users::UsersPage;

use crate::api::ApiError;
use leptos::prelude::*;

/// The status of a failed call, if the edge answered.
pub fn status_of(e: &ApiError) -> Option<u16> {
    match e {
        ApiError::Status { status, .. } => Some(*status),
        _ => None,
    }
}

/// An RFC 3339 time (or a `YYYY-MM-DD` day) from the edge as a date people read, in their
/// language and the deployment's time zone.
pub fn day(timestamp: &str, lang: content::Lang) -> String {
    content::dates::date_of_text(timestamp, lang)
}

/// A JSON body for [`crate::api::request`].
pub fn body<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
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
