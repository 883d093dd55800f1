#!/usr/bin/env node
// Builds what `npm start` runs: the server bundle (server/dist) and the web client (web/dist).
// Skips the work when nothing changed since the last build, unless --force.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, '.build-stamp');
const sources = ['server/src', 'web/src', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

export function isStale() {
  const outputs = ['server/dist/main.js', 'server/dist/create-admin.js', 'web/dist/index.html'];
  if (!existsSync(stamp) || outputs.some((o) => !existsSync(join(root, o)))) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((s) => newest(s) > built);
}

export async function build() {
  const started = Date.now();
  const { build: esbuild } = await import('esbuild');
  rmSync(join(root, 'server/dist'), { recursive: true, force: true });
  await esbuild({
    // The server; the first-administrator command (it must run without dev tools installed); and the
    // spreadsheet reader's worker thread, which loads its own file beside main.js. All sit directly in
    // server/dist, beside the migrations they find relative to themselves.
    entryPoints: [
      { in: join(root, 'server/src/main.ts'), out: 'main' },
      { in: join(root, 'server/src/tools/create-admin.ts'), out: 'create-admin' },
      { in: join(root, 'server/src/lib/spreadsheet-worker.ts'), out: 'spreadsheet-worker' },
      { in: join(root, 'server/src/tools/cluster-template.ts'), out: 'cluster-template' },
    ],
    outdir: join(root, 'server/dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(join(root, 'server/src/db/migrations'), join(root, 'server/dist/migrations'), { recursive: true });
  // pglite's initdb and the migrations, run once here instead of on a newcomer's first start.
  execFileSync(process.execPath, [join(root, 'server/dist/cluster-template.js'), join(root, 'server/dist/pglite-cluster')], {
    stdio: 'inherit',
  });
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(root, 'web'), stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
  console.log(`built server and web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--force') || isStale()) await build();
}
