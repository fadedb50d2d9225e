//! API types round-trip with the exact field names of SPEC §6, and requests reject unknown
//! fields (the edge answers 422 for them).

use content::api::*;
use content::scoring::{ReliableChange, Score};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Parses `literal` as `T`, checks that it serialises back to the same JSON, and returns it.
fn round_trip<T: Serialize + DeserializeOwned + std::fmt::Debug + PartialEq>(literal: Value) -> T {
    let parsed: T = serde_json::from_value(literal.clone())
        .unwrap_or_else(|e| panic!("{literal} does not parse: {e}"));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), literal);
    parsed
}

fn rejects_unknown_field<T: DeserializeOwned + std::fmt::Debug>(mut literal: Value) {
    serde_json::from_value::<T>(literal.clone()).expect("valid literal");
    literal["extra"] = json!(1);
    let err = serde_json::from_value::<T>(literal).expect_err("unknown field accepted");
    assert!(err.to_string().contains("unknown field `extra`"), "{err}");
}

#[test]
fn health_and_error_body_keep_their_shape() {
    round_trip::<Health>(json!({"status": "ok", "schema_version": SCHEMA_VERSION}));
    let e: ErrorBody =
        round_trip(json!({"error": {"code": "missing_item", "message": "item phq9.3 is missing"}}));
    assert_eq!(e, ErrorBody::new("missing_item", "item phq9.3 is missing"));
}

#[test]
fn me_state_has_the_spec_field_names() {
    let me: MeState = round_trip(json!({
        "consent": {"state": "granted", "since": "2025-01-10T09:00:00Z", "renewal_prompt": false},
        "business": {"name": "Legekontoret", "contact": null, "address": null, "web": null},
        "progress": {
            "tool": "worry",
            "plan": "standard",
            "steps": [{
                "tool": "worry", "part": "worry_time", "step": "plan_worry_time", "state": "completed",
                "answers": {"time_of_day": "lunch", "duration": "min15", "place": "table"},
                "updated_at": "2025-01-11T10:00:00Z"
            }]
        },
        "due": [{"instrument": "phq9", "plan": "standard", "due_on": "2025-01-24", "optional": false}],
        "inbox": [{
            "id": "a1", "kind": "questionnaire", "tool": null, "part": null, "instrument": "gad7",
            "sent_at": "2025-01-12T08:00:00Z", "done_at": null
        }]
    }));
    assert_eq!(me.consent.state, ConsentState::Granted);
    assert!(me.consent.state.allows_individual_access());
    // A private person: no business, not asked. A field with no value is null, never missing.
    let private: MeState = round_trip(json!({
        "consent": {"state": "not_asked", "since": null, "renewal_prompt": false},
        "business": null,
        "progress": {"tool": null, "plan": null, "steps": []}, "due": [], "inbox": []
    }));
    // An older edge that left them out still parses.
    let older: MeState = serde_json::from_value(json!({
        "consent": {"state": "not_asked", "renewal_prompt": false},
        "progress": {"steps": []}, "due": [], "inbox": []
    }))
    .unwrap();
    assert_eq!(older, private);
}

#[test]
fn consent_states_serialise_snake_case() {
    let states = [
        (ConsentState::NotAsked, "not_asked"),
        (ConsentState::Granted, "granted"),
        (ConsentState::Declined, "declined"),
        (ConsentState::Withdrawn, "withdrawn"),
        (ConsentState::Expired, "expired"),
        (ConsentState::NotApplicable, "not_applicable"),
    ];
    for (state, text) in states {
        assert_eq!(serde_json::to_value(state).unwrap(), json!(text));
        assert_eq!(
            serde_json::from_value::<ConsentState>(json!(text)).unwrap(),
            state
        );
        assert_eq!(
            state.allows_individual_access(),
            state == ConsentState::Granted
        );
    }
}

