//! `/consent`: the first-login question and the renewal prompt (SPEC §3.2–3.3), naming the
//! business in plain language.

use crate::api;
use crate::components::business::BusinessContact;
use crate::components::guard::Guarded;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use content::api::endpoints;
use content::api::{ConsentRequest, RenewalRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Consent() -> impl IntoView {
    view! { <Guarded><ConsentForm/></Guarded> }
}

#[component]
fn ConsentForm() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    let renewal = session
        .me
        .with_untracked(|m| m.as_ref().is_some_and(|m| m.consent.renewal_prompt));
    let business = move || {
        let b = session.business();
        if b.is_empty() {
            t().your_service.to_owned()
        } else {
            b
        }
    };
    let choice = RwSignal::new(None::<&'static str>);
    let message = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    // A private participant (no business) has no question to answer here.
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            let private = session.me.with(|m| {
                m.as_ref()
                    .is_some_and(|m| m.consent.state == content::api::ConsentState::NotApplicable)
            });
            if private {
                navigate("/home", Default::default());
            }
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(c) = choice.get_untracked() else {
            message.set(Some(t().consent_pick));
            return;
        };
        let navigate = navigate.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match (renewal, c) {
                (_, "later") => {
                    session.consent_deferred.set(true);
                    Ok(None)
                }
                (true, c) => api::send(
                    &endpoints::RENEWAL,
                    &[],
                    &RenewalRequest {
                        still_followed_up: c == "yes",
                    },
                )
                .await
                .map(Some),
                (false, c) => api::send(
                    &endpoints::CONSENT,
                    &[],
                    &ConsentRequest { share: c == "yes" },
                )
                .await
                .map(Some),
            };
            busy.set(false);
            match result {
                Ok(_) => {
                    session.refresh().await;
                    navigate("/home", Default::default());
                }
                Err(_) => message.set(Some(i18n::pages(lang.get_untracked()).save_failed)),
            }
        });
    };

    let options = move || -> Vec<(&'static str, String)> {
        let t = t();
        if renewal {
            vec![("yes", t.renewal_yes.into()), ("no", t.renewal_no.into())]
        } else {
            vec![
                ("yes", i18n::fill(t.consent_yes, &[&business()])),
                ("no", t.consent_no.into()),
                ("later", t.consent_later.into()),
            ]
        }
    };

    view! {
        <h1>{move || if renewal { t().renewal_title } else { t().consent_title }}</h1>
        <p class="lede">
            {move || i18n::fill(
                if renewal { t().renewal_explain } else { t().consent_explain },
                &[&business()],
            )}
        </p>
        <BusinessContact/>
        <p><a href=content::pages::PRIVACY.path>{move || t().privacy_link_label}</a></p>
        <form class="stack" on:submit=submit novalidate>
            <fieldset>
                <legend>
                    {move || i18n::fill(
                        if renewal { t().renewal_question } else { t().consent_question },
                        &[&business()],
                    )}
                </legend>
                {move || options().into_iter().map(|(value, label)| {
                    let id = format!("consent-{value}");
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="consent"
                                id=id.clone()
                                value=value
                                prop:checked=move || choice.get() == Some(value)
                                on:change=move |_| choice.set(Some(value))
                            />
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || t().consent_save}
            </button>
            <p role="alert" class="message">{move || message.get()}</p>
        </form>
    }
}
