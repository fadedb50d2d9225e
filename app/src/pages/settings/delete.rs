//! Delete everything (P8): typed confirmation, `DELETE /api/me`, then the local store is wiped.

use crate::api;
use crate::i18n::{self, use_lang};
use crate::session::{Flash, use_session};
use crate::store;
use content::api::endpoints;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Delete() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    let word = RwSignal::new(String::new());
    let message = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = t();
        if word.get_untracked().trim().to_uppercase() != t.delete_word {
            message.set(Some(t.delete_mismatch));
            crate::browser::focus_later("#delete-word");
            return;
        }
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::call(&endpoints::DELETE_ME, &[]).await {
                Ok(_) => {
                    store::wipe();
                    session.forget();
                    session.flash.set(Some(Flash::Deleted));
                    navigate("/", Default::default());
                }
                Err(_) => message.set(Some(i18n::pages(lang.get_untracked()).error_generic)),
            }
        });
    };
    view! {
        <section class="panel danger" aria-labelledby="delete-title">
            <h2 id="delete-title">{move || t().delete_title}</h2>
            <p>{move || t().delete_intro}</p>
            <p>{move || t().delete_alternatives}</p>
            <form class="stack" on:submit=submit novalidate>
                <div class="field">
                    <label for="delete-word">{move || t().delete_label}</label>
                    <input id="delete-word" type="text" autocomplete="off" spellcheck="false"
                        aria-describedby="delete-error"
                        prop:value=move || word.get()
                        on:input=move |ev| word.set(event_target_value(&ev))/>
                </div>
                <p id="delete-error" role="alert" class="message">{move || message.get()}</p>
                <button type="submit" class="danger">{move || t().delete_button}</button>
            </form>
        </section>
    }
}
