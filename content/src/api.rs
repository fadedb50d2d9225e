//! Request and response shapes of the `/api` contract (SPEC §6). Public: keep field names exact.
//!
//! Conventions where SPEC §6 is silent:
//! - Timestamps are RFC 3339 strings in UTC (`2025-03-01T12:00:00Z`); dates shown without a
//!   time (last active, access log) are `YYYY-MM-DD`. No date crate (wasm size): both ends
//!   format and compare strings they produced themselves; [`is_rfc3339`] checks input shape.
//! - Every request type denies unknown fields: the edge answers 422 for them.
//! - Response types accept unknown fields, so a newer edge does not break an older app.
//! - A response field with no value is `null`, never missing (SPEC §6): response types carry
//!   no `skip_serializing_if` (`#[serde(default)]` only, so an older edge still parses). The
//!   one exception is `Score.percent` (in `scoring`), written only by the instruments that
//!   report a percentage. Optional *request* fields may be left out by the client.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::Instrument;
use crate::scoring::{ReliableChange, Score};

/// Bumped with every D1 migration; reported by `GET /api/health`.
pub const SCHEMA_VERSION: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Health {
    pub status: String,
    pub schema_version: u32,
}

/// `{"error": {"code": "...", "message": "..."}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
            },
        }
    }
}

/// `GET /api/instruments`: every instrument at its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentList {
    pub instruments: Vec<Instrument>,
}

// --- End-user session and state ------------------------------------------------------------

/// `POST /api/session` (end-user login). `code` is as typed; the edge normalises it with
/// [`crate::code::Code::parse`]. Answers 200 with [`MeState`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub code: String,
}

/// Consent to share registrations with the business (SPEC §3.2–3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Never answered, or "decide later" (which counts as no).
    NotAsked,
    Granted,
    Declined,
    Withdrawn,
    /// Not confirmed within 26 weeks of the last confirmation.
    Expired,
}

impl ConsentState {
    /// Only `granted` allows staff to read individual data (P5).
    pub fn allows_individual_access(self) -> bool {
        self == ConsentState::Granted
    }
}

/// `GET /api/me` → `consent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentView {
    pub state: ConsentState,
    /// When the current state began (RFC 3339); `null` for `not_asked`.
    #[serde(default)]
    pub since: Option<String>,
    /// True when the user should now be asked "are you still followed up by …?" (22 weeks
    /// after consent was given or last confirmed).
    pub renewal_prompt: bool,
}

/// The business that issued the code, as the end user sees it (name only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessView {
    pub name: String,
}

/// `GET /api/me` and the 200 of `POST /api/session` and `POST /api/session/link`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeState {
    pub consent: ConsentView,
    /// `null` for private persons (codes not issued by a business).
    #[serde(default)]
    pub business: Option<BusinessView>,
    pub progress: ProgressView,
    /// Questionnaires due now or soon under the code's plan, earliest first.
    pub due: Vec<DueItem>,
    /// Content and questionnaires sent by staff.
    pub inbox: Vec<InboxItem>,
}

/// Standardised progress (`MeState.progress`): the tool and plan bound to the code at issue,
/// and every step recorded, so the user resumes where they left off on any device.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgressView {
    #[serde(default)]
    pub tool: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    pub steps: Vec<StepProgress>,
}

/// One stored step of a tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProgress {
    pub tool: String,
    pub part: String,
    pub step: String,
    pub state: StepState,
    /// Question id → choice id (exercise and task steps only; never free text).
    #[serde(default)]
    pub answers: Option<BTreeMap<String, String>>,
    pub updated_at: String,
}

/// Progress of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Opened, not finished.
    Started,
    Completed,
}

/// A questionnaire due under the plan (`MeState.due`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    pub instrument: String,
    /// The plan that makes it due.
    pub plan: String,
    /// `YYYY-MM-DD`; today or earlier means due now.
    pub due_on: String,
    /// Optional entries (the daily check-in) are offered, not nagged about.
    #[serde(default)]
    pub optional: bool,
}

/// What staff sent (`MeState.inbox`, `POST /api/staff/participants/{id}/assignments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentKind {
    /// A tool, or one part of it.
    Content,
    /// A questionnaire to fill in.
    Questionnaire,
}

/// A to-do sent by staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: String,
    pub kind: AssignmentKind,
    #[serde(default)]
    pub tool: Option<String>,
    #[serde(default)]
    pub part: Option<String>,
    #[serde(default)]
    pub instrument: Option<String>,
    pub sent_at: String,
    /// Set when the user has done it (questionnaire answered, part completed).
    #[serde(default)]
    pub done_at: Option<String>,
}

