//! The frame of every staff page: who is logged in (`GET /api/staff/session`), the staff
//! menu and logout, or the login form when nobody is.

use super::i18n::{role, tr};
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
            notice.set(Some(tr(
                lang.get_untracked(),
                "Du er logget ut.",
                "You are logged out.",
            )));
        });
    };
    let t = move |nb, en| tr(lang.get(), nb, en);
    move || {
        if !checked.get() {
            return view! { <p class="staff" role="status">{t("Laster …", "Loading …")}</p> }
                .into_any();
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
                <nav class="staff-nav" aria-label=move || t("Ansattmeny", "Staff menu")>
                    <ul>
                        <Show when=move || individual>
                            <li><A href="/staff">{move || t("Deltakere", "Participants")}</A></li>
                        </Show>
                        <li><A href="/staff/stats">{move || t("Statistikk", "Statistics")}</A></li>
                        <Show when=move || admin>
                            <li><A href="/staff/users">{move || t("Ansatte og logg", "Staff and log")}</A></li>
                        </Show>
                        <li><A href="/staff/security">{move || t("Sikkerhet", "Security")}</A></li>
                    </ul>
                    <p class="staff-who">
                        {session.email.clone()} " · " {move || role(lang.get(), session.role)}
                        " · " {business}
                    </p>
                    <button type="button" on:click=logout>{move || t("Logg ut", "Log out")}</button>
                </nav>
                {children()}
            </div>
        }
        .into_any()
    }
}
