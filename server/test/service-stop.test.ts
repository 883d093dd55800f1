import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/client.ts';
import { LOCK_FILE } from '../src/db/data-dir-lock.ts';
import { deadPid, killEverything, demoDatabase, freePort, portIsFree, repoRoot, run, startServer, waitReady } from './processes.ts';

afterEach(killEverything);

/**
 * The service around the money paths, as an operator runs it: started, stopped by a process manager's
 * SIGTERM, started twice on one embedded data folder. Each test starts real server processes.
 */

const emptyFolder = () => join(mkdtempSync(join(tmpdir(), 'wygl-srv-')), 'data');

async function within<T>(ms: number, p: Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A login over a keep-alive connection whose body is sent only when `finish` is called. */
function slowLogin(port: number) {
  const body = JSON.stringify({ orgCode: 'JMWXZJ', username: 'admin', password: 'Wygl@2026' });
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => {
    received += d;
  });
  const headersSent = new Promise<void>((resolve) =>
    socket.on('connect', () => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      setTimeout(resolve, 200);
    }),
  );
  const finish = async () => {
    socket.write(body);
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const [head, rest] = received.split('\r\n\r\n', 2);
      const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? -1);
      if (rest !== undefined && length >= 0 && Buffer.byteLength(rest) >= length) {
        const status = Number(head?.split(' ')[1]);
        return { status, csrfToken: (JSON.parse(rest) as { csrfToken?: string }).csrfToken ?? '' };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return { status: 0, csrfToken: '' };
  };
  return { headersSent, finish };
}

describe('§10 operations: one process per embedded data folder', () => {
  it('§10 a lock left by a process that no longer runs is taken over; a live one is refused within the same process too', async () => {
    const dir = emptyFolder();
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_FILE), `${await deadPid()}\n`);
    const taken = await openPglite(dir);
    try {
      await expect(openPglite(dir)).rejects.toThrow(`数据目录 ${dir} 正由进程 ${process.pid} 使用`);
    } finally {
      await taken.close();
    }
    // Released on close: the folder opens again.
    const again = await openPglite(dir);
    await again.close();
  }, 60_000);
});

describe('§10 operations: stopping the service', () => {
  // One server start for two checks: starting a server is the slow part of these tests.
  it('§10 `npm start`: a second server on its pglite folder is refused naming the folder while the first keeps answering; SIGTERM to the npm process stops launcher and server, the port is free when npm has exited', async () => {
    const port = await freePort();
    const dir = emptyFolder();
    const npm = run('npm', ['start'], { WYGL_DATA_DIR: dir, WYGL_EMPTY: '1' }, port, repoRoot);
    try {
      // A stale bundle is rebuilt first.
      await waitReady(npm, 150_000);
      const holder = readFileSync(join(dir, LOCK_FILE), 'utf8').trim();
      const second = startServer({ WYGL_DATA_DIR: dir, WYGL_EMPTY: '1' }, await freePort());
      const refused = await within(30_000, second.exited);
      expect(refused, second.output()).not.toBe('timeout');
      expect(refused).toMatchObject({ code: 1 });
      expect(second.output()).toContain(`数据目录 ${dir} 正由进程 ${holder} 使用`);
      expect(second.output()).toContain(`The data folder ${dir} is in use by process ${holder}`);
      expect((await fetch(`${npm.url}/api/health`)).status).toBe(200);

      npm.child.kill('SIGTERM');
      const ended = await within(15_000, npm.exited);
      expect(ended, npm.output()).not.toBe('timeout');
      expect(await portIsFree(port), 'a server still listens after npm exited').toBe(true);
    } finally {
      npm.killAll();
    }
  }, 200_000);

  it('§10 SIGTERM under load: every answered write is kept, idle keep-alive connections are closed and the process exits within 10 s', async () => {
    const db = await demoDatabase();
    const server = startServer(db.env, await freePort());
    try {
      await waitReady(server);
      // Writers: each login writes a session row whose CSRF token the answer carries.
      const answered: string[] = [];
      let stopping = false;
      const writer = async () => {
        while (!stopping) {
          try {
            const res = await fetch(`${server.url}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ orgCode: 'JMWXZJ', username: 'admin', password: 'Wygl@2026' }),
            });
            const body = (await res.json()) as { csrfToken?: string };
            // Refusals (503 while stopping) are not counted: only answered writes must be kept.
            if (res.status === 200 && body.csrfToken) answered.push(body.csrfToken);
          } catch {
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const writers = Array.from({ length: 6 }, writer);
      while (answered.length < 20) await new Promise((r) => setTimeout(r, 50));
      // A client whose request is in flight when the signal comes, and which then keeps its
      // connection open without asking more: it gets its answer, then the connection is closed.
      const slow = slowLogin(server.port);
      await slow.headersSent;
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const slowAnswer = await slow.finish();
      const ended = await within(12_000, server.exited);
      const tookMs = Date.now() - signalled;
      stopping = true;
      await Promise.all(writers);
      expect(ended, server.output()).not.toBe('timeout');
      expect(ended).toMatchObject({ code: 0 });
      expect(tookMs).toBeLessThan(10_000);
      expect(await portIsFree(server.port)).toBe(true);
      const kept = new Set(
        (
          await db.query<{ csrf_token: string }>('select csrf_token from sessions where csrf_token = any($1)', [
            [...answered, slowAnswer.csrfToken],
          ])
        ).map((r) => r.csrf_token),
      );
      expect(answered.filter((t) => !kept.has(t))).toEqual([]);
      expect(answered.length).toBeGreaterThanOrEqual(20);
      expect(slowAnswer.status).toBe(200);
      expect(kept.has(slowAnswer.csrfToken)).toBe(true);
    } finally {
      server.killAll();
      await db.drop();
    }
  }, 120_000);
});
