//! What a result page says under a score, as a rule: which sentences, never their wording.
//! The one place that decides that a person who answered a safety item above 0 is never told
//! that their score is below the level where help is offered (SPEC §3.6).

use crate::model::{Caseness, Instrument};
use crate::scoring::Score;

/// One line of advice under a result, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// A safety item was answered above 0: crisis resources are on screen; the page says that
    /// help is there now, whatever the total.
    SafetyFirst,
    /// A symptom score at or above the cut-off where help is usually offered.
    AtOrAboveCutoff,
    /// A symptom score below that cut-off. Never given together with `SafetyFirst`.
    BelowCutoff,
    /// Wellbeing below the cut-off (WHO-5 raw < 13): low wellbeing; a PHQ-9 gives a fuller
    /// picture.
    LowWellbeing,
    /// Wellbeing at or above the cut-off.
    GoodWellbeing,
    /// Moderately severe or severe symptoms: contact your GP (fastlege) soon.
    ContactGpSoon,
}

/// Bands where a person should contact their GP soon, whatever else the page says.
pub const CONTACT_SOON_BANDS: [&str; 2] = ["moderately_severe", "severe"];

pub fn advice(instrument: &Instrument, score: &Score) -> Vec<Advice> {
    let mut out = Vec::new();
    if score.safety {
        out.push(Advice::SafetyFirst);
    }
    match instrument.caseness {
        Some(Caseness::AtLeast(_)) if score.caseness => out.push(Advice::AtOrAboveCutoff),
        Some(Caseness::AtLeast(_)) if !score.safety => out.push(Advice::BelowCutoff),
        Some(Caseness::Below(_)) if score.caseness => out.push(Advice::LowWellbeing),
        Some(Caseness::Below(_)) => out.push(Advice::GoodWellbeing),
        _ => {}
    }
    if CONTACT_SOON_BANDS.contains(&score.band.as_str()) {
        out.push(Advice::ContactGpSoon);
    }
    out
}

/// The safety flag's rule, stated once: a participant is flagged when any stored response
/// answered a safety item above its minimum (the score's `safety`), and the flag carries the
/// day of the latest such response, so a months-old answer is seen for what it is. `responses`
/// are `(completed_ms, safety)`; `None` when none was flagged.
pub fn safety_day(responses: impl IntoIterator<Item = (i64, bool)>) -> Option<String> {
    responses
        .into_iter()
        .filter(|(_, safety)| *safety)
        .map(|(at, _)| at)
        .max()
        .map(crate::dates::local_day)
}
