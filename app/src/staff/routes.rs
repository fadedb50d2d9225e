//! Every staff path under one parent route, `/staff`, whose view is the staff frame. The
//! invitation page and the professionals' privacy notice need no login; every other page sits
//! under the gate, which shows the login form until someone is logged in.

use super::{
    account, business, feedback, frame, gate, invite, overview, participant, security, stats, users,
};
use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route},
    path,
};

#[component(transparent)]
pub fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/staff") view=frame::StaffFrame>
            <Route path=path!("/invite") view=invite::Invite/>
            <Route path=path!("/privacy") view=crate::pages::privacy::StaffPrivacy/>
            <ParentRoute path=path!("") view=gate::SignedIn>
                <Route path=path!("") view=overview::Overview/>
                <Route path=path!("/participants/:id") view=participant::Participant/>
                <Route path=path!("/stats") view=stats::StatsView/>
                <Route path=path!("/users") view=users::Users/>
                <Route path=path!("/business") view=business::Business/>
                <Route path=path!("/feedback") view=feedback::FeedbackPage/>
                <Route path=path!("/security") view=security::Security/>
                <Route path=path!("/account") view=account::Account/>
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}
