//! Every request body the edge accepts, each parsed by ONE pure function: the JSON (400 for
//! syntax, 422 for shape) and then every check that needs no storage, in the order the
//! handler needs them. The handler calls that function, and so do the property tests below and
//! the fuzz target `api_bodies` (through [`exercise`]), so what is fuzzed cannot drift from
//! what is served.

use crate::ground::{error::ApiError, http::parse_json, totp};
use content::{
    api::{
        AcceptInvite, AssignmentKind, AssignmentRequest, BusinessDetails, ClaimRequest,
        CodeConfirm, ConsentRequest, DevClock, DevSeedRequest, FeedbackKind, FeedbackRequest,
        InviteToken, IssueCodes, LinkRequest, LoginRequest, ProgressSubmit, RenewalRequest,
        ResponseSubmit, StaffLogin, StaffPrelogin, StaffRole, StaffUserRequest, StripeEvent,
        TotpCode, TotpPolicy, TotpReauth, VoucherRedeem, is_uuid,
    },
    code::{Code, normalise_link_code},
    consent::Command,
    instruments,
    retention::{CompletedAtError, completed_at_check},
    scoring::{self, Score},
    time, tools,
};

/// `POST /api/session {code}`: `None` when the text is not a code at all. That is not a 4xx:
/// the handler counts it as a failed attempt and gives the one 401, like an unknown code.
pub fn login(bytes: &[u8]) -> Result<Option<Code>, ApiError> {
    let body: LoginRequest = parse_json(bytes)?;
    Ok(Code::parse(&body.code).ok())
}

/// `POST /api/vouchers/redeem {voucher}`: `None` when the text is not a voucher at all (the
/// same format as a code). Like a login, that is the handler's one refusal, counted by the
/// throttle, not a 4xx of its own.
pub fn voucher(bytes: &[u8]) -> Result<Option<Code>, ApiError> {
    let body: VoucherRedeem = parse_json(bytes)?;
    Ok(Code::parse(&body.voucher).ok())
}

/// `POST /api/purchase/claim {claim}`: the token as sent (looked up by its keyed hash; a text
/// that is no token simply matches nothing).
pub fn claim(bytes: &[u8]) -> Result<String, ApiError> {
    let body: ClaimRequest = parse_json(bytes)?;
    Ok(body.claim.trim().to_string())
}

/// `POST /api/purchase/webhook`: Stripe's event, read only after its signature was verified
/// over these same bytes.
pub fn stripe_event(bytes: &[u8]) -> Result<StripeEvent, ApiError> {
    parse_json(bytes)
}

/// `POST /api/session/link {link_code}`: the code in the form that is hashed.
pub fn link(bytes: &[u8]) -> Result<String, ApiError> {
    let body: LinkRequest = parse_json(bytes)?;
    Ok(normalise_link_code(&body.link_code))
}

/// `POST /api/me/consent {share}`.
pub fn consent(bytes: &[u8]) -> Result<Command, ApiError> {
    Ok(Command::Share(parse_json::<ConsentRequest>(bytes)?.share))
}

/// `POST /api/me/consent/renewal {still_followed_up}`.
pub fn renewal(bytes: &[u8]) -> Result<Command, ApiError> {
    let body: RenewalRequest = parse_json(bytes)?;
    Ok(Command::Renewal {
        still_followed_up: body.still_followed_up,
    })
}

/// A questionnaire response that passed every check: re-scored by the same engine as the
/// browser.
#[derive(Debug)]
pub struct CheckedResponse {
    pub body: ResponseSubmit,
    pub completed_ms: i64,
    pub score: Score,
}

/// `POST /api/me/responses`: a client UUID, an RFC 3339 completion time no earlier than the
/// code was issued (`issued_at`) and not in the future (on the edge clock `now`, with
/// `content::retention::COMPLETED_AT_MAX_SKEW_MS` of slack), and answers that score.
pub fn response(bytes: &[u8], now: i64, issued_at: i64) -> Result<CheckedResponse, ApiError> {
    let body: ResponseSubmit = parse_json(bytes)?;
    check_id(&body.id)?;
    let completed_ms = time::parse_ms(&body.completed_at).map_err(|e| {
        ApiError::unprocessable(
            "invalid_time",
            format!("`completed_at` must be RFC 3339: {e}"),
        )
    })?;
    match completed_at_check(completed_ms, issued_at, now) {
        Ok(()) => {}
        Err(CompletedAtError::BeforeIssue) => {
            return Err(ApiError::unprocessable(
                "invalid_time",
                "`completed_at` is before the access code was issued",
            ));
        }
        Err(CompletedAtError::InTheFuture) => {
            return Err(ApiError::unprocessable(
                "invalid_time",
                "`completed_at` is in the future",
            ));
        }
    }
    let score = scoring::score_by_id(&body.instrument, &body.version, &body.answers)
        .map_err(|e| ApiError::unprocessable(e.code(), e.api_message()))?;
    Ok(CheckedResponse {
        body,
        completed_ms,
        score,
    })
}

