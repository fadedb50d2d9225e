//! Staff login (SPEC §4.1): pre-login for the Argon2id parameters, the hash computed here,
//! only the hash sent. One message for every refusal, so it never tells whether an e-mail
//! has an account.

use super::i18n::tr;
use super::who::use_who;
use super::{Message, body, dom, hash, status_of};
use crate::api;
use crate::i18n::use_lang;
use content::api::{PreloginParams, StaffLogin, StaffPrelogin, StaffSession};
use leptos::prelude::*;

#[component]
pub fn LoginForm() -> impl IntoView {
    let lang = use_lang();
    let t = move |nb, en| tr(lang.get(), nb, en);
    let who = use_who();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let totp = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
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
            message.set(Some(
                tr(
                    lang,
                    "Skriv inn e-post og passord.",
                    "Enter your e-mail and password.",
                )
                .into(),
            ));
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
                Err(Refused::TotpRequired) => {
                    message.set(Some(
                        tr(
                            lang,
                            "Skriv koden fra autentiseringsappen din.",
                            "Type the code from your authenticator app.",
                        )
                        .into(),
                    ));
                    crate::browser::focus_later("#staff-totp");
                }
                Err(Refused::Status(Some(401))) => message.set(Some(
                    tr(
                        lang,
                        "E-post eller passord stemmer ikke, eller kontoen er ikke aktiv.",
                        "The e-mail or password is wrong, or the account is not active.",
                    )
                    .into(),
                )),
                Err(Refused::Status(Some(429))) => message.set(Some(
                    tr(
                        lang,
                        "For mange forsøk. Vent noen minutter før du prøver igjen.",
                        "Too many attempts. Wait a few minutes before trying again.",
                    )
                    .into(),
                )),
                Err(Refused::Status(status)) => message.set(Some(
                    match status {
                        None => tr(
                            lang,
                            "Får ikke kontakt med tjenesten. Prøv igjen.",
                            "Cannot reach the service. Please try again.",
                        ),
                        Some(_) => tr(
                            lang,
                            "Noe gikk galt. Prøv igjen.",
                            "Something went wrong. Please try again.",
                        ),
                    }
                    .into(),
                )),
            }
        });
    };
    view! {
        <h1>{move || t("Logg inn for ansatte", "Staff login")}</h1>
        <p class="lede">
            {move || t(
                "For fagpersoner som deler ut koder og følger opp deltakere.",
                "For professionals who issue codes and follow up participants.",
            )}
        </p>
        <form class="stack" on:submit=submit novalidate>
            <fieldset>
                <legend>{move || t("Konto", "Account")}</legend>
                <div class="field">
                    <label for="staff-email">{move || t("E-post", "E-mail")}</label>
                    <input id="staff-email" type="email" autocomplete="username" spellcheck="false" bind:value=email/>
                </div>
                <div class="field">
                    <label for="staff-password">{move || t("Passord", "Password")}</label>
                    <input id="staff-password" type="password" autocomplete="current-password" bind:value=password/>
                </div>
                <div class="field">
                    <label for="staff-totp">{move || t("Engangskode (hvis kontoen bruker det)", "One-time code (if your account uses it)")}</label>
                    <input id="staff-totp" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" bind:value=totp/>
                </div>
            </fieldset>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { t("Logger inn …", "Logging in …") } else { t("Logg inn", "Log in") }}
            </button>
            <Message text=message/>
        </form>
    }
}

enum Refused {
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
    let pre: PreloginParams = api::request(
        "POST",
        "/api/staff/prelogin",
        body(&StaffPrelogin {
            email: email.clone(),
        }),
    )
    .await
    .map_err(|e| refused(&e))?;
    // Argon2id takes about a second: let "Logger inn …" show first.
    dom::next_paint().await;
    let password_hash =
        hash::password_hash(&password, &pre).map_err(|_| Refused::Status(Some(0)))?;
    let login = StaffLogin {
        email,
        password_hash,
        totp: (!totp.is_empty()).then_some(totp),
    };
    api::request("POST", "/api/staff/session", body(&login))
        .await
        .map_err(|e| refused(&e))
}
