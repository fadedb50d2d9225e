//! The logged-in state shared by every page: `GET /api/me`, the local store's lock state, and
//! the queue of submissions waiting for a connection (SPEC §3.11).

use crate::api::{self, ApiError};
use crate::envelope;
use crate::queue::{Disposition, Queued, disposition};
use crate::store::{self, StoreError};
use content::api::MeState;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

thread_local! {
    /// Submissions made while the store is locked (no code entered on this page load).
    static MEMORY: RefCell<Vec<Queued>> = const { RefCell::new(Vec::new()) };
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
}

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<MeState>>,
    /// The first `GET /api/me` has answered.
    pub ready: RwSignal<bool>,
    pub unlocked: RwSignal<bool>,
    /// Local notes exist that this code on this device cannot read.
    pub stale: RwSignal<bool>,
    pub pending: RwSignal<usize>,
    /// Bumped whenever local records change, so views re-read them.
    pub revision: RwSignal<u32>,
    /// "Decide later" at first login: not asked again during this visit.
    pub consent_deferred: RwSignal<bool>,
    /// A one-off message for the login page.
    pub flash: RwSignal<Option<Flash>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    LoggedOut,
    Deleted,
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Stored,
    /// Kept on the device; sent when the connection returns.
    Queued,
    Rejected,
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

    pub async fn refresh(self) {
        match api::get::<MeState>("/api/me").await {
            Ok(me) => self.me.set(Some(me)),
            Err(ApiError::Status { status: 401, .. }) => {
                crate::browser::set_session_hint(false);
                self.me.set(None);
            }
            Err(_) => {}
        }
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

    /// After the edge accepted a code (login) or a link code (`code` = None).
    pub async fn logged_in_with(self, me: MeState, code: Option<&str>) {
        crate::browser::set_session_hint(true);
        self.me.set(Some(me));
        self.ready.set(true);
        if let Some(code) = code {
            self.unlock(code, true).await.ok();
        }
        self.flush().await;
    }

    pub async fn unlock(self, code: &str, verified: bool) -> Result<(), StoreError> {
        let stale = store::unlock(code, verified).await?;
        self.unlocked.set(true);
        self.stale.set(stale);
        self.revision.update(|r| *r += 1);
        self.count_pending();
        Ok(())
    }

    pub fn count_pending(self) {
        let n = MEMORY.with(|m| m.borrow().len()) + store::records("queue:").len();
        self.pending.set(n);
    }

    /// Sends a submission; if there is no connection it is kept (sealed in the local store when
    /// unlocked, otherwise in memory for this page load) and sent later with the same id.
    pub async fn submit(self, item: Queued) -> Sent {
        let record = envelope::queue_record(item.id());
        let sealed = match serde_json::to_string(&item) {
            Ok(text) if store::is_unlocked() => store::seal(&record, &text).await.is_ok(),
            _ => false,
        };
        let result =
            api::request::<serde_json::Value>("POST", item.path(), Some(item.body())).await;
        let outcome = match disposition(&result) {
            Disposition::Done => Sent::Stored,
            Disposition::Drop => Sent::Rejected,
            Disposition::Retry => {
                if !sealed {
                    MEMORY.with(|m| m.borrow_mut().push(item));
                }
                self.count_pending();
                return Sent::Queued;
            }
        };
        store::remove(&record);
        self.count_pending();
        if outcome == Sent::Stored {
            self.refresh().await;
        }
        outcome
    }

    /// Sends everything waiting, oldest first; stops at the first connection failure.
    pub async fn flush(self) {
        if FLUSHING.with(|f| f.replace(true)) {
            return;
        }
        let mut any = false;
        let memory: Vec<Queued> = MEMORY.with(|m| m.borrow_mut().drain(..).collect());
        let mut keep = Vec::new();
        let mut offline = false;
        for item in memory {
            if offline {
                keep.push(item);
                continue;
            }
            let r = api::request::<serde_json::Value>("POST", item.path(), Some(item.body())).await;
            match disposition(&r) {
                Disposition::Retry => {
                    offline = true;
                    keep.push(item);
                }
                _ => any = true,
            }
        }
        MEMORY.with(|m| m.borrow_mut().extend(keep));
        if store::is_unlocked() && !offline {
            for record in store::records("queue:") {
                let Ok(Some(text)) = store::open(&record).await else {
                    continue;
                };
                let Ok(item) = serde_json::from_str::<Queued>(&text) else {
                    store::remove(&record);
                    continue;
                };
                let r =
                    api::request::<serde_json::Value>("POST", item.path(), Some(item.body())).await;
                match disposition(&r) {
                    Disposition::Retry => break,
                    _ => {
                        store::remove(&record);
                        any = true;
                    }
                }
            }
        }
        FLUSHING.with(|f| f.set(false));
        self.count_pending();
        if any {
            self.refresh().await;
        }
    }

    pub async fn logout(self) {
        let _ = api::request::<serde_json::Value>("DELETE", "/api/session", None).await;
        self.forget();
    }

    /// Clears the in-memory state (after logout, delete, or a lost session).
    pub fn forget(self) {
        crate::browser::set_session_hint(false);
        store::lock();
        MEMORY.with(|m| m.borrow_mut().clear());
        self.me.set(None);
        self.unlocked.set(false);
        self.stale.set(false);
        self.count_pending();
    }
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
