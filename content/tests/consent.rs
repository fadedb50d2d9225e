//! `content::consent`: the 22/26-week renewal clock at its exact edges, every command's
//! transition, idempotent request-time lapse, and a property test over random histories.

use content::api::{Actor, ConsentState};
use content::consent::{
    Command, ConsentError, Evaluation, Event, EventKind, LAPSE_AFTER_DAYS,
    RENEWAL_PROMPT_AFTER_DAYS, allows_individual_access, apply, apply_for, evaluate, evaluate_for,
    leave,
};
use content::time::{DAY_MS, parse_ms};
use proptest::prelude::*;

use ConsentState::*;

/// An arbitrary origin, so that no test relies on day 0 being the epoch.
const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

fn day(d: i64) -> i64 {
    T0 + d * DAY_MS
}

/// Applies `cmd` and stores what it returns, as the edge does.
fn run(events: &mut Vec<Event>, now: i64, cmd: Command) -> Result<Vec<Event>, ConsentError> {
    let new = apply(events, now, cmd)?;
    events.extend(new.iter().copied());
    Ok(new)
}

fn granted_at(d: i64) -> Vec<Event> {
    let mut events = Vec::new();
    run(&mut events, day(d), Command::Share(true)).unwrap();
    events
}

fn state_and_prompt(e: &Evaluation) -> (ConsentState, bool) {
    (e.state, e.renewal_prompt)
}

#[test]
fn a_private_participant_is_not_applicable_never_not_asked() {
    // No business: nothing to share with, so no question, no renewal, never staff access.
    let e = evaluate_for(false, &[], day(0));
    assert_eq!(e.state, NotApplicable);
    assert_eq!(e.since_ms, None);
    assert!(!e.renewal_prompt && e.pending.is_empty());
    assert!(!allows_individual_access(&e));
    assert_eq!(e.view().state, NotApplicable);
    // Someone who left a business (a code change, the business closed) has events: the state
    // the leave event set stays, so the history says why sharing ended, with no renewal prompt
    // even when one would be due, and never staff access.
    let mut events = granted_at(0);
    events.extend(leave(
        &events,
        day(10),
        Actor::User,
        EventKind::LeaveBusiness,
    ));
    let e = evaluate_for(false, &events, day(200));
    assert_eq!(state_and_prompt(&e), (Withdrawn, false));
    assert!(!allows_individual_access(&e));
    let e = evaluate_for(false, &granted_at(0), day(RENEWAL_PROMPT_AFTER_DAYS + 1));
    assert!(!e.renewal_prompt);
    // Every command is refused and stores nothing.
    for cmd in [
        Command::Share(true),
        Command::Share(false),
        Command::Renewal {
            still_followed_up: true,
        },
    ] {
        assert_eq!(
            apply_for(false, &[], day(1), cmd),
            Err(ConsentError::NotApplicable)
        );
    }
    assert_eq!(ConsentError::NotApplicable.code(), "consent_not_applicable");
}

#[test]
fn a_participant_with_a_business_is_evaluated_as_before() {
    assert_eq!(evaluate_for(true, &[], day(0)).state, NotAsked);
    let events = granted_at(0);
    assert_eq!(
        evaluate_for(true, &events, day(1)),
        evaluate(&events, day(1))
    );
    assert_eq!(
        apply_for(true, &[], day(1), Command::Share(false)),
        apply(&[], day(1), Command::Share(false))
    );
}

#[test]
fn constants_are_22_and_26_weeks() {
    assert_eq!(RENEWAL_PROMPT_AFTER_DAYS, 22 * 7);
    assert_eq!(LAPSE_AFTER_DAYS, 26 * 7);
}

#[test]
fn grant_at_day_0_is_granted_without_prompt_through_day_153() {
    let events = granted_at(0);
    assert_eq!(
        events,
        [Event {
            at_ms: day(0),
            from: NotAsked,
            to: Granted,
            actor: Actor::User,
            kind: EventKind::Grant
        }]
    );
    for now in [day(0), day(1), day(153), day(154) - 1] {
        let e = evaluate(&events, now);
        assert_eq!(state_and_prompt(&e), (Granted, false), "at {now}");
        assert_eq!(e.since_ms, Some(day(0)));
        assert_eq!(e.last_confirmed_ms, Some(day(0)));
        assert!(e.pending.is_empty());
        assert!(allows_individual_access(&e));
    }
}

