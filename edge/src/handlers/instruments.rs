//! `GET /api/instruments` and `GET /api/instruments/{id}[?format=fhir][&lang=en]`: the shipped
//! instrument definitions, public and cacheable (they change only with a release).

use crate::ground::{ctx::Ctx, error::ApiError, http};
use content::{Lang, api::InstrumentList, fhir, instruments};
use worker::Response;

const CACHE: &str = "public, max-age=3600";

pub async fn list(_ctx: Ctx) -> Result<Response, ApiError> {
    let resp = http::json_response(
        200,
        &InstrumentList {
            instruments: instruments::all().to_vec(),
        },
    );
    Ok(http::with_header(resp, "cache-control", CACHE))
}

pub async fn one(ctx: Ctx) -> Result<Response, ApiError> {
    let instrument = instruments::get(ctx.param(0))
        .ok_or(ApiError::NoSuch("There is no instrument with that id."))?;
    let resp = match http::query(&ctx.req, "format").as_deref() {
        None | Some("json") => http::json_response(200, instrument),
        Some("fhir") => {
            let lang = http::query(&ctx.req, "lang")
                .and_then(|l| Lang::from_tag(&l))
                .unwrap_or_default();
            let resp = http::json_response(200, &fhir::questionnaire(instrument, lang));
            http::with_header(resp, "content-type", "application/fhir+json; charset=utf-8")
        }
        Some(_) => {
            return Err(ApiError::unprocessable(
                "invalid_format",
                "format must be json or fhir",
            ));
        }
    };
    Ok(http::with_header(resp, "cache-control", CACHE))
}
