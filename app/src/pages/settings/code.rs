//! Change code as a guided flow (SPEC §3.8): the new code is shown once, the user confirms they
//! wrote it down, and the local store is re-keyed under the new code.

use crate::api;
use crate::session::use_session;
use crate::{crypto, i18n, store, use_lang};
use content::api::CodeChanged;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Stage {
    Start,
    Shown(String),
    Finished,
}

#[component]
pub fn ChangeCode() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let session = use_session();
    let stage = RwSignal::new(Stage::Start);
    let written = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);

    let start = move |_| {
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::request::<CodeChanged>("POST", "/api/me/code", None).await {
                Ok(c) => {
                    // Re-key at once: the old code no longer works, and the store must follow.
                    if store::is_unlocked() {
                        crypto::pause(60).await;
                        let _ = store::rekey(&c.code).await;
                    }
                    stage.set(Stage::Shown(c.code));
                    crate::browser::focus_later("#new-code");
                }
                Err(_) => message.set(Some(i18n::ui(lang.get_untracked()).error_generic)),
            }
            busy.set(false);
        });
    };
    let done = move |_| {
        if written.get_untracked() {
            stage.set(Stage::Finished);
            written.set(false);
        } else {
            message.set(Some(t().code_confirm_first));
        }
    };

    view! {
        <section class="panel" aria-labelledby="code-title">
            <h2 id="code-title">{move || t().code_title}</h2>
            {move || match stage.get() {
                Stage::Start | Stage::Finished => view! {
                    {(stage.get() == Stage::Finished).then(|| view! {
                        <p class="notice" role="status">{t().code_finished}</p>
                    })}
                    <p>{t().code_intro}</p>
                    {(!session.unlocked.get()).then(|| view! { <p class="hint">{t().code_locked}</p> })}
                    <button type="button" on:click=start disabled=move || busy.get()>{t().code_start}</button>
                    {move || busy.get().then(|| view! {
                        <p role="status">{t().code_rekeying}</p>
                        <progress aria-label=t().code_rekeying></progress>
                    })}
                }.into_any(),
                Stage::Shown(code) => view! {
                    <p id="new-code" tabindex="-1">{t().code_new}": "<strong class="code">{code}</strong></p>
                    <p>{t().code_once}</p>
                    <div class="check">
                        <input type="checkbox" id="code-written" bind:checked=written/>
                        <label for="code-written">{t().code_written}</label>
                    </div>
                    <button type="button" class="primary" on:click=done>{t().code_done}</button>
                }.into_any(),
            }}
            <p role="alert" class="message">{move || message.get()}</p>
        </section>
    }
}
