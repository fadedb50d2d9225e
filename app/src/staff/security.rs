//! `/staff/security`: the optional authenticator (TOTP, RFC 6238). The key is shown once, as
//! text to type and as an `otpauth://` link; it takes effect only after a first right code.
//! Setting it up and switching it off ask for the password again (and, to switch off, a
//! current code): the edge re-authenticates, so a session left open cannot change it.

use super::frame::StaffFrame;
use super::i18n::tr;
use super::who::use_who;
use super::{Message, body, dom, error_text, hash};
use crate::{api, use_lang};
use content::api::{PreloginParams, StaffPrelogin, TotpReauth};
use leptos::prelude::*;
use serde::Deserialize;

/// The password hash as at login (SPEC §4.1), for re-authentication; `None` when the
/// pre-login call failed or the hash could not be made.
async fn reauth(email: String, password: String, totp: Option<String>) -> Option<String> {
    let pre: PreloginParams = api::request(
        "POST",
        "/api/staff/prelogin",
        body(&StaffPrelogin { email }),
    )
    .await
    .ok()?;
    dom::next_paint().await;
    let password_hash = hash::password_hash(&password, &pre).ok()?;
    body(&TotpReauth {
        password_hash,
        totp,
    })
}

#[derive(Clone, Deserialize)]
struct Enrolment {
    secret: String,
    uri: String,
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

#[component]
pub fn SecurityPage() -> impl IntoView {
    view! { <StaffFrame><Security/></StaffFrame> }
}

#[component]
fn Security() -> impl IntoView {
    let lang = use_lang();
    let t = move |nb, en| tr(lang.get(), nb, en);
    let who = use_who();
    let enabled = move || who.with(|w| w.as_ref().is_some_and(|s| s.totp));
    let enrolment = RwSignal::new(None::<Enrolment>);
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email = move || who.with_untracked(|w| w.as_ref().map(|s| s.email.clone()));
    let wrong_reauth = move |lang| {
        tr(
            lang,
            "Passordet eller koden stemmer ikke.",
            "The password or the code is not right.",
        )
    };
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
                message.set(Some(
                    error_text(lang, &api::ApiError::Network(String::new())).into(),
                ));
                return;
            };
            match api::request::<Enrolment>("POST", "/api/staff/totp", Some(payload)).await {
                Ok(e) => {
                    password.set(String::new());
                    message.set(None);
                    enrolment.set(Some(e));
                }
                Err(e) if e.status() == Some(422) => message.set(Some(wrong_reauth(lang).into())),
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let turning_on = !enabled();
        let path = if turning_on {
            "/api/staff/totp/confirm"
        } else {
            "/api/staff/totp/disable"
        };
        let typed = code.get_untracked().trim().to_owned();
        let (account, pw) = (email(), password.get_untracked());
        leptos::task::spawn_local(async move {
            let payload = if turning_on {
                body(&serde_json::json!({ "totp": typed }))
            } else {
                // Switching off: the password and the current code.
                match account {
                    Some(account) => reauth(account, pw, Some(typed)).await,
                    None => None,
                }
            };
            match api::request::<serde_json::Value>("POST", path, payload).await {
                Ok(_) => {
                    password.set(String::new());
                    code.set(String::new());
                    enrolment.set(None);
                    message.set(None);
                    // The page re-renders from the session and says the new state.
                    set_enabled(turning_on);
                }
                Err(e) if e.status() == Some(422) && !turning_on => {
                    message.set(Some(wrong_reauth(lang).into()))
                }
                Err(e) if e.status() == Some(422) => message.set(Some(
                    tr(
                        lang,
                        "Koden stemmer ikke. Skriv de seks sifrene appen viser nå.",
                        "That code is not right. Type the six digits the app shows now.",
                    )
                    .into(),
                )),
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    let password_field = move || {
        view! {
            <div class="field">
                <label for="totp-password">{move || t("Passordet ditt", "Your password")}</label>
                <input id="totp-password" type="password" autocomplete="current-password" bind:value=password/>
            </div>
        }
    };
    let code_form = move |legend_nb: &'static str,
                          legend_en: &'static str,
                          button_nb: &'static str,
                          button_en: &'static str,
                          with_password: bool| {
        view! {
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t(legend_nb, legend_en)}</legend>
                    {with_password.then(password_field)}
                    <div class="field">
                        <label for="totp-code">{move || t("Kode fra appen (seks sifre)", "Code from the app (six digits)")}</label>
                        <input id="totp-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                            maxlength="7" bind:value=code/>
                    </div>
                </fieldset>
                <button type="submit" class="primary">{move || t(button_nb, button_en)}</button>
                <Message text=message/>
            </form>
        }
    };
    view! {
        <h1>{move || t("Sikkerhet", "Security")}</h1>
        <section aria-labelledby="totp-h">
            <h2 id="totp-h">{move || t("Engangskode fra app (tofaktor)", "Authenticator app (two-factor)")}</h2>
            {move || if enabled() {
                view! {
                    <p>{move || t("Engangskode er på: innlogging krever passord og en kode fra appen.",
                        "The authenticator is on: logging in needs your password and a code from the app.")}</p>
                    {code_form("Slå av engangskode", "Turn the authenticator off", "Slå av", "Turn off", true)}
                }.into_any()
            } else if let Some(e) = enrolment.get() {
                view! {
                    <ol class="steps">
                        <li>{move || t("Åpne en autentiseringsapp på telefonen og legg til en konto med denne nøkkelen:",
                            "Open an authenticator app on your phone and add an account with this key:")}
                            <p><code class="totp-key" data-testid="totp-key">{grouped(&e.secret)}</code></p>
                            <p><a href=e.uri.clone()>{move || t("Eller åpne lenken på telefonen", "Or open the link on the phone")}</a></p>
                        </li>
                        <li>{move || t("Skriv koden appen viser, for å bekrefte.", "Type the code the app shows, to confirm.")}</li>
                    </ol>
                    {code_form("Bekreft engangskode", "Confirm the authenticator", "Bekreft og slå på", "Confirm and turn on", false)}
                }.into_any()
            } else {
                view! {
                    <p>{move || t("Engangskode er av. Med den trenger innlogging også en kode fra en app på telefonen.",
                        "The authenticator is off. With it, logging in also needs a code from an app on your phone.")}</p>
                    {password_field()}
                    <button type="button" class="primary" on:click=start>{move || t("Sett opp engangskode", "Set up the authenticator")}</button>
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
