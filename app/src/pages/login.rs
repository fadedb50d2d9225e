//! `/`: log in with the access code, or continue with a link code from another device.

use crate::api::ApiError;
use crate::components::code_field::CodeField;
use crate::i18n::{self, use_lang};
use crate::session::{Flash, Session, use_session};
use crate::{kdf_worker, login_check};
use content::api::{LinkRequest, LoginRequest, MeState};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

fn problem_text(e: &ApiError, t: &i18n::Ui, wrong: &'static str) -> String {
    match e {
        ApiError::Status { status: 401, .. } => wrong.into(),
        ApiError::Status {
            status: 429,
            retry_after,
            ..
        } => i18n::fill(
            t.login_throttled,
            &[&login_check::wait_minutes(retry_after.unwrap_or(60)).to_string()],
        ),
        ApiError::Network(_) => t.login_offline.into(),
        _ => t.error_generic.into(),
    }
}

/// Once per page: the key-derivation worker and the session's chunk.
fn prepare() {
    kdf_worker::warm(crate::envelope::ARGON_M_KIB);
    Session::prepare_login();
}

#[component]
pub fn Login() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let finished = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<fn(&i18n::Ui) -> &'static str>);
    let link = RwSignal::new(String::new());
    let link_message = RwSignal::new(None::<String>);

    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if session.ready.get() && session.logged_in() && busy.get_untracked().is_none() {
                navigate(session.landing(), Default::default());
            }
        });
    }

    let after_login = {
        let navigate = navigate.clone();
        move |me: MeState, code: Option<String>| {
            let navigate = navigate.clone();
            async move {
                if code.is_some() {
                    busy.set(Some(|t| t.unlocking));
                }
                session.logged_in_with(me, code).await;
                busy.set(None);
                session.flash.set(None);
                navigate(session.landing(), Default::default());
            }
        }
    };

    let submit = {
        let after_login = after_login.clone();
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            finished.set(true);
            message.set(None);
            let value = code.get_untracked();
            if login_check::is_blank(&value) {
                message.set(Some(t().code_empty.into()));
                return;
            }
            if login_check::check(&value, true).is_some() {
                crate::browser::focus_later("#code");
                return;
            }
            busy.set(Some(|t| t.login_busy));
            let after_login = after_login.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                let body = LoginRequest {
                    code: value.clone(),
                };
                match Session::log_in(body).await {
                    Ok(me) => after_login(me, Some(value)).await,
                    Err(e) => {
                        // Offline: a session this device already had opens with the code.
                        if matches!(e, ApiError::Network(_)) && crate::browser::session_hint() {
                            busy.set(Some(|t| t.unlocking));
                            if session.resume_offline(&value).await {
                                busy.set(None);
                                session.flash.set(None);
                                navigate(session.landing(), Default::default());
                                return;
                            }
                        }
                        busy.set(None);
                        let t = i18n::ui(lang.get_untracked());
                        message.set(Some(problem_text(&e, t, t.login_wrong)));
                    }
                }
            });
        }
    };

    let submit_link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        link_message.set(None);
        let value = link.get_untracked();
        if value.trim().is_empty() {
            link_message.set(Some(t().link_empty.into()));
            return;
        }
        busy.set(Some(|t| t.login_busy));
        let after_login = after_login.clone();
        leptos::task::spawn_local(async move {
            let body = LinkRequest { link_code: value };
            match Session::link(body).await {
                Ok(me) => after_login(me, None).await,
                Err(e) => {
                    busy.set(None);
                    let t = i18n::ui(lang.get_untracked());
                    link_message.set(Some(problem_text(&e, t, t.link_wrong)));
                }
            }
        });
    };

    view! {
        <h1>{move || t().login_title}</h1>
        {move || session.flash.get().map(|f| view! {
            <p class="notice" role="status">
                {match f {
                    Flash::LoggedOut => t().logged_out,
                    Flash::Deleted => t().deleted,
                }}
            </p>
        })}
        <p class="lede">{move || t().login_intro}</p>
        <p><a href=content::pages::PRIVACY.path>{move || t().privacy_link_label}</a></p>
        // The key-derivation worker and what logging in needs load while the code is typed.
        <form class="stack" on:submit=submit on:focusin=|_| prepare() novalidate>
            <input type="text" name="username" autocomplete="username" value="Mestring" hidden readonly/>
            <CodeField id="code" value=code finished=finished/>
            <button type="submit" class="primary" disabled=move || busy.get().is_some()>
                {move || t().login_button}
            </button>
            <p role="alert" class="message">{move || message.get()}</p>
        </form>
        <div role="status" class="status">
            {move || busy.get().map(|text| view! {
                <p>{move || text(t())}</p>
                <progress aria-label=move || text(t())></progress>
            })}
        </div>
        <p><a href="/voucher">{move || t().voucher_link}</a></p>
        <section class="panel" aria-labelledby="link-title">
            <h2 id="link-title">{move || t().link_title}</h2>
            <p>{move || t().link_intro}</p>
            <form class="stack" on:submit=submit_link novalidate>
                <div class="field">
                    <label for="link-code">{move || t().link_label}</label>
                    <p id="link-hint" class="hint">{move || t().link_hint}</p>
                    <input
                        id="link-code"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="link-hint"
                        prop:value=move || link.get()
                        on:input=move |ev| link.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" disabled=move || busy.get().is_some()>{move || t().link_button}</button>
                <p role="alert" class="message">{move || link_message.get()}</p>
            </form>
        </section>
    }
}
