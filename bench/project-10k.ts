/**
 * A repair project over a 10,000-house area, timing the two steps whose cost grows with the range:
 * 预算分摊 (R-40, with setting the range to every house) and the bank's confirmation of one phase's
 * transfer, which debits every house account in one ledger transaction. Everything goes through
 * the HTTP API. Setup is the real path too: the area comes from an F-11 import (as import-20k.ts), its
 * money from the developer's per-building notices (F-20) confirmed at the bank counter (F-23).
 * Runs on pglite in memory, or on PostgreSQL when DATABASE_URL names a server: it creates a scratch
 * database there and drops it afterwards.
 *   npx tsx bench/project-10k.ts [houses]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/project-10k.ts
 */
import { performance } from 'node:perf_hooks';
import { idNumber, prng } from '../server/src/demo/people.ts';
import { HOUSE_COLUMNS } from '../server/src/domain/house-row.ts';
import { checkLedger } from '../server/src/ledger/check.ts';
import { houseTemplate } from '../server/src/modules/registry/house-import.ts';
import { committeeRegistration, file, registrationForm, smallPng, VALID_PASSWORD } from '../server/test/fixtures.ts';
import { openDemoCity } from './demo-city.ts';

const target = Number(process.argv[2] ?? 10_000);
const PER_BUILDING = 400;
const BUDGET = 5_000_000; // fen; 500 yuan a house on average, far below each house's deposit
const PHASE = 3_000_000;
const figures: [string, number][] = [];
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  figures.push([label, (performance.now() - t0) / 1000]);
  return r;
}

