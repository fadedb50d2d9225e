use crate::{i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    view! {
        <h1>{move || t().settings_title}</h1>
        <p>{move || t().settings_intro}</p>
    }
}
