//! Argon2id as the browser computes it, in a Web Worker (`app/kdf-worker.js` loads this
//! module), so the page stays responsive during an unlock or a staff login. The same `argon2`
//! crate as before; the one difference is memory: the blocks (19 MiB with the default
//! parameters) are allocated once per worker and reused by every later call, so a second
//! unlock neither grows nor zeroes the wasm memory again. After each answer the blocks are
//! overwritten (`wipe`), off the caller's path: nothing derived lingers in the worker.

use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;

/// Length of every key this worker derives (the store's code key, the staff password hash).
pub const OUT_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfError {
    /// Parameters, salt or secret outside what Argon2id accepts.
    Params,
    /// The memory the parameters ask for could not be had.
    Memory,
}

thread_local! {
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Argon2id (version 0x13) of `secret` under `salt` with `m_kib`, `t` and `p`, 32 bytes, in
/// the memory this thread keeps: grown when a call needs more, never shrunk.
pub fn derive(
    secret: &[u8],
    salt: &[u8],
    m_kib: u32,
    t: u32,
    p: u32,
) -> Result<[u8; OUT_LEN], KdfError> {
    let params = Params::new(m_kib, t, p, Some(OUT_LEN)).map_err(|_| KdfError::Params)?;
    let needed = params.block_count();
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        if blocks.len() < needed {
            let more = needed - blocks.len();
            blocks
                .try_reserve_exact(more)
                .map_err(|_| KdfError::Memory)?;
            blocks.resize(needed, Block::default());
        }
        let mut out = [0u8; OUT_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into_with_memory(secret, salt, &mut out, &mut blocks[..needed])
            .map_err(|_| KdfError::Params)?;
        Ok(out)
    })
}

/// Overwrites the kept blocks (their last pass determines the key) without giving them back.
pub fn wipe() {
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        blocks.fill(Block::default());
        std::hint::black_box(&mut blocks[..]);
    });
}

/// Blocks kept by this thread (tests: the memory is reused, not reallocated).
pub fn kept_blocks() -> usize {
    BLOCKS.with(|blocks| blocks.borrow().len())
}

/// The worker's entry points (`app/kdf-worker.js`): the key, or `undefined` when the
/// parameters are refused or memory is short; nothing is logged.
#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    pub fn derive(secret: &[u8], salt: &[u8], m_kib: u32, t: u32, p: u32) -> Option<Vec<u8>> {
        super::derive(secret, salt, m_kib, t, p).ok().map(Vec::from)
    }

    #[wasm_bindgen]
    pub fn wipe() {
        super::wipe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(secret: &[u8], salt: &[u8], m_kib: u32, t: u32, p: u32) -> [u8; OUT_LEN] {
        let params = Params::new(m_kib, t, p, Some(OUT_LEN)).unwrap();
        let mut out = [0u8; OUT_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, &mut out)
            .unwrap();
        out
    }

    #[test]
    fn reused_memory_gives_the_same_keys_as_fresh_memory() {
        // Large, then smaller (a longer buffer than needed), then larger again, then wiped.
        let cases = [(256, 2, 1), (64, 3, 1), (512, 1, 2), (64, 2, 1)];
        for (i, (m, t, p)) in cases.into_iter().enumerate() {
            let salt = [i as u8 + 1; 16];
            assert_eq!(
                derive(b"ABCD-EFGH-JKMN-P", &salt, m, t, p).unwrap(),
                reference(b"ABCD-EFGH-JKMN-P", &salt, m, t, p),
                "m = {m}, t = {t}, p = {p}"
            );
            if i == 2 {
                wipe();
            }
        }
    }

    #[test]
    fn the_memory_is_kept_and_grows_only() {
        derive(b"secret", &[7; 16], 128, 1, 1).unwrap();
        assert_eq!(kept_blocks(), 128);
        derive(b"secret", &[7; 16], 64, 1, 1).unwrap();
        assert_eq!(kept_blocks(), 128);
        wipe();
        assert_eq!(kept_blocks(), 128);
        derive(b"secret", &[7; 16], 256, 1, 1).unwrap();
        assert_eq!(kept_blocks(), 256);
    }

    #[test]
    fn refused_parameters_are_errors_not_panics() {
        assert_eq!(derive(b"x", &[1; 16], 1, 2, 1), Err(KdfError::Params));
        assert_eq!(derive(b"x", &[1; 16], 64, 0, 1), Err(KdfError::Params));
        assert_eq!(derive(b"x", &[1; 4], 64, 2, 1), Err(KdfError::Params));
    }
}
