//! P6 across reports: an attacker holding every report one account can request (the
//! programme and each business, the quarter and each month) subtracts every combination of
//! contained reports from every report and must never get a count of 1–9.

use content::{
    api::{ParticipantCounts, StatsGroup},
    differencing::safe_against,
    instruments,
    stats::{self, MonthRow, ReportInputs},
};
use proptest::prelude::*;

/// One participant of the model: business, the months (bits 0–2) with a PHQ-9 answer, the
/// first-ever total and the total of each month.
#[derive(Debug, Clone)]
struct Person {
    business: usize,
    months: u8,
    baseline: i64,
    latest: [i64; 3],
}

#[derive(Debug, Clone)]
struct World {
    businesses: usize,
    people: Vec<Person>,
    issued: Vec<[u32; 3]>,
    consenting: Vec<[u32; 3]>,
}

/// A report one account can ask for: scope (`None`: the programme) and span (`None`: the
/// quarter).
type Key = (Option<usize>, Option<usize>);

/// A report as published: its key and each figure's name, kind and value (`None`: suppressed).
type Published = (Key, Vec<(String, Kind, Option<u32>)>);

fn rows(w: &World) -> Vec<MonthRow> {
    let mut out = Vec::new();
    for (i, p) in w.people.iter().enumerate() {
        for m in 0..3 {
            if p.months & (1 << m) != 0 {
                out.push(MonthRow {
                    business: p.business,
                    participant: format!("p{i}"),
                    instrument: "phq9".into(),
                    month: m,
                    latest: p.latest[m],
                    baseline: p.baseline,
                });
            }
        }
    }
    out
}

/// What the edge publishes for `key`: the inputs restricted to the scope and span, as the edge
/// reads them, through `stats::report`.
fn publish(w: &World, key: Key) -> (ParticipantCounts, Vec<StatsGroup>) {
    let (scope, span) = key;
    let businesses: Vec<usize> = match scope {
        Some(b) => vec![b],
        None => (0..w.businesses).collect(),
    };
    let months: Vec<usize> = match span {
        Some(m) => vec![m],
        None => vec![0, 1, 2],
    };
    let rows: Vec<MonthRow> = rows(w)
        .into_iter()
        .filter_map(|r| {
            let b = businesses.iter().position(|&b| b == r.business)?;
            let m = months.iter().position(|&m| m == r.month)?;
            Some(MonthRow {
                business: b,
                month: m,
                ..r
            })
        })
        .collect();
    let issued: Vec<Vec<u32>> = businesses
        .iter()
        .map(|&b| months.iter().map(|&m| w.issued[b][m]).collect())
        .collect();
    let last = *months.last().unwrap();
    let consenting: Vec<u32> = businesses.iter().map(|&b| w.consenting[b][last]).collect();
    stats::report(&ReportInputs {
        businesses: businesses.len(),
        months: months.len(),
        programme: scope.is_none(),
        rows: &rows,
        issued: &issued,
        consenting: &consenting,
    })
    .unwrap()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// The same for a participant in every report (n, baseline band, active).
    Fixed,
    /// Depends on the participant's latest answer in the span, or the span's end (consent).
    Latest,
    /// Codes issued: months are disjoint too.
    Issued,
}

/// Every published figure of a report: name, kind, value.
fn figures(r: &(ParticipantCounts, Vec<StatsGroup>)) -> Vec<(String, Kind, Option<u32>)> {
    let (c, groups) = r;
    let mut out = vec![
        ("issued".to_string(), Kind::Issued, c.issued),
        ("active".to_string(), Kind::Fixed, c.active),
        ("consenting".to_string(), Kind::Latest, c.consenting),
    ];
    let phq9 = instruments::get("phq9").unwrap();
    let g = groups.iter().find(|g| g.instrument == "phq9");
    let get = |f: &dyn Fn(&StatsGroup) -> Option<u32>| g.and_then(f);
    out.push(("n".into(), Kind::Fixed, get(&|g| g.n)));
    for band in &phq9.bands {
        let id = band.id.clone();
        out.push((
            format!("bands.{id}"),
            Kind::Latest,
            get(&|g| g.bands.get(&id).copied().flatten()),
        ));
        out.push((
            format!("baseline.{id}"),
            Kind::Fixed,
            get(&|g| g.baseline_bands.get(&id).copied().flatten()),
        ));
    }
    out.push((
        "improved".into(),
        Kind::Latest,
        get(&|g| g.reliable_improvement),
    ));
    out.push((
        "deteriorated".into(),
        Kind::Latest,
        get(&|g| g.reliable_deterioration),
    ));
    out.push(("recovery".into(), Kind::Latest, get(&|g| g.recovery)));
    out.push((
        "reliable_recovery".into(),
        Kind::Latest,
        get(&|g| g.reliable_recovery),
    ));
    out
}

