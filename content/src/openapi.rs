//! The OpenAPI 3.1 document of the `/api` contract, generated from [`crate::api::endpoints`]
//! and the body types' JSON Schemas (draft 2020-12, the dialect OpenAPI 3.1 uses). Served by
//! the edge at `GET /api/openapi.json`; outside tools test the live edge against it.
//!
//! Request bodies are described as the edge reads them (unknown fields refused, optional
//! fields may be left out), responses as the edge writes them (every field present).

use serde_json::{Map, Value, json};

use crate::api::endpoints::{ALL, Access, Endpoint, Param, operation_id};
use crate::api::{Empty, ErrorBody, SCHEMA_VERSION};
use crate::storage::{PARTICIPANT_COOKIE, STAFF_COOKIE};
use schemars::{JsonSchema, SchemaGenerator, generate::Contract, generate::SchemaSettings};

const SCHEMAS: &str = "/components/schemas";

/// One generator per direction: a type reads differently from how it is written (a
/// `#[serde(default)]` field may be left out of a request, but is always in a response).
pub struct Generators {
    requests: SchemaGenerator,
    responses: SchemaGenerator,
}

impl Generators {
    fn new() -> Self {
        let settings = |contract| {
            SchemaSettings::draft2020_12().with(|s| {
                s.definitions_path = SCHEMAS.into();
                s.contract = contract;
            })
        };
        Generators {
            requests: SchemaGenerator::new(settings(Contract::Deserialize)),
            responses: SchemaGenerator::new(settings(Contract::Serialize)),
        }
    }
}

/// The document; dev-only endpoints are left out (they do not exist in production).
pub fn document() -> Value {
    let mut generators = Generators::new();
    let mut paths = Map::new();
    for route in ALL.iter().filter(|r| r.access() != Access::Dev) {
        let path = format!("/api{}", route.path());
        let entry = paths
            .entry(path)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(methods) = entry {
            methods.insert(
                route.method().to_ascii_lowercase(),
                route.operation(&mut generators),
            );
        }
    }
    let mut schemas = generators.requests.take_definitions(true);
    for (name, schema) in generators.responses.take_definitions(true) {
        match schemas.get(&name) {
            Some(other) if *other != schema => {
                // The same type differs by direction: keep both, the response one renamed.
                schemas.insert(format!("{name}.response"), schema);
            }
            _ => {
                schemas.insert(name, schema);
            }
        }
    }
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Mestring API",
            "version": format!("{}.{SCHEMA_VERSION}", env!("CARGO_PKG_VERSION")),
            "description": "Anonymous self-help: end users log in with an access code, staff with an e-mail, a browser-side Argon2id hash and an optional TOTP. Every error is `{\"error\": {\"code\", \"message\"}}`. Every write that a client may retry is idempotent on a client-made UUID.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "user": {"type": "apiKey", "in": "cookie", "name": PARTICIPANT_COOKIE},
                "staff": {"type": "apiKey", "in": "cookie", "name": STAFF_COOKIE},
            },
        },
    })
}

fn is_empty<T: 'static>() -> bool {
    std::any::TypeId::of::<T>() == std::any::TypeId::of::<Empty>()
}

/// One operation: parameters, body, and every status it answers.
pub(crate) fn operation<Req: JsonSchema + 'static, Resp: JsonSchema + 'static>(
    endpoint: &Endpoint<Req, Resp>,
    generators: &mut Generators,
) -> Value {
    let mut op = Map::new();
    op.insert(
        "operationId".into(),
        json!(operation_id(endpoint.method, endpoint.path)),
    );
    op.insert("summary".into(), json!(endpoint.summary));
    let security = match endpoint.access {
        Access::User => json!([{"user": []}]),
        Access::Staff | Access::Role => json!([{"staff": []}]),
        Access::Anyone | Access::Dev => json!([]),
    };
    op.insert("security".into(), security);

    let mut parameters: Vec<Value> = endpoint
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect();
    parameters.extend(endpoint.query.iter().map(query_parameter));
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }

    let body = !is_empty::<Req>();
    if body {
        let schema = generators.requests.subschema_for::<Req>();
        op.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": {"schema": schema}}}),
        );
    }

    let mut responses = Map::new();
    let answer = (!is_empty::<Resp>()).then(|| generators.responses.subschema_for::<Resp>());
    for status in endpoint.ok {
        let mut response = json!({"description": "Success."});
        if let Some(schema) = &answer {
            let mut content = json!({"application/json": {"schema": schema}});
            if endpoint.query.iter().any(|p| p.name == "format") {
                content["application/fhir+json"] = json!({"schema": {"type": "object"}});
            }
            response["content"] = content;
        }
        responses.insert(status.to_string(), response);
    }
    let error = generators.responses.subschema_for::<ErrorBody>();
    for status in error_statuses(endpoint, body) {
        responses.insert(
            status.to_string(),
            json!({
                "description": reason(status),
                "content": {"application/json": {"schema": error}},
            }),
        );
    }
    op.insert("responses".into(), Value::Object(responses));
    Value::Object(op)
}

