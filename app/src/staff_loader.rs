//! The end-user bundle's stand-in for staff mode: staff mode is a separate bundle (feature
//! `staff`), so an in-app link to any /staff path reloads the page and `boot.js` loads it.

use leptos::prelude::*;
use leptos_router::{components::Route, path};

#[component]
fn LoadStaffBundle() -> impl IntoView {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
    view! { <main id="main"><p role="status">"…"</p></main> }
}

/// `/staff` and every path under it.
#[component(transparent)]
pub fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/staff/*rest") view=LoadStaffBundle/> }.into_inner()
}
