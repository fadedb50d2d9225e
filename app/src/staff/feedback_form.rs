//! Staff feedback (every staff role): a suggestion or an evaluation of Mestring to the support
//! desk (`POST /api/staff/feedback`, 201); the edge never attaches the e-mail address.

use super::i18n as si;
use super::shared::{Message, code_of, error_text};
use crate::api;
use crate::i18n::use_lang;
use content::api::endpoints::STAFF_FEEDBACK;
use content::api::{FeedbackKind, FeedbackRequest};
use leptos::prelude::*;

#[component]
pub fn FeedbackForm() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let kind = RwSignal::new(FeedbackKind::Suggestion);
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<&'static str>);
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let t = si::ui(lang);
        sent.set(None);
        let req = FeedbackRequest {
            kind: kind.get_untracked(),
            text: text.get_untracked(),
        };
        if req.text.trim().is_empty() {
            message.set(Some(t.send_feedback_empty.into()));
            return;
        }
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::send(&STAFF_FEEDBACK, &[], &req).await {
                Ok(_) => {
                    text.set(String::new());
                    kind.set(FeedbackKind::Suggestion);
                    sent.set(Some(t.send_feedback_sent));
                }
                Err(e) => message.set(Some(match code_of(&e) {
                    Some("empty_text") => t.send_feedback_empty.into(),
                    Some("text_too_long") => t.send_feedback_too_long.into(),
                    _ => error_text(lang, &e).into(),
                })),
            }
            busy.set(false);
        });
    };
    let choices = [
        (FeedbackKind::Suggestion, "staff-fb-suggestion"),
        (FeedbackKind::Evaluation, "staff-fb-evaluation"),
    ];
    view! {
        <section aria-labelledby="send-feedback-h">
            <h2 id="send-feedback-h">{move || t().send_feedback_title}</h2>
            <p>{move || t().send_feedback_intro}</p>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().send_feedback_kind}</legend>
                    {choices.into_iter().map(|(k, id)| view! {
                        <div class="check">
                            <input type="radio" name="staff-feedback-kind" id=id
                                prop:checked=move || kind.get() == k
                                on:change=move |_| kind.set(k)/>
                            <label for=id>{move || match k {
                                FeedbackKind::Suggestion => t().send_feedback_suggestion,
                                FeedbackKind::Evaluation => t().send_feedback_evaluation,
                            }}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="staff-feedback-text">{move || t().send_feedback_text}</label>
                    <p id="staff-feedback-warning" class="warning">{move || t().send_feedback_warning}</p>
                    <textarea id="staff-feedback-text" aria-describedby="staff-feedback-warning"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || t().send_feedback_button}
                </button>
                <p role="status" class="ok">{move || sent.get()}</p>
                <Message text=message/>
            </form>
        </section>
    }
}
