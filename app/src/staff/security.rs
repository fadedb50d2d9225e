//! `/staff/security`: the optional authenticator (TOTP, RFC 6238). The key is shown once, as
//! text to type and as an `otpauth://` link; it takes effect only after a first right code.
//! Setting it up and switching it off ask for the password again (and, to switch off, a
//! current code): the edge re-authenticates, so a session left open cannot change it.

use super::hash;
use super::i18n as si;
use super::shared::{Message, error_text};
use super::who::use_who;
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints;
use content::api::{StaffPrelogin, TotpCode, TotpEnrolment, TotpReauth};
use leptos::prelude::*;

/// The re-authentication body: the password hash as at login (SPEC §4.1) and the code, if
/// any; `None` when the pre-login call failed or the hash could not be made.
async fn reauth(email: String, password: String, totp: Option<String>) -> Option<TotpReauth> {
    let pre = api::send(&endpoints::STAFF_PRELOGIN, &[], &StaffPrelogin { email })
        .await
        .ok()?;
    let password_hash = hash::password_hash(&password, &pre).await.ok()?;
    Some(TotpReauth {
        password_hash,
        totp,
    })
}

/// The key in groups of four, as authenticator apps show it and people type it.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The two steps of setting up an authenticator with a new secret (settings and the enrolment
/// a business's requirement asks for at login).
#[component]
pub fn TotpSteps(enrolment: TotpEnrolment) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    view! {
        <ol class="steps">
            <li>{move || t().totp_step_add}
                <p><code class="totp-key" data-testid="totp-key">{grouped(&enrolment.secret)}</code></p>
                <p><a href=enrolment.uri>{move || t().totp_link}</a></p>
            </li>
            <li>{move || t().totp_step_confirm}</li>
        </ol>
    }
}

#[component]
pub fn Security() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let enabled = move || who.with(|w| w.as_ref().is_some_and(|s| s.totp));
    let enrolment = RwSignal::new(None::<TotpEnrolment>);
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email = move || who.with_untracked(|w| w.as_ref().map(|s| s.email.clone()));
    let message = RwSignal::new(None::<String>);
    let set_enabled = move |on: bool| {
        who.update(|w| {
            if let Some(s) = w {
                s.totp = on
            }
        })
    };

    let start = move |_| {
        let lang = lang.get_untracked();
        let (Some(email), pw) = (email(), password.get_untracked()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(payload) = reauth(email, pw, None).await else {
                let unreachable = api::ApiError::Network(String::new());
                message.set(Some(error_text(lang, &unreachable).into()));
                return;
            };
            match api::send(&endpoints::TOTP_ENROL, &[], &payload).await {
                Ok(e) => {
                    password.set(String::new());
                    message.set(None);
                    enrolment.set(Some(e));
                }
                Err(e) if e.status() == Some(422) => {
                    message.set(Some(si::ui(lang).totp_reauth_wrong.into()))
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let turning_on = !enabled();
        let typed = code.get_untracked().trim().to_owned();
        let (account, pw) = (email(), password.get_untracked());
        leptos::task::spawn_local(async move {
            let answer = if turning_on {
                let first = TotpCode { totp: typed };
                api::send(&endpoints::TOTP_CONFIRM, &[], &first).await
            } else {
                // Switching off: the password and the current code.
                let payload = match account {
                    Some(account) => reauth(account, pw, Some(typed)).await,
                    None => None,
                };
                match payload {
                    Some(payload) => api::send(&endpoints::TOTP_DISABLE, &[], &payload).await,
                    None => Err(api::ApiError::Network(String::new())),
                }
            };
            match answer {
                Ok(_) => {
                    password.set(String::new());
                    code.set(String::new());
                    enrolment.set(None);
                    message.set(None);
                    // The page re-renders from the session and says the new state.
                    set_enabled(turning_on);
                }
                Err(e) if e.status() == Some(422) && !turning_on => {
                    message.set(Some(si::ui(lang).totp_reauth_wrong.into()))
                }
                Err(e) if e.status() == Some(422) => {
                    message.set(Some(si::ui(lang).totp_wrong.into()))
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    let password_field = move || {
        view! {
            <div class="field">
                <label for="totp-password">{move || t().totp_password}</label>
                <input id="totp-password" type="password" autocomplete="current-password" bind:value=password/>
            </div>
        }
    };
    // The form's legend and button, picked from the staff strings; switching off asks for the
    // password too.
    let code_form = move |legend: fn(&si::StaffUi) -> &'static str,
                          button: fn(&si::StaffUi) -> &'static str,
                          with_password: bool| {
        view! {
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || legend(t())}</legend>
                    {with_password.then(password_field)}
                    <div class="field">
                        <label for="totp-code">{move || t().totp_code}</label>
                        <input id="totp-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                            maxlength="7" bind:value=code/>
                    </div>
                </fieldset>
                <button type="submit" class="primary">{move || button(t())}</button>
                <Message text=message/>
            </form>
        }
    };
    view! {
        <h1>{move || t().security}</h1>
        <section aria-labelledby="totp-h">
            <h2 id="totp-h">{move || t().totp_title}</h2>
            {move || if enabled() && who.with(|w| w.as_ref().is_some_and(|s| s.totp_required)) {
                view! {
                    <p>{move || t().totp_on}</p>
                    <p class="notice">{move || t().totp_required_note}</p>
                }.into_any()
            } else if enabled() {
                view! {
                    <p>{move || t().totp_on}</p>
                    {code_form(|t| t.totp_off_legend, |t| t.totp_off_button, true)}
                }.into_any()
            } else if let Some(e) = enrolment.get() {
                view! {
                    <TotpSteps enrolment=e/>
                    {code_form(|t| t.totp_confirm_legend, |t| t.totp_confirm_button, false)}
                }.into_any()
            } else {
                view! {
                    <p>{move || t().totp_off}</p>
                    {password_field()}
                    <button type="button" class="primary" on:click=start>{move || t().totp_start}</button>
                    <Message text=message/>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn keys_show_in_groups_of_four() {
        assert_eq!(grouped("MZXW6YTBOI"), "MZXW 6YTB OI");
        assert_eq!(grouped(""), "");
    }
}
