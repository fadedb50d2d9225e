//! `POST /api/dev/clock` and `POST /api/dev/seed` (SPEC §6). Routed only in dev mode.

use crate::{clock, codes, crypto, db, error::ApiError, http, retention, router::Ctx, staff};
use content::time;
use serde::{Deserialize, Serialize};
use worker::Response;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClockRequest {
    pub(crate) now: Option<String>,
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
    let staff = seed_staff(&ctx, &id, now).await?;
    http::ok(&Seed {
        business: Business { id, name },
        staff,
        codes: issued.iter().map(ToString::to_string).collect(),
    })
}

const SEED_CODES: u32 = 12;

/// Demo passwords with their browser-side hash precomputed (Argon2id, m = 19456 KiB, t = 2,
/// p = 1, salt [`DEMO_SALT`]): the edge never runs Argon2id, not even for the seed. A native
/// test recomputes every hash, so a changed password or parameter cannot drift silently.
pub const DEMO_SALT: &str = "bWVzdHJpbmctZGVtby1zYQ";
pub const DEMO_ACCOUNTS: [(&str, &str, &str); 3] = [
    (
        "super_user",
        "Demo-passord-super-1",
        "f-xQPvL0dw3Lw9ykqnv7QHxUH14tC59N7fDft9qoBUc",
    ),
    (
        "professional",
        "Demo-passord-fag-1",
        "sbpKYCWcZEvt5t0UFYPQ6ngRdkNAR1Tj9ohMTJrI99w",
    ),
    (
        "tool_manager",
        "Demo-passord-tool-1",
        "x-Tl89zH_evVB3bdQTnTgKwdyHHhTN0c6bKILdS_fEo",
    ),
];

async fn seed_staff(ctx: &Ctx, business_id: &str, now: i64) -> Result<Vec<SeedStaff>, ApiError> {
    let db = ctx.db()?;
    let tag = &business_id[..8];
    let mut out = Vec::new();
    let mut statements = Vec::new();
    for (role, password, hash) in DEMO_ACCOUNTS {
        let id = crypto::random_id()?;
        let email = format!("{}.{tag}@demo.mestring.invalid", role.replace('_', "-"));
        let business = (role != "tool_manager").then_some(business_id);
        statements.push(
            db.prepare(
                "INSERT INTO staff (id, email, role, business_id, salt, password_mac, active, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
            )
            .bind(&[
                db::s(&id),
                db::s(&email),
                db::s(role),
                db::opt(business),
                db::s(DEMO_SALT),
                db::s(&staff::password_mac(ctx, hash)?),
                db::n(now),
            ])?,
        );
        if role == "tool_manager" {
            statements.push(
                db.prepare("INSERT INTO staff_businesses (staff_id, business_id) VALUES (?1, ?2)")
                    .bind(&[db::s(&id), db::s(business_id)])?,
            );
        }
        out.push(SeedStaff {
            email,
            password: password.to_string(),
            role: role.to_string(),
        });
    }
    db.batch(statements).await?;
    Ok(out)
}

/// Runs the daily retention job now, on the (possibly moved) edge clock.
pub async fn retention(ctx: Ctx) -> Result<Response, ApiError> {
    http::ok(&retention::run(&ctx.env).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{Algorithm, Argon2, Params, Version};

    #[test]
    fn demo_password_hashes_are_argon2id_of_the_demo_passwords() {
        let salt = b"mestring-demo-sa";
        assert_eq!(crate::session::base64url(salt), DEMO_SALT);
        let params = Params::new(19456, 2, 1, Some(32)).expect("valid parameters");
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        for (_, password, hash) in DEMO_ACCOUNTS {
            let mut out = [0u8; 32];
            argon
                .hash_password_into(password.as_bytes(), salt, &mut out)
                .expect("hash");
            assert_eq!(crate::session::base64url(&out), hash, "{password}");
        }
    }
}
