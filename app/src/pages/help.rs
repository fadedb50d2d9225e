//! `/help`: the deployment's crisis resources, one tap from the header of every page, logged in
//! or not. Everything on it is compiled into the app, so it opens without a request, also
//! offline once the app has loaded.

use crate::components::crisis::CrisisList;
use crate::i18n::{self, use_lang};
use leptos::prelude::*;

#[component]
pub fn Help() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    view! {
        <h1>{move || t().help_title}</h1>
        <section class="crisis" aria-labelledby="help-now">
            <h2 id="help-now">{move || t().crisis_title}</h2>
            <p>{move || t().help_intro}</p>
            <CrisisList/>
        </section>
        <p>{move || t().help_not_watched}</p>
        <p class="hint">{move || t().help_offline}</p>
    }
}
