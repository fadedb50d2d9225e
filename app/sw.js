// The service worker: the app opens without a network, and a second visit downloads none of
// its code again. The build writes in the version and the list below (xtask/src/assets.rs):
// the shell (`/`, which is index.html at every path), the manifest, and the end user's
// content-hashed assets. Staff mode's files are cached when first used, so end users never
// download them.
//
// - `/api` is never touched: every call goes to the network, nothing of it is ever cached.
// - Pages (navigations): the network first, so a new version's index.html is seen at once;
//   the cached shell of this version when there is no network.
// - `/assets/…`: a name never changes its content, so the cache answers when it can.
// - A new version installs beside the old one, takes over at once, and deletes the old caches.
const VERSION = '__VERSION__';
const PREFIX = '__CACHE_PREFIX__';
const PRECACHE = [/* __PRECACHE__ */];
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    // From the HTTP cache where it can: the page has just loaded the same hashed files, so a
    // first visit does not download the wasm twice.
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isApi(path) {
  return path === '/api' || path.startsWith('/api/');
}

async function fromCacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const shell = await caches.match('/', { cacheName: CACHE });
    if (shell) return shell;
    throw offline;
  }
}

async function fromNetworkFirst(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const cached = await caches.match(request, { cacheName: CACHE });
    if (cached) return cached;
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || isApi(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(fromCacheFirst(request));
  } else {
    event.respondWith(fromNetworkFirst(request));
  }
});
