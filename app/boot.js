// External on purpose: the CSP forbids inline scripts. wasm-bindgen's init runs `main`, which mounts the app.
import init from '/pkg/app.js';
init({ module_or_path: '/pkg/app_bg.wasm' });
