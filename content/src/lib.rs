//! Shared by the app (wasm32 in the browser) and the edge (wasm32 in workerd), and tested natively.
//! Nothing here may import `leptos`, `web_sys` or `worker`.
//!
//! Layout:
//! - [`i18n`]: `Lang` and bilingual `Text`.
//! - [`model`]: the content data model (instruments, tools, plans).
//! - [`pages`]: the app pages that text may name, with their one name per language.
//! - [`deployment`]: the deployment configuration's types and rules; [`config`]: this build's
//!   configuration (from `content/data/deployment/`, checked by `build.rs`).
//! - [`storage`]: every cookie and browser-storage key, with purpose and lifetime.
//! - [`notice`]: the privacy notices, generated from the configuration and the constants.
//! - [`instruments`], [`tools`], [`plans`]: the shipped content, validated by `build.rs` from
//!   `content/data/*/*.toml` and embedded as JSON (parsed lazily, once).
//! - [`validate`]: the content rules `build.rs` enforces (also usable on any parsed content).
//! - [`scoring`]: scores, severity bands, reliable change and recovery.
//! - [`advice`]: which sentences a result page shows under a score (safety first).
//! - [`code`]: the access-code format (Crockford base 32 + Damm check symbol) and the
//!   device-link code.
//! - [`encoding`]: hex and base64url (no padding), strict both ways.
//! - `keyed` (feature `keyed`, edge and operator tool only): HMAC-SHA256 and the invite hash.
//! - `stripe` (feature `keyed`): Stripe's webhook signature scheme and the form of the one
//!   Checkout Session request (card purchase of private access).
//! - [`api`]: request and response types of the `/api` contract.
//! - [`fhir`]: FHIR R4 Questionnaire, QuestionnaireResponse, Observation and Bundle.
//! - [`headers`]: security headers for API responses and the static assets' `_headers` file.
//! - [`origin`]: what an unsafe request must show about where it comes from; the one JSON
//!   content type.
//! - [`time`]: RFC 3339 and calendar arithmetic on epoch milliseconds (no clock is read).
//! - [`dates`]: dates and times as people read them (nb/en, Europe/Oslo): the one formatter.
//! - [`consent`]: the consent timeline as a pure state machine (renewal, lapse, access).
//! - [`suppression`]: k-anonymous suppression of group statistics; [`differencing`]: across
//!   the reports one account can request (programme, businesses, quarter, months).
//! - [`retention`]: every time limit: retention, and the lifetimes of sessions, links, pending
//!   codes and invitations.
//! - [`private`]: private access (vouchers, card purchase): what is stored of the time of issue.
//! - [`due`]: what a repeat plan makes due.
//! - [`caseload`]: the staff overview over per-participant summaries: search, filters, order,
//!   paging, consent evaluated now.
//! - [`throttle`]: the abuse limits: login windows per source and account, the authenticator's
//!   growing delay.
//!
//! `src/source.rs` (TOML reading) is deliberately not a module of this crate: `toml` must stay
//! out of the browser bundle. `build.rs` and the fixture tests include it by path.

pub mod advice;
pub mod api;
pub mod caseload;
pub mod code;
pub mod config;
pub mod consent;
pub mod dates;
pub mod deployment;
pub mod differencing;
pub mod due;
pub mod encoding;
pub mod fhir;
pub mod headers;
pub mod i18n;
pub mod instruments;
#[cfg(feature = "keyed")]
pub mod keyed;
pub mod model;
pub mod notice;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod origin;
pub mod pages;
pub mod plans;
pub mod private;
pub mod retention;
#[cfg(test)]
mod rust_literal;
pub mod scoring;
pub mod stats;
pub mod storage;
#[cfg(feature = "keyed")]
pub mod stripe;
pub mod suppression;
pub mod throttle;
pub mod time;
pub mod tools;
pub mod validate;

pub use i18n::{Lang, Text};
