//! Geometry of the group statistics' chart, pure and tested natively: the baseline-vs-latest
//! band bars, with suppressed cells drawn as outlines. A participant's scores over time use the
//! one chart geometry of both sides, `crate::chart`.

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
