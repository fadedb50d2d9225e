// Helpers for edge integration tests: plain HTTP from Node, so each test controls its cookies
// and its client address (loopback 127.0.0.x) exactly as a browser or an attacker would.
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const base = new URL(process.env.MESTRING_URL!);

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface Opts {
  cookie?: string;
  from?: string; // local source address, e.g. 127.0.0.2
  contentType?: string;
  raw?: string;
  headers?: Record<string, string>; // extra request headers (Origin, a forged CF-Connecting-IP, …)
}

export function call(method: string, p: string, body?: unknown, opts: Opts = {}): Promise<Res> {
  const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  Object.assign(headers, opts.headers ?? {});
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, path: p, method, headers, localAddress: opts.from ?? '127.0.0.1' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any = undefined;
          try { json = JSON.parse(text); } catch { /* not JSON */ }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** The session cookie a response set, as a `cookie` request header value. */
export function sessionCookie(res: Res): string {
  const set = res.headers['set-cookie'] ?? [];
  const c = set.find((s) => s.startsWith('__Host-mestring='));
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
  return c.split(';')[0];
}

const root = path.resolve(__dirname, '..', '..');
const ledger = path.join(root, '.mestring', 'test-ledger');

/** Remembers secrets the suite handled, so the final dump test can prove none was stored. */
export function remember(kind: 'codes' | 'texts', values: string[]): void {
  mkdirSync(ledger, { recursive: true });
  appendFileSync(path.join(ledger, kind), values.map((v) => v + '\n').join(''));
}

export function remembered(kind: 'codes' | 'texts'): string[] {
  try {
    return readFileSync(path.join(ledger, kind), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** A fresh demo business (with `programme`, inside the programme of that name, whose tool
 *  manager the staff list then holds). With `issuedDaysAgo`, its codes (and accounts) are made that many
 *  days before now on the dev clock, for tests that date answers back: a completion time
 *  before the code was issued is refused. The clock is back to real time afterwards. */
export async function seed(opts: { issuedDaysAgo?: number; programme?: string } = {}): Promise<{ business: { id: string; name: string }; codes: string[]; staff: any[]; vouchers: string[] }> {
  if (opts.issuedDaysAgo) await setClock(iso(Date.now() - opts.issuedDaysAgo * DAY));
  const res = await call('POST', '/api/dev/seed', opts.programme === undefined ? {} : { programme: opts.programme });
  if (opts.issuedDaysAgo) await setClock(null);
  if (res.status !== 200) throw new Error(`seed: ${res.status} ${res.text}`);
  remember('codes', [...res.json.codes, ...(res.json.vouchers ?? [])]);
  return res.json;
}

export async function setClock(now: string | null): Promise<void> {
  const res = await call('POST', '/api/dev/clock', { now });
  if (res.status !== 200) throw new Error(`clock: ${res.status} ${res.text}`);
}

export async function login(code: string, from?: string): Promise<{ cookie: string; me: any }> {
  const res = await call('POST', '/api/session', { code }, { from });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.text}`);
  return { cookie: sessionCookie(res), me: res.json };
}

export const DAY = 24 * 3600 * 1000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A random v4 UUID (the client id of a submission). */
export function uuid(): string {
  return crypto.randomUUID();
}

export function phq9(values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [`phq9.${i + 1}`, v]));
}

function wrangler(args: string[]): void {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/wrangler/bin/wrangler.js'), ...args],
    { cwd: path.join(root, 'edge'), stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', XDG_CONFIG_HOME: path.join(root, '.mestring/xdg') } },
  );
}

/** A full dump of the dev server's local D1, as SQL text (`wrangler d1 export --local`). */
export function dumpD1(): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'mestring-dump-')), 'dump.sql');
  wrangler(['d1', 'export', 'DB', '--local', '--output', out]);
  return readFileSync(out, 'utf8');
}

/** Runs SQL on the dev server's local D1 (`wrangler d1 execute --local`), for a state that no
 *  API call makes yet (e.g. a private participant, whose code no business issued). */
export function executeD1(sql: string): void {
  wrangler(['d1', 'execute', 'DB', '--local', '--yes', '--command', sql]);
}

/** A loopback source address of its own, i.e. another client for the throttle. */
export function randomClient(): string {
  const b = () => 2 + Math.floor(Math.random() * 250);
  return `127.${b()}.${b()}.${b()}`;
}
