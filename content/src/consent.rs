//! The consent timeline as a pure state machine (SPEC §3.2–3.3, P5).
//!
//! Consent is stored as an append-only list of [`Event`]s, never as a mutable flag: every
//! transition must be shown with its time and actor (export, participant detail), and the
//! current state must be *derived* from the events and the clock at request time (P5), not
//! from a flag a scheduled job may not yet have updated. [`evaluate`] derives it; [`apply`]
//! turns a user's command into the events to append.
//!
//! The timeline, with `c` the time consent was last given or confirmed (the latest event that
//! entered or re-entered `granted`):
//!
//! ```text
//! c ─────────── c + 154 d (22 weeks) ─────────── c + 182 d (26 weeks)
//!   granted        granted, renewal prompt          expired (system lapse at exactly c + 182 d)
//! ```
//!
//! A lapse is not stored by a job at that instant; the first evaluation at or after it reports
//! the state as `expired` and hands back the lapse event, stamped at exactly `c + 182 d`, in
//! [`Evaluation::pending`] for the edge to store. Storing it changes nothing observable:
//! evaluation is idempotent. So a missed or late cron run can never extend access.
//!
//! Events are taken in the order they were stored (the edge orders by insertion sequence),
//! not sorted by `at_ms`: in development the clock can be moved back, and history must not be
//! reordered by that.

use serde::{Deserialize, Serialize};

use crate::api::{Actor, ConsentEvent, ConsentState, ConsentView};
use crate::time::{DAY_MS, format_ms};

/// 22 weeks: from this many days after the last confirmation the user is asked "are you
/// still followed up by …?" (SPEC §3.3).
pub const RENEWAL_PROMPT_AFTER_DAYS: i64 = 154;
/// 26 weeks: without confirmation, sharing ends by itself this many days after the last
/// confirmation.
pub const LAPSE_AFTER_DAYS: i64 = 182;

/// Why a transition happened. Stored with the event, so the timeline says "you answered no to
/// the renewal question" rather than only "withdrawn".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// "No" (not sharing) before ever sharing: `not_asked → declined`.
    Decline,
    /// "Yes, share" from any state, including `granted` (a fresh 22/26-week clock).
    Grant,
    /// "Stop sharing" while sharing: `granted → withdrawn`.
    Withdraw,
    /// "Yes, still followed up" to the renewal prompt: `granted → granted`, restarts the clock.
    Confirm,
    /// "No, not followed up any more" to the renewal prompt: `granted → withdrawn`.
    RenewalNo,
    /// No confirmation within 26 weeks: `granted → expired`, by the system.
    Lapse,
    /// The user changed code and chose to leave the business: sharing ends for good (see
    /// [`leave`]), by the user.
    LeaveBusiness,
    /// The operator closed the business: sharing ends (see [`leave`]), by the system.
    BusinessClosed,
}

/// One stored consent transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Milliseconds since the epoch. For a lapse, the exact expiry instant, not the time it
    /// was noticed.
    pub at_ms: i64,
    pub from: ConsentState,
    pub to: ConsentState,
    /// `user` for commands, `system` for a lapse.
    pub actor: Actor,
    pub kind: EventKind,
}

impl Event {
    /// The event as shown to the user and to staff (`ConsentEvent`: the state entered).
    pub fn to_api(&self) -> ConsentEvent {
        ConsentEvent {
            state: self.to,
            at: format_ms(self.at_ms),
            actor: self.actor,
        }
    }
}

/// The consent state at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub state: ConsentState,
    /// When the current state began: the event that entered it (confirmations and re-grants
    /// do not restart it), or for a lapse the lapse instant. `None` while `not_asked`.
    pub since_ms: Option<i64>,
    /// The latest time consent was given or confirmed, if ever.
    pub last_confirmed_ms: Option<i64>,
    /// True while `granted` and at least 22 weeks have passed since `last_confirmed_ms`.
    pub renewal_prompt: bool,
    /// Events implied by the clock but not stored yet (at most one lapse). The edge appends
    /// them; evaluating again afterwards gives the same answer with nothing pending.
    pub pending: Vec<Event>,
}

