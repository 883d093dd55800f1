/**
 * Imports a 20,000-house property-area template through the API and pushes it through submit,
 * acceptance and approval, timing each step. Runs on pglite, or on PostgreSQL when DATABASE_URL
 * names a database it may fill (it creates tables there).
 *   npx tsx bench/import-20k.ts [houses]
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/src/app.ts';
import { openPglite, openPostgres } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/src/demo/seed.ts';
import { ensureDefaultStandards } from '../server/src/modules/standards/store.ts';
import { houseTemplate } from '../server/src/modules/registry/house-import.ts';
import { HOUSE_COLUMNS } from '../server/src/domain/house-row.ts';
import { idNumber, prng } from '../server/src/demo/people.ts';

process.env.WYGL_PASSWORD_MEMORY_KIB ??= '1024';
const target = Number(process.argv[2] ?? 20_000);
const url = process.env.DATABASE_URL;
const handle = url ? await openPostgres(url) : await openPglite();
await migrate(handle, url);
await ensureDefaultStandards(handle.db);
await seedDemo(handle);
const app = await buildApp({ db: handle });

function rows(n: number): string[][] {
  const rand = prng(20_000);
  const out: string[][] = [];
  for (let i = 0; out.length < n; i++) {
    const tower = `${Math.floor(i / 400) + 1}栋`;
    const unit = `${(Math.floor(i / 200) % 2) + 1}单元`;
    const floor = Math.floor((i % 200) / 8) + 1;
    const room = `${floor}${String((i % 8) + 1).padStart(2, '0')}`;
    const sold = i % 10 !== 0;
    const raw: Record<string, string> = {
      building: tower,
      unit,
      floor: String(floor),
      room,
      address: `江门市蓬江区基准路 1 号${tower}${unit}${room}`,
      buildingArea: `${80 + (i % 50)}.${String(i % 100).padStart(2, '0')}`,
      innerArea: '',
      use: '住宅',
      elevator: '有',
      salesStatus: sold ? '已售' : '未售',
      ownerName: sold ? '陈业主' : '',
      ownerIdType: sold ? '居民身份证' : '',
      ownerIdNumber: sold ? idNumber(rand) : '',
      ownerPhone: '',
    };
    out.push(HOUSE_COLUMNS.map((c) => raw[c.key] ?? ''));
  }
  return out;
}

async function login(orgCode: string, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { orgCode, username, password: DEMO_PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'wygl_sid');
  return { cookie: `wygl_sid=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
}

const timed = async <T>(label: string, fn: () => Promise<T>) => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return r;
};

const dev = await login('91440703MA4WJM001Q', 'admin');
const office = await login('JMWXZJ', 'admin');
const file = await timed(`build .xlsx (${target} rows)`, async () => houseTemplate(rows(target)));
console.log(`file size                          ${(file.length / 1048576).toFixed(1)} MB`);
const created = await app.inject({
  method: 'POST',
  url: '/api/applications',
  headers: dev,
  payload: {
    type: 'area_collection',
    form: {
      area: {
        name: '基准花园',
        district: '蓬江区',
        street: '',
        address: '江门市蓬江区基准路 1 号',
        depositTiming: '商品房预售前',
        remark: '',
      },
      buildings: [],
    },
  },
});
const id = created.json().id;
const form = new FormData();
form.append('file', new File([new Uint8Array(file)], 'houses.xlsx'));
const req = new Request('http://x/', { method: 'POST', body: form });
const body = Buffer.from(await req.arrayBuffer());
const imported = await timed('import (parse, validate, stage)', () =>
  app.inject({
    method: 'POST',
    url: `/api/applications/${id}/import`,
    headers: { ...dev, 'content-type': req.headers.get('content-type') ?? '' },
    payload: body,
  }),
);
if (imported.statusCode !== 200) throw new Error(imported.body.slice(0, 500));
// 受理 ticks every required document of an area collection (F-62).
const required = await app.inject({ method: 'GET', url: '/api/required-documents?type=area_collection', headers: office });
const received = required.json().documents as string[];
for (const [who, step] of [
  [dev, 'submit'],
  [office, 'accept'],
  [office, 'approve'],
] as const) {
  const res = await timed(step, () =>
    app.inject({
      method: 'POST',
      url: `/api/applications/${id}/${step}`,
      headers: who,
      payload: step === 'accept' ? { note: '', received } : {},
    }),
  );
  if (res.statusCode !== 200) throw new Error(`${step}: ${res.body.slice(0, 500)}`);
}
const detail = (await app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: dev })).json();
console.log(`approved: ${JSON.stringify(detail.outcome)} on ${handle.kind}`);
await app.close();
await handle.close();
