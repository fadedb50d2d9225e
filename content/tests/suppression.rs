//! `content::suppression`: k = 9 vs 10 exactly, primary and complementary suppression, totals
//! of partial partitions, and a property test that brute-forces the attacker model of the
//! module doc over many skewed group compositions.

use content::suppression::{
    Forced, K, Partition, ShownPartition, Suppressed, SuppressionError, mean, rate, shown_n,
    suppress, suppress_with,
};
use proptest::prelude::*;

fn part(cells: &[u32]) -> Partition {
    Partition::new(cells.iter().enumerate().map(|(i, &c)| (format!("c{i}"), c)))
}

fn values(p: &ShownPartition) -> Vec<Option<u32>> {
    p.cells.iter().map(|(_, v)| *v).collect()
}

fn one(n: u32, cells: &[u32]) -> ShownPartition {
    let s = suppress(n, &[part(cells)]).unwrap();
    assert_eq!(s.n, Some(n));
    s.partitions[0].clone()
}

#[test]
fn k_is_ten() {
    assert_eq!(K, 10);
}

#[test]
fn group_of_9_is_fully_hidden_and_group_of_10_is_shown() {
    let nine = suppress(9, &[part(&[0, 9, 0]), part(&[4, 5])]).unwrap();
    assert_eq!(nine.n, None);
    for p in &nine.partitions {
        assert_eq!(p.total, None);
        assert!(values(p).iter().all(Option::is_none));
    }
    // Cell ids survive, so every band is still present (as null).
    assert_eq!(nine.partitions[0].cells[1].0, "c1");

    let ten = one(10, &[0, 10, 0]);
    assert_eq!(values(&ten), [Some(0), Some(10), Some(0)]);
    assert_eq!(ten.total, Some(10));
    assert_eq!(shown_n(9), None);
    assert_eq!(shown_n(10), Some(10));
}

#[test]
fn cell_of_9_is_suppressed_and_cell_of_10_shown() {
    assert_eq!(
        values(&one(30, &[10, 10, 10])),
        [Some(10), Some(10), Some(10)]
    );
    // 9 is primary; its complement is the smallest shown non-zero cell, the first of equals.
    assert_eq!(values(&one(29, &[9, 10, 10])), [None, None, Some(10)]);
}

#[test]
fn zeros_are_shown_and_never_chosen_as_complements() {
    let p = one(20, &[0, 3, 0, 17]);
    assert_eq!(values(&p), [Some(0), None, Some(0), None]);
    assert_eq!(p.total, Some(20));
}

#[test]
fn complement_is_the_smallest_shown_cell() {
    assert_eq!(
        values(&one(30, &[3, 15, 12, 0])),
        [None, Some(15), None, Some(0)]
    );
}

#[test]
fn two_ones_get_a_third_cell_because_ones_summing_to_their_count_are_forced() {
    // {1, 1} suppressed with sum 2 and every suppressed cell ≥ 1: both must be 1.
    assert_eq!(
        values(&one(29, &[1, 1, 12, 15])),
        [None, None, None, Some(15)]
    );
    // {1, 2}: sum 3 over two cells, each could be 1 or 2: enough.
    assert_eq!(
        values(&one(28, &[1, 2, 12, 13])),
        [None, None, Some(12), Some(13)]
    );
}

#[test]
fn a_small_remainder_hides_the_partial_total_and_takes_a_complement() {
    // Outcome over the 27 of 30 participants with two responses: 3 have only one. Showing
    // the total 27 would reveal that 3.
    let s = suppress(
        30,
        &[Partition::new([
            ("improved", 12),
            ("no_change", 15),
            ("deteriorated", 0),
        ])],
    )
    .unwrap();
    let p = &s.partitions[0];
    assert_eq!(p.total, None);
    assert_eq!(p.get("improved"), None);
    assert_eq!(p.get("no_change"), Some(15));
    assert_eq!(p.get("deteriorated"), Some(0));
    assert_eq!(p.get("no_such_cell"), None);
}

