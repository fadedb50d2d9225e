//! `POST /api/dev/clock`, `POST /api/dev/seed` and `POST /api/dev/retention` (SPEC §6). The
//! route table serves them only in dev mode.

use crate::{
    ground::{bodies, clock, crypto, ctx::Ctx, error::ApiError, http},
    records::{
        business, codes, private_access, programme, retention,
        staff::{self, DemoAccount},
    },
};
use content::{
    api::{BusinessRef, ClockState, DevSeed, SeedStaff},
    time,
};
use worker::Response;

/// Moves the edge clock to `now`, or back to the real clock for `null`.
pub async fn clock(mut ctx: Ctx) -> Result<Response, ApiError> {
    let target = bodies::dev_clock(&http::read_body(&mut ctx.req).await?)?;
    let offset = target.map_or(0, |t| t - clock::real_ms());
    clock::set_offset(&ctx, offset).await?;
    let now = clock::now_ms(&ctx).await?;
    http::ok(&ClockState {
        now: time::format_ms(now),
    })
}

const SEED_CODES: u32 = 12;
/// Unused vouchers the seed returns (SPEC §6: at least 3).
const SEED_VOUCHERS: usize = 4;

/// Demo passwords with their browser-side hash precomputed (Argon2id, m = 19456 KiB, t = 2,
/// p = 1, salt [`DEMO_SALT`]): the edge never runs Argon2id, not even for the seed. A native
/// test recomputes every hash, so a changed password or parameter cannot drift silently.
pub const DEMO_SALT: &str = "bWVzdHJpbmctZGVtby1zYQ";
pub const DEMO_ACCOUNTS: [(&str, &str, &str); 4] = [
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
    (
        "support",
        "Demo-passord-support-1",
        "mcPqLUwGaovmOdF0tqKLhGL4i3a-EdBAwU7FXZZW5mo",
    ),
];

/// A fresh demo business with its staff (super user, professional, support, and the tool
/// manager of its programme) and codes. With `{"programme": NAME}` the business joins that
/// programme (made on first use); without it, a programme of its own.
pub async fn seed(mut ctx: Ctx) -> Result<Response, ApiError> {
    let programme_name = bodies::dev_seed(&http::read_optional_body(&mut ctx.req).await?)?;
    let id = crypto::random_id()?;
    let name = format!("Demo-legekontor {}", &id[..4].to_uppercase());
    let now = clock::now_ms(&ctx).await?;
    business::create(&ctx, &id, &name, now).await?;
    let programme_name =
        programme_name.unwrap_or_else(|| format!("Demo-program {}", &id[..8].to_uppercase()));
    let programme_id = programme::join(&ctx, &programme_name, &id, now).await?;
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
    let tag = &id[..8];
    let mut accounts = Vec::new();
    let mut logins = Vec::new();
    for (role, password, hash) in DEMO_ACCOUNTS {
        // The tool manager belongs to the programme: one address for every seed of it.
        let tag = if role == "tool_manager" {
            &programme_id[..8]
        } else {
            tag
        };
        let email = format!("{}.{tag}@demo.mestring.invalid", role.replace('_', "-"));
        accounts.push((role, email.clone(), staff::password_mac(&ctx, hash)?));
        logins.push(SeedStaff {
            email,
            password: password.to_string(),
            role: staff::role_from_name(role),
        });
    }
    let demo: Vec<DemoAccount> = accounts
        .iter()
        .map(|(role, email, mac)| DemoAccount {
            role,
            email,
            salt: DEMO_SALT,
            password_mac: mac,
        })
        .collect();
    staff::create_demo(&ctx, &id, &programme_id, &demo, now).await?;
    // Vouchers for private access, valid a year from the (possibly moved) edge clock.
    let mut vouchers = Vec::new();
    let mut hashes = Vec::new();
    for _ in 0..SEED_VOUCHERS {
        let v = codes::generate()?;
        hashes.push(private_access::voucher_hash(&ctx, &v)?);
        vouchers.push(v.to_string());
    }
    let expires_on = content::private::today(now + 365 * time::DAY_MS);
    private_access::create_vouchers(
        &ctx,
        &hashes,
        &format!("demo {tag}"),
        Some("low_mood"),
        Some("standard"),
        &expires_on,
    )
    .await?;
    http::ok(&DevSeed {
        business: BusinessRef { id, name },
        staff: logins,
        codes: issued.iter().map(ToString::to_string).collect(),
        vouchers,
    })
}

/// Runs the daily retention job now, on the (possibly moved) edge clock.
pub async fn retention(ctx: Ctx) -> Result<Response, ApiError> {
    http::ok(&retention::run(&ctx.env).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{Algorithm, Argon2, Params, Version};
    use content::encoding::base64url;

    #[test]
    fn demo_password_hashes_are_argon2id_of_the_demo_passwords() {
        let salt = b"mestring-demo-sa";
        assert_eq!(base64url(salt), DEMO_SALT);
        let params = Params::new(19456, 2, 1, Some(32)).expect("valid parameters");
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        for (_, password, hash) in DEMO_ACCOUNTS {
            let mut out = [0u8; 32];
            argon
                .hash_password_into(password.as_bytes(), salt, &mut out)
                .expect("hash");
            assert_eq!(base64url(&out), hash, "{password}");
        }
    }
}
