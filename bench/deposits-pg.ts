/**
 * Deposit confirmations per second on PostgreSQL, printed beside pgbench's TPC-B-like tps on the
 * same server in the same run: once through the use case itself (F-23 confirmDeposit: R-22 lookup,
 * notice lock, balanced posting, audit), once through the signed bank API over HTTP as a bank's
 * system calls it (F-71: each request signed with HMAC-SHA256 under a key issued by the office,
 * one one-house notice per request, N clients on keep-alive connections). DATABASE_URL names a
 * server and a database to connect to for administration; the script creates two scratch databases
 * there and drops them.
 * A third measurement sends the same kind of notices as day files (confirm-batch), FILE_LINES a request.
 * The bank's client runs in a child process of its own (a bank's system is not on our server), so
 * the CPU printed for this process is the server's alone; the client's is printed beside it. Where
 * PostgreSQL runs on this machine, the CPU of the run's backends is read from /proc and printed per
 * confirmation too, with the notices' updates that were HOT — figures that hold when other work
 * loads the machine, as throughput does not.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/deposits-pg.ts [clients] [seconds] [lines per file]
 * DEPOSITS_WAITS=1 also samples the backends' wait events every few milliseconds during each run;
 * DEPOSITS_LOG_MS=n logs every statement of the run's database taking n ms or more to the server's log.
 */
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
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
const clients = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 20);
/** Notices per day-file request in the third measurement. */
const FILE_LINES = Number(process.argv[4] ?? 100);

interface BankJob {
  base: string;
  key: { keyId: string; secret: string };
  notices: { no: string; amount: string }[];
  /**
   * Lines a request: 1 through the single confirmation, more through the day file; 0 sends each
   * request signed with a body the schema refuses (answered 400 after authentication, nothing else).
   */
  lines: number;
}
interface BankDone {
  done: number;
  elapsed: number;
  cpuMs: number;
}

if (process.env.DEPOSITS_BANK_CLIENT === '1') {
  // The bank's system: a process of its own, given the notices to confirm; answers with what it did.
  process.once('message', async (job: BankJob) => {
    const done = await bankClient(job);
    process.send?.(done, () => process.exit(0));
  });
} else {
  await main();
}

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('set DATABASE_URL to a PostgreSQL server (any database the user may connect to)');
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

    if (process.env.DEPOSITS_LOG_MS)
      await admin.query(`alter database ${appDb} set log_min_duration_statement = ${Number(process.env.DEPOSITS_LOG_MS)}`);
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
    const headers = {
      cookie: `wygl_sid=${login.cookies.find((c) => c.name === 'wygl_sid')?.value}`,
      'x-csrf-token': login.json().csrfToken,
    };
    // One notice per house and purpose, so every confirmation is a fresh one (R-22 repeats are cheaper);
    // a run stops when its time or its share of the notices runs out, and says how many it confirmed.
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
    const probe = await serverProbe(urlOf(appDb), appDb);
    // A third of the notices for each way in, so each confirms fresh notices.
    const third = Math.floor(notices.length / 3);
    const direct = await probe.measure(() =>
      drive(notices.slice(0, third), async (n) => {
        await confirmDeposit(
          ctx,
          bank?.id as number,
          null,
          { noticeNo: n.no, amount: n.amount, channel: '柜台', bankRef: `B-${n.no}`, bankDate: '2026-11-22' },
          'api',
        );
      }),
    );

    // The bank's system: its own key, every request signed, over real HTTP from its own process.
    const key = { keyId: 'BENCH-ICBCJM', secret: randomBytes(32).toString('hex') };
    await handle.db.insert(bankApiKeys).values({ keyId: key.keyId, orgId: bank?.id as number, secret: key.secret });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const wire = (list: typeof notices) => list.map((n) => ({ no: n.no, amount: String(n.amount) }));
    const viaApi = await probe.measure(() => bankProcess({ base, key, notices: wire(notices.slice(third, 2 * third)), lines: 1 }));
    // The bank's end-of-day file: FILE_LINES notices a signed request, the same clients.
    const viaFile = await probe.measure(() => bankProcess({ base, key, notices: wire(notices.slice(2 * third)), lines: FILE_LINES }));
    // Two floors for the single request, the same client and notices: the API's notices sent again
    // each answered with its first confirmation, nothing written), and signed requests the
    // schema refuses (authentication alone: the key read and the signature remembered, as every
    // request needs, then 400).
    const repeats = await probe.measure(() => bankProcess({ base, key, notices: wire(notices.slice(third, 2 * third)), lines: 1 }));
    const authOnly = await probe.measure(() => bankProcess({ base, key, notices: wire(notices.slice(third, 2 * third)), lines: 0 }));
    await probe.close();
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
      ['signed bank API over HTTP (client in its own process)', viaApi],
      [`signed day files of ${FILE_LINES} (confirm-batch), per notice`, viaFile],
      ['floor: the API notices again (R-22 repeats, nothing written)', repeats],
      ['floor: signed requests refused at the body (authentication alone)', authOnly],
    ] as const) {
      const each = (x: number) => (x / Math.max(r.done, 1)).toFixed(2);
      const pgCpu = r.pgCpuMs === null ? 'not on this machine' : `${each(r.pgCpuMs)} ms`;
      const client = r.clientCpuMs === null ? '' : `, bank client ${each(r.clientCpuMs)} ms`;
      const hot = r.updates === null ? '' : `; notices updated ${r.updates.upd}, HOT ${r.updates.hot}`;
      console.log(
        `${name.padEnd(38)} ${r.perSecond.toFixed(0)} /s  (${r.done} notices in ${r.elapsed.toFixed(1)} s, ${each(r.statements)} statements each; CPU each: server Node.js ${each(r.cpuMs)} ms${client}, PostgreSQL backends ${pgCpu}${hot})  ${((r.perSecond / pgbenchTps) * 100).toFixed(1)} % of pgbench`,
      );
      if (r.waits) console.log(`  backends' states, ${r.waits.samples} samples: ${r.waits.top}`);
    }
    console.log(
      `payment_notices ${probe.sizes.notices}, payment_notice_items ${probe.sizes.items} (tables with their indexes, at the end)`,
    );
  } finally {
    await admin.query(`drop database if exists ${appDb} with (force)`);
    await admin.query(`drop database if exists ${pgbenchDb} with (force)`);
    await admin.end();
  }
}

