//! The end user's frame around every page (`Shell`: skip link, header with the menu and the
//! language switch, the notice banner, the page, footer with the service status), the parts
//! staff mode's own frame uses too (skip link, language switch, footer), and focus management
//! on route change.

use crate::i18n::{self, use_lang};
use crate::session::{Flash, use_session};
use crate::{api, browser};
use leptos::prelude::*;
use leptos_router::{
    components::{A, Outlet},
    hooks::{use_location, use_navigate},
};

/// The end user's pages: their header and menu, the notice banner, the page, the footer.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    api::on_session_end(move || session.session_ended());
    view! {
        <SkipLink/>
        <Header/>
        <NoticeChanged/>
        <main id="main"><SessionEnded/><Outlet/></main>
        <Footer privacy=content::pages::PRIVACY.path/>
    }
}

/// "Your session has ended, log in again", with the way to the login page, on every page
/// until the next login (after the edge refused a call for an ended session).
#[component]
fn SessionEnded() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    view! {
        <Show when=move || session.ended.get()>
            <p role="alert" class="notice session-ended">
                {move || t().session_ended}" "
                <A href="/">{move || t().session_ended_login}</A>
            </p>
        </Show>
    }
}

#[component]
pub fn SkipLink() -> impl IntoView {
    let lang = use_lang();
    view! { <a class="skip-link" href="#main">{move || i18n::ui(lang.get()).skip_to_content}</a> }
}

/// One button to the other language, remembered on the device.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let switch = move |_| {
        let next = lang.get_untracked().other();
        browser::store_lang(next);
        lang.set(next);
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=move || lang.get().other().tag()
            aria-label=move || t().switch_language_label
            on:click=switch
        >
            {move || t().switch_language}
        </button>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    let logged_in = move || session.me.with(|m| m.is_some());
    let logout = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            session.logout().await;
            session.flash.set(Some(Flash::LoggedOut));
            navigate("/", Default::default());
        });
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <A href="/" attr:class="brand-name">{move || t().app_name}</A>
                <span class="tagline">{move || t().tagline}</span>
            </div>
            // One tap to crisis resources from every page, logged in or not (SPEC §3.6).
            <A href=content::pages::HELP.path attr:class="help-now">{move || t().nav_help}</A>
            <nav aria-label=move || t().nav_label>
                <ul class="nav-list">
                    <Show
                        when=logged_in
                        fallback=move || view! { <li><A href="/">{move || t().nav_home}</A></li> }
                    >
                        <li><A href="/home">{move || t().nav_overview}</A></li>
                        <li><A href="/tools">{move || t().nav_tools}</A></li>
                        <li><A href="/history">{move || t().nav_history}</A></li>
                    </Show>
                    <li><A href="/settings">{move || t().nav_settings}</A></li>
                    <Show when=logged_in>
                        <li>
                            <button type="button" class="link-button" on:click=logout.clone()>
                                {move || t().logout}
                            </button>
                        </li>
                    </Show>
                </ul>
            </nav>
            <LangSwitch/>
        </header>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Service {
    Checking,
    Up,
    Down,
}

/// The footer: what is never stored, the privacy notice (`privacy`: the end user's, or in
/// staff mode the professionals' own), and whether the service answers.
#[component]
pub fn Footer(privacy: &'static str) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let service = RwSignal::new(Service::Checking);
    leptos::task::spawn_local(async move {
        service.set(if api::service_up().await {
            Service::Up
        } else {
            Service::Down
        });
    });
    view! {
        <footer class="site-footer">
            <p>
                {move || t().privacy_note}" "
                <a href=privacy>{move || t().privacy_link_label}</a>
            </p>
            <p role="status" data-service=move || match service.get() {
                Service::Checking => "checking",
                Service::Up => "up",
                Service::Down => "down",
            }>
                {move || match service.get() {
                    Service::Checking => t().service_checking,
                    Service::Up => t().service_ok,
                    Service::Down => t().service_down,
                }}
            </p>
        </footer>
    }
}

/// Names the document after the page heading, and moves focus to it on every route change
/// after the first (the first load keeps the browser's own focus order). `routing`: true while
/// the router waits for a page (a lazy route's chunk arrives over the network), so the heading
/// announced is the new page's, not the one it replaces.
#[component]
pub fn RouteFocus(routing: ReadSignal<bool>) -> impl IntoView {
    let location = use_location();
    let lang = use_lang();
    Effect::new(move |announced: Option<Option<String>>| {
        let path = location.pathname.get();
        lang.track();
        let last = announced.flatten();
        if routing.get() {
            return last;
        }
        let moved = last.as_ref().is_some_and(|p| *p != path);
        request_animation_frame(move || browser::announce_page(moved, HEADING_WAIT_FRAMES));
        Some(path)
    });
}

/// How many frames a first load waits for its page's heading (a lazy route's chunk on a slow
/// connection): about ten seconds.
const HEADING_WAIT_FRAMES: u32 = 600;

/// "The privacy notice has changed": shown to a logged-in user whose device last saw an older
/// version, with what changed; dismissing it records the current version on the device only.
/// A device that has seen none records the current one silently (the notice is linked where
/// people log in and where consent is asked).
#[component]
pub fn NoticeChanged() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::ui(lang.get());
    let session = use_session();
    let deployment = content::config::get();
    let current = deployment.notice.version.as_str();
    let seen = RwSignal::new(browser::notice_seen());
    Effect::new(move |_| {
        if session.me.with(|m| m.is_some()) && seen.get_untracked().is_none() {
            browser::set_notice_seen(current);
            seen.set(Some(current.to_string()));
        }
    });
    let dismiss = move |_| {
        browser::set_notice_seen(current);
        seen.set(Some(current.to_string()));
    };
    move || {
        let logged_in = session.me.with(|m| m.is_some());
        let changes = seen.with(|s| content::notice::changes_since(deployment, s.as_deref()));
        (logged_in && !changes.is_empty()).then(|| {
            let lang_now = lang.get();
            view! {
                <aside class="notice-banner" aria-labelledby="notice-changed">
                    <h2 id="notice-changed">{t().notice_changed_title}</h2>
                    <ul>
                        {changes.into_iter().map(|c| view! {
                            <li>{format!("{}: {}", content::dates::date_of_text(&c.date, lang_now), c.text.get(lang_now))}</li>
                        }).collect_view()}
                    </ul>
                    <p>
                        <a href=content::pages::PRIVACY.path>{t().notice_changed_read}</a>
                    </p>
                    <button type="button" on:click=dismiss>{t().notice_dismiss}</button>
                </aside>
            }
        })
    }
}
