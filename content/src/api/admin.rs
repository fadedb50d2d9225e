//! The super user's side (staff accounts, audit log) and the dev-only endpoints.

use serde::{Deserialize, Serialize};

use super::{BusinessRef, StaffRole};

// --- Super user ----------------------------------------------------------------------------

/// One staff account (`GET /api/staff/users`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffUser {
    pub id: String,
    pub email: String,
    pub role: StaffRole,
    pub active: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffUsers {
    pub users: Vec<StaffUser>,
}

/// `POST /api/staff/users`: `{"action": "invite", "email", "role"}` or
/// `{"action": "deactivate", "id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum StaffUserRequest {
    Invite { email: String, role: StaffRole },
    Deactivate { id: String },
}

/// The 200 of an invite: a one-time token for the invite link, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Invitation {
    pub id: String,
    pub invite_token: String,
    pub expires_at: String,
}

/// The 200 of `{"action": "deactivate"}`: the account's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Deactivated {
    pub deactivated: String,
}

/// The answer of `POST /api/staff/users`: an [`Invitation`] (201) or [`Deactivated`] (200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum StaffUserChanged {
    Invited(Invitation),
    Deactivated(Deactivated),
}

/// One audit-log entry (`GET /api/staff/audit`, P7): every individual read and every
/// administrative change of the business. `staff_*` is who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub at: String,
    pub staff_id: String,
    pub staff_email: String,
    /// Reference of the participant whose data was read; empty (`""`, never `null`) for a row
    /// about no participant: issuing codes and administrative changes.
    pub participant: String,
    /// What was done: `read_participant`, `send_assignment`; `issue_codes:<n>`;
    /// `staff_invited:<role>:<e-mail>`, `staff_deactivated:<e-mail>` (the account concerned);
    /// `totp_enrolment_started`, `totp_enabled`, `totp_disabled` (the actor's own account).
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
}

// --- Development only (404 in production) --------------------------------------------------

/// `POST /api/dev/clock`: move the edge's clock to `now` (RFC 3339); `null` returns to the real
/// clock. The field must be present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DevClock {
    #[serde(deserialize_with = "present_option")]
    pub now: Option<String>,
}

fn present_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

/// The 200 of `POST /api/dev/clock`: the edge clock now (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClockState {
    pub now: String,
}

/// A staff account created by the seed, with its clear-text password (dev only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SeedStaff {
    pub email: String,
    pub password: String,
    pub role: StaffRole,
}

/// The 200 of `POST /api/dev/retention` (and what the daily cron job did).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RetentionRun {
    pub codes_erased: usize,
}

/// The 200 of `POST /api/dev/seed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DevSeed {
    pub business: BusinessRef,
    pub staff: Vec<SeedStaff>,
    /// At least 10 unused codes, `XXXX-XXXX-XXXX-X`.
    pub codes: Vec<String>,
}
