//! The end user's side: login, state, consent, registrations, code change, device link,
//! export, access log and feedback.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::scoring::Score;

// --- End-user session and state ------------------------------------------------------------

/// `POST /api/session` (end-user login). `code` is as typed; the edge normalises it with
/// [`crate::code::Code::parse`]. Answers 200 with [`MeState`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub code: String,
}

/// Consent to share registrations with the business (SPEC §3.2–3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Never answered, or "decide later" (which counts as no).
    NotAsked,
    Granted,
    Declined,
    Withdrawn,
    /// Not confirmed within 26 weeks of the last confirmation.
    Expired,
    /// A private participant (voucher or card purchase): no business to share with, so there
    /// is no question and nothing to consent to.
    NotApplicable,
}

impl ConsentState {
    /// Only `granted` allows staff to read individual data (P5).
    pub fn allows_individual_access(self) -> bool {
        self == ConsentState::Granted
    }
}

/// `GET /api/me` → `consent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConsentView {
    pub state: ConsentState,
    /// When the current state began (RFC 3339); `null` for `not_asked`.
    #[serde(default)]
    pub since: Option<String>,
    /// True when the user should now be asked "are you still followed up by …?" (22 weeks
    /// after consent was given or last confirmed).
    pub renewal_prompt: bool,
}

/// The business that issued the code, as the end user sees it: who they share with and how to
/// reach them (maintained by the business's super user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BusinessView {
    pub name: String,
    /// How patients reach the business (a phone number or an e-mail address); `null` until the
    /// super user has said.
    #[serde(default)]
    pub contact: Option<String>,
    /// Postal address; `null` until given.
    #[serde(default)]
    pub address: Option<String>,
    /// Web address (`https://…`); `null` when none.
    #[serde(default)]
    pub web: Option<String>,
}

/// `GET /api/me` and the 200 of `POST /api/session` and `POST /api/session/link`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProgressView {
    #[serde(default)]
    pub tool: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    pub steps: Vec<StepProgress>,
}

/// One stored step of a tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Opened, not finished.
    Started,
    Completed,
}

/// A questionnaire due under the plan (`MeState.due`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentKind {
    /// A tool, or one part of it.
    Content,
    /// A questionnaire to fill in.
    Questionnaire,
}

/// A to-do sent by staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    pub share: bool,
}

/// `POST /api/me/consent/renewal`: answer to "are you still followed up by …?". Answers
/// [`MeState`]; 409 `no_renewal_due` when the prompt is not due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RenewalRequest {
    pub still_followed_up: bool,
}

/// Who caused a consent transition (SPEC §3.3: every transition has time and actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    User,
    System,
}

/// One consent transition (export and participant detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResponseStored {
    pub id: String,
    pub score: Score,
}

/// A stored response with its score (history, export, participant detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResponseHistory {
    pub responses: Vec<StoredResponse>,
}

/// `POST /api/me/progress`: standardised progress of one step, idempotent on `id` (client
/// UUID). `answers` maps question/field ids to choice ids (see
/// [`crate::tools::check_progress`]); local-only free text is never sent. Answers
/// [`Stored`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Stored {
    pub id: String,
}

// --- Code change, device link, export, access log, feedback -------------------------------

/// The 200 of `POST /api/me/code`: a new *pending* code, shown once (`XXXX-XXXX-XXXX-X`).
/// The old code keeps working until the new one is typed back with `POST /api/me/code/confirm`
/// before `expires_at` (RFC 3339, 15 minutes on the edge clock); a second `POST /api/me/code`
/// replaces the pending code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CodeChanged {
    pub code: String,
    pub expires_at: String,
}

/// `POST /api/me/code/confirm`: the pending code typed back (normalised like a login code).
/// 204 with a new session cookie when it matches: the code is changed, every other session and
/// every device-link code of the participant ends. 422 `code_mismatch` for another code, 422
/// `code_expired` when there is no pending code or it has expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeConfirm {
    pub code: String,
    /// Whether the business keeps seeing the participant after the change (default `true`,
    /// the behaviour before this field). `false`: consent ends (an event by the user), the
    /// participant leaves the business, and its overview keeps only "code changed" and the
    /// date for the old reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_sharing: Option<bool>,
}

/// The 200 of `POST /api/me/device-link`: a one-time link code, valid 15 minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DeviceLink {
    pub link_code: String,
    pub expires_at: String,
}

/// `POST /api/session/link`: log in on another device. Answers [`MeState`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    pub link_code: String,
}

/// One access by staff, as the end user sees it (P7): the date and "a professional at
/// <business>", never who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AccessLogEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Business name.
    pub business: String,
}

/// `GET /api/me/access-log`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AccessLog {
    pub entries: Vec<AccessLogEntry>,
}

/// `GET /api/me/export?format=json`: everything stored about the user (portability). The
/// `fhir` format is a Bundle from [`crate::fhir::export_bundle`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Export {
    pub exported_at: String,
    pub consent: ConsentView,
    pub consent_events: Vec<ConsentEvent>,
    pub progress: ProgressView,
    pub responses: Vec<StoredResponse>,
    pub access_log: Vec<AccessLogEntry>,
    /// When the code was issued (RFC 3339).
    #[serde(default)]
    pub issued_at: Option<String>,
    /// The day of the last login (`YYYY-MM-DD`); `null` before the first.
    #[serde(default)]
    pub last_login_on: Option<String>,
    /// What staff sent, with done dates.
    #[serde(default)]
    pub inbox: Vec<InboxItem>,
    /// Registrations the user removed (when from, when removed; no content).
    #[serde(default)]
    pub removals: Vec<crate::api::Removal>,
    /// Feedback the user sent, while it is kept.
    #[serde(default)]
    pub feedback: Vec<super::FeedbackRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    Suggestion,
    Evaluation,
}

/// `POST /api/feedback` and `POST /api/staff/feedback`. The edge attaches the sender; the form
/// warns against personal details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    pub kind: FeedbackKind,
    pub text: String,
}