#[test]
fn renewal_prompt_shows_from_day_154_through_day_181() {
    let events = granted_at(0);
    for now in [day(154), day(160), day(181), day(182) - 1] {
        let e = evaluate(&events, now);
        assert_eq!(state_and_prompt(&e), (Granted, true), "at {now}");
        assert!(allows_individual_access(&e));
        assert!(e.pending.is_empty());
    }
    let e = evaluate(&events, day(100));
    assert_eq!(e.renewal_prompt_at_ms(), Some(day(154)));
    assert_eq!(e.lapses_at_ms(), Some(day(182)));
}

#[test]
fn lapse_at_day_182_is_stamped_at_exactly_182_days_not_at_evaluation_time() {
    let events = granted_at(0);
    let lapse = Event {
        at_ms: day(182),
        from: Granted,
        to: Expired,
        actor: Actor::System,
        kind: EventKind::Lapse,
    };
    for now in [day(182), day(182) + 1, day(400)] {
        let e = evaluate(&events, now);
        assert_eq!(state_and_prompt(&e), (Expired, false), "at {now}");
        assert_eq!(e.since_ms, Some(day(182)));
        assert_eq!(e.pending, [lapse]);
        assert!(!allows_individual_access(&e));
    }
}

#[test]
fn evaluation_is_idempotent_after_storing_the_pending_lapse() {
    let mut events = granted_at(0);
    let now = day(250);
    let first = evaluate(&events, now);
    events.extend(first.pending.iter().copied());
    let second = evaluate(&events, now);
    assert!(second.pending.is_empty());
    assert_eq!(
        Evaluation {
            pending: Vec::new(),
            ..first
        },
        second
    );
    // And later still nothing new is pending: a lapse happens once.
    assert!(evaluate(&events, day(900)).pending.is_empty());
    assert_eq!(evaluate(&events, day(900)).since_ms, Some(day(182)));
}

#[test]
fn renewal_yes_at_day_160_restarts_the_clock() {
    let mut events = granted_at(0);
    let new = run(
        &mut events,
        day(160),
        Command::Renewal {
            still_followed_up: true,
        },
    )
    .unwrap();
    assert_eq!(
        new,
        [Event {
            at_ms: day(160),
            from: Granted,
            to: Granted,
            actor: Actor::User,
            kind: EventKind::Confirm
        }]
    );
    let e = evaluate(&events, day(160));
    assert_eq!(state_and_prompt(&e), (Granted, false));
    assert_eq!(e.last_confirmed_ms, Some(day(160)));
    // A confirmation keeps sharing going; it does not start a new "since".
    assert_eq!(e.since_ms, Some(day(0)));
    // Past the old lapse, still granted; no prompt until 160 + 154.
    for now in [day(182), day(200), day(160 + 154) - 1] {
        assert_eq!(state_and_prompt(&evaluate(&events, now)), (Granted, false));
    }
    assert_eq!(
        state_and_prompt(&evaluate(&events, day(160 + 154))),
        (Granted, true)
    );
    assert_eq!(
        state_and_prompt(&evaluate(&events, day(160 + 182) - 1)),
        (Granted, true)
    );
    let lapsed = evaluate(&events, day(160 + 182));
    assert_eq!(lapsed.state, Expired);
    assert_eq!(lapsed.pending[0].at_ms, day(160 + 182));
}

#[test]
fn renewal_no_ends_sharing_as_withdrawn() {
    let mut events = granted_at(0);
    let new = run(
        &mut events,
        day(170),
        Command::Renewal {
            still_followed_up: false,
        },
    )
    .unwrap();
    assert_eq!(
        new,
        [Event {
            at_ms: day(170),
            from: Granted,
            to: Withdrawn,
            actor: Actor::User,
            kind: EventKind::RenewalNo
        }]
    );
    let e = evaluate(&events, day(170));
    assert_eq!(state_and_prompt(&e), (Withdrawn, false));
    assert_eq!(e.since_ms, Some(day(170)));
    assert!(!allows_individual_access(&e));
    // Nothing lapses later: sharing has already ended.
    assert!(evaluate(&events, day(400)).pending.is_empty());
}

