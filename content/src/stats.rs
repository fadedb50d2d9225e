//! One group of a statistics report (SPEC §4.5, P6): latest and baseline band distributions,
//! reliable improvement / deterioration and recovery (NHS Talking Therapies definitions, via
//! `scoring::change_for`), all passed through `suppression` before anyone sees them.
//! Pure: the edge hands in `(baseline total, latest total)` per participant.

use crate::{
    api::{ParticipantCounts, StatsGroup},
    differencing::{self, Raw, Report},
    instruments,
    model::Instrument,
    scoring::{self, ReliableChange, Score},
    suppression::{self, Partition, Suppressed, SuppressionError},
};
use std::{
    collections::{BTreeMap, BTreeSet},
    ops::Range,
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

/// The inputs of one group before suppression: `n`, its partitions (latest bands, baseline
/// bands, then the outcome and recovery partitions the instrument has) and the sum of the
/// latest totals (for the mean).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub n: u32,
    pub partitions: Vec<Partition>,
    pub sum: i64,
}

/// The partitions of the group for `instrument` over participants' `(baseline, latest)`
/// totals. Totals outside the instrument's range are skipped (they cannot come from the scorer).
pub fn inputs(instrument: &Instrument, pairs: &[(i64, i64)]) -> Inputs {
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
    let mut partitions = vec![bands_of(|p| &p.1), bands_of(|p| &p.0)];
    if instrument.reliable_change.is_some() {
        let of = |r: ReliableChange| count(changes.iter().map(|c| c.reliable == r));
        partitions.push(Partition::new([
            ("improved", of(ReliableChange::Improved)),
            ("no_change", of(ReliableChange::NoReliableChange)),
            ("deteriorated", of(ReliableChange::Deteriorated)),
        ]));
    }
    if instrument.caseness.is_some() {
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
    Inputs {
        n,
        partitions,
        sum: scored.iter().map(|(_, l)| l.total).sum(),
    }
}

/// The published group from the suppressed partitions of [`inputs`] (in the same order).
pub fn render(instrument: &Instrument, shown: &Suppressed, sum: i64) -> StatsGroup {
    let has_threshold = instrument.reliable_change.is_some();
    let has_caseness = instrument.caseness.is_some();
    let part = |i: usize| shown.partitions.get(i);
    let outcome = has_threshold.then(|| part(2)).flatten();
    let recovery_index = if has_threshold { 3 } else { 2 };
    let recovery = has_caseness.then(|| part(recovery_index)).flatten();
    let reliable_recovery = has_caseness.then(|| part(recovery_index + 1)).flatten();
    StatsGroup {
        instrument: instrument.id.clone(),
        n: shown.n,
        bands: part(0).map(|p| p.to_map()).unwrap_or_default(),
        baseline_bands: part(1).map(|p| p.to_map()).unwrap_or_default(),
        reliable_improvement: outcome.and_then(|p| p.get("improved")),
        reliable_deterioration: outcome.and_then(|p| p.get("deteriorated")),
        recovery: recovery.and_then(|p| p.get("recovered")),
        reliable_recovery: reliable_recovery.and_then(|p| p.get("reliable_recovery")),
        mean_total: shown.n.and_then(|n| suppression::mean(sum, n)),
    }
}

/// The report group for `instrument` over participants' `(baseline, latest)` totals, suppressed
/// on its own (no other report taken into account; see `differencing` for that).
pub fn group(
    instrument: &Instrument,
    pairs: &[(i64, i64)],
) -> Result<StatsGroup, SuppressionError> {
    let i = inputs(instrument, pairs);
    let shown = suppression::suppress(i.n, &i.partitions)?;
    Ok(render(instrument, &shown, i.sum))
}

/// A participant's latest total of an instrument in one month of a report's period, with their
/// first-ever total (the statistics tables' rows, as the edge reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    /// Index into the report's businesses.
    pub business: usize,
    pub participant: String,
    pub instrument: String,
    /// 0-based month of the period (0 for a month report, 0–2 in a quarter).
    pub month: usize,
    pub latest: i64,
    pub baseline: i64,
}

