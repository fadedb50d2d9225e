//! Staff login (SPEC §4.1): pre-login for the Argon2id parameters, the hash computed here,
//! only the hash sent. One message for every refusal, so it never tells whether an e-mail
//! has an account.

use super::enrol::Enrol;
use super::hash;
use super::i18n as si;
use super::shared::{Message, status_of};
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints;
use content::api::{StaffLogin, StaffPrelogin, StaffSession};
use leptos::prelude::*;

#[component]
pub fn LoginForm() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let totp = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    // The business requires an authenticator this account has not set up: enrol now.
    let enrol = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let lang = lang.get_untracked();
        let (e, p, code) = (
            email.get_untracked().trim().to_owned(),
            password.get_untracked(),
            totp.get_untracked().trim().to_owned(),
        );
        if e.is_empty() || p.is_empty() {
            message.set(Some(si::ui(lang).login_empty.into()));
            return;
        }
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            let result = log_in(e, p, code).await;
            busy.set(false);
            match result {
                Ok(session) => {
                    password.set(String::new());
                    who.set(Some(session));
                }
                Err(Refused::Enrol(password_hash)) => {
                    password.set(String::new());
                    enrol.set(Some(password_hash));
                }
                Err(Refused::TotpRequired) => {
                    message.set(Some(si::ui(lang).login_totp_required.into()));
                    crate::browser::focus_later("#staff-totp");
                }
                Err(Refused::Status(Some(401))) => {
                    message.set(Some(si::ui(lang).login_wrong.into()))
                }
                Err(Refused::Status(Some(429))) => {
                    message.set(Some(si::ui(lang).login_throttled.into()))
                }
                Err(Refused::Status(status)) => message.set(Some(
                    match status {
                        None => si::ui(lang).error_offline,
                        Some(_) => si::ui(lang).error_generic,
                    }
                    .into(),
                )),
            }
        });
    };
    move || {
        if let Some(password_hash) = enrol.get() {
            return view! {
                <h1>{move || t().login_title}</h1>
                <Enrol password_hash=password_hash/>
            }
            .into_any();
        }
        view! {
        <h1>{move || t().login_title}</h1>
        <p class="lede">
            {move || t().login_intro}
        </p>
        // The key-derivation worker loads while the password is typed.
        <form class="stack" on:submit=submit on:focusin=|_| crate::kdf_worker::warm(content::api::PreloginParams::DEFAULT_M_KIB) novalidate>
            <fieldset>
                <legend>{move || t().login_account}</legend>
                <div class="field">
                    <label for="staff-email">{move || t().email}</label>
                    <input id="staff-email" type="email" autocomplete="username" spellcheck="false" bind:value=email/>
                </div>
                <div class="field">
                    <label for="staff-password">{move || t().password}</label>
                    <input id="staff-password" type="password" autocomplete="current-password" bind:value=password/>
                </div>
                <div class="field">
                    <label for="staff-totp">{move || t().login_totp}</label>
                    <input id="staff-totp" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" bind:value=totp/>
                </div>
            </fieldset>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { t().logging_in } else { t().login_button }}
            </button>
            // Argon2id runs in the worker, so the bar moves while the password is hashed.
            <div class="status">
                {move || busy.get().then(|| view! {
                    <progress aria-label=move || t().logging_in></progress>
                })}
            </div>
            <Message text=message/>
        </form>
        }
        .into_any()
    }
}

enum Refused {
    /// The password was right; the business requires an authenticator the account has not
    /// set up. The hash starts the enrolment.
    Enrol(String),
    /// The password was right and the account has an authenticator.
    TotpRequired,
    /// `Some(status)` when the edge refused, `None` when it could not be reached.
    Status(Option<u16>),
}

fn refused(e: &api::ApiError) -> Refused {
    match e {
        api::ApiError::Status { body, .. } if body.error.code == "totp_required" => {
            Refused::TotpRequired
        }
        other => Refused::Status(status_of(other)),
    }
}

async fn log_in(email: String, password: String, totp: String) -> Result<StaffSession, Refused> {
    let asked = StaffPrelogin {
        email: email.clone(),
    };
    let pre = api::send(&endpoints::STAFF_PRELOGIN, &[], &asked)
        .await
        .map_err(|e| refused(&e))?;
    // Argon2id runs in the worker: the page stays responsive and "Logger inn …" shows.
    let password_hash = hash::password_hash(&password, &pre)
        .await
        .map_err(|_| Refused::Status(Some(0)))?;
    let login = StaffLogin {
        email,
        password_hash,
        totp: (!totp.is_empty()).then_some(totp),
    };
    let password_hash = login.password_hash.clone();
    api::send(&endpoints::STAFF_LOGIN, &[], &login)
        .await
        .map_err(|e| match &e {
            api::ApiError::Status { body, .. } if body.error.code == "totp_enrolment_required" => {
                Refused::Enrol(password_hash)
            }
            other => refused(other),
        })
}
