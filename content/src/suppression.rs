//! k-anonymous group statistics (SPEC P6, §4.5, `GET /api/staff/stats`).
//!
//! A group (business or programme × instrument × period) is published only with at least
//! [`K`] distinct participants. Inside a published group every count is a cell of some
//! *partition* of the group: the latest band distribution, the baseline band distribution,
//! or an outcome such as improved / no change / deteriorated over the participants with two
//! or more responses. Cells counting 1–9 participants are suppressed (primary suppression),
//! and further cells are suppressed (complementary suppression) until no suppressed cell can
//! be worked out from what is shown.
//!
//! # Partitions whose cells do not cover the whole group
//!
//! An outcome partition covers only the participants with at least two responses. Its total
//! is published too (as the denominator of a rate), and `n − total` (participants with only
//! one response) can then be read off, so that difference is a cell as well. [`suppress`]
//! adds it to every partition as an implicit last *remainder* cell (0 when the partition
//! covers the group). The remainder is suppressed like any other cell; when it is, the
//! partition's total is suppressed with it ([`ShownPartition::total`] is `None`).
//!
//! Two partitions with the same total may well be over the same participants (an outcome and
//! a recovery partition of one instrument), and then share their remainder: showing the total
//! in one would reveal it in the other. Partitions with equal remainders are therefore linked,
//! and the total is suppressed in all of them or in none.
//!
//! # Attacker model
//!
//! The attacker sees `n` and every shown cell and total, knows that each partition (with its
//! remainder) sums to `n`, knows that a shown zero is zero and therefore — zeros are never
//! suppressed — that every suppressed cell is at least 1, and knows which partitions share a
//! remainder. A suppressed cell is *recovered* when only one value of it is consistent with
//! all of that.
//!
//! In one partition, let the suppressed cells be `k` and their sum `S = n − shown cells`
//! (known). The consistent assignments are exactly the `k`-tuples of integers ≥ 1 summing to
//! `S`. With `k = 1` the cell is `S`: recovered. With `k ≥ 2` each cell can be 1 (the others
//! share `S − 1 ≥ k − 1`) and can be `S − k + 1` (the others all 1); these differ, so every
//! cell is ambiguous, iff `S ≥ k + 1`. When `S = k` all suppressed cells are forced to 1. So
//! the rule per partition is: **no suppressed cell, or at least two with `S ≥ k + 1`**.
//! Complements are added one at a time, the smallest non-zero shown cell first (ties: the
//! first in order, the remainder last), until the rule holds.
//!
//! Linked remainders do not break this: in each partition the shared remainder can be 1 or 2
//! (both fit `1 ≤ x ≤ S − k + 1`), in all linked partitions at once, and with it fixed at 1 each
//! other suppressed cell still ranges over 1 and `S − k + 1 ≥ 2` of its partition.
//!
//! If a partition breaks the rule and has no non-zero cell left to suppress, all its cells
//! (remainder included) are suppressed ones summing to `n`: `n` cells of one participant each.
//! Nothing can hide that short of hiding `n`, so the whole group is suppressed. With `n ≥ 10`
//! this needs a partition of at least 10 cells; the shipped instruments have at most 5 bands.
//!
//! Out of the model: logical links between *different* variables (for example, a participant
//! whose baseline is in the lowest band cannot reliably improve). Such links narrow a range
//! only at the margins; callers should publish few partitions per group, and only the fixed
//! reports of P6.

use std::collections::BTreeMap;

/// The smallest group published, and the smallest cell shown (cells 1 … K − 1 are suppressed).
pub const K: u32 = 10;

/// Counts per cell of one breakdown of (part of) a group, in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// Cell id (band id, `improved`, …) → distinct participants in it.
    pub cells: Vec<(String, u32)>,
}

impl Partition {
    pub fn new<S: Into<String>>(cells: impl IntoIterator<Item = (S, u32)>) -> Self {
        Self {
            cells: cells.into_iter().map(|(id, c)| (id.into(), c)).collect(),
        }
    }