impl Evaluation {
    /// `GET /api/me` → `consent`.
    pub fn view(&self) -> ConsentView {
        ConsentView {
            state: self.state,
            since: self.since_ms.map(format_ms),
            renewal_prompt: self.renewal_prompt,
        }
    }

    /// When the renewal prompt starts (or started), while `granted`.
    pub fn renewal_prompt_at_ms(&self) -> Option<i64> {
        self.granted_clock(RENEWAL_PROMPT_AFTER_DAYS)
    }

    /// When sharing will lapse unless confirmed, while `granted`.
    pub fn lapses_at_ms(&self) -> Option<i64> {
        self.granted_clock(LAPSE_AFTER_DAYS)
    }

    fn granted_clock(&self, days: i64) -> Option<i64> {
        match self.state {
            ConsentState::Granted => self.last_confirmed_ms.map(|c| after_days(c, days)),
            _ => None,
        }
    }
}

/// A user's consent command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `POST /api/me/consent {share}`.
    Share(bool),
    /// `POST /api/me/consent/renewal {still_followed_up}`.
    Renewal { still_followed_up: bool },
}

/// A command that is not allowed in the current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    /// The renewal question is only asked (and answerable) from 22 weeks after the last
    /// confirmation while sharing; the edge answers 409.
    #[error("no consent renewal is due")]
    NoRenewalDue,
    /// A private participant has no business to share with; the edge answers 409.
    #[error("a private participant has no business to share with")]
    NotApplicable,
}

impl ConsentError {
    /// A stable machine-readable code for `ErrorBody.error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            ConsentError::NoRenewalDue => "no_renewal_due",
            ConsentError::NotApplicable => "consent_not_applicable",
        }
    }
}

/// `at + days` whole days, saturating so that no stored value can overflow.
fn after_days(at_ms: i64, days: i64) -> i64 {
    at_ms.saturating_add(days * DAY_MS)
}

/// The consent state at `now_ms` given the stored `events` (in stored order).
pub fn evaluate(events: &[Event], now_ms: i64) -> Evaluation {
    let stored = events.last().map_or(ConsentState::NotAsked, |e| e.to);
    let last_confirmed_ms = events
        .iter()
        .rev()
        .find(|e| e.to == ConsentState::Granted)
        .map(|e| e.at_ms);
    // The current run of the state started at the latest event that changed the state; any
    // later events are self-transitions (confirm, re-grant) that keep it.
    let since_ms = match stored {
        ConsentState::NotAsked => None,
        _ => events
            .iter()
            .rev()
            .find(|e| e.from != e.to)
            .or(events.first())
            .map(|e| e.at_ms),
    };
    if stored == ConsentState::Granted
        && let Some(confirmed) = last_confirmed_ms
    {
        let lapse_at = after_days(confirmed, LAPSE_AFTER_DAYS);
        if now_ms >= lapse_at {
            return Evaluation {
                state: ConsentState::Expired,
                since_ms: Some(lapse_at),
                last_confirmed_ms,
                renewal_prompt: false,
                pending: vec![Event {
                    at_ms: lapse_at,
                    from: ConsentState::Granted,
                    to: ConsentState::Expired,
                    actor: Actor::System,
                    kind: EventKind::Lapse,
                }],
            };
        }
        return Evaluation {
            state: stored,
            since_ms,
            last_confirmed_ms,
            renewal_prompt: now_ms >= after_days(confirmed, RENEWAL_PROMPT_AFTER_DAYS),
            pending: Vec::new(),
        };
    }
    Evaluation {
        state: stored,
        since_ms,
        last_confirmed_ms,
        renewal_prompt: false,
        pending: Vec::new(),
    }
}

