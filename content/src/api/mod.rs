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

mod admin;
mod common;
mod endpoint;
pub mod endpoints;
mod feedback;
mod me;
mod purchase;
mod staff;

pub use admin::*;
pub use common::*;
pub use feedback::*;
pub use me::*;
pub use purchase::*;
pub use staff::*;

/// Bumped with every D1 migration; reported by `GET /api/health`.
pub const SCHEMA_VERSION: u32 = 12;

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

/// Whether a name taken from a request may be repeated in an error message: 1–40 ASCII
/// letters, digits, `_`, `.` and `-`, enough for every field, item and id of the contract and
/// too little to carry markup or a message. Anything else is described, never echoed.
pub fn is_nameable(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}
