//! Scoring against the shipped instruments: every band edge, caseness, safety, percent,
//! rejections naming the item, reliable change at the exact thresholds, recovery.

use std::collections::BTreeMap;

use content::instruments;
use content::scoring::{
    Change, ChangeError, ReliableChange, Score, ScoreError, change, paired_change, score,
    score_by_id,
};

/// Answers that sum to `total`, filling items in order up to each item's maximum.
fn answers_for(instrument: &str, total: i64) -> BTreeMap<String, i64> {
    let inst = instruments::get(instrument).unwrap();
    let mut left = total;
    let mut out = BTreeMap::new();
    for item in inst.scored_items() {
        let v = left.clamp(item.min, item.max);
        left -= v;
        out.insert(item.id.clone(), v);
    }
    assert_eq!(left, 0, "{instrument} cannot reach {total}");
    out
}

fn total_score(instrument: &str, total: i64) -> Score {
    let inst = instruments::get(instrument).unwrap();
    let s = score(inst, &answers_for(instrument, total)).unwrap();
    assert_eq!(s.total, total);
    s
}

fn band(instrument: &str, total: i64) -> String {
    total_score(instrument, total).band
}

#[test]
fn phq9_band_edges() {
    let cases = [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ];
    for (total, expected) in cases {
        assert_eq!(band("phq9", total), expected, "PHQ-9 total {total}");
    }
}

#[test]
fn phq9_caseness_starts_at_10() {
    assert!(!total_score("phq9", 9).caseness);
    assert!(total_score("phq9", 10).caseness);
    assert!(total_score("phq9", 27).caseness);
}

#[test]
fn gad7_band_edges() {
    let cases = [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ];
    for (total, expected) in cases {
        assert_eq!(band("gad7", total), expected, "GAD-7 total {total}");
    }
}

#[test]
fn gad7_caseness_starts_at_8() {
    assert!(!total_score("gad7", 7).caseness);
    assert!(total_score("gad7", 8).caseness);
}

#[test]
fn phq2_and_gad2_are_positive_from_3() {
    for id in ["phq2", "gad2"] {
        for (total, band_id, case) in [
            (0, "negative", false),
            (2, "negative", false),
            (3, "positive", true),
            (6, "positive", true),
        ] {
            let s = total_score(id, total);
            assert_eq!(s.band, band_id, "{id} total {total}");
            assert_eq!(s.caseness, case, "{id} total {total}");
        }
    }
}

#[test]
fn who5_bands_percent_and_caseness_below_13() {
    let cases = [
        (0, "very_low", true),
        (7, "very_low", true),
        (8, "low", true),
        (12, "low", true),
        (13, "good", false),
        (25, "good", false),
    ];
    for (raw, band_id, case) in cases {
        let s = total_score("who5", raw);
        assert_eq!(s.band, band_id, "WHO-5 raw {raw}");
        assert_eq!(s.caseness, case, "WHO-5 raw {raw}");
        assert_eq!(s.percent, Some(raw * 4), "WHO-5 raw {raw}");
    }
}

#[test]
fn percent_is_only_reported_for_who5() {
    for inst in instruments::all() {
        let s = total_score(&inst.id, 0);
        assert_eq!(s.percent.is_some(), inst.id == "who5", "{}", inst.id);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(
            json.get("percent").is_some(),
            inst.id == "who5",
            "{}",
            inst.id
        );
    }
}

#[test]
fn checkin_has_one_not_graded_band_and_no_caseness() {
    for total in [0, 17, 40] {
        let s = total_score("checkin", total);
        assert_eq!(s.band, "not_graded");
        assert!(!s.caseness);
        assert!(!s.safety);
    }
}

#[test]
fn safety_is_set_by_phq9_item_9_above_0_whatever_the_total() {
    let mut answers: BTreeMap<String, i64> = (1..=9).map(|n| (format!("phq9.{n}"), 0)).collect();
    let phq9 = instruments::get("phq9").unwrap();
    let s = score(phq9, &answers).unwrap();
    assert!(!s.safety);
    answers.insert("phq9.9".into(), 1);
    let s = score(phq9, &answers).unwrap();
    assert!(s.safety, "item 9 = 1 with total 1");
    assert_eq!(s.total, 1);
    assert_eq!(s.band, "minimal");
    // Other items do not raise the flag, however high.
    let mut high = answers_for("phq9", 24);
    high.insert("phq9.9".into(), 0);
    assert!(!score(phq9, &high).unwrap().safety);
}

#[test]
fn only_phq9_item_9_is_a_safety_item() {
    let safety: Vec<&str> = instruments::all()
        .iter()
        .flat_map(|i| i.items.iter())
        .filter(|i| i.safety)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(safety, ["phq9.9"]);
}

