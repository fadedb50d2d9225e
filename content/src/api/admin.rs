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

/// `POST /api/staff/users`: `{"action": "invite", "email", "role"}`,
/// `{"action": "deactivate", "id"}`, `{"action": "reactivate", "id"}` or
/// `{"action": "reset", "id"}`. Inviting the address of a deactivated account of the business
/// invites that account again (a new password and authenticator, through the link). A reset
/// ends the account's password, authenticator and sessions at once and answers a one-time
/// link like an invitation's, with which the person sets a new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum StaffUserRequest {
    Invite { email: String, role: StaffRole },
    Deactivate { id: String },
    Reactivate { id: String },
    Reset { id: String },
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

/// The 200 of `{"action": "reactivate"}`: the account's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Reactivated {
    pub reactivated: String,
}

/// The answer of `POST /api/staff/users`: an [`Invitation`] (201 for an invitation, 200 for a
/// reset link), [`Deactivated`] or [`Reactivated`] (200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum StaffUserChanged {
    Invited(Invitation),
    Deactivated(Deactivated),
    Reactivated(Reactivated),
}

/// `POST /api/staff/business/totp` (super users, audited): whether every account of the
/// business must have an authenticator. Switching it on needs the super user's own
/// authenticator first (409 `enrol_first`) and ends the sessions of accounts without one;
/// their next login goes through enrolment. Answers the same shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TotpPolicy {
    pub required: bool,
}

/// `GET /api/staff/me`: what is stored about the logged-in staff account, and the audit rows
/// it caused (newest first, at most 1000).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffAccountData {
    pub id: String,
    pub email: String,
    pub role: StaffRole,
    /// The account's own business; `null` for accounts bound to a programme or the deployment.
    #[serde(default)]
    pub business: Option<BusinessRef>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; `null` before the first login.
    #[serde(default)]
    pub last_login: Option<String>,
    pub totp: bool,
    pub audit: Vec<AuditEntry>,
}

/// `POST /api/staff/business` (super users): the details patients see where consent is asked
/// and in the privacy notice. Answers [`BusinessView`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessDetails {
    /// Display name, 1–120 characters.
    pub name: String,
    /// Contact for patients (phone or e-mail), 1–120 characters.
    pub contact: String,
    /// Postal address, 1–300 characters.
    pub address: String,
    /// Optional web address: `https://`, at most 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

impl BusinessDetails {
    /// Each field trimmed and within its limits; the field and the rule for a 422, never the
    /// value.
    pub fn check(self) -> Result<BusinessDetails, String> {
        let field = |name: &str, value: &str, max: usize| {
            let value = value.trim();
            if value.is_empty()
                || value.chars().count() > max
                || value.chars().any(char::is_control)
            {
                Err(format!("{name} must be 1–{max} characters of text"))
            } else {
                Ok(value.to_string())
            }
        };
        let web = match self.web.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(w) => {
                let w = field("web", w, 200)?;
                if !w.starts_with("https://") || w.contains(char::is_whitespace) || w.len() <= 8 {
                    return Err("web must be an https:// address".into());
                }
                Some(w)
            }
        };
        Ok(BusinessDetails {
            name: field("name", &self.name, 120)?,
            contact: field("contact", &self.contact, 120)?,
            address: field("address", &self.address, 300)?,
            web,
        })
    }
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
    /// `staff_invited:<role>:<e-mail>`, `staff_deactivated:<e-mail>`,
    /// `staff_reactivated:<e-mail>`, `staff_reset:<e-mail>` (the account concerned; the address
    /// of a deleted account reads `deleted account`); `totp_enrolment_started`, `totp_enabled`,
    /// `totp_disabled` (the actor's own account); `totp_required:on|off` (the business).
    /// A row caused by an account that was since deleted has `staff_id` `deleted` and an empty
    /// `staff_email`.
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

/// `POST /api/dev/seed`: with `programme`, the new business joins the programme of that name
/// (made on first use) and the seed adds the programme's tool manager; `{}` (or no body) makes
/// a business of its own programme, as before.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DevSeedRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
}

impl DevSeedRequest {
    /// The programme's name, trimmed; 1–200 characters.
    pub fn programme_name(&self) -> Result<Option<String>, &'static str> {
        match self.programme.as_deref().map(str::trim) {
            None => Ok(None),
            Some(n) if n.is_empty() || n.chars().count() > 200 => {
                Err("`programme` must be a name of 1 to 200 characters")
            }
            Some(n) => Ok(Some(n.to_string())),
        }
    }
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
    /// At least 3 unused vouchers (`XXXX-XXXX-XXXX-X`), each redeemable once for a private code.
    #[serde(default)]
    pub vouchers: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(name: &str, contact: &str, address: &str, web: Option<&str>) -> BusinessDetails {
        BusinessDetails {
            name: name.into(),
            contact: contact.into(),
            address: address.into(),
            web: web.map(Into::into),
        }
    }

    #[test]
    fn business_details_are_trimmed_and_bounded_and_errors_never_echo_the_value() {
        let ok = details(
            " Fjordbyen DPS ",
            "22 00 00 00",
            "Postboks 1, 0001 Oslo",
            Some(" "),
        )
        .check()
        .expect("valid");
        assert_eq!(ok.name, "Fjordbyen DPS");
        assert_eq!(ok.web, None);
        let long = "x".repeat(121);
        for (bad, rule) in [
            (details("", "c", "a", None), "name must be 1–120"),
            (details(&long, "c", "a", None), "name must be 1–120"),
            (details("n", "c\u{7}", "a", None), "contact must be"),
            (
                details("n", "c", &"y".repeat(301), None),
                "address must be 1–300",
            ),
            (
                details("n", "c", "a", Some("http://x.no")),
                "web must be an https://",
            ),
            (
                details("n", "c", "a", Some("https://")),
                "web must be an https://",
            ),
            (
                details("n", "c", "a", Some("https://a b.no")),
                "web must be an https://",
            ),
        ] {
            let err = bad.check().expect_err(rule);
            assert!(err.starts_with(rule), "{err}");
            assert!(!err.contains("xxx") && !err.contains("yyy"), "{err}");
        }
        assert_eq!(
            details("n", "c", "a", Some("https://fjordbyen.no"))
                .check()
                .unwrap()
                .web
                .as_deref(),
            Some("https://fjordbyen.no")
        );
    }
}
