//! TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) for staff accounts, and the sealing of
//! the shared secret at rest. Pure: no worker import, so `cargo test` checks it natively.

use crate::ground::crypto::ct_eq;
use content::{
    encoding::{hex, unhex},
    keyed::hmac_sha256,
};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

pub const STEP_MS: i64 = 30_000;
pub const DIGITS: u32 = 6;
/// Bytes of a new shared secret (160 bits, as RFC 4226 recommends).
pub const SECRET_LEN: usize = 20;
/// Clocks of phones drift: the step before and after now are accepted too.
const WINDOW: i64 = 1;

const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding: what authenticator apps take as the key.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let v = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..chars {
            let idx = (v >> (35 - i * 5)) & 31;
            out.push(char::from(B32[idx as usize]));
        }
    }
    out
}

/// HOTP (RFC 4226) value of `counter`.
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(secret) else {
        return u32::MAX; // HMAC takes keys of any length: cannot happen
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let bin = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    bin % 10u32.pow(DIGITS)
}

pub fn step_of(now_ms: i64) -> i64 {
    now_ms.div_euclid(STEP_MS)
}

fn code_for_step(secret: &[u8], step: u64) -> String {
    format!("{:0width$}", hotp(secret, step), width = DIGITS as usize)
}

/// The code an authenticator shows at `now_ms`.
#[cfg(test)]
pub fn code_at(secret: &[u8], now_ms: i64) -> String {
    code_for_step(secret, step_of(now_ms).max(0) as u64)
}

/// The step `offered` matches within the window, if any, and only if that step is later than
/// `last_used`: a code that has logged in once cannot be replayed.
pub fn verify(secret: &[u8], offered: &str, now_ms: i64, last_used: Option<i64>) -> Option<i64> {
    let offered: String = offered.chars().filter(|c| !c.is_whitespace()).collect();
    if offered.len() != DIGITS as usize || !offered.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(now_ms);
    let mut matched = None;
    // Every candidate is computed, so the time taken does not tell which one matched.
    for step in (now - WINDOW)..=(now + WINDOW) {
        if step < 0 {
            continue;
        }
        let expected = code_for_step(secret, step as u64);
        let fresh = last_used.is_none_or(|last| step > last);
        if ct_eq(&expected, &offered) && fresh && matched.is_none() {
            matched = Some(step);
        }
    }
    matched
}

/// The `otpauth://` URI authenticator apps read (as text or a QR code).
pub fn otpauth_uri(secret: &[u8], account: &str) -> String {
    let label: String = account
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'@' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!(
        "otpauth://totp/Mestring:{label}?secret={}&issuer=Mestring&algorithm=SHA1&digits={DIGITS}&period={}",
        base32(secret),
        STEP_MS / 1000
    )
}

/// Seals a shared secret for storage: a random nonce, then the secret XOR a keystream of
/// HMAC-SHA256(key, nonce), then a MAC over both, all hex. The edge must read the secret back
/// to verify codes, so it cannot store only a hash; a leaked database alone does not reveal it.
pub fn seal(key: &[u8], nonce: &[u8; 16], secret: &[u8; SECRET_LEN]) -> String {
    let stream = hmac_sha256(key, &[b"totp-stream:".as_slice(), nonce].concat());
    let body: Vec<u8> = secret.iter().zip(stream).map(|(s, k)| s ^ k).collect();
    let mac = hmac_sha256(key, &[b"totp-mac:".as_slice(), nonce, &body].concat());
    hex(&[nonce.as_slice(), &body, &mac].concat())
}

/// The secret sealed by [`seal`], or `None` when the value was not sealed under `key`.
pub fn open(key: &[u8], sealed: &str) -> Option<[u8; SECRET_LEN]> {
    let bytes = unhex(sealed)?;
    if bytes.len() != 16 + SECRET_LEN + 32 {
        return None;
    }
    let (nonce, rest) = bytes.split_at(16);
    let (body, mac) = rest.split_at(SECRET_LEN);
    let expected = hmac_sha256(key, &[b"totp-mac:".as_slice(), nonce, body].concat());
    if !ct_eq(&hex(&expected), &hex(mac)) {
        return None;
    }
    let stream = hmac_sha256(key, &[b"totp-stream:".as_slice(), nonce].concat());
    let mut out = [0u8; SECRET_LEN];
    for (i, (b, k)) in body.iter().zip(stream).enumerate() {
        out[i] = b ^ k;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn hotp_matches_rfc_4226_appendix_d() {
        let expected = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, want) in expected.iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64), *want, "counter {counter}");
        }
    }

    #[test]
    fn totp_matches_rfc_6238_sha1_vectors_in_six_digits() {
        // RFC 6238 appendix B (8 digits); the last six digits are the 6-digit code.
        for (t, eight) in [
            (59i64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(RFC_SECRET, t * 1000), eight[2..], "t = {t}");
        }
    }

    #[test]
    fn verify_accepts_one_step_of_drift_and_no_more() {
        let now = 1_234_567_890_000;
        let code = code_at(RFC_SECRET, now);
        assert_eq!(verify(RFC_SECRET, &code, now, None), Some(step_of(now)));
        assert!(verify(RFC_SECRET, &code, now + STEP_MS, None).is_some());
        assert!(verify(RFC_SECRET, &code, now - STEP_MS, None).is_some());
        assert_eq!(verify(RFC_SECRET, &code, now + 2 * STEP_MS, None), None);
        assert_eq!(verify(RFC_SECRET, &code, now - 2 * STEP_MS, None), None);
    }

    #[test]
    fn verify_refuses_a_replayed_step() {
        let now = 1_234_567_890_000;
        let code = code_at(RFC_SECRET, now);
        let used = verify(RFC_SECRET, &code, now, None);
        assert_eq!(verify(RFC_SECRET, &code, now, used), None);
        let next = code_at(RFC_SECRET, now + STEP_MS);
        assert!(verify(RFC_SECRET, &next, now + STEP_MS, used).is_some());
    }

    #[test]
    fn verify_refuses_malformed_codes() {
        let now = 59_000;
        for bad in ["", "28708", "2870822", "28708a", "２８７０８２", "-87082"] {
            assert_eq!(verify(RFC_SECRET, bad, now, None), None, "{bad:?}");
        }
        assert!(verify(RFC_SECRET, "287 082", now, None).is_some());
    }

    #[test]
    fn base32_matches_rfc_4648_vectors_without_padding() {
        for (raw, want) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(raw.as_bytes()), want);
        }
    }

    #[test]
    fn sealed_secret_opens_only_with_its_key_and_unaltered() {
        let secret = [7u8; SECRET_LEN];
        let sealed = seal(b"key-one-key-one-key-one-key-one!", &[1; 16], &secret);
        assert!(!sealed.contains(&hex(&secret)));
        assert_eq!(
            open(b"key-one-key-one-key-one-key-one!", &sealed),
            Some(secret)
        );
        assert_eq!(open(b"key-two-key-two-key-two-key-two!", &sealed), None);
        let mut tampered = sealed.clone().into_bytes();
        tampered[40] = if tampered[40] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        assert_eq!(open(b"key-one-key-one-key-one-key-one!", &tampered), None);
        assert_eq!(open(b"key-one-key-one-key-one-key-one!", "zz"), None);
    }

    #[test]
    fn otpauth_uri_names_issuer_and_escapes_the_account() {
        let uri = otpauth_uri(b"foobar", "a b@x.no");
        assert_eq!(
            uri,
            "otpauth://totp/Mestring:a%20b@x.no?secret=MZXW6YTBOI&issuer=Mestring&algorithm=SHA1&digits=6&period=30"
        );
    }
}
