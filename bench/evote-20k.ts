/**
 * F-82 electronic vote at the size of a large area: 20,000 bound owners each cast a ballot through the
 * owners' API, 50 at a time, on one project whose range is every house; then the ballot chain is
 * checked and the vote tallied with the paper entries once it has closed.
 * Goals: all 20,000 ballots within 10 minutes with p95 < 200 ms per ballot; the tally ≤ 1 s.
 *
 * Two runs of ballots. Paced: every owner votes once, the ballots arriving at an even rate that casts
 * them all in 10 minutes (open loop: a slow answer does not slow the arrivals), which is the goal's
 * load. Burst: every owner then changes the vote, 50 clients each sending the next ballot as soon as
 * the last is answered — the most the server takes, since one vote's ballots append to one chain in
 * turn. The chain check and the tally then run over both runs' ballots.
 *
 * Setup is the real path (bench/big-area.ts: F-11 import, deposits, committee; a general project,
 * its 预算分摊 and initiation notice) except the owners: their accounts, bindings and sessions are
 * written by set-based SQL, since 20,000 password hashes would measure the hash, not the vote.
 * Runs on pglite in memory, or on PostgreSQL when DATABASE_URL names a server (a scratch database).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/evote-20k.ts [houses] [clients] [seconds of the paced run]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../server/src/db/client.ts';
import { hashToken } from '../server/src/modules/auth/sessions.ts';
import { OWNER_TOKEN_PREFIX } from '../server/src/modules/owners/sessions.ts';
import { VALID_PASSWORD } from '../server/test/fixtures.ts';
import { bigArea } from './big-area.ts';
import { openDemoCity, ShiftedClock } from './demo-city.ts';

const target = Number(process.argv[2] ?? 20_000);
const CLIENTS = Number(process.argv[3] ?? 50);
const PACED_SECONDS = Number(process.argv[4] ?? 600);
const BUDGET = 5_000_000;
const figures: [string, string][] = [];
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  figures.push([label, `${((performance.now() - t0) / 1000).toFixed(2)} s`]);
  return r;
}
const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)] ?? 0;

const clock = new ShiftedClock();
const city = await openDemoCity('evote', clock);
try {
  const { call } = city;
  const load = loadavg()[0]?.toFixed(1);
  const { areaId, buildingIds, facilityId, committee } = await bigArea(city, target, timed);

  // The project: a general one over every house, its budget shared and its initiation notice (F-41).
  const { id } = await call(committee, 'POST', '/api/projects', { type: 'general', name: '全区外墙维修', description: '' });
  const items = await call(committee, 'PUT', `/api/projects/${id}/items`, {
    items: [{ facilityId, content: '外墙修补及防水', budget: BUDGET }],
  });
  await call(committee, 'POST', `/api/projects/${id}/items/${items.items[0].id}/houses`, { addBuildings: buildingIds.slice(1) });
  await call(committee, 'POST', `/api/projects/${id}/apportion`);
  await call(committee, 'PUT', `/api/projects/${id}/plan`, { phases: [{ amount: BUDGET, condition: '验收' }] });
  const deadline = new Date(clock.now().getTime() + 8 * 24 * 3600_000).toISOString().slice(0, 10);
  await call(committee, 'POST', `/api/projects/${id}/notices`, { kind: 'initiation', deadline, content: '' });

  // The owners: one account per ID number on record in the area, bound to its houses, each signed in.
  const db = city.handle.db;
  const owners = await timed(`setup: ${target} owner accounts, bindings, sessions (SQL)`, async () => {
    await db.execute(sql`
      insert into owner_accounts (id_number, name, password_hash)
      select upper(ho.id_number), min(ho.name), 'bench: no password'
        from house_owners ho join houses h on h.id = ho.house_id
       where h.area_id = ${areaId} and ho.id_number <> ''
       group by upper(ho.id_number)
      on conflict do nothing`);
    await db.execute(sql`
      insert into owner_bindings (owner_id, house_id)
      select a.id, ho.house_id
        from house_owners ho join houses h on h.id = ho.house_id join owner_accounts a on a.id_number = upper(ho.id_number)
       where h.area_id = ${areaId}`);
    const bound = await rowsOf<{ ownerId: string; houseId: string }>(
      db,
      sql`select b.owner_id::text as "ownerId", b.house_id::text as "houseId"
            from owner_bindings b join houses h on h.id = b.house_id
           where h.area_id = ${areaId} and b.ended_at is null order by b.house_id`,
    );
    const sessions = [...new Set(bound.map((b) => b.ownerId))].map((ownerId) => ({
      ownerId,
      token: `${OWNER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`,
      csrf: randomBytes(32).toString('base64url'),
    }));
    const now = clock.now();
    for (let i = 0; i < sessions.length; i += 5_000) {
      const part = sessions.slice(i, i + 5_000);
      await db.execute(sql`
        insert into owner_sessions (token_hash, owner_id, csrf_token, created_at, last_seen_at)
        select t.h, t.o::bigint, t.c, ${now}, ${now}
          from jsonb_to_recordset(${JSON.stringify(part.map((s) => ({ h: hashToken(s.token), o: s.ownerId, c: s.csrf })))}::jsonb)
            as t(h text, o text, c text)`);
    }
    const byOwner = new Map(sessions.map((s) => [s.ownerId, { cookie: `wygl_sid=${s.token}`, 'x-csrf-token': s.csrf }]));
    return bound.map((b) => ({ houseId: Number(b.houseId), headers: byOwner.get(b.ownerId) as Record<string, string> }));
  });

  // The committee opens the vote for a day.
  const opensAt = clock.now();
  const closesAt = new Date(opensAt.getTime() + 24 * 3600_000);
  const { id: evoteId } = await call(committee, 'POST', `/api/projects/${id}/evote`, {
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
  });

  // The yardstick: /api/health at the same concurrency, alone.
  type Request = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: unknown };
  const drive = async (count: number, request: (i: number) => Request) => {
    const times: number[] = [];
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < count; i = next++) {
          const s = performance.now();
          const r = request(i);
          const res = await city.app.inject({ ...r, payload: r.payload as never });
          times.push(performance.now() - s);
          if (res.statusCode !== 200 && failed++ === 0) console.log(`${res.statusCode} ${res.body.slice(0, 300)}`);
        }
      }),
    );
    return { times, failed };
  };
  const health = await drive(5_000, () => ({ method: 'GET' as const, url: '/api/health' }));

  const choices = ['agree', 'agree', 'oppose'] as const;
  const ballot = (i: number, round: number): Request => {
    const o = owners[i] as (typeof owners)[number];
    const choice = round === 0 ? (i % 10 === 9 ? 'abstain' : choices[i % 3]) : i % 4 === 0 ? 'oppose' : 'agree';
    return { method: 'POST', url: '/api/owner/evote-ballots', headers: o.headers, payload: { evoteId, houseId: o.houseId, choice } };
  };

  // Paced: every owner once, at the rate that casts them all within PACED_SECONDS.
  const interval = (PACED_SECONDS * 1000) / owners.length;
  const paced: number[] = [];
  let pacedFailed = 0;
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < owners.length; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const r = ballot(i, 0);
    inFlight.push(
      (async () => {
        const s = performance.now();
        const res = await city.app.inject({ ...r, payload: r.payload as never });
        paced.push(performance.now() - s);
        if (res.statusCode !== 200 && pacedFailed++ === 0) console.log(`${res.statusCode} ${res.body.slice(0, 300)}`);
      })(),
    );
  }
  await Promise.all(inFlight);
  const pacedWall = (performance.now() - t0) / 1000;

  // Burst: every owner changes the vote, CLIENTS at a time.
  const t1 = performance.now();
  const burst = await drive(owners.length, (i) => ballot(i, 1));
  const burstWall = (performance.now() - t1) / 1000;

  const turnout = await call(committee, 'GET', `/api/projects/${id}/evote`);
  const chain = await timed(`chain check (R-82, ${2 * owners.length} ballots)`, () =>
    call(committee, 'GET', `/api/projects/${id}/evote/chain`),
  );
  // The vote's end passes; the tally reads paper and online ballots together.
  clock.shift(closesAt.getTime() - clock.now().getTime() + 60_000);
  const again = await city.login('JJHTYWH', 'admin', VALID_PASSWORD); // the day's wait ended the session
  const result = await timed(`tally after the end (R-81 R-42, ${owners.length} houses)`, () =>
    call(again, 'GET', `/api/projects/${id}/evote/result`),
  );

  console.log(`\n${owners.length} owners on ${city.engine}, ${CLIENTS} clients, load average ${load} at the start`);
  const median = [...paced].sort((a, b) => a - b)[Math.floor(paced.length / 2)] ?? 0;
  const rows: string[][] = [
    [
      `${owners.length} ballots, paced (F-82)`,
      '≤ 600 s',
      `${pacedWall.toFixed(1)} s`,
      (pacedWall / 600).toFixed(2),
      `${(owners.length / pacedWall).toFixed(1)} ballots/s arriving, ${pacedFailed} failed`,
    ],
    [
      'paced ballot p95',
      '< 200 ms',
      `${p95(paced).toFixed(0)} ms`,
      (p95(paced) / 200).toFixed(2),
      `median ${median.toFixed(0)} ms; health p95 ${p95(health.times).toFixed(0)} ms alone at ${CLIENTS} clients`,
    ],
    [
      `${owners.length} changed ballots, burst`,
      '—',
      `${burstWall.toFixed(1)} s`,
      '—',
      `${(owners.length / burstWall).toFixed(0)} ballots/s at ${CLIENTS} clients, p95 ${p95(burst.times).toFixed(0)} ms, ${burst.failed} failed`,
    ],
    ...figures.filter(([l]) => l.startsWith('tally')).map(([l, v]) => [l, '≤ 1 s', v, Number.parseFloat(v).toFixed(2), '']),
  ];
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(i === 0 ? 46 : 12)).join(' '));
  for (const [label, v] of figures) console.log(`${label.padEnd(56)} ${v}`);
  console.log(
    `turnout ${turnout.turnout.housesVoted}/${turnout.turnout.rangeHouses} houses; chain ${chain.valid ? 'valid' : 'BROKEN'} over ${chain.checked} ballots; result ${result.passed ? '通过' : '未通过'}, agree ${result.totals.agreeOwners}/${result.totals.rangeOwners} owners`,
  );
  if (
    pacedFailed > 0 ||
    burst.failed > 0 ||
    !chain.valid ||
    chain.checked !== 2 * owners.length ||
    turnout.turnout.housesVoted !== owners.length
  )
    process.exitCode = 1;
} finally {
  await city.close();
}
