#!/usr/bin/env node
// `npm start`: rebuild if the sources changed, then run the server in this process's place.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, isStale } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (isStale()) await build();
const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'server/dist/main.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
