//! FHIR R4 (4.0.1) views of the content and of stored responses, for `GET
//! /api/instruments/{id}?format=fhir` and the portability export (SPEC §3.8).
//!
//! Built as `serde_json::Value` (no FHIR crate in the runtime: size budget); the tests parse the
//! output with a strict R4 model. No patient or subject is ever written (P1): resources are
//! linked only by the response's own random UUID.

use serde_json::{Value, json};

use crate::api::{StoredResponse, is_uuid};
use crate::i18n::Lang;
use crate::instruments;
use crate::model::Instrument;

/// Canonical base of our Questionnaires. An identifier, not necessarily a resolvable address:
/// `{QUESTIONNAIRE_BASE}/{id}` with `|{version}` names one definition for ever.
pub const QUESTIONNAIRE_BASE: &str = "https://mestring.no/fhir/Questionnaire";
pub const LOINC: &str = "http://loinc.org";
const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// Why a FHIR view cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FhirError {
    #[error("unknown instrument {instrument:?}")]
    UnknownInstrument { instrument: String },
    #[error("response id {id:?} is not a UUID")]
    InvalidId { id: String },
}

/// The canonical URL of an instrument's Questionnaire (without version).
pub fn canonical_url(instrument: &Instrument) -> String {
    format!("{QUESTIONNAIRE_BASE}/{}", instrument.id)
}

/// `url|version`, as `QuestionnaireResponse.questionnaire` refers to it.
pub fn canonical_ref(instrument: &Instrument) -> String {
    format!("{}|{}", canonical_url(instrument), instrument.version)
}

/// A FHIR `name` (computer-friendly, `[A-Z][A-Za-z0-9_]*`) from the instrument's short name.
fn computable_name(instrument: &Instrument) -> String {
    let mut name: String = instrument
        .name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut chars = name.chars();
        name = match chars.next() {
            Some(c) if c.is_ascii_lowercase() => {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            }
            _ => format!("Q{name}"),
        };
    }
    name
}

fn loinc_coding(code: &str) -> Value {
    json!({ "system": LOINC, "code": code })
}

/// The instrument as a FHIR R4 Questionnaire in `lang`. Scored items are `required`; every
/// answer option is a `valueCoding` whose code is the option's value, with the value as
/// `ordinalValue` too. The translation status goes into `purpose` so that it travels with the
/// definition.
pub fn questionnaire(instrument: &Instrument, lang: Lang) -> Value {
    let items: Vec<Value> = instrument
        .items
        .iter()
        .map(|item| {
            let mut v = json!({
                "linkId": item.id,
                "text": item.text.get(lang),
                "type": "choice",
                "required": item.scored,
                "answerOption": item.options.iter().map(|o| json!({
                    "extension": [{ "url": ORDINAL_VALUE, "valueDecimal": o.value }],
                    "valueCoding": { "code": o.value.to_string(), "display": o.label.get(lang) },
                })).collect::<Vec<_>>(),
            });
            if let Some(code) = &item.loinc {
                v["code"] = json!([loinc_coding(code)]);
            }
            v
        })
        .collect();
    let mut q = json!({
        "resourceType": "Questionnaire",
        "id": instrument.id,
        "language": lang.tag(),
        "url": canonical_url(instrument),
        "version": instrument.version,
        "name": computable_name(instrument),
        "title": instrument.title.get(lang),
        "status": "active",
        "description": instrument.instructions.get(lang),
        "copyright": instrument.licence.get(lang),
        "item": items,
    });
    if let Some(note) = &instrument.translation.note {
        q["purpose"] = json!(note.get(lang));
    }
    if let Some(code) = &instrument.loinc_panel {
        q["code"] = json!([loinc_coding(code)]);
    }
    q
}

fn instrument_of(response: &StoredResponse) -> Result<&'static Instrument, FhirError> {
    instruments::get(&response.instrument).ok_or_else(|| FhirError::UnknownInstrument {
        instrument: response.instrument.clone(),
    })
}

fn check_id(id: &str) -> Result<(), FhirError> {
    if is_uuid(id) {
        Ok(())
    } else {
        Err(FhirError::InvalidId { id: id.to_owned() })
    }
}