fn keys(w: &World) -> Vec<Key> {
    let mut out = Vec::new();
    for scope in std::iter::once(None).chain((0..w.businesses).map(Some)) {
        for span in [None, Some(0), Some(1), Some(2)] {
            out.push((scope, span));
        }
    }
    out
}

fn contains(x: Key, y: Key) -> bool {
    x != y && (x.0.is_none() || x.0 == y.0) && (x.1.is_none() || x.1 == y.1)
}

/// Whether two reports can never share a participant (or an issued code), whatever the data.
fn disjoint(a: Key, b: Key, kind: Kind) -> bool {
    let other_business = matches!((a.0, b.0), (Some(x), Some(y)) if x != y);
    let other_month = matches!((a.1, b.1), (Some(x), Some(y)) if x != y);
    other_business || (kind == Kind::Issued && other_month)
}

/// Whether `x − Σ ys` counts the participants of x outside the ys for this kind of figure.
fn is_count(x: Key, ys: &[Key], kind: Kind) -> bool {
    match kind {
        Kind::Fixed | Kind::Issued => true,
        // Same latest answer, or the same instant, only where the spans end together.
        Kind::Latest => ys
            .iter()
            .all(|y| y.1 == x.1 || (x.1.is_none() && y.1 == Some(2))),
    }
}

/// Every combination of pairwise disjoint reports contained in `x`, subtracted from `x`.
/// Returns the first revealed count of 1–9, described.
fn attack(w: &World) -> Option<String> {
    let keys = keys(w);
    let published: Vec<Published> = keys.iter().map(|&k| (k, figures(&publish(w, k)))).collect();
    for (x, fx) in &published {
        let inner: Vec<&Published> = published.iter().filter(|(y, _)| contains(*x, *y)).collect();
        for (fi, (name, kind, xv)) in fx.iter().enumerate() {
            let Some(xv) = *xv else { continue };
            if (1..10).contains(&xv) && name != "issued" {
                return Some(format!("{x:?} shows {name} = {xv}"));
            }
            // Depth-first over combinations, each report taken or not.
            let mut stack: Vec<(usize, Vec<Key>, u32)> = vec![(0, Vec::new(), 0)];
            while let Some((i, chosen, sum)) = stack.pop() {
                if !chosen.is_empty() && is_count(*x, &chosen, *kind) {
                    let d = i64::from(xv) - i64::from(sum);
                    if (1..10).contains(&d) {
                        return Some(format!("{x:?} {name} {xv} minus {chosen:?} = {d}"));
                    }
                }
                if i == inner.len() {
                    continue;
                }
                stack.push((i + 1, chosen.clone(), sum));
                let (y, fy) = inner[i];
                if let Some(v) = fy[fi].2
                    && chosen.iter().all(|c| disjoint(*c, *y, *kind))
                {
                    let mut more = chosen.clone();
                    more.push(*y);
                    stack.push((i + 1, more, sum + v));
                }
            }
        }
    }
    None
}

fn total() -> impl Strategy<Value = i64> {
    // One total in each PHQ-9 band, so that bands are small and large by turns.
    prop_oneof![Just(2_i64), Just(7), Just(12), Just(17), Just(23)]
}

