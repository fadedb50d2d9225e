//! FHIR R4 output checked by a real FHIR parser: fhirbolt's R4 model in strict mode, which
//! fails on unknown elements and on values of the wrong type.

use std::collections::BTreeMap;

use content::api::StoredResponse;
use content::fhir::{self, QUESTIONNAIRE_BASE};
use content::scoring::score_by_id;
use content::{Lang, instruments};
use fhirbolt::model::r4::Resource;
use fhirbolt::model::r4::resources::{ObservationValue, QuestionnaireResponseItemAnswerValue};
use fhirbolt::serde::{DeserializationConfig, DeserializationMode};
use serde_json::Value;

fn strict(v: &Value) -> Result<Resource, String> {
    let s = serde_json::to_string(v).unwrap();
    fhirbolt::json::from_str::<Resource>(
        &s,
        Some(DeserializationConfig {
            mode: DeserializationMode::Strict,
        }),
    )
    .map_err(|e| e.to_string())
}

fn response(instrument: &str, answers: &[(&str, i64)]) -> StoredResponse {
    let answers: BTreeMap<String, i64> = answers.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let inst = instruments::get(instrument).unwrap();
    let score = score_by_id(instrument, &inst.version, &answers).unwrap();
    StoredResponse {
        id: "3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60".into(),
        instrument: instrument.into(),
        version: inst.version.clone(),
        answers,
        completed_at: "2025-03-01T12:30:00Z".into(),
        score,
        lang: Some(Lang::Nb),
    }
}

fn phq9_response() -> StoredResponse {
    let mut a: Vec<(&str, i64)> = vec![
        ("phq9.1", 2),
        ("phq9.2", 2),
        ("phq9.3", 1),
        ("phq9.4", 2),
        ("phq9.5", 1),
        ("phq9.6", 1),
        ("phq9.7", 1),
        ("phq9.8", 1),
        ("phq9.9", 1),
    ];
    a.push(("phq9.10", 1));
    response("phq9", &a)
}