const city = await openDemoCity('projects');
try {
  const { call, login } = city;
  /** Multipart bodies for inject: let Request serialise the FormData. */
  const multipart = async (form: FormData) => {
    const req = new Request('http://x/', { method: 'POST', body: form });
    return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type') ?? '' };
  };

  const dev = await login('91440703MA4WJM001Q', 'admin');
  const office = { accept: await login('JMWXZJ', 'shouli'), review: await login('JMWXZJ', 'shenhe') };
  const teller = await login('ICBCJM', 'teller01');
  // 受理 ticks every required document of the request's type (F-62).
  const received = async (type: string) => (await call(office.accept, 'GET', `/api/required-documents?type=${type}`)).documents;
  /** The committee uploads one page for each 要件 of the step before submitting (F-62). */
  const uploadRequired = async (agent: Parameters<typeof call>[0], projectId: number, kind: string, type: string) => {
    for (const name of (await received(type)) as string[]) {
      const form = new FormData();
      form.append('file', file(smallPng(), `${name}.png`));
      const page = await multipart(form);
      const query = `kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(name)}`;
      await call(agent, 'POST', `/api/projects/${projectId}/documents?${query}`, page.body, { 'content-type': page.type });
    }
  };

  // Setup 1: the area via F-11, every house sold so every house has an owner and takes part.
  const rand = prng(10_000);
  const rows = Array.from({ length: target }, (_, i) => {
    const tower = `${Math.floor(i / PER_BUILDING) + 1}栋`;
    const unit = `${(Math.floor(i / (PER_BUILDING / 2)) % 2) + 1}单元`;
    const floor = Math.floor((i % (PER_BUILDING / 2)) / 8) + 1;
    const room = `${floor}${String((i % 8) + 1).padStart(2, '0')}`;
    const raw: Record<string, string> = {
      building: tower,
      unit,
      floor: String(floor),
      room,
      address: `江门市蓬江区基准路 2 号${tower}${unit}${room}`,
      buildingArea: `${80 + (i % 50)}.${String(i % 100).padStart(2, '0')}`,
      use: '住宅',
      elevator: '有',
      salesStatus: '已售',
      ownerName: '陈业主',
      ownerIdType: '居民身份证',
      ownerIdNumber: idNumber(rand),
    };
    return HOUSE_COLUMNS.map((c) => raw[c.key] ?? '');
  });
  const areaName = '分摊基准花园';
  const appl = await call(dev, 'POST', '/api/applications', {
    type: 'area_collection',
    form: {
      area: {
        name: areaName,
        district: '蓬江区',
        street: '',
        address: '江门市蓬江区基准路 2 号',
        depositTiming: '商品房预售前',
        remark: '',
      },
      buildings: [],
    },
  });
  const xlsx = new FormData();
  xlsx.append('file', new File([new Uint8Array(await houseTemplate(rows))], 'houses.xlsx'));
  const up = await multipart(xlsx);
  await timed(`setup: import + approve ${target} houses (F-11)`, async () => {
    await call(dev, 'POST', `/api/applications/${appl.id}/import`, up.body, { 'content-type': up.type });
    await call(dev, 'POST', `/api/applications/${appl.id}/submit`, {});
    await call(office.accept, 'POST', `/api/applications/${appl.id}/accept`, { note: '', received: await received('area_collection') });
    await call(office.review, 'POST', `/api/applications/${appl.id}/approve`, {});
  });
  const areaId = (await call(dev, 'GET', `/api/applications/${appl.id}`)).outcome.areaId as number;
  const buildingIds = ((await call(dev, 'GET', `/api/areas/${areaId}/buildings`)).items as { id: number }[]).map((b) => b.id);

  // Setup 2: the money, one developer notice per building (F-20), each confirmed by the bank.
  await timed(`setup: deposit ${buildingIds.length} building notices`, async () => {
    const { issued } = await call(dev, 'POST', '/api/notices/developer-batch', { areaId, buildingIds });
    for (const no of issued as string[]) {
      const notice = await call(dev, 'GET', `/api/notices/${no}`);
      await call(teller, 'POST', '/api/bank/deposits/confirm', {
        noticeNo: no,
        amount: notice.total,
        channel: '柜台',
        bankRef: `D-${no}`,
        bankDate: '2026-11-22',
      });
    }
  });

  // Setup 3: the area's committee (F-1) and one facility on the first building.
  const docs = { filing: file(smallPng(), '备案.png'), directorId: file(smallPng(), '身份证.png') };
  const reg = await multipart(registrationForm(committeeRegistration(areaId), docs));
  const registered = await call(null, 'POST', '/api/registration', reg.body, { 'content-type': reg.type });
  // The office checks the paper originals (F-61); until then a committee publishes nothing (§10).
  const officeAdmin = await login('JMWXZJ', 'admin');
  await call(officeAdmin, 'POST', `/api/office/organisations/${registered.orgId}/verify-documents`);
  const committee = await login('JJHTYWH', 'admin', VALID_PASSWORD);
  const types = (await call(committee, 'GET', '/api/facility-types')).items as { id: number }[];
  const facility = await call(committee, 'POST', `/api/areas/${areaId}/facilities`, {
    typeId: types[0]?.id,
    name: '二次供水泵房',
    location: `building:${buildingIds[0]}`,
  });
  const project = await call(committee, 'POST', '/api/projects', { type: 'emergency', name: '全区二次供水改造', description: '' });
  const id = project.id as number;

  // Measured 1: the item (range defaults to its building), the range widened to every building, 预算分摊.
  const items = await timed('item (range = 1 building)', () =>
    call(committee, 'PUT', `/api/projects/${id}/items`, {
      items: [{ facilityId: facility.id, content: '水泵及管网更换', budget: BUDGET }],
    }),
  );
  const itemId = items.items[0].id as number;
  const range = await timed(`range += ${buildingIds.length - 1} buildings`, () =>
    call(committee, 'POST', `/api/projects/${id}/items/${itemId}/houses`, { addBuildings: buildingIds.slice(1) }),
  );
  const apportioned = await timed(`apportion R-40 (${target} houses)`, () => call(committee, 'POST', `/api/projects/${id}/apportion`));
  if (apportioned.items[0].houseCount !== target || apportioned.items[0].shareTotal !== BUDGET)
    throw new Error(`apportion: ${JSON.stringify(apportioned.items[0])} after ${JSON.stringify(range)}`);

  // Unmeasured: the plan.
  await call(committee, 'PUT', `/api/projects/${id}/plan`, {
    phases: [
      { amount: PHASE, condition: '进场' },
      { amount: BUDGET - PHASE, condition: '验收' },
    ],
  });
  // Measured: the initiation notice keeps its whole 预算清册 (F-41), and the public reads its last page.
  const deadline = new Date(Date.now() + 8 * 24 * 3600_000).toISOString().slice(0, 10);
  const noticed = await timed(`initiation notice (keeps its list)`, () =>
    call(committee, 'POST', `/api/projects/${id}/notices`, { kind: 'initiation', deadline, content: '' }),
  );
  const noticeNo = noticed.notices[0].no as string;
  const lastPage = Math.ceil(target / 200);
  const posted = await timed(`public notice, list page ${lastPage} of ${lastPage}`, () =>
    call(null, 'GET', `/api/public/project-notices/${noticeNo}?page=${lastPage}&pageSize=200`),
  );
  if (posted.list.total !== target || posted.list.totalShare !== BUDGET)
    throw new Error(`notice list: ${posted.list.total} houses, ${posted.list.totalShare} fen`);
  // Unmeasured: approval (an emergency project needs no vote), disbursement, office reviews.
  await uploadRequired(committee, id, '立项申请要件', 'project.approval.emergency');
  const submitted = await call(committee, 'POST', `/api/projects/${id}/approval`, {});
  const approve = async (requestId: number, type: string) => {
    await call(office.accept, 'POST', `/api/office/project-requests/${requestId}/accept`, { note: '', received: await received(type) });
    await call(office.review, 'POST', `/api/office/project-requests/${requestId}/approve`);
  };
  await approve(submitted.requests.find((r: { kind: string }) => r.kind === 'approval').id, 'project.approval.emergency');
  const phases = (await call(committee, 'GET', `/api/projects/${id}`)).phases as { id: number }[];
  const payee = {
    unitName: '江门市建安工程有限公司',
    accountName: '江门市建安工程有限公司',
    bankName: '中国工商银行江门分行',
    accountNo: '6222 0200 1234 5678',
    amount: PHASE,
  };
  await uploadRequired(committee, id, '资金拨付要件', 'project.disbursement');
  const disb = await call(committee, 'POST', `/api/projects/${id}/disbursements`, { phaseId: phases[0]?.id, payees: [payee] });
  await approve(disb.id, 'project.disbursement');

  // Measured 2: the bank's confirmation, debiting every house in one posting.
  await timed(`bank transfer confirm (${target} debits)`, () =>
    call(teller, 'POST', '/api/bank/project-transfers/confirm', {
      number: disb.no,
      amount: PHASE,
      bankRef: 'ZZ-BENCH',
      bankDate: '2026-12-10',
    }),
  );
  const breaches = await timed('ledger check (F-65)', () => checkLedger(city.handle.db));
  console.log(`${target} houses on ${city.engine}`);
  for (const [label, s] of figures) console.log(`${label.padEnd(44)} ${s.toFixed(2).padStart(7)} s`);
  if (breaches.length > 0) {
    console.error('LEDGER BREACHES', breaches.slice(0, 20));
    process.exitCode = 1;
  }
} finally {
  await city.close();
}
