//! Mestring's browser app. `main.rs` only mounts; components live here, in `components/` and
//! in `pages/`; logic that can be tested natively lives in plain modules (`i18n`, `envelope`,
//! `questionnaire`, `chart`, `queue`, `tool_progress`, `login_check`, `ids`).

pub mod api;
mod browser;
pub mod chart;
mod components;
mod crypto;
pub mod envelope;
pub mod i18n;
pub mod ids;
mod kdf_worker;
mod layout;
mod lazy;
pub mod login_check;
mod pages;
pub mod questionnaire;
pub mod queue;
mod routes;
mod session;
#[cfg(feature = "staff")]
pub mod staff;
#[cfg(not(feature = "staff"))]
mod staff_loader;
#[cfg(not(feature = "staff"))]
use staff_loader as staff;
mod store;
pub mod tool_progress;

use leptos::prelude::*;
use leptos_router::{
    Lazy,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(i18n::pick(
        browser::stored_lang().as_deref(),
        &browser::languages(),
    ));
    provide_context(i18n::LangCtx(lang));
    Effect::new(move |_| browser::set_document_lang(lang.get()));
    let session = session::Session::new();
    provide_context(session);
    session.start();
    // Answers kept while offline go out as soon as the connection returns.
    let _ = window_event_listener(leptos::ev::online, move |_| {
        leptos::task::spawn_local(session.flush());
    });
    // And, in case no `online` event comes (flaky networks), a quiet retry now and then.
    set_interval(
        move || {
            if session.pending.get_untracked() > 0 {
                leptos::task::spawn_local(session.flush());
            }
        },
        std::time::Duration::from_secs(15),
    );

    // Two frames: staff mode (its own header, under /staff) and the end user's, whose last
    // route answers every unknown address.
    // While a lazy route's chunk loads, the old page stays; the heading is announced after.
    let (routing, set_routing) = signal(false);
    view! {
        <Router set_is_routing=set_routing>
            <Routes fallback=|| view! { <main id="main"><pages::not_found::NotFound/></main> }>
                <staff::StaffRoutes/>
                <ParentRoute path=path!("") view=layout::Shell>
                    <Route path=path!("/") view=pages::login::Login/>
                    <Route path=path!("/help") view=pages::help::Help/>
                    <Route path=path!("/privacy") view={Lazy::<routes::Privacy>::new()}/>
                    <Route path=path!("/voucher") view={Lazy::<routes::Voucher>::new()}/>
                    <Route path=path!("/purchase") view={Lazy::<routes::Purchase>::new()}/>
                    <Route path=path!("/consent") view={Lazy::<routes::Consent>::new()}/>
                    <Route path=path!("/home") view={Lazy::<routes::Home>::new()}/>
                    <Route path=path!("/check/:instrument") view={Lazy::<routes::Questionnaire>::new()}/>
                    <Route path=path!("/history") view={Lazy::<routes::History>::new()}/>
                    <Route path=path!("/tools") view={Lazy::<routes::Tools>::new()}/>
                    <Route path=path!("/tools/:tool") view={Lazy::<routes::Tool>::new()}/>
                    <Route path=path!("/tools/:tool/:part") view={Lazy::<routes::Part>::new()}/>
                    <Route path=path!("/settings") view={Lazy::<routes::Settings>::new()}/>
                    <Route path=path!("/*any") view=pages::not_found::NotFound/>
                </ParentRoute>
            </Routes>
            <layout::RouteFocus routing/>
            <routes::PreloadPages/>
        </Router>
    }
}
