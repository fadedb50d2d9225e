//! The end-user bundle's stand-ins for the staff pages: staff mode is a separate bundle
//! (feature `staff`), so an in-app link to /staff reloads the page and `boot.js` loads it.

use leptos::prelude::*;

fn load_staff_bundle() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

macro_rules! stand_ins {
    ($($name:ident),*) => {$(
        #[component]
        pub fn $name() -> impl IntoView {
            load_staff_bundle();
            view! { <p role="status">"…"</p> }
        }
    )*};
}

stand_ins!(
    StaffHome,
    Invite,
    ParticipantPage,
    StatsPage,
    UsersPage,
    SecurityPage
);