fn world() -> impl Strategy<Value = World> {
    (1_usize..=3).prop_flat_map(|businesses| {
        let person = (0..businesses, 1_u8..8, total(), [total(), total(), total()]).prop_map(
            |(business, months, baseline, latest)| Person {
                business,
                months,
                baseline,
                latest,
            },
        );
        (
            prop::collection::vec(person, 0..70),
            prop::collection::vec([0_u32..25, 0..25, 0..25], businesses),
            prop::collection::vec([0_u32..25, 0..25, 0..25], businesses),
        )
            .prop_map(move |(people, issued, consenting)| World {
                businesses,
                people,
                issued: issued.into_iter().collect(),
                consenting: consenting.into_iter().collect(),
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn no_combination_of_reachable_reports_reveals_a_count_of_1_to_9(w in world()) {
        if let Some(leak) = attack(&w) {
            prop_assert!(false, "{leak}");
        }
    }

    #[test]
    fn a_business_month_is_published_as_it_is_alone(w in world()) {
        // Containers yield: the finest report never loses a figure to the reports above it.
        for b in 0..w.businesses {
            for m in 0..3 {
                let (_, groups) = publish(&w, (Some(b), Some(m)));
                let pairs: Vec<(i64, i64)> = w.people.iter()
                    .filter(|p| p.business == b && p.months & (1 << m) != 0)
                    .map(|p| (p.baseline, p.latest[m]))
                    .collect();
                if pairs.is_empty() {
                    prop_assert!(groups.is_empty());
                } else {
                    let alone = stats::group(instruments::get("phq9").unwrap(), &pairs).unwrap();
                    prop_assert_eq!(&groups[0], &alone);
                }
            }
        }
    }
}

fn people(business: usize, count: usize, total: i64) -> Vec<Person> {
    (0..count)
        .map(|_| Person {
            business,
            months: 1,
            baseline: total,
            latest: [total; 3],
        })
        .collect()
}

#[test]
fn a_programme_of_12_and_7_never_reveals_the_7() {
    let mut all = people(0, 12, 12);
    all.extend(people(1, 7, 23));
    let w = World {
        businesses: 2,
        people: all,
        issued: vec![[12, 0, 0], [7, 0, 0]],
        consenting: vec![[12, 12, 12], [7, 7, 7]],
    };
    let (counts, groups) = publish(&w, (None, Some(0)));
    // 19 − 12 would be the 7: the programme hides what the 12 shows.
    assert_eq!(groups[0].n, None);
    assert_eq!(counts.issued, None);
    assert_eq!(counts.active, None);
    let (_, twelve) = publish(&w, (Some(0), Some(0)));
    assert_eq!(twelve[0].n, Some(12));
    assert_eq!(publish(&w, (Some(1), Some(0))).1[0].n, None);
    assert_eq!(attack(&w), None);
}

#[test]
fn a_programme_shows_what_its_hidden_businesses_share_when_they_are_ten_or_more() {
    // 12 + 5 + 6: the two small ones together are 11, as hidden as they are alone.
    let mut all = people(0, 12, 12);
    all.extend(people(1, 5, 12));
    all.extend(people(2, 6, 12));
    let w = World {
        businesses: 3,
        people: all,
        issued: vec![[0; 3]; 3],
        consenting: vec![[0; 3]; 3],
    };
    let (_, groups) = publish(&w, (None, Some(0)));
    assert_eq!(groups[0].n, Some(23));
    assert_eq!(groups[0].bands.get("moderate"), Some(&Some(23)));
    assert_eq!(attack(&w), None);
}

#[test]
fn a_quarter_hides_what_differs_from_a_month_by_1_to_9() {
    // 10 answer in every month, 3 more only in the first month: quarter 13 minus March 10.
    let mut all: Vec<Person> = people(0, 10, 12)
        .into_iter()
        .map(|p| Person { months: 7, ..p })
        .collect();
    all.extend(people(0, 3, 12));
    let w = World {
        businesses: 1,
        people: all,
        issued: vec![[0; 3]],
        consenting: vec![[0; 3]],
    };
    assert_eq!(publish(&w, (Some(0), Some(2))).1[0].n, Some(10));
    assert_eq!(publish(&w, (Some(0), None)).1[0].n, None);
    assert_eq!(attack(&w), None);
}

#[test]
fn safe_against_checks_sums_of_one_value_per_block() {
    assert!(safe_against(30, &[vec![10], vec![10]]));
    assert!(!safe_against(30, &[vec![10, 22], vec![10]]));
    assert!(!safe_against(25, &[vec![12], vec![10]]));
    assert!(safe_against(25, &[vec![12, 10]]));
    // Above the value as well as below it; exactly K apart is safe.
    assert!(!safe_against(10, &[vec![19]]));
    assert!(safe_against(10, &[vec![20], vec![0]]));
    assert!(safe_against(0, &[]));
}
