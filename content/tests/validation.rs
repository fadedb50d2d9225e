//! The build-time content rules, run on the broken fixtures in `tests/fixtures/` and on the real
//! data. Every error must name the file, the item (or band, part, step) and the field.

// `src/source.rs` reads TOML and is not part of the library (toml stays out of the browser
// bundle); it is included here as `build.rs` includes it. It refers to `crate::model` and
// `crate::validate`, which these imports provide.
use content::{model, validate};

#[allow(dead_code)]
#[path = "../src/source.rs"]
mod source;

use std::path::PathBuf;

use source::{load_dir, parse_source, validate_source};
use validate::{Document, ValidationErrors, check_catalog};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Validates a fixture under the name `tests/fixtures/<rel>` and returns the error text.
fn fixture_errors(rel: &str) -> String {
    let path = manifest().join("tests/fixtures").join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let name = format!("tests/fixtures/{rel}");
    match validate_source(&name, &text) {
        Ok(_) => panic!("{name} should not validate"),
        Err(e) => e.to_string(),
    }
}

fn data_files() -> Vec<(String, Document)> {
    let mut out = Vec::new();
    for sub in ["instruments", "tools", "plans"] {
        let dir = manifest().join("data").join(sub);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("data folder")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        for p in paths {
            let name = format!(
                "content/data/{sub}/{}",
                p.file_name().unwrap().to_str().unwrap()
            );
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((
                name.clone(),
                parse_source(&name, &text).expect("data parses"),
            ));
        }
    }
    out
}

#[test]
fn out_of_scale_option_is_named_by_file_item_and_field() {
    let msg = fixture_errors("instruments/broken_out_of_scale.toml");
    assert_eq!(
        msg,
        "tests/fixtures/instruments/broken_out_of_scale.toml: item phq9.3: field options[2].value: 7 is outside the scale 0..=3"
    );
}

#[test]
fn band_gap_is_named_by_file_band_and_field() {
    let msg = fixture_errors("instruments/broken_band_gap.toml");
    assert!(
        msg.starts_with("tests/fixtures/instruments/broken_band_gap.toml: band positive: field min: 3 leaves a gap"),
        "{msg}"
    );
    assert!(msg.contains("the previous band ends at 1"), "{msg}");
}

#[test]
fn unknown_field_is_rejected_naming_file_item_and_field() {
    let msg = fixture_errors("instruments/broken_unknown_field.toml");
    assert!(
        msg.starts_with("tests/fixtures/instruments/broken_unknown_field.toml: item unknown.2: field colour: unknown field `colour`"),
        "{msg}"
    );
}

#[test]
fn missing_nb_text_is_rejected_naming_file_item_and_field() {
    let msg = fixture_errors("instruments/broken_missing_nb.toml");
    assert!(
        msg.starts_with("tests/fixtures/instruments/broken_missing_nb.toml: item nonb.2: field text.nb: missing field `nb`"),
        "{msg}"
    );
}

#[test]
fn empty_nb_text_is_rejected_naming_file_item_and_field() {
    let msg = fixture_errors("instruments/broken_empty_nb.toml");
    assert_eq!(
        msg,
        "tests/fixtures/instruments/broken_empty_nb.toml: item emptynb.1: field options[1].label.nb: Norwegian (nb) text is empty"
    );
}

#[test]
fn unknown_field_in_a_step_is_rejected_naming_part_and_step() {
    let msg = fixture_errors("tools/broken_unknown_step_field.toml");
    assert!(
        msg.starts_with("tests/fixtures/tools/broken_unknown_step_field.toml: part first step intro: field body: unknown field `body`"),
        "{msg}"
    );
}

#[test]
fn duplicate_step_and_choice_ids_are_rejected() {
    let msg = fixture_errors("tools/broken_duplicate_step.toml");
    assert!(
        msg.contains(
            "broken_duplicate_step.toml: part second step intro: field id: duplicate id \"intro\""
        ),
        "{msg}"
    );
    assert!(
        msg.contains(
            "part second step intro: field questions[0].choices[1].id: duplicate id \"yes\""
        ),
        "{msg}"
    );
}