#[test]
fn end_user_requests_have_spec_fields_and_reject_unknown_ones() {
    round_trip::<LoginRequest>(json!({"code": "ABCD-EFGH-JKMN-P"}));
    round_trip::<ConsentRequest>(json!({"share": true}));
    round_trip::<RenewalRequest>(json!({"still_followed_up": false}));
    round_trip::<LinkRequest>(json!({"link_code": "K7Q2-9XRM"}));
    round_trip::<FeedbackRequest>(json!({"kind": "suggestion", "text": "Større skrift"}));
    round_trip::<FeedbackRequest>(json!({"kind": "evaluation", "text": "Nyttig"}));

    rejects_unknown_field::<LoginRequest>(json!({"code": "x"}));
    rejects_unknown_field::<ConsentRequest>(json!({"share": true}));
    rejects_unknown_field::<RenewalRequest>(json!({"still_followed_up": true}));
    rejects_unknown_field::<LinkRequest>(json!({"link_code": "x"}));
    rejects_unknown_field::<FeedbackRequest>(json!({"kind": "suggestion", "text": "x"}));
}

#[test]
fn response_submit_and_stored_have_spec_fields() {
    let submit = json!({
        "id": "3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60",
        "instrument": "gad2", "version": "1.0.0",
        "answers": {"gad2.1": 2, "gad2.2": 1},
        "completed_at": "2025-03-01T12:30:00Z"
    });
    let s: ResponseSubmit = round_trip(submit.clone());
    assert!(is_uuid(&s.id) && is_rfc3339(&s.completed_at));
    rejects_unknown_field::<ResponseSubmit>(submit.clone());
    assert_eq!(s.lang, None, "old clients send no language");
    let mut with_score = submit.clone();
    with_score["score"] = json!({});
    assert!(
        serde_json::from_value::<ResponseSubmit>(with_score).is_err(),
        "the client never sends a score"
    );
    let mut with_lang = submit.clone();
    with_lang["lang"] = json!("en");
    let s: ResponseSubmit = round_trip(with_lang.clone());
    assert_eq!(s.lang, Some(content::Lang::En));
    with_lang["lang"] = json!("nb");
    assert_eq!(
        round_trip::<ResponseSubmit>(with_lang.clone()).lang,
        Some(content::Lang::Nb)
    );
    rejects_unknown_field::<ResponseSubmit>(with_lang.clone());
    with_lang["lang"] = json!("de");
    assert!(serde_json::from_value::<ResponseSubmit>(with_lang).is_err());

    let history: ResponseHistory = round_trip(json!({"responses": [
        {
            "id": "3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60",
            "instrument": "gad2", "version": "1.0.0",
            "answers": {"gad2.1": 2, "gad2.2": 1},
            "completed_at": "2025-03-01T12:30:00Z",
            "score": {"instrument": "gad2", "version": "1.0.0", "total": 3, "band": "positive", "caseness": true, "safety": false},
            "lang": "en"
        },
        {
            "id": "0b8a2f4e-1c3d-4e5f-8a9b-c0d1e2f3a4b5",
            "instrument": "gad2", "version": "1.0.0",
            "answers": {"gad2.1": 0, "gad2.2": 0},
            "completed_at": "2025-03-02T12:30:00Z",
            "score": {"instrument": "gad2", "version": "1.0.0", "total": 0, "band": "negative", "caseness": false, "safety": false},
            "lang": null
        }
    ]}));
    assert_eq!(history.responses[0].lang, Some(content::Lang::En));
    // Unknown is written as null, never left out.
    assert_eq!(history.responses[1].lang, None);
    assert!(
        serde_json::to_value(&history.responses[1])
            .unwrap()
            .as_object()
            .unwrap()
            .contains_key("lang")
    );

    let stored: ResponseStored = round_trip(json!({
        "id": "3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60",
        "score": {"instrument": "gad2", "version": "1.0.0", "total": 3, "band": "positive", "caseness": true, "safety": false}
    }));
    assert_eq!(
        stored.score,
        Score {
            instrument: "gad2".into(),
            version: "1.0.0".into(),
            total: 3,
            band: "positive".into(),
            caseness: true,
            safety: false,
            percent: None
        }
    );
}

