import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL_ENV } from './browser.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A copy of the built app to run from: a build started elsewhere while the specs run (another
 * `npm start`, `npm run build`) replaces web/dist's hashed assets, which the running server, serving
 * only the files present when it started, would then answer with 404 — a blank page mid-run.
 */
function snapshot(root: string, into: string): string {
  for (const dir of ['server/dist', 'web/dist']) cpSync(join(root, dir), join(into, dir), { recursive: true });
  cpSync(join(root, 'server/package.json'), join(into, 'server/package.json'));
  symlinkSync(join(root, 'node_modules'), join(into, 'node_modules'));
  symlinkSync(join(root, 'server/node_modules'), join(into, 'server/node_modules'));
  return join(into, 'server/dist/main.js');
}

/**
 * Builds the app as `npm start` would, and runs it on a fresh demo city for the browser specs. The
 * workers find it through the environment variable BASE_URL_ENV; the function returned is the
 * global teardown: it stops the server and removes its data.
 */
export default async function globalSetup() {
  const root = join(import.meta.dirname, '..');
  // A NODE_ENV=test (as a test runner may set) passed on would make Vite build React's development
  // bundle and antd's test mode (every generated id "test-id", so labels and dialog titles point at
  // the wrong element).
  const { NODE_ENV: _testEnv, ...env } = process.env;
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', env });
  const dataDir = mkdtempSync(join(tmpdir(), 'wygl-e2e-'));
  const appDir = mkdtempSync(join(tmpdir(), 'wygl-e2e-app-'));
  const main = snapshot(root, appDir);
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WYGL_DATA_DIR: dataDir,
      DATABASE_URL: '',
      WYGL_PASSWORD_MEMORY_KIB: '4096',
      // The specs log in many times from one address: a higher per-IP throttle, still on.
      WYGL_LOGIN_LIMIT_PER_IP: '10000',
      WYGL_REGISTRATION_LIMIT_PER_IP: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout?.on('data', (d) => {
    output += String(d);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Loading the demo city takes a minute or more when the machine is busy.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // No teardown runs when the setup throws: stop the server here, or it outlives the run.
      server.kill('SIGTERM');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env[BASE_URL_ENV] = baseUrl;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(appDir, { recursive: true, force: true });
  };
}
