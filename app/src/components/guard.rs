//! Pages that need a session: while the first `GET /api/me` runs they show a loading heading;
//! without a session they send the user to the login page.

use crate::i18n::{self, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Guarded(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.ready.get() && !session.logged_in() {
            navigate("/", Default::default());
        }
    });
    // A memo, so a refreshed `me` (after every submission) does not rebuild the page and lose
    // its state: only logging in or out does.
    let allowed = Memo::new(move |_| session.ready.get() && session.me.with(|m| m.is_some()));
    move || {
        if allowed.get() {
            children().into_any()
        } else {
            view! { <h1>{move || i18n::pages(lang.get()).loading}</h1> }.into_any()
        }
    }
}
