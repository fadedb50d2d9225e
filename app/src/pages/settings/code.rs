//! Change code in two steps (SPEC §3.8): the new code is shown once and stays *pending* until
//! the user types it back; only then does it replace the old one (whose sessions and device-link
//! codes end), and the local store is re-keyed under it. A change left half-way (tab closed,
//! 15 minutes gone) changes nothing: the old code keeps working.

use crate::api::{self, ApiError};
use crate::components::code_field::CodeField;
use crate::components::new_code::NewCodeSlip;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use crate::{login_check, store};
use content::api::CodeConfirm;
use content::api::endpoints;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Stage {
    Start,
    /// The pending code and when it must be confirmed by (`HH:MM`, Oslo time).
    Shown {
        code: String,
        until: String,
    },
    Finished,
}

/// `expires_at` (RFC 3339) as `HH:MM` in the deployment's time zone, like every time shown.
fn local_time(rfc3339: &str) -> String {
    content::time::parse_ms(rfc3339).map_or_else(
        |_| rfc3339.get(11..16).unwrap_or_default().to_owned(),
        content::dates::time,
    )
}

/// The error code of a 422 from the edge (`code_mismatch`, `code_expired`).
fn unprocessable(e: &ApiError) -> Option<&str> {
    match e {
        ApiError::Status {
            status: 422, body, ..
        } => Some(body.error.code.as_str()),
        _ => None,
    }
}

#[component]
pub fn ChangeCode() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let stage = RwSignal::new(Stage::Start);
    let typed = RwSignal::new(String::new());
    let finished = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let rekeying = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);
    // With a business: whether it keeps seeing the participant after the change (default yes).
    let keep = RwSignal::new(true);
    let left = RwSignal::new(None::<String>);
    let business = move || session.business();

    let start = move |_| {
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::call(&endpoints::CHANGE_CODE, &[]).await {
                Ok(c) => {
                    typed.set(String::new());
                    finished.set(false);
                    stage.set(Stage::Shown {
                        until: local_time(&c.expires_at),
                        code: c.code,
                    });
                    crate::browser::focus_later("#new-code");
                }
                Err(_) => message.set(Some(i18n::pages(lang.get_untracked()).error_generic)),
            }
            busy.set(false);
        });
    };

    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Stage::Shown { code: new_code, .. } = stage.get_untracked() else {
            return;
        };
        finished.set(true);
        message.set(None);
        let value = typed.get_untracked();
        if login_check::is_blank(&value) {
            message.set(Some(t().code_empty));
            return;
        }
        if login_check::check(&value, true).is_some() {
            // A typo is flagged at the field, before any request.
            crate::browser::focus_later("#confirm-code");
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let had = session.business();
            let keep_sharing = (!had.is_empty()).then(|| keep.get_untracked());
            let body = CodeConfirm {
                code: value,
                keep_sharing,
            };
            let answer = api::send(&endpoints::CONFIRM_CODE, &[], &body).await;
            let t = i18n::pages(lang.get_untracked());
            match answer {
                Ok(_) => {
                    // The old code no longer works: the store must follow the new one now.
                    if store::is_unlocked() {
                        rekeying.set(true);
                        let _ = store::rekey(&new_code).await;
                        rekeying.set(false);
                    }
                    typed.set(String::new());
                    finished.set(false);
                    left.set((keep_sharing == Some(false)).then_some(had));
                    session.refresh().await;
                    stage.set(Stage::Finished);
                    crate::browser::focus_later("#code-finished");
                }
                Err(e) => match unprocessable(&e) {
                    Some("code_mismatch") => {
                        message.set(Some(t.code_mismatch));
                        crate::browser::focus_later("#confirm-code");
                    }
                    Some("code_expired") => {
                        message.set(Some(t.code_expired));
                        typed.set(String::new());
                        finished.set(false);
                        stage.set(Stage::Start);
                    }
                    _ => message.set(Some(t.error_generic)),
                },
            }
            busy.set(false);
        });
    };

    view! {
        <section class="panel" aria-labelledby="code-title">
            <h2 id="code-title">{move || t().code_title}</h2>
            {move || match stage.get() {
                Stage::Start | Stage::Finished => view! {
                    {(stage.get() == Stage::Finished).then(|| view! {
                        <p id="code-finished" class="notice" role="status" tabindex="-1">{move || t().code_finished}</p>
                    })}
                    {move || left.get().map(|name| view! { <p class="notice">{i18n::fill(t().code_left, &[&name])}</p> })}
                    <p>{move || t().code_intro}</p>
                    {move || (!session.unlocked.get()).then(|| view! { <p class="hint">{move || t().code_locked}</p> })}
                    <button type="button" on:click=start disabled=move || busy.get()>{move || t().code_start}</button>
                }.into_any(),
                Stage::Shown { code, until } => view! {
                    <NewCodeSlip code=code/>
                    <form class="stack" on:submit=confirm novalidate>
                        <fieldset>
                            <legend>{move || t().code_type_back}</legend>
                            <p class="hint">{move || i18n::fill(t().code_type_back_hint, &[&until])}</p>
                            <input type="text" name="username" autocomplete="username" value="Mestring" hidden readonly/>
                            <CodeField id="confirm-code" value=typed finished=finished/>
                        </fieldset>
                        {move || (!business().is_empty()).then(|| view! {
                            <fieldset>
                                <legend>{move || i18n::fill(t().code_keep_legend, &[&business()])}</legend>
                                {[(true, "keep-yes"), (false, "keep-no")].into_iter().map(|(value, id)| view! {
                                    <div class="choice">
                                        <input type="radio" name="keep-sharing" id=id
                                            prop:checked=move || keep.get() == value
                                            on:change=move |_| keep.set(value)/>
                                        <label for=id>{move || if value { t().code_keep_yes } else { t().code_keep_no }}</label>
                                    </div>
                                }).collect_view()}
                            </fieldset>
                        })}
                        <button type="submit" class="primary" disabled=move || busy.get()>{move || t().code_confirm}</button>
                    </form>
                }.into_any(),
            }}
            <div role="status" class="status">
                {move || rekeying.get().then(|| view! {
                    <p>{move || t().code_rekeying}</p>
                    <progress aria-label=move || t().code_rekeying></progress>
                })}
            </div>
            <p role="alert" class="message">{move || message.get()}</p>
        </section>
    }
}