#[test]
fn every_instrument_is_a_valid_r4_questionnaire_in_both_languages() {
    for inst in instruments::all() {
        for lang in Lang::ALL {
            let json = fhir::questionnaire(inst, lang);
            let parsed = strict(&json).unwrap_or_else(|e| panic!("{} {lang:?}: {e}", inst.id));
            let Resource::Questionnaire(q) = parsed else {
                panic!("not a Questionnaire")
            };
            assert_eq!(
                q.url.as_ref().and_then(|u| u.value.clone()),
                Some(format!("{QUESTIONNAIRE_BASE}/{}", inst.id))
            );
            assert_eq!(
                q.version.as_ref().and_then(|v| v.value.clone()),
                Some(inst.version.clone())
            );
            assert_eq!(q.status.value.as_deref(), Some("active"));
            assert_eq!(q.item.len(), inst.items.len());
            for (fi, item) in q.item.iter().zip(&inst.items) {
                assert_eq!(fi.link_id.value.as_deref(), Some(item.id.as_str()));
                assert_eq!(fi.r#type.value.as_deref(), Some("choice"));
                assert_eq!(
                    fi.required.as_ref().and_then(|r| r.value),
                    Some(item.scored)
                );
                assert_eq!(fi.answer_option.len(), item.options.len());
                assert_eq!(
                    fi.code
                        .first()
                        .and_then(|c| c.code.as_ref())
                        .and_then(|c| c.value.clone()),
                    item.loinc.clone()
                );
            }
        }
    }
}

#[test]
fn phq9_questionnaire_carries_the_loinc_panel_and_item_codes() {
    let q = fhir::questionnaire(instruments::get("phq9").unwrap(), Lang::En);
    assert_eq!(q["code"][0]["system"], "http://loinc.org");
    assert_eq!(q["code"][0]["code"], "44249-1");
    assert_eq!(q["item"][8]["linkId"], "phq9.9");
    assert_eq!(q["item"][8]["code"][0]["code"], "44260-8");
    assert_eq!(q["item"][9]["required"], false);
    assert_eq!(
        q["item"][0]["answerOption"][3]["valueCoding"]["display"],
        "Nearly every day"
    );
    assert!(
        q["purpose"]
            .as_str()
            .unwrap()
            .contains("Working translation")
    );
}

#[test]
fn questionnaire_response_is_valid_r4_and_refers_to_the_versioned_questionnaire() {
    let r = phq9_response();
    let json = fhir::questionnaire_response(&r, Lang::Nb).unwrap();
    let Resource::QuestionnaireResponse(qr) = strict(&json).unwrap() else {
        panic!()
    };
    assert_eq!(
        qr.questionnaire.as_ref().and_then(|q| q.value.clone()),
        Some(format!("{QUESTIONNAIRE_BASE}/phq9|1.0.0"))
    );
    assert_eq!(qr.status.value.as_deref(), Some("completed"));
    assert_eq!(
        qr.authored
            .as_ref()
            .and_then(|a| a.value.clone())
            .map(|d| d.to_string())
            .as_deref(),
        Some("2025-03-01T12:30:00Z")
    );
    assert_eq!(qr.item.len(), 10);
    let item9 = qr
        .item
        .iter()
        .find(|i| i.link_id.value.as_deref() == Some("phq9.9"))
        .unwrap();
    match &item9.answer[0].value {
        Some(QuestionnaireResponseItemAnswerValue::Coding(c)) => {
            assert_eq!(
                c.code.as_ref().and_then(|c| c.value.clone()).as_deref(),
                Some("1")
            );
        }
        other => panic!("expected valueCoding, got {other:?}"),
    }
    assert!(qr.subject.is_none(), "no subject (P1)");
}

#[test]
fn questionnaire_response_carries_the_language_it_was_answered_in() {
    // Answered in English, exported in bokmål: the response keeps what was actually asked.
    let mut r = phq9_response();
    r.lang = Some(Lang::En);
    let json = fhir::questionnaire_response(&r, Lang::Nb).unwrap();
    let Resource::QuestionnaireResponse(qr) = strict(&json).unwrap() else {
        panic!()
    };
    assert_eq!(
        qr.language
            .as_ref()
            .and_then(|l| l.value.clone())
            .as_deref(),
        Some("en")
    );
    let phq9 = instruments::get("phq9").unwrap();
    assert_eq!(json["item"][0]["text"], phq9.items[0].text.get(Lang::En));
    assert_eq!(
        json["item"][0]["answer"][0]["valueCoding"]["display"],
        phq9.items[0].options[2].label.get(Lang::En)
    );

    r.lang = Some(Lang::Nb);
    let json = fhir::questionnaire_response(&r, Lang::En).unwrap();
    let Resource::QuestionnaireResponse(qr) = strict(&json).unwrap() else {
        panic!()
    };
    assert_eq!(
        qr.language
            .as_ref()
            .and_then(|l| l.value.clone())
            .as_deref(),
        Some("nb")
    );
    assert_eq!(json["item"][0]["text"], phq9.items[0].text.get(Lang::Nb));
}

#[test]
fn questionnaire_response_of_unknown_language_omits_the_element() {
    // FHIR has no null: a response stored without its language has no `language` at all.
    let mut r = phq9_response();
    r.lang = None;
    let json = fhir::questionnaire_response(&r, Lang::En).unwrap();
    assert!(json.get("language").is_none(), "{json}");
    let Resource::QuestionnaireResponse(qr) = strict(&json).unwrap() else {
        panic!()
    };
    assert!(qr.language.is_none());
    let phq9 = instruments::get("phq9").unwrap();
    assert_eq!(json["item"][0]["text"], phq9.items[0].text.get(Lang::En));
}

#[test]
fn observation_is_valid_r4_with_loinc_total_value_and_derived_from() {
    let r = phq9_response();
    let json = fhir::observation(&r, Lang::En).unwrap();
    let Resource::Observation(obs) = strict(&json).unwrap() else {
        panic!()
    };
    assert_eq!(obs.status.value.as_deref(), Some("final"));
    let coding = &obs.code.coding[0];
    assert_eq!(
        coding
            .system
            .as_ref()
            .and_then(|s| s.value.clone())
            .as_deref(),
        Some("http://loinc.org")
    );
    assert_eq!(
        coding
            .code
            .as_ref()
            .and_then(|c| c.value.clone())
            .as_deref(),
        Some("44261-6")
    );
    match &obs.value {
        Some(ObservationValue::Integer(i)) => assert_eq!(i.value, Some(12)),
        other => panic!("expected valueInteger, got {other:?}"),
    }
    assert_eq!(
        obs.derived_from[0]
            .reference
            .as_ref()
            .and_then(|r| r.value.clone())
            .as_deref(),
        Some("urn:uuid:3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60")
    );
    assert!(obs.subject.is_none(), "no subject (P1)");
    assert_eq!(json["interpretation"][0]["text"], "Moderate symptoms");
    assert_eq!(
        json["note"][0]["text"],
        "Answer above 0 on a safety item (PHQ-9 item 9)."
    );
    assert_ne!(json["id"], json["derivedFrom"][0]["reference"]);
}

#[test]
fn who5_observation_has_the_percentage_as_a_component_and_no_loinc() {
    let r = response(
        "who5",
        &[
            ("who5.1", 3),
            ("who5.2", 3),
            ("who5.3", 2),
            ("who5.4", 2),
            ("who5.5", 3),
        ],
    );
    let json = fhir::observation(&r, Lang::Nb).unwrap();
    strict(&json).unwrap();
    assert_eq!(json["valueInteger"], 13);
    assert_eq!(json["component"][0]["valueInteger"], 52);
    assert!(json["code"].get("coding").is_none());
}

#[test]
fn export_bundle_is_a_valid_r4_collection_with_questionnaires_responses_and_observations() {
    let mut gad = response(
        "gad7",
        &[
            ("gad7.1", 1),
            ("gad7.2", 1),
            ("gad7.3", 1),
            ("gad7.4", 1),
            ("gad7.5", 0),
            ("gad7.6", 0),
            ("gad7.7", 0),
        ],
    );
    gad.id = "0b8a2f4e-1c3d-4e5f-8a9b-c0d1e2f3a4b5".into();
    gad.lang = None;
    let bundle = fhir::export_bundle(
        &[phq9_response(), gad],
        Lang::En,
        Some("2025-03-02T08:00:00Z"),
    )
    .unwrap();
    let Resource::Bundle(b) = strict(&bundle).unwrap() else {
        panic!()
    };
    assert_eq!(b.r#type.value.as_deref(), Some("collection"));
    // 2 Questionnaires + 2 × (QuestionnaireResponse + Observation).
    assert_eq!(b.entry.len(), 6);
    let kinds: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "Questionnaire",
            "Questionnaire",
            "QuestionnaireResponse",
            "Observation",
            "QuestionnaireResponse",
            "Observation"
        ]
    );
    for e in bundle["entry"].as_array().unwrap() {
        let full = e["fullUrl"].as_str().unwrap();
        let id = e["resource"]["id"].as_str().unwrap();
        assert!(full.ends_with(id), "{full} / {id}");
    }
    // Each response carries the language it was answered in, or none when unknown.
    let responses: Vec<&Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "QuestionnaireResponse")
        .collect();
    assert_eq!(responses[0]["language"], "nb");
    assert!(responses[1].get("language").is_none());
    let text = serde_json::to_string(&bundle).unwrap();
    assert!(!text.contains("\"subject\""), "no subject anywhere (P1)");
    assert!(!text.contains("\"patient\""), "no patient anywhere (P1)");
}