#[test]
fn questionnaire_step_must_reference_an_existing_instrument() {
    let rel = "tools/broken_dangling_instrument.toml";
    // On its own the file is fine: references are checked across files.
    let text = std::fs::read_to_string(manifest().join("tests/fixtures").join(rel)).unwrap();
    let name = format!("tests/fixtures/{rel}");
    let doc = validate_source(&name, &text).expect("valid on its own");
    let mut files = data_files();
    files.push((name, doc));
    let err: ValidationErrors = check_catalog(files).expect_err("dangling reference");
    assert_eq!(
        err.to_string(),
        "tests/fixtures/tools/broken_dangling_instrument.toml: part first step measure: field instrument: no instrument has the id \"bdi2\""
    );
}

#[test]
fn plan_must_reference_existing_instruments() {
    let plan = r#"
id = "bad_plan"
title = { nb = "Plan", en = "Plan" }
description = { nb = "Plan.", en = "Plan." }

[[schedule]]
instrument = "phq9"
every_days = 14

[[schedule]]
instrument = "hads"
every_days = 0
"#;
    let name = "tests/plans/bad_plan.toml";
    let own = validate_source(name, plan)
        .expect_err("every_days 0")
        .to_string();
    assert_eq!(
        own,
        "tests/plans/bad_plan.toml: plan bad_plan: field schedule[1].every_days: must be at least 1"
    );
    let doc = parse_source(name, plan).unwrap();
    let mut files = data_files();
    files.push((name.to_owned(), doc));
    let msg = check_catalog(files).unwrap_err().to_string();
    assert!(
        msg.contains("tests/plans/bad_plan.toml: plan bad_plan: field schedule[1].instrument: no instrument has the id \"hads\""),
        "{msg}"
    );
}

#[test]
fn bands_must_end_at_the_top_of_the_score_range_and_caseness_lie_inside_it() {
    let path = manifest().join("data/instruments/phq2.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let broken = text
        .replace("max = 6\nlabel", "max = 5\nlabel")
        .replace("at_least = 3", "at_least = 9");
    let msg = validate_source("x/instruments/phq2.toml", &broken)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("x/instruments/phq2.toml: band positive: field max: 5 does not end the score range 0..=6"), "{msg}");
    assert!(
        msg.contains(
            "x/instruments/phq2.toml: instrument phq2: field caseness: cut-off 9 must lie in 1..=6"
        ),
        "{msg}"
    );
}

#[test]
fn wrong_loinc_check_digit_is_rejected() {
    assert!(validate::loinc_is_valid("44261-6"));
    assert!(!validate::loinc_is_valid("44261-7"));
    assert!(!validate::loinc_is_valid("44261"));
    let text = std::fs::read_to_string(manifest().join("data/instruments/phq9.toml")).unwrap();
    let broken = text.replace("44260-8", "44260-9");
    let msg = validate_source("x/instruments/phq9.toml", &broken)
        .unwrap_err()
        .to_string();
    assert_eq!(
        msg,
        "x/instruments/phq9.toml: item phq9.9: field loinc: \"44260-9\" is not a LOINC code with a valid check digit"
    );
}

#[test]
fn files_outside_a_kind_folder_are_rejected() {
    let msg = validate_source("tests/fixtures/broken.toml", "")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("instruments/, tools/ or plans/"), "{msg}");
}

#[test]
fn real_data_validates_and_matches_the_embedded_catalogue() {
    let (catalog, files) =
        load_dir(&manifest().join("data"), "content/data").expect("data is valid");
    assert!(
        files
            .iter()
            .all(|f| f.extension().is_some_and(|e| e == "toml"))
    );
    assert_eq!(catalog.instruments, content::instruments::all());
    assert_eq!(catalog.tools, content::tools::all());
    assert_eq!(catalog.plans, content::plans::all());
}

#[test]
fn toml_syntax_errors_name_the_file_and_line() {
    let text = "id = \"x\"\nversion = \"1.0.0\"\nname = \n";
    let msg = validate_source("x/plans/x.toml", text)
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("x/plans/x.toml: file: field (syntax): line 3:"),
        "{msg}"
    );
}

#[test]
fn data_file_must_be_named_after_its_id() {
    let dir = std::env::temp_dir().join(format!("content-misnamed-{}", std::process::id()));
    for sub in ["instruments", "tools", "plans"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let plan = std::fs::read_to_string(manifest().join("data/plans/checkin_daily.toml")).unwrap();
    std::fs::write(dir.join("plans/daily.toml"), plan).unwrap();
    let msg = load_dir(&dir, "d").unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        msg.contains("d/plans/daily.toml: file: field id: the file is named \"daily\" but its id is \"checkin_daily\""),
        "{msg}"
    );
}
