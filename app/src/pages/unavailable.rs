use crate::i18n::{self, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown instead of a page whose code could not be fetched (offline before the service worker
/// kept it): says so, keeps the frame and its help link usable, and offers to try again.
#[component]
pub fn Unavailable() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let retry = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <h1>{move || t().unavailable_title}</h1>
        <p>{move || t().unavailable_body}</p>
        <p><button type="button" on:click=retry>{move || t().unavailable_retry}</button></p>
        <p><A href="/">{move || t().back_home}</A></p>
    }
}
