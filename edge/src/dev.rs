//! `POST /api/dev/clock` and `POST /api/dev/seed` (SPEC §6). Routed only in dev mode.

use crate::{clock, codes, error::ApiError, http, retention, router::Ctx};
use content::time;
use serde::{Deserialize, Serialize};
use worker::Response;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockRequest {
    now: Option<String>,
}

#[derive(Serialize)]
struct ClockState {
    now: String,
}

pub async fn clock(mut ctx: Ctx) -> Result<Response, ApiError> {
    let body: ClockRequest = http::read_json(&mut ctx.req).await?;
    let offset = match body.now {
        None => 0,
        Some(text) => {
            let target = time::parse_ms(&text).map_err(|e| ApiError::Unprocessable {
                code: "invalid_time",
                message: format!("`now` must be an RFC 3339 time: {e}"),
            })?;
            target - js_sys::Date::now() as i64
        }
    };
    clock::set_offset(&ctx, offset).await?;
    let now = clock::now_ms(&ctx).await?;
    http::ok(&ClockState {
        now: time::format_ms(now),
    })
}

#[derive(Serialize)]
struct Business {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct SeedStaff {
    email: String,
    password: String,
    role: String,
}

#[derive(Serialize)]
struct Seed {
    business: Business,
    staff: Vec<SeedStaff>,
    codes: Vec<String>,
}

pub async fn seed(ctx: Ctx) -> Result<Response, ApiError> {
    let mut raw = [0u8; 16];
    getrandom::fill(&mut raw).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("Demo-legekontor {}", &id[..4].to_uppercase());
    let now = clock::now_ms(&ctx).await?;
    ctx.db()?
        .prepare("INSERT INTO businesses (id, name, created_at) VALUES (?1, ?2, ?3)")
        .bind(&[
            id.as_str().into(),
            name.as_str().into(),
            (now as f64).into(),
        ])?
        .run()
        .await?;
    let issued = codes::issue(
        &ctx,
        codes::Issue {
            business_id: Some(&id),
            count: SEED_CODES,
            tool: Some("worry"),
            plan: Some("standard"),
        },
        now,
    )
    .await?;
    // Staff accounts arrive with staff mode (issue 6); until then `staff` is empty.
    http::ok(&Seed {
        business: Business { id, name },
        staff: Vec::new(),
        codes: issued.iter().map(ToString::to_string).collect(),
    })
}

const SEED_CODES: u32 = 12;

/// Runs the daily retention job now, on the (possibly moved) edge clock.
pub async fn retention(ctx: Ctx) -> Result<Response, ApiError> {
    http::ok(&retention::run(&ctx.env).await?)
}
