#!/usr/bin/env node
// `npm start`: rebuild if the sources changed, then run the server as a child that lives and dies
// with this launcher.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, isStale } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (isStale()) await build();
// The IPC channel tells the server when this launcher is gone, even killed with SIGKILL.
const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'server/dist/main.js'), ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
const stop = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
process.on('SIGHUP', () => stop('SIGTERM'));
// A shell between npm and this launcher dies of npm's SIGTERM without passing it on: orphaned, the
// launcher stops the server as if it had been signalled itself.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 250).unref();
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