#[test]
fn progress_submit_has_spec_fields_and_optional_answers() {
    let p: ProgressSubmit = round_trip(json!({
        "id": "5b1d8c2e-0f3a-4b6c-8d9e-1a2b3c4d5e6f",
        "tool": "low_mood", "part": "planning_activities", "step": "plan_activity",
        "state": "completed", "answers": {"activity": "walk", "day": "tuesday", "time_of_day": "morning"}
    }));
    assert_eq!(p.state, StepState::Completed);
    round_trip::<ProgressSubmit>(json!({
        "id": "5b1d8c2e-0f3a-4b6c-8d9e-1a2b3c4d5e6f",
        "tool": "low_mood", "part": "planning_activities", "step": "small_steps", "state": "started"
    }));
    rejects_unknown_field::<ProgressSubmit>(json!({
        "id": "x", "tool": "t", "part": "p", "step": "s", "state": "started"
    }));
}

#[test]
fn code_change_device_link_access_log_have_spec_fields() {
    round_trip::<CodeChanged>(
        json!({"code": "ABCD-EFGH-JKMN-P", "expires_at": "2025-03-01T12:45:00Z"}),
    );
    let c: CodeConfirm = round_trip(json!({"code": "abcd efgh jkmn p"}));
    assert_eq!(c.code, "abcd efgh jkmn p");
    rejects_unknown_field::<CodeConfirm>(json!({"code": "x"}));
    round_trip::<DeviceLink>(
        json!({"link_code": "K7Q2-9XRM", "expires_at": "2025-03-01T12:45:00Z"}),
    );
    round_trip::<AccessLog>(
        json!({"entries": [{"date": "2025-02-03", "business": "Legekontoret"}]}),
    );
    round_trip::<AccessLogEntry>(json!({"date": "2025-02-03", "business": "Legekontoret"}));
}

#[test]
fn staff_login_types_have_spec_fields() {
    round_trip::<StaffPrelogin>(json!({"email": "a@example.org"}));
    rejects_unknown_field::<StaffPrelogin>(json!({"email": "a@example.org"}));
    let p: PreloginParams = round_trip(json!({
        "kdf": "argon2id", "m_kib": 19456, "t": 2, "p": 1, "salt": "c2FsdHNhbHRzYWx0"
    }));
    assert_eq!(p, PreloginParams::with_defaults("c2FsdHNhbHRzYWx0"));
    assert!(
        serde_json::from_value::<PreloginParams>(json!({
            "kdf": "pbkdf2", "m_kib": 1, "t": 1, "p": 1, "salt": ""
        }))
        .is_err()
    );
    round_trip::<StaffLogin>(
        json!({"email": "a@example.org", "password_hash": "abc", "totp": "123456"}),
    );
    round_trip::<StaffLogin>(json!({"email": "a@example.org", "password_hash": "abc"}));
    rejects_unknown_field::<StaffLogin>(json!({"email": "a", "password_hash": "b"}));
    for (role, text) in [
        (StaffRole::Professional, "professional"),
        (StaffRole::SuperUser, "super_user"),
        (StaffRole::ToolManager, "tool_manager"),
    ] {
        assert_eq!(serde_json::to_value(role).unwrap(), json!(text));
    }
}

#[test]
fn issue_codes_has_spec_fields_and_checks_the_count() {
    let req: IssueCodes = round_trip(json!({"count": 20, "tool": "worry", "plan": "standard"}));
    assert_eq!(req.check(), Ok(()));
    round_trip::<IssueCodes>(json!({"count": 1}));
    rejects_unknown_field::<IssueCodes>(json!({"count": 1}));
    for count in [0, 501] {
        assert!(
            IssueCodes {
                count,
                tool: None,
                plan: None
            }
            .check()
            .is_err(),
            "{count}"
        );
    }
    assert!(
        IssueCodes {
            count: 500,
            tool: None,
            plan: None
        }
        .check()
        .is_ok()
    );
    assert!(
        IssueCodes {
            count: 1,
            tool: Some("sleep".into()),
            plan: None
        }
        .check()
        .is_err()
    );
    assert!(
        IssueCodes {
            count: 1,
            tool: None,
            plan: Some("weekly".into())
        }
        .check()
        .is_err()
    );
    round_trip::<IssuedCodes>(json!({"codes": ["ABCD-EFGH-JKMN-P"]}));
}

