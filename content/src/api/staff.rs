//! The professional's side: staff login, codes, participants, assignments and statistics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AssignmentKind, ConsentState, ConsentView, InboxItem, StepProgress, StoredResponse};
use crate::scoring::ReliableChange;

// --- Staff login ---------------------------------------------------------------------------

/// `POST /api/staff/prelogin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffPrelogin {
    pub email: String,
}

/// The key-derivation function the browser runs before staff login. Only Argon2id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Kdf {
    #[default]
    Argon2id,
}

/// The 200 of `POST /api/staff/prelogin`: `{kdf: "argon2id", m_kib, t, p, salt}`. For an
/// unknown e-mail the edge returns a deterministic fake salt with the same defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffLogin {
    pub email: String,
    pub password_hash: String,
    /// Six-digit TOTP, for accounts that have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Professional,
    /// A professional who also manages the business's staff and reads its audit log.
    SuperUser,
    /// Aggregated statistics across a set of businesses; nothing individual.
    ToolManager,
    /// The feedback desk of the deployment (no business): reads and handles feedback.
    Support,
}

/// A business as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BusinessRef {
    pub id: String,
    pub name: String,
}

/// The 200 of `POST /api/staff/session` (and `GET` of the same path): who is logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffSession {
    pub email: String,
    pub role: StaffRole,
    /// The businesses whose data this account may see: one for professionals and super users,
    /// the programme's businesses for tool managers.
    pub businesses: Vec<BusinessRef>,
    /// Whether the account has an authenticator (TOTP) switched on.
    #[serde(default)]
    pub totp: bool,
    /// Whether the account's business requires an authenticator for all its staff.
    #[serde(default)]
    pub totp_required: bool,
}

/// `POST /api/staff/invite/info`: the token from an invitation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteToken {
    pub invite_token: String,
}

/// The 200 of `POST /api/staff/invite/info`: the invited e-mail and the Argon2id parameters
/// (`{email, kdf, m_kib, t, p, salt}`), so the browser can hash the new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InviteInfo {
    pub email: String,
    #[serde(flatten)]
    pub params: PreloginParams,
}

/// `POST /api/staff/invite/accept`: sets the password and logs in (answers [`StaffSession`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvite {
    pub invite_token: String,
    /// The browser's Argon2id output (base64url), 32–128 characters.
    pub password_hash: String,
}

/// The 200 of `POST /api/staff/totp`: a new secret, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TotpEnrolment {
    /// Base32, for typing into an authenticator app.
    pub secret: String,
    /// `otpauth://` URI, for apps that take a link or a QR code.
    pub uri: String,
}

/// `POST /api/staff/totp` and `POST /api/staff/totp/disable`: re-authentication before the
/// second factor changes. `password_hash` is the browser's Argon2id output as at login (the
/// salt from `POST /api/staff/prelogin`); `totp` a current code of the authenticator, needed
/// while TOTP is on. A wrong password or code is one 422 `reauth_failed`, counted on the
/// account's throttle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TotpReauth {
    pub password_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<String>,
}

/// `POST /api/staff/totp/confirm`: six digits from the authenticator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TotpCode {
    pub totp: String,
}

/// The 200 of `POST /api/staff/totp/confirm` and `/disable`: whether TOTP is now on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TotpStatus {
    pub totp: bool,
}

// --- Staff: codes, participants, assignments ---------------------------------------------

/// `POST /api/staff/codes`: issue `count` codes (1–500, else 422), optionally bound to a tool
/// and a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

    /// Checks the count and that the tool and plan exist, with a message for a 422 that names
    /// the field and the rule (never the value sent).
    pub fn check(&self) -> Result<(), String> {
        if !(1..=Self::MAX).contains(&self.count) {
            return Err(format!("`count` must be 1–{}", Self::MAX));
        }
        if let Some(tool) = &self.tool
            && crate::tools::get(tool).is_none()
        {
            return Err("`tool` is not a tool of this deployment".into());
        }
        if let Some(plan) = &self.plan
            && crate::plans::get(plan).is_none()
        {
            return Err("`plan` is not a plan of this deployment".into());
        }
        Ok(())
    }
}