/// Everything one report needs, for its businesses over the months of its period.
#[derive(Debug, Clone, Copy)]
pub struct ReportInputs<'a> {
    /// How many businesses the report covers (1 unless a programme).
    pub businesses: usize,
    /// 1 for a month, 3 for a quarter.
    pub months: usize,
    /// Whether the report is the programme's (all businesses together, a tool manager's) or
    /// the one business's.
    pub programme: bool,
    pub rows: &'a [MonthRow],
    /// Codes issued, `[business][month]`.
    pub issued: &'a [Vec<u32>],
    /// Participants consenting at the period's end, `[business]`.
    pub consenting: &'a [u32],
}

/// The report, published so that it cannot be differenced against any report it contains
/// (`differencing`): the programme against its businesses, a quarter against its months.
pub fn report(
    inputs: &ReportInputs<'_>,
) -> Result<(ParticipantCounts, Vec<StatsGroup>), SuppressionError> {
    let months = inputs.months.max(1);
    let every = 0..months;
    let within = |r: &MonthRow, scope: Option<usize>, span: &Range<usize>| {
        span.contains(&r.month) && scope.is_none_or(|b| r.business == b)
    };
    let requested_scope = if inputs.programme { None } else { Some(0) };
    let mut groups = Vec::new();
    for instrument in instruments::all() {
        let rows: Vec<&MonthRow> = inputs
            .rows
            .iter()
            .filter(|r| r.instrument == instrument.id)
            .collect();
        if !rows.iter().any(|r| within(r, requested_scope, &every)) {
            continue;
        }
        let make = |scope: Option<usize>, span: Range<usize>| {
            let i = inputs_of(instrument, &rows, |r| within(r, scope, &span));
            Raw {
                n: i.n,
                partitions: i.partitions,
            }
        };
        let family = family(inputs, months, false, &make);
        let shown = differencing::publish(&family)?;
        let requested = inputs_of(instrument, &rows, |r| within(r, requested_scope, &every));
        if let Some(last) = shown.last() {
            groups.push(render(instrument, last, requested.sum));
        }
    }
    let active = |scope: Option<usize>, span: Range<usize>| Raw {
        n: inputs
            .rows
            .iter()
            .filter(|r| within(r, scope, &span))
            .map(|r| r.participant.as_str())
            .collect::<BTreeSet<_>>()
            .len() as u32,
        partitions: Vec::new(),
    };
    let issued = |scope: Option<usize>, span: Range<usize>| Raw {
        n: inputs
            .issued
            .iter()
            .enumerate()
            .filter(|(b, _)| scope.is_none_or(|s| s == *b))
            .flat_map(|(_, m)| m.iter().enumerate().filter(|(j, _)| span.contains(j)))
            .map(|(_, c)| *c)
            .sum(),
        partitions: Vec::new(),
    };
    // Consent is counted at the period's end, the same instant for a quarter and its last
    // month: one level only.
    let consenting = |scope: Option<usize>, _: Range<usize>| Raw {
        n: inputs
            .consenting
            .iter()
            .enumerate()
            .filter(|(b, _)| scope.is_none_or(|s| s == *b))
            .map(|(_, c)| *c)
            .sum(),
        partitions: Vec::new(),
    };
    let count = |family: Vec<Report>| -> Result<Option<u32>, SuppressionError> {
        Ok(differencing::publish(&family)?.last().and_then(|s| s.n))
    };
    let participants = ParticipantCounts {
        issued: count(family(inputs, months, true, &issued))?,
        active: count(family(inputs, months, false, &active))?,
        consenting: count(family(inputs, 1, false, &consenting))?,
    };
    Ok((participants, groups))
}