/// The Observation's id, derived from the response id so that an export is reproducible: the
/// response UUID with every hex digit of its last group complemented (still a UUID, distinct
/// from the response's own).
pub fn observation_id(response_id: &str) -> String {
    response_id
        .char_indices()
        .map(|(i, c)| match (i >= 24, c.to_digit(16)) {
            (true, Some(d)) => char::from_digit(15 - d, 16).unwrap_or(c),
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A stored response as a QuestionnaireResponse (status `completed`, answers as `valueCoding`).
///
/// `language` is the language the person answered in (BCP 47 `nb` or `en`), and the item
/// texts and answer displays are written in it, so the resource shows what was actually asked.
/// For a response stored without its language (older clients) the element is omitted, as FHIR
/// has no null, and the texts fall back to `lang`, the language of the export.
pub fn questionnaire_response(response: &StoredResponse, lang: Lang) -> Result<Value, FhirError> {
    let instrument = instrument_of(response)?;
    check_id(&response.id)?;
    let lang = response.lang.unwrap_or(lang);
    let items: Vec<Value> = instrument
        .items
        .iter()
        .filter_map(|item| {
            let value = *response.answers.get(&item.id)?;
            let display = item
                .options
                .iter()
                .find(|o| o.value == value)
                .map(|o| o.label.get(lang));
            let mut coding = json!({ "code": value.to_string() });
            if let Some(d) = display {
                coding["display"] = json!(d);
            }
            Some(json!({
                "linkId": item.id,
                "text": item.text.get(lang),
                "answer": [{ "valueCoding": coding }],
            }))
        })
        .collect();
    let mut qr = json!({
        "resourceType": "QuestionnaireResponse",
        "id": response.id.to_ascii_lowercase(),
        "questionnaire": canonical_ref(instrument),
        "status": "completed",
        "authored": response.completed_at,
        "item": items,
    });
    if let Some(answered_in) = response.lang {
        qr["language"] = json!(answered_in.tag());
    }
    Ok(qr)
}

/// The total of a stored response as an Observation (status `final`, category `survey`,
/// LOINC total code where one exists, `valueInteger`), derived from the QuestionnaireResponse.
/// The band is the interpretation; WHO-5's percentage is a component.
pub fn observation(response: &StoredResponse, lang: Lang) -> Result<Value, FhirError> {
    let instrument = instrument_of(response)?;
    check_id(&response.id)?;
    let score = &response.score;
    let title = format!(
        "{} {}",
        instrument.name,
        if lang == Lang::Nb {
            "totalskår"
        } else {
            "total score"
        }
    );
    let mut code = json!({ "text": title });
    if let Some(total) = &instrument.loinc_total {
        code["coding"] = json!([loinc_coding(total)]);
    }
    let band = instrument.bands.iter().find(|b| b.id == score.band);
    let mut obs = json!({
        "resourceType": "Observation",
        "id": observation_id(&response.id),
        "language": lang.tag(),
        "status": "final",
        "category": [{ "coding": [{
            "system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey",
        }] }],
        "code": code,
        "effectiveDateTime": response.completed_at,
        "valueInteger": score.total,
        "derivedFrom": [{ "reference": format!("urn:uuid:{}", response.id.to_ascii_lowercase()) }],
    });
    if let Some(band) = band {
        obs["interpretation"] = json!([{ "text": band.label.get(lang) }]);
    }
    if let Some(percent) = score.percent {
        let text = if lang == Lang::Nb {
            "Prosentskår"
        } else {
            "Percentage score"
        };
        obs["component"] = json!([{ "code": { "text": text }, "valueInteger": percent }]);
    }
    if score.safety {
        let text = if lang == Lang::Nb {
            "Svar over 0 på et sikkerhetsspørsmål (PHQ-9 spørsmål 9)."
        } else {
            "Answer above 0 on a safety item (PHQ-9 item 9)."
        };
        obs["note"] = json!([{ "text": text }]);
    }
    Ok(obs)
}

/// A Bundle of type `collection` with `urn:uuid:` full URLs for the given resources. Each
/// resource must have an `id` that is a UUID; others get `fullUrl` from their canonical `url`.
pub fn bundle(resources: Vec<Value>, timestamp: Option<&str>) -> Value {
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|r| {
            let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
            let full_url = match r.get("url").and_then(Value::as_str) {
                Some(url) if !is_uuid(id) => url.to_owned(),
                _ => format!("urn:uuid:{id}"),
            };
            json!({ "fullUrl": full_url, "resource": r })
        })
        .collect();
    let mut b = json!({ "resourceType": "Bundle", "type": "collection", "entry": entries });
    if let Some(ts) = timestamp {
        b["timestamp"] = json!(ts);
    }
    b
}

/// The FHIR export of `GET /api/me/export?format=fhir`: the Questionnaire of every instrument
/// answered, then a QuestionnaireResponse and an Observation per response.
pub fn export_bundle(
    responses: &[StoredResponse],
    lang: Lang,
    timestamp: Option<&str>,
) -> Result<Value, FhirError> {
    let mut resources = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in responses {
        let instrument = instrument_of(r)?;
        if !seen.contains(&instrument.id.as_str()) {
            seen.push(&instrument.id);
            resources.push(questionnaire(instrument, lang));
        }
    }
    for r in responses {
        resources.push(questionnaire_response(r, lang)?);
        resources.push(observation(r, lang)?);
    }
    Ok(bundle(resources, timestamp))
}
