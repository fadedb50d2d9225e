//! Statistics that cannot be differenced (SPEC P6): whatever set of reports one account can
//! request — a programme and each of its businesses, a quarter and each of its months — no sum
//! or difference of what they show reveals a count of 1 … K − 1 participants.
//!
//! # The rule: containers yield
//!
//! Reports nest. A programme's group in a period is the disjoint union of its businesses'
//! groups in that period; a quarter's group contains the group of each of its months. A report
//! that contains no other reachable report (a business's month) is published exactly as
//! `suppression` publishes it alone. A *container* may show a value only where that adds no
//! small count to what its contained reports already show:
//!
//! 1. **Exact covers (a programme over its businesses, one period).** Let G be the businesses
//!    whose group is shown and R (the *rest*) the union of the others. A programme value is
//!    shown only if every business of G shows it too, and the programme's suppression is the
//!    suppression of R alone (with those values forced), applied to the programme's figures.
//!    Whatever an attacker computes from the programme and G is then a figure of R published
//!    by the k-anonymous rule of `suppression`: the programme minus G's values is R's value,
//!    R's partitions obey the complement rule, and R's group is hidden when it has 1 … K − 1
//!    participants (then so is the programme's).
//! 2. **Differences with contained reports.** For every value a container shows and every set
//!    of reports it contains that an attacker may subtract together (at most one of each
//!    *block*: one report per business, since a business's months overlap), no sum of their
//!    shown values lies within K − 1 of the container's value. Otherwise the container's value
//!    is suppressed, and complements are added in its partitions as for a small cell. This
//!    is checked until nothing changes (suppressions only grow, so it ends).
//!
//! A report's published values therefore depend only on itself and the reports it contains,
//! so every request publishes the same figures for the same report, whoever asks among those
//! who may see it. The check in 2 is conservative: it also refuses differences that are not
//! counts of anyone (a quarter's latest band minus an early month's), which costs only
//! suppressions.
//!
//! Out of the model, as in `suppression`: logical links between different variables; reports
//! of one account at different times (the data change between requests anyway); two accounts
//! pooling what each may see.

use crate::suppression::{
    self, Forced, K, Partition, ShownPartition, Suppressed, SuppressionError,
};
use std::collections::BTreeSet;

/// The unsuppressed inputs of one group: `n` distinct participants and its partitions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Raw {
    pub n: u32,
    pub partitions: Vec<Partition>,
}

/// One report of a family, with how it nests: indices of reports earlier in the family.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub raw: Raw,
    /// The reports whose disjoint union this one is (a programme's businesses, one period).
    pub parts: Vec<usize>,
    /// Ways to subtract contained reports: in each set, at most one report of each block.
    pub checks: Vec<Vec<Vec<usize>>>,
}

/// A figure of a group: `n`, or cell `i` of partition `p`, where `i == cells.len()` is the
/// partition's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    N,
    Cell(usize, usize),
}

fn figures(raw: &Raw) -> Vec<Figure> {
    let mut out = vec![Figure::N];
    for (p, part) in raw.partitions.iter().enumerate() {
        out.extend((0..=part.cells.len()).map(|i| Figure::Cell(p, i)));
    }
    out
}

/// The published value of a figure (`None` when suppressed or absent).
fn shown(s: &Suppressed, f: Figure) -> Option<u32> {
    match f {
        Figure::N => s.n,
        Figure::Cell(p, i) => {
            let part = s.partitions.get(p)?;
            match part.cells.get(i) {
                Some((_, v)) => *v,
                None if i == part.cells.len() => part.total,
                None => None,
            }
        }
    }
}

fn force(forced: &mut Forced, f: Figure) {
    match f {
        Figure::N => forced.group = true,
        Figure::Cell(p, i) => {
            if forced.cells.len() <= p {
                forced.cells.resize(p + 1, Vec::new());
            }
            if forced.cells[p].len() <= i {
                forced.cells[p].resize(i + 1, false);
            }
            forced.cells[p][i] = true;
        }
    }
}