/// `POST /api/me/progress`: a client UUID and a step (and answers) that exist in the tool.
pub fn progress(bytes: &[u8]) -> Result<ProgressSubmit, ApiError> {
    let body: ProgressSubmit = parse_json(bytes)?;
    check_id(&body.id)?;
    tools::check_progress(&body.tool, &body.part, &body.step, body.answers.as_ref())
        .map_err(|e| ApiError::unprocessable("invalid_progress", e.api_message()))?;
    Ok(body)
}

/// Feedback text is at most this long (characters, after trimming).
pub const MAX_FEEDBACK_CHARS: usize = 4000;

pub struct Feedback {
    pub kind: FeedbackKind,
    /// Trimmed, not empty, at most [`MAX_FEEDBACK_CHARS`].
    pub text: String,
}

/// `POST /api/feedback {kind, text}`.
pub fn feedback(bytes: &[u8]) -> Result<Feedback, ApiError> {
    let body: FeedbackRequest = parse_json(bytes)?;
    let text = body.text.trim();
    if text.is_empty() {
        return Err(ApiError::unprocessable(
            "empty_text",
            "Write something before sending.",
        ));
    }
    if text.chars().count() > MAX_FEEDBACK_CHARS {
        return Err(ApiError::unprocessable(
            "text_too_long",
            format!("At most {MAX_FEEDBACK_CHARS} characters."),
        ));
    }
    Ok(Feedback {
        kind: body.kind,
        text: text.to_string(),
    })
}

/// `POST /api/me/code/confirm {code, keep_sharing?}`: the code, `None` when the text is not a
/// code (then it cannot be the pending one: 422 `code_mismatch` in the handler), and whether
/// the business keeps the participant (default: yes, as before the field existed).
pub fn code_confirm(bytes: &[u8]) -> Result<(Option<Code>, bool), ApiError> {
    let body: CodeConfirm = parse_json(bytes)?;
    Ok((
        Code::parse(&body.code).ok(),
        body.keep_sharing.unwrap_or(true),
    ))
}

/// `POST /api/staff/business/totp {required}`.
pub fn totp_policy(bytes: &[u8]) -> Result<TotpPolicy, ApiError> {
    parse_json(bytes)
}

/// A staff e-mail as stored: trimmed, lower case, something@domain.tld-ish, ≤ 254 bytes.
pub fn normalise_email(email: &str) -> Result<String, ApiError> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= 254
        && e.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
    if valid {
        Ok(e)
    } else {
        Err(ApiError::unprocessable(
            "invalid_email",
            "That is not an e-mail address.",
        ))
    }
}

/// `POST /api/staff/prelogin {email}`: the normalised e-mail.
pub fn staff_prelogin(bytes: &[u8]) -> Result<String, ApiError> {
    normalise_email(&parse_json::<StaffPrelogin>(bytes)?.email)
}

pub struct StaffLoginBody {
    /// Normalised.
    pub email: String,
    /// The browser's Argon2id output (base64url), at most 128 characters.
    pub password_hash: String,
    pub totp: Option<String>,
}

/// `POST /api/staff/session {email, password_hash, totp?}`.
pub fn staff_login(bytes: &[u8]) -> Result<StaffLoginBody, ApiError> {
    let body: StaffLogin = parse_json(bytes)?;
    let email = normalise_email(&body.email)?;
    if body.password_hash.len() > 128 {
        return Err(ApiError::unprocessable(
            "invalid_password_hash",
            "password_hash is too long",
        ));
    }
    Ok(StaffLoginBody {
        email,
        password_hash: body.password_hash,
        totp: body.totp,
    })
}

