//! The safety path (SPEC §3.6): crisis resources, shown at once whatever the total.

use crate::crisis::RESOURCES;
use crate::{i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn Crisis() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    view! {
        <section class="crisis" aria-labelledby="crisis-title">
            <h2 id="crisis-title">{move || t().crisis_title}</h2>
            <p>{move || t().crisis_intro}</p>
            <ul class="crisis-list">
                {RESOURCES
                    .iter()
                    .map(|r| {
                        view! {
                            <li>
                                <a class="crisis-number" href=r.tel()>
                                    {move || r.name(lang.get())}
                                    ": "
                                    <strong>{r.number}</strong>
                                </a>
                                <span class="hint">{move || r.note(lang.get())}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