#[test]
fn phq9_difficulty_item_is_optional_unscored_and_still_checked() {
    let phq9 = instruments::get("phq9").unwrap();
    let mut answers = answers_for("phq9", 12);
    let without = score(phq9, &answers).unwrap();
    answers.insert("phq9.10".into(), 3);
    let with = score(phq9, &answers).unwrap();
    assert_eq!(without, with, "phq9.10 does not count");
    answers.insert("phq9.10".into(), 4);
    assert_eq!(
        score(phq9, &answers).unwrap_err(),
        ScoreError::OutOfScale {
            item: "phq9.10".into(),
            value: 4,
            min: 0,
            max: 3
        }
    );
}

#[test]
fn missing_scored_item_is_rejected_naming_it() {
    let mut answers = answers_for("gad7", 5);
    answers.remove("gad7.4");
    let err = score_by_id("gad7", "1.0.0", &answers).unwrap_err();
    assert_eq!(
        err,
        ScoreError::MissingItem {
            item: "gad7.4".into()
        }
    );
    assert_eq!(err.item(), Some("gad7.4"));
    assert_eq!(err.code(), "missing_item");
    assert!(err.to_string().contains("gad7.4"), "{err}");
}

#[test]
fn value_outside_the_scale_is_rejected_naming_it() {
    let mut answers = answers_for("phq9", 0);
    answers.insert("phq9.3".into(), 4);
    let err = score_by_id("phq9", "1.0.0", &answers).unwrap_err();
    assert_eq!(
        err,
        ScoreError::OutOfScale {
            item: "phq9.3".into(),
            value: 4,
            min: 0,
            max: 3
        }
    );
    assert_eq!(err.to_string(), "item phq9.3: 4 is outside the scale 0..=3");
    answers.insert("phq9.3".into(), -1);
    assert_eq!(
        score_by_id("phq9", "1.0.0", &answers).unwrap_err().item(),
        Some("phq9.3")
    );
    let mut who5 = answers_for("who5", 0);
    who5.insert("who5.2".into(), 6);
    assert_eq!(
        score_by_id("who5", "1.0.0", &who5).unwrap_err(),
        ScoreError::OutOfScale {
            item: "who5.2".into(),
            value: 6,
            min: 0,
            max: 5
        }
    );
}

#[test]
fn unknown_item_is_rejected_naming_it() {
    let mut answers = answers_for("gad2", 1);
    answers.insert("gad7.3".into(), 1);
    let err = score_by_id("gad2", "1.0.0", &answers).unwrap_err();
    assert_eq!(
        err,
        ScoreError::UnknownItem {
            instrument: "gad2".into(),
            item: "gad7.3".into()
        }
    );
    assert!(err.to_string().contains("gad7.3"));
    assert_eq!(err.code(), "unknown_item");
}

#[test]
fn unknown_instrument_and_wrong_version_are_rejected() {
    let answers = answers_for("phq9", 3);
    assert_eq!(
        score_by_id("bdi", "1.0.0", &answers).unwrap_err(),
        ScoreError::UnknownInstrument {
            instrument: "bdi".into()
        }
    );
    let err = score_by_id("phq9", "0.9.0", &answers).unwrap_err();
    assert_eq!(
        err,
        ScoreError::UnknownVersion {
            instrument: "phq9".into(),
            version: "0.9.0".into(),
            current: "1.0.0".into()
        }
    );
    assert_eq!(err.code(), "unknown_version");
}

#[test]
fn score_serialises_exactly_as_spec() {
    let s = total_score("phq9", 12);
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"instrument":"phq9","version":"1.0.0","total":12,"band":"moderate","caseness":true,"safety":false}"#
    );
    let w = total_score("who5", 13);
    assert_eq!(
        serde_json::to_string(&w).unwrap(),
        r#"{"instrument":"who5","version":"1.0.0","total":13,"band":"good","caseness":false,"safety":false,"percent":52}"#
    );
    let back: Score = serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
    assert_eq!(back, w);
}

fn ch(instrument: &str, baseline: i64, latest: i64) -> Change {
    change(
        &total_score(instrument, baseline),
        &total_score(instrument, latest),
    )
    .unwrap()
}

#[test]
fn phq9_reliable_change_is_6_points_in_either_direction() {
    assert_eq!(
        ch("phq9", 15, 10).reliable,
        ReliableChange::NoReliableChange,
        "−5"
    );
    assert_eq!(ch("phq9", 15, 9).reliable, ReliableChange::Improved, "−6");
    assert_eq!(
        ch("phq9", 10, 15).reliable,
        ReliableChange::NoReliableChange,
        "+5"
    );
    assert_eq!(
        ch("phq9", 10, 16).reliable,
        ReliableChange::Deteriorated,
        "+6"
    );
    assert_eq!(ch("phq9", 15, 9).delta, -6);
}

#[test]
fn gad7_reliable_change_is_4_points_in_either_direction() {
    assert_eq!(
        ch("gad7", 12, 9).reliable,
        ReliableChange::NoReliableChange,
        "−3"
    );
    assert_eq!(ch("gad7", 12, 8).reliable, ReliableChange::Improved, "−4");
    assert_eq!(
        ch("gad7", 8, 11).reliable,
        ReliableChange::NoReliableChange,
        "+3"
    );
    assert_eq!(
        ch("gad7", 8, 12).reliable,
        ReliableChange::Deteriorated,
        "+4"
    );
}

