//! One group of a statistics report (SPEC §4.5, P6): latest and baseline band distributions,
//! reliable improvement / deterioration and recovery (NHS Talking Therapies definitions, via
//! `scoring::change_for`), all passed through `suppression` before anyone sees them.
//! Pure: the edge hands in `(baseline total, latest total)` per participant.

use crate::{
    api::StatsGroup,
    model::Instrument,
    scoring::{self, ReliableChange, Score},
    suppression::{self, Partition, SuppressionError},
};

/// A score rebuilt from a stored total (band and caseness follow from the instrument).
pub fn score_from_total(instrument: &Instrument, total: i64) -> Option<Score> {
    let band = instrument.band_for(total)?;
    Some(Score {
        instrument: instrument.id.clone(),
        version: instrument.version.clone(),
        total,
        band: band.id.clone(),
        caseness: instrument.caseness.is_some_and(|c| c.is_case(total)),
        safety: false,
        percent: instrument.scoring.percent_multiplier.map(|m| total * m),
    })
}

fn count(iter: impl Iterator<Item = bool>) -> u32 {
    iter.filter(|b| *b).count() as u32
}

/// The report group for `instrument` over participants' `(baseline, latest)` totals.
/// Totals outside the instrument's range are skipped (they cannot come from the scorer).
pub fn group(
    instrument: &Instrument,
    pairs: &[(i64, i64)],
) -> Result<StatsGroup, SuppressionError> {
    let scored: Vec<(Score, Score)> = pairs
        .iter()
        .filter_map(|&(b, l)| {
            Some((
                score_from_total(instrument, b)?,
                score_from_total(instrument, l)?,
            ))
        })
        .collect();
    let n = scored.len() as u32;
    let bands_of = |pick: fn(&(Score, Score)) -> &Score| {
        Partition::new(instrument.bands.iter().map(|band| {
            (
                band.id.clone(),
                count(scored.iter().map(|p| pick(p).band == band.id)),
            )
        }))
    };
    let changes: Vec<_> = scored
        .iter()
        .map(|(b, l)| scoring::change_for(instrument, b, l))
        .collect();
    let has_threshold = instrument.reliable_change.is_some();
    let has_caseness = instrument.caseness.is_some();
    let mut partitions = vec![bands_of(|p| &p.1), bands_of(|p| &p.0)];
    if has_threshold {
        partitions.push(Partition::new([
            (
                "improved",
                count(
                    changes
                        .iter()
                        .map(|c| c.reliable == ReliableChange::Improved),
                ),
            ),
            (
                "no_change",
                count(
                    changes
                        .iter()
                        .map(|c| c.reliable == ReliableChange::NoReliableChange),
                ),
            ),
            (
                "deteriorated",
                count(
                    changes
                        .iter()
                        .map(|c| c.reliable == ReliableChange::Deteriorated),
                ),
            ),
        ]));
    }
    if has_caseness {
        // Recovery is counted among those at caseness at baseline; the others are the
        // partition's remainder, suppressed with it where needed.
        let eligible: Vec<_> = scored
            .iter()
            .zip(&changes)
            .filter(|((b, _), _)| b.caseness)
            .collect();
        let recovered = count(eligible.iter().map(|(_, c)| c.recovered));
        let reliable = count(eligible.iter().map(|(_, c)| c.reliable_recovery));
        partitions.push(Partition::new([
            ("recovered", recovered),
            ("not_recovered", eligible.len() as u32 - recovered),
        ]));
        partitions.push(Partition::new([
            ("reliable_recovery", reliable),
            ("other", eligible.len() as u32 - reliable),
        ]));
    }
    let shown = suppression::suppress(n, &partitions)?;
    let part = |i: usize| shown.partitions.get(i);
    let outcome = has_threshold.then(|| part(2)).flatten();
    let recovery_index = if has_threshold { 3 } else { 2 };
    let recovery = has_caseness.then(|| part(recovery_index)).flatten();
    let reliable_recovery = has_caseness.then(|| part(recovery_index + 1)).flatten();
    let sum: i64 = scored.iter().map(|(_, l)| l.total).sum();
    Ok(StatsGroup {
        instrument: instrument.id.clone(),
        n: shown.n,
        bands: part(0).map(|p| p.to_map()).unwrap_or_default(),
        baseline_bands: part(1).map(|p| p.to_map()).unwrap_or_default(),
        reliable_improvement: outcome.and_then(|p| p.get("improved")),
        reliable_deterioration: outcome.and_then(|p| p.get("deteriorated")),
        recovery: recovery.and_then(|p| p.get("recovered")),
        reliable_recovery: reliable_recovery.and_then(|p| p.get("reliable_recovery")),
        mean_total: shown.n.and_then(|n| suppression::mean(sum, n)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruments;

    fn phq9() -> &'static Instrument {
        instruments::get("phq9").expect("phq9 ships")
    }

    #[test]
    fn nine_participants_show_nothing_and_ten_show_the_group() {
        let nine = group(phq9(), &[(12, 5); 9]).unwrap();
        assert_eq!(nine.n, None);
        assert!(nine.bands.values().all(Option::is_none));
        assert_eq!(nine.reliable_improvement, None);
        assert_eq!(nine.mean_total, None);
        let ten = group(phq9(), &[(12, 5); 10]).unwrap();
        assert_eq!(ten.n, Some(10));
        assert_eq!(ten.bands.get("mild"), Some(&Some(10)));
        assert_eq!(ten.bands.get("severe"), Some(&Some(0)));
        assert_eq!(ten.baseline_bands.get("moderate"), Some(&Some(10)));
        assert_eq!(ten.reliable_improvement, Some(10));
        assert_eq!(ten.reliable_deterioration, Some(0));
        assert_eq!(ten.recovery, Some(10));
        assert_eq!(ten.reliable_recovery, Some(10));
        assert_eq!(ten.mean_total, Some(5.0));
    }

    #[test]
    fn small_cells_are_suppressed_with_a_complement() {
        let mut pairs = vec![(3, 3); 12];
        pairs.push((22, 22));
        let g = group(phq9(), &pairs).unwrap();
        assert_eq!(g.n, Some(13));
        assert_eq!(g.bands.get("severe"), Some(&None));
        // One suppressed cell alone could be recovered from n: its complement is hidden too.
        assert_eq!(g.bands.values().filter(|v| v.is_none()).count(), 2);
    }

    #[test]
    fn reliable_change_uses_the_instrument_threshold() {
        // PHQ-9: a drop of 5 is not reliable, 6 is.
        let g = group(phq9(), &[(15, 10); 10]).unwrap();
        assert_eq!(g.reliable_improvement, Some(0));
        let g = group(phq9(), &[(16, 10); 10]).unwrap();
        assert_eq!(g.reliable_improvement, Some(10));
        let g = group(phq9(), &[(4, 10); 10]).unwrap();
        assert_eq!(g.reliable_deterioration, Some(10));
    }
}
