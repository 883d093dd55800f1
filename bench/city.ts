/**
 * The city at full size: builds N house accounts (default 500,000 on PostgreSQL, 50,000 on pglite)
 * beside the demo city by set-based SQL — areas of 2,000 houses registered one area after another (10 buildings × 2 units × 20 floors
 * × 5 rooms), one owner each (every tenth two), an open account each, 100,000 payment notices,
 * 300,000 registry applications, 20,000 repair projects and 2,000,000 audit records — then drives every list, search and
 * lookup through the API with 50 concurrent clients for a few seconds each, beside `/api/health`
 * as the machine's yardstick, and issues 10,000 one-house notices in one request while another
 * clerk issues a single one. Prints one table: workload, goal, measured, ratio (measured / goal),
 * yardstick. On PostgreSQL it creates a scratch database and drops it afterwards; with
 * BENCH_KEEP_DB=<name> it builds the city in that database once and measures it as it is thereafter
 * (without the 10,000 notices, which would change it). CITY_WORKLOADS=<regex> runs only the lists named.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/city.ts [houses] [seconds per workload]
 *   npx tsx bench/city.ts [houses] [seconds]   (pglite in memory)
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../server/src/db/client.ts';
import { vacuumAndAnalyse, vacuumAndAnalyseDue } from '../server/src/db/vacuum.ts';
import { DEMO_PASSWORD } from '../server/src/demo/seed.ts';
import { type Headers, openDemoCity } from './demo-city.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
const HOUSES = Number(process.argv[2] ?? (onPostgres ? 500_000 : 50_000));
const SECONDS = Number(process.argv[3] ?? 8);
const CLIENTS = 50;
const PER_AREA = 2_000;
/** The area holding every 200th of the city's applications (1,500), spread through the list's order. */
const SPREAD_AREA = '规模1花园';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国文辉鹏飞志坚海燕晓东春梅';