/** A run's figures: confirmations done, its time, and the CPU of the process that drove it. */
interface Run {
  done: number;
  elapsed: number;
  cpuMs: number;
  /** The bank client's process, where it has one. */
  clientCpuMs: number | null;
}

/**
 * What the server side costs during a run, apart from throughput: this process's CPU and
 * statements, the CPU of the run database's PostgreSQL backends (from /proc, when the server is on
 * this machine), the notices' updates and how many were HOT, and optionally the backends' sampled
 * wait events. Its own queries run on a separate connection between or beside the runs and are
 * left out of the statement count.
 */
async function serverProbe(url: string, db: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const r = await client.query<R>(text, values);
    statements--;
    return r.rows;
  };
  const local = existsSync('/proc/self/stat') && ['localhost', '127.0.0.1', '::1', ''].includes(new URL(url).hostname);
  const ticks = async () => {
    const rows = await q<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [db]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        out.set(pid, Number(f[11]) + Number(f[12]));
      } catch {
        // a backend that ended meanwhile
      }
    }
    return out;
  };
  const updates = async () => {
    // Statistics reach the views up to a second after a transaction ends.
    await new Promise((r) => setTimeout(r, 1500));
    const [row] = await q<{ upd: string; hot: string }>(
      `select n_tup_upd::text as upd, n_tup_hot_upd::text as hot from pg_stat_user_tables where relname = 'payment_notices'`,
    );
    return { upd: Number(row?.upd ?? 0), hot: Number(row?.hot ?? 0) };
  };
  const sizes = { notices: '', items: '' };
  return {
    sizes,
    async measure(run: () => Promise<Run>) {
      const upd0 = await updates();
      const t0 = local ? await ticks() : null;
      const statements0 = statements;
      const cpu0 = process.cpuUsage();
      let sampling = process.env.DEPOSITS_WAITS === '1';
      const tally = new Map<string, number>();
      let samples = 0;
      const sampler = (async () => {
        if (!sampling) return;
        const sampling2 = new pg.Client({ connectionString: url });
        await sampling2.connect();
        while (sampling) {
          const rows = (
            await sampling2.query<{ what: string }>(
              `select state || coalesce(' ' || wait_event_type || ':' || wait_event, '') as what
                 from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and pid <> $2`,
              [db, (client as unknown as { processID: number }).processID],
            )
          ).rows;
          statements--;
          samples++;
          for (const r of rows) tally.set(r.what, (tally.get(r.what) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 5));
        }
        await sampling2.end();
      })();
      const r = await run();
      const cpu = process.cpuUsage(cpu0);
      sampling = false;
      await sampler;
      const s = statements - statements0;
      const t1 = t0 ? await ticks() : null;
      // A backend that started during the run counts from zero; one that ended is lost (the pool keeps them).
      const pgCpuMs = t0 && t1 ? [...t1].reduce((a, [pid, t]) => a + (t - (t0.get(pid) ?? 0)), 0) * (1000 / 100) : null;
      const upd1 = await updates();
      const [size] = await q<{ notices: string; items: string }>(
        `select pg_size_pretty(pg_total_relation_size('payment_notices')) as notices,
                pg_size_pretty(pg_total_relation_size('payment_notice_items')) as items`,
      );
      sizes.notices = size?.notices ?? '';
      sizes.items = size?.items ?? '';
      const total = [...tally.values()].reduce((a, b) => a + b, 0);
      return {
        ...r,
        cpuMs: (cpu.user + cpu.system) / 1000,
        perSecond: r.done / r.elapsed,
        statements: s,
        pgCpuMs,
        updates: { upd: upd1.upd - upd0.upd, hot: upd1.hot - upd0.hot },
        waits:
          samples > 0
            ? {
                samples,
                top: [...tally]
                  .sort((a, b) => b[1] - a[1])
                  .slice(0, 12)
                  .map(([what, n]) => `${what} ${((n / total) * 100).toFixed(1)} %`)
                  .join(', '),
              }
            : null,
      };
    },
    close: () => client.end(),
  };
}

