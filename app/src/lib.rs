//! Mestring's browser app. `main.rs` only mounts; components live here and in `pages/`,
//! logic that can be tested natively lives in plain modules (`i18n`, …).

pub mod api;
mod browser;
pub mod i18n;
mod layout;
mod pages;
pub mod staff;

use i18n::Lang;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The UI language, shared through context.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    use_context::<LangCtx>()
        .map(|c| c.0)
        .unwrap_or_else(|| RwSignal::new(Lang::Nb))
}

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(i18n::pick(
        browser::stored_lang().as_deref(),
        &browser::languages(),
    ));
    provide_context(LangCtx(lang));
    Effect::new(move |_| browser::set_document_lang(lang.get()));

    view! {
        <Router>
            <layout::Header/>
            <main id="main">
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("/") view=pages::login::Login/>
                    <Route path=path!("/settings") view=pages::settings::Settings/>
                    <Route path=path!("/staff") view=staff::StaffHome/>
                    <Route path=path!("/staff/invite") view=staff::Invite/>
                    <Route path=path!("/staff/participants/:id") view=staff::ParticipantPage/>
                    <Route path=path!("/staff/stats") view=staff::StatsPage/>
                    <Route path=path!("/staff/users") view=staff::UsersPage/>
                </Routes>
            </main>
            <layout::Footer/>
            <layout::RouteFocus/>
        </Router>
    }
}
