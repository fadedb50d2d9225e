//! The shipped repeat plans (`content/data/plans/*.toml`), validated at build time.

use std::sync::OnceLock;

pub use crate::model::{Plan, PlanEntry};

static JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/plans.json"));
static ALL: OnceLock<Vec<Plan>> = OnceLock::new();

/// Every shipped plan, ordered by id.
pub fn all() -> &'static [Plan] {
    ALL.get_or_init(|| {
        // Written by `build.rs` from these types after validation: cannot fail at run time.
        #[allow(clippy::expect_used)]
        serde_json::from_str(JSON).expect("plans.json is written and validated by build.rs")
    })
}

/// The plan with this id (`standard`, `checkin_daily`).
pub fn get(id: &str) -> Option<&'static Plan> {
    all().iter().find(|p| p.id == id)
}
