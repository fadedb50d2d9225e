//! The frame of staff mode, the view of the `/staff` parent route: asks the edge once who is
//! logged in (`GET /api/staff/session`) and shares it ([`Who`]), and shows staff mode's own
//! header (the staff menu and who is logged in, the professionals' privacy notice, logout, the
//! language), the page, and the footer. No end-user menu: a professional is not an end user.
//! The menu follows the role: the support desk sees only the feedback page (and security).

use super::i18n::{self as si, role};
use super::shared::{BUSINESS, FEEDBACK};
use super::who::Who;
use crate::api;
use crate::i18n::{self, use_lang};
use crate::layout::{Footer, LangSwitch, SkipLink};
use content::api::{StaffRole, endpoints};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

/// The professionals' own privacy notice.
const PRIVACY: &str = "/staff/privacy";

#[component]
pub fn StaffFrame() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let staff = Who::new();
    provide_context(staff);
    // A 401 from any staff call while someone is logged in: the session has ended (idle or
    // absolute limit); the gate shows the login form with that said.
    api::on_session_end(move || {
        if staff.session.with_untracked(Option::is_some) {
            staff.session.set(None);
            staff.notice.set(None);
            staff.ended.set(true);
        }
    });
    Effect::new(move |_| {
        if staff.session.with(Option::is_some) {
            staff.ended.set(false);
        }
    });
    leptos::task::spawn_local(async move {
        if let Ok(s) = api::call(&endpoints::STAFF_SESSION, &[]).await {
            staff.session.set(Some(s));
        }
        staff.checked.set(true);
    });
    let logout = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::call(&endpoints::STAFF_LOGOUT, &[]).await;
            staff.session.set(None);
            staff
                .notice
                .set(Some(si::ui(lang.get_untracked()).logged_out));
        });
    };
    let menu = move || {
        staff.session.get().map(|session| {
            // The support desk has no business: feedback is all it handles.
            let support = session.role == StaffRole::Support;
            let individual = !support && session.role != StaffRole::ToolManager;
            let admin = session.role == StaffRole::SuperUser;
            view! {
                <Show when=move || individual>
                    <li><A href="/staff">{move || t().participants}</A></li>
                </Show>
                <Show when=move || !support>
                    <li><A href="/staff/stats">{move || t().nav_stats}</A></li>
                </Show>
                <Show when=move || admin>
                    <li><A href="/staff/users">{move || t().nav_users}</A></li>
                    <li><A href=BUSINESS>{move || t().nav_business}</A></li>
                </Show>
                <li><A href=FEEDBACK>{move || t().nav_feedback}</A></li>
                <li><A href="/staff/security">{move || t().security}</A></li>
                <li><A href="/staff/account">{move || t().nav_account}</A></li>
            }
        })
    };
    let who = move || {
        staff.session.get().map(|session| {
            // " · " and the businesses, when the account has any (the support desk has none).
            let names: Vec<&str> = session.businesses.iter().map(|b| b.name.as_str()).collect();
            let business = if names.is_empty() {
                String::new()
            } else {
                format!(" · {}", names.join(", "))
            };
            view! {
                <div class="staff-account">
                    <p class="staff-who">
                        {session.email.clone()} " · " {move || role(lang.get(), session.role)}
                        {business}
                    </p>
                    <button type="button" on:click=logout>{move || t().logout}</button>
                </div>
            }
        })
    };
    view! {
        <SkipLink/>
        <header class="site-header staff-header">
            <div class="brand">
                <A href="/staff" attr:class="brand-name">{move || i18n::ui(lang.get()).app_name}</A>
                <span class="tagline">{move || t().staff_mode}</span>
            </div>
            <nav class="staff-nav" aria-label=move || t().nav_label>
                <ul>
                    {menu}
                    <li><A href=PRIVACY>{move || t().nav_privacy}</A></li>
                </ul>
                {who}
            </nav>
            <LangSwitch/>
        </header>
        <main id="main"><Outlet/></main>
        <Footer privacy=PRIVACY/>
    }
}
