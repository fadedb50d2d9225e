//! The shipped content itself: stable ids exactly as SPEC §5, LOINC codes, rules, translation
//! marks, and two complete coping tools using every step type.

use std::collections::{BTreeMap, BTreeSet};

use content::model::{Caseness, Direction, Step, TranslationStatus};
use content::{Lang, instruments, plans, tools};

#[test]
fn the_six_instruments_ship_with_the_stable_ids_of_the_spec() {
    let ids: BTreeSet<&str> = instruments::all().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from(["phq9", "gad7", "phq2", "gad2", "who5", "checkin"])
    );
    let items = |id: &str| -> Vec<String> {
        instruments::get(id)
            .unwrap()
            .items
            .iter()
            .map(|i| i.id.clone())
            .collect()
    };
    let seq = |p: &str, n: usize| -> Vec<String> { (1..=n).map(|i| format!("{p}.{i}")).collect() };
    assert_eq!(items("phq9"), seq("phq9", 10));
    assert_eq!(items("gad7"), seq("gad7", 7));
    assert_eq!(items("phq2"), seq("phq2", 2));
    assert_eq!(items("gad2"), seq("gad2", 2));
    assert_eq!(items("who5"), seq("who5", 5));
    assert_eq!(items("checkin"), seq("checkin", 4));
    let phq9 = instruments::get("phq9").unwrap();
    assert!(
        !phq9.item("phq9.10").unwrap().scored,
        "difficulty item is unscored"
    );
    assert_eq!(phq9.scored_items().count(), 9);
}

/// What SPEC §5 fixes for one instrument.
struct Expected {
    id: &'static str,
    range: (i64, i64),
    bands: &'static [&'static str],
    caseness: Option<Caseness>,
    reliable_change: Option<i64>,
    direction: Direction,
}

#[test]
fn score_ranges_bands_and_rules_match_the_spec() {
    use Direction::*;
    let expected = [
        Expected {
            id: "phq9",
            range: (0, 27),
            bands: &["minimal", "mild", "moderate", "moderately_severe", "severe"],
            caseness: Some(Caseness::AtLeast(10)),
            reliable_change: Some(6),
            direction: HigherIsWorse,
        },
        Expected {
            id: "gad7",
            range: (0, 21),
            bands: &["minimal", "mild", "moderate", "severe"],
            caseness: Some(Caseness::AtLeast(8)),
            reliable_change: Some(4),
            direction: HigherIsWorse,
        },
        Expected {
            id: "phq2",
            range: (0, 6),
            bands: &["negative", "positive"],
            caseness: Some(Caseness::AtLeast(3)),
            reliable_change: None,
            direction: HigherIsWorse,
        },
        Expected {
            id: "gad2",
            range: (0, 6),
            bands: &["negative", "positive"],
            caseness: Some(Caseness::AtLeast(3)),
            reliable_change: None,
            direction: HigherIsWorse,
        },
        Expected {
            id: "who5",
            range: (0, 25),
            bands: &["very_low", "low", "good"],
            caseness: Some(Caseness::Below(13)),
            reliable_change: Some(3),
            direction: HigherIsBetter,
        },
        Expected {
            id: "checkin",
            range: (0, 40),
            bands: &["not_graded"],
            caseness: None,
            reliable_change: None,
            direction: HigherIsBetter,
        },
    ];
    for e in expected {
        let i = instruments::get(e.id).unwrap();
        assert_eq!(i.score_range(), e.range, "{}", e.id);
        let bands: Vec<&str> = i.bands.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(bands, e.bands, "{}", e.id);
        assert_eq!(i.caseness, e.caseness, "{}", e.id);
        assert_eq!(i.reliable_change, e.reliable_change, "{}", e.id);
        assert_eq!(i.direction, e.direction, "{}", e.id);
        assert_eq!(i.version, "1.0.0");
    }
    assert_eq!(
        instruments::get("who5").unwrap().scoring.percent_multiplier,
        Some(4)
    );
}

#[test]
fn loinc_codes_are_the_known_ones() {
    let phq9 = instruments::get("phq9").unwrap();
    assert_eq!(phq9.loinc_panel.as_deref(), Some("44249-1"));
    assert_eq!(phq9.loinc_total.as_deref(), Some("44261-6"));
    let codes: Vec<Option<&str>> = phq9.items.iter().map(|i| i.loinc.as_deref()).collect();
    assert_eq!(
        codes,
        [
            "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
            "44260-8", "69722-7"
        ]
        .map(Some)
    );
    let gad7 = instruments::get("gad7").unwrap();
    assert_eq!(gad7.loinc_panel.as_deref(), Some("69737-5"));
    assert_eq!(gad7.loinc_total.as_deref(), Some("70274-6"));
    let codes: Vec<Option<&str>> = gad7.items.iter().map(|i| i.loinc.as_deref()).collect();
    assert_eq!(
        codes,
        [
            "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"
        ]
        .map(Some)
    );
    assert_eq!(
        instruments::get("phq2").unwrap().loinc_total.as_deref(),
        Some("55758-7")
    );
    let who5 = instruments::get("who5").unwrap();
    assert!(who5.loinc_panel.is_none() && who5.loinc_total.is_none());
}

