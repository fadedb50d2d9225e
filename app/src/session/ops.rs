//! What a session does over the network and in the encrypted store: read `GET /api/me`, log
//! in, open the store, send the outbox, log out. A chunk of its own (`crate::lazy`): a person
//! on the login page has no session yet, so the page loads without the typed door to the edge,
//! the state decoder, the store or the outbox; the chunk is fetched when the login form is
//! first focused, or at start when this device has a session.

use super::{ME_RECORD, Session};
use crate::api::{self, ApiError};
use crate::queue;
use crate::store::{self, StoreError};
use content::api::endpoints;
use content::api::{LinkRequest, LoginRequest, MeState};
use leptos::prelude::*;

crate::lazy::lazy_fns! {
    session_ops, preload;

    pub(super) async fn refresh(session: Session) -> () {
        match api::call(&endpoints::ME, &[]).await {
            Ok(me) => {
                session.me.set(Some(me));
                keep_for_offline(session).await;
            }
            Err(ApiError::Status { status: 401, .. }) => {
                crate::browser::set_session_hint(false);
                session.me.set(None);
            }
            Err(_) => {}
        }
    }

    pub(super) async fn log_in(body: LoginRequest) -> Result<MeState, ApiError> {
        api::send(&endpoints::LOGIN, &[], &body).await
    }

    pub(super) async fn link(body: LinkRequest) -> Result<MeState, ApiError> {
        api::send(&endpoints::LINK, &[], &body).await
    }

    pub(super) async fn logged_in_with(session: Session, me: MeState, code: Option<String>) -> () {
        crate::browser::set_session_hint(true);
        session.ended.set(false);
        session.me.set(Some(me));
        session.ready.set(true);
        if let Some(code) = code {
            unlock_store(session, &code, true).await.ok();
        }
        flush_outbox(session).await;
    }

    pub(super) async fn resume_offline(session: Session, code: String) -> bool {
        if !crate::browser::session_hint() || unlock_store(session, &code, false).await.is_err() {
            return false;
        }
        let me = match store::open(ME_RECORD).await {
            Ok(Some(text)) => serde_json::from_str::<MeState>(&text).ok(),
            _ => None,
        };
        let Some(me) = me else {
            store::lock();
            session.unlocked.set(false);
            return false;
        };
        session.me.set(Some(me));
        session.ready.set(true);
        true
    }

    pub(super) async fn flush(session: Session) -> () {
        flush_outbox(session).await;
    }

    pub(super) async fn logout(session: Session) -> () {
        let _ = api::call(&endpoints::LOGOUT, &[]).await;
        session.forget();
    }
}

/// Opens the store with the code (derives its key) and seals the state for an offline reload.
pub(super) async fn unlock_store(
    session: Session,
    code: &str,
    verified: bool,
) -> Result<(), StoreError> {
    let stale = store::unlock(code, verified).await?;
    session.unlocked.set(true);
    session.stale.set(stale);
    session.revision.update(|r| *r += 1);
    session.count_pending();
    keep_for_offline(session).await;
    Ok(())
}

async fn flush_outbox(session: Session) {
    let settled = queue::flush().await;
    session.count_pending();
    if settled {
        session.refresh().await;
    }
}

/// Seals the current state for an offline reload (only while the store is unlocked).
async fn keep_for_offline(session: Session) {
    if !store::is_unlocked() {
        return;
    }
    let Some(text) = session
        .me
        .with_untracked(|m| m.as_ref().and_then(|m| serde_json::to_string(m).ok()))
    else {
        return;
    };
    let _ = store::seal(ME_RECORD, &text).await;
}
