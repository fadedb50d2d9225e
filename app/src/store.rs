//! The device-only encrypted store (SPEC P3) on `localStorage`: sealed records, the Argon2id salt
//! and the device secret. The key lives in memory only (re-derived at every login or unlock).

use crate::crypto;
use crate::envelope::{self, CHECK_PLAINTEXT, CHECK_RECORD, Envelope, NONCE_LEN, SECRET_LEN};
use content::encoding::{base64url, unbase64url};
use std::cell::RefCell;
use web_sys::CryptoKey;

use content::storage::{
    STORE_DEVICE_KEY as DEVICE, STORE_PREFIX as PREFIX, STORE_RECORD_PREFIX as RECORD,
    STORE_SALT_KEY as SALT,
};

thread_local! {
    static KEY: RefCell<Option<CryptoKey>> = const { RefCell::new(None) };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// No key in memory: the user must enter the code on this device.
    Locked,
    /// Sealed under another code or another device, or damaged.
    Unreadable,
    /// Browser storage or crypto refused.
    Unavailable,
}

fn storage() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StoreError::Unavailable)
}

fn key() -> Result<CryptoKey, StoreError> {
    KEY.with(|k| k.borrow().clone()).ok_or(StoreError::Locked)
}

pub fn is_unlocked() -> bool {
    KEY.with(|k| k.borrow().is_some())
}

pub fn lock() {
    KEY.with(|k| *k.borrow_mut() = None);
}

fn secret(name: &str, fresh: bool) -> Result<[u8; SECRET_LEN], StoreError> {
    let s = storage()?;
    if !fresh
        && let Some(v) = s
            .get_item(name)
            .ok()
            .flatten()
            .and_then(|t| unbase64url(&t))
            .and_then(|v| <[u8; SECRET_LEN]>::try_from(v).ok())
    {
        return Ok(v);
    }
    let v = crypto::random_bytes::<SECRET_LEN>().ok_or(StoreError::Unavailable)?;
    s.set_item(name, &base64url(&v))
        .map_err(|_| StoreError::Unavailable)?;
    Ok(v)
}

async fn derive(code: &str, fresh_salt: bool) -> Result<CryptoKey, StoreError> {
    let input = envelope::code_input(code).ok_or(StoreError::Unreadable)?;
    let salt = secret(SALT, fresh_salt)?;
    let device = secret(DEVICE, false)?;
    let code_key = crypto::argon2id(&input, &salt)
        .await
        .ok_or(StoreError::Unavailable)?;
    crypto::derive_key(&code_key, &device)
        .await
        .map_err(|_| StoreError::Unavailable)
}

async fn seal_with(key: &CryptoKey, record: &str, plaintext: &[u8]) -> Result<(), StoreError> {
    let nonce = crypto::random_bytes::<NONCE_LEN>().ok_or(StoreError::Unavailable)?;
    let aad = envelope::aad(record, envelope::VERSION);
    let ciphertext = crypto::encrypt(key, &nonce, &aad, plaintext)
        .await
        .map_err(|_| StoreError::Unavailable)?;
    let text = Envelope {
        version: envelope::VERSION,
        nonce,
        ciphertext,
    }
    .serialize();
    storage()?
        .set_item(&format!("{RECORD}{record}"), &text)
        .map_err(|_| StoreError::Unavailable)
}

async fn open_with(key: &CryptoKey, record: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(text) = storage()?
        .get_item(&format!("{RECORD}{record}"))
        .ok()
        .flatten()
    else {
        return Ok(None);
    };
    let env = Envelope::parse(&text).map_err(|_| StoreError::Unreadable)?;
    let aad = envelope::aad(record, env.version);
    crypto::decrypt(key, &env.nonce, &aad, &env.ciphertext)
        .await
        .map(Some)
        .map_err(|_| StoreError::Unreadable)
}

/// Derives the key from the code. `verified`: the edge has just accepted this code, so a store
/// sealed under something else (another code, another device secret) is stale; it stays
/// unreadable and the store is re-anchored to this code. Unverified (unlock after a reload), a
/// mismatch means a wrong code. Returns whether stale records were found.
pub async fn unlock(code: &str, verified: bool) -> Result<bool, StoreError> {
    let key = derive(code, false).await?;
    let stale = match open_with(&key, CHECK_RECORD).await {
        Ok(Some(v)) if v == CHECK_PLAINTEXT => false,
        Ok(None) => {
            seal_with(&key, CHECK_RECORD, CHECK_PLAINTEXT).await?;
            false
        }
        _ if !verified => return Err(StoreError::Unreadable),
        _ => {
            seal_with(&key, CHECK_RECORD, CHECK_PLAINTEXT).await?;
            true
        }
    };
    KEY.with(|k| *k.borrow_mut() = Some(key));
    ask_persistence();
    Ok(stale)
}

pub async fn seal(record: &str, plaintext: &str) -> Result<(), StoreError> {
    seal_with(&key()?, record, plaintext.as_bytes()).await
}

pub async fn open(record: &str) -> Result<Option<String>, StoreError> {
    let bytes = open_with(&key()?, record).await?;
    Ok(bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
}

pub fn remove(record: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(&format!("{RECORD}{record}"));
    }
}

/// Record ids starting with `prefix` (e.g. `text:`, `queue:`).
pub fn records(prefix: &str) -> Vec<String> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    let len = s.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(RECORD).map(str::to_owned))
        .filter(|r| r.starts_with(prefix))
        .collect()
}

/// After a code change: every readable record re-sealed under the new code with a fresh salt.
pub async fn rekey(new_code: &str) -> Result<(), StoreError> {
    let old = key()?;
    let mut plain = Vec::new();
    for record in records("") {
        if let Ok(Some(v)) = open_with(&old, &record).await {
            plain.push((record, v));
        } else {
            remove(&record);
        }
    }
    let new = derive(new_code, true).await?;
    for (record, v) in plain {
        seal_with(&new, &record, &v).await?;
    }
    seal_with(&new, CHECK_RECORD, CHECK_PLAINTEXT).await?;
    KEY.with(|k| *k.borrow_mut() = Some(new));
    Ok(())
}

/// Deletes every record, the salt and the device secret (P8: deleting wipes the device too).
pub fn wipe() {
    lock();
    if let Ok(s) = storage() {
        let len = s.length().unwrap_or(0);
        let keys: Vec<String> = (0..len)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        for k in keys {
            let _ = s.remove_item(&k);
        }
    }
}

/// Asks the browser not to evict the store under storage pressure (best effort).
fn ask_persistence() {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().storage().persist();
    }
}