const city = await openDemoCity('city');
try {
  const db = city.handle.db;
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  const t0 = performance.now();
  const [developer] = await rowsOf<{ id: string }>(
    db,
    sql`select developer_org_id::text as id from property_areas where name = '侨城花园'`,
  );
  const areas = Math.ceil(HOUSES / PER_AREA);
  // The character of `from` at `position` (wrapping round): names made of a surname and given names.
  const letter = (from: string, position: ReturnType<typeof sql>) =>
    sql`substr(${from}::text, (1 + (${position}) % ${from.length})::int, 1)`;
  // A city kept from an earlier run (BENCH_KEEP_DB) is measured as it is.
  const [already] = await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from property_areas where name like '规模%花园'`);
  let built = 0;
  let copied = 0;
  if (Number(already?.n) === 0) {
    await exec(sql`insert into property_areas (name, district, street, address, developer_org_id)
      select '规模' || g || '花园', '蓬江区', '规模街道', '规模路 ' || g || ' 号', ${Number(developer?.id)} from generate_series(1, ${areas}) g`);
    await exec(sql`insert into buildings (area_id, name, floors_above, floors_below, built_year, structure, elevator)
      select a.id, b || '栋', 20, 0, 2015, '钢筋混凝土结构', true from property_areas a, generate_series(1, 10) b where a.name like '规模%花园'`);
    await exec(sql`insert into units (building_id, name)
      select b.id, u || '单元' from buildings b join property_areas a on a.id = b.area_id, generate_series(1, 2) u where a.name like '规模%花园'`);
    await exec(sql`insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
      select b.area_id, b.id, u.id, f, f || lpad(r::text, 2, '0'), a.address || b.name || u.name || f || lpad(r::text, 2, '0') || '房',
             8000 + (f * 37 + r * 11) % 6000, '住宅', true, 'sold', '商品房预售前'
        from units u join buildings b on b.id = u.building_id join property_areas a on a.id = b.area_id,
             generate_series(1, 20) f, generate_series(1, 5) r
       where a.name like '规模%花园'
       order by a.id, b.id, u.id, f, r`);
    await exec(sql`insert into house_owners (house_id, name, id_type, id_number, phone)
      select h.id, ${letter(SURNAMES, sql`h.id * 7 + k`)} || ${letter(GIVEN, sql`h.id * 13 + k * 5`)}
                   || case when h.id % 3 = 0 then ${letter(GIVEN, sql`h.id * 17`)} else '' end,
             '居民身份证', '4407' || lpad((h.id * 10 + k)::text, 14, '0'), '139' || lpad((h.id % 100000000)::text, 8, '0')
        from houses h join property_areas a on a.id = h.area_id, generate_series(1, 2) k
       where a.name like '规模%花园' and (k = 1 or h.id % 10 = 0)
       order by h.id, k`);
    await exec(sql`insert into house_accounts (house_id, amount_due)
      select h.id, h.building_area * 10 from houses h join property_areas a on a.id = h.area_id where a.name like '规模%花园'`);
    await exec(sql`insert into ledger_accounts (kind, house_id, name)
      select 'house', h.id, h.address from houses h join property_areas a on a.id = h.area_id where a.name like '规模%花园'`);
    built = (performance.now() - t0) / 1000;

    // Copies of demo rows for the lists: notices (one house each), applications, projects.
    const t1 = performance.now();
    await exec(sql`insert into payment_notices (no, purpose, area_id, issuer_org_id, payer_type, payer_name, total, bank_account, valid_until, status, created_at)
      select 'JQ' || lpad(h.id::text, 12, '0'), 'deposit', h.area_id, ${Number(developer?.id)}, 'owner', '业主' || h.id, h.building_area * 10,
             '{}'::jsonb, current_date + 30, (array['unpaid', 'paid', 'void'])[1 + h.id % 3], now() - (h.id % 525600) * interval '1 minute'
        from houses h join property_areas a on a.id = h.area_id where a.name like '规模%花园' order by h.id limit 100000`);
    await exec(sql`insert into payment_notice_items (notice_id, house_id, purpose, amount, open)
      select n.id, substr(n.no, 3)::bigint, 'deposit', n.total, n.status = 'unpaid' from payment_notices n where n.no like 'JQ%'`);
    await exec(sql`insert into applications (no, type, org_id, area_id, status, form, created_by, created_at, updated_at, submitted_at)
      select 'BA' || lpad(g::text, 9, '0'), (array['house_change', 'ownership_change', 'house_cancellation'])[1 + g % 3],
             a.org_id, a.area_id, (array['submitted', 'accepted', 'approved', 'rejected', 'withdrawn'])[1 + g % 5], '{}'::jsonb,
             a.created_by, a.created_at, a.updated_at, now() - ((g * 5) % 525600) * interval '1 minute'
        from (select * from applications where submitted_at is not null order by id limit 1) a, generate_series(1, 300000) g`);
    const projectColumns = await rowsOf<{ c: string }>(
      db,
      sql`select column_name as c from information_schema.columns where table_name = 'repair_projects' and column_name not in ('id', 'no', 'area_id', 'created_at') order by ordinal_position`,
    );
    const cols = sql.raw(projectColumns.map((c) => `"${c.c}"`).join(', '));
    await exec(sql`insert into repair_projects (no, area_id, created_at, ${cols})
      select 'WQ' || lpad(g::text, 9, '0'), (select min(id) from property_areas where name like '规模%花园') + g % ${areas},
             now() - ((g * 17) % 525600) * interval '1 minute', ${cols}
        from (select * from repair_projects order by id limit 1) p, generate_series(1, 20000) g`);
    await vacuumAndAnalyse(db);
    copied = (performance.now() - t1) / 1000;
  }
  // 系统日志: a city's years of writes, 2,000,000 records made of the demo's, each with a number and a
  // person of its own. Added to a kept city the first time it is measured with them.
  const [audited] = await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from audit_log where ip = 'city'`);
  let logged = 0;
  if (Number(audited?.n) === 0) {
    const t2 = performance.now();
    // Its search indexes are built after the load, as a bulk load does: 2,000,000 records written into
    // three GIN indexes one by one had not finished after seven minutes; built whole, about four.
    const searchIndexes = await rowsOf<{ name: string; def: string }>(
      db,
      sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'audit_log' and indexname like 'audit_log_search%'`,
    );
    for (const { name } of searchIndexes) await exec(sql`drop index ${sql.identifier(name)}`);
    await exec(sql`insert into audit_log (created_at, user_id, user_name, org_id, org_name, action, entity, entity_id, summary, before, after, ip)
      select now() - (2000000 - g) * interval '30 seconds', d.user_id,
             ${letter(SURNAMES, sql`g * 7`)} || ${letter(GIVEN, sql`g * 13`)} || '（u' || g % 500 || '）', d.org_id, d.org_name,
             d.action, d.entity, d.entity_id,
             regexp_replace(d.summary, '([A-Z]{2})2026[0-9]{8}', '\\1' || lpad(g::text, 12, '0'), 'g'), d.before, d.after, 'city'
        from (select *, row_number() over (order by id) - 1 as k, count(*) over () as n from audit_log) d
        join generate_series(1, 2000000) g on d.k = g % d.n
       order by g`);
    for (const { def } of searchIndexes) await exec(sql.raw(def));
    await vacuumAndAnalyse(db);
    logged = (performance.now() - t2) / 1000;
  }
  // 业务总览 searched by the name of an area whose applications are many but sparse in the list's
  // order: every 200th of the city's, moved into one area. Done to a kept city the first time.
  const [spread] = await rowsOf<{ n: string }>(
    db,
    sql`select count(*)::text as n from applications a join property_areas p on p.id = a.area_id where p.name = ${SPREAD_AREA}`,
  );
  if (Number(spread?.n) === 0) {
    await exec(sql`update applications set area_id = (select id from property_areas where name = ${SPREAD_AREA}) where id % 200 = 0`);
    await vacuumAndAnalyse(db);
  }
  const [count] = await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from house_accounts`);
  // How much of the city the server keeps in its own memory: a list whose rows are read from the
  // operating system's cache instead costs several times the CPU (docs/operations.md).
  const [memory] = onPostgres
    ? await rowsOf<{ buffers: string; size: string }>(
        db,
        sql`select current_setting('shared_buffers') as buffers, pg_size_pretty(pg_database_size(current_database())) as size`,
      )
    : [];
  console.log(
    `${city.engine}: ${count?.n} house accounts; city built in ${built.toFixed(1)} s, lists copied in ${copied.toFixed(1)} s, 系统日志 in ${logged.toFixed(1)} s${memory ? `; shared_buffers ${memory.buffers} for a database of ${memory.size}` : ''}`,
  );

  // Sessions: a few per role, so 50 clients do not all touch one session row.
  let ip = 0;
  const nextIp = () => `10.${(++ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
  const login = async (orgCode: string, username: string): Promise<Headers> => {
    const res = await city.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: nextIp(),
      payload: { orgCode, username, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${orgCode}/${username}: ${res.body}`);
    return { cookie: `wygl_sid=${res.cookies.find((c) => c.name === 'wygl_sid')?.value}`, 'x-csrf-token': res.json().csrfToken };
  };
  const devs = await Promise.all(Array.from({ length: 5 }, () => login('91440703MA4WJM001Q', 'admin')));
  const offices = await Promise.all(Array.from({ length: 5 }, () => login('JMWXZJ', 'admin')));

  const areaIds = (await rowsOf<{ id: string }>(db, sql`select id::text from property_areas where name like '规模%花园' order by id`)).map(
    (r) => Number(r.id),
  );
  const lookups = await rowsOf<{ house_id: string; id_number: string }>(
    db,
    sql`select o.house_id::text, o.id_number from house_owners o join houses h on h.id = o.house_id
         where h.address like '规模路%' and o.id % 997 = 0 limit 500`,
  );
  const areaNames = (
    await rowsOf<{ name: string }>(
      db,
      sql`select name from property_areas where name like '规模%花园' and name <> ${SPREAD_AREA} order by id`,
    )
  ).map((r) => r.name);
  const applicationNos = (await rowsOf<{ no: string }>(db, sql`select no from applications where id % 601 = 0 limit 500`)).map((r) => r.no);
  const auditNumbers = (
    await rowsOf<{ no: string }>(
      db,
      sql`select substring(summary from '[A-Z]{2}[0-9]{12}') as no from audit_log where ip = 'city' and id % 4001 = 0 limit 500`,
    )
  ).map((r) => r.no);
  const auditOrgs = (await rowsOf<{ id: string }>(db, sql`select distinct org_id::text as id from audit_log where org_id is not null`)).map(
    (r) => r.id,
  );
  const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;

  interface Workload {
    name: string;
    request: (i: number) => { method: 'GET' | 'POST'; url: string; headers?: Headers; payload?: unknown; remoteAddress?: string };
  }
  const get = (url: string, headers?: Headers) => ({ method: 'GET' as const, url, headers });
  const q = encodeURIComponent;
  const workloads: Workload[] = [
    { name: '业务总览 page 1', request: (i) => get('/api/office/inbox?pageSize=20', pick(offices, i)) },
    { name: '业务总览 stage 待受理', request: (i) => get('/api/office/inbox?stage=to_accept&pageSize=20', pick(offices, i)) },
    { name: '业务总览 page 20', request: (i) => get('/api/office/inbox?page=20&pageSize=20', pick(offices, i)) },
    { name: 'house list (one area)', request: (i) => get(`/api/areas/${pick(areaIds, i * 7)}/houses?pageSize=20`, pick(devs, i)) },
    {
      name: 'house search, owner name',
      request: (i) =>
        get(
          `/api/areas/${pick(areaIds, i * 7)}/houses?pageSize=20&q=${q(`${pick([...SURNAMES], i)}${pick([...GIVEN], i * 3)}`)}`,
          pick(devs, i),
        ),
    },
    {
      name: 'house search, room',
      request: (i) => get(`/api/areas/${pick(areaIds, i * 7)}/houses?pageSize=20&q=${q(`${1 + (i % 20)}0${1 + (i % 5)}`)}`, pick(devs, i)),
    },
    { name: 'payment notices (developer)', request: (i) => get('/api/notices?pageSize=20', pick(devs, i)) },
    { name: 'payment notices, one area', request: (i) => get(`/api/notices?areaId=${pick(areaIds, i * 3)}&pageSize=20`, pick(offices, i)) },
    {
      name: 'payment notices, search payer',
      request: (i) => get(`/api/notices?q=${q(`业主${1000 + i * 37}`)}&pageSize=20`, pick(offices, i)),
    },
    {
      // Two characters, a name as a clerk types it: no trigram index serves a text this short.
      name: 'payment notices, search two characters',
      request: (i) => get(`/api/notices?q=${q(`${pick([...SURNAMES], i)}${pick([...GIVEN], i * 3)}`)}&pageSize=20`, pick(offices, i)),
    },
    {
      // A clerk looks up a person's name among every office item: few or none hold it.
      name: '业务总览 search two characters',
      request: (i) => get(`/api/office/inbox?q=${q(`${pick([...SURNAMES], i)}${pick([...GIVEN], i * 3)}`)}&pageSize=20`, pick(offices, i)),
    },
    {
      name: '业务总览 search, application number',
      request: (i) => get(`/api/office/inbox?q=${q(pick(applicationNos, i))}&pageSize=20`, pick(offices, i)),
    },
    {
      // An area's name: its few rows are gathered by their ids first, and the page read by them.
      name: '业务总览 search, area name',
      request: (i) => get(`/api/office/inbox?q=${q(pick(areaNames, i * 5))}&pageSize=20`, pick(offices, i)),
    },
    {
      // The name of the area (and its applicant) holding nearly all of the city's applications: too many
      // to look up one by one; their newest are gathered for the page, and they are counted apart.
      name: '业务总览 search, the busiest area',
      request: (i) => get(`/api/office/inbox?q=${q(i % 2 ? '侨城花园' : '侨城')}&pageSize=20`, pick(offices, i)),
    },
    {
      // An area of 1,500 applications spread among the 300,000: many rows, far apart in the list's order.
      name: '业务总览 search, an area of spread rows',
      request: (i) => get(`/api/office/inbox?q=${q(SPREAD_AREA)}&pageSize=20`, pick(offices, i)),
    },
    { name: '系统日志 page 1', request: (i) => get('/api/office/audit?pageSize=20', pick(offices, i)) },
    {
      name: '系统日志, one organisation',
      request: (i) => get(`/api/office/audit?orgId=${pick(auditOrgs, i)}&pageSize=20`, pick(offices, i)),
    },
    {
      name: '系统日志 search, a person (two characters)',
      request: (i) => get(`/api/office/audit?q=${q(`${pick([...SURNAMES], i)}${pick([...GIVEN], i * 3)}`)}&pageSize=20`, pick(offices, i)),
    },
    {
      name: '系统日志 search, a business number',
      request: (i) => get(`/api/office/audit?q=${q(pick(auditNumbers, i))}&pageSize=20`, pick(offices, i)),
    },
    { name: 'project list (office)', request: (i) => get('/api/projects?pageSize=20', pick(offices, i)) },
    {
      name: 'project list, search two characters',
      request: (i) => get(`/api/projects?q=${q(`${pick([...SURNAMES], i)}${pick([...GIVEN], i * 3)}`)}&pageSize=20`, pick(offices, i)),
    },
    { name: 'project list, one area', request: (i) => get(`/api/projects?areaId=${pick(areaIds, i)}&pageSize=20`, pick(offices, i)) },
    {
      name: 'fund lookup (public)',
      request: (i) => {
        const l = pick(lookups, i);
        return {
          method: 'POST',
          url: '/api/public/fund-lookup',
          payload: { houseId: Number(l.house_id), idNumber: l.id_number },
          remoteAddress: nextIp(),
        };
      },
    },
  ];

  // Every statement the app sends through the pool, timed: after each workload the slowest one is
  // EXPLAINed (ANALYZE) on the same data, to show which plan the list runs on.
  type Statement = { text: string; values: unknown[]; ms: number };
  let slowest: Statement | null = null;
  let statements = 0;
  const pool = (db as unknown as { $client?: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  if (onPostgres && pool) {
    const query = pool.query.bind(pool);
    pool.query = async (...args: unknown[]) => {
      statements++;
      const s = performance.now();
      const result = await query(...args);
      const config = args[0] as { text?: string } | string;
      const text = typeof config === 'string' ? config : (config.text ?? '');
      const ms = performance.now() - s;
      if (!slowest || ms > slowest.ms) slowest = { text, values: (args[1] as unknown[]) ?? [], ms };
      return result;
    };
  }
  const plans: string[] = [];
  const explainSlowest = async (name: string) => {
    const st = slowest as Statement | null;
    slowest = null;
    if (!st || !pool || !/^\s*(select|with)/i.test(st.text)) return;
    const res = (await query(`explain (analyze) ${st.text}`, st.values)) as { rows: { 'QUERY PLAN': string }[] };
    const lines = res.rows.map((r) => r['QUERY PLAN']);
    const scans = lines.filter((l) => /Seq Scan|Index|Bitmap|Sort Method|Planning Time|Execution Time/.test(l)).map((l) => l.trim());
    plans.push(
      `${name} — slowest statement ${st.ms.toFixed(0)} ms under load:\n  ${st.text.replace(/\s+/g, ' ').slice(0, 240)}\n  ${scans.join('\n  ')}`,
    );
  };
  const query = async (text: string, values: unknown[]) =>
    (pool as { query: (t: string, v: unknown[]) => Promise<unknown> }).query(text, values);

  // The CPU of this database's PostgreSQL backends, from /proc (PostgreSQL on this machine only), in ms.
  const dbName = onPostgres ? new URL(String(city.handle.pool?.options.connectionString)).pathname.slice(1) : '';
  const backendsCpuMs = async (): Promise<Map<number, number> | null> => {
    if (!onPostgres || !existsSync('/proc/self/stat')) return null;
    const pids = await rowsOf<{ pid: number }>(db, sql`select pid from pg_stat_activity where datname = ${dbName}`);
    statements--;
    const out = new Map<number, number>();
    for (const { pid } of pids) {
      try {
        // utime and stime, fields 14 and 15, counted after the command name's closing parenthesis; 100 ticks a second.
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        out.set(pid, (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        // a backend that ended meanwhile
      }
    }
    return out;
  };

  /**
   * 50 clients, each sending its next request as soon as the last is answered, for `SECONDS`; with
   * what a request cost on average: statements sent, this process's CPU (the app and the clients'
   * inject calls) and the database's backends' CPU.
   */
  const drive = async (w: Workload) => {
    const times: number[] = [];
    let failed = 0;
    let n = 0;
    const pg0 = await backendsCpuMs();
    const statements0 = statements;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          const r = w.request(n++);
          const s = performance.now();
          const res = await city.app.inject({
            method: r.method,
            url: r.url,
            headers: r.headers,
            payload: r.payload as never,
            remoteAddress: r.remoteAddress,
          });
          times.push(performance.now() - s);
          if (res.statusCode !== 200) {
            failed++;
            if (failed === 1) console.log(`${w.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const sent = statements - statements0;
    const pg1 = await backendsCpuMs();
    const pgMs = pg0 && pg1 ? [...pg1].reduce((a, [pid, ms]) => a + ms - (pg0.get(pid) ?? 0), 0) : null;
    times.sort((a, b) => a - b);
    const count = times.length;
    const cost = `${(count / elapsed).toFixed(0)}/s; a request: ${(sent / count).toFixed(1)} statements, node ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms CPU${pgMs === null ? '' : `, PostgreSQL ${(pgMs / count).toFixed(2)} ms CPU`}`;
    return { p95: times[Math.floor(count * 0.95)] ?? 0, count, failed, cost };
  };

  const health: Workload = { name: '/api/health', request: () => get('/api/health') };
  await drive({ ...health }); // warm-up
  const yard = await drive(health);
  const rows: string[][] = [];
  const line = (name: string, goal: number, unit: string, measured: number, extra = '') =>
    rows.push([name, `${goal} ${unit}`, `${measured.toFixed(unit === 's' ? 2 : 0)} ${unit}`, (measured / goal).toFixed(2), extra]);
  line('/api/health (yardstick)', 100, 'ms', yard.p95, `${yard.count} requests, ${yard.cost}`);
  const only = process.env.CITY_WORKLOADS ? new RegExp(process.env.CITY_WORKLOADS) : null;
  for (const w of workloads.filter((w) => !only || only.test(w.name))) {
    await drive({ ...w, name: `${w.name} (warm-up)` }).catch(() => undefined);
    slowest = null;
    const r = await drive(w);
    await explainSlowest(w.name);
    line(
      `${w.name}, p95 at ${CLIENTS} clients`,
      100,
      'ms',
      r.p95,
      `${r.count} requests${r.failed ? `, ${r.failed} failed` : ''}, ${r.cost}; health ${yard.p95.toFixed(0)} ms`,
    );
  }

  // 10,000 one-house notices in one request (自定义交款), and a single one issued meanwhile.
  // A kept city (BENCH_KEEP_DB) is left as it was built, so that runs compare: it issues none.
  if (!city.existed) {
    const lastAreas = areaIds.slice(-Math.ceil(10_000 / PER_AREA));
    const tenThousand = await rowsOf<{ id: string; area_id: string }>(
      db,
      sql`select id::text, area_id::text from houses where area_id = any(${`{${lastAreas.join(',')}}`}::bigint[]) order by id limit 10000`,
    );
    const byArea = new Map<number, number[]>();
    for (const h of tenThousand) byArea.set(Number(h.area_id), [...(byArea.get(Number(h.area_id)) ?? []), Number(h.id)]);
    const dev = devs[0] as Headers;
    const other = devs[1] as Headers;
    const single = areaIds[0] as number;
    const [singleHouse] = await rowsOf<{ id: string }>(
      db,
      sql`select id::text from houses where area_id = ${single} order by id desc limit 1`,
    );
    const tb = performance.now();
    let singleMs = 0;
    const batches = [...byArea].map(([areaId, ids]) =>
      city.app.inject({
        method: 'POST',
        url: '/api/notices/custom',
        headers: dev,
        payload: { areaId, purpose: 'replenish', note: '续筹', rows: ids.map((houseId) => ({ houseId, amount: 12_345 })) },
      }),
    );
    const singleDone = (async () => {
      await new Promise((r) => setTimeout(r, 100));
      const s = performance.now();
      const res = await city.app.inject({
        method: 'POST',
        url: '/api/notices/custom',
        headers: other,
        payload: { areaId: single, purpose: 'other', rows: [{ houseId: Number(singleHouse?.id), amount: 100 }] },
      });
      singleMs = performance.now() - s;
      if (res.statusCode !== 200) throw new Error(res.body);
    })();
    const answers = await Promise.all(batches);
    const batchS = (performance.now() - tb) / 1000;
    await singleDone;
    const issued = answers.reduce((n, a) => {
      if (a.statusCode !== 200) throw new Error(a.body.slice(0, 300));
      return n + a.json().issued.length;
    }, 0);
    line(`${issued.toLocaleString('en')} one-house notices (自定义交款)`, 2, 's', batchS, `${byArea.size} requests side by side`);
    line('a single notice issued meanwhile', 100, 'ms', singleMs, 'another clerk');
  }

  // The embedded server vacuums every six hours (it has no autovacuum), one table at a time, analysing
  // those much written to: how long that takes once a city has been worked on, and the longest a
  // request waits meanwhile (a health check every 50 ms, whose statements queue behind the vacuum's on
  // the one connection).
  let vacuumed = '';
  if (!onPostgres) {
    const tv = performance.now();
    let done = false;
    const vacuum = vacuumAndAnalyseDue(db).finally(() => {
      done = true;
    });
    let longestWait = 0;
    while (!done) {
      const asked = performance.now();
      await city.app.inject({ method: 'GET', url: '/api/health' });
      longestWait = Math.max(longestWait, performance.now() - asked);
      await new Promise((r) => setTimeout(r, 50));
    }
    await vacuum;
    vacuumed = `\nThe embedded server's vacuum of the whole city after the workloads (every six hours): ${((performance.now() - tv) / 1000).toFixed(1)} s; a request waited at most ${longestWait.toFixed(0)} ms meanwhile`;
  }

  const widths = [0, 1, 2, 3, 4].map((c) =>
    Math.max(...[['workload', 'goal', 'measured', 'ratio', 'yardstick / notes'], ...rows].map((r) => (r[c] ?? '').length)),
  );
  const print = (r: string[]) => console.log(`| ${r.map((x, c) => x.padEnd(widths[c] ?? 0)).join(' | ')} |`);
  print(['workload', 'goal', 'measured', 'ratio', 'yardstick / notes']);
  print(widths.map((w) => '-'.repeat(w)));
  for (const r of rows) print(r);
  if (vacuumed) console.log(vacuumed);
  if (plans.length > 0) console.log(`\nPlans (EXPLAIN ANALYZE of each workload's slowest statement, run alone):\n\n${plans.join('\n\n')}`);
} finally {
  await city.close();
}
