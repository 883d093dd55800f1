import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite } from '../src/db/client.ts';
import { withDatabase } from './global-setup.ts';

/** The real server as a process: what an operator starts, stops and kills. */
export const serverDir = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface Running {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to its whole process group: the cleanup after a failed test. */
  killAll: () => void;
}

/** Starts `command` with the server's environment; `output` is what it printed so far. */
export function run(command: string, args: string[], env: Record<string, string>, port: number, cwd = serverDir): Running {
  // The engine is the one `env` names: a PostgreSQL run's DATABASE_URL is not inherited.
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(command, args, {
    cwd,
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: `killAll` reaches whatever it started, even if it left them behind.
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const killAll = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const running: Running = { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited, killAll };
  started.push(running);
  return running;
}

const started: Running[] = [];

/** After each test: nothing it started outlives it, whatever failed. */
export function killEverything(): void {
  for (const r of started.splice(0)) r.killAll();
}

/** The server from its sources, as `npm start` runs the bundle. */
export function startServer(env: Record<string, string>, port: number, args: string[] = []): Running {
  return run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], env, port);
}

export async function waitReady(r: Running, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exitedEarly = false;
  void r.exited.then(() => {
    exitedEarly = true;
  });
  while (Date.now() < until) {
    if (exitedEarly) throw new Error(`server exited before answering:\n${r.output()}`);
    try {
      const res = await fetch(`${r.url}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((res) => setTimeout(res, 150));
  }
  throw new Error(`server not ready in ${timeoutMs} ms:\n${r.output()}`);
}

/** A dead pid: a process that has run and ended. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

export interface ServerDb {
  kind: 'pglite' | 'postgres';
  /** Environment that points a server at this database. */
  env: Record<string, string>;
  /** Opens it from this process (the server stopped, for pglite). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A copy of the demo template for a server process: a data folder (pglite) or a database (PostgreSQL). */
export async function demoDatabase(): Promise<ServerDb> {
  return serverDatabase(true);
}

/** Nothing in it, not even the schema: what a first start finds. */
export async function emptyDatabase(): Promise<ServerDb> {
  return serverDatabase(false);
}

async function serverDatabase(demo: boolean): Promise<ServerDb> {
  if (inject('dbKind') === 'pglite') {
    const dir = join(mkdtempSync(join(tmpdir(), 'wygl-srv-')), 'data');
    if (demo) {
      const handle = await openPglite(dir, new Blob([new Uint8Array(readFileSync(inject('template')))]));
      await handle.close();
    }
    return {
      kind: 'pglite',
      env: { WYGL_DATA_DIR: dir },
      query: async (sql, params) => {
        const h = await openPglite(dir);
        try {
          return (await h.pglite?.query(sql, params))?.rows as never;
        } finally {
          await h.close();
        }
      },
      drop: async () => undefined,
    };
  }
  const adminUrl = inject('adminUrl');
  const name = `wygl_p_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(demo ? `create database ${name} template ${inject('template')}` : `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url },
    query: async (sql, params) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql, params as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
