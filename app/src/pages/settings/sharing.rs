use crate::api;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use content::api::endpoints;
use content::api::{ConsentRequest, ConsentState};
use leptos::prelude::*;

#[component]
pub fn Sharing() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let business = move || {
        let b = session.business();
        if b.is_empty() {
            t().your_service.to_owned()
        } else {
            b
        }
    };
    let consent = move || session.me.with(|m| m.as_ref().map(|m| m.consent.clone()));
    let choice = RwSignal::new(None::<bool>);
    let message = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(share) = choice.get_untracked() else {
            message.set(Some(t().consent_pick));
            return;
        };
        leptos::task::spawn_local(async move {
            let r = api::send(&endpoints::CONSENT, &[], &ConsentRequest { share }).await;
            let t = i18n::pages(lang.get_untracked());
            message.set(Some(if r.is_ok() { t.saved } else { t.save_failed }));
            session.refresh().await;
        });
    };
    let state_text = move || {
        let t = t();
        consent().map(|c| {
            let s = match c.state {
                ConsentState::Granted => i18n::fill(t.state_granted, &[&business()]),
                ConsentState::NotAsked => t.state_not_asked.into(),
                ConsentState::Declined => t.state_declined.into(),
                ConsentState::Withdrawn => t.state_withdrawn.into(),
                ConsentState::Expired => t.state_expired.into(),
                ConsentState::NotApplicable => t.state_not_applicable.into(),
            };
            let since = c
                .since
                .map(|d| {
                    format!(
                        " {}",
                        i18n::fill(t.since, &[&content::dates::date_of_text(&d, lang.get())])
                    )
                })
                .unwrap_or_default();
            format!("{s}{since}")
        })
    };
    let private = move || consent().is_some_and(|c| c.state == ConsentState::NotApplicable);
    view! {
        <Show when=move || !private() fallback=move || view! {
            <section class="panel" aria-labelledby="sharing-title">
                <h2 id="sharing-title">{move || t().sharing_title}</h2>
                <p data-testid="consent-state">{state_text}</p>
            </section>
        }>
        <section class="panel" aria-labelledby="sharing-title">
            <h2 id="sharing-title">{move || t().sharing_title}</h2>
            <p data-testid="consent-state">{state_text}</p>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || i18n::fill(t().consent_question, &[&business()])}</legend>
                    {[(true, "share-yes"), (false, "share-no")].into_iter().map(|(value, id)| view! {
                        <div class="choice">
                            <input type="radio" name="share" id=id
                                prop:checked=move || choice.get() == Some(value)
                                on:change=move |_| choice.set(Some(value))/>
                            <label for=id>{move || if value { t().share_yes } else { t().share_no }}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <button type="submit">{move || t().save}</button>
                <p role="status" class="status">{move || message.get()}</p>
            </form>
        </section>
        </Show>
    }
}
