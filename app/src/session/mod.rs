//! The logged-in state shared by every page: `GET /api/me`, the local store's lock state, and
//! how many submissions wait in the outbox (`queue`, SPEC §3.11). What a session does over the
//! network and in the store is [`ops`], a chunk of its own that the login page does not load.

mod ops;

use crate::api::ApiError;
use crate::lazy;
use crate::queue::{self, Queued, Sent};
use crate::store::{self, StoreError};
use content::api::{LinkRequest, LoginRequest, MeState};
use leptos::prelude::*;

/// The last `GET /api/me` answer, sealed in the encrypted store (P3) so that the app opens
/// offline after a reload: the code unlocks it on this device (`resume_offline`).
const ME_RECORD: &str = "me";

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<MeState>>,
    /// The first `GET /api/me` has answered.
    pub ready: RwSignal<bool>,
    pub unlocked: RwSignal<bool>,
    /// Local notes exist that this code on this device cannot read.
    pub stale: RwSignal<bool>,
    /// Submissions waiting in the outbox.
    pub pending: RwSignal<usize>,
    /// Bumped whenever local records change, so views re-read them.
    pub revision: RwSignal<u32>,
    /// "Decide later" at first login: not asked again during this visit.
    pub consent_deferred: RwSignal<bool>,
    /// A one-off message for the login page.
    pub flash: RwSignal<Option<Flash>>,
    /// The edge said the session has ended (idle or absolute limit, or logged out elsewhere)
    /// while the app thought it had one; cleared by the next login.
    pub ended: RwSignal<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    LoggedOut,
    Deleted,
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_default()
}

impl Session {
    pub fn new() -> Session {
        Session {
            me: RwSignal::new(None),
            ready: RwSignal::new(false),
            unlocked: RwSignal::new(false),
            stale: RwSignal::new(false),
            pending: RwSignal::new(0),
            revision: RwSignal::new(0),
            consent_deferred: RwSignal::new(false),
            flash: RwSignal::new(None),
            ended: RwSignal::new(false),
        }
    }

    /// Set as the ended-session hook of [`crate::api`] by the end user's frame: a 401 from a
    /// call that needs a session, while this app had one (or the device remembered one),
    /// forgets it and says so; the pages that need a session then lead to login.
    pub fn session_ended(self) {
        let had = self.me.with_untracked(Option::is_some) || crate::browser::session_hint();
        if had {
            self.forget();
            self.ended.set(true);
        }
    }

    pub fn start(self) {
        leptos::task::spawn_local(async move {
            if crate::browser::session_hint() {
                self.refresh().await;
            }
            self.ready.set(true);
            self.count_pending();
        });
    }

    /// Reads `GET /api/me` again (nothing changes when the edge or the chunk cannot be reached).
    pub async fn refresh(self) {
        lazy::run(ops::refresh(self)).await;
    }

    /// Fetches the chunk that logging in needs, while the code is typed.
    pub fn prepare_login() {
        leptos::task::spawn_local(async {
            let _ = ops::preload().await;
        });
    }

    /// `POST /api/session` with an access code.
    pub async fn log_in(body: LoginRequest) -> Result<MeState, ApiError> {
        lazy::run(ops::log_in(body))
            .await
            .unwrap_or_else(not_loaded)
    }

    /// `POST /api/session/link` with a link code.
    pub async fn link(body: LinkRequest) -> Result<MeState, ApiError> {
        lazy::run(ops::link(body)).await.unwrap_or_else(not_loaded)
    }

    /// Where to go after logging in: the consent question first when it is due.
    pub fn landing(self) -> &'static str {
        let ask = self.me.with(|m| {
            m.as_ref().is_some_and(|m| {
                m.consent.renewal_prompt
                    || (m.consent.state == content::api::ConsentState::NotAsked
                        && !self.consent_deferred.get_untracked())
            })
        });
        if ask { "/consent" } else { "/home" }
    }

    pub fn logged_in(self) -> bool {
        self.me.with(|m| m.is_some())
    }

    pub fn business(self) -> String {
        self.me
            .with(|m| {
                m.as_ref()
                    .and_then(|m| m.business.as_ref().map(|b| b.name.clone()))
            })
            .unwrap_or_default()
    }

    /// After the edge accepted a code (login) or a link code (`code` = None): opens the store
    /// with the code and sends what waits in the outbox.
    pub async fn logged_in_with(self, me: MeState, code: Option<String>) {
        lazy::run(ops::logged_in_with(self, me, code)).await;
    }

    /// Only pages that are chunks of their own call this (and `submit`), never the login
    /// page, so its code stays out of the first load without a split point of its own.
    pub async fn unlock(self, code: &str, verified: bool) -> Result<(), StoreError> {
        ops::unlock_store(self, code, verified).await
    }

    /// Login while the edge cannot be reached: this device had a session (the hint), and the
    /// code opens the store and the state sealed there. The session cookie is still the
    /// edge's to judge when the connection returns; until then answers wait in the outbox.
    pub async fn resume_offline(self, code: &str) -> bool {
        lazy::run(ops::resume_offline(self, code.to_string()))
            .await
            .unwrap_or(false)
    }

    /// Mirrors the number of submissions waiting in the outbox.
    pub fn count_pending(self) {
        self.pending.set(queue::waiting());
    }

    /// Sends a submission through the outbox; the state is read again once the edge stored it.
    pub async fn submit(self, item: Queued) -> Sent {
        let sent = queue::send(item).await;
        self.count_pending();
        if sent == Sent::Stored {
            self.refresh().await;
        }
        sent
    }

    /// Sends what waits in the outbox; the state is read again when anything went through.
    pub async fn flush(self) {
        lazy::run(ops::flush(self)).await;
    }

    pub async fn logout(self) {
        lazy::run(ops::logout(self)).await;
    }

    /// Clears the in-memory state (after logout, delete, or a lost session).
    pub fn forget(self) {
        crate::browser::set_session_hint(false);
        store::remove(ME_RECORD);
        store::lock();
        queue::forget();
        self.me.set(None);
        self.unlocked.set(false);
        self.stale.set(false);
        self.count_pending();
    }
}

/// A login's chunk that could not be fetched is, to the person, a connection that failed.
fn not_loaded<T>() -> Result<T, ApiError> {
    Err(ApiError::Network("not loaded".into()))
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// Now as RFC 3339 (`completed_at`).
pub fn now_rfc3339() -> String {
    content::time::format_ms(js_sys::Date::now() as i64)
}

pub fn today() -> String {
    content::time::date_of(js_sys::Date::now() as i64)
}
