// `npm run create-admin`: the first office administrator of a platform that has none (§10).
// Options --org-code, --org-name, --username, --name, --mobile; missing ones are asked for. The
// password is read from stdin when it is not a terminal, otherwise prompted for twice without echo.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { openPglite, openPostgres, type DbHandle } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { systemClock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { createFirstAdmin } from '../modules/organisations/first-admin.ts';
import { ensureDefaultStandards } from '../modules/standards/store.ts';

const { values } = parseArgs({
  options: {
    'org-code': { type: 'string' },
    'org-name': { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    mobile: { type: 'string' },
  },
});

const interactive = Boolean(process.stdin.isTTY);

async function ask(question: string, given: string | undefined, fallback = ''): Promise<string> {
  if (given !== undefined) return given;
  if (!interactive) return fallback;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim() || fallback;
  } finally {
    rl.close();
  }
}

function askHidden(question: string): Promise<string> {
  return new Promise((done, fail) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let typed = '';
    const finish = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      if (err) fail(err);
      else done(typed);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return finish();
        if (c === '\u0003') return finish(new Error('cancelled'));
        typed = c === '\u007f' || c === '\b' ? typed.slice(0, -1) : typed + c;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!interactive) {
    let all = '';
    for await (const chunk of process.stdin) all += chunk;
    return all.replace(/\r?\n$/, '');
  }
  const first = await askHidden('密码（至少 8 位，含大写字母、小写字母、数字、符号中的三类）：');
  const again = await askHidden('再次输入密码：');
  if (first !== again) throw new AppError(400, 'VALIDATION', '两次输入的密码不一致', { password: '两次输入的密码不一致' });
  return first;
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  const input = {
    orgCode: await ask('机构代码（登录时使用，如 JMWXZJ）：', values['org-code']),
    orgName: await ask('机构名称（如 江门市住宅专项维修资金管理中心）：', values['org-name']),
    username: await ask('管理员用户名 [admin]：', values.username, 'admin'),
    name: await ask('管理员姓名：', values.name),
    mobile: await ask('管理员手机号（可留空）：', values.mobile),
  };
  const password = await readPassword();
  const handle: DbHandle = databaseUrl
    ? await openPostgres(databaseUrl, 2)
    : await openPglite(resolve(process.env.WYGL_DATA_DIR ?? 'data'));
  try {
    await migrate(handle, databaseUrl);
    await ensureDefaultStandards(handle.db);
    const made = await createFirstAdmin(
      { db: handle.db, dbKind: handle.kind, clock: systemClock, actor: null, ip: 'create-admin' },
      { ...input, password },
    );
    console.log(
      [
        made.orgCreated
          ? `已创建维修资金管理部门：${made.orgName}（机构代码 ${made.orgCode}）`
          : `维修资金管理部门：${made.orgName}（机构代码 ${made.orgCode}）`,
        `已创建管理员：${made.username}。请以机构代码 ${made.orgCode}、用户名 ${made.username} 登录，`,
        '在“机构用户管理”中添加其他用户，在“系统管理 › 银行接口密钥”中为专户银行签发接口密钥。',
      ].join('\n'),
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  if (err instanceof AppError) {
    console.error(`未创建：${err.message}`);
    process.exit(1);
  }
  if (err instanceof Error && err.message === 'cancelled') process.exit(130);
  console.error(err);
  process.exit(1);
});