#[test]
fn withdrawal_is_immediate() {
    let mut events = granted_at(0);
    let now = day(30) + 12_345;
    let new = run(&mut events, now, Command::Share(false)).unwrap();
    assert_eq!(new[0].kind, EventKind::Withdraw);
    assert_eq!((new[0].from, new[0].to), (Granted, Withdrawn));
    for t in [now, now + 1] {
        let e = evaluate(&events, t);
        assert_eq!(e.state, Withdrawn);
        assert!(!allows_individual_access(&e));
    }
    // One millisecond before the withdrawal was stored, access was allowed.
    assert!(allows_individual_access(&evaluate(&events[..1], now - 1)));
}

#[test]
fn renewal_when_not_due_is_refused() {
    let yes = Command::Renewal {
        still_followed_up: true,
    };
    // Never asked, declined, before 22 weeks, after a withdrawal, after the lapse.
    assert_eq!(apply(&[], day(0), yes), Err(ConsentError::NoRenewalDue));
    let mut declined = Vec::new();
    run(&mut declined, day(0), Command::Share(false)).unwrap();
    assert_eq!(
        apply(&declined, day(200), yes),
        Err(ConsentError::NoRenewalDue)
    );
    let granted = granted_at(0);
    assert_eq!(
        apply(&granted, day(154) - 1, yes),
        Err(ConsentError::NoRenewalDue)
    );
    assert!(apply(&granted, day(154), yes).is_ok());
    assert_eq!(
        apply(&granted, day(182), yes),
        Err(ConsentError::NoRenewalDue)
    );
    let mut withdrawn = granted_at(0);
    run(&mut withdrawn, day(10), Command::Share(false)).unwrap();
    assert_eq!(
        apply(&withdrawn, day(160), yes),
        Err(ConsentError::NoRenewalDue)
    );
    assert_eq!(ConsentError::NoRenewalDue.code(), "no_renewal_due");
}

#[test]
fn re_grant_after_expiry_stores_the_lapse_first_and_restarts_the_clock() {
    let mut events = granted_at(0);
    let new = run(&mut events, day(200), Command::Share(true)).unwrap();
    assert_eq!(
        new.iter()
            .map(|e| (e.at_ms, e.from, e.to, e.actor, e.kind))
            .collect::<Vec<_>>(),
        [
            (day(182), Granted, Expired, Actor::System, EventKind::Lapse),
            (day(200), Expired, Granted, Actor::User, EventKind::Grant),
        ]
    );
    let e = evaluate(&events, day(200));
    assert_eq!(state_and_prompt(&e), (Granted, false));
    assert_eq!(e.since_ms, Some(day(200)));
    assert_eq!(
        state_and_prompt(&evaluate(&events, day(200 + 154) - 1)),
        (Granted, false)
    );
    assert_eq!(
        state_and_prompt(&evaluate(&events, day(200 + 154))),
        (Granted, true)
    );
    assert_eq!(evaluate(&events, day(200 + 182)).state, Expired);
}

#[test]
fn sharing_again_while_granted_restarts_the_clock_but_not_since() {
    let mut events = granted_at(0);
    run(&mut events, day(100), Command::Share(true)).unwrap();
    let e = evaluate(&events, day(181));
    assert_eq!(state_and_prompt(&e), (Granted, false));
    assert_eq!(e.since_ms, Some(day(0)));
    assert_eq!(e.last_confirmed_ms, Some(day(100)));
}

#[test]
fn declined_at_first_login() {
    let mut events = Vec::new();
    let new = run(&mut events, day(0), Command::Share(false)).unwrap();
    assert_eq!(
        new,
        [Event {
            at_ms: day(0),
            from: NotAsked,
            to: Declined,
            actor: Actor::User,
            kind: EventKind::Decline
        }]
    );
    let e = evaluate(&events, day(1));
    assert_eq!(state_and_prompt(&e), (Declined, false));
    assert_eq!(e.since_ms, Some(day(0)));
    assert_eq!(e.last_confirmed_ms, None);
    assert!(!allows_individual_access(&e));
    // Sharing later is possible.
    run(&mut events, day(5), Command::Share(true)).unwrap();
    assert!(allows_individual_access(&evaluate(&events, day(5))));
}

