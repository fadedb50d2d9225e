// External on purpose: the CSP forbids inline scripts. Staff mode is its own bundle, so people
// using the self-help tools never download it; wasm-bindgen's init runs `main`, which mounts.
const p = location.pathname;
const bundle = p === '/staff' || p.startsWith('/staff/') ? 'staff' : 'app';
if (bundle === 'staff') {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/style/staff.css';
  document.head.append(css);
}
const { default: init } = await import(`/pkg/${bundle}.js`);
await init({ module_or_path: `/pkg/${bundle}_bg.wasm` });