#[test]
fn validated_instruments_are_marked_as_working_translations() {
    for id in ["phq9", "gad7", "phq2", "gad2", "who5"] {
        let i = instruments::get(id).unwrap();
        assert_eq!(i.translation.status, TranslationStatus::Working, "{id}");
        assert!(i.is_working_translation());
        let note = i.translation.note.as_ref().unwrap();
        assert!(
            note.get(Lang::En)
                .contains("not the validated official Norwegian version"),
            "{id}"
        );
        assert!(
            note.get(Lang::Nb)
                .contains("ikke den validerte, offisielle norske versjonen"),
            "{id}"
        );
    }
    let checkin = instruments::get("checkin").unwrap();
    assert_eq!(checkin.translation.status, TranslationStatus::Original);
    assert!(!checkin.is_working_translation());
    // The mark travels in the JSON the edge serves.
    let json = serde_json::to_value(instruments::get("phq9").unwrap()).unwrap();
    assert_eq!(json["translation"]["status"], "working");
}

#[test]
fn licences_attribute_the_authors() {
    for id in ["phq9", "gad7", "phq2", "gad2"] {
        let l = &instruments::get(id).unwrap().licence;
        assert!(
            l.en.contains("Spitzer")
                && l.en.contains("Williams")
                && l.en.contains("Kroenke")
                && l.en.contains("Pfizer"),
            "{id}"
        );
        assert!(l.en.contains("No permission required"), "{id}");
    }
    let who5 = &instruments::get("who5").unwrap().licence;
    assert!(
        who5.en
            .contains("WHO Collaborating Centre in Mental Health")
    );
    assert!(who5.en.contains("North Zealand"));
}

#[test]
fn published_english_wording_is_used() {
    let phq9 = instruments::get("phq9").unwrap();
    assert_eq!(
        phq9.item("phq9.1").unwrap().text.en,
        "Little interest or pleasure in doing things"
    );
    assert_eq!(
        phq9.item("phq9.9").unwrap().text.en,
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    );
    let labels: Vec<&str> = phq9.items[0]
        .options
        .iter()
        .map(|o| o.label.en.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Not at all",
            "Several days",
            "More than half the days",
            "Nearly every day"
        ]
    );
    let gad7 = instruments::get("gad7").unwrap();
    assert_eq!(
        gad7.item("gad7.2").unwrap().text.en,
        "Not being able to stop or control worrying"
    );
    let who5 = instruments::get("who5").unwrap();
    assert_eq!(
        who5.item("who5.1").unwrap().text.en,
        "I have felt cheerful and in good spirits"
    );
    let values: Vec<i64> = who5.items[0].options.iter().map(|o| o.value).collect();
    assert_eq!(
        values,
        [5, 4, 3, 2, 1, 0],
        "WHO-5 lists 'All of the time' first"
    );
}

#[test]
fn two_complete_tools_with_six_parts_and_every_step_type() {
    let ids: Vec<&str> = tools::all().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["low_mood", "worry"]);
    let all_kinds = BTreeSet::from(["reading", "exercise", "task", "local_text", "questionnaire"]);
    for tool in tools::all() {
        assert_eq!(tool.parts.len(), 6, "{}", tool.id);
        let kinds: BTreeSet<&str> = tool
            .parts
            .iter()
            .flat_map(|p| &p.steps)
            .map(Step::kind)
            .collect();
        assert_eq!(kinds, all_kinds, "{}", tool.id);
        for part in &tool.parts {
            assert!(part.steps.len() >= 3, "{} {}", tool.id, part.id);
            assert!(
                part.steps.iter().any(|s| matches!(s, Step::Reading(_))),
                "{} {}: a reading per part",
                tool.id,
                part.id
            );
            for step in &part.steps {
                if let Step::Reading(r) = step {
                    assert!(
                        (2..=5).contains(&r.paragraphs.len()),
                        "{} {}: 2–5 paragraphs",
                        tool.id,
                        r.id
                    );
                }
                assert_eq!(
                    tool.step(step.id()).map(|(p, _)| p.id.as_str()),
                    Some(part.id.as_str())
                );
            }
        }
        assert_eq!(tool.default_plan.as_deref(), Some("standard"));
    }
}