    /// Sum of the cells (wide, so that no input can overflow).
    pub fn total(&self) -> u64 {
        self.cells.iter().map(|(_, c)| u64::from(*c)).sum()
    }
}

/// A partition as it may be published: `None` where suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownPartition {
    /// The sum of the cells; `None` when suppressed (see the module doc on remainders).
    pub total: Option<u32>,
    pub cells: Vec<(String, Option<u32>)>,
}

impl ShownPartition {
    /// The published value of cell `id`: `None` when suppressed or when there is no such cell.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.cells
            .iter()
            .find(|(c, _)| c == id)
            .and_then(|(_, v)| *v)
    }

    /// Cell id → published value, as in `StatsGroup.bands`.
    pub fn to_map(&self) -> BTreeMap<String, Option<u32>> {
        self.cells.iter().cloned().collect()
    }
}

/// A group as it may be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// `None` when the group has fewer than [`K`] participants (then everything is `None`).
    pub n: Option<u32>,
    /// In the order of the input partitions.
    pub partitions: Vec<ShownPartition>,
}

/// Input that cannot be a partition of the group (a caller bug, not a data condition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SuppressionError {
    #[error("partition {partition} counts {total} participants, more than the group's {n}")]
    ExceedsGroup {
        partition: usize,
        total: u64,
        n: u32,
    },
}

/// `n` if a group of `n` distinct participants may be published, else `None`. Also for
/// single counts that stand alone (participants issued, active, consenting in a period).
pub fn shown_n(n: u32) -> Option<u32> {
    (n >= K).then_some(n)
}

/// Applies primary and complementary suppression to the partitions of a group of `n`
/// distinct participants (see the module doc for the rules and why they suffice).
pub fn suppress(n: u32, partitions: &[Partition]) -> Result<Suppressed, SuppressionError> {
    suppress_with(n, partitions, &Forced::default())
}

/// Suppressions decided outside one group (by `differencing`, against other reports): the
/// whole group, or single cells. `cells[p][i]` is cell `i` of partition `p`; index
/// `cells.len()` of a partition is its remainder (suppressing it hides the total). Missing
/// entries are not forced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forced {
    pub group: bool,
    pub cells: Vec<Vec<bool>>,
}

impl Forced {
    fn get(&self, p: usize, i: usize) -> bool {
        self.cells
            .get(p)
            .and_then(|c| c.get(i))
            .copied()
            .unwrap_or(false)
    }
}

/// [`suppress`] with some suppressions forced; complements are added for them as for small
/// cells, so that no forced cell can be worked out from the rest of its partition either.
pub fn suppress_with(
    n: u32,
    partitions: &[Partition],
    forced: &Forced,
) -> Result<Suppressed, SuppressionError> {
    for (i, p) in partitions.iter().enumerate() {
        if p.total() > u64::from(n) {
            return Err(SuppressionError::ExceedsGroup {
                partition: i,
                total: p.total(),
                n,
            });
        }
    }
    if n < K || forced.group {
        return Ok(hidden(partitions));
    }
    // Each partition's counts with the remainder appended as the last cell. Cannot underflow:
    // every total was checked against `n` above.
    let counts: Vec<Vec<u32>> = partitions
        .iter()
        .map(|p| {
            let mut c: Vec<u32> = p.cells.iter().map(|(_, c)| *c).collect();
            c.push(n - c.iter().sum::<u32>());
            c
        })
        .collect();
    let mut suppressed: Vec<Vec<bool>> = counts
        .iter()
        .enumerate()
        .map(|(p, c)| {
            c.iter()
                .enumerate()
                .map(|(i, &v)| (1..K).contains(&v) || forced.get(p, i))
                .collect()
        })
        .collect();
    // Complements and links only ever add suppressions, so this reaches a fixed point.
    loop {
        for (c, s) in counts.iter().zip(suppressed.iter_mut()) {
            if complement(c, s).is_err() {
                return Ok(hidden(partitions));
            }
        }
        if !link_remainders(&counts, &mut suppressed) {
            break;
        }
    }
    let shown = partitions
        .iter()
        .zip(counts.iter().zip(&suppressed))
        .map(|(p, (c, s))| {
            let remainder_shown = s.last() == Some(&false);
            ShownPartition {
                total: remainder_shown.then(|| n - c.last().copied().unwrap_or(0)),
                cells: p
                    .cells
                    .iter()
                    .zip(s)
                    .map(|((id, v), &s)| (id.clone(), (!s).then_some(*v)))
                    .collect(),
            }
        })
        .collect();
    Ok(Suppressed {
        n: Some(n),
        partitions: shown,
    })
}

