use crate::api;
use crate::i18n::{self, use_lang};
use content::api::{FeedbackKind, FeedbackRequest};
use leptos::prelude::*;

#[component]
pub fn Feedback() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let kind = RwSignal::new(FeedbackKind::Suggestion);
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<&'static str>);
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
            let r = api::post::<serde_json::Value, _>("/api/feedback", &body).await;
            let t = i18n::ui(lang.get_untracked());
            if r.is_ok() {
                text.set(String::new());
                message.set(Some(t.feedback_sent));
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
        </section>
    }
}
