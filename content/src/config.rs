//! The deployment this build is configured for (`crate::deployment`), checked by `build.rs`
//! and embedded as JSON.

use crate::deployment::Deployment;
use std::sync::OnceLock;

static JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/deployment.json"));
static PARSED: OnceLock<Deployment> = OnceLock::new();

pub fn get() -> &'static Deployment {
    PARSED.get_or_init(|| {
        // Written by `build.rs` from these very types after `deployment::check`: a failure
        // would mean a broken build, not bad input.
        #[allow(clippy::expect_used)]
        serde_json::from_str(JSON).expect("deployment.json is written and checked by build.rs")
    })
}
