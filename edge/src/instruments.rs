//! `GET /api/instruments` and `GET /api/instruments/{id}[?format=fhir][&lang=en]`: the shipped
//! instrument definitions, public and cacheable (they change only with a release).

use crate::{error::ApiError, http, router::Ctx};
use content::{Lang, api::InstrumentList, fhir, instruments};
use worker::Response;

const CACHE: &str = "public, max-age=3600";

fn cacheable(resp: Response) -> Response {
    let _ = resp.headers().set("cache-control", CACHE);
    resp
}

pub async fn list(_ctx: Ctx) -> Result<Response, ApiError> {
    Ok(cacheable(http::json_response(
        200,
        &InstrumentList {
            instruments: instruments::all().to_vec(),
        },
    )))
}

pub async fn one(ctx: Ctx, id: &str) -> Result<Response, ApiError> {
    let instrument = instruments::get(id).ok_or(ApiError::NotFound)?;
    match http::query(&ctx.req, "format").as_deref() {
        None | Some("json") => Ok(cacheable(http::json_response(200, instrument))),
        Some("fhir") => {
            let lang = http::query(&ctx.req, "lang")
                .and_then(|l| Lang::from_tag(&l))
                .unwrap_or_default();
            let resp = http::json_response(200, &fhir::questionnaire(instrument, lang));
            let _ = resp
                .headers()
                .set("content-type", "application/fhir+json; charset=utf-8");
            Ok(cacheable(resp))
        }
        Some(_) => Err(ApiError::unprocessable(
            "invalid_format",
            "format must be json or fhir",
        )),
    }
}
