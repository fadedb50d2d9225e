//! Card purchase through Stripe Checkout, as pure functions: the form body of the one
//! `POST /v1/checkout/sessions` the edge makes, and the check of a webhook's `Stripe-Signature`
//! header (Stripe's documented scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload"
//! under the endpoint's signing secret>`, several `v1` allowed while a secret is rolled). The
//! clock is handed in. The edge sends Stripe no customer and no e-mail; the only value of ours
//! Stripe holds is the claim's keyed hash ([`crate::keyed::claim_hash`]), which cannot be turned
//! back into the claim token and, once the claim is exchanged, matches no stored row.

use crate::keyed::{ct_eq, hmac_sha256_hex};

/// Stripe's default tolerance: a signature older (or newer) than five minutes is refused, so a
/// captured delivery cannot be replayed later.
pub const TOLERANCE_S: i64 = 300;

/// Why a webhook's signature is refused. The edge answers each with the same 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing")]
    Missing,
    #[error("the Stripe-Signature header has no timestamp or no v1 signature")]
    Malformed,
    #[error("the signature's timestamp is outside the tolerance")]
    Stale,
    #[error("no v1 signature matches")]
    Mismatch,
}

/// Checks `header` (`Stripe-Signature`) over the raw `payload` bytes with the endpoint's
/// signing `secret` at `now_s` (unix seconds). Ok with the signed timestamp.
pub fn verify(
    secret: &str,
    header: Option<&str>,
    payload: &[u8],
    now_s: i64,
) -> Result<i64, SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.push(v),
            _ => {}
        }
    }
    let t = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now_s - t).abs() > TOLERANCE_S {
        return Err(SignatureError::Stale);
    }
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(payload);
    let expected = hmac_sha256_hex(secret.as_bytes(), &signed);
    // Every candidate is compared in full, in constant time, whichever matches.
    let matched = signatures
        .iter()
        .fold(false, |any, s| ct_eq(s, &expected) | any);
    if matched {
        Ok(t)
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The form body (`application/x-www-form-urlencoded`) of the Checkout Session: one item of
/// the configured price, paid once, our claim's hash as the only reference, and the pages
/// Stripe sends the browser back to. No customer, no e-mail: Stripe's own page asks for a
/// receipt address only if the buyer wants one.
pub fn checkout_form(price: &str, reference: &str, success_url: &str, cancel_url: &str) -> String {
    [
        ("mode", "payment"),
        ("line_items[0][price]", price),
        ("line_items[0][quantity]", "1"),
        ("client_reference_id", reference),
        ("success_url", success_url),
        ("cancel_url", cancel_url),
    ]
    .iter()
    .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

/// `application/x-www-form-urlencoded` encoding of one key or value.
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(secret: &str, t: i64, payload: &str) -> String {
        let sig = hmac_sha256_hex(secret.as_bytes(), format!("{t}.{payload}").as_bytes());
        format!("t={t},v1={sig}")
    }

    #[test]
    fn a_fresh_signature_over_the_payload_passes() {
        let h = header("whsec_x", 1000, "{\"a\":1}");
        assert_eq!(verify("whsec_x", Some(&h), b"{\"a\":1}", 1000), Ok(1000));
        assert_eq!(verify("whsec_x", Some(&h), b"{\"a\":1}", 1300), Ok(1000));
        // A rolled secret: any v1 may match.
        let both = format!("{h},v1={}", "0".repeat(64));
        assert_eq!(verify("whsec_x", Some(&both), b"{\"a\":1}", 1000), Ok(1000));
    }

    #[test]
    fn wrong_missing_old_or_tampered_signatures_are_refused() {
        let h = header("whsec_x", 1000, "{}");
        assert_eq!(
            verify("whsec_x", None, b"{}", 1000),
            Err(SignatureError::Missing)
        );
        assert_eq!(
            verify("whsec_x", Some("v1=abc"), b"{}", 1000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify("whsec_x", Some("t=1000"), b"{}", 1000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify("whsec_x", Some(&h), b"{}", 1301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("whsec_x", Some(&h), b"{}", 699),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("whsec_y", Some(&h), b"{}", 1000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("whsec_x", Some(&h), b"{ }", 1000),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn the_checkout_form_carries_only_price_reference_and_urls() {
        let f = checkout_form(
            "price_1",
            "abc",
            "https://x.no/kjop#claim=t",
            "https://x.no/",
        );
        assert_eq!(
            f,
            "mode=payment&line_items%5B0%5D%5Bprice%5D=price_1&line_items%5B0%5D%5Bquantity%5D=1\
             &client_reference_id=abc&success_url=https%3A%2F%2Fx.no%2Fkjop%23claim%3Dt\
             &cancel_url=https%3A%2F%2Fx.no%2F"
        );
        assert!(!f.contains("email") && !f.contains("customer"));
    }
}
