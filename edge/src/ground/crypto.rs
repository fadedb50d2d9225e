//! Server secrets, keyed hashes over them, randomness and constant-time comparison. Secrets
//! come from `wrangler secret` (production) or the generated `.dev.vars` (local); a missing
//! secret is a configuration error, never a fallback. HMAC-SHA256 itself is `content::keyed`.

use crate::ground::{ctx::Ctx, error::ApiError};
use content::{
    encoding::{base64url, hex},
    keyed::hmac_sha256_hex,
};

/// The server secrets, one per purpose, so that one leaking does not open the others.
#[derive(Clone, Copy)]
pub enum Secret {
    /// Code lookup (P4), device-link codes, invitation tokens.
    Code,
    /// Session tokens.
    Session,
    /// Throttle keys over client IPs (P2), mixed with the day so keys rotate daily.
    Ip,
    /// Staff password hashes (the browser's Argon2id output), fake pre-login salts, and the
    /// sealing of TOTP secrets.
    Password,
}

impl Secret {
    fn name(self) -> &'static str {
        match self {
            Secret::Code => "CODE_HMAC_KEY",
            Secret::Session => "SESSION_HMAC_KEY",
            Secret::Ip => "IP_HMAC_KEY",
            Secret::Password => "PASSWORD_HMAC_KEY",
        }
    }
}

pub fn secret(ctx: &Ctx, which: Secret) -> Result<String, ApiError> {
    let value = ctx
        .env
        .secret(which.name())
        .map(|s| s.to_string())
        .or_else(|_| ctx.env.var(which.name()).map(|v| v.to_string()))
        .map_err(|_| ApiError::Internal(format!("secret {} is not configured", which.name())))?;
    if value.len() < 32 {
        return Err(ApiError::Internal(format!(
            "secret {} is too short",
            which.name()
        )));
    }
    Ok(value)
}

/// HMAC-SHA256 (hex) of `message` under the secret (its text as the key).
pub fn keyed(ctx: &Ctx, which: Secret, message: &str) -> Result<String, ApiError> {
    Ok(hmac_sha256_hex(
        secret(ctx, which)?.as_bytes(),
        message.as_bytes(),
    ))
}

/// Constant-time equality of two strings of equal length (MAC comparison).
pub fn ct_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn random<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    Ok(buf)
}

/// A random opaque identifier (128 bits, hex).
pub fn random_id() -> Result<String, ApiError> {
    Ok(hex(&random::<16>()?))
}

/// A random token of `N` bytes as base64url (session tokens, invitation tokens, salts).
pub fn random_token<const N: usize>() -> Result<String, ApiError> {
    Ok(base64url(&random::<N>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ct_eq_compares_whole_strings() {
        assert!(ct_eq("abc", "abc"));
        assert!(!ct_eq("abc", "abd"));
        assert!(!ct_eq("abc", "abcd"));
    }
}