#[test]
fn a_large_remainder_shows_the_partial_total() {
    let s = suppress(40, &[Partition::new([("improved", 12), ("no_change", 15)])]).unwrap();
    assert_eq!(s.partitions[0].total, Some(27));
    assert_eq!(
        s.partitions[0].to_map(),
        [
            ("improved".to_owned(), Some(12)),
            ("no_change".to_owned(), Some(15))
        ]
        .into()
    );
}

#[test]
fn partitions_with_equal_totals_share_the_suppression_of_their_total() {
    // Both cover the same 27 participants (outcome and recovery of one instrument). The first
    // must hide its total; showing it in the second would give it away.
    let s = suppress(30, &[part(&[12, 15]), part(&[13, 14])]).unwrap();
    assert_eq!(s.partitions[0].total, None);
    assert_eq!(s.partitions[1].total, None);
    // The second then needs a complement of its own beside the hidden remainder.
    assert_eq!(values(&s.partitions[1]), [None, Some(14)]);
}

#[test]
fn a_zero_total_remainder_is_not_linked_even_when_another_is_forced_hidden() {
    // Only a forced suppression (from differencing) can hide a remainder of 0. A shown 0
    // elsewhere reveals no one, so it stays shown, as the attacker model treats it (a shown
    // remainder links only when it is above 0).
    let forced = Forced {
        group: false,
        cells: vec![vec![false, true]],
    };
    let s = suppress_with(20, &[part(&[20]), part(&[20])], &forced).unwrap();
    assert_eq!(s.partitions[0].total, None);
    assert_eq!(s.partitions[1].total, Some(20));
    assert_eq!(values(&s.partitions[1]), [Some(20)]);
}

#[test]
fn ten_participants_in_ten_singleton_cells_hide_the_whole_group() {
    let s = suppress(10, &[part(&[1; 10]), part(&[10])]).unwrap();
    assert_eq!(s.n, None);
    assert!(s.partitions.iter().all(|p| p.total.is_none()));
    assert!(
        s.partitions
            .iter()
            .all(|p| values(p).iter().all(Option::is_none))
    );
}

#[test]
fn a_partition_larger_than_the_group_is_an_error() {
    assert_eq!(
        suppress(10, &[part(&[10]), part(&[6, 5])]),
        Err(SuppressionError::ExceedsGroup {
            partition: 1,
            total: 11,
            n: 10
        })
    );
}

#[test]
fn rates_need_both_counts_shown_and_a_denominator_of_at_least_10() {
    assert_eq!(rate(Some(3), Some(10)), Some(0.3));
    assert_eq!(rate(Some(0), Some(12)), Some(0.0));
    assert_eq!(rate(Some(3), Some(9)), None);
    assert_eq!(rate(None, Some(20)), None);
    assert_eq!(rate(Some(3), None), None);
    assert_eq!(rate(Some(21), Some(20)), None);
}

#[test]
fn means_only_for_10_or_more() {
    assert_eq!(mean(95, 10), Some(9.5));
    assert_eq!(mean(90, 9), None);
    assert_eq!(mean(0, 0), None);
}

// --- Property test: the attacker model, brute-forced ---------------------------------------

/// One published partition as the attacker sees it, with the truth for checking.
struct View {
    /// True counts, remainder last.
    truth: Vec<u32>,
    /// Published counts, remainder last (`None` = suppressed).
    shown: Vec<Option<u32>>,
}

fn views(n: u32, input: &[Partition], out: &Suppressed) -> Vec<View> {
    input
        .iter()
        .zip(&out.partitions)
        .map(|(p, s)| {
            let sum: u32 = p.cells.iter().map(|(_, c)| c).sum();
            let mut truth: Vec<u32> = p.cells.iter().map(|(_, c)| *c).collect();
            truth.push(n - sum);
            let mut shown = values(s);
            shown.push(s.total.map(|t| n - t));
            View { truth, shown }
        })
        .collect()
}