/// Whether no sum of one or more values, at most one from each block, lies within K − 1 of
/// `x` (that is, `x − sum` or `sum − x` is 1 … K − 1).
pub fn safe_against(x: u32, blocks: &[Vec<u32>]) -> bool {
    let x = u64::from(x);
    let limit = x + u64::from(K);
    // Sums of at least one pick; sums at or above `limit` can never come within K − 1 of x.
    let mut sums: BTreeSet<u64> = BTreeSet::new();
    for block in blocks {
        let mut next = sums.clone();
        for &v in block {
            let v = u64::from(v);
            next.insert(v);
            next.extend(sums.iter().map(|s| s + v));
        }
        next.retain(|&s| s < limit);
        sums = next;
    }
    !sums
        .iter()
        .any(|&s| (1..u64::from(K)).contains(&x.abs_diff(s)))
}

/// Publishes a family of reports, each after the reports it names (a later index named by an
/// earlier report is ignored). Returns one `Suppressed` per report, in order.
pub fn publish(reports: &[Report]) -> Result<Vec<Suppressed>, SuppressionError> {
    let mut done: Vec<Suppressed> = Vec::with_capacity(reports.len());
    for (index, report) in reports.iter().enumerate() {
        let earlier = |list: &[usize]| -> Vec<usize> {
            list.iter().copied().filter(|&j| j < index).collect()
        };
        let parts = earlier(&report.parts);
        let checks: Vec<Vec<Vec<usize>>> = report
            .checks
            .iter()
            .map(|set| set.iter().map(|block| earlier(block)).collect())
            .collect();
        let mut forced = Forced::default();
        let result = loop {
            let shown_now = if parts.is_empty() {
                suppression::suppress_with(report.raw.n, &report.raw.partitions, &forced)?
            } else {
                through_parts(&report.raw, &parts, reports, &done, &mut forced)?
            };
            let mut changed = false;
            for f in figures(&report.raw) {
                let Some(x) = shown(&shown_now, f) else {
                    continue;
                };
                let unsafe_here = checks.iter().any(|set| {
                    let blocks: Vec<Vec<u32>> = set
                        .iter()
                        .map(|block| block.iter().filter_map(|&j| shown(&done[j], f)).collect())
                        .collect();
                    !safe_against(x, &blocks)
                });
                if unsafe_here {
                    force(&mut forced, f);
                    changed = true;
                }
            }
            if !changed {
                break shown_now;
            }
        };
        done.push(result);
    }
    Ok(done)
}

/// A container that is the disjoint union of `parts` (rule 1 of the module doc).
fn through_parts(
    raw: &Raw,
    parts: &[usize],
    reports: &[Report],
    done: &[Suppressed],
    forced: &mut Forced,
) -> Result<Suppressed, SuppressionError> {
    let shown_parts: Vec<usize> = parts
        .iter()
        .copied()
        .filter(|&j| done[j].n.is_some())
        .collect();
    // A value hidden in a shown part is hidden in the container.
    for f in figures(raw) {
        if f != Figure::N && shown_parts.iter().any(|&j| shown(&done[j], f).is_none()) {
            force(forced, f);
        }
    }
    // The rest: the container's counts minus the shown parts' (exact: the parts are disjoint).
    let mut rest = raw.clone();
    for &j in &shown_parts {
        let part = &reports[j].raw;
        rest.n = rest.n.saturating_sub(part.n);
        for (r, p) in rest.partitions.iter_mut().zip(&part.partitions) {
            for ((_, rc), (_, pc)) in r.cells.iter_mut().zip(&p.cells) {
                *rc = rc.saturating_sub(*pc);
            }
        }
    }
    let pattern = if rest.n == 0 && raw.n >= K {
        // Nothing but shown parts: every value is a sum of theirs; only forced ones are hidden.
        only_forced(raw, forced)
    } else {
        suppression::suppress_with(rest.n, &rest.partitions, forced)?
    };
    Ok(apply(raw, &pattern))
}

/// Which figures a pattern hides, as the container's own figures.
fn apply(raw: &Raw, pattern: &Suppressed) -> Suppressed {
    let n = pattern.n.map(|_| raw.n);
    Suppressed {
        n,
        partitions: raw
            .partitions
            .iter()
            .enumerate()
            .map(|(p, part)| {
                let pat = pattern.partitions.get(p);
                let hidden = |i: usize| {
                    n.is_none()
                        || pat.is_none_or(|pp| match pp.cells.get(i) {
                            Some((_, v)) => v.is_none(),
                            None => pp.total.is_none(),
                        })
                };
                ShownPartition {
                    total: (!hidden(part.cells.len())).then(|| total_of(part)),
                    cells: part
                        .cells
                        .iter()
                        .enumerate()
                        .map(|(i, (id, v))| (id.clone(), (!hidden(i)).then_some(*v)))
                        .collect(),
                }
            })
            .collect(),
    }
}

