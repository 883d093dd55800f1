/**
 * Login cost over real HTTP, on pglite with the production password parameters (argon2id, 19 MiB,
 * t=2, p=1 unless WYGL_PASSWORD_MEMORY_KIB is set):
 *  1. one login alone, repeated: p50/p95;
 *  2. N logins of N different users at once while `/api/health` is polled one request after another:
 *     p50/p95 of the logins and of the health answers (the event loop's yardstick), beside health
 *     polled on the idle server;
 *  3. the same two with every user's stored hash replaced by an earlier scrypt N=2^17, r=8 hash (the
 *     parameters before argon2id): each such login verifies the old hash and re-hashes to argon2id.
 *   npx tsx bench/login.ts [concurrent=20] [alone repeats=10]
 */
import { randomBytes, scryptSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { eq, inArray } from 'drizzle-orm';

// Read when the server's modules load, so set before importing them.
process.env.WYGL_LOGIN_LIMIT_PER_IP ??= '1000000';
const { buildApp } = await import('../server/src/app.ts');
const { openPglite } = await import('../server/src/db/client.ts');
const { migrate } = await import('../server/src/db/migrate.ts');
const { organisations, users } = await import('../server/src/db/schema/index.ts');
const { DEMO_PASSWORD, seedDemo } = await import('../server/src/demo/seed.ts');
const { hashPassword, passwordParams } = await import('../server/src/lib/password.ts');
const { ensureDefaultStandards } = await import('../server/src/modules/standards/store.ts');

const concurrent = Number(process.argv[2] ?? 20);
const repeats = Number(process.argv[3] ?? 10);
const ORG = 'JMWXZJ';

const handle = await openPglite();
await migrate(handle);
await ensureDefaultStandards(handle.db);
await seedDemo(handle);
const [org] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, ORG));
if (!org) throw new Error(`demo organisation ${ORG} missing`);
const names = Array.from({ length: Math.max(concurrent, 1) }, (_, i) => `bench${String(i + 1).padStart(2, '0')}`);
const hash = await hashPassword(DEMO_PASSWORD);
await handle.db
  .insert(users)
  .values(names.map((username) => ({ orgId: org.id, username, name: '基准用户', roles: ['admin'], passwordHash: hash })));

const app = await buildApp({ db: handle });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function login(username: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orgCode: ORG, username, password: DEMO_PASSWORD }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return performance.now() - started;
}

async function health(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/api/health`);
  await res.arrayBuffer();
  return performance.now() - started;
}

/** Polls /api/health one request after another until `until` settles. */
async function pollDuring<T>(until: Promise<T>): Promise<{ result: T; times: number[] }> {
  const times: number[] = [];
  let done = false;
  const settled = until.finally(() => {
    done = true;
  });
  while (!done) times.push(await health());
  return { result: await settled, times };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const row = (what: string, xs: number[]) =>
  console.log(`| ${what} | ${xs.length} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} |`);

async function round(label: string) {
  const alone: number[] = [];
  for (let i = 0; i < repeats; i++) alone.push(await login(names[i % names.length] as string));
  row(`${label}: one login alone`, alone);
  const { result: logins, times } = await pollDuring(Promise.all(names.slice(0, concurrent).map((n) => login(n))));
  row(`${label}: ${concurrent} logins at once`, logins);
  row(`${label}: /api/health during them`, times);
}

function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  const N = 2 ** 17;
  const key = scryptSync(password, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

const p = passwordParams();
console.log(`argon2id m=${p.memoryCost} KiB, t=${p.timeCost}, p=${p.parallelism}; libuv pool ${process.env.UV_THREADPOOL_SIZE ?? 4}`);
console.log('| workload | n | p50 ms | p95 ms |');
console.log('| --- | --- | --- | --- |');
const idle: number[] = [];
for (let i = 0; i < 50; i++) idle.push(await health());
row('/api/health, idle', idle);
await round('argon2id');

// Every user back on an earlier scrypt hash: the first login of each verifies it and re-hashes.
// Each round of logins re-hashes them, so the alone figure below is for old hashes only when
// repeats ≤ users; the batch re-sets them first.
const resetLegacy = async () => {
  const legacy = legacyScrypt(DEMO_PASSWORD);
  await handle.db.update(users).set({ passwordHash: legacy }).where(inArray(users.username, names));
};
{
  await resetLegacy();
  const alone: number[] = [];
  for (let i = 0; i < Math.min(repeats, names.length); i++) alone.push(await login(names[i] as string));
  row('scrypt N=2^17 (first login, re-hashes): one login alone', alone);
  await resetLegacy();
  const { result: logins, times } = await pollDuring(Promise.all(names.slice(0, concurrent).map((n) => login(n))));
  row(`scrypt N=2^17 (first login, re-hashes): ${concurrent} logins at once`, logins);
  row('scrypt N=2^17: /api/health during them', times);
}
const [after] = await handle.db
  .select({ h: users.passwordHash })
  .from(users)
  .where(eq(users.username, names[0] as string));
console.log(`stored after the old-hash logins: ${after?.h.slice(0, 30)}…`);
await app.close();
await handle.close();