/// The attacker's unknowns: each suppressed cell is a variable, except that suppressed
/// remainders of equal value are one variable, and one equal to a remainder shown in another
/// partition is known (the strongest attacker: one who knows which partial totals coincide).
/// Each partition's suppressed cells must sum to `n − shown`.
struct System {
    n: u32,
    /// Per partition: its variables and the sum they must reach.
    constraints: Vec<(Vec<usize>, u32)>,
    vars: usize,
}

fn system(n: u32, views: &[View]) -> (System, Vec<(usize, usize, usize)>) {
    let remainder_of = |v: &View| {
        let last = v.shown.len() - 1;
        v.shown[last].is_none().then_some(v.truth[last])
    };
    // Shared remainders first: once they are fixed the partitions are independent, so the
    // search below never has to backtrack across partitions.
    let mut remainders: Vec<u32> = views.iter().filter_map(remainder_of).collect();
    remainders.sort_unstable();
    remainders.dedup();
    let mut vars = remainders.len();
    let mut constraints = Vec::new();
    // (partition, cell, variable) of every suppressed cell.
    let mut cells = Vec::new();
    for (pi, v) in views.iter().enumerate() {
        let mut members = Vec::new();
        let shown_sum: u32 = v.shown.iter().flatten().sum();
        for (ci, s) in v.shown.iter().enumerate() {
            if s.is_some() {
                continue;
            }
            let var = if ci == v.shown.len() - 1 {
                remainders.iter().position(|&r| r == v.truth[ci]).unwrap()
            } else {
                vars += 1;
                vars - 1
            };
            members.push(var);
            cells.push((pi, ci, var));
        }
        constraints.push((members, n - shown_sum));
    }
    // A suppressed remainder equal to a remainder shown elsewhere is known to that attacker.
    for (var, &r) in remainders.iter().enumerate() {
        let shown_elsewhere = views
            .iter()
            .any(|v| v.shown[v.shown.len() - 1] == Some(r) && r > 0);
        if shown_elsewhere {
            constraints.push((vec![var], r));
        }
    }
    (
        System {
            n,
            constraints,
            vars,
        },
        cells,
    )
}

impl System {
    /// Whether some assignment with every variable in 1..=n satisfies every constraint,
    /// given the variables fixed so far. Exhaustive depth-first search over the values of the
    /// remaining variables, pruned only by bounds every solution must meet.
    fn feasible(&self, fixed: &mut Vec<Option<u32>>) -> bool {
        for (members, sum) in &self.constraints {
            let (mut partial, mut open) = (0u64, 0u64);
            for &m in members {
                match fixed[m] {
                    Some(v) => partial += u64::from(v),
                    None => open += 1,
                }
            }
            let sum = u64::from(*sum);
            if partial + open > sum || partial + open * u64::from(self.n) < sum {
                return false;
            }
        }
        let Some(next) = fixed.iter().position(Option::is_none) else {
            return true;
        };
        for v in 1..=self.n {
            fixed[next] = Some(v);
            if self.feasible(fixed) {
                fixed[next] = None;
                return true;
            }
        }
        fixed[next] = None;
        false
    }

    /// The values of `var` consistent with everything shown (stops after `limit`).
    fn values_of(&self, var: usize, limit: usize) -> Vec<u32> {
        let mut found = Vec::new();
        for v in 1..=self.n {
            let mut fixed = vec![None; self.vars];
            fixed[var] = Some(v);
            if self.feasible(&mut fixed) {
                found.push(v);
                if found.len() >= limit {
                    break;
                }
            }
        }
        found
    }
}

/// Counts skewed towards small values, so that many cells need suppression.
fn small() -> impl Strategy<Value = u32> {
    prop_oneof![4 => 0u32..4, 3 => 0u32..12, 1 => 0u32..60]
}