#[test]
fn tools_embed_their_instruments() {
    let embedded = |tool: &str| -> BTreeSet<String> {
        tools::get(tool)
            .unwrap()
            .parts
            .iter()
            .flat_map(|p| &p.steps)
            .filter_map(|s| match s {
                Step::Questionnaire(q) => Some(q.instrument.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        embedded("worry"),
        BTreeSet::from(["gad7".to_owned(), "checkin".to_owned()])
    );
    assert_eq!(
        embedded("low_mood"),
        BTreeSet::from(["phq9".to_owned(), "checkin".to_owned()])
    );
}

#[test]
fn progress_is_checked_against_the_content() {
    use content::tools::{ProgressError, check_progress};
    let answers = BTreeMap::from([
        ("activity".to_owned(), "walk".to_owned()),
        ("day".to_owned(), "tuesday".to_owned()),
    ]);
    assert_eq!(
        check_progress(
            "low_mood",
            "planning_activities",
            "plan_activity",
            Some(&answers)
        ),
        Ok(())
    );
    assert_eq!(
        check_progress("low_mood", "planning_activities", "small_steps", None),
        Ok(())
    );
    let free_text = BTreeMap::from([("activity".to_owned(), "I walked to my mother's".to_owned())]);
    assert!(matches!(
        check_progress(
            "low_mood",
            "planning_activities",
            "plan_activity",
            Some(&free_text)
        ),
        Err(ProgressError::UnknownChoice { .. })
    ));
    // A local-only text step has no questions: nothing can be stored for it but its state.
    let any = BTreeMap::from([("text".to_owned(), "x".to_owned())]);
    assert!(matches!(
        check_progress("worry", "understanding_worry", "my_worries", Some(&any)),
        Err(ProgressError::UnknownQuestion { .. })
    ));
    assert!(matches!(
        check_progress("sleep", "a", "b", None),
        Err(ProgressError::UnknownTool { .. })
    ));
    assert!(matches!(
        check_progress("worry", "nope", "b", None),
        Err(ProgressError::UnknownPart { .. })
    ));
    assert!(matches!(
        check_progress("worry", "worry_time", "what_is_worry", None),
        Err(ProgressError::UnknownStep { .. })
    ));
}

#[test]
fn plans_standard_and_checkin_daily() {
    let standard = plans::get("standard").unwrap();
    let entries: Vec<(&str, u32, bool)> = standard
        .schedule
        .iter()
        .map(|e| (e.instrument.as_str(), e.every_days, e.optional))
        .collect();
    assert_eq!(
        entries,
        [
            ("phq9", 14, false),
            ("gad7", 14, false),
            ("checkin", 1, true)
        ]
    );
    let daily = plans::get("checkin_daily").unwrap();
    assert_eq!(daily.schedule[0].instrument, "checkin");
    assert_eq!(daily.schedule[0].every_days, 1);
    for plan in plans::all() {
        for e in &plan.schedule {
            assert!(instruments::get(&e.instrument).is_some());
        }
    }
}

#[test]
fn every_text_has_both_languages() {
    // Build-time validation guarantees this; checked here on the embedded JSON too.
    fn walk(v: &serde_json::Value, path: &str, n: &mut usize) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("nb") || m.contains_key("en") {
                    for lang in ["nb", "en"] {
                        let s = m.get(lang).and_then(|s| s.as_str()).unwrap_or("");
                        assert!(!s.trim().is_empty(), "{path}.{lang} is empty");
                    }
                    *n += 1;
                } else {
                    for (k, v) in m {
                        walk(v, &format!("{path}.{k}"), n);
                    }
                }
            }
            serde_json::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(v, &format!("{path}[{i}]"), n);
                }
            }
            _ => {}
        }
    }
    let mut n = 0;
    walk(
        &serde_json::to_value(instruments::all()).unwrap(),
        "instruments",
        &mut n,
    );
    walk(
        &serde_json::to_value(tools::all()).unwrap(),
        "tools",
        &mut n,
    );
    walk(
        &serde_json::to_value(plans::all()).unwrap(),
        "plans",
        &mut n,
    );
    assert!(n > 500, "{n} texts");
}

#[test]
fn text_get_and_lang_tags() {
    let t = content::Text::new("hei", "hi");
    assert_eq!(t.get(Lang::Nb), "hei");
    assert_eq!(t.get(Lang::En), "hi");
    assert_eq!(Lang::default(), Lang::Nb);
    assert_eq!(serde_json::to_value(Lang::Nb).unwrap(), "nb");
    assert_eq!(Lang::from_tag("nb-NO"), Some(Lang::Nb));
    assert_eq!(Lang::from_tag("no"), Some(Lang::Nb));
    assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
    assert_eq!(Lang::from_tag("sv"), None);
}
