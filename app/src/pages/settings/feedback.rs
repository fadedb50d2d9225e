//! Feedback to the desk, and what became of it: each message the user sent, when it arrived
//! and when it was handled (its text is then deleted).

use crate::api;
use crate::i18n::{self, use_lang};
use content::api::{FeedbackKind, FeedbackReceipt, FeedbackRequest, endpoints};
use leptos::prelude::*;

#[component]
pub fn Feedback() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let kind = RwSignal::new(FeedbackKind::Suggestion);
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<&'static str>);
    let sent = LocalResource::new(|| api::call(&endpoints::MY_FEEDBACK, &[]));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = FeedbackRequest {
            kind: kind.get_untracked(),
            text: text.get_untracked(),
        };
        if body.text.trim().is_empty() {
            message.set(Some(t().feedback_empty));
            return;
        }
        leptos::task::spawn_local(async move {
            let r = api::send(&endpoints::FEEDBACK, &[], &body).await;
            let t = i18n::pages(lang.get_untracked());
            if r.is_ok() {
                text.set(String::new());
                message.set(Some(t.feedback_sent));
                sent.refetch();
            } else {
                message.set(Some(t.save_failed));
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="feedback-title">
            <h2 id="feedback-title">{move || t().feedback_title}</h2>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().feedback_kind}</legend>
                    {[(FeedbackKind::Suggestion, "fb-suggestion"), (FeedbackKind::Evaluation, "fb-evaluation")]
                        .into_iter()
                        .map(|(k, id)| view! {
                            <div class="choice">
                                <input type="radio" name="feedback-kind" id=id
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| kind.set(k)/>
                                <label for=id>{move || match k {
                                    FeedbackKind::Suggestion => t().feedback_suggestion,
                                    FeedbackKind::Evaluation => t().feedback_evaluation,
                                }}</label>
                            </div>
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <label for="feedback-text">{move || t().feedback_text}</label>
                    <p id="feedback-warning" class="warning">{move || t().feedback_warning}</p>
                    <p class="notice">{move || t().feedback_not_help}</p>
                    <textarea id="feedback-text" aria-describedby="feedback-warning"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit">{move || t().feedback_send}</button>
                <p role="status" class="status">{move || message.get()}</p>
            </form>
            {move || sent.get().and_then(Result::ok).filter(|s| !s.feedback.is_empty()).map(|s| view! {
                <h3>{move || t().feedback_sent_list}</h3>
                <ul class="list">
                    {s.feedback.into_iter().map(|r| view! { <li>{move || receipt(&r, lang.get())}</li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// "Received 27 Nov 2026, handled 28 Nov 2026, the text is deleted" or "…, not handled yet".
fn receipt(r: &FeedbackReceipt, lang: i18n::Lang) -> String {
    let t = i18n::pages(lang);
    let kind = match r.kind {
        FeedbackKind::Suggestion => t.feedback_suggestion,
        FeedbackKind::Evaluation => t.feedback_evaluation,
    };
    let received = i18n::fill(
        t.feedback_received,
        &[&content::dates::date_of_text(&r.sent_at, lang)],
    );
    let state = match &r.handled_at {
        Some(at) => i18n::fill(
            t.feedback_handled,
            &[&content::dates::date_of_text(at, lang)],
        ),
        None => t.feedback_waiting.to_string(),
    };
    format!("{kind}: {received}, {state}")
}
