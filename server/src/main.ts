import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { openPglite, openPostgres, type DbHandle } from './db/client.ts';
import { DataDirLocked } from './db/data-dir-lock.ts';
import { keepEmbeddedVacuumed } from './db/vacuum.ts';
import { systemClock } from './lib/clock.ts';
import { demoOwners } from './demo/owners.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoPasswordHash } from './demo/seed.ts';
import { keepSwept } from './modules/auth/sweep.ts';
import { keepEvotesClosed } from './modules/evote/close.ts';
import { loadsDemo } from './domain/demo-start.ts';
import { getSetting } from './modules/settings/store.ts';
import { drain, onStopRequest } from './service/shutdown.ts';
import { prepareDatabase } from './service/startup.ts';

const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const databaseUrl = process.env.DATABASE_URL;
const dataDir = resolve(process.env.WYGL_DATA_DIR ?? 'data');
const wantsDemo = loadsDemo({
  postgres: Boolean(databaseUrl),
  demoAsked: args.has('--demo') || process.env.WYGL_DEMO === '1',
  emptyAsked: args.has('--empty') || process.env.WYGL_EMPTY === '1',
});
// server/src/main.ts and server/dist/main.js both sit two levels below the repository root.
const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function main() {
  // The hash runs on a pool thread while this one opens the database.
  if (wantsDemo) demoPasswordHash().catch(() => undefined);
  const handle: DbHandle = databaseUrl
    ? await openPostgres(databaseUrl, Number(process.env.WYGL_DB_POOL ?? 10))
    : await openPglite(dataDir);
  const { empty, seeded } = await prepareDatabase(handle, databaseUrl, wantsDemo);
  const demo = await getSetting(handle.db, 'demoInstance');
  const app = await buildApp({
    db: handle,
    webDist,
    secureCookies: process.env.WYGL_SECURE_COOKIES === '1',
    trustProxy: process.env.WYGL_TRUST_PROXY === '1',
    metricsToken: process.env.WYGL_METRICS_TOKEN || undefined,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  const sweeper = keepSwept(handle, systemClock);
  const evoteCloser = keepEvotesClosed(handle, systemClock);
  await app.listen({ port, host });

  const shown = host === '0.0.0.0' ? 'localhost' : host;
  const lines = [
    '',
    `wygl 住宅专项维修资金管理平台 running at http://${shown}:${port}`,
    `database: ${handle.kind === 'pglite' ? `embedded PostgreSQL (pglite) in ${dataDir}` : 'PostgreSQL (DATABASE_URL)'}${seeded ? ' — demo city loaded' : ''}`,
  ];
  if (demo) {
    lines.push(`DEMO instance — never enter real data. Demo accounts (password ${DEMO_PASSWORD} for all):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  机构代码 ${a.orgCode.padEnd(20)} 用户名 ${a.username.padEnd(10)} ${a.role} · ${a.note}`);
    lines.push('Demo owners (log in at /owner/login with ID number and the same password):');
    for (const o of await demoOwners(handle)) lines.push(`  证件号码 ${o.idNumber}  ${o.name} · ${o.address}`);
  } else if (empty) {
    lines.push('empty platform: create the first office administrator with `npm run create-admin` (see docs/operations.md)');
  }
  console.log(lines.join('\n'));
  // Started once the server listens and has said so: the embedded database answers one statement at
  // a time, so the first requests queue behind the statistics and are planned with them; the vacuum
  // that follows goes one table at a time, requests answered in between.
  const vacuum = keepEmbeddedVacuumed(handle);

  // Requests finish first, then the jobs, then the database (and the data folder's lock) closes.
  onStopRequest(async () => {
    await drain(app);
    await vacuum.stop();
    await sweeper.stop();
    await evoteCloser.stop();
    await handle.close();
  });
}

main().catch((err) => {
  // A folder in use is the operator's situation, not a defect: the message alone says what to do.
  console.error(err instanceof DataDirLocked ? err.message : err);
  process.exit(1);
});
