// Staff login as a browser does it (SPEC §4.1): pre-login for the Argon2id parameters and salt,
// Argon2id over the password here, then only the hash goes to the edge.
import { argon2id } from 'hash-wasm';
import { call, Res, randomClient } from './edge';

export async function passwordHash(email: string, password: string): Promise<string> {
  const pre = await call('POST', '/api/staff/prelogin', { email });
  if (pre.status !== 200) throw new Error(`prelogin: ${pre.status} ${pre.text}`);
  const { kdf, m_kib, t, p, salt } = pre.json;
  if (kdf !== 'argon2id') throw new Error(`unexpected kdf ${kdf}`);
  const raw = await argon2id({
    password, salt: Buffer.from(salt, 'base64url'), parallelism: p, iterations: t, memorySize: m_kib,
    hashLength: 32, outputType: 'binary',
  });
  return Buffer.from(raw).toString('base64url');
}

export async function staffAttempt(email: string, password: string, from = randomClient(), totp?: string): Promise<Res> {
  const body = { email, password_hash: await passwordHash(email, password), ...(totp === undefined ? {} : { totp }) };
  return call('POST', '/api/staff/session', body, { from });
}

export function staffCookie(res: Res): string {
  const c = (res.headers['set-cookie'] ?? []).find((s) => s.startsWith('__Host-mestring-staff='));
  if (!c) throw new Error(`no staff cookie: ${res.status} ${res.text}`);
  return c.split(';')[0];
}

export async function staffLogin(email: string, password: string): Promise<string> {
  return staffCookie(await staffAttempt(email, password));
}
