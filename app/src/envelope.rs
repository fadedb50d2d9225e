//! The device-only encrypted store's record format (SPEC P3), pure so it is tested natively.
//!
//! A record is AES-256-GCM ciphertext with a fresh random 96-bit nonce per write, stored as the
//! text `m<version>.<nonce>.<ciphertext+tag>` (base64url). The additional authenticated data
//! binds the record id and the format version, so a ciphertext moved to another record id or
//! relabelled with another version fails to decrypt.
//!
//! The key: HKDF-SHA-256 over `Argon2id(code, salt) ‖ device secret` (both 32 bytes), with the
//! salt and info below. The Argon2id salt and the device secret are random per device and never
//! leave it; the code is never stored. So the key needs both the code and the device.

use content::encoding::{base64url, unbase64url};

/// Current format version.
pub const VERSION: u8 = 1;
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag length: the shortest valid ciphertext.
pub const TAG_LEN: usize = 16;

/// Argon2id parameters: the SPEC §4.1 defaults of staff login (OWASP minimum), kept in one place.
pub const ARGON_M_KIB: u32 = content::api::PreloginParams::DEFAULT_M_KIB;
pub const ARGON_T: u32 = content::api::PreloginParams::DEFAULT_T;
pub const ARGON_P: u32 = content::api::PreloginParams::DEFAULT_P;
pub const SECRET_LEN: usize = 32;

pub const HKDF_SALT: &[u8] = b"mestring local store";
pub const HKDF_INFO: &[u8] = b"mestring/aes-256-gcm/v1";

/// Record ids: the free text of a local-only tool step, and submissions waiting to be sent.
pub fn text_record(tool: &str, step: &str) -> String {
    format!("text:{tool}/{step}")
}
pub fn queue_record(id: &str) -> String {
    format!("{QUEUE_PREFIX}{id}")
}
/// The start of every waiting submission's record id.
pub const QUEUE_PREFIX: &str = "queue:";
/// A known plaintext sealed at first unlock, to tell a wrong code from an empty store.
pub const CHECK_RECORD: &str = "check";
pub const CHECK_PLAINTEXT: &[u8] = b"mestring";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub version: u8,
    pub nonce: [u8; NONCE_LEN],
    /// Ciphertext followed by the 16-byte tag.
    pub ciphertext: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("not a store record")]
    Malformed,
    #[error("unknown record format version {0}")]
    UnknownVersion(u8),
}

impl Envelope {
    pub fn serialize(&self) -> String {
        format!(
            "m{}.{}.{}",
            self.version,
            base64url(&self.nonce),
            base64url(&self.ciphertext)
        )
    }

    pub fn parse(text: &str) -> Result<Envelope, EnvelopeError> {
        let rest = text.strip_prefix('m').ok_or(EnvelopeError::Malformed)?;
        let mut parts = rest.split('.');
        let (Some(v), Some(n), Some(c), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(EnvelopeError::Malformed);
        };
        let version: u8 = v.parse().map_err(|_| EnvelopeError::Malformed)?;
        if version != VERSION {
            return Err(EnvelopeError::UnknownVersion(version));
        }
        let nonce: [u8; NONCE_LEN] = unbase64url(n)
            .and_then(|n| n.try_into().ok())
            .ok_or(EnvelopeError::Malformed)?;
        let ciphertext = unbase64url(c).ok_or(EnvelopeError::Malformed)?;
        if ciphertext.len() < TAG_LEN {
            return Err(EnvelopeError::Malformed);
        }
        Ok(Envelope {
            version,
            nonce,
            ciphertext,
        })
    }
}

/// Additional authenticated data: `mestring-store/v<version>/<record id>`.
pub fn aad(record_id: &str, version: u8) -> Vec<u8> {
    format!("mestring-store/v{version}/{record_id}").into_bytes()
}

/// HKDF input keying material: the Argon2id output of the code, then the device secret.
pub fn key_material(code_key: &[u8; SECRET_LEN], device_secret: &[u8; SECRET_LEN]) -> Vec<u8> {
    let mut ikm = Vec::with_capacity(2 * SECRET_LEN);
    ikm.extend_from_slice(code_key);
    ikm.extend_from_slice(device_secret);
    ikm
}

/// What Argon2id hashes: the normalised code (so `abcd efgh…` and `ABCD-EFGH-…` give one key);
/// `None` when the input is not a valid code.
pub fn code_input(code: &str) -> Option<Vec<u8>> {
    content::code::Code::parse(code)
        .ok()
        .map(|c| c.normalised().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Envelope {
        Envelope {
            version: VERSION,
            nonce: [7; NONCE_LEN],
            ciphertext: (0..40).collect(),
        }
    }

    #[test]
    fn serialize_and_parse_round_trip() {
        let e = sample();
        let text = e.serialize();
        assert!(text.starts_with("m1."));
        assert_eq!(Envelope::parse(&text), Ok(e));
    }

    #[test]
    fn parse_rejects_other_versions_and_broken_text() {
        let text = sample().serialize().replacen("m1.", "m2.", 1);
        assert_eq!(
            Envelope::parse(&text),
            Err(EnvelopeError::UnknownVersion(2))
        );
        for bad in [
            "",
            "m1",
            "m1..",
            "x1.AAAA.AAAA",
            "m1.AAAA.AAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            assert_eq!(Envelope::parse(bad), Err(EnvelopeError::Malformed), "{bad}");
        }
        let short = Envelope {
            ciphertext: vec![1; TAG_LEN - 1],
            ..sample()
        };
        assert_eq!(
            Envelope::parse(&short.serialize()),
            Err(EnvelopeError::Malformed)
        );
        let extra = format!("{}.AAAA", sample().serialize());
        assert_eq!(Envelope::parse(&extra), Err(EnvelopeError::Malformed));
    }

    #[test]
    fn aad_binds_record_and_version() {
        assert_eq!(
            aad("text:worry/my_worries", 1),
            b"mestring-store/v1/text:worry/my_worries"
        );
        assert_ne!(aad("a", 1), aad("b", 1));
        assert_ne!(aad("a", 1), aad("a", 2));
    }

    #[test]
    fn key_material_needs_both_secrets_in_order() {
        let ikm = key_material(&[1; 32], &[2; 32]);
        assert_eq!(ikm.len(), 64);
        assert_eq!(&ikm[..32], &[1; 32]);
        assert_ne!(ikm, key_material(&[2; 32], &[1; 32]));
    }

    #[test]
    fn code_input_is_normalised_and_rejects_typos() {
        let code = content::code::Code::generate(|b| *b = [9; 8]).to_string();
        let loose = code.to_lowercase().replace('-', " ");
        assert_eq!(code_input(&code), code_input(&loose));
        assert_eq!(code_input(&code).map(|v| v.len()), Some(13));
        assert_eq!(code_input("ABCD"), None);
    }

    #[test]
    fn record_ids_are_distinct_namespaces() {
        assert_eq!(text_record("worry", "my_worries"), "text:worry/my_worries");
        assert_eq!(queue_record("abc"), "queue:abc");
        assert_ne!(CHECK_RECORD, text_record("", ""));
    }
}
