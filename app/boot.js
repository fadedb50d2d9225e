// External on purpose: the CSP forbids inline scripts. A classic script in <head>, so it runs
// before the page is painted:
// 1. The language, chosen as the app chooses it (app/src/i18n.rs `pick`: a stored choice, else
//    the first browser language we speak, else bokmål), so the login page that index.html
//    carries as static markup paints in the right language before the wasm arrives.
// 2. The static login page is shown only at `/`; the language switch works before the app runs,
//    and a submit waits for the app (nothing is sent without it).
// 3. The bundle: staff mode is its own bundle, so people using the self-help tools never
//    download it; wasm-bindgen's init runs `main`, which mounts the app beside the static page.
// 4. The app takes the static page over in the same task (no paint between): what was typed,
//    the focus and a waiting submit move into the app's own fields, then the static page goes.
// 5. The service worker (app/sw.js) is registered once the page has loaded.
(() => {
  const LANG_KEY = 'mestring.lang';
  const root = document.documentElement;
  const speak = (tag) => {
    const primary = String(tag).split(/[-_]/)[0].toLowerCase();
    return primary === 'nb' || primary === 'no' || primary === 'nn' ? 'nb' : primary === 'en' ? 'en' : null;
  };
  let stored = null;
  try { stored = localStorage.getItem(LANG_KEY); } catch (_) { /* storage off: browser languages */ }
  const lang = (stored && speak(stored)) || (navigator.languages || []).map(speak).find(Boolean) || 'nb';
  root.lang = lang;

  const path = location.pathname;
  if (path === '/') root.dataset.boot = 'login';

  // The static page's language switch and forms, until the app takes over.
  const inShell = (el) => el instanceof Element && el.closest('#boot');
  document.addEventListener('click', (e) => {
    const button = inShell(e.target) && e.target.closest('.lang-switch');
    if (!button) return;
    const next = root.lang === 'en' ? 'nb' : 'en';
    try { localStorage.setItem(LANG_KEY, next); } catch (_) { /* not remembered */ }
    root.lang = next;
    const other = document.querySelector(`#boot .lang-switch[lang="${next === 'en' ? 'nb' : 'en'}"]`);
    if (other) other.focus();
  });
  document.addEventListener('submit', (e) => {
    if (!inShell(e.target)) return;
    e.preventDefault();
    e.target.dataset.submitted = '1';
  }, true);

  const takeOver = () => {
    const shell = document.getElementById('boot');
    if (!shell) return;
    const own = (id) => Array.from(document.querySelectorAll(`[id="${id}"]`)).find((el) => !shell.contains(el));
    for (const field of shell.querySelectorAll('input[id]')) {
      const app = own(field.id);
      if (!app) continue;
      if (field.type === 'checkbox') {
        if (field.checked !== app.checked) app.click();
      } else if (field.value) {
        app.value = field.value;
        app.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    const focused = document.activeElement;
    let focus = null;
    if (inShell(focused)) {
      focus = focused.id ? own(focused.id) : focused.classList.contains('lang-switch') ? document.querySelector('.lang-switch:not(#boot *)') : null;
    }
    const submitted = Array.from(shell.querySelectorAll('form[data-submitted] input[id]:not([type=checkbox])')).map((f) => own(f.id)).find(Boolean);
    const selection = focused && 'selectionStart' in focused ? [focused.selectionStart, focused.selectionEnd] : null;
    shell.remove();
    delete root.dataset.boot;
    if (focus) {
      focus.focus();
      try { if (selection && selection[0] !== null) focus.setSelectionRange(selection[0], selection[1]); } catch (_) { /* not a text field */ }
    }
    if (submitted && submitted.form) submitted.form.requestSubmit();
  };

  const bundle = path === '/staff' || path.startsWith('/staff/') ? 'staff' : 'app';
  if (bundle === 'staff') {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/style/staff.css';
    document.head.append(css);
  }
  // The key-derivation worker (app/kdf-worker.js, Argon2id off the main thread): its hashed
  // address for the app, which starts it when a form that needs it is used.
  self.mestringKdf = '/kdf-worker.js';
  const js = bundle === 'staff' ? '/pkg/staff.js' : '/pkg/app.js';
  const wasm = bundle === 'staff' ? '/pkg/staff_bg.wasm' : '/pkg/app_bg.wasm';
  const parsed = document.readyState === 'loading'
    ? new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true }))
    : Promise.resolve();
  Promise.all([import(js), parsed])
    .then(([glue]) => glue.default({ module_or_path: wasm }))
    .then(takeOver);

  if ('serviceWorker' in navigator) {
    addEventListener('load', () => { navigator.serviceWorker.register('/sw.js').catch(() => {}); });
  }
})();
