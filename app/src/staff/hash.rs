//! Browser-side staff password hashing (SPEC §4.1): `base64url_nopad(Argon2id(password,
//! salt, m_kib, t, p, 32 bytes))`, with Argon2id in the key-derivation worker. The salt and
//! the encoding are pure, so the exact bytes are tested natively (with the worker's own crate).

use content::api::PreloginParams;
use content::encoding::{base64url, unbase64url};

/// Minimum length of a new staff password (invitation page).
pub const MIN_PASSWORD_CHARS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    #[error("the salt is not base64url")]
    Salt,
    #[error("argon2id refused the parameters or could not run")]
    Argon2,
}

/// The salt of the pre-login parameters, as bytes.
pub fn salt_of(params: &PreloginParams) -> Result<Vec<u8>, HashError> {
    unbase64url(&params.salt).ok_or(HashError::Salt)
}

/// The password hash the edge expects, from the pre-login parameters.
pub async fn password_hash(password: &str, params: &PreloginParams) -> Result<String, HashError> {
    let salt = salt_of(params)?;
    let key =
        crate::kdf_worker::argon2id(password.as_bytes(), &salt, params.m_kib, params.t, params.p)
            .await
            .ok_or(HashError::Argon2)?;
    Ok(base64url(&key))
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

    /// What `password_hash` sends, with the worker's computation done natively.
    fn hash_natively(password: &str, params: &PreloginParams) -> Result<String, HashError> {
        let salt = salt_of(params)?;
        ::kdf::derive(password.as_bytes(), &salt, params.m_kib, params.t, params.p)
            .map(|key| base64url(&key))
            .map_err(|_| HashError::Argon2)
    }

    #[test]
    fn hash_matches_the_reference_argon2id() {
        // Reference computed with hash-wasm's argon2id (the library the API tests use).
        let params = PreloginParams {
            kdf: Kdf::Argon2id,
            m_kib: 64,
            t: 2,
            p: 1,
            salt: base64url(&[1u8; 16]),
        };
        let h = hash_natively("correct horse battery", &params).unwrap();
        assert_eq!(h, "aunH9-PEOxROtuVE7y04AHKxwFKFsSrA_yejwzpU9sk");
        // Deterministic and sensitive to every input.
        assert_eq!(hash_natively("correct horse battery", &params).unwrap(), h);
        assert_ne!(hash_natively("correct horse batterz", &params).unwrap(), h);
        let other_salt = PreloginParams {
            salt: base64url(&[2u8; 16]),
            ..params.clone()
        };
        assert_ne!(
            hash_natively("correct horse battery", &other_salt).unwrap(),
            h
        );
    }

    #[test]
    fn bad_salt_or_params_are_errors_not_panics() {
        let mut params = PreloginParams::with_defaults("!!");
        assert_eq!(salt_of(&params), Err(HashError::Salt));
        assert_eq!(hash_natively("x", &params), Err(HashError::Salt));
        params.salt = base64url(&[1u8; 16]);
        params.m_kib = 1;
        assert_eq!(hash_natively("x", &params), Err(HashError::Argon2));
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
