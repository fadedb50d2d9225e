use crate::{i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn Login() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let code = RwSignal::new(String::new());
    let message = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(Some(t().login_unavailable));
    };
    view! {
        <h1>{move || t().login_title}</h1>
        <p class="lede">{move || t().login_intro}</p>
        <form class="stack" on:submit=submit novalidate>
            <div class="field">
                <label for="code">{move || t().code_label}</label>
                <p id="code-hint" class="hint">{move || t().code_hint}</p>
                <input
                    id="code"
                    name="code"
                    type="text"
                    inputmode="text"
                    autocomplete="one-time-code"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="code-hint"
                    bind:value=code
                />
            </div>
            <button type="submit" class="primary">{move || t().login_button}</button>
            <p role="alert" class="message">{move || message.get()}</p>
        </form>
    }
}
