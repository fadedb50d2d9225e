//! Browser-side staff password hashing (SPEC §4.1): `base64url_nopad(Argon2id(password,
//! salt, m_kib, t, p, 32 bytes))`. Pure, so the exact bytes are tested natively.

use argon2::{Algorithm, Argon2, Params, Version};
use content::api::PreloginParams;

/// Minimum length of a new staff password (invitation page).
pub const MIN_PASSWORD_CHARS: usize = 12;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn b64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url with or without padding; `None` for anything else.
pub fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character cannot encode a byte.
    (text.len() % 4 != 1).then_some(out)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    #[error("the salt is not base64url")]
    Salt,
    #[error("argon2: {0}")]
    Argon2(String),
}

/// The password hash the edge expects, from the pre-login parameters.
pub fn password_hash(password: &str, params: &PreloginParams) -> Result<String, HashError> {
    let salt = b64url_decode(&params.salt).ok_or(HashError::Salt)?;
    let p = Params::new(params.m_kib, params.t, params.p, Some(32))
        .map_err(|e| HashError::Argon2(e.to_string()))?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_into(password.as_bytes(), &salt, &mut out)
        .map_err(|e| HashError::Argon2(e.to_string()))?;
    Ok(b64url_encode(&out))
}

/// Why a new password is refused before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPasswordError {
    TooShort,
    Mismatch,
}

pub fn check_new_password(first: &str, second: &str) -> Result<(), NewPasswordError> {
    if first.chars().count() < MIN_PASSWORD_CHARS {
        Err(NewPasswordError::TooShort)
    } else if first != second {
        Err(NewPasswordError::Mismatch)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use content::api::Kdf;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| i.wrapping_mul(37).wrapping_add(200))
                .collect();
            let text = b64url_encode(&bytes);
            assert!(!text.contains('=') && !text.contains('+') && !text.contains('/'));
            assert_eq!(b64url_decode(&text), Some(bytes));
        }
        assert_eq!(b64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(b64url_decode("a"), None);
        assert_eq!(b64url_decode("ab+c"), None);
    }

    #[test]
    fn hash_matches_the_reference_argon2id() {
        // Reference computed with hash-wasm's argon2id (the library the API tests use).
        let params = PreloginParams {
            kdf: Kdf::Argon2id,
            m_kib: 64,
            t: 2,
            p: 1,
            salt: b64url_encode(&[1u8; 16]),
        };
        let h = password_hash("correct horse battery", &params).unwrap();
        assert_eq!(h, "aunH9-PEOxROtuVE7y04AHKxwFKFsSrA_yejwzpU9sk");
        // Deterministic and sensitive to every input.
        assert_eq!(password_hash("correct horse battery", &params).unwrap(), h);
        assert_ne!(password_hash("correct horse batterz", &params).unwrap(), h);
        let other_salt = PreloginParams {
            salt: b64url_encode(&[2u8; 16]),
            ..params.clone()
        };
        assert_ne!(
            password_hash("correct horse battery", &other_salt).unwrap(),
            h
        );
    }

    #[test]
    fn bad_salt_or_params_are_errors_not_panics() {
        let mut params = PreloginParams::with_defaults("!!");
        assert_eq!(password_hash("x", &params), Err(HashError::Salt));
        params.salt = b64url_encode(&[1u8; 16]);
        params.m_kib = 1;
        assert!(matches!(
            password_hash("x", &params),
            Err(HashError::Argon2(_))
        ));
    }

    #[test]
    fn new_passwords_need_twelve_characters_typed_twice() {
        assert_eq!(
            check_new_password("kort", "kort"),
            Err(NewPasswordError::TooShort)
        );
        assert_eq!(check_new_password("æøåæøåæøåæøå", "æøåæøåæøåæøå"), Ok(()));
        assert_eq!(
            check_new_password("lang nok passord", "lang nok passorD"),
            Err(NewPasswordError::Mismatch)
        );
    }
}
