//! Portability: the edge's JSON and FHIR exports, and the device-only notes (which exist
//! nowhere else: losing the device loses them).

use crate::i18n::{self, use_lang};
use crate::session::use_session;
use crate::{browser, store};
use content::api::endpoints;
use leptos::prelude::*;

#[component]
pub fn Export() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let local = move |_| {
        leptos::task::spawn_local(async move {
            let mut notes = Vec::new();
            for record in store::records("text:") {
                if let Ok(Some(text)) = store::open(&record).await {
                    let (tool, step) = record
                        .trim_start_matches("text:")
                        .split_once('/')
                        .unwrap_or(("", ""));
                    notes.push(serde_json::json!({ "tool": tool, "step": step, "text": text }));
                }
            }
            let doc = serde_json::json!({
                "exported_at": crate::session::now_rfc3339(),
                "notes": notes,
            });
            browser::download(
                "mestring-notes.json",
                "application/json",
                &serde_json::to_string_pretty(&doc).unwrap_or_default(),
            );
        });
    };
    view! {
        <section class="panel" aria-labelledby="export-title">
            <h2 id="export-title">{move || t().export_title}</h2>
            <p>{move || t().export_intro}</p>
            <ul class="list">
                <li><a href=format!("{}?format=json", endpoints::EXPORT.url(&[])) download="mestring.json">{move || t().export_json}</a></li>
                <li><a href=format!("{}?format=fhir", endpoints::EXPORT.url(&[])) download="mestring-fhir.json">{move || t().export_fhir}</a></li>
            </ul>
            <Show when=move || session.unlocked.get()
                fallback=move || view! { <p class="hint">{move || t().export_local_locked}</p> }>
                <button type="button" on:click=local>{move || t().export_local}</button>
            </Show>
        </section>
    }
}
