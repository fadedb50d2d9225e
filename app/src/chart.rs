//! Score-over-time chart geometry (SPEC §3.5, §4.4), one for both sides: a participant's history
//! and their professional's view of the same scores are the same plot. Time runs along the x
//! axis, scaled by the real dates (first answer to last); the y axis is the instrument's score
//! range with its severity bands as rectangles; each point carries its reliable change against
//! the first one. The x axis names the first and the last day, which the pages write with the
//! one date formatter, `content::dates`. Pure and tested natively; `pages::history` and
//! `staff::participant` draw it as SVG, the staff side with its own marks.

use content::model::Instrument;
use content::scoring::{ReliableChange, Score, change_for};

pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 200.0;
pub const LEFT: f64 = 34.0;
pub const RIGHT: f64 = 14.0;
pub const TOP: f64 = 10.0;
pub const BOTTOM: f64 = 24.0;

#[derive(Debug, Clone, PartialEq)]
pub struct BandRect {
    pub index: usize,
    pub id: String,
    pub y: f64,
    pub height: f64,
}

impl BandRect {
    /// The band's colour class (`band-0` … `band-4`, the last one for any further band).
    pub fn class(&self) -> String {
        format!("band band-{}", self.index.min(4))
    }
}

/// How label `i` of `n` under the x axis sits: one answer's day centred under it; of two, the
/// first starts and the last ends at its point, so neither runs off the plot.
pub fn x_label_anchor(i: usize, n: usize) -> &'static str {
    match (i, n) {
        (_, 1) => "middle",
        (0, _) => "start",
        _ => "end",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub total: i64,
    pub band: String,
    /// The day in the deployment's time zone, `YYYY-MM-DD`.
    pub date: String,
    /// Against the first response; `None` for the first point itself.
    pub reliable: Option<ReliableChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub bands: Vec<BandRect>,
    pub points: Vec<Point>,
    /// SVG path through the points (`M x y L x y …`), empty below two points.
    pub line: String,
    /// Y axis ticks: (y, value).
    pub ticks: Vec<(f64, i64)>,
    /// X axis labels under the plot: (x, `YYYY-MM-DD`) of the first and the last answer, written
    /// for people with `content::dates::date_of_text`.
    pub x_labels: Vec<(f64, String)>,
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// `entries` are (completed_at in ms, score), oldest first.
pub fn build(instrument: &Instrument, entries: &[(i64, Score)]) -> Chart {
    let (min, max) = instrument.score_range();
    let span = (max - min).max(1) as f64;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - RIGHT;
    let y_of = |v: f64| round(TOP + (max as f64 - v) / span * plot_h);
    let clamp = |v: f64| v.clamp(min as f64, max as f64);

    let bands = instrument
        .bands
        .iter()
        .enumerate()
        .map(|(index, b)| {
            let top = y_of(clamp(b.max as f64 + 0.5));
            let bottom = y_of(clamp(b.min as f64 - 0.5));
            BandRect {
                index,
                id: b.id.clone(),
                y: top,
                height: round(bottom - top),
            }
        })
        .collect();

    let first = entries.first().map(|e| e.0).unwrap_or(0);
    let last = entries.last().map(|e| e.0).unwrap_or(0);
    let n = entries.len();
    let x_of = |i: usize, t: i64| -> f64 {
        let frac = if n <= 1 {
            0.5
        } else if last > first {
            (t - first) as f64 / (last - first) as f64
        } else {
            i as f64 / (n - 1) as f64
        };
        round(LEFT + 8.0 + frac * (plot_w - 16.0))
    };
    let baseline = entries.first().map(|e| &e.1);
    let points: Vec<Point> = entries
        .iter()
        .enumerate()
        .map(|(i, (t, s))| Point {
            x: x_of(i, *t),
            y: y_of(s.total as f64),
            total: s.total,
            band: s.band.clone(),
            date: content::dates::local_day(*t),
            reliable: match (i, baseline) {
                (0, _) | (_, None) => None,
                (_, Some(b)) => Some(change_for(instrument, b, s).reliable),
            },
        })
        .collect();
    let line = if points.len() < 2 {
        String::new()
    } else {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}{} {}", if i == 0 { "M" } else { "L" }, p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut ticks: Vec<i64> = instrument.bands.iter().map(|b| b.min).collect();
    ticks.push(max);
    ticks.dedup();
    let mut x_labels: Vec<(f64, String)> = points
        .first()
        .into_iter()
        .chain(points.last())
        .map(|p| (p.x, p.date.clone()))
        .collect();
    x_labels.dedup_by(|a, b| a.1 == b.1);
    Chart {
        bands,
        points,
        line,
        ticks: ticks.into_iter().map(|v| (y_of(v as f64), v)).collect(),
        x_labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::scoring::score;
    use std::collections::BTreeMap;

    fn phq9_score(total_per_item: i64) -> Score {
        let inst = content::instruments::get("phq9").unwrap();
        let answers: BTreeMap<String, i64> = (1..=9)
            .map(|i| (format!("phq9.{i}"), total_per_item))
            .collect();
        score(inst, &answers).unwrap()
    }

    #[test]
    fn bands_tile_the_plot_from_top_to_bottom() {
        let inst = content::instruments::get("phq9").unwrap();
        let c = build(inst, &[]);
        assert_eq!(c.bands.len(), 5);
        let top = c.bands.iter().map(|b| b.y).fold(f64::MAX, f64::min);
        let bottom = c.bands.iter().map(|b| b.y + b.height).fold(0.0, f64::max);
        assert!((top - TOP).abs() < 0.2);
        assert!((bottom - (HEIGHT - BOTTOM)).abs() < 0.2);
        // Severe (20–27) is above minimal (0–4).
        assert!(c.bands[4].y < c.bands[0].y);
        assert!(c.line.is_empty());
    }

    #[test]
    fn points_are_placed_in_time_and_marked_for_reliable_change() {
        let inst = content::instruments::get("phq9").unwrap();
        let day = content::time::DAY_MS;
        let c = build(
            inst,
            &[
                (0, phq9_score(2)),
                (7 * day, phq9_score(2)),
                (14 * day, phq9_score(1)),
            ],
        );
        assert_eq!(c.points.len(), 3);
        assert!(c.points[0].x < c.points[1].x && c.points[1].x < c.points[2].x);
        assert!((c.points[1].x - (c.points[0].x + c.points[2].x) / 2.0).abs() < 0.2);
        // 18 → 9 is an improvement of 9 ≥ 6.
        assert_eq!(c.points[0].reliable, None);
        assert_eq!(c.points[1].reliable, Some(ReliableChange::NoReliableChange));
        assert_eq!(c.points[2].reliable, Some(ReliableChange::Improved));
        assert!(c.points[2].y > c.points[0].y);
        assert!(c.line.starts_with("M"));
        assert_eq!(c.points[2].date, "1970-01-15");
    }

    #[test]
    fn a_single_point_sits_in_the_middle_and_same_time_points_spread() {
        let inst = content::instruments::get("phq9").unwrap();
        let one = build(inst, &[(5, phq9_score(0))]);
        assert!((one.points[0].x - (LEFT + (WIDTH - LEFT - RIGHT) / 2.0)).abs() < 0.2);
        let two = build(inst, &[(5, phq9_score(0)), (5, phq9_score(3))]);
        assert!(two.points[0].x < two.points[1].x);
        assert!(!two.ticks.is_empty());
    }

    #[test]
    fn the_time_axis_names_the_first_and_last_day() {
        let inst = content::instruments::get("phq9").unwrap();
        let day = 24 * 3600 * 1000;
        let c = build(
            inst,
            &[(day * 20_000, phq9_score(2)), (day * 20_014, phq9_score(1))],
        );
        let days: Vec<_> = c.x_labels.iter().map(|l| l.1.as_str()).collect();
        assert_eq!(days, ["2024-10-04", "2024-10-18"]);
        assert!(c.x_labels[0].0 < c.x_labels[1].0);
        let one = build(inst, &[(day * 20_000, phq9_score(2))]);
        assert_eq!(one.x_labels.len(), 1);
        assert_eq!(x_label_anchor(0, 1), "middle");
        assert_eq!(
            [x_label_anchor(0, 2), x_label_anchor(1, 2)],
            ["start", "end"]
        );
        assert_eq!(c.bands[4].class(), "band band-4");
    }

    /// `total` spread over the items, 3 at most each.
    fn phq9(total: i64) -> Score {
        let inst = content::instruments::get("phq9").unwrap();
        let mut answers = BTreeMap::new();
        let mut left = total;
        for i in 1..=9 {
            let v = left.min(3);
            left -= v;
            answers.insert(format!("phq9.{i}"), v);
        }
        score(inst, &answers).unwrap()
    }

    fn ms(day: &str) -> i64 {
        content::time::parse_ms(&format!("{day}T00:00:00Z")).unwrap()
    }

    #[test]
    fn bands_tile_the_plot_and_points_fall_inside_their_band() {
        let inst = content::instruments::get("phq9").unwrap();
        let c = build(
            inst,
            &[(ms("2025-01-01"), phq9(18)), (ms("2025-02-01"), phq9(8))],
        );
        assert_eq!(c.bands.len(), 5);
        let top = c.bands.iter().map(|b| b.y).fold(f64::MAX, f64::min);
        let total: f64 = c.bands.iter().map(|b| b.height).sum();
        assert!((top - TOP).abs() < 1e-9 && (total - (HEIGHT - TOP - BOTTOM)).abs() < 1e-9);
        for p in &c.points {
            let band = c.bands.iter().find(|b| b.id == p.band).unwrap();
            assert!(
                p.y >= band.y && p.y <= band.y + band.height,
                "{p:?} {band:?}"
            );
        }
        assert_eq!(c.points[0].reliable, None);
        assert_eq!(c.points[1].reliable, Some(ReliableChange::Improved));
        assert!(c.points[0].x < c.points[1].x);
        assert!(c.line.starts_with('M') && c.line.contains(" L"));
        assert_eq!(c.ticks.last().map(|t| t.1), Some(27));
    }

    #[test]
    fn one_point_is_centred_and_has_no_line() {
        let inst = content::instruments::get("phq9").unwrap();
        let c = build(inst, &[(ms("2025-01-01"), phq9(4))]);
        assert_eq!(c.points.len(), 1);
        assert!((c.points[0].x - (LEFT + (WIDTH - LEFT - RIGHT) / 2.0)).abs() < 1e-9);
        assert!(c.line.is_empty());
    }
}
