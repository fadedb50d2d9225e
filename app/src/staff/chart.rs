//! Geometry of the staff charts, pure and tested natively: a participant's scores over time
//! with the instrument's severity bands shaded and reliable change against the first answer,
//! and the baseline-vs-latest band bars of the group statistics.

use content::model::Instrument;
use content::scoring::{ReliableChange, Score, change_for};

pub const W: f64 = 480.0;
pub const H: f64 = 220.0;
pub const LEFT: f64 = 36.0;
pub const RIGHT: f64 = 16.0;
pub const TOP: f64 = 12.0;
pub const BOTTOM: f64 = 28.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Position in the instrument's band list (colour class `staff-band-{index}`).
    pub index: usize,
    pub id: String,
    pub y: f64,
    pub height: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub total: i64,
    pub band: String,
    pub date: String,
    /// Against the first answer; `None` for the first one.
    pub reliable: Option<ReliableChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreChart {
    pub bands: Vec<Band>,
    pub points: Vec<Point>,
    /// `M x y L x y …`, empty below two points.
    pub line: String,
    /// (y, value) for the axis labels: each band's lower bound and the maximum.
    pub ticks: Vec<(f64, i64)>,
}

fn scale_max(instrument: &Instrument) -> i64 {
    instrument
        .bands
        .iter()
        .map(|b| b.max)
        .max()
        .unwrap_or(1)
        .max(1)
}

fn y_of(value: i64, max: i64) -> f64 {
    let plot = H - TOP - BOTTOM;
    TOP + plot * (1.0 - value.clamp(0, max) as f64 / max as f64)
}

/// `scores` oldest first, with their RFC 3339 times.
pub fn score_chart(instrument: &Instrument, scores: &[(String, Score)]) -> ScoreChart {
    let max = scale_max(instrument);
    let bands = instrument
        .bands
        .iter()
        .enumerate()
        .map(|(index, b)| {
            // A band covers [min, max + 1) on the continuous axis, so bands touch.
            let top = y_of((b.max + 1).min(max), max);
            let bottom = y_of(b.min, max);
            Band {
                index,
                id: b.id.clone(),
                y: top,
                height: (bottom - top).max(0.0),
            }
        })
        .collect();
    let plot_w = W - LEFT - RIGHT;
    let n = scores.len();
    let first = scores.first().map(|s| &s.1);
    let points: Vec<Point> = scores
        .iter()
        .enumerate()
        .map(|(i, (date, score))| Point {
            x: if n <= 1 {
                LEFT + plot_w / 2.0
            } else {
                LEFT + plot_w * i as f64 / (n - 1) as f64
            },
            y: y_of(score.total, max),
            total: score.total,
            band: score.band.clone(),
            date: date.clone(),
            reliable: match (i, first) {
                (0, _) | (_, None) => None,
                (_, Some(f)) => Some(change_for(instrument, f, score).reliable),
            },
        })
        .collect();
    let line = if points.len() < 2 {
        String::new()
    } else {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}{:.1} {:.1}", if i == 0 { "M" } else { " L" }, p.x, p.y))
            .collect()
    };
    let mut ticks: Vec<(f64, i64)> = instrument
        .bands
        .iter()
        .map(|b| (y_of(b.min, max), b.min))
        .collect();
    ticks.push((y_of(max, max), max));
    ticks.dedup_by_key(|t| t.1);
    ScoreChart {
        bands,
        points,
        line,
        ticks,
    }
}

pub const BAR_W: f64 = 480.0;
pub const BAR_H: f64 = 200.0;
const BAR_TOP: f64 = 12.0;
const BAR_BOTTOM: f64 = 40.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `None`: suppressed, drawn as an outline only.
    pub count: Option<u32>,
    /// 0 = baseline, 1 = latest.
    pub series: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    pub band: String,
    /// Centre of the group, for the band label.
    pub label_x: f64,
    pub bars: [Bar; 2],
}

/// The y of the bars' base line.
pub const fn bar_base() -> f64 {
    BAR_H - BAR_BOTTOM
}

/// One group per band: baseline and latest counts side by side, scaled to the largest shown
/// count. Suppressed counts get a short outlined stub so the gap is visible, never a height.
pub fn band_bars(bands: &[(String, Option<u32>, Option<u32>)]) -> Vec<BarGroup> {
    let max = bands
        .iter()
        .flat_map(|b| [b.1, b.2])
        .flatten()
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = (BAR_W - 2.0 * 8.0) / bands.len().max(1) as f64;
    let bar_w = (slot - 12.0) / 2.0;
    let plot_h = bar_base() - BAR_TOP;
    bands
        .iter()
        .enumerate()
        .map(|(i, (band, base, latest))| {
            let x0 = 8.0 + slot * i as f64 + 6.0;
            let bar = |series: usize, count: Option<u32>| {
                let height = match count {
                    Some(c) => plot_h * f64::from(c) / f64::from(max),
                    None => 4.0,
                };
                Bar {
                    x: x0 + bar_w * series as f64,
                    y: bar_base() - height,
                    width: bar_w,
                    height,
                    count,
                    series,
                }
            };
            BarGroup {
                band: band.clone(),
                label_x: x0 + bar_w,
                bars: [bar(0, *base), bar(1, *latest)],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn phq9(total: i64) -> Score {
        let inst = content::instruments::get("phq9").unwrap();
        let mut answers = BTreeMap::new();
        let mut left = total;
        for i in 1..=9 {
            let v = left.min(3);
            left -= v;
            answers.insert(format!("phq9.{i}"), v);
        }
        content::scoring::score(inst, &answers).unwrap()
    }

    #[test]
    fn bands_tile_the_plot_and_points_fall_inside_their_band() {
        let inst = content::instruments::get("phq9").unwrap();
        let c = score_chart(
            inst,
            &[
                ("2025-01-01".into(), phq9(18)),
                ("2025-02-01".into(), phq9(8)),
            ],
        );
        assert_eq!(c.bands.len(), 5);
        let top = c.bands.iter().map(|b| b.y).fold(f64::MAX, f64::min);
        let total: f64 = c.bands.iter().map(|b| b.height).sum();
        assert!((top - TOP).abs() < 1e-9 && (total - (H - TOP - BOTTOM)).abs() < 1e-9);
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
        let c = score_chart(inst, &[("2025-01-01".into(), phq9(4))]);
        assert_eq!(c.points.len(), 1);
        assert!((c.points[0].x - (LEFT + (W - LEFT - RIGHT) / 2.0)).abs() < 1e-9);
        assert!(c.line.is_empty());
    }

    #[test]
    fn bars_scale_to_the_largest_count_and_suppressed_cells_have_no_height() {
        let g = band_bars(&[
            ("minimal".into(), Some(20), Some(10)),
            ("mild".into(), None, Some(0)),
        ]);
        assert_eq!(g.len(), 2);
        let full = bar_base() - BAR_TOP;
        assert!((g[0].bars[0].height - full).abs() < 1e-9);
        assert!((g[0].bars[1].height - full / 2.0).abs() < 1e-9);
        assert_eq!(g[1].bars[0].count, None);
        assert!(g[1].bars[0].height <= 4.0);
        assert_eq!(g[1].bars[1].height, 0.0);
        assert!(g[0].bars[1].x + g[0].bars[1].width <= g[1].bars[0].x);
    }
}
