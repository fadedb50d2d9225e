//! `/staff/feedback`: for the support desk the unhandled feedback (`desk`); for every staff
//! account the form that sends staff feedback (`feedback_form`).

use super::desk::Desk;
use super::feedback_form::FeedbackForm;
use super::i18n as si;
use super::who::use_who;
use crate::i18n::use_lang;
use content::api::StaffRole;
use leptos::prelude::*;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let who = use_who();
    let support = move || who.with(|w| w.as_ref().map(|s| s.role) == Some(StaffRole::Support));
    view! {
        <h1>{move || t().feedback_title}</h1>
        <Show when=support>
            <Desk/>
        </Show>
        <FeedbackForm/>
    }
}
