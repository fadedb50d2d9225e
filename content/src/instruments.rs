//! The shipped instruments (`content/data/instruments/*.toml`), validated at build time.

use std::sync::OnceLock;

pub use crate::model::{
    AnswerOption, Band, Caseness, Direction, Instrument, Item, Scoring, ScoringRule, Translation,
    TranslationStatus,
};

static JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/instruments.json"));
static ALL: OnceLock<Vec<Instrument>> = OnceLock::new();

/// Every shipped instrument at its current version, ordered by id.
pub fn all() -> &'static [Instrument] {
    ALL.get_or_init(|| {
        // The JSON was produced by `build.rs` from these very types after validation, so it
        // cannot fail to parse; a failure would mean a broken build, not bad input.
        #[allow(clippy::expect_used)]
        serde_json::from_str(JSON).expect("instruments.json is written and validated by build.rs")
    })
}

/// The instrument with this id (`phq9`, `gad7`, `phq2`, `gad2`, `who5`, `checkin`).
pub fn get(id: &str) -> Option<&'static Instrument> {
    all().iter().find(|i| i.id == id)
}
