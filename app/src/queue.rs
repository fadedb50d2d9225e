//! Submissions waiting to be sent (SPEC §3.11): what they are and what to do after an attempt.
//! Pure; the browser side (`session`) keeps them sealed in the local store until sent.

use crate::api::ApiError;
use content::api::{ProgressSubmit, ResponseSubmit};
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;
    use content::api::ErrorBody;
    use std::collections::BTreeMap;

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