// --- Consent -------------------------------------------------------------------------------

/// `POST /api/me/consent`: give (`true`) or withdraw/decline (`false`). Answers [`MeState`]
/// (the consent view inside it is the new state), so the client needs no second request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    pub share: bool,
}

/// `POST /api/me/consent/renewal`: answer to "are you still followed up by …?". Answers
/// [`MeState`]; 409 `no_renewal_due` when the prompt is not due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewalRequest {
    pub still_followed_up: bool,
}

/// Who caused a consent transition (SPEC §3.3: every transition has time and actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    User,
    System,
}

/// One consent transition (export and participant detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub state: ConsentState,
    pub at: String,
    pub actor: Actor,
}

// --- Responses and progress ----------------------------------------------------------------

/// `POST /api/me/responses`: a completed questionnaire. Idempotent on `id` (a UUID made by the
/// client, so offline retries never duplicate). The edge re-scores it; answers
/// [`ResponseStored`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSubmit {
    pub id: String,
    pub instrument: String,
    pub version: String,
    /// Item id → option value.
    pub answers: BTreeMap<String, i64>,
    /// RFC 3339.
    pub completed_at: String,
    /// The language the questionnaire was shown in (`"nb"` or `"en"`). Optional so that older
    /// clients (and answers they queued offline) still work: then stored as unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// The 200 of `POST /api/me/responses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseStored {
    pub id: String,
    pub score: Score,
}

/// A stored response with its score (history, export, participant detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResponse {
    pub id: String,
    pub instrument: String,
    pub version: String,
    pub answers: BTreeMap<String, i64>,
    pub completed_at: String,
    pub score: Score,
    /// The language the questionnaire was answered in; `null` when unknown (sent by a client
    /// older than the field). Always present, never omitted: staff must see that it is unknown.
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// `GET /api/me/responses`: own history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResponseHistory {
    pub responses: Vec<StoredResponse>,
}

/// `POST /api/me/progress`: standardised progress of one step, idempotent on `id` (client
/// UUID). `answers` maps question/field ids to choice ids (see
/// [`crate::tools::check_progress`]); local-only free text is never sent. Answers
/// [`Stored`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressSubmit {
    pub id: String,
    pub tool: String,
    pub part: String,
    pub step: String,
    pub state: StepState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<BTreeMap<String, String>>,
}

/// Acknowledges an idempotent write (`POST /api/me/progress`, assignments, feedback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub id: String,
}

// --- Code change, device link, export, access log, feedback -------------------------------

/// The 200 of `POST /api/me/code`: a new *pending* code, shown once (`XXXX-XXXX-XXXX-X`).
/// The old code keeps working until the new one is typed back with `POST /api/me/code/confirm`
/// before `expires_at` (RFC 3339, 15 minutes on the edge clock); a second `POST /api/me/code`
/// replaces the pending code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeChanged {
    pub code: String,
    pub expires_at: String,
}

/// `POST /api/me/code/confirm`: the pending code typed back (normalised like a login code).
/// 204 with a new session cookie when it matches: the code is changed, every other session and
/// every device-link code of the participant ends. 422 `code_mismatch` for another code, 422
/// `code_expired` when there is no pending code or it has expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeConfirm {
    pub code: String,
}

/// The 200 of `POST /api/me/device-link`: a one-time link code, valid 15 minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceLink {
    pub link_code: String,
    pub expires_at: String,
}

/// `POST /api/session/link`: log in on another device. Answers [`MeState`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    pub link_code: String,
}

/// One access by staff, as the end user sees it (P7): the date and "a professional at
/// <business>", never who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Business name.
    pub business: String,
}

/// `GET /api/me/access-log`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AccessLog {
    pub entries: Vec<AccessLogEntry>,
}

/// `GET /api/me/export?format=json`: everything stored about the user (portability). The
/// `fhir` format is a Bundle from [`crate::fhir::export_bundle`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    pub exported_at: String,
    pub consent: ConsentView,
    pub consent_events: Vec<ConsentEvent>,
    pub progress: ProgressView,
    pub responses: Vec<StoredResponse>,
    pub access_log: Vec<AccessLogEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    Suggestion,
    Evaluation,
}

/// `POST /api/feedback`. The edge attaches the participant id; the form warns against
/// personal details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    pub kind: FeedbackKind,
    pub text: String,
}

