import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { containing, found, numberFound } from '../src/lib/search.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';

// A search by one or two characters (a surname, 王伟, a room's 01) has no trigram: it is found through
// each column's index of characters (`found`). These tests hold it to what a plain comparison finds.

let t: TestApp;
let office: Agent;

beforeAll(async () => {
  t = await testApp();
  office = await t.login(DEMO.office.code, DEMO.office.admin);
});
afterAll(() => t.close());

/** Every notice (newest first) whose number, payer or house address holds `text`, compared plainly. */
async function noticesHolding(text: string): Promise<string[]> {
  const p = containing(text);
  const rows = await rowsOf<{ no: string }>(
    t.handle.db,
    sql`select n.no from payment_notices n
         where n.no ilike ${p} or n.payer_name ilike ${p}
            or exists (select 1 from payment_notice_items i join houses h on h.id = i.house_id
                        where i.notice_id = n.id and h.address ilike ${p})
         order by n.id desc`,
  );
  return rows.map((r) => r.no);
}

async function noticesFound(text: string): Promise<{ nos: string[]; total: number }> {
  const res = await office.get(`/api/notices?q=${encodeURIComponent(text)}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: { no: string }[]; total: number };
  return { nos: body.items.map((n) => n.no), total: body.total };
}

it('F-22 a notice search by one, two or many characters finds exactly the notices whose number, payer or house address holds them', async () => {
  const [sample] = await rowsOf<{ payer: string; address: string; no: string }>(
    t.handle.db,
    sql`select n.payer_name as payer, h.address, n.no from payment_notices n
          join payment_notice_items i on i.notice_id = n.id join houses h on h.id = i.house_id
         where char_length(n.payer_name) >= 3 order by n.id desc limit 1`,
  );
  if (!sample) throw new Error('the demo city has no payment notices');
  const texts = [
    sample.payer.slice(0, 2), // a surname and the first character of a given name
    sample.payer.slice(1, 3),
    sample.payer.slice(0, 1),
    sample.address.slice(-2), // the end of a room's address (房)
    sample.address.slice(-4, -2),
    sample.no.slice(0, 2), // letters of the number, as typed
    sample.no.slice(0, 2).toLowerCase(),
    sample.no.slice(-2),
    sample.no, // a whole number, looked up by its end and confirmed whole
    sample.no.toLowerCase(),
    sample.no.slice(1, -1),
    '%', // a wildcard stands for itself
    '_',
    '没有', // nothing holds it
  ];
  for (const text of texts) {
    const expected = await noticesHolding(text);
    const { nos, total } = await noticesFound(text);
    expect(total, text).toBe(expected.length);
    expect(nos, text).toEqual(expected.slice(0, 200));
  }
  // A search that matched something: the test would not show a defect if nothing were ever found.
  expect((await noticesHolding(sample.payer.slice(0, 2))).length).toBeGreaterThan(0);
  expect((await noticesHolding(sample.no.slice(0, 2).toLowerCase())).length).toBeGreaterThan(0);
});

it('F-40 the project list found by one, two or many characters of a name or number is what a plain comparison finds', async () => {
  const all = (await office.get('/api/projects?pageSize=200')).json().items as { name: string; no: string }[];
  expect(all.length).toBeGreaterThan(1);
  const [first] = all;
  if (!first) throw new Error('the demo city has no projects');
  const texts = [
    first.name.slice(0, 2),
    first.name.slice(0, 1),
    first.no.slice(-2),
    first.no.slice(0, 2).toLowerCase(),
    first.no,
    first.no.toLowerCase(),
    '没有',
  ];
  for (const text of texts) {
    const res = await office.get(`/api/projects?q=${encodeURIComponent(text)}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const lowered = text.toLowerCase();
    const expected = all.filter((p) => p.name.toLowerCase().includes(lowered) || p.no.toLowerCase().includes(lowered));
    expect(
      res.json().items.map((p: { no: string }) => p.no),
      text,
    ).toEqual(expected.map((p) => p.no));
  }
});

it('F-22 F-40 F-60 a search by one or two characters is read from an index of characters, a long number by its end, not row by row', async () => {
  const planOf = async (query: SQL) =>
    t.handle.db.transaction(async (tx) => {
      // The demo city is small enough that reading every row is cheaper; the question is whether an index can serve.
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await rowsOf<Record<string, string>>(tx, sql`explain ${query}`);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
  const columns: [string, string, string][] = [
    ['payment_notices', 'payer_name', 'payment_notices_payer_chars'],
    ['payment_notices', 'no', 'payment_notices_no_chars'],
    ['houses', 'address', 'houses_address_chars'],
    ['repair_projects', 'name', 'repair_projects_name_chars'],
    ['repair_projects', 'no', 'repair_projects_no_chars'],
    ['applications', 'no', 'applications_no_chars'],
    ['project_requests', 'no', 'project_requests_no_chars'],
    ['refunds', 'no', 'refunds_no_chars'],
  ];
  // A long business number is looked up by its end in the trigram index, and confirmed whole.
  for (const table of ['applications', 'payment_notices', 'project_requests', 'refunds', 'repair_projects']) {
    const plan = await planOf(sql`select x.id from ${sql.identifier(table)} x where ${numberFound(sql`x.no`, 'BA000123805')}`);
    expect(plan, table).toContain(`${table}_no_trgm`);
    expect(plan, table).toContain('123805');
  }
  for (const [table, column, index] of columns) {
    for (const text of ['王伟', '王', 'Jk']) {
      const plan = await planOf(sql`select x.id from ${sql.identifier(table)} x where ${found(sql`x.${sql.identifier(column)}`, text)}`);
      expect(plan, `${table}.${column} ${text}`).toContain(index);
      expect(plan, `${table}.${column} ${text}`).not.toMatch(/_trgm/);
    }
  }
});
