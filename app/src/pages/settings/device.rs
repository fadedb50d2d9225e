use crate::api;
use crate::i18n::{self, use_lang};
use content::api::DeviceLink as Link;
use content::api::endpoints;
use leptos::prelude::*;

#[component]
pub fn DeviceLink() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let link = RwSignal::new(None::<Link>);
    let message = RwSignal::new(None::<&'static str>);
    let make = move |_| {
        leptos::task::spawn_local(async move {
            match api::call(&endpoints::DEVICE_LINK, &[]).await {
                Ok(l) => link.set(Some(l)),
                Err(_) => message.set(Some(i18n::pages(lang.get_untracked()).error_generic)),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="device-title">
            <h2 id="device-title">{move || t().device_title}</h2>
            <p>{move || t().device_intro}</p>
            <button type="button" on:click=make>{move || t().device_make}</button>
            <div role="status">
                {move || link.get().map(|l| view! {
                    <p>{t().device_code}": "<strong class="code" data-testid="link-code">{l.link_code.clone()}</strong></p>
                    <p class="hint">{i18n::fill(t().device_expires, &[&content::dates::date_time_of_text(&l.expires_at, lang.get_untracked())])}</p>
                })}
            </div>
            <p role="alert" class="message">{move || message.get()}</p>
        </section>
    }
}