/// The events to append for `cmd` at `now_ms`: first any pending lapse (so history shows that
/// consent had already ended by itself), then the transition, if any.
///
/// `Share(true)` grants from every state; from `granted` it records a fresh grant that
/// restarts the 22/26-week clock (the user has just affirmed consent, which is at least as
/// strong as answering the renewal prompt). `Share(false)` declines from `not_asked` and
/// withdraws from `granted`; when the user is already not sharing (`declined`, `withdrawn`,
/// `expired`) it is a no-op and adds no transition, so repeated requests do not clutter the
/// timeline and the state's `since` keeps meaning "when sharing stopped".
///
/// A refused command returns the error and nothing to store; a pending lapse is not lost, as
/// the next [`evaluate`] reports it again.
pub fn apply(events: &[Event], now_ms: i64, cmd: Command) -> Result<Vec<Event>, ConsentError> {
    let current = evaluate(events, now_ms);
    let user = |to, kind| Event {
        at_ms: now_ms,
        from: current.state,
        to,
        actor: Actor::User,
        kind,
    };
    let transition = match cmd {
        Command::Share(true) => Some(user(ConsentState::Granted, EventKind::Grant)),
        Command::Share(false) => match current.state {
            ConsentState::NotAsked => Some(user(ConsentState::Declined, EventKind::Decline)),
            ConsentState::Granted => Some(user(ConsentState::Withdrawn, EventKind::Withdraw)),
            ConsentState::Declined
            | ConsentState::Withdrawn
            | ConsentState::Expired
            | ConsentState::NotApplicable => None,
        },
        Command::Renewal { still_followed_up } => {
            if !current.renewal_prompt {
                return Err(ConsentError::NoRenewalDue);
            }
            Some(if still_followed_up {
                user(ConsentState::Granted, EventKind::Confirm)
            } else {
                user(ConsentState::Withdrawn, EventKind::RenewalNo)
            })
        }
    };
    let mut out = current.pending;
    out.extend(transition);
    Ok(out)
}

/// The consent state of a participant who has a business (`has_business`) or not. A private
/// participant (voucher or card purchase, SPEC §1) never had anyone to share with: no events,
/// and the state is `not_applicable`, without a `since`, a renewal prompt or anything to store.
/// A participant who left a business (a code change, the business closed) keeps the state the
/// [`leave`] event set, so their history says why sharing ended, and is never asked to renew.
pub fn evaluate_for(has_business: bool, events: &[Event], now_ms: i64) -> Evaluation {
    if has_business {
        evaluate(events, now_ms)
    } else if !events.is_empty() {
        Evaluation {
            renewal_prompt: false,
            ..evaluate(events, now_ms)
        }
    } else {
        Evaluation {
            state: ConsentState::NotApplicable,
            since_ms: None,
            last_confirmed_ms: None,
            renewal_prompt: false,
            pending: Vec::new(),
        }
    }
}

/// [`apply`] for a participant with or without a business: a private participant's every
/// consent command is refused with [`ConsentError::NotApplicable`] and stores nothing.
pub fn apply_for(
    has_business: bool,
    events: &[Event],
    now_ms: i64,
    cmd: Command,
) -> Result<Vec<Event>, ConsentError> {
    if has_business {
        apply(events, now_ms, cmd)
    } else {
        Err(ConsentError::NotApplicable)
    }
}

/// The event that ends the link to the business (a code change that leaves it, by the user;
/// the business closed, by the system), after any pending lapse: sharing becomes `withdrawn`,
/// a consent never answered becomes `declined`, and a state that already shares nothing stays
/// as it is, with the event recorded anyway so the timeline says why the business is gone.
/// The link itself is cut by the caller (the participant's business is cleared), so consent
/// cannot be given to that business again.
pub fn leave(events: &[Event], now_ms: i64, actor: Actor, kind: EventKind) -> Vec<Event> {
    let current = evaluate(events, now_ms);
    let to = match current.state {
        ConsentState::Granted => ConsentState::Withdrawn,
        ConsentState::NotAsked => ConsentState::Declined,
        other => other,
    };
    let mut out = current.pending;
    out.push(Event {
        at_ms: now_ms,
        from: current.state,
        to,
        actor,
        kind,
    });
    out
}

/// Whether staff may read this participant's individual data now (P5): only while `granted`.
/// Takes an [`Evaluation`] rather than stored events so that callers cannot skip the
/// request-time lapse check.
pub fn allows_individual_access(evaluation: &Evaluation) -> bool {
    evaluation.state.allows_individual_access()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_events_is_not_asked_without_since() {
        let e = evaluate(&[], 0);
        assert_eq!(e.state, ConsentState::NotAsked);
        assert_eq!(e.since_ms, None);
        assert!(!e.renewal_prompt && e.pending.is_empty());
    }
}
