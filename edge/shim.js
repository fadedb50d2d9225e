// The worker's entry module, bundled by `cargo xtask build` around wasm-bindgen's output
// (build/index.js + index_bg.wasm). It does what worker-build 0.8.7's shim does for the two
// handlers this worker has: a WebAssembly trap (a Rust panic under panic=abort) marks the
// instance broken, and the next request starts from a fresh instance instead of a poisoned one.
import { WorkerEntrypoint } from "cloudflare:workers";
import * as exports from "./index.js";

Error.stackTraceLimit = 100;
const initState = exports.__worker_init_state();

function checkReinitialize() {
  if (initState.criticalError) {
    console.log("Reinitializing Wasm application");
    exports.__wbg_reset_state();
    initState.criticalError = false;
    initState.instanceId++;
  }
}

function handleMaybeCritical(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    console.error("Critical", e);
    initState.criticalError = true;
  }
}

addEventListener("error", (e) => handleMaybeCritical(e.error));

async function guarded(call) {
  checkReinitialize();
  try {
    return await call();
  } catch (e) {
    handleMaybeCritical(e);
    throw e;
  }
}

export default class Entrypoint extends WorkerEntrypoint {
  fetch(request) {
    return guarded(() => exports.fetch.call(this, request, this.env, this.ctx));
  }

  scheduled(event) {
    return guarded(() => exports.scheduled.call(this, event, this.env, this.ctx));
  }
}
