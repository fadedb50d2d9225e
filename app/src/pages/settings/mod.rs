//! `/settings`: sharing, code change, another device, export, access log, feedback, delete.

mod access;
mod code;
mod delete;
mod device;
mod export;
mod feedback;
mod sharing;

use crate::i18n::{self, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Settings() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    view! {
        <h1>{move || t().settings_title}</h1>
        <p>{move || t().settings_intro}</p>
        <Show
            when=move || session.me.with(|m| m.is_some())
            fallback=move || view! {
                <p><A href="/">{move || t().settings_login}</A></p>
            }
        >
            // Without a business (left with a code change, or closed) there is no one to share
            // with; a private participant still sees why (the state `not_applicable`).
            <Show when=move || session.me.with(|m| m.as_ref().is_some_and(|m| {
                m.business.is_some() || m.consent.state == content::api::ConsentState::NotApplicable
            }))>
                <sharing::Sharing/>
            </Show>
            <code::ChangeCode/>
            <device::DeviceLink/>
            <export::Export/>
            <access::AccessLog/>
            <feedback::Feedback/>
            <delete::Delete/>
        </Show>
    }
}
