//! Every request body the edge accepts, parsed as its handler parses it and then put through
//! the pure checks that follow in that handler. For the fuzzers (`cargo xtask fuzz`) and the
//! no-panic property test below: whatever the bytes, the answer is a value or an error.

use crate::{dev, http, me, registrations, staff, staff_totp, totp};
use content::{
    api::{
        AssignmentRequest, CodeConfirm, ConsentRequest, FeedbackRequest, IssueCodes, LinkRequest,
        LoginRequest, ProgressSubmit, RenewalRequest, ResponseSubmit, StaffLogin, StaffPrelogin,
        StaffUserRequest,
    },
    code::Code,
    instruments, scoring, time, tools,
};

pub const KINDS: usize = 16;

/// Parses `bytes` as body number `kind % KINDS` and runs its pure follow-up checks.
pub fn exercise(kind: usize, bytes: &[u8]) {
    let _ = run(kind % KINDS, bytes);
}

fn run(kind: usize, bytes: &[u8]) -> Option<()> {
    match kind {
        0 => {
            let b: LoginRequest = http::parse_json(bytes).ok()?;
            let _ = Code::parse(&b.code);
        }
        1 => {
            let b: LinkRequest = http::parse_json(bytes).ok()?;
            let _ = me::normalise_link_code(&b.link_code);
        }
        2 => {
            let _: ConsentRequest = http::parse_json(bytes).ok()?;
        }
        3 => {
            let _: RenewalRequest = http::parse_json(bytes).ok()?;
        }
        4 => {
            let b: ResponseSubmit = http::parse_json(bytes).ok()?;
            let _ = registrations::check_id(&b.id);
            let _ = time::parse_ms(&b.completed_at);
            let _ = scoring::score_by_id(&b.instrument, &b.version, &b.answers);
        }
        5 => {
            let b: ProgressSubmit = http::parse_json(bytes).ok()?;
            let _ = registrations::check_id(&b.id);
            let _ = tools::check_progress(&b.tool, &b.part, &b.step, b.answers.as_ref());
        }
        6 => {
            let b: FeedbackRequest = http::parse_json(bytes).ok()?;
            let _ = b.text.trim().chars().count();
        }
        7 => {
            let b: StaffPrelogin = http::parse_json(bytes).ok()?;
            let _ = staff::normalise_email(&b.email);
        }
        8 => {
            let b: StaffLogin = http::parse_json(bytes).ok()?;
            let _ = staff::normalise_email(&b.email);
            if let Some(code) = &b.totp {
                let _ = totp::verify(&[7; totp::SECRET_LEN], code, 1_700_000_000_000, None);
            }
        }
        9 => {
            let b: IssueCodes = http::parse_json(bytes).ok()?;
            let _ = b.check();
        }
        10 => {
            let b: AssignmentRequest = http::parse_json(bytes).ok()?;
            let _ = b.instrument.as_deref().and_then(instruments::get);
            let _ = b.tool.as_deref().and_then(tools::get);
        }
        11 => {
            let _: StaffUserRequest = http::parse_json(bytes).ok()?;
        }
        12 => {
            let b: staff_totp::CodeBody = http::parse_json(bytes).ok()?;
            let _ = totp::verify(&[7; totp::SECRET_LEN], &b.totp, 1_700_000_000_000, Some(5));
        }
        13 => {
            let _: staff::AcceptInvite = http::parse_json(bytes).ok()?;
        }
        15 => {
            let b: CodeConfirm = http::parse_json(bytes).ok()?;
            let _ = Code::parse(&b.code).map(|c| c.normalised());
        }
        // 14, the dev clock (kept last when the code confirmation came as 15).
        _ => {
            let b: dev::ClockRequest = http::parse_json(bytes).ok()?;
            let _ = b.now.as_deref().map(time::parse_ms);
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// JSON that gets past the syntax check and reaches the shape and value checks: objects
    /// with the contract's field names and values of every JSON type.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(serde_json::Value::from),
            ".{0,40}".prop_map(serde_json::Value::from),
            prop_oneof![
                Just("phq9"),
                Just("gad7"),
                Just("1.0.0"),
                Just("worry"),
                Just("2026-01-01T00:00:00Z"),
                Just("ABCD-EFGH-JKMN-P"),
                Just("phq9.1"),
                Just("invite"),
                Just("deactivate"),
                Just("questionnaire"),
                Just("content"),
                Just("started"),
                Just("completed"),
                Just("nb"),
                Just("en"),
            ]
            .prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 32, 6, |inner| {
            let keys = prop_oneof![
                Just("code"),
                Just("link_code"),
                Just("share"),
                Just("still_followed_up"),
                Just("id"),
                Just("instrument"),
                Just("version"),
                Just("answers"),
                Just("completed_at"),
                Just("tool"),
                Just("part"),
                Just("step"),
                Just("state"),
                Just("kind"),
                Just("text"),
                Just("email"),
                Just("password_hash"),
                Just("totp"),
                Just("count"),
                Just("plan"),
                Just("action"),
                Just("role"),
                Just("invite_token"),
                Just("now"),
                Just("phq9.1"),
                Just("phq9.9"),
                Just("lang"),
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map(keys.prop_map(String::from), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn no_body_parser_panics_on_arbitrary_bytes(kind in 0..KINDS, bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            exercise(kind, &bytes);
        }

        #[test]
        fn no_body_parser_panics_on_json_of_the_contract_vocabulary(kind in 0..KINDS, value in json_value()) {
            exercise(kind, value.to_string().as_bytes());
        }
    }

    #[test]
    fn each_kind_accepts_its_well_formed_body() {
        // The fuzz targets are only useful if valid input gets past the parser.
        let good: [&str; KINDS] = [
            r#"{"code":"ABCD-EFGH-JKMN-P"}"#,
            r#"{"link_code":"ABCDE-12345"}"#,
            r#"{"share":true}"#,
            r#"{"still_followed_up":true}"#,
            r#"{"id":"0b7e7a9e-2f1c-4b55-9d8a-4a3f0c1f9e11","instrument":"phq9","version":"1.0.0","answers":{},"completed_at":"2026-01-01T00:00:00Z"}"#,
            r#"{"id":"0b7e7a9e-2f1c-4b55-9d8a-4a3f0c1f9e11","tool":"worry","part":"p","step":"s","state":"started"}"#,
            r#"{"kind":"suggestion","text":"hei"}"#,
            r#"{"email":"a@b.no"}"#,
            r#"{"email":"a@b.no","password_hash":"x"}"#,
            r#"{"count":1}"#,
            r#"{"kind":"questionnaire","instrument":"gad7"}"#,
            r#"{"action":"deactivate","id":"x"}"#,
            r#"{"totp":"123456"}"#,
            r#"{"invite_token":"t","password_hash":"h"}"#,
            r#"{"now":null}"#,
            r#"{"code":"abcd efgh jkmn p"}"#,
        ];
        for (kind, body) in good.iter().enumerate() {
            assert!(run(kind, body.as_bytes()).is_some(), "kind {kind}: {body}");
        }
    }
}