/// The figures of `raw` with only the forced ones hidden.
fn only_forced(raw: &Raw, forced: &Forced) -> Suppressed {
    let hidden = |p: usize, i: usize| {
        forced
            .cells
            .get(p)
            .and_then(|c| c.get(i))
            .copied()
            .unwrap_or(false)
    };
    Suppressed {
        n: (!forced.group).then_some(raw.n),
        partitions: raw
            .partitions
            .iter()
            .enumerate()
            .map(|(p, part)| ShownPartition {
                total: (!hidden(p, part.cells.len())).then(|| total_of(part)),
                cells: part
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(i, (id, v))| (id.clone(), (!hidden(p, i)).then_some(*v)))
                    .collect(),
            })
            .collect(),
    }
}

/// A partition's total; it never exceeds its group's `n` (checked by `suppress`), a `u32`.
fn total_of(p: &Partition) -> u32 {
    u32::try_from(p.total()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(cells: &[u32]) -> Raw {
        Raw {
            n: cells.iter().sum(),
            partitions: vec![Partition::new(
                cells.iter().enumerate().map(|(i, &c)| (format!("c{i}"), c)),
            )],
        }
    }

    fn programme(parts: &[&[u32]]) -> Vec<Report> {
        let mut reports: Vec<Report> = parts
            .iter()
            .map(|c| Report {
                raw: raw(c),
                ..Report::default()
            })
            .collect();
        let width = parts[0].len();
        let sums: Vec<u32> = (0..width)
            .map(|i| parts.iter().map(|p| p[i]).sum())
            .collect();
        reports.push(Report {
            raw: raw(&sums),
            parts: (0..parts.len()).collect(),
            checks: Vec::new(),
        });
        reports
    }

    #[test]
    fn a_cell_hidden_in_a_shown_business_is_hidden_in_the_programme() {
        // Business 0 hides its 3 (and a complement); the programme's 13 in that cell would
        // give 13 − 10 = 3 … and even a programme cell of 10 or more would let the business's
        // hidden cells be worked out through its own partition.
        let shown = publish(&programme(&[&[3, 20, 12], &[10, 20, 10]])).unwrap();
        assert_eq!(shown[0].partitions[0].cells[0].1, None);
        assert_eq!(shown[2].partitions[0].cells[0].1, None);
        for (i, (_, v)) in shown[0].partitions[0].cells.iter().enumerate() {
            if v.is_none() {
                assert_eq!(shown[2].partitions[0].cells[i].1, None, "cell {i}");
            }
        }
    }

    #[test]
    fn a_programme_of_shown_businesses_is_their_sum() {
        let shown = publish(&programme(&[&[10, 20], &[12, 0]])).unwrap();
        assert_eq!(shown[2].n, Some(42));
        assert_eq!(shown[2].partitions[0].cells[0].1, Some(22));
        assert_eq!(shown[2].partitions[0].cells[1].1, Some(20));
    }

    #[test]
    fn the_rest_under_ten_hides_the_programme_and_ten_shows_it() {
        let hidden = publish(&programme(&[&[12, 0], &[7, 0]])).unwrap();
        assert_eq!(hidden[2].n, None);
        let shown = publish(&programme(&[&[12, 0], &[5, 0], &[5, 0]])).unwrap();
        assert_eq!(shown[3].n, Some(22));
    }

    #[test]
    fn a_container_hides_a_figure_within_nine_of_a_contained_one() {
        let month = Report {
            raw: raw(&[10, 10]),
            ..Report::default()
        };
        let quarter = Report {
            raw: raw(&[10, 13]),
            parts: Vec::new(),
            checks: vec![vec![vec![0]]],
        };
        let shown = publish(&[month, quarter]).unwrap();
        assert_eq!(shown[0].n, Some(20));
        // 23 − 20 = 3: the quarter's group goes.
        assert_eq!(shown[1].n, None);
        // Reports named out of order are ignored rather than read before they exist.
        let early = Report {
            raw: raw(&[10, 13]),
            parts: vec![1],
            checks: vec![vec![vec![1]]],
        };
        let later = Report {
            raw: raw(&[10, 10]),
            ..Report::default()
        };
        let shown = publish(&[early, later]).unwrap();
        assert_eq!(shown[0].n, Some(23));
    }
}