/// `POST /api/staff/totp/confirm {totp}`.
pub fn totp_code(bytes: &[u8]) -> Result<String, ApiError> {
    Ok(parse_json::<TotpCode>(bytes)?.totp)
}

/// `POST /api/staff/totp {password_hash, totp?}` and `POST /api/staff/totp/disable` (the same
/// body): the password hash as at login (at most 128 characters) and the code, if any.
pub fn totp_reauth(bytes: &[u8]) -> Result<TotpReauth, ApiError> {
    let body: TotpReauth = parse_json(bytes)?;
    if body.password_hash.len() > 128 {
        return Err(ApiError::unprocessable(
            "invalid_password_hash",
            "`password_hash` must be the Argon2id output (at most 128 characters)",
        ));
    }
    Ok(body)
}

/// `POST /api/staff/invite/info {invite_token}`.
pub fn invite_info(bytes: &[u8]) -> Result<String, ApiError> {
    Ok(parse_json::<InviteToken>(bytes)?.invite_token)
}

/// `POST /api/staff/invite/accept {invite_token, password_hash}`.
pub fn accept_invite(bytes: &[u8]) -> Result<AcceptInvite, ApiError> {
    let body: AcceptInvite = parse_json(bytes)?;
    if body.password_hash.len() < 32 || body.password_hash.len() > 128 {
        return Err(ApiError::unprocessable(
            "invalid_password_hash",
            "password_hash must be the Argon2id output",
        ));
    }
    Ok(body)
}

/// `POST /api/staff/codes {count, tool?, plan?}`: 1–500 codes, an existing tool and plan.
pub fn issue_codes(bytes: &[u8]) -> Result<IssueCodes, ApiError> {
    let body: IssueCodes = parse_json(bytes)?;
    body.check()
        .map_err(|m| ApiError::unprocessable("invalid_request", m))?;
    Ok(body)
}

/// `POST /api/staff/participants/{id}/assignments`: an existing instrument, or an existing tool
/// (and part).
pub fn assignment(bytes: &[u8]) -> Result<AssignmentRequest, ApiError> {
    let body: AssignmentRequest = parse_json(bytes)?;
    let valid = match body.kind {
        AssignmentKind::Questionnaire => body
            .instrument
            .as_deref()
            .is_some_and(|i| instruments::get(i).is_some()),
        AssignmentKind::Content => body.tool.as_deref().and_then(tools::get).is_some_and(|t| {
            body.part
                .as_deref()
                .is_none_or(|part| t.part(part).is_some())
        }),
    };
    if !valid {
        return Err(ApiError::unprocessable(
            "invalid_assignment",
            "Name an existing instrument, or an existing tool (and part).",
        ));
    }
    Ok(body)
}

/// `POST /api/staff/users`, checked: an invitation has a normalised e-mail and a role a super
/// user may give.
pub enum StaffUserChange {
    Invite { email: String, role: StaffRole },
    Deactivate { id: String },
    Reactivate { id: String },
    Reset { id: String },
}

pub fn staff_user(bytes: &[u8]) -> Result<StaffUserChange, ApiError> {
    match parse_json::<StaffUserRequest>(bytes)? {
        StaffUserRequest::Invite { email, role } => {
            let email = normalise_email(&email)?;
            if role == StaffRole::ToolManager {
                return Err(ApiError::unprocessable(
                    "invalid_role",
                    "Tool managers are created by the operator.",
                ));
            }
            Ok(StaffUserChange::Invite { email, role })
        }
        StaffUserRequest::Deactivate { id } => Ok(StaffUserChange::Deactivate { id }),
        StaffUserRequest::Reactivate { id } => Ok(StaffUserChange::Reactivate { id }),
        StaffUserRequest::Reset { id } => Ok(StaffUserChange::Reset { id }),
    }
}

/// `POST /api/staff/business {name, contact, address, web?}`: trimmed and within limits.
pub fn business_details(bytes: &[u8]) -> Result<BusinessDetails, ApiError> {
    parse_json::<BusinessDetails>(bytes)?
        .check()
        .map_err(|rule| ApiError::unprocessable("invalid_business", rule))
}