// --- Staff login ---------------------------------------------------------------------------

/// `POST /api/staff/prelogin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffPrelogin {
    pub email: String,
}

/// The key-derivation function the browser runs before staff login. Only Argon2id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kdf {
    #[default]
    Argon2id,
}

/// The 200 of `POST /api/staff/prelogin`: `{kdf: "argon2id", m_kib, t, p, salt}`. For an
/// unknown e-mail the edge returns a deterministic fake salt with the same defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreloginParams {
    pub kdf: Kdf,
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
    /// base64url without padding.
    pub salt: String,
}

impl PreloginParams {
    /// SPEC §4.1 defaults: m = 19456 KiB, t = 2, p = 1.
    pub const DEFAULT_M_KIB: u32 = 19456;
    pub const DEFAULT_T: u32 = 2;
    pub const DEFAULT_P: u32 = 1;

    pub fn with_defaults(salt: impl Into<String>) -> Self {
        Self {
            kdf: Kdf::Argon2id,
            m_kib: Self::DEFAULT_M_KIB,
            t: Self::DEFAULT_T,
            p: Self::DEFAULT_P,
            salt: salt.into(),
        }
    }
}

/// `POST /api/staff/session`. `password_hash` is base64url-nopad Argon2id output (32 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffLogin {
    pub email: String,
    pub password_hash: String,
    /// Six-digit TOTP, for accounts that have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Professional,
    /// A professional who also manages the business's staff and reads its audit log.
    SuperUser,
    /// Aggregated statistics across a set of businesses; nothing individual.
    ToolManager,
}

/// A business as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessRef {
    pub id: String,
    pub name: String,
}

/// The 200 of `POST /api/staff/session` (and `GET` of the same path): who is logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSession {
    pub email: String,
    pub role: StaffRole,
    /// The businesses whose data this account may see: one for professionals and super users,
    /// the programme's businesses for tool managers.
    pub businesses: Vec<BusinessRef>,
    /// Whether the account has an authenticator (TOTP) switched on.
    #[serde(default)]
    pub totp: bool,
}

// --- Staff: codes, participants, assignments ---------------------------------------------

/// `POST /api/staff/codes`: issue `count` codes (1–500, else 422), optionally bound to a tool
/// and a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueCodes {
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
}

impl IssueCodes {
    pub const MAX: u32 = 500;

    /// Checks the count and that the tool and plan exist, with a message for a 422.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=Self::MAX).contains(&self.count) {
            return Err(format!("count must be 1–{}, not {}", Self::MAX, self.count));
        }
        if let Some(tool) = &self.tool
            && crate::tools::get(tool).is_none()
        {
            return Err(format!("unknown tool {tool:?}"));
        }
        if let Some(plan) = &self.plan
            && crate::plans::get(plan).is_none()
        {
            return Err(format!("unknown plan {plan:?}"));
        }
        Ok(())
    }
}

/// The 200 of `POST /api/staff/codes`: the codes as `XXXX-XXXX-XXXX-X`, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCodes {
    pub codes: Vec<String>,
}

/// The latest score of one instrument in the overview (consenting participants only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestScore {
    pub instrument: String,
    pub band: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Against the participant's first response of the instrument; `null` with only one.
    #[serde(default)]
    pub reliable: Option<ReliableChange>,
}

/// Flags in the overview (consenting participants only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Flags {
    /// The latest PHQ-9 had a safety item above 0.
    pub safety: bool,
}

/// One participant in `GET /api/staff/participants`. `latest` and `flags` have a value only
/// while consent is `granted` (P5); otherwise they are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    /// Opaque participant id (not the code).
    pub id: String,
    /// First group of the code.
    pub reference: String,
    /// `YYYY-MM-DD`.
    pub issued_at: String,
    #[serde(default)]
    pub tool: Option<String>,
    pub consent: ConsentState,
    /// `YYYY-MM-DD` (date only); `null` if never logged in.
    #[serde(default)]
    pub last_active: Option<String>,
    #[serde(default)]
    pub latest: Option<Vec<LatestScore>>,
    #[serde(default)]
    pub flags: Option<Flags>,
}

/// A deletion registration (P8): what stays after "delete all my data".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    pub reference: String,
    /// `YYYY-MM-DD`.
    pub deleted_at: String,
}

/// `GET /api/staff/participants`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipantsList {
    pub participants: Vec<ParticipantRow>,
    pub deletions: Vec<Deletion>,
}

