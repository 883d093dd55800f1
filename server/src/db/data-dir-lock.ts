import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * pglite has no postmaster guarding its folder: two processes opening one folder each write their own
 * copy of the pages and confirmed rows are lost. The opener therefore holds a lock file with its pid
 * (created exclusively, so two starting at once cannot both win); a lock left by a process that no
 * longer runs (killed, power cut) is taken over.
 */
export const LOCK_FILE = 'wygl.lock';

export class DataDirLocked extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dir} 正由进程 ${pid} 使用：同一数据目录只能由一个服务打开，请先停止该进程再启动；若确认该进程已不存在，删除 ${join(dir, LOCK_FILE)} 后重试。\n` +
        `The data folder ${dir} is in use by process ${pid}: only one server may open it. Stop that process first; if it no longer exists, delete ${join(dir, LOCK_FILE)} and retry.`,
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder for this process; `release` gives it back (only a lock this process holds). */
export function lockDataDir(dir: string): { release(): void } {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  // Written whole under a private name, then linked into place: the lock never exists without its pid.
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        return {
          release: () => {
            if (holderOf(file) === process.pid) rmSync(file, { force: true });
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const pid = holderOf(file);
      if (pid !== null && (pid === process.pid || isRunning(pid))) throw new DataDirLocked(dir, pid);
      // Left by a process that has ended: its writes are on disk, the folder is free.
      rmSync(file, { force: true });
    }
    throw new DataDirLocked(dir, holderOf(file) ?? 0);
  } finally {
    rmSync(mine, { force: true });
  }
}
