// Plain HTTP helpers for the Node scripts outside Playwright (bench, load): fetch with JSON and
// cookies, a bounded pool of concurrent tasks, and a PHQ-9 answer map.
export function client(base) {
  return async function call(method, p, body, cookie) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (cookie) headers.cookie = cookie;
    const res = await fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json; try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, json, text, cookies: res.headers.getSetCookie(), retryAfter: res.headers.get('retry-after') };
  };
}

/** The `name=value` of a cookie the response set, or undefined. */
export const cookieOf = (res, name) => res.cookies.find((s) => s.startsWith(`${name}=`))?.split(';')[0];

/** Runs `task(i)` for i in 0..n with at most `width` in flight. */
export async function pool(n, width, task) {
  let next = 0;
  const worker = async () => { while (next < n) { const i = next++; await task(i); } };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
}

export const phq9 = (v) => Object.fromEntries(v.map((x, i) => [`phq9.${i + 1}`, x]));
