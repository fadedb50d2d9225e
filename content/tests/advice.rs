//! The result page's advice: safety first, never "below the level for help" after a safety
//! answer, GP soon for the two highest PHQ-9 bands, wellbeing worded in its own direction.

use std::collections::BTreeMap;

use content::advice::{Advice, advice};
use content::instruments;
use content::scoring::score;

fn phq9(item9: i64, others: i64) -> Vec<Advice> {
    let inst = instruments::get("phq9").unwrap();
    let mut answers = BTreeMap::new();
    let mut left = others;
    for i in 1..=8 {
        let v = left.min(3);
        left -= v;
        answers.insert(format!("phq9.{i}"), v);
    }
    assert_eq!(left, 0);
    answers.insert("phq9.9".into(), item9);
    advice(inst, &score(inst, &answers).unwrap())
}

fn total(instrument: &str, total: i64) -> Vec<Advice> {
    let inst = instruments::get(instrument).unwrap();
    let mut answers = BTreeMap::new();
    let mut left = total;
    for item in inst.scored_items() {
        let v = left.clamp(item.min, item.max);
        left -= v;
        answers.insert(item.id.clone(), v);
    }
    advice(inst, &score(inst, &answers).unwrap())
}

#[test]
fn a_safety_answer_with_a_low_total_is_never_told_it_is_below_the_level_for_help() {
    // Item 9 = 1 and total 3: the case the clinical review found.
    assert_eq!(phq9(1, 2), vec![Advice::SafetyFirst]);
    assert_eq!(phq9(3, 0), vec![Advice::SafetyFirst]);
    for others in 0..=6 {
        assert!(!phq9(1, others).contains(&Advice::BelowCutoff), "{others}");
    }
}

#[test]
fn without_a_safety_answer_a_low_phq9_is_below_the_cutoff() {
    assert_eq!(phq9(0, 3), vec![Advice::BelowCutoff]);
    assert_eq!(phq9(0, 9), vec![Advice::BelowCutoff]);
    assert_eq!(phq9(0, 10), vec![Advice::AtOrAboveCutoff]);
}

#[test]
fn moderately_severe_and_severe_advise_the_gp_soon() {
    assert_eq!(phq9(0, 14), vec![Advice::AtOrAboveCutoff]);
    assert_eq!(
        phq9(0, 15),
        vec![Advice::AtOrAboveCutoff, Advice::ContactGpSoon]
    );
    assert_eq!(
        phq9(2, 22),
        vec![
            Advice::SafetyFirst,
            Advice::AtOrAboveCutoff,
            Advice::ContactGpSoon
        ]
    );
    // GAD-7 "severe" (15–21) too.
    assert_eq!(
        total("gad7", 15),
        vec![Advice::AtOrAboveCutoff, Advice::ContactGpSoon]
    );
    assert_eq!(total("gad7", 14), vec![Advice::AtOrAboveCutoff]);
}

#[test]
fn wellbeing_is_worded_in_the_direction_of_its_scale() {
    assert_eq!(total("who5", 12), vec![Advice::LowWellbeing]);
    assert_eq!(total("who5", 0), vec![Advice::LowWellbeing]);
    assert_eq!(total("who5", 13), vec![Advice::GoodWellbeing]);
}

#[test]
fn the_check_in_has_no_cutoff_and_no_advice() {
    assert_eq!(total("checkin", 20), vec![]);
}

#[test]
fn screening_scales_use_their_cutoff() {
    assert_eq!(total("phq2", 3), vec![Advice::AtOrAboveCutoff]);
    assert_eq!(total("phq2", 2), vec![Advice::BelowCutoff]);
}

#[test]
fn the_safety_flag_carries_the_day_of_the_latest_flagged_answer_in_oslo() {
    use content::advice::safety_day;
    let day = |s: &str| content::time::parse_ms(s).unwrap();
    assert_eq!(safety_day([]), None);
    assert_eq!(safety_day([(day("2026-03-01T10:00:00Z"), false)]), None);
    // The latest flagged answer wins, not the latest answer.
    let answers = [
        (day("2026-03-01T10:00:00Z"), true),
        (day("2026-05-01T10:00:00Z"), true),
        (day("2026-09-01T10:00:00Z"), false),
    ];
    assert_eq!(safety_day(answers).as_deref(), Some("2026-05-01"));
    // 23:30 UTC on 1 June is 2 June in Oslo.
    assert_eq!(
        safety_day([(day("2026-06-01T23:30:00Z"), true)]).as_deref(),
        Some("2026-06-02")
    );
}