#[test]
fn the_strict_parser_really_rejects_invalid_resources() {
    // Guards the tests above: if the parser accepted anything they would prove nothing.
    let mut obs = fhir::observation(&phq9_response(), Lang::En).unwrap();
    obs["patientName"] = Value::from("x");
    assert!(strict(&obs).is_err(), "unknown element accepted");
    let mut obs = fhir::observation(&phq9_response(), Lang::En).unwrap();
    obs["valueInteger"] = Value::from("twelve");
    assert!(strict(&obs).is_err(), "string as integer accepted");
    let mut q = fhir::questionnaire(instruments::get("gad7").unwrap(), Lang::En);
    q["item"][0]["answerOption"][0]["valueCoding"]["score"] = Value::from(1);
    assert!(strict(&q).is_err(), "unknown element in Coding accepted");
}

#[test]
fn response_ids_must_be_uuids_and_instruments_known() {
    let mut r = phq9_response();
    r.id = "not-a-uuid".into();
    assert!(matches!(
        fhir::questionnaire_response(&r, Lang::En),
        Err(fhir::FhirError::InvalidId { .. })
    ));
    let mut r = phq9_response();
    r.instrument = "bdi".into();
    assert!(matches!(
        fhir::observation(&r, Lang::En),
        Err(fhir::FhirError::UnknownInstrument { .. })
    ));
}

#[test]
fn observation_id_is_a_distinct_uuid_derived_from_the_response_id() {
    let id = fhir::observation_id("3f2c1e9a-7b4d-4c8e-9a1f-0d2b3c4e5f60");
    assert_eq!(id, "3f2c1e9a-7b4d-4c8e-9a1f-f2d4c3b1a09f");
    assert!(content::api::is_uuid(&id));
}