/// The 200 of `POST /api/staff/codes`: the codes as `XXXX-XXXX-XXXX-X`, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct IssuedCodes {
    pub codes: Vec<String>,
}

/// The latest score of one instrument in the overview (consenting participants only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Flags {
    /// A safety item (PHQ-9 item 9) was ever answered above 0 ([`crate::advice::safety_day`]).
    pub safety: bool,
    /// The day (`YYYY-MM-DD`, deployment time zone) of the latest such answer; `null` when none.
    #[serde(default)]
    pub safety_on: Option<String>,
}

/// One participant in `GET /api/staff/participants`. `latest` and `flags` have a value only
/// while consent is `granted` (P5); otherwise they are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Deletion {
    pub reference: String,
    /// `YYYY-MM-DD`.
    pub deleted_at: String,
}

/// What stays of a participant who changed code and chose to stop sharing with the business:
/// the old reference and the day, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CodeChange {
    pub reference: String,
    /// RFC 3339.
    pub changed_at: String,
}

/// `GET /api/staff/participants`.
/// `GET /api/staff/participants`: one page of the caseload ([`crate::caseload`]). The SPEC §6
/// shape (`participants`, `deletions`) plus where the page lies in the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ParticipantsList {
    /// The participants of this page, in the order asked for.
    pub participants: Vec<ParticipantRow>,
    /// Deletion registrations matching the search, newest first (a page of them with
    /// `filter=deleted`, where `participants` is empty).
    pub deletions: Vec<Deletion>,
    /// Old references of participants who left the business with a code change, newest first.
    #[serde(default)]
    pub code_changes: Vec<CodeChange>,
    /// How many participants (with `filter=deleted`: deletion registrations) match the search
    /// and the filter, on every page together.
    #[serde(default)]
    pub total: u32,
    /// This page, from 1.
    #[serde(default)]
    pub page: u32,
    /// At most this many rows a page.
    #[serde(default)]
    pub per_page: u32,
}

/// Which participants the caseload lists (`filter` of `GET /api/staff/participants`). Every
/// filter but `deleted` looks only at participants who share now: whether someone is flagged
/// or due is individual data (P5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadFilter {
    /// Consent `granted` now.
    Sharing,
    /// Sharing, with the safety flag.
    Flagged,
    /// Sharing, with a questionnaire of their repeat plan due today or earlier.
    Due,
    /// The deletion registrations instead of participants.
    Deleted,
}

/// The order of the caseload (`sort` of `GET /api/staff/participants`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadSort {
    /// Newest code first (the default).
    #[default]
    Issued,
    /// Most recently active first; never logged in last.
    LastActive,
    /// Most severe latest band first (sharing participants only; the rest after them).
    Band,
}

/// `GET /api/staff/participants/{id}` (consent `granted` only; audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    /// Registrations the user removed, oldest first: when each was from and when it went,
    /// never what it held.
    pub removals: Vec<Removal>,
}

/// "A registration from DATE was removed by the user" (`ParticipantDetail.removals`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Removal {
    /// When the removed registration was completed (RFC 3339).
    pub completed_at: String,
    pub removed_at: String,
}

/// `POST /api/staff/participants/{id}/assignments`: send a tool (or one part) or a
/// questionnaire. `content` needs `tool` (and optionally `part`); `questionnaire` needs
/// `instrument`. Answers [`Stored`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Stats {
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: String,
    /// Participants issued, active and consenting in the period (suppressed below 10).
    pub participants: ParticipantCounts,
    pub groups: Vec<StatsGroup>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ParticipantCounts {
    pub issued: Option<u32>,
    pub active: Option<u32>,
    pub consenting: Option<u32>,
}

/// One instrument's group in a period. When `n` is `null` (fewer than 10 participants) every
/// other count is `null` too; a band count is `null` when suppressed (1–9, or complementary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