/** Runs the bank's client in a child process and waits for its answer. */
function bankProcess(job: BankJob): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, [String(clients), String(seconds), String(FILE_LINES)], {
      env: { ...process.env, DEPOSITS_BANK_CLIENT: '1' },
    });
    child.once('message', (m: BankDone) => resolve({ done: m.done, elapsed: m.elapsed, cpuMs: 0, clientCpuMs: m.cpuMs }));
    child.once('error', reject);
    child.once('exit', (code) => code === 0 || reject(new Error(`the bank's client exited with ${code}`)));
    child.send(job);
  }).then((r) => r as Run);
}

/** The bank's side: `clients` keep-alive connections, each request signed, one notice or a file of them. */
async function bankClient(job: BankJob): Promise<BankDone> {
  const path = job.lines <= 1 ? '/api/bank-api/v1/deposits/confirm' : '/api/bank-api/v1/deposits/confirm-batch';
  const expected = job.lines === 0 ? 400 : 200;
  // node:http on keep-alive connections, one per client: fetch's own machinery cost the bank's
  // process about as much CPU a request as the server's whole handling of it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(job.base + path);
  const signedPost = (body: string) =>
    new Promise<string>((resolve, reject) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            [BANK_API_HEADERS.key]: job.key.keyId,
            [BANK_API_HEADERS.timestamp]: ts,
            [BANK_API_HEADERS.signature]: sign(job.key.secret, ts, 'POST', path, body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== expected) reject(new Error(`${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(text);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const line = (n: BankJob['notices'][number]) => ({
    noticeNo: n.no,
    amount: Number(n.amount),
    channel: '柜台',
    bankRef: `H-${n.no}`,
    bankDate: '2026-11-22',
  });
  const requests: BankJob['notices'][] = [];
  for (let i = 0; i < job.notices.length; i += Math.max(job.lines, 1)) requests.push(job.notices.slice(i, i + Math.max(job.lines, 1)));
  const cpu0 = process.cpuUsage();
  const r = await drive(
    requests,
    async (file) => {
      if (job.lines === 0) {
        await signedPost(JSON.stringify({ noticeNo: file[0]?.no }));
        return;
      }
      if (job.lines === 1 && file[0]) {
        await signedPost(JSON.stringify(line(file[0])));
        return;
      }
      const answer = JSON.parse(await signedPost(JSON.stringify({ items: file.map(line) })));
      if (answer.paid !== file.length) throw new Error(`day file: ${answer.paid} of ${file.length} paid`);
    },
    (file) => file.length,
  );
  const cpu = process.cpuUsage(cpu0);
  return { done: r.done, elapsed: r.elapsed, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs `clients` loops over the list until it or the time runs out; confirmations per second
 * (`weight` says how many confirmations an item is: a day file's lines) and this process's CPU.
 */
async function drive<T>(list: T[], one: (item: T) => Promise<void>, weight: (item: T) => number = () => 1): Promise<Run> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
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
  return { done, elapsed, cpuMs: (cpu.user + cpu.system) / 1000, clientCpuMs: null };
}