/// The error statuses an endpoint can answer: those that follow from its shape, and its own.
fn error_statuses<Req, Resp>(endpoint: &Endpoint<Req, Resp>, body: bool) -> Vec<u16> {
    let mut statuses = endpoint.errors.to_vec();
    if body {
        statuses.extend([400, 413, 415, 422]);
    }
    if crate::origin::is_unsafe(endpoint.method) {
        // Another site's `Origin` or `Sec-Fetch-Site` (403); a body type other than JSON,
        // even where no body is read (415).
        statuses.extend([403, 415]);
    }
    if !endpoint.query.is_empty() {
        statuses.push(422);
    }
    match endpoint.access {
        Access::User => statuses.push(401),
        // A staff session that opens only enrolment (a business that requires an authenticator)
        // is a 403 `totp_enrolment_required` for every staff endpoint but enrolment's.
        Access::Staff | Access::Role => statuses.extend([401, 403]),
        Access::Anyone | Access::Dev => {}
    }
    if endpoint.path.contains('{') {
        statuses.push(404);
    }
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

fn query_parameter(p: &Param) -> Value {
    let mut schema = json!({"type": "string"});
    if !p.values.is_empty() {
        schema["enum"] = json!(p.values);
    }
    if !p.pattern.is_empty() {
        schema["pattern"] = json!(p.pattern);
    }
    json!({
        "name": p.name,
        "in": "query",
        "required": p.required,
        "description": p.description,
        "schema": schema,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "The body is not JSON.",
        401 => "No valid session (or, for a login, the credentials were not accepted).",
        403 => "The session's role may not do this, or the request came from another site.",
        404 => "No such resource.",
        409 => "The request conflicts with the current state.",
        413 => "The body is too large.",
        415 => "The request declares a content type other than application/json.",
        422 => "The body or a parameter has the wrong shape or value.",
        429 => "Too many attempts; see Retry-After.",
        _ => "Error.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_production_endpoint_is_in_the_document_with_its_statuses() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        for route in ALL {
            let op =
                &doc["paths"][format!("/api{}", route.path())][route.method().to_ascii_lowercase()];
            if route.access() == Access::Dev {
                assert!(
                    op.is_null(),
                    "{} {} is dev-only",
                    route.method(),
                    route.path()
                );
                continue;
            }
            assert!(
                op.is_object(),
                "{} {} missing",
                route.method(),
                route.path()
            );
            let responses = op["responses"].as_object().expect("responses");
            if route.access() != Access::Anyone {
                assert!(responses.contains_key("401"), "{}", route.path());
            }
        }
    }

    #[test]
    fn references_resolve_and_response_fields_are_required() {
        let doc = document();
        let text = doc.to_string();
        for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = &part[..part.find('"').expect("end of ref")];
            assert!(
                doc["components"]["schemas"][name].is_object(),
                "{name} is referenced but not defined"
            );
        }
        // A response field with no value is null, not missing (SPEC §6).
        let consent = &doc["components"]["schemas"]["ConsentView"];
        let required = consent["required"].as_array().expect("required");
        assert!(required.contains(&json!("since")), "{consent}");
        // A request refuses unknown fields.
        let login = &doc["components"]["schemas"]["LoginRequest"];
        assert_eq!(login["additionalProperties"], json!(false), "{login}");
    }

    #[test]
    fn bodies_and_their_errors() {
        let doc = document();
        let login = &doc["paths"]["/api/session"]["post"];
        assert!(login["requestBody"].is_object());
        for status in ["200", "400", "401", "413", "415", "422", "429"] {
            assert!(login["responses"][status].is_object(), "login {status}");
        }
        let me = &doc["paths"]["/api/me"]["get"];
        assert!(me["requestBody"].is_null());
        assert_eq!(me["security"], json!([{"user": []}]));
        let confirm = &doc["paths"]["/api/me/code/confirm"]["post"]["responses"]["204"];
        assert!(confirm["content"].is_null(), "204 has no body");
        let detail = &doc["paths"]["/api/staff/participants/{id}"]["get"];
        assert_eq!(detail["parameters"][0]["in"], "path");
        assert!(detail["responses"]["403"].is_object());
        assert!(detail["responses"]["404"].is_object());
    }
}