#[test]
fn participants_list_has_spec_fields_and_nulls_latest_and_flags_without_consent() {
    let list: ParticipantsList = round_trip(json!({
        "participants": [
            {
                "id": "p1", "reference": "ABCD", "issued_at": "2025-01-02", "tool": "worry",
                "consent": "granted", "last_active": "2025-02-01",
                "latest": [{"instrument": "phq9", "band": "mild", "date": "2025-02-01", "reliable": "improved"}],
                "flags": {"safety": true, "safety_on": null}
            },
            {
                "id": "p2", "reference": "EFGH", "issued_at": "2025-01-02", "tool": null,
                "consent": "withdrawn", "last_active": null, "latest": null, "flags": null
            }
        ],
        "deletions": [{"reference": "JKMN", "deleted_at": "2025-01-20"}],
        "code_changes": [{"reference": "PQRS", "changed_at": "2025-01-21T10:00:00Z"}],
        "total": 2, "page": 1, "per_page": 50
    }));
    assert_eq!(list.code_changes[0].reference, "PQRS");
    // An older edge without the later fields still parses (response types are lenient).
    let old: ParticipantsList =
        serde_json::from_value(json!({"participants": [], "deletions": []})).unwrap();
    assert!(old.code_changes.is_empty());
    assert_eq!(old.total, 0);
    assert_eq!(
        list.participants[0].latest.as_ref().unwrap()[0].reliable,
        Some(ReliableChange::Improved)
    );
    let p2 = serde_json::to_value(&list.participants[1]).unwrap();
    for field in ["tool", "last_active", "latest", "flags"] {
        assert_eq!(
            p2.get(field),
            Some(&Value::Null),
            "{field} is null, not missing"
        );
    }
}

#[test]
fn stats_have_spec_fields_with_null_for_suppressed_counts() {
    let stats: Stats = round_trip(json!({
        "period": "2025-02",
        "participants": {"issued": 40, "active": 25, "consenting": null},
        "groups": [{
            "instrument": "phq9", "n": 12,
            "bands": {"minimal": null, "mild": null, "moderate": 12, "moderately_severe": null, "severe": null},
            "baseline_bands": {"minimal": null, "mild": null, "moderate": null, "moderately_severe": null, "severe": null},
            "reliable_improvement": null, "reliable_deterioration": null,
            "recovery": null, "reliable_recovery": null, "mean_total": 11.5
        }, {
            "instrument": "gad7", "n": null, "bands": {}, "baseline_bands": {},
            "reliable_improvement": null, "reliable_deterioration": null,
            "recovery": null, "reliable_recovery": null, "mean_total": null
        }]
    }));
    assert_eq!(stats.groups[0].n, Some(12));
    assert_eq!(stats.groups[0].bands.get("mild"), Some(&None));
    assert_eq!(stats.groups[1].n, None);
}

#[test]
fn assignments_users_and_audit_have_documented_fields() {
    round_trip::<AssignmentRequest>(
        json!({"kind": "content", "tool": "low_mood", "part": "obstacles"}),
    );
    round_trip::<AssignmentRequest>(json!({"kind": "questionnaire", "instrument": "who5"}));
    rejects_unknown_field::<AssignmentRequest>(json!({"kind": "questionnaire"}));
    round_trip::<StaffUserRequest>(
        json!({"action": "invite", "email": "b@example.org", "role": "professional"}),
    );
    round_trip::<StaffUserRequest>(json!({"action": "deactivate", "id": "u2"}));
    assert!(
        serde_json::from_value::<StaffUserRequest>(
            json!({"action": "deactivate", "id": "u2", "x": 1})
        )
        .is_err()
    );
    round_trip::<StaffUsers>(
        json!({"users": [{"id": "u1", "email": "a@example.org", "role": "super_user", "active": true, "created_at": "2025-01-01T00:00:00Z"}]}),
    );
    round_trip::<AuditLog>(
        json!({"entries": [{"at": "2025-01-01T00:00:00Z", "staff_id": "u1", "staff_email": "a@example.org", "participant": "ABCD", "action": "participant_detail"}]}),
    );
}

