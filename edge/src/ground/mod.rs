//! Floor 1, the ground: what every request stands on, and nothing of this crate above it. The
//! request context and env access (`ctx`), the one error enum (`error`) and its HTTP form
//! (`http`), the security headers, D1 binding helpers, keyed hashes and randomness (`crypto`),
//! the edge clock, the pure TOTP code, the one outbound call (Stripe's Checkout, `stripe`), and every request body parsed by one pure function
//! (`bodies`). Imports only `content`, `worker` and other ground modules (never in a circle).

pub mod bodies;
pub mod clock;
pub mod crypto;
pub mod ctx;
pub mod db;
pub mod error;
pub mod headers;
pub mod http;
pub mod stripe;
pub mod totp;
