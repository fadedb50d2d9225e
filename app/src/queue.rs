//! The outbox (SPEC §3.11): submissions made without a connection wait here and go out, with
//! their original ids, when it returns. Pure and tested natively: what a submission is, what
//! to do after an attempt ([`disposition`]) and the order of sending ([`drain`]). The browser
//! side below keeps waiting submissions sealed in the local store when it is unlocked (they
//! survive a reload), otherwise in memory for this page load. `session` mirrors the count
//! and re-reads the user's state when something went through.

use crate::api::{self, ApiError};
use crate::envelope::{QUEUE_PREFIX, queue_record};
use crate::store;
use content::api::{ProgressSubmit, ResponseSubmit};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Queued {
    Response(ResponseSubmit),
    Progress(ProgressSubmit),
}

impl Queued {
    /// The client id: the same on every retry, so the edge stores it once.
    pub fn id(&self) -> &str {
        match self {
            Queued::Response(r) => &r.id,
            Queued::Progress(p) => &p.id,
        }
    }

    pub fn path(&self) -> &'static str {
        match self {
            Queued::Response(_) => "/api/me/responses",
            Queued::Progress(_) => "/api/me/progress",
        }
    }

    pub fn body(&self) -> String {
        match self {
            Queued::Response(r) => serde_json::to_string(r),
            Queued::Progress(p) => serde_json::to_string(p),
        }
        .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Stored by the edge (or already stored earlier): forget it.
    Done,
    /// Try again later: no connection, server trouble, throttled, or logged out meanwhile.
    Retry,
    /// The edge will never accept it (422 and the like): drop it, keeping it only loses space.
    Drop,
}

pub fn disposition<T>(result: &Result<T, ApiError>) -> Disposition {
    match result {
        Ok(_) => Disposition::Done,
        Err(ApiError::Network(_)) => Disposition::Retry,
        Err(ApiError::Decode(_)) => Disposition::Done,
        Err(ApiError::Status { status, .. }) => match status {
            401 | 403 | 408 | 429 => Disposition::Retry,
            s if *s >= 500 => Disposition::Retry,
            409 => Disposition::Done,
            _ => Disposition::Drop,
        },
    }
}

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Stored,
    /// Kept on the device; sent when the connection returns.
    Queued,
    Rejected,
}

/// What a [`drain`] left.
#[derive(Debug, PartialEq, Eq)]
pub struct Drained<T> {
    /// Not sent, oldest first: skipped ones, the one that must wait and every one after it.
    pub kept: Vec<T>,
    /// The edge answered at least one for good (stored, or refused for ever).
    pub settled: bool,
    /// One had to wait (no connection): the ones after it were not tried.
    pub stopped: bool,
}

/// Tries `items` oldest first. `attempt` answers what became of one, or `None` when it could
/// not be tried (it is kept and the next one is tried); the first that must wait stops the
/// round, so nothing is sent out of order while the connection is down.
pub async fn drain<T>(
    items: Vec<T>,
    mut attempt: impl AsyncFnMut(&T) -> Option<Disposition>,
) -> Drained<T> {
    let mut out = Drained {
        kept: Vec::new(),
        settled: false,
        stopped: false,
    };
    for item in items {
        if out.stopped {
            out.kept.push(item);
            continue;
        }
        match attempt(&item).await {
            Some(Disposition::Done | Disposition::Drop) => out.settled = true,
            Some(Disposition::Retry) => {
                out.stopped = true;
                out.kept.push(item);
            }
            None => out.kept.push(item),
        }
    }
    out
}

thread_local! {
    /// Submissions made while the store is locked (no code entered on this page load).
    static MEMORY: RefCell<Vec<Queued>> = const { RefCell::new(Vec::new()) };
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
}

async fn post(item: &Queued) -> Disposition {
    disposition(&api::request::<serde_json::Value>("POST", item.path(), Some(item.body())).await)
}

/// How many submissions wait, in memory and sealed in the store.
pub fn waiting() -> usize {
    MEMORY.with(|m| m.borrow().len()) + store::records(QUEUE_PREFIX).len()
}

/// Submissions are sealed in the store (they need it unlocked to be sent).
pub fn sealed_waiting() -> bool {
    !store::records(QUEUE_PREFIX).is_empty()
}

/// Sends a submission; if there is no connection it is kept (sealed in the local store when
/// unlocked, otherwise in memory for this page load) and sent later with the same id.
pub async fn send(item: Queued) -> Sent {
    let record = queue_record(item.id());
    let sealed = match serde_json::to_string(&item) {
        Ok(text) if store::is_unlocked() => store::seal(&record, &text).await.is_ok(),
        _ => false,
    };
    let outcome = match post(&item).await {
        Disposition::Done => Sent::Stored,
        Disposition::Drop => Sent::Rejected,
        Disposition::Retry => {
            if !sealed {
                MEMORY.with(|m| m.borrow_mut().push(item));
            }
            return Sent::Queued;
        }
    };
    store::remove(&record);
    outcome
}

