import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `code` as a program of its own (TypeScript through tsx); resolves with how it ended. */
function runAlone(code: string, limitMs: number): Promise<{ exit: number | null; timedOut: boolean; output: string }> {
  const script = join(tmpdir(), `spreadsheet-exit-${randomUUID()}.mts`);
  writeFileSync(script, code);
  const child = spawn(process.execPath, ['--import', 'tsx', script]);
  child.on('exit', () => rmSync(script, { force: true }));
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exit: null, timedOut: true, output });
    }, limitMs);
    child.on('exit', (exit) => {
      clearTimeout(timer);
      resolve({ exit, timedOut: false, output });
    });
  });
}

describe('R-14 the spreadsheet worker', () => {
  it('R-14 an idle worker does not keep the process alive: a program that read a file exits by itself', async () => {
    const code = `
      import { readTable } from '${new URL('./spreadsheet.ts', import.meta.url).href}';
      const table = await readTable(new TextEncoder().encode('房号\\n101\\n102'), 'a.csv', {
        sheet: '房屋信息', columns: [{ title: '房号', required: true, kind: 'text' }], maxRows: 10,
      });
      console.log('rows', table.rows.length);
    `;
    const run = await runAlone(code, 20_000);
    expect(run.output).toContain('rows 2');
    expect(run.timedOut, run.output).toBe(false);
    expect(run.exit, run.output).toBe(0);
  }, 30_000);
});
