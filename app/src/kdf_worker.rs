//! Argon2id off the main thread: the client of the key-derivation worker (`app/kdf-worker.js`,
//! which runs the `kdf` crate compiled to wasm). One worker per page, started on first use
//! (or earlier by [`warm`], when a form that needs it is focused) and kept, so its Argon2
//! memory is reused; every request is a message answered by a message, awaited here as a
//! future. The page keeps painting and answering clicks while the worker computes, so the
//! progress bar shown meanwhile moves. The secret goes only to this same-origin worker and
//! the key only back; nothing is logged or stored.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Length of every derived key.
pub const KEY_LEN: usize = 32;

/// The global through which `boot.js` hands over the worker script's content-hashed address.
const SCRIPT_GLOBAL: &str = "mestringKdf";

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// Requests sent and not yet answered: id, resolve, reject.
    static PENDING: RefCell<Vec<(u32, Function, Function)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key)).ok()
}

/// Answers the request `id` (or, with `None`, every waiting request: the worker failed).
fn settle(id: Option<u32>, answer: Result<&JsValue, ()>) {
    let settled: Vec<_> = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let (done, rest): (Vec<_>, Vec<_>) = p
            .drain(..)
            .partition(|(i, _, _)| id.is_none_or(|id| *i == id));
        *p = rest;
        done
    });
    for (_, resolve, reject) in settled {
        let _ = match answer {
            Ok(value) => resolve.call1(&JsValue::NULL, value),
            Err(()) => reject.call0(&JsValue::NULL),
        };
    }
}

/// Forgets the worker after a failure (it closes itself), so the next request starts afresh.
fn forget() {
    if let Some(w) = WORKER.with(|w| w.borrow_mut().take()) {
        w.terminate();
    }
    settle(None, Err(()));
}

fn start() -> Option<Worker> {
    let script = get(&js_sys::global(), SCRIPT_GLOBAL)?.as_string()?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&script, &options).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        let id = get(&data, "id").and_then(|v| v.as_f64()).map(|v| v as u32);
        let failed = get(&data, "error").is_some_and(|v| v.is_truthy());
        match id {
            Some(id) if !failed => settle(Some(id), Ok(&data)),
            _ => forget(),
        }
    });
    worker.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| forget());
    worker.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
    Some(worker)
}

fn worker() -> Option<Worker> {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            *w = start();
        }
        w.clone()
    })
}

/// Starts the worker ahead of need, so that its module is loaded when the code is typed, and
/// has it grow its Argon2 memory to `m_kib` meanwhile (one pass over that memory), so that the
/// first real derivation neither waits for the memory to grow nor runs unoptimised code.
pub fn warm(m_kib: u32) {
    if WORKER.with(|w| w.borrow().is_some()) {
        return;
    }
    let Some(worker) = worker() else {
        return;
    };
    let message = Object::new();
    if Reflect::set(&message, &JsValue::from_str("warm"), &m_kib.into()).is_ok() {
        let _ = worker.post_message(&message);
    }
}

/// Argon2id (version 0x13) of `secret` under `salt` with `m_kib`, `t` and `p`: 32 bytes, or
/// `None` when the worker cannot start or refuses the parameters. The User Timing entry
/// `mestring:argon2id` spans the round trip as the user waits for it (`cargo xtask bench`
/// reads it); the worker adds `mestring:argon2id:worker` for the computation alone.
pub async fn argon2id(
    secret: &[u8],
    salt: &[u8],
    m_kib: u32,
    t: u32,
    p: u32,
) -> Option<[u8; KEY_LEN]> {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(perf) = &perf {
        let _ = perf.mark("mestring:argon2id:start");
    }
    let worker = worker()?;
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let answer = Promise::new(&mut |resolve, reject| {
        PENDING.with(|p| p.borrow_mut().push((id, resolve, reject)));
    });
    let message = Object::new();
    for (key, value) in [
        ("id", JsValue::from(id)),
        ("secret", Uint8Array::from(secret).into()),
        ("salt", Uint8Array::from(salt).into()),
        ("m_kib", m_kib.into()),
        ("t", t.into()),
        ("p", p.into()),
    ] {
        Reflect::set(&message, &JsValue::from_str(key), &value).ok()?;
    }
    if worker.post_message(&message).is_err() {
        settle(Some(id), Err(()));
    }
    let answer = JsFuture::from(answer).await.ok()?;
    if let Some(perf) = &perf {
        let _ = perf.measure_with_start_mark("mestring:argon2id", "mestring:argon2id:start");
    }
    let key = get(&answer, "key")?.dyn_into::<Uint8Array>().ok()?;
    <[u8; KEY_LEN]>::try_from(key.to_vec()).ok()
}