/// Everything suppressed, keeping the cell ids (so every band is still present, as `null`).
fn hidden(partitions: &[Partition]) -> Suppressed {
    Suppressed {
        n: None,
        partitions: partitions
            .iter()
            .map(|p| ShownPartition {
                total: None,
                cells: p.cells.iter().map(|(id, _)| (id.clone(), None)).collect(),
            })
            .collect(),
    }
}

/// No cell left to suppress and the partition still reveals its suppressed cells.
struct Unprotectable;

/// Adds complements to one partition until it has no suppressed cell, or at least two whose
/// sum exceeds their number (each then has at least two consistent values).
fn complement(counts: &[u32], suppressed: &mut [bool]) -> Result<(), Unprotectable> {
    loop {
        let (k, sum) = counts
            .iter()
            .zip(suppressed.iter())
            .filter(|&(_, &s)| s)
            .fold((0_u64, 0_u64), |(k, sum), (&c, _)| {
                (k + 1, sum + u64::from(c))
            });
        if k == 0 || (k >= 2 && sum > k) {
            return Ok(());
        }
        // The smallest non-zero shown cell; `min_by_key` keeps the first of equal keys.
        let next = counts
            .iter()
            .zip(suppressed.iter())
            .enumerate()
            .filter(|&(_, (&c, &s))| !s && c > 0)
            .min_by_key(|&(_, (&c, _))| c)
            .map(|(i, _)| i);
        match next {
            Some(i) => suppressed[i] = true,
            None => return Err(Unprotectable),
        }
    }
}

/// Suppresses the remainder in every partition whose remainder equals one already suppressed.
/// Returns whether anything changed.
fn link_remainders(counts: &[Vec<u32>], suppressed: &mut [Vec<bool>]) -> bool {
    let hidden: Vec<u32> = counts
        .iter()
        .zip(suppressed.iter())
        .filter(|(_, s)| s.last() == Some(&true))
        .filter_map(|(c, _)| c.last().copied())
        .collect();
    let mut changed = false;
    for (c, s) in counts.iter().zip(suppressed.iter_mut()) {
        if let (Some(r), Some(last)) = (c.last(), s.last_mut())
            && !*last
            && *r > 0
            && hidden.contains(r)
        {
            *last = true;
            changed = true;
        }
    }
    changed
}

/// `count / total`, only when both are published and the denominator is a group of at least
/// [`K`] (a rate over a smaller denominator would describe fewer than K people). `None` also
/// for a count above its total, which can only be a caller bug.
pub fn rate(count: Option<u32>, total: Option<u32>) -> Option<f64> {
    let (count, total) = (count?, total?);
    (total >= K && count <= total).then(|| f64::from(count) / f64::from(total))
}

/// `sum / n` for a group of at least [`K`] participants (P6: means only for n ≥ 10).
pub fn mean(sum: i64, n: u32) -> Option<f64> {
    // i64 → f64 may round beyond 2^53, far above any sum of questionnaire totals.
    #[allow(clippy::cast_precision_loss)]
    (n >= K).then(|| sum as f64 / f64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complement_prefers_the_first_of_equal_smallest_cells() {
        let mut s = vec![true, false, false, false];
        assert!(complement(&[3, 12, 12, 0], &mut s).is_ok());
        assert_eq!(s, [true, true, false, false]);
    }
}
