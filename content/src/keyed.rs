//! Keyed hashes (HMAC-SHA256) shared by the edge and the operator tool (`cargo xtask admin`),
//! so that both derive exactly the same stored value from a secret. Behind the `keyed` feature:
//! the browser app never needs them.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::encoding::hex;

/// HMAC-SHA256 of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length; the error branch cannot happen.
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA256 of `message` under `key`, as lower-case hex.
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    hex(&hmac_sha256(key, message))
}

/// What is stored for a staff invitation token (`invites.token_hash`): the HMAC under the code
/// secret (its text as the key) of `invite:` and the token. The edge writes and looks it up;
/// the operator tool writes the first super user's invitation with it.
pub fn invite_hash(code_key: &str, token: &str) -> String {
    hmac_sha256_hex(code_key.as_bytes(), format!("invite:{token}").as_bytes())
}

/// Constant-time equality of two strings of equal length (MAC comparison).
pub fn ct_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What is stored for a voucher (`vouchers.voucher_hash`): the HMAC under the code secret of
/// `voucher:` and the normalised voucher. The operator tool writes it when it issues a batch;
/// the edge looks it up at redemption. The label keeps it apart from a code's hash, so a
/// voucher and a code with the same symbols never share a stored value.
pub fn voucher_hash(code_key: &str, normalised_voucher: &str) -> String {
    hmac_sha256_hex(
        code_key.as_bytes(),
        format!("voucher:{normalised_voucher}").as_bytes(),
    )
}

/// What is stored for a card-purchase claim token (`purchase_claims.claim_hash`), and what
/// Stripe is given as the session's `client_reference_id`: the HMAC under the code secret of
/// `claim:` and the token. Neither Stripe nor a database dump can turn it back into the token.
pub fn claim_hash(code_key: &str, token: &str) -> String {
    hmac_sha256_hex(code_key.as_bytes(), format!("claim:{token}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn invite_hash_is_the_hmac_of_the_prefixed_token() {
        assert_eq!(
            invite_hash("Jefe", "tok"),
            hmac_sha256_hex(b"Jefe", b"invite:tok")
        );
        assert_ne!(invite_hash("Jefe", "tok"), invite_hash("Jefe", "tok2"));
        assert_ne!(invite_hash("Jefe", "tok"), invite_hash("Jeff", "tok"));
    }

    #[test]
    fn voucher_and_claim_hashes_are_domain_separated() {
        assert_eq!(
            voucher_hash("Jefe", "ABCD"),
            hmac_sha256_hex(b"Jefe", b"voucher:ABCD")
        );
        assert_eq!(
            claim_hash("Jefe", "t"),
            hmac_sha256_hex(b"Jefe", b"claim:t")
        );
        // The same text as a voucher, a claim, an invitation or a code hashes differently.
        let all = [
            voucher_hash("Jefe", "x"),
            claim_hash("Jefe", "x"),
            invite_hash("Jefe", "x"),
            hmac_sha256_hex(b"Jefe", b"x"),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