/// Sends everything waiting, oldest first (memory, then the store when it is unlocked); stops
/// at the first connection failure. True when the edge settled any (so the caller re-reads
/// what depends on them); false at once while another flush runs.
pub async fn flush() -> bool {
    if FLUSHING.with(|f| f.replace(true)) {
        return false;
    }
    let memory: Vec<Queued> = MEMORY.with(|m| m.borrow_mut().drain(..).collect());
    let held = drain(memory, async |item: &Queued| Some(post(item).await)).await;
    MEMORY.with(|m| m.borrow_mut().extend(held.kept));
    let mut settled = held.settled;
    if store::is_unlocked() && !held.stopped {
        let sealed = drain(store::records(QUEUE_PREFIX), async |record: &String| {
            let Ok(Some(text)) = store::open(record).await else {
                return None;
            };
            let Ok(item) = serde_json::from_str::<Queued>(&text) else {
                store::remove(record);
                return None;
            };
            let done = post(&item).await;
            if done != Disposition::Retry {
                store::remove(record);
            }
            Some(done)
        })
        .await;
        settled |= sealed.settled;
    }
    FLUSHING.with(|f| f.set(false));
    settled
}

/// Forgets what waits in memory (logout, deletion, a lost session); sealed submissions stay
/// with the store they are sealed in.
pub fn forget() {
    MEMORY.with(|m| m.borrow_mut().clear());
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::api::ErrorBody;
    use std::collections::BTreeMap;
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    /// Runs a future that never waits for anything outside it (the attempts below answer at once).
    fn run<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn a_drain_sends_in_order_and_stops_at_the_first_that_must_wait() {
        let mut tried = Vec::new();
        let answers = [
            Some(Disposition::Done),
            Some(Disposition::Drop),
            Some(Disposition::Retry),
            Some(Disposition::Done),
        ];
        let d = run(drain(vec![0, 1, 2, 3], async |i: &usize| {
            tried.push(*i);
            answers[*i]
        }));
        assert_eq!(tried, [0, 1, 2]);
        assert_eq!(
            d,
            Drained {
                kept: vec![2, 3],
                settled: true,
                stopped: true
            }
        );
    }

    #[test]
    fn a_drain_keeps_what_it_could_not_try_and_goes_on() {
        let d = run(drain(vec!["unreadable", "ok"], async |s: &&str| {
            (*s == "ok").then_some(Disposition::Done)
        }));
        assert_eq!(d.kept, ["unreadable"]);
        assert!(d.settled && !d.stopped);
        let offline = run(drain(vec![1, 2], async |_: &i32| Some(Disposition::Retry)));
        assert_eq!(offline.kept, [1, 2]);
        assert!(!offline.settled && offline.stopped);
        let empty = run(drain(Vec::<u8>::new(), async |_: &u8| None));
        assert_eq!(empty.kept, Vec::<u8>::new());
        assert!(!empty.settled && !empty.stopped);
    }

    fn status(s: u16) -> Result<(), ApiError> {
        Err(ApiError::Status {
            status: s,
            body: ErrorBody::new("x", "y"),
            retry_after: None,
        })
    }

    #[test]
    fn only_final_answers_end_the_wait() {
        assert_eq!(disposition(&Ok::<(), ApiError>(())), Disposition::Done);
        assert_eq!(
            disposition(&Err::<(), _>(ApiError::Network("offline".into()))),
            Disposition::Retry
        );
        for s in [401, 429, 500, 503] {
            assert_eq!(disposition(&status(s)), Disposition::Retry, "{s}");
        }
        assert_eq!(disposition(&status(422)), Disposition::Drop);
        assert_eq!(disposition(&status(409)), Disposition::Done);
    }

    #[test]
    fn a_queued_response_round_trips_and_keeps_its_id() {
        let q = Queued::Response(ResponseSubmit {
            id: "00000000-0000-4000-8000-000000000000".into(),
            instrument: "gad7".into(),
            version: "1.0.0".into(),
            answers: BTreeMap::from([("gad7.1".into(), 1)]),
            completed_at: "2026-01-01T00:00:00.000Z".into(),
            lang: Some(content::Lang::En),
        });
        let text = serde_json::to_string(&q).unwrap();
        let back: Queued = serde_json::from_str(&text).unwrap();
        assert_eq!(back, q);
        assert_eq!(back.id(), "00000000-0000-4000-8000-000000000000");
        assert_eq!(back.path(), "/api/me/responses");
        assert!(!back.body().contains("kind"));
        assert!(back.body().contains(r#""lang":"en""#));
    }

    #[test]
    fn an_answer_queued_by_an_older_app_without_lang_still_loads() {
        let old = r#"{"kind":"response","id":"00000000-0000-4000-8000-000000000000","instrument":"gad7","version":"1.0.0","answers":{"gad7.1":1},"completed_at":"2026-01-01T00:00:00.000Z"}"#;
        let Queued::Response(r) = serde_json::from_str::<Queued>(old).unwrap() else {
            panic!("not a response")
        };
        assert_eq!(r.lang, None);
    }
}
