//! The access-code input: live check-symbol validation before any request (SPEC §3.1).
//!
//! Password managers: the code is a long-lived secret, so the field is a password field
//! (`autocomplete="current-password"`, paired with a hidden `username` in the form) that
//! browsers offer to save and fill; pasting works as in any field. A checkbox shows the code
//! while typing, since a 13-symbol code is easy to mistype unseen.

use crate::i18n::use_lang;
use crate::i18n::{self, Ui, fill};
use crate::login_check::{self, CodeProblem};
use leptos::prelude::*;

pub fn describe(problem: CodeProblem, t: &Ui) -> String {
    match problem {
        CodeProblem::BadSymbol { symbol, position } => fill(
            t.code_bad_symbol,
            &[&symbol.to_string(), &position.to_string()],
        ),
        CodeProblem::TooShort => t.code_too_short.into(),
        CodeProblem::TooLong => t.code_too_long.into(),
        CodeProblem::Typo => t.code_typo.into(),
    }
}

#[component]
pub fn CodeField(
    id: &'static str,
    value: RwSignal<String>,
    /// Set when the user left the field or submitted: a short code is then flagged too.
    finished: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let show = RwSignal::new(false);
    let problem = Memo::new(move |_| login_check::check(&value.get(), finished.get()));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let show_id = format!("{id}-show");
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            if problem.get().is_some() {
                format!("{h} {e}")
            } else {
                h.clone()
            }
        }
    };
    view! {
        <div class="field">
            <label for=id>{move || t().code_label}</label>
            <p id=hint_id class="hint">{move || t().code_hint}</p>
            <input
                id=id
                name="password"
                type=move || if show.get() { "text" } else { "password" }
                autocomplete="current-password"
                autocapitalize="characters"
                spellcheck="false"
                aria-invalid=move || problem.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| {
                    if !login_check::is_blank(&value.get_untracked()) {
                        finished.set(true)
                    }
                }
            />
            <p id=error_id class="field-error" aria-live="polite">
                {move || problem.get().map(|p| describe(p, t()))}
            </p>
            <div class="check">
                <input type="checkbox" id=show_id.clone() bind:checked=show/>
                <label for=show_id>{move || t().show_code}</label>
            </div>
        </div>
    }
}
