/**
 * Deposit confirmations per second on PostgreSQL, printed beside pgbench's TPC-B-like tps on the
 * same server in the same run: once through the use case itself (F-23 confirmDeposit: R-22 lookup,
 * notice lock, balanced posting, audit), once through the signed bank API over HTTP as a bank's
 * system calls it (F-71: each request signed with HMAC-SHA256 under a key issued by the office,
 * one one-house notice per request, N clients on keep-alive connections). DATABASE_URL names a
 * server and a database to connect to for administration; the script creates two scratch databases
 * there and drops them.
 * A third measurement sends the same kind of notices as day files (confirm-batch), FILE_LINES a request.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/deposits-pg.ts [clients] [seconds] [lines per file]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { openPostgres } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { bankApiKeys, houses, organisations, propertyAreas } from '../server/src/db/schema/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/src/demo/seed.ts';
import { systemClock } from '../server/src/lib/clock.ts';
import type { Ctx } from '../server/src/lib/context.ts';
import { confirmDeposit } from '../server/src/modules/payments/bank.ts';
import { BANK_API_HEADERS, sign } from '../server/src/modules/payments/bank-api-auth.ts';
import { ensureDefaultStandards } from '../server/src/modules/standards/store.ts';

/**
 * Statements this process sends to PostgreSQL (every `query` of a pg client: begin and commit
 * included), so a run can print how many one confirmation costs.
 */
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
  statements++;
  return query.apply(this, args);
} as typeof query;

