//! Floor 3, the handlers: one module per concern, every handler an
//! `async fn(Ctx) -> Result<Response, ApiError>` and thin: authenticate → parse the body
//! (`ground::bodies`) → pure rule from `content` → record functions → respond. Handlers import
//! the ground and the records, never another handler; what two handlers share is a record or
//! a `content` rule. The route table (`crate::routes`) is the only thing above them.

pub mod consent;
pub mod dev;
pub mod feedback;
pub mod health;
pub mod instruments;
pub mod me;
pub mod private_access;
pub mod registrations;
pub mod session;
pub mod staff;
pub mod staff_account;
pub mod staff_admin;
pub mod staff_participants;
pub mod staff_stats;
pub mod staff_totp;
