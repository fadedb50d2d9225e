//! Browser cryptography for the local store: randomness and AES-256-GCM / HKDF from WebCrypto
//! (small, and the key stays a non-extractable `CryptoKey`), Argon2id from the `argon2` crate
//! in the key-derivation worker (WebCrypto has none; `kdf_worker`). The formats and parameters
//! are in the pure `envelope` module.

use crate::envelope::{self, SECRET_LEN};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut buf = [0u8; N];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut buf)
        .ok()?;
    Some(buf)
}

pub fn uuid() -> Option<String> {
    random_bytes::<16>().map(crate::ids::uuid_v4)
}

/// Argon2id(code, salt) with the store's parameters, computed in the worker: the page stays
/// responsive meanwhile, so callers show a moving progress bar.
pub async fn argon2id(input: &[u8], salt: &[u8]) -> Option<[u8; SECRET_LEN]> {
    crate::kdf_worker::argon2id(
        input,
        salt,
        envelope::ARGON_M_KIB,
        envelope::ARGON_T,
        envelope::ARGON_P,
    )
    .await
}

fn subtle() -> Result<SubtleCrypto, JsValue> {
    Ok(web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .crypto()?
        .subtle())
}

fn obj(pairs: &[(&str, &JsValue)]) -> Result<Object, JsValue> {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o)
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

/// HKDF-SHA-256 over `code key ‖ device secret` to a non-extractable AES-256-GCM key.
pub async fn derive_key(
    code_key: &[u8; SECRET_LEN],
    device_secret: &[u8; SECRET_LEN],
) -> Result<CryptoKey, JsValue> {
    let subtle = subtle()?;
    let ikm = Uint8Array::from(envelope::key_material(code_key, device_secret).as_slice());
    let hkdf = obj(&[("name", &"HKDF".into())])?;
    let base: CryptoKey = JsFuture::from(subtle.import_key_with_object(
        "raw",
        &ikm,
        &hkdf,
        false,
        &usages(&["deriveKey"]),
    )?)
    .await?
    .dyn_into()?;
    let params = obj(&[
        ("name", &"HKDF".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &bytes(envelope::HKDF_SALT)),
        ("info", &bytes(envelope::HKDF_INFO)),
    ])?;
    let aes = obj(&[("name", &"AES-GCM".into()), ("length", &256.into())])?;
    JsFuture::from(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    )?)
    .await?
    .dyn_into()
}

fn gcm(nonce: &[u8], aad: &[u8]) -> Result<Object, JsValue> {
    obj(&[
        ("name", &"AES-GCM".into()),
        ("iv", &bytes(nonce)),
        ("additionalData", &bytes(aad)),
        ("tagLength", &128.into()),
    ])
}

pub async fn encrypt(
    key: &CryptoKey,
    nonce: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, JsValue> {
    let out = JsFuture::from(subtle()?.encrypt_with_object_and_u8_array(
        &gcm(nonce, aad)?,
        key,
        plaintext,
    )?)
    .await?;
    Ok(Uint8Array::new(&out).to_vec())
}

pub async fn decrypt(
    key: &CryptoKey,
    nonce: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, JsValue> {
    let out = JsFuture::from(subtle()?.decrypt_with_object_and_u8_array(
        &gcm(nonce, aad)?,
        key,
        ciphertext,
    )?)
    .await?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// Lets the browser paint (e.g. a progress message) before blocking work.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
