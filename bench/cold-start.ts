/**
 * `npm start` on an empty data folder, as a newcomer runs it: the launcher, pglite's initdb, the
 * migrations, the demo city loaded through the real use cases, the first vacuum and planner statistics, and the
 * server listening. Times each start from spawning the launcher to the server's "running at" line,
 * then a restart on the same folder (nothing to create), and the server's resident memory (RSS)
 * once it has answered `/api/health` and sat idle for a few seconds. Each start uses a fresh
 * temporary folder, deleted afterwards. The launcher rebuilds first if the sources changed, so run
 * `npm run build` before measuring.
 *   npx tsx bench/cold-start.ts [starts=3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const starts = Number(process.argv[2] ?? 3);

/** The server process the launcher started (its only child). */
function childOf(pid: number): number | null {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length > 0 ? Number(kids[0]) : null;
  } catch {
    return null;
  }
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

interface Start {
  seconds: number;
  idleRssMb: number;
}

async function start(dataDir: string, port: number): Promise<Start> {
  const t0 = performance.now();
  const launcher = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, WYGL_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => launcher.on('exit', () => resolve()));
  try {
    const seconds = await new Promise<number>((resolve, reject) => {
      let out = '';
      launcher.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('running at')) resolve((performance.now() - t0) / 1000);
      });
      launcher.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (!res.ok) throw new Error(`/api/health: ${res.status}`);
    await new Promise((r) => setTimeout(r, 5_000));
    const server = childOf(launcher.pid as number);
    return { seconds, idleRssMb: server ? rssMb(server) : Number.NaN };
  } finally {
    launcher.kill('SIGTERM');
    await exited;
  }
}

const rows: [string, Start][] = [];
for (let i = 0; i < starts; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'wygl-cold-'));
  try {
    rows.push([`cold start ${i + 1} (empty folder, demo city)`, await start(join(dir, 'data'), 3900 + i)]);
    rows.push([`restart ${i + 1} (same folder)`, await start(join(dir, 'data'), 3950 + i)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
for (const [label, s] of rows)
  console.log(`${label.padEnd(42)} ${s.seconds.toFixed(2).padStart(6)} s   idle RSS ${String(s.idleRssMb).padStart(4)} MB`);
console.log(`load average after: ${load}`);
