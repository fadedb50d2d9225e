//! Enrolment when the business requires an authenticator: the login (or the invitation) was
//! answered 403 `totp_enrolment_required` with a session that opens only enrolment. The
//! password hash the browser just made starts it (the edge re-authenticates), the key is shown
//! once, and the first right code completes the login.

use super::i18n as si;
use super::security::TotpSteps;
use super::shared::{Message, status_of};
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::{TotpCode, TotpEnrolment, TotpReauth, endpoints};
use leptos::prelude::*;

#[component]
pub fn Enrol(password_hash: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let enrolment = LocalResource::new(move || {
        let body = TotpReauth {
            password_hash: password_hash.clone(),
            totp: None,
        };
        async move { api::send(&endpoints::TOTP_ENROL, &[], &body).await.ok() }
    });
    let code = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let body = TotpCode {
            totp: code.get_untracked().trim().to_owned(),
        };
        leptos::task::spawn_local(async move {
            match api::send(&endpoints::TOTP_CONFIRM, &[], &body).await {
                Ok(_) => match api::call(&endpoints::STAFF_SESSION, &[]).await {
                    Ok(session) => who.set(Some(session)),
                    Err(_) => message.set(Some(si::ui(lang).enrol_failed.into())),
                },
                Err(e) if status_of(&e) == Some(422) => {
                    message.set(Some(si::ui(lang).totp_wrong.into()))
                }
                Err(_) => message.set(Some(si::ui(lang).enrol_failed.into())),
            }
        });
    };
    view! {
        <section aria-labelledby="enrol-h" class="stack">
            <h2 id="enrol-h">{move || t().enrol_title}</h2>
            <p>{move || t().enrol_intro}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || enrolment.get().map(|e: Option<TotpEnrolment>| match e {
                    None => view! { <p class="message">{move || t().enrol_failed}</p> }.into_any(),
                    Some(e) => view! {
                        <TotpSteps enrolment=e/>
                        <form class="stack" on:submit=submit novalidate>
                            <fieldset>
                                <legend>{move || t().totp_confirm_legend}</legend>
                                <div class="field">
                                    <label for="enrol-code">{move || t().totp_code}</label>
                                    <input id="enrol-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                                        maxlength="7" bind:value=code/>
                                </div>
                            </fieldset>
                            <button type="submit" class="primary">{move || t().totp_confirm_button}</button>
                            <Message text=message/>
                        </form>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
