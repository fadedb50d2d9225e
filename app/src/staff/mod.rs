//! Staff mode (SPEC §4): the professional side of the same app, its own bundle (feature
//! `staff`). Every staff path sits under one parent route, [`routes::StaffRoutes`]: the frame
//! (`frame`) asks the edge once who is logged in, shares it (`who`) and has staff mode's own
//! header; the pages that need a login sit under `gate`, which shows the login form while
//! nobody is logged in. The invitation page and the privacy notice need no login. Pure parts
//! (password hashing, CSV, the statistics' bars, the strings) are plain modules with native
//! tests. Nothing here imports this file: the pages share `shared`.

mod account;
pub mod bars;
mod business;
mod desk;
mod dom;
mod enrol;
mod feedback;
mod feedback_form;
mod frame;
mod gate;
pub mod hash;
pub mod i18n;
mod invite;
mod login;
mod overview;
mod participant;
mod routes;
mod security;
mod shared;
pub mod slips;
mod stats;
mod tasks;
mod users;
mod who;

pub use routes::StaffRoutes;