#[test]
fn dev_clock_and_seed_have_spec_fields() {
    let c: DevClock = round_trip(json!({"now": "2025-08-01T00:00:00Z"}));
    assert_eq!(c.now.as_deref(), Some("2025-08-01T00:00:00Z"));
    let reset: DevClock = round_trip(json!({"now": null}));
    assert_eq!(reset.now, None);
    assert!(
        serde_json::from_value::<DevClock>(json!({})).is_err(),
        "now must be given"
    );
    rejects_unknown_field::<DevClock>(json!({"now": null}));
    let seed: DevSeed = round_trip(json!({
        "business": {"id": "b1", "name": "Demo"},
        "staff": [
            {"email": "super@demo.test", "password": "pw1", "role": "super_user"},
            {"email": "pro@demo.test", "password": "pw2", "role": "professional"}
        ],
        "codes": ["ABCD-EFGH-JKMN-P"],
        "vouchers": ["QRST-VWXY-Z012-3"]
    }));
    assert_eq!(seed.staff[0].role, StaffRole::SuperUser);
    assert_eq!(seed.vouchers.len(), 1);
}

#[test]
fn instrument_list_serialises_the_embedded_definitions() {
    let list = InstrumentList {
        instruments: content::instruments::all().to_vec(),
    };
    let json = serde_json::to_value(&list).unwrap();
    assert_eq!(json["instruments"].as_array().unwrap().len(), 6);
    let back: InstrumentList = serde_json::from_value(json).unwrap();
    assert_eq!(back, list);
}

#[test]
fn uuid_and_rfc3339_shape_checks() {
    assert!(is_uuid("3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60"));
    assert!(is_uuid("3F2C1E9A-7B4D-4C8E-9A1F-0D2B3C4E5F60"));
    assert!(!is_uuid("3f2c1e9a7b4d4c8e9a1f0d2b3c4e5f60"));
    assert!(!is_uuid("3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f6g"));
    for ok in [
        "2025-03-01T12:00:00Z",
        "2025-03-01T13:00:00.123+01:00",
        "2025-12-31t23:59:60z",
    ] {
        assert!(is_rfc3339(ok), "{ok}");
    }
    for bad in [
        "2025-03-01",
        "2025-03-01T12:00Z",
        "2025-13-01T12:00:00Z",
        "2025-03-01T12:00:00",
        "2025-03-01T12:00:00+0100",
        "2025-03-01T12:00:00.Z",
        "x",
    ] {
        assert!(!is_rfc3339(bad), "{bad}");
    }
}

#[test]
fn code_confirm_keeps_sharing_unless_told_otherwise() {
    let old: CodeConfirm = serde_json::from_value(json!({"code": "ABCD-EFGH-JKMN-P"})).unwrap();
    assert_eq!(
        old.keep_sharing, None,
        "left out: the behaviour before the field"
    );
    let leave: CodeConfirm = round_trip(json!({"code": "ABCD-EFGH-JKMN-P", "keep_sharing": false}));
    assert_eq!(leave.keep_sharing, Some(false));
    rejects_unknown_field::<CodeConfirm>(json!({"code": "x", "keep_sharing": true}));
}

#[test]
fn staff_lifecycle_requests_and_answers_keep_their_shape() {
    for (literal, expected) in [
        (
            json!({"action": "reactivate", "id": "s1"}),
            StaffUserRequest::Reactivate { id: "s1".into() },
        ),
        (
            json!({"action": "reset", "id": "s1"}),
            StaffUserRequest::Reset { id: "s1".into() },
        ),
    ] {
        assert_eq!(round_trip::<StaffUserRequest>(literal), expected);
    }
    let changed: StaffUserChanged = round_trip(json!({"reactivated": "s1"}));
    assert!(matches!(changed, StaffUserChanged::Reactivated(_)));
    rejects_unknown_field::<TotpPolicy>(json!({"required": true}));
    let data: StaffAccountData = round_trip(json!({
        "id": "s1", "email": "a@b.no", "role": "professional", "business": null,
        "created_at": "2026-01-01T00:00:00Z", "last_login": null, "totp": false, "audit": []
    }));
    assert_eq!(data.business, None);
}
