import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { containing, found, numberFound } from '../src/lib/search.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, statementsSent, testApp, type TestApp } from './harness.ts';

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

/** The statement that lists a 系统日志 search's page, as the API sent it, and its values. */
async function auditPageSent(text: string) {
  const sent = await statementsSent(t.handle, () => office.get(`/api/office/audit?q=${encodeURIComponent(text)}`));
  expect(sent.result.statusCode, sent.result.body).toBe(200);
  const page = sent.texts.findIndex((s) => s.includes('"audit_log"') && s.includes('order by'));
  expect(page, sent.texts.join('\n')).toBeGreaterThanOrEqual(0);
  return { total: sent.result.json().total as number, text: sent.texts[page] ?? '', values: sent.values[page] ?? [] };
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

it('§10 系统日志 found by one, two or many characters is every record whose summary, person or organisation holds them', async () => {
  const [sample] = await rowsOf<{ summary: string; user_name: string; org_name: string; entity: string }>(
    t.handle.db,
    sql`select summary, user_name, org_name, entity from audit_log where summary ~ '[A-Z]{2}[0-9]{10}' and user_name <> '' order by id desc limit 1`,
  );
  if (!sample) throw new Error('the demo city has no audit records');
  const number = sample.summary.match(/[A-Z]{2}[0-9]{10,}/)?.[0] ?? '';
  const texts = [
    sample.user_name.slice(0, 2), // a person's surname and given name
    sample.user_name.slice(0, 1),
    sample.org_name.slice(-4), // the end of an organisation's name
    number, // a business number, looked up by its end and confirmed whole
    number.toLowerCase(),
    number.slice(0, 2).toLowerCase(),
    sample.summary.slice(0, 4),
    sample.summary.slice(1, 3), // two characters of the summary, by their pair
    '%',
    '没有',
  ];
  for (const text of texts) {
    const p = containing(text);
    const expected = await rowsOf<{ id: number }>(
      t.handle.db,
      sql`select id::int from audit_log where summary ilike ${p} or user_name ilike ${p} or org_name ilike ${p} order by id desc`,
    );
    const res = await office.get(`/api/office/audit?q=${encodeURIComponent(text)}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total, text).toBe(expected.length);
    expect(
      res.json().items.map((r: { id: number }) => r.id),
      text,
    ).toEqual(expected.slice(0, 200).map((r) => r.id));
  }
  expect(number.length).toBeGreaterThan(6);
  // With another filter, the count is of the records that pass both.
  const person = sample.user_name.slice(0, 2);
  const [{ n } = { n: -1 }] = await rowsOf<{ n: number }>(
    t.handle.db,
    sql`select count(*)::int as n from audit_log where entity = ${sample.entity} and (summary ilike ${containing(person)} or user_name ilike ${containing(person)} or org_name ilike ${containing(person)})`,
  );
  const filtered = await office.get(`/api/office/audit?q=${encodeURIComponent(person)}&entity=${sample.entity}&pageSize=5`);
  expect(filtered.json().total).toBe(n);
  expect(n).toBeGreaterThan(0);
});

it('F-22 F-40 F-60 §10 a search by one or two characters is read from an index of characters, a long number by its end, not row by row', async () => {
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
  // 系统日志: the statement the API sends for a search, its values written in.
  const auditPlan = async (text: string) => {
    const page = await auditPageSent(text);
    const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
    return planOf(sql.raw(page.text.replace(/\$(\d+)/g, (_, n) => literal(page.values[Number(n) - 1]))));
  };
  // Two characters by their pair, one by its characters, more by trigrams.
  for (const text of ['王伟', 'Jk']) expect(await auditPlan(text), text).toContain('audit_log_search_pairs');
  expect(await auditPlan('王')).toContain('audit_log_search_chars');
  for (const text of ['王建华', 'JK2026120700011']) expect(await auditPlan(text), text).toContain('audit_log_search_trgm');
  for (const [table, column, index] of columns) {
    for (const text of ['王伟', '王', 'Jk']) {
      const plan = await planOf(sql`select x.id from ${sql.identifier(table)} x where ${found(sql`x.${sql.identifier(column)}`, text)}`);
      expect(plan, `${table}.${column} ${text}`).toContain(index);
      expect(plan, `${table}.${column} ${text}`).not.toMatch(/_trgm/);
    }
  }
});

it('§10 a 系统日志 search among many records finds its records first, not by reading the log newest first until enough hold the text', async () => {
  // Records whose text holds each of the characters searched, but not the text: walking the log
  // newest first, the page would read every one of them for nothing.
  await t.handle.db.execute(sql`insert into audit_log (user_name, org_name, action, entity, entity_id, summary, ip)
    select '张' || g % 10 || '（u' || g || '）', '测试机构', 'test.scale', 'scale_entity', g::text, '操作 ' || g || ' 敏感', 'test'
      from generate_series(1, 20000) g`);
  await t.handle.db.execute(sql`analyze audit_log`);
  const client = (t.handle.db as unknown as { $client: { query: (text: string, values: unknown[]) => Promise<{ rows: object[] }> } })
    .$client;
  for (const text of ['张敏', '张三敏感']) {
    const page = await auditPageSent(text);
    expect(page.total, text).toBe(0);
    const plan = (await client.query(`explain ${page.text}`, page.values)).rows.map((r) => Object.values(r)[0]).join('\n');
    // The log read newest first with the search as a filter on each record.
    expect(plan, text).not.toMatch(/Index Scan Backward using audit_log_pkey on audit_log[^\n]*\n\s+Filter:/);
    expect(plan, text).toMatch(/Index Cond: \(id = ANY/);
  }
});
