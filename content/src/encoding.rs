//! Text forms of bytes: lower-case hex and base64url without padding (RFC 4648 §5). One
//! implementation for the edge (HMACs, sealed secrets, tokens, salts), the operator tool and
//! the app (client ids, the local store's records, the staff password hash and its salt).
//!
//! The decoders are strict: they accept only what the encoders write (no padding, no
//! whitespace, no upper-case hex, no non-zero bits after the last base64url byte), so every
//! byte string has exactly one text and every accepted text exactly one byte string.

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex, two digits per byte.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// The bytes of lower-case hex text; `None` for an odd length or any other character.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks(2)
        .map(|pair| Some((digit(pair[0])? << 4) | digit(pair[1])?))
        .collect()
}

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(B64URL[((v >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The bytes of base64url text without padding; `None` for padding, any character outside the
/// alphabet, an impossible length, or non-zero bits after the last byte.
pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| B64URL.iter().position(|&a| a == c).map(|p| p as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut v = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            v |= value(c)? << (18 - 6 * i);
        }
        let n = chunk.len() - 1; // bytes in this chunk
        let unused = 24 - 8 * n;
        if v & ((1 << unused) - 1) != 0 {
            return None;
        }
        out.extend((0..n).map(|i| (v >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64url_matches_rfc_4648_without_padding() {
        for (raw, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(raw.as_bytes()), text);
            assert_eq!(unbase64url(text).as_deref(), Some(raw.as_bytes()));
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(unbase64url("-_8"), Some(vec![0xfb, 0xff]));
    }

    #[test]
    fn base64url_decoder_takes_no_padding_and_nothing_else() {
        // "Zh" and "Zm9" carry non-zero bits past the last byte: not what the encoder writes.
        for bad in [
            "Zg==", "Zm8=", "Zg=", "Z", "Zm9vY", "Zm+v", "Zm/v", "Zm9 v", "Zh", "Zm9", "\u{e9}A",
            "a", "ab=c", "ab+c", "Zm9vYh",
        ] {
            assert_eq!(unbase64url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hex_is_lower_case_two_digits_per_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(unhex("000fa5ff"), Some(vec![0x00, 0x0f, 0xa5, 0xff]));
        assert_eq!(unhex(""), Some(vec![]));
        for bad in ["0", "0g", "0F", "zz", " 00", "+1"] {
            assert_eq!(unhex(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn both_round_trip_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
            prop_assert_eq!(unhex(&hex(&bytes)), Some(bytes.clone()));
            prop_assert_eq!(unbase64url(&base64url(&bytes)), Some(bytes.clone()));
            prop_assert!(!base64url(&bytes).contains('='));
        }

        #[test]
        fn base64url_decodes_only_canonical_text(text in "[A-Za-z0-9_=+/-]{0,12}") {
            if let Some(bytes) = unbase64url(&text) {
                prop_assert_eq!(base64url(&bytes), text);
            }
        }
    }
}
