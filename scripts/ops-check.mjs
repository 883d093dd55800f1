#!/usr/bin/env node
// The operations check: runs the built service the way an operator does and checks what must hold.
//
//   node scripts/ops-check.mjs [--pg postgres://user@host:5432/postgres]
//
// Always (embedded database): `npm start` on a fresh data folder with the demo city, logins (each one
// writes a session) from 8 clients, SIGTERM to the npm process; npm must exit within 10 s, the port
// must be free and every answered write must be in the folder. Then one folder opened twice: the
// second server must be refused. With --pg (a role that may create databases): two instances started
// at once on an empty database must both start with the start-up work done once; the app's
// connections terminated three times under load: only 200 or 503 answers, none slower than 10 s,
// and the instance answers again by itself. Prints one line per check; exits 1 if any failed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pgIndex = process.argv.indexOf('--pg');
const adminUrl = pgIndex > 0 ? process.argv[pgIndex + 1] : undefined;
const LOGIN = { orgCode: 'JMWXZJ', username: 'admin', password: 'Wygl@2026' };
const failures = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function check(name, ok, detail = '') {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failures.push(name);
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function start(command, args, env) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(command, args, {
    cwd: root,
    // Throwaway demo data: cheap password hashes, so the load measures the service, not scrypt.
    env: { ...inherited, HOST: '127.0.0.1', LOG_LEVEL: 'warn', WYGL_PASSWORD_MEMORY_KIB: '1024', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, url: `http://127.0.0.1:${env.PORT}`, output: () => output };
}

async function ready(server, ms = 180_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.child.exitCode !== null) return false;
    try {
      if ((await fetch(`${server.url}/api/health`)).status === 200) return true;
    } catch {
      /* not yet listening */
    }
    await sleep(200);
  }
  return false;
}

const login = (url) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LOGIN) });

const within = (ms, p) => Promise.race([p, sleep(ms).then(() => 'timeout')]);

/** Clients logging in (by default) until told to stop; `answered` holds the CSRF tokens of the answered logins. */
function loginLoad(url, clients = 8, request = login) {
  const answered = [];
  const statuses = [];
  let stopping = false;
  const one = async () => {
    while (!stopping) {
      const started = Date.now();
      try {
        const res = await request(url);
        const body = await res.json().catch(() => ({}));
        statuses.push({ status: res.status, ms: Date.now() - started });
        if (res.status === 200 && body.csrfToken) answered.push(body.csrfToken);
      } catch {
        statuses.push({ status: 0, ms: Date.now() - started });
        await sleep(50);
      }
    }
  };
  const running = Array.from({ length: clients }, one);
  return {
    answered,
    statuses,
    stop: async () => {
      stopping = true;
      await Promise.all(running);
    },
  };
}

async function stopUnderLoad() {
  const dir = join(mkdtempSync(join(tmpdir(), 'wygl-ops-')), 'data');
  const port = await freePort();
  const npm = start('npm', ['start'], { WYGL_DATA_DIR: dir, WYGL_DEMO: '1', PORT: String(port) });
  if (!(await ready(npm))) return check('npm start answers', false, npm.output());
  const load = loginLoad(npm.url);
  await sleep(3_000);
  const signalled = Date.now();
  npm.child.kill('SIGTERM');
  const ended = await within(15_000, npm.exited);
  const took = Date.now() - signalled;
  await load.stop();
  check(
    'SIGTERM to npm: npm exits within 10 s',
    ended !== 'timeout' && took < 10_000,
    `${took} ms, ${load.answered.length} writes answered`,
  );
  check('port free once npm has exited', await portIsFree(port));
  const db = await PGlite.create({ dataDir: dir });
  const { rows } = await db.query('select count(*)::int as n from sessions where csrf_token = any($1)', [load.answered]);
  await db.close();
  check('every answered write is in the data folder', rows[0].n === load.answered.length, `${rows[0].n} of ${load.answered.length}`);
  return dir;
}

async function folderTwice(dir) {
  const first = start(process.execPath, ['server/dist/main.js'], { WYGL_DATA_DIR: dir, PORT: String(await freePort()) });
  if (!(await ready(first))) return check('server restarts on its folder', false, first.output());
  const second = start(process.execPath, ['server/dist/main.js'], { WYGL_DATA_DIR: dir, PORT: String(await freePort()) });
  const ended = await within(30_000, second.exited);
  if (ended === 'timeout') second.child.kill('SIGKILL');
  check(
    'a second server on the same folder is refused',
    ended !== 'timeout' && ended.code === 1 && second.output().includes(dir),
    second.output().trim().split('\n')[0],
  );
  first.child.kill('SIGTERM');
  await first.exited;
  rmSync(dirname(dir), { recursive: true, force: true });
}

async function withDatabase(fn) {
  const name = `wygl_ops_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function twoInstances(url) {
  const env = { DATABASE_URL: url, WYGL_DEMO: '1' };
  const servers = [
    start(process.execPath, ['server/dist/main.js'], { ...env, PORT: String(await freePort()) }),
    start(process.execPath, ['server/dist/main.js'], { ...env, PORT: String(await freePort()) }),
  ];
  const up = await Promise.all(servers.map((s) => ready(s)));
  check(
    'two instances started at once on an empty database both answer',
    up.every(Boolean),
    servers
      .map((s) => s.output())
      .join('\n')
      .slice(-2000),
  );
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(
    'select (select count(*) from deposit_standards)::int as standards, (select count(*) from organisations)::int as orgs',
  );
  await c.end();
  check(
    'start-up work done once (default standards, demo organisations)',
    rows[0].standards === 4 && rows[0].orgs === 4,
    JSON.stringify(rows[0]),
  );
  return servers;
}

async function outage(url, server) {
  // Signed-in reads and the readiness check: each one asks the database.
  const cookie = (await login(server.url)).headers.get('set-cookie')?.split(';')[0] ?? '';
  let n = 0;
  const read = (base) => fetch(`${base}${n++ % 2 ? '/api/health' : '/api/auth/session'}`, { headers: { cookie } });
  const load = loginLoad(server.url, 8, read);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (let i = 0; i < 3; i++) {
    await sleep(700);
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
  }
  await sleep(1_000);
  await admin.end();
  await load.stop();
  const odd = load.statuses.filter((s) => s.status !== 200 && s.status !== 503);
  const slowest = Math.max(...load.statuses.map((s) => s.ms));
  const refused = load.statuses.filter((s) => s.status === 503).length;
  check(
    'connections terminated under load: only 200 or 503, none slower than 10 s',
    odd.length === 0 && slowest < 10_000,
    `${load.statuses.length} answers, ${refused} × 503, slowest ${slowest} ms, others ${JSON.stringify(odd.slice(0, 3))}`,
  );
  const again = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(LOGIN),
  });
  check('the instance answers again by itself', again.status === 200);
}

const dir = await stopUnderLoad();
if (dir) await folderTwice(dir);
if (adminUrl) {
  await withDatabase(async (url) => {
    const servers = await twoInstances(url);
    if (servers.length) await outage(url, servers[0]);
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
  });
} else {
  console.log('SKIP  PostgreSQL checks (give --pg postgres://… to run them)');
}
console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
process.exit(failures.length ? 1 : 0);
