//! `/staff/invite#<token>`: a new staff member sets a password. The token is in the fragment,
//! so it never reaches a server log; the password is hashed here, only the hash is sent.

use super::enrol::Enrol;
use super::hash;
use super::i18n as si;
use super::shared::{Message, code_of, error_text, status_of};
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints;
use content::api::{AcceptInvite, InviteInfo, InviteToken};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

#[component]
pub fn Invite() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let location = use_location();
    let token = move || location.hash.get().trim_start_matches('#').to_owned();
    let info = LocalResource::new(move || {
        let token = token();
        async move {
            if token.is_empty() {
                return None;
            }
            let asked = InviteToken {
                invite_token: token,
            };
            Some(api::send(&endpoints::INVITE_INFO, &[], &asked).await)
        }
    });
    view! {
        <div class="staff">
            <h1>{move || t().invite_title}</h1>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || info.get().map(|r| match r {
                    None | Some(Err(_)) => view! {
                        <p class="notice">{move || t().invite_broken}</p>
                    }.into_any(),
                    Some(Ok(i)) => view! { <PasswordForm token=token() info=i/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PasswordForm(token: String, info: InviteInfo) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let navigate = use_navigate();
    let who = use_who();
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let params = StoredValue::new(info.params);
    // The business requires an authenticator: enrol with the hash just made.
    let enrol = RwSignal::new(None::<String>);
    let token = StoredValue::new(token);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let (a, b) = (first.get_untracked(), second.get_untracked());
        match hash::check_new_password(&a, &b) {
            Err(hash::NewPasswordError::TooShort) => {
                message.set(Some(si::ui(lang).password_too_short.into()));
                return;
            }
            Err(hash::NewPasswordError::Mismatch) => {
                message.set(Some(si::ui(lang).password_mismatch.into()));
                return;
            }
            Ok(()) => {}
        }
        busy.set(true);
        message.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let made = hash::password_hash(&a, &params.get_value()).await.ok();
            let result = match made.clone() {
                None => Err(None),
                Some(password_hash) => {
                    let accept = AcceptInvite {
                        invite_token: token.get_value(),
                        password_hash,
                    };
                    api::send(&endpoints::INVITE_ACCEPT, &[], &accept)
                        .await
                        .map_err(Some)
                }
            };
            busy.set(false);
            match result {
                Ok(session) => {
                    first.set(String::new());
                    second.set(String::new());
                    // Logged in as the new account: staff mode knows it without asking again.
                    who.set(Some(session));
                    navigate("/staff", Default::default());
                }
                Err(Some(e)) if code_of(&e) == Some("totp_enrolment_required") => {
                    first.set(String::new());
                    second.set(String::new());
                    enrol.set(made);
                }
                Err(Some(e)) if status_of(&e) == Some(404) => {
                    message.set(Some(si::ui(lang).invite_used.into()))
                }
                Err(Some(e)) => message.set(Some(error_text(lang, &e).into())),
                Err(None) => message.set(Some(si::ui(lang).error_generic.into())),
            }
        });
    };
    let navigate_done = use_navigate();
    Effect::new(move |_| {
        // Enrolled: logged in, as after an invitation without the requirement.
        if enrol.get().is_some() && who.with(Option::is_some) {
            navigate_done("/staff", Default::default());
        }
    });
    let email = info.email.clone();
    move || {
        if let Some(password_hash) = enrol.get() {
            return view! { <Enrol password_hash=password_hash/> }.into_any();
        }
        view! {
        <p>{move || t().invite_account_for} " " <strong>{email.clone()}</strong></p>
        <form class="stack" on:submit=submit.clone() on:focusin=|_| crate::kdf_worker::warm(content::api::PreloginParams::DEFAULT_M_KIB) novalidate>
            <fieldset>
                <legend>{move || t().new_password_legend}</legend>
                <div class="field">
                    <label for="new-password">{move || t().password}</label>
                    <input id="new-password" type="password" autocomplete="new-password" minlength="12" bind:value=first/>
                </div>
                <div class="field">
                    <label for="new-password-2">{move || t().password_repeat}</label>
                    <input id="new-password-2" type="password" autocomplete="new-password" minlength="12" bind:value=second/>
                </div>
            </fieldset>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { t().saving } else { t().invite_save }}
            </button>
            // As at login: Argon2id runs in the worker, so the bar moves while it hashes.
            <div class="status">
                {move || busy.get().then(|| view! {
                    <progress aria-label=move || t().saving></progress>
                })}
            </div>
            <Message text=message/>
        </form>
        }
        .into_any()
    }
}