process.env.WYGL_PASSWORD_MEMORY_KIB ??= '1024';
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('set DATABASE_URL to a PostgreSQL server (any database the user may connect to)');
const clients = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 20);
/** Notices per day-file request in the third measurement. */
const FILE_LINES = Number(process.argv[4] ?? 100);
const suffix = `${process.pid}_${Date.now()}`;
const appDb = `wygl_bench_${suffix}`;
const pgbenchDb = `wygl_pgbench_${suffix}`;
const urlOf = (db: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const version = (await admin.query('show server_version')).rows[0]?.server_version;
await admin.query(`create database ${appDb}`);
await admin.query(`create database ${pgbenchDb}`);
try {
  // pgbench first, on an idle server: TPC-B-like, scale 10, same number of clients.
  execFileSync('pgbench', ['-i', '-q', '-s', '10', urlOf(pgbenchDb)], { stdio: 'ignore' });
  const out = execFileSync('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), '-n', urlOf(pgbenchDb)]).toString();
  const pgbenchTps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);

  const handle = await openPostgres(urlOf(appDb), clients + 2);
  await migrate(handle, urlOf(appDb));
  await ensureDefaultStandards(handle.db);
  await seedDemo(handle);
  const app = await buildApp({ db: handle });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { orgCode: '91440703MA4WJM001Q', username: 'admin', password: DEMO_PASSWORD },
  });
  const headers = { cookie: `wygl_sid=${login.cookies.find((c) => c.name === 'wygl_sid')?.value}`, 'x-csrf-token': login.json().csrfToken };
  // One notice per house and purpose, so every confirmation is a fresh one (R-22 repeats are cheaper);
  // a run stops when its time or its half of the notices runs out, and says how many it confirmed.
  const notices: { no: string; amount: bigint }[] = [];
  for (const area of await handle.db.select().from(propertyAreas)) {
    const list = await handle.db
      .select({ id: houses.id })
      .from(houses)
      .where(and(eq(houses.areaId, area.id), eq(houses.status, 'normal')));
    for (const purpose of ['replenish', 'other', 'supplement']) {
      const rows = list.map((h, i) => ({ houseId: h.id, amount: 10_000 + i }));
      const res = await app.inject({ method: 'POST', url: '/api/notices/custom', headers, payload: { areaId: area.id, purpose, rows } });
      // An area where a demo house already has an open 补交 notice gives no 补交 notices here.
      if (res.statusCode === 409 && purpose === 'supplement') continue;
      if (res.statusCode !== 200) throw new Error(res.body.slice(0, 300));
      for (const [i, no] of (res.json().issued as string[]).entries()) notices.push({ no, amount: BigInt(rows[i]?.amount ?? 0) });
    }
  }
  const [bank] = await handle.db.select().from(organisations).where(eq(organisations.code, 'ICBCJM'));
  const ctx: Ctx = { db: handle.db, dbKind: handle.kind, clock: systemClock, actor: null, ip: 'bench' };
  // A third of the notices for each way in, so each confirms fresh notices.
  const third = Math.floor(notices.length / 3);
  const direct = await drive(notices.slice(0, third), async (n) => {
    await confirmDeposit(
      ctx,
      bank?.id as number,
      null,
      { noticeNo: n.no, amount: n.amount, channel: '柜台', bankRef: `B-${n.no}`, bankDate: '2026-11-22' },
      'api',
    );
  });

  // The bank's system: its own key, every request signed, over real HTTP.
  const key = { keyId: 'BENCH-ICBCJM', secret: randomBytes(32).toString('hex') };
  await handle.db.insert(bankApiKeys).values({ keyId: key.keyId, orgId: bank?.id as number, secret: key.secret });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const path = '/api/bank-api/v1/deposits/confirm';
  const signedPost = async (url: string, body: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(base + url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        [BANK_API_HEADERS.key]: key.keyId,
        [BANK_API_HEADERS.timestamp]: ts,
        [BANK_API_HEADERS.signature]: sign(key.secret, ts, 'POST', url, body),
      },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${res.status} ${text.slice(0, 300)}`);
    return text;
  };
  const line = (n: (typeof notices)[number]) => ({
    noticeNo: n.no,
    amount: Number(n.amount),
    channel: '柜台',
    bankRef: `H-${n.no}`,
    bankDate: '2026-11-22',
  });
  const viaApi = await drive(notices.slice(third, 2 * third), async (n) => {
    await signedPost(path, JSON.stringify(line(n)));
  });
  // The bank's end-of-day file: FILE_LINES notices a signed request, the same clients.
  const files: (typeof notices)[] = [];
  for (let i = 2 * third; i < notices.length; i += FILE_LINES) files.push(notices.slice(i, i + FILE_LINES));
  const viaFile = await drive(
    files,
    async (file) => {
      const answer = JSON.parse(await signedPost('/api/bank-api/v1/deposits/confirm-batch', JSON.stringify({ items: file.map(line) })));
      if (answer.paid !== file.length) throw new Error(`day file: ${answer.paid} of ${file.length} paid`);
    },
    (file) => file.length,
  );
  await app.close();
  await handle.close();
  console.log(
    `PostgreSQL ${version}, ${clients} clients, ${seconds} s each, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`pgbench TPC-B-like (scale 10)          ${pgbenchTps.toFixed(0)} tps`);
  for (const [name, r] of [
    ['confirmDeposit (the use case)', direct],
    ['signed bank API over HTTP (client in this process)', viaApi],
    [`signed day files of ${FILE_LINES} (confirm-batch), per notice`, viaFile],
  ] as const) {
    console.log(
      `${name.padEnd(38)} ${r.perSecond.toFixed(0)} /s  (${r.done} notices in ${r.elapsed.toFixed(1)} s, Node.js CPU ${r.cpuMsEach.toFixed(1)} ms and ${r.statementsEach.toFixed(1)} statements each)  ${((r.perSecond / pgbenchTps) * 100).toFixed(1)} % of pgbench`,
    );
  }
} finally {
  await admin.query(`drop database if exists ${appDb} with (force)`);
  await admin.query(`drop database if exists ${pgbenchDb} with (force)`);
  await admin.end();
}

/**
 * Runs `clients` loops over the list until it or the time runs out; confirmations per second
 * (`weight` says how many confirmations an item is: a day file's lines).
 */
async function drive<T>(list: T[], one: (item: T) => Promise<void>, weight: (item: T) => number = () => 1) {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const statements0 = statements;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline && next < list.length) {
        const item = list[next++] as T;
        await one(item);
        done += weight(item);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // This process's CPU (server and client alike) per confirmation: the share of the time not spent in PostgreSQL.
  return {
    done,
    elapsed,
    perSecond: done / elapsed,
    cpuMsEach: (cpu.user + cpu.system) / 1000 / Math.max(done, 1),
    statementsEach: (statements - statements0) / Math.max(done, 1),
  };
}
