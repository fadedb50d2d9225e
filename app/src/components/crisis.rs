//! The safety path (SPEC §3.6): crisis resources from the deployment configuration
//! (`content::config`, compiled in, so they need no request), shown at once whatever the total, with what a
//! person must know so as not to wait for a reply that is not coming: nobody watches Mestring
//! around the clock, and staff see an answer only later, if sharing is on.

use crate::i18n::{self, use_lang};
use crate::session::use_session;
use content::api::ConsentState;
use leptos::prelude::*;

/// The list of resources: tap to call, and a chat link where there is one.
#[component]
pub fn CrisisList() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    view! {
        <ul class="crisis-list">
            {content::config::get()
                .crisis_resources
                .iter()
                .map(|r| {
                    view! {
                        <li>
                            <a class="crisis-number" href=r.tel()>
                                {move || r.name.get(lang.get()).to_owned()}
                                ": "
                                <strong>{r.number.as_str()}</strong>
                            </a>
                            <span class="hint">{move || r.note.get(lang.get()).to_owned()}</span>
                            {r.chat.as_deref().map(|url| view! {
                                <a
                                    class="crisis-chat"
                                    href=url
                                    rel="noopener noreferrer"
                                    aria-label=move || i18n::fill(t().crisis_chat_label, &[r.name.get(lang.get())])
                                >
                                    {move || t().crisis_chat}
                                </a>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn Crisis() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let session = use_session();
    // Who, if anyone, will see this answer, and when.
    let shared_with = move || {
        session.me.with(|m| {
            m.as_ref().and_then(|m| {
                (m.consent.state == ConsentState::Granted)
                    .then(|| m.business.as_ref().map(|b| b.name.clone()))
                    .flatten()
            })
        })
    };
    view! {
        <section class="crisis" aria-labelledby="crisis-title">
            <h2 id="crisis-title">{move || t().crisis_title}</h2>
            <p>{move || t().crisis_intro}</p>
            <CrisisList/>
            <p>{move || t().crisis_not_watched}</p>
            <p>
                {move || match shared_with() {
                    Some(name) => i18n::fill(t().crisis_shared, &[&name]),
                    None => t().crisis_not_shared.to_string(),
                }}
            </p>
        </section>
    }
}
