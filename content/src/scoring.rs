//! Scoring, severity bands, reliable change and recovery.
//!
//! The browser scores a response as it is completed and the edge re-scores it on arrival with
//! this same code (SPEC §7), so the two can never disagree. Every rule comes from the
//! instrument's data file; nothing here knows a particular instrument.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::instruments;
use crate::model::{Direction, Instrument};

/// A scored response, exactly as SPEC §5:
/// `{instrument, version, total, band, caseness, safety, percent?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Score {
    pub instrument: String,
    pub version: String,
    /// Raw total of the scored items.
    pub total: i64,
    /// Band id, e.g. `moderately_severe`.
    pub band: String,
    /// In the clinical range by the instrument's cut-off (PHQ-9 ≥ 10, GAD-7 ≥ 8, PHQ-2/GAD-2
    /// ≥ 3, WHO-5 raw < 13). Always false for instruments without one (the check-in).
    pub caseness: bool,
    /// A safety item (PHQ-9 item 9) was answered above its minimum: show crisis resources.
    pub safety: bool,
    /// `total × percent_multiplier` for instruments that report it (WHO-5); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<i64>,
}

/// Why a response cannot be scored. The edge answers these with 422; each names the item (or
/// instrument) at fault so the message can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("unknown instrument {instrument:?}")]
    UnknownInstrument { instrument: String },
    #[error("instrument {instrument} has no version {version:?} (current version: {current})")]
    UnknownVersion {
        instrument: String,
        version: String,
        current: String,
    },
    #[error("item {item:?} is not part of instrument {instrument}")]
    UnknownItem { instrument: String, item: String },
    #[error("item {item} is missing: every scored item must be answered")]
    MissingItem { item: String },
    #[error("item {item}: {value} is outside the scale {min}..={max}")]
    OutOfScale {
        item: String,
        value: i64,
        min: i64,
        max: i64,
    },
    /// Only possible with a hand-made, unvalidated instrument (shipped ones are checked).
    #[error("instrument {instrument}: total {total} falls in no band")]
    NoBand { instrument: String, total: i64 },
}

impl ScoreError {
    /// The item at fault, if the error is about one item.
    pub fn item(&self) -> Option<&str> {
        match self {
            ScoreError::UnknownItem { item, .. }
            | ScoreError::MissingItem { item }
            | ScoreError::OutOfScale { item, .. } => Some(item),
            _ => None,
        }
    }

    /// A stable machine-readable code for `ErrorBody.error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            ScoreError::UnknownInstrument { .. } => "unknown_instrument",
            ScoreError::UnknownVersion { .. } => "unknown_version",
            ScoreError::UnknownItem { .. } => "unknown_item",
            ScoreError::MissingItem { .. } => "missing_item",
            ScoreError::OutOfScale { .. } => "out_of_scale",
            ScoreError::NoBand { .. } => "no_band",
        }
    }

    /// The message for an API answer: names the field or item and the rule, and repeats
    /// nothing from the request that is not a plain name ([`crate::api::is_nameable`]) or a
    /// value of our own (the instrument, its current version and scale).
    pub fn api_message(&self) -> String {
        let named = |s: &str| crate::api::is_nameable(s).then(|| format!(" `{s}`"));
        match self {
            ScoreError::UnknownInstrument { .. } => {
                "`instrument` is not an instrument of GET /api/instruments".into()
            }
            ScoreError::UnknownVersion {
                instrument,
                current,
                ..
            } => format!(
                "`version` is not a version of instrument {instrument} (current version: {current})"
            ),
            ScoreError::UnknownItem { instrument, item } => format!(
                "`answers`: item{} is not part of instrument {instrument}",
                named(item).unwrap_or_default()
            ),
            ScoreError::MissingItem { item } => {
                format!("`answers`: item {item} is missing: every scored item must be answered")
            }
            ScoreError::OutOfScale { item, min, max, .. } => {
                format!("`answers`: item {item} must be on its scale {min}..={max}")
            }
            ScoreError::NoBand { instrument, .. } => {
                format!("instrument {instrument}: the total falls in no band")
            }
        }
    }
}

/// Scores `answers` (item id → option value) against `instrument`.
///
/// Rejects, naming the item: an answer to an item the instrument does not have, a missing
/// scored item, and a value outside an item's scale (also for unscored items, which are
/// otherwise optional). Unknown items are reported first, then items in questionnaire order.
pub fn score(
    instrument: &Instrument,
    answers: &BTreeMap<String, i64>,
) -> Result<Score, ScoreError> {
    if let Some(unknown) = answers.keys().find(|k| instrument.item(k).is_none()) {
        return Err(ScoreError::UnknownItem {
            instrument: instrument.id.clone(),
            item: unknown.clone(),
        });
    }
    let mut total = 0;
    let mut safety = false;
    for item in &instrument.items {
        let Some(&value) = answers.get(&item.id) else {
            if item.scored {
                return Err(ScoreError::MissingItem {
                    item: item.id.clone(),
                });
            }
            continue;
        };
        if value < item.min || value > item.max {
            return Err(ScoreError::OutOfScale {
                item: item.id.clone(),
                value,
                min: item.min,
                max: item.max,
            });
        }
        if item.scored {
            total += value;
        }
        if item.safety && value > item.min {
            safety = true;
        }
    }
    let band = instrument
        .band_for(total)
        .ok_or_else(|| ScoreError::NoBand {
            instrument: instrument.id.clone(),
            total,
        })?;
    Ok(Score {
        instrument: instrument.id.clone(),
        version: instrument.version.clone(),
        total,
        band: band.id.clone(),
        caseness: instrument.caseness.is_some_and(|c| c.is_case(total)),
        safety,
        percent: instrument.scoring.percent_multiplier.map(|m| total * m),
    })
}

