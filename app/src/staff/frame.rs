//! The frame of every staff page: who is logged in (`GET /api/staff/session`), the staff
//! menu and logout, or the login form when nobody is.

use super::i18n::{self as si, role};
use super::who::Who;
use super::{login::LoginForm, overview::Overview};
use crate::api;
use crate::i18n::use_lang;
use content::api::{StaffRole, StaffSession};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/staff`: the overview, or the login form.
#[component]
pub fn StaffHome() -> impl IntoView {
    view! { <StaffFrame><Overview/></StaffFrame> }
}

#[component]
pub fn StaffFrame(children: ChildrenFn) -> impl IntoView {
    let lang = use_lang();
    let who = RwSignal::new(None::<StaffSession>);
    let checked = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);
    provide_context(Who(who));
    leptos::task::spawn_local(async move {
        if let Ok(s) = api::get::<StaffSession>("/api/staff/session").await {
            who.set(Some(s));
        }
        checked.set(true);
    });
    let logout = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::request::<serde_json::Value>("DELETE", "/api/staff/session", None).await;
            who.set(None);
            notice.set(Some(si::ui(lang.get_untracked()).logged_out));
        });
    };
    let t = move || si::ui(lang.get());
    move || {
        if !checked.get() {
            return view! { <p class="staff" role="status">{t().loading}</p> }.into_any();
        }
        let Some(session) = who.get() else {
            return view! {
                <div class="staff">
                    <p role="status" class="notice">{move || notice.get()}</p>
                    <LoginForm/>
                </div>
            }
            .into_any();
        };
        let individual = session.role != StaffRole::ToolManager;
        let admin = session.role == StaffRole::SuperUser;
        let business = session
            .businesses
            .iter()
            .map(|b| b.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let children = children.clone();
        view! {
            <div class="staff">
                <nav class="staff-nav" aria-label=move || t().nav_label>
                    <ul>
                        <Show when=move || individual>
                            <li><A href="/staff">{move || t().participants}</A></li>
                        </Show>
                        <li><A href="/staff/stats">{move || t().nav_stats}</A></li>
                        <Show when=move || admin>
                            <li><A href="/staff/users">{move || t().nav_users}</A></li>
                        </Show>
                        <li><A href="/staff/security">{move || t().security}</A></li>
                    </ul>
                    <p class="staff-who">
                        {session.email.clone()} " · " {move || role(lang.get(), session.role)}
                        " · " {business}
                    </p>
                    <button type="button" on:click=logout>{move || t().logout}</button>
                </nav>
                {children()}
            </div>
        }
        .into_any()
    }
}