#[test]
fn not_sharing_again_when_not_sharing_stores_nothing() {
    let mut declined = Vec::new();
    run(&mut declined, day(0), Command::Share(false)).unwrap();
    assert_eq!(apply(&declined, day(3), Command::Share(false)), Ok(vec![]));

    let mut withdrawn = granted_at(0);
    run(&mut withdrawn, day(1), Command::Share(false)).unwrap();
    assert_eq!(apply(&withdrawn, day(3), Command::Share(false)), Ok(vec![]));

    // After a lapse only the lapse itself is stored.
    let expired = granted_at(0);
    let new = apply(&expired, day(190), Command::Share(false)).unwrap();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].kind, EventKind::Lapse);
}

#[test]
fn view_and_api_events_use_rfc3339() {
    let mut events = granted_at(0);
    run(&mut events, day(3), Command::Share(false)).unwrap();
    let view = evaluate(&events, day(4)).view();
    assert_eq!(view.state, Withdrawn);
    assert_eq!(parse_ms(view.since.as_deref().unwrap()), Ok(day(3)));
    assert!(!view.renewal_prompt);
    assert_eq!(evaluate(&[], 0).view().since, None);
    let api = events[1].to_api();
    assert_eq!((api.state, api.actor), (Withdrawn, Actor::User));
    assert_eq!(parse_ms(&api.at), Ok(day(3)));
}

#[test]
fn events_serialise_with_snake_case_names() {
    let e = Event {
        at_ms: 5,
        from: Granted,
        to: Withdrawn,
        actor: Actor::User,
        kind: EventKind::RenewalNo,
    };
    let json = serde_json::to_value(e).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"at_ms": 5, "from": "granted", "to": "withdrawn", "actor": "user", "kind": "renewal_no"})
    );
    assert_eq!(serde_json::from_value::<Event>(json).unwrap(), e);
}

// --- Property test over random histories ----------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Step {
    Command(Command),
    /// A `GET /api/me`: evaluate and store what is pending.
    Look,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => any::<bool>().prop_map(|s| Step::Command(Command::Share(s))),
        2 => any::<bool>().prop_map(|y| Step::Command(Command::Renewal { still_followed_up: y })),
        1 => Just(Step::Look),
    ]
}

/// Time between requests: milliseconds, days, or right at the renewal and lapse edges.
fn gap() -> impl Strategy<Value = i64> {
    prop_oneof![
        0i64..2_000,
        (0i64..120).prop_map(|d| d * DAY_MS),
        (0i64..400 * DAY_MS),
        prop_oneof![
            Just(RENEWAL_PROMPT_AFTER_DAYS),
            Just(LAPSE_AFTER_DAYS),
            Just(LAPSE_AFTER_DAYS - RENEWAL_PROMPT_AFTER_DAYS),
        ]
        .prop_flat_map(|d| (-1i64..=1).prop_map(move |off| d * DAY_MS + off)),
    ]
}

/// A plain reference model of SPEC §3.3, written separately from the implementation.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Model {
    state: ConsentState,
    confirmed: Option<i64>,
}

impl Model {
    fn at(mut self, now: i64) -> Self {
        if self.state == Granted
            && let Some(c) = self.confirmed
            && now - c >= 182 * DAY_MS
        {
            self.state = Expired;
        }
        self
    }