/// A group of 0–80 participants with 1–4 partitions of 1–5 cells each. A partition covers the
/// whole group or one of two sub-populations (n minus a small number), so partial totals and
/// shared remainders both occur.
fn group() -> impl Strategy<Value = (u32, Vec<Partition>)> {
    (0u32..=80)
        .prop_flat_map(|n| {
            let subs = prop::collection::vec(small(), 2);
            let parts = prop::collection::vec(
                (
                    0usize..3,
                    prop::collection::vec(small(), 1..=5),
                    any::<prop::sample::Index>(),
                ),
                1..=4,
            );
            (Just(n), subs, parts)
        })
        .prop_map(|(n, subs, parts)| {
            let partitions = parts
                .into_iter()
                .map(|(population, raw, big)| {
                    let size = match population {
                        0 => n,
                        i => n.saturating_sub(subs[i - 1]),
                    };
                    // Take the raw counts while they fit, then give what is left to one cell.
                    let mut left = size;
                    let mut cells: Vec<u32> = raw
                        .iter()
                        .map(|&r| {
                            let c = r.min(left);
                            left -= c;
                            c
                        })
                        .collect();
                    cells[big.index(raw.len())] += left;
                    part(&cells)
                })
                .collect();
            (n, partitions)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn suppressed_cells_cannot_be_recovered_under_the_attacker_model((n, partitions) in group()) {
        let out = suppress(n, &partitions).unwrap();
        prop_assert_eq!(out.partitions.len(), partitions.len());

        if n < K {
            prop_assert_eq!(out.n, None);
            for p in &out.partitions {
                prop_assert_eq!(p.total, None);
                prop_assert!(values(p).iter().all(Option::is_none));
            }
            return Ok(());
        }
        // At most 5 cells and a remainder: the whole-group fallback cannot be needed.
        prop_assert_eq!(out.n, Some(n));

        let views = views(n, &partitions, &out);
        let mut any_small = false;
        for (v, p) in views.iter().zip(&out.partitions) {
            let suppressed = v.shown.iter().filter(|s| s.is_none()).count();
            prop_assert_ne!(suppressed, 1, "exactly one suppressed cell: {:?}", v.shown);
            for (&truth, &shown) in v.truth.iter().zip(&v.shown) {
                if (1..K).contains(&truth) {
                    any_small = true;
                    prop_assert_eq!(shown, None, "small cell shown");
                }
                if truth == 0 {
                    prop_assert_eq!(shown, Some(0), "zero suppressed");
                }
                if let Some(s) = shown {
                    prop_assert_eq!(s, truth);
                }
            }
            let sum: u32 = v.truth[..v.truth.len() - 1].iter().sum();
            prop_assert!(p.total.is_none() || p.total == Some(sum));
        }
        if !any_small {
            for v in &views {
                prop_assert!(v.shown.iter().all(Option::is_some), "nothing small, yet suppressed");
            }
        }
        // Equal partial totals are shown together or hidden together.
        for (a, va) in out.partitions.iter().zip(&views) {
            for (b, vb) in out.partitions.iter().zip(&views) {
                let (ra, rb) = (va.truth[va.truth.len() - 1], vb.truth[vb.truth.len() - 1]);
                if ra == rb && ra > 0 {
                    prop_assert_eq!(a.total.is_some(), b.total.is_some(), "linked totals differ");
                }
            }
        }

        // Brute force: every suppressed cell has at least two values consistent with what an
        // attacker sees, and its true value is one of them.
        let (sys, cells) = system(n, &views);
        // The system is the attacker's view of the truth: the true values satisfy it.
        let mut truth = vec![None; sys.vars];
        for &(pi, ci, var) in &cells {
            truth[var] = Some(views[pi].truth[ci]);
        }
        prop_assert!(sys.feasible(&mut truth));
        for (pi, ci, var) in cells {
            let consistent = sys.values_of(var, 2);
            prop_assert!(
                consistent.len() >= 2,
                "partition {} cell {} (true {}) recovered: {:?}",
                pi, ci, views[pi].truth[ci], consistent
            );
        }
    }
}
