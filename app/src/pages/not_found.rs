use crate::i18n::{self, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    view! {
        <h1>{move || t().not_found_title}</h1>
        <p>{move || t().not_found_body}</p>
        <p><A href="/">{move || t().back_home}</A></p>
    }
}