    fn prompt(self, now: i64) -> bool {
        self.state == Granted && self.confirmed.is_some_and(|c| now - c >= 154 * DAY_MS)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_histories_replay_consistently_and_never_allow_access_after_182_days(
        steps in prop::collection::vec((gap(), step()), 1..40),
        probes in prop::collection::vec(0i64..400 * DAY_MS, 3),
    ) {
        let mut events: Vec<Event> = Vec::new();
        let mut model = Model { state: NotAsked, confirmed: None };
        let mut now = T0;
        for (gap, step) in steps {
            now += gap;
            model = model.at(now);
            let before = evaluate(&events, now);
            prop_assert_eq!(before.state, model.state);
            prop_assert_eq!(before.renewal_prompt, model.prompt(now));
            match step {
                Step::Look => events.extend(before.pending.iter().copied()),
                Step::Command(cmd) => {
                    let result = apply(&events, now, cmd);
                    let refused = matches!(cmd, Command::Renewal { .. }) && !model.prompt(now);
                    prop_assert_eq!(result.is_err(), refused);
                    match (cmd, result) {
                        (_, Err(_)) => {}
                        (Command::Share(true), Ok(new)) => {
                            events.extend(new);
                            model = Model { state: Granted, confirmed: Some(now) };
                        }
                        (Command::Share(false), Ok(new)) => {
                            events.extend(new);
                            model.state = match model.state {
                                NotAsked => Declined,
                                Granted => Withdrawn,
                                other => other,
                            };
                        }
                        (Command::Renewal { still_followed_up }, Ok(new)) => {
                            events.extend(new);
                            if still_followed_up {
                                model.confirmed = Some(now);
                            } else {
                                model.state = Withdrawn;
                            }
                        }
                    }
                    // Whatever was pending is stored with the command.
                    prop_assert!(evaluate(&events, now).pending.is_empty() || refused);
                }
            }

            // Replaying the stored events: a chain from not_asked, each event leaving the
            // state the previous one entered, in time order, user or system as fits the kind.
            let mut state = NotAsked;
            let mut last_at = i64::MIN;
            for e in &events {
                prop_assert_eq!(e.from, state, "{:?}", events);
                prop_assert!(e.at_ms >= last_at);
                prop_assert_eq!(e.actor == Actor::System, e.kind == EventKind::Lapse);
                prop_assert!(e.from != e.to || matches!(e.kind, EventKind::Grant | EventKind::Confirm));
                state = e.to;
                last_at = e.at_ms;
            }
            let now_eval = evaluate(&events, now);
            prop_assert_eq!(now_eval.state, model.state);
            if now_eval.pending.is_empty() {
                prop_assert_eq!(now_eval.state, state);
            }

            // Access, now and at any later instant: only while granted and before the lapse.
            for t in std::iter::once(now).chain(probes.iter().map(|p| now + p)) {
                let e = evaluate(&events, t);
                if allows_individual_access(&e) {
                    let confirmed = e.last_confirmed_ms.unwrap();
                    prop_assert!(t < confirmed + 182 * DAY_MS);
                    prop_assert_eq!(Some(confirmed), model.confirmed);
                }
                prop_assert_eq!(allows_individual_access(&e), model.at(t).state == Granted);
                // Idempotent: storing what is pending changes nothing observable.
                let mut stored = events.clone();
                stored.extend(e.pending.iter().copied());
                let again = evaluate(&stored, t);
                prop_assert!(again.pending.is_empty());
                prop_assert_eq!((again.state, again.since_ms, again.renewal_prompt), (e.state, e.since_ms, e.renewal_prompt));
            }
        }
    }
}

#[test]
fn leaving_the_business_ends_sharing_and_is_recorded_with_its_actor() {
    // Sharing: withdrawn, by the user at a code change.
    let mut events = granted_at(0);
    let new = content::consent::leave(&events, day(10), Actor::User, EventKind::LeaveBusiness);
    assert_eq!(new.len(), 1);
    assert_eq!((new[0].from, new[0].to), (Granted, Withdrawn));
    assert_eq!(
        (new[0].actor, new[0].kind),
        (Actor::User, EventKind::LeaveBusiness)
    );
    events.extend(new);
    let now = evaluate(&events, day(11));
    assert_eq!(now.state, Withdrawn);
    assert!(!allows_individual_access(&now));
    assert_eq!(now.since_ms, Some(day(10)));

    // Never asked: declined, by the system when the business closes.
    let new = content::consent::leave(&[], day(3), Actor::System, EventKind::BusinessClosed);
    assert_eq!(
        (new[0].from, new[0].to, new[0].actor),
        (NotAsked, Declined, Actor::System)
    );

    // Already not sharing: the state and its `since` stay, the event is still recorded.
    let mut declined = Vec::new();
    run(&mut declined, day(1), Command::Share(false)).unwrap();
    let new = content::consent::leave(&declined, day(5), Actor::System, EventKind::BusinessClosed);
    assert_eq!((new[0].from, new[0].to), (Declined, Declined));
    declined.extend(new);
    assert_eq!(evaluate(&declined, day(6)).since_ms, Some(day(1)));

    // A lapse that happened first is stored first, stamped when it happened.
    let new = content::consent::leave(
        &granted_at(0),
        day(200),
        Actor::System,
        EventKind::BusinessClosed,
    );
    assert_eq!(new.len(), 2);
    assert_eq!((new[0].kind, new[0].at_ms), (EventKind::Lapse, day(182)));
    assert_eq!((new[1].from, new[1].to), (Expired, Expired));
}