#[test]
fn who5_improvement_is_an_increase_of_3_raw_points() {
    assert_eq!(
        ch("who5", 8, 10).reliable,
        ReliableChange::NoReliableChange,
        "+2 raw = +8 %"
    );
    assert_eq!(
        ch("who5", 8, 11).reliable,
        ReliableChange::Improved,
        "+3 raw = +12 %"
    );
    assert_eq!(
        ch("who5", 15, 12).reliable,
        ReliableChange::Deteriorated,
        "−3 raw"
    );
    let r = ch("who5", 10, 14);
    assert!(
        r.recovered && r.reliable_recovery,
        "raw 10 (case) → 14 (not), +4"
    );
}

#[test]
fn screens_and_checkin_make_no_reliable_change_claim() {
    assert_eq!(ch("phq2", 6, 0).reliable, ReliableChange::NotApplicable);
    assert_eq!(ch("gad2", 0, 6).reliable, ReliableChange::NotApplicable);
    assert_eq!(ch("checkin", 0, 40).reliable, ReliableChange::NotApplicable);
    assert!(
        ch("phq2", 4, 1).recovered,
        "recovery still follows caseness"
    );
    assert!(!ch("phq2", 4, 1).reliable_recovery);
}

#[test]
fn recovery_needs_baseline_caseness_and_latest_below_it() {
    // Recovered, and reliably improved.
    let c = ch("phq9", 16, 9);
    assert!(c.recovered && c.reliable_recovery);
    // Recovered without reliable improvement (10 → 9).
    let c = ch("phq9", 10, 9);
    assert!(c.recovered);
    assert!(!c.reliable_recovery);
    // Reliable improvement that stays at caseness is not recovery.
    let c = ch("phq9", 20, 14);
    assert_eq!(c.reliable, ReliableChange::Improved);
    assert!(!c.recovered && !c.reliable_recovery);
    // Not at caseness at baseline: nothing to recover from.
    let c = ch("gad7", 7, 0);
    assert_eq!(c.reliable, ReliableChange::Improved);
    assert!(!c.recovered);
    // GAD-7 edge: 8 is caseness, 7 is not.
    assert!(ch("gad7", 8, 7).recovered);
    assert!(!ch("gad7", 9, 8).recovered);
}

#[test]
fn change_between_different_instruments_is_an_error() {
    let err = change(&total_score("phq9", 3), &total_score("gad7", 3)).unwrap_err();
    assert_eq!(
        err,
        ChangeError::DifferentInstruments {
            baseline: "phq9".into(),
            latest: "gad7".into()
        }
    );
}

#[test]
fn paired_outcome_follows_nhs_talking_therapies() {
    let p = |d: (i64, i64), a: (i64, i64)| {
        let (d0, d1) = (total_score("phq9", d.0), total_score("phq9", d.1));
        let (a0, a1) = (total_score("gad7", a.0), total_score("gad7", a.1));
        paired_change((&d0, &d1), (&a0, &a1)).unwrap()
    };
    // Depression case only at baseline; both below at the end; PHQ-9 reliably better.
    let r = p((14, 6), (6, 5));
    assert_eq!(r.reliable, ReliableChange::Improved);
    assert!(r.recovered && r.reliable_recovery);
    // Still at caseness on GAD-7 at the end: not recovered.
    let r = p((14, 6), (9, 8));
    assert!(!r.recovered);
    // Improvement on one, deterioration on the other: deterioration.
    let r = p((14, 6), (2, 6));
    assert_eq!(r.reliable, ReliableChange::Deteriorated);
    assert!(!r.reliable_recovery);
    // Neither reliably changed.
    assert_eq!(
        p((12, 8), (9, 7)).reliable,
        ReliableChange::NoReliableChange
    );
}

#[test]
fn paired_outcome_is_not_applicable_only_when_neither_measure_has_a_reliable_change_index() {
    // PHQ-2 and GAD-2 are screeners without a reliable change index.
    let pair = |d: (&str, i64, i64), a: (&str, i64, i64)| {
        let (d0, d1) = (total_score(d.0, d.1), total_score(d.0, d.2));
        let (a0, a1) = (total_score(a.0, a.1), total_score(a.0, a.2));
        paired_change((&d0, &d1), (&a0, &a1)).unwrap().reliable
    };
    assert_eq!(
        pair(("phq2", 5, 1), ("gad2", 4, 1)),
        ReliableChange::NotApplicable
    );
    // One measure that can say and did not move reliably: no reliable change, not "not applicable".
    assert_eq!(
        pair(("phq2", 5, 1), ("gad7", 9, 7)),
        ReliableChange::NoReliableChange
    );
    assert_eq!(
        pair(("phq9", 12, 8), ("gad2", 4, 1)),
        ReliableChange::NoReliableChange
    );
}
