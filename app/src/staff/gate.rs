//! The staff pages that need a login sit under this route: while nobody is logged in it shows
//! the login form in the page's place (after logging in, the page asked for is shown), and
//! the page otherwise.

use super::i18n as si;
use super::login::LoginForm;
use super::who::use_staff;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::components::Outlet;

#[component]
pub fn SignedIn() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let staff = use_staff();
    // Only logging in or out swaps the page; a change of the session itself (e.g. the
    // authenticator turned on) leaves the page as it is.
    let signed_in = Memo::new(move |_| staff.session.with(Option::is_some));
    move || {
        if !staff.checked.get() {
            return view! { <p class="staff" role="status">{move || t().loading}</p> }.into_any();
        }
        if !signed_in.get() {
            return view! {
                <div class="staff">
                    <Show when=move || staff.ended.get()>
                        <p role="alert" class="notice session-ended">
                            {move || t().session_ended}" "
                            <a href="#staff-email">{move || t().session_ended_login}</a>
                        </p>
                    </Show>
                    <p role="status" class="notice">{move || staff.notice.get()}</p>
                    <LoginForm/>
                </div>
            }
            .into_any();
        }
        view! { <div class="staff"><Outlet/></div> }.into_any()
    }
}