/// `POST /api/dev/clock {now}`: the instant to move to, or `None` (`null`) for the real clock.
pub fn dev_clock(bytes: &[u8]) -> Result<Option<i64>, ApiError> {
    let body: DevClock = parse_json(bytes)?;
    body.now
        .map(|text| {
            time::parse_ms(&text).map_err(|e| {
                ApiError::unprocessable(
                    "invalid_time",
                    format!("`now` must be an RFC 3339 time: {e}"),
                )
            })
        })
        .transpose()
}

/// `POST /api/dev/seed {programme?}`: the programme's name, if any. No body is `{}`.
pub fn dev_seed(bytes: &[u8]) -> Result<Option<String>, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    parse_json::<DevSeedRequest>(bytes)?
        .programme_name()
        .map_err(|rule| ApiError::unprocessable("invalid_programme", rule))
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if is_uuid(id) {
        Ok(())
    } else {
        Err(ApiError::unprocessable(
            "invalid_id",
            "`id` must be a UUID made by the client",
        ))
    }
}

// --- For the fuzzers and the property tests --------------------------------------------------

/// A fixed edge clock for the bodies that are checked against it (2026-06-01T00:00:00Z).
const NOW: i64 = 1_780_272_000_000;
/// When the fuzzed participant's code was issued (2025-12-01T00:00:00Z).
const ISSUED: i64 = 1_764_547_200_000;

/// Runs a body function on the bytes; true when the body was accepted.
type Exercise = fn(&[u8]) -> bool;

/// Every body, numbered, with an endpoint that takes it (`POST /api/staff/totp/disable` takes
/// the same body as `POST /api/staff/totp`): the fuzz target picks one with its first byte.
/// One example of each, in this order, is in `bodies.jsonl` as `{"endpoint", "body"}`: the test below
/// proves each passes every check, `cargo xtask fuzz` seeds the corpus with them, and the API
/// test `tests/api/contract.spec.ts` sends each to its endpoint on the real edge.
pub const BODIES: [(&str, Exercise); 25] = [
    ("POST /api/session", |b| login(b).is_ok()),
    ("POST /api/session/link", |b| link(b).is_ok()),
    ("POST /api/me/consent", |b| consent(b).is_ok()),
    ("POST /api/me/consent/renewal", |b| renewal(b).is_ok()),
    ("POST /api/me/responses", |b| {
        response(b, NOW, ISSUED).is_ok()
    }),
    ("POST /api/me/progress", |b| progress(b).is_ok()),
    ("POST /api/feedback", |b| feedback(b).is_ok()),
    ("POST /api/staff/prelogin", |b| staff_prelogin(b).is_ok()),
    ("POST /api/staff/session", |b| {
        staff_login(b)
            .map(|l| {
                // The code is checked against the stored secret later; run the pure check too.
                l.totp
                    .map(|c| totp::verify(&[7; totp::SECRET_LEN], &c, NOW, None))
            })
            .is_ok()
    }),
    ("POST /api/staff/codes", |b| issue_codes(b).is_ok()),
    ("POST /api/staff/participants/{id}/assignments", |b| {
        assignment(b).is_ok()
    }),
    ("POST /api/staff/users", |b| staff_user(b).is_ok()),
    ("POST /api/staff/totp/confirm", |b| {
        totp_code(b)
            .map(|c| totp::verify(&[7; totp::SECRET_LEN], &c, NOW, Some(5)))
            .is_ok()
    }),
    ("POST /api/staff/invite/accept", |b| {
        accept_invite(b).is_ok()
    }),
    ("POST /api/dev/clock", |b| dev_clock(b).is_ok()),
    ("POST /api/me/code/confirm", |b| code_confirm(b).is_ok()),
    ("POST /api/staff/invite/info", |b| invite_info(b).is_ok()),
    ("POST /api/staff/feedback", |b| feedback(b).is_ok()),
    ("POST /api/staff/business", |b| business_details(b).is_ok()),
    ("POST /api/staff/totp", |b| {
        totp_reauth(b)
            .map(|r| {
                r.totp
                    .map(|c| totp::verify(&[7; totp::SECRET_LEN], &c, NOW, Some(5)))
            })
            .is_ok()
    }),
    ("POST /api/dev/seed", |b| dev_seed(b).is_ok()),
    ("POST /api/vouchers/redeem", |b| voucher(b).is_ok()),
    ("POST /api/purchase/claim", |b| claim(b).is_ok()),
    ("POST /api/staff/business/totp", |b| totp_policy(b).is_ok()),
    ("POST /api/staff/me/delete", |b| totp_reauth(b).is_ok()),
];