/// Scores against a shipped instrument, checking that `version` is its current version (a
/// response answered to another wording must not be scored silently with this one).
pub fn score_by_id(
    id: &str,
    version: &str,
    answers: &BTreeMap<String, i64>,
) -> Result<Score, ScoreError> {
    let instrument = instruments::get(id).ok_or_else(|| ScoreError::UnknownInstrument {
        instrument: id.to_owned(),
    })?;
    if instrument.version != version {
        return Err(ScoreError::UnknownVersion {
            instrument: id.to_owned(),
            version: version.to_owned(),
            current: instrument.version.clone(),
        });
    }
    score(instrument, answers)
}

/// Direction of a change that exceeds the instrument's reliable-change threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReliableChange {
    /// Better by at least the threshold (lower on symptom scales, higher on WHO-5).
    Improved,
    /// Worse by at least the threshold.
    Deteriorated,
    /// The change is smaller than the threshold.
    NoReliableChange,
    /// The instrument has no established threshold (PHQ-2, GAD-2, the check-in): no claim is
    /// made either way. Kept apart from `NoReliableChange` so that staff are not told "no
    /// change" where nothing can be said.
    NotApplicable,
}

/// Change between a baseline and a latest score of the same instrument (NHS Talking Therapies
/// definitions, applied to one measure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Change {
    /// `latest.total − baseline.total` (raw points; for WHO-5 ×4 gives percentage points).
    pub delta: i64,
    pub reliable: ReliableChange,
    /// Baseline at caseness and latest below it.
    pub recovered: bool,
    /// Recovered and reliably improved.
    pub reliable_recovery: bool,
}

/// Why two scores cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("cannot compare {baseline} with {latest}: different instruments")]
    DifferentInstruments { baseline: String, latest: String },
    #[error("unknown instrument {instrument:?}")]
    UnknownInstrument { instrument: String },
}

/// Change between two scores of a shipped instrument.
pub fn change(baseline: &Score, latest: &Score) -> Result<Change, ChangeError> {
    if baseline.instrument != latest.instrument {
        return Err(ChangeError::DifferentInstruments {
            baseline: baseline.instrument.clone(),
            latest: latest.instrument.clone(),
        });
    }
    let instrument =
        instruments::get(&baseline.instrument).ok_or_else(|| ChangeError::UnknownInstrument {
            instrument: baseline.instrument.clone(),
        })?;
    Ok(change_for(instrument, baseline, latest))
}

/// Change between two scores of `instrument`: reliable when `|delta| ≥ reliable_change`,
/// improved in the instrument's good direction; recovery uses the scores' caseness.
pub fn change_for(instrument: &Instrument, baseline: &Score, latest: &Score) -> Change {
    let delta = latest.total - baseline.total;
    let reliable = match instrument.reliable_change {
        None => ReliableChange::NotApplicable,
        Some(threshold) => {
            // Positive `better` means an improvement of that many points.
            let better = match instrument.direction {
                Direction::HigherIsWorse => -delta,
                Direction::HigherIsBetter => delta,
            };
            if better >= threshold {
                ReliableChange::Improved
            } else if -better >= threshold {
                ReliableChange::Deteriorated
            } else {
                ReliableChange::NoReliableChange
            }
        }
    };
    let recovered = baseline.caseness && !latest.caseness;
    Change {
        delta,
        reliable,
        recovered,
        reliable_recovery: recovered && reliable == ReliableChange::Improved,
    }
}

/// Outcome over a depression and an anxiety measure together, as NHS Talking Therapies
/// reports it (PHQ-9 with GAD-7):
/// - reliable improvement: at least one measure reliably improved and neither deteriorated;
/// - reliable deterioration: at least one measure reliably deteriorated;
/// - recovery: at caseness on at least one measure at baseline, and below caseness on both at
///   the latest;
/// - reliable recovery: recovery with reliable improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PairedChange {
    pub reliable: ReliableChange,
    pub recovered: bool,
    pub reliable_recovery: bool,
}

/// See [`PairedChange`]. Each pair is `(baseline, latest)` of one instrument.
pub fn paired_change(
    depression: (&Score, &Score),
    anxiety: (&Score, &Score),
) -> Result<PairedChange, ChangeError> {
    let d = change(depression.0, depression.1)?;
    let a = change(anxiety.0, anxiety.1)?;
    use ReliableChange::*;
    let reliable = if d.reliable == Deteriorated || a.reliable == Deteriorated {
        Deteriorated
    } else if d.reliable == Improved || a.reliable == Improved {
        Improved
    } else if d.reliable == NotApplicable && a.reliable == NotApplicable {
        NotApplicable
    } else {
        NoReliableChange
    };
    let recovered = (depression.0.caseness || anxiety.0.caseness)
        && !depression.1.caseness
        && !anxiety.1.caseness;
    Ok(PairedChange {
        reliable,
        recovered,
        reliable_recovery: recovered && reliable == Improved,
    })
}
