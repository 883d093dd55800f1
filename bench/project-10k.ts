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
import { checkLedger } from '../server/src/ledger/check.ts';
import { bigArea } from './big-area.ts';
import { openDemoCity } from './demo-city.ts';

const target = Number(process.argv[2] ?? 10_000);
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
  const { call } = city;
  const { buildingIds, facilityId, committee, office, teller, uploadRequired, received } = await bigArea(city, target, timed);
  const project = await call(committee, 'POST', '/api/projects', { type: 'emergency', name: '全区二次供水改造', description: '' });
  const id = project.id as number;

  // Measured 1: the item (range defaults to its building), the range widened to every building, 预算分摊.
  const items = await timed('item (range = 1 building)', () =>
    call(committee, 'PUT', `/api/projects/${id}/items`, {
      items: [{ facilityId, content: '水泵及管网更换', budget: BUDGET }],
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