pub const KINDS: usize = BODIES.len();

/// One `{"endpoint", "body"}` per line, for body number `line` (see [`BODIES`]).
pub const EXAMPLES: &str = include_str!("bodies.jsonl");

/// Parses `bytes` as body number `kind % KINDS` and runs every pure check of its handler.
/// Whatever the bytes, the answer is a value or an error, never a panic.
pub fn exercise(kind: usize, bytes: &[u8]) -> bool {
    (BODIES[kind % KINDS].1)(bytes)
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
                Just("gad2"),
                Just("1.0.0"),
                Just("worry"),
                Just("understanding_worry"),
                Just("what_is_worry"),
                Just("2026-01-01T00:00:00Z"),
                Just("ABCD-EFGH-JKMN-P"),
                Just("phq9.1"),
                Just("invite"),
                Just("deactivate"),
                Just("reactivate"),
                Just("reset"),
                Just("professional"),
                Just("tool_manager"),
                Just("questionnaire"),
                Just("content"),
                Just("started"),
                Just("completed"),
                Just("suggestion"),
                Just("nb"),
                Just("en"),
                Just("a@b.no"),
                Just("0b7e7a9e-2f1c-4b55-9d8a-4a3f0c1f9e11"),
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
                Just("keep_sharing"),
                Just("required"),
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
    fn each_kind_accepts_its_example_and_refuses_an_unknown_field() {
        // The fuzz targets are only useful if valid input gets past every check.
        let examples: Vec<serde_json::Value> = EXAMPLES
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(examples.len(), KINDS, "one example per body, in order");
        for (kind, example) in examples.iter().enumerate() {
            let label = BODIES[kind].0;
            assert_eq!(example["endpoint"], label, "line {}", kind + 1);
            let body = example["body"].to_string();
            assert!(exercise(kind, body.as_bytes()), "{label}: {body}");
            let mut value = example["body"].clone();
            value["unexpected"] = serde_json::Value::Bool(true);
            assert!(
                !exercise(kind, value.to_string().as_bytes()),
                "{label} accepts an unknown field"
            );
        }
    }

    #[test]
    fn syntax_is_400_and_shape_is_422() {
        assert!(matches!(invite_info(b"{"), Err(ApiError::MalformedJson(_))));
        assert!(matches!(invite_info(b"{}"), Err(ApiError::InvalidBody(_))));
        assert!(matches!(
            staff_user(br#"{"action":"invite","email":"x","role":"professional"}"#),
            Err(ApiError::Unprocessable {
                code: "invalid_email",
                ..
            })
        ));
    }

    #[test]
    fn checks_run_in_the_handlers_order() {
        let future = r#"{"id":"0b7e7a9e-2f1c-4b55-9d8a-4a3f0c1f9e11","instrument":"gad2","version":"1.0.0","answers":{"gad2.1":2,"gad2.2":1},"completed_at":"2026-06-03T00:00:00Z"}"#;
        let err = response(future.as_bytes(), NOW, ISSUED).expect_err("two days ahead");
        assert_eq!(err.to_string(), "`completed_at` is in the future");
        assert!(response(future.as_bytes(), NOW + 2 * content::time::DAY_MS, ISSUED).is_ok());
        // Not before the code was issued: 1970 and year 1 cannot be backdated into.
        for past in ["1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z"] {
            let old = future.replace("2026-06-03T00:00:00Z", past);
            let err = response(old.as_bytes(), NOW, ISSUED).expect_err(past);
            assert_eq!(
                err.to_string(),
                "`completed_at` is before the access code was issued"
            );
        }
        assert_eq!(
            login(br#"{"code":"not a code"}"#).expect("a body"),
            None,
            "a malformed code is a failed attempt, not a 4xx"
        );
        assert_eq!(
            link(br#"{"link_code":"abcd0-oil12"}"#).expect("a body"),
            "ABCD001112"
        );
        assert_eq!(dev_clock(br#"{"now":null}"#).expect("null resets"), None);
        assert!(dev_clock(br#"{}"#).is_err(), "now must be given (SPEC §6)");
        assert!(accept_invite(br#"{"invite_token":"t","password_hash":"short"}"#).is_err());
    }
}