/// `GET /api/staff/participants/{id}` (consent `granted` only; audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantDetail {
    pub id: String,
    pub reference: String,
    pub issued_at: String,
    #[serde(default)]
    pub tool: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    pub consent: ConsentView,
    /// Questionnaire responses other than check-ins, oldest first.
    pub responses: Vec<StoredResponse>,
    /// Daily check-ins, oldest first.
    pub checkins: Vec<StoredResponse>,
    pub progress: Vec<StepProgress>,
    /// What staff have sent and whether it is done.
    pub assignments: Vec<InboxItem>,
}

/// `POST /api/staff/participants/{id}/assignments`: send a tool (or one part) or a
/// questionnaire. `content` needs `tool` (and optionally `part`); `questionnaire` needs
/// `instrument`. Answers [`Stored`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRequest {
    pub kind: AssignmentKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
}

// --- Staff: statistics ---------------------------------------------------------------------

/// `GET /api/staff/stats?period=YYYY-MM` (P6). Counts are `null` when suppressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: String,
    /// Participants issued, active and consenting in the period (suppressed below 10).
    pub participants: ParticipantCounts,
    pub groups: Vec<StatsGroup>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipantCounts {
    pub issued: Option<u32>,
    pub active: Option<u32>,
    pub consenting: Option<u32>,
}

/// One instrument's group in a period. When `n` is `null` (fewer than 10 participants) every
/// other count is `null` too; a band count is `null` when suppressed (1–9, or complementary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsGroup {
    pub instrument: String,
    /// Distinct participants with a response in the period.
    pub n: Option<u32>,
    /// Band id → participants whose latest response in the period is in that band. Every band
    /// of the instrument is present.
    pub bands: BTreeMap<String, Option<u32>>,
    /// Band id → participants by their first-ever response (baseline).
    pub baseline_bands: BTreeMap<String, Option<u32>>,
    /// Participants with reliable improvement, deterioration, recovery and reliable recovery
    /// (baseline vs latest, NHS Talking Therapies definitions).
    pub reliable_improvement: Option<u32>,
    pub reliable_deterioration: Option<u32>,
    pub recovery: Option<u32>,
    pub reliable_recovery: Option<u32>,
    /// Mean latest total, only when n ≥ 10.
    pub mean_total: Option<f64>,
}

// --- Super user ----------------------------------------------------------------------------

/// One staff account (`GET /api/staff/users`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: String,
    pub email: String,
    pub role: StaffRole,
    pub active: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StaffUsers {
    pub users: Vec<StaffUser>,
}

/// `POST /api/staff/users`: `{"action": "invite", "email", "role"}` or
/// `{"action": "deactivate", "id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum StaffUserRequest {
    Invite { email: String, role: StaffRole },
    Deactivate { id: String },
}

/// The 200 of an invite: a one-time token for the invite link, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub invite_token: String,
    pub expires_at: String,
}

/// One audit-log entry (`GET /api/staff/audit`, P7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub staff_id: String,
    pub staff_email: String,
    /// Reference of the participant whose data was read.
    pub participant: String,
    /// What was accessed, e.g. `participant_detail`.
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
}

// --- Development only (404 in production) --------------------------------------------------

/// `POST /api/dev/clock`: move the edge's clock to `now` (RFC 3339); `null` returns to the real
/// clock. The field must be present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevClock {
    #[serde(deserialize_with = "present_option")]
    pub now: Option<String>,
}

fn present_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

/// A staff account created by the seed, with its clear-text password (dev only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedStaff {
    pub email: String,
    pub password: String,
    pub role: StaffRole,
}

/// The 200 of `POST /api/dev/seed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevSeed {
    pub business: BusinessRef,
    pub staff: Vec<SeedStaff>,
    /// At least 10 unused codes, `XXXX-XXXX-XXXX-X`.
    pub codes: Vec<String>,
}

// --- Shape checks for request fields -------------------------------------------------------

/// True for a UUID in the canonical 8-4-4-4-12 hex form (any version, either case).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// True for an RFC 3339 date-time with seconds and an offset, e.g. `2025-03-01T12:00:00Z` or
/// `2025-03-01T13:00:00.5+01:00`, with every field in range (days per month included). The
/// same parser as [`crate::time::parse_ms`], so whatever passes this check can be stored.
pub fn is_rfc3339(s: &str) -> bool {
    crate::time::parse_ms(s).is_ok()
}
