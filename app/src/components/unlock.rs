//! Unlocking the local store after a reload or a link login: the key needs the code (P3) and
//! lives in memory only. Checked against the store's check record, never sent anywhere.

use crate::components::code_field::CodeField;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use crate::{kdf_worker, login_check};
use leptos::prelude::*;

#[component]
pub fn Unlock() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let code = RwSignal::new(String::new());
    let finished = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        finished.set(true);
        message.set(None);
        let value = code.get_untracked();
        if login_check::is_blank(&value) {
            message.set(Some(t().code_empty));
            return;
        }
        if login_check::check(&value, true).is_some() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = session.unlock(&value, false).await;
            busy.set(false);
            match result {
                Ok(()) => session.flush().await,
                Err(_) => message.set(Some(i18n::pages(lang.get_untracked()).unlock_wrong)),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="unlock-title">
            <h2 id="unlock-title">{move || t().unlock_title}</h2>
            <p>{move || t().unlock_intro}</p>
            <form class="stack" on:submit=submit on:focusin=|_| kdf_worker::warm(crate::envelope::ARGON_M_KIB) novalidate>
                <input type="text" name="username" autocomplete="username" value="Mestring" hidden readonly/>
                <CodeField id="unlock-code" value=code finished=finished/>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || t().unlock_button}
                </button>
                <div role="status" class="status">
                    {move || busy.get().then(|| view! {
                        <p>{move || t().unlocking}</p>
                        <progress aria-label=move || t().unlocking></progress>
                    })}
                </div>
                <p role="alert" class="message">{move || message.get()}</p>
            </form>
        </section>
    }
}
