// The key-derivation worker: Argon2id (the `kdf` crate, compiled to wasm) off the page's main
// thread, so the page keeps answering (and its progress bar moving) during an unlock or a
// staff login. The app (app/src/kdf_worker.rs) starts one worker and posts
// {id, secret, salt, m_kib, t, p}; the answer is {id, key} (32 bytes) or {id, error: true}.
// Nothing is logged or stored; after answering, the worker overwrites its Argon2 memory.
// The build writes the hashed names of the module and its glue in (xtask/src/assets.rs).
import init, { derive, wipe } from '/pkg/kdf.js';

// A small derivation at start: the browser compiles the module with a quick baseline compiler
// first and its optimised code is used from the next call on (a long call never switches), so
// the first real derivation runs optimised code. The worker starts while the code is typed.
const ready = init({ module_or_path: '/pkg/kdf_bg.wasm' })
  .then(() => { derive(new Uint8Array(8), new Uint8Array(8), 1024, 1, 1); wipe(); });

self.onmessage = async (event) => {
  const { id, secret, salt, m_kib: mKib, t, p, warm } = event.data;
  if (warm) {
    // Sent when a form that needs a key is focused: the memory grows to the size the real
    // derivation uses (and is kept) while the code is typed, not while the person waits.
    try { await ready; derive(new Uint8Array(8), new Uint8Array(8), warm, 1, 1); wipe(); } catch (_) { self.close(); }
    return;
  }
  try {
    await ready;
    const start = performance.now();
    const key = derive(secret, salt, mKib, t, p);
    // The computation alone, beside the app's own figure around the round trip.
    performance.measure('mestring:argon2id:worker', { start });
    if (!key) throw new Error('refused');
    self.postMessage({ id, key }, [key.buffer]);
    wipe();
  } catch (_) {
    self.postMessage({ id, error: true });
    // A trap (e.g. no memory) may leave the module unusable: the app starts a fresh worker.
    self.close();
  }
};