fn inputs_of(
    instrument: &Instrument,
    rows: &[&MonthRow],
    keep: impl Fn(&MonthRow) -> bool,
) -> Inputs {
    // Per participant: the latest month's total in the span, and the baseline.
    let mut latest: BTreeMap<&str, (usize, i64, i64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| keep(r)) {
        let e = latest
            .entry(r.participant.as_str())
            .or_insert((r.month, r.latest, r.baseline));
        if r.month >= e.0 {
            *e = (r.month, r.latest, r.baseline);
        }
    }
    let pairs: Vec<(i64, i64)> = latest.values().map(|&(_, l, b)| (b, l)).collect();
    inputs(instrument, &pairs)
}

/// The reports one account can reach for this report, in the order `differencing::publish`
/// needs: every business's months, the programme's months, every business's quarter, the
/// programme's quarter; the last is the one asked for. `sums`: the quarter's count is the sum
/// of its months' (codes issued) rather than their union (participants).
fn family(
    inputs: &ReportInputs<'_>,
    months: usize,
    sums: bool,
    make: &dyn Fn(Option<usize>, Range<usize>) -> Raw,
) -> Vec<Report> {
    let businesses = inputs.businesses.max(1);
    let programme = inputs.programme;
    let mut reports = Vec::new();
    // month_index[j][b]: business b's month j; programme_month[j]: the programme's month j.
    let mut month_index = vec![vec![0; businesses]; months];
    let mut programme_month = vec![0; months];
    for (j, row) in month_index.iter_mut().enumerate() {
        for (b, slot) in row.iter_mut().enumerate() {
            *slot = reports.len();
            reports.push(Report {
                raw: make(Some(b), j..j + 1),
                ..Report::default()
            });
        }
        if programme {
            programme_month[j] = reports.len();
            reports.push(Report {
                raw: make(None, j..j + 1),
                parts: row.clone(),
                checks: Vec::new(),
            });
        }
    }
    if months == 1 {
        if !programme {
            reports.truncate(1);
        }
        return reports;
    }
    let mut quarter_index = vec![0; businesses];
    for b in 0..businesses {
        let own_months: Vec<usize> = (0..months).map(|j| month_index[j][b]).collect();
        quarter_index[b] = reports.len();
        reports.push(if sums {
            Report {
                raw: make(Some(b), 0..months),
                parts: own_months,
                checks: Vec::new(),
            }
        } else {
            Report {
                raw: make(Some(b), 0..months),
                parts: Vec::new(),
                checks: vec![vec![own_months]],
            }
        });
    }
    if !programme {
        // One business: its months, then its quarter (asked for, last).
        let keep: Vec<Report> = (0..months)
            .map(|j| reports[month_index[j][0]].clone())
            .collect();
        let mut quarter = reports[quarter_index[0]].clone();
        quarter.parts = if sums {
            (0..months).collect()
        } else {
            Vec::new()
        };
        quarter.checks = if sums {
            Vec::new()
        } else {
            vec![vec![(0..months).collect()]]
        };
        let mut out = keep;
        out.push(quarter);
        return out;
    }
    let per_business: Vec<Vec<usize>> = (0..businesses)
        .map(|b| {
            let mut block = vec![quarter_index[b]];
            block.extend((0..months).map(|j| month_index[j][b]));
            block
        })
        .collect();
    let checks = if sums {
        // Months are disjoint: any of them may be subtracted together.
        vec![
            per_business
                .iter()
                .flatten()
                .chain(&programme_month)
                .map(|&i| vec![i])
                .collect(),
        ]
    } else {
        vec![per_business, vec![programme_month.clone()]]
    };
    reports.push(Report {
        raw: make(None, 0..months),
        parts: quarter_index,
        checks,
    });
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruments;

    fn phq9() -> &'static Instrument {
        instruments::get("phq9").expect("phq9 ships")
    }

    #[test]
    fn a_rebuilt_who5_score_carries_its_percent() {
        // WHO-5 reports total × 4 as a percentage; a stored total must rebuild the same.
        let who5 = instruments::get("who5").expect("who5 ships");
        assert_eq!(score_from_total(who5, 13).and_then(|s| s.percent), Some(52));
        assert_eq!(score_from_total(phq9(), 13).and_then(|s| s.percent), None);
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
