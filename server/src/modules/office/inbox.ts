import { type SQL, sql } from 'drizzle-orm';
import { cappedCountOf } from '../../db/capped-count.ts';
import { builtOnceRows, type Conn } from '../../db/client.ts';
import {
  INBOX_KIND_LABELS,
  INBOX_KINDS,
  INBOX_STAGE_LABELS,
  INBOX_STAGES,
  type InboxKind,
  type InboxSource,
  type InboxStage,
  stageOf,
  stageTable,
} from '../../domain/inbox.ts';
import { type Ctx, requireAnyPermission } from '../../lib/context.ts';
import { carriedCount, pageShape } from '../../lib/paging.ts';
import { found, foundShape, numberFound, SEARCH_PLACEHOLDERS, searchValues } from '../../lib/search.ts';

export interface InboxQuery {
  page: number;
  pageSize: number;
  kind?: InboxKind;
  stage?: InboxStage;
  areaId?: number;
  orgId?: number;
  /** A business number, or part of the applicant's or the area's name. */
  q?: string;
  from?: Date;
  to?: Date;
}

interface Row {
  source: InboxSource;
  id: number;
  no: string;
  kind: InboxKind;
  status: string;
  at: Date | string;
  org_id: number;
  org_name: string;
  area_id: number | null;
  area_name: string | null;
  amount: string | null;
  parent_id: number | null;
  subject: string | null;
}

/**
 * One table's businesses in the list's shape. `parent_id` is what a row opens within: a request's
 * project, a 退款指令's application. The expressions name the columns the filters apply to, so each
 * filter is applied inside the table's own query, where its indexes can serve it.
 */
interface Branch {
  source: InboxSource;
  select: SQL;
  from: SQL;
  /**
   * The least of `from` that the filters refer to (a search finds the organisation's and area's names
   * by their ids), for choosing the page's rows and counting them: the joins left out are to a parent
   * every row has (a not-null foreign key), so they change no count, and without them the count of the
   * first 10,001 rows reads an index instead of joined rows.
   */
  counted: SQL;
  /** What every listed row of the table satisfies (drafts are the applicant's own). */
  listed: SQL;
  /** The row's id and business number: with `at`, what its place in the list is decided by. */
  id: SQL;
  no: SQL;
  kind: SQL;
  status: SQL;
  at: SQL;
  areaId: SQL;
  orgId: SQL;
  /**
   * The texts a search looks in besides the names of the row's organisation and area: each a
   * column of a table (`text` of `table`), whose rows holding the text are found through the
   * column's search index (`found`) and the listed rows by their ids (`id`): the row's own number,
   * its project's name. The organisation's and area's names are found apart (`namesHolding`).
   */
  texts: { id: SQL; table: string; text: string; number?: true }[];
  /** A new area's name as the row's form gives it, looked in while the row has no area of its own. */
  formAreaName?: SQL;
}

const BRANCHES: Branch[] = [
  {
    source: 'application',
    select: sql`'application' as source, a.id, a.no, a.type as kind, a.status, a.submitted_at as at,
      a.org_id, o.name as org_name, a.area_id, coalesce(ar.name, a.form->'area'->>'name') as area_name,
      null::text as amount, null::int as parent_id, null::text as subject`,
    from: sql`applications a join organisations o on o.id = a.org_id left join property_areas ar on ar.id = a.area_id`,
    counted: sql`applications a`,
    listed: sql`a.status <> 'draft' and a.submitted_at is not null`,
    id: sql`a.id`,
    no: sql`a.no`,
    kind: sql`a.type`,
    status: sql`a.status`,
    at: sql`a.submitted_at`,
    areaId: sql`a.area_id`,
    orgId: sql`a.org_id`,
    texts: [{ id: sql`a.id`, table: 'applications', text: 'no', number: true }],
    formAreaName: sql`(a.form->'area'->>'name')`,
  },
  {
    source: 'project_request',
    select: sql`'project_request' as source, r.id, r.no, case r.kind when 'refund' then 'project_refund' else r.kind end as kind,
      r.status, r.submitted_at as at, p.org_id, o.name as org_name, p.area_id, ar.name as area_name,
      r.amount::text as amount, p.id as parent_id, p.name as subject`,
    from: sql`project_requests r join repair_projects p on p.id = r.project_id join organisations o on o.id = p.org_id
      join property_areas ar on ar.id = p.area_id`,
    counted: sql`project_requests r join repair_projects p on p.id = r.project_id`,
    listed: sql`true`,
    id: sql`r.id`,
    no: sql`r.no`,
    kind: sql`case r.kind when 'refund' then 'project_refund' else r.kind end`,
    status: sql`r.status`,
    at: sql`r.submitted_at`,
    areaId: sql`p.area_id`,
    orgId: sql`p.org_id`,
    texts: [
      { id: sql`r.id`, table: 'project_requests', text: 'no', number: true },
      { id: sql`r.project_id`, table: 'repair_projects', text: 'name' },
    ],
  },
  {
    source: 'refund',
    select: sql`'refund' as source, f.id, f.no, 'house_refund' as kind, f.status, f.created_at as at,
      a.org_id, o.name as org_name, f.area_id, ar.name as area_name, f.amount::text as amount, a.id as parent_id, a.no as subject`,
    from: sql`refunds f join applications a on a.id = f.application_id join organisations o on o.id = a.org_id
      join property_areas ar on ar.id = f.area_id`,
    counted: sql`refunds f join applications a on a.id = f.application_id`,
    listed: sql`true`,
    id: sql`f.id`,
    no: sql`f.no`,
    kind: sql`'house_refund'`,
    status: sql`f.status`,
    at: sql`f.created_at`,
    areaId: sql`f.area_id`,
    orgId: sql`a.org_id`,
    texts: [
      { id: sql`f.id`, table: 'refunds', text: 'no', number: true },
      { id: sql`f.application_id`, table: 'applications', text: 'no', number: true },
    ],
  },
];

/**
 * Which (kind, status) pairs of the table the kind and stage filters let through, as cheap tests:
 * kinds whose statuses are the same are tested together (`kind in (…) and status in (…)`), and a
 * group holding every kind of the table tests the status alone. Null: no row of the table can match.
 * Worked out once for each table, kind and stage (a few dozen): every request of the list asks.
 */
function kindsAndStatuses(b: Branch, q: InboxQuery): SQL | null {
  const key = `${b.source} ${q.kind ?? ''} ${q.stage ?? ''}`;
  let tests = testsOf.get(key);
  if (tests === undefined) {
    tests = kindsAndStatusesOf(b, q);
    testsOf.set(key, tests);
  }
  return tests;
}

const testsOf = new Map<string, SQL | null>();

function kindsAndStatusesOf(b: Branch, q: Pick<InboxQuery, 'kind' | 'stage'>): SQL | null {
  const rules = stageTable().filter((r) => r.source === b.source);
  const pairs = rules.filter((r) => (!q.kind || r.kind === q.kind) && (!q.stage || r.stage === q.stage));
  if (pairs.length === 0) return null;
  const statusesOf = new Map<string, string[]>();
  for (const r of pairs) statusesOf.set(r.kind, [...(statusesOf.get(r.kind) ?? []), r.status]);
  const groups = new Map<string, { kinds: string[]; statuses: string[] }>();
  for (const [kind, statuses] of statusesOf) {
    const key = [...statuses].sort().join(',');
    const group = groups.get(key) ?? { kinds: [], statuses };
    group.kinds.push(kind);
    groups.set(key, group);
  }
  const allKinds = new Set(rules.map((r) => r.kind)).size;
  const list = (values: string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const tests = [...groups.values()].map(({ kinds, statuses }) =>
    kinds.length === allKinds
      ? sql`${b.status} in (${list(statuses)})`
      : sql`(${b.kind} in (${list(kinds)}) and ${b.status} in (${list(statuses)}))`,
  );
  return sql`(${sql.join(tests, sql` or `)})`;
}

/**
 * What a search's text finds by the names of organisations and areas. `orgs` and `areas`: the ids of
 * the organisations and areas themselves, or null for none. `rows`: each table's listed rows of them, as
 * array literals ('{3,5}'); when a table has more than `NAMED_ROWS` (an applicant of 100,000
 * applications), only each table's newest up to the page's end (`newestOnly`), which the page cannot
 * count; null when the page reaches past `NAMED_ROWS` rows.
 */
interface NamesFound {
  orgs: string | null;
  areas: string | null;
  rows: Record<InboxSource, string> | null;
  newestOnly: boolean;
}

const NO_NAMES: NamesFound = {
  orgs: null,
  areas: null,
  rows: { application: '{}', project_request: '{}', refund: '{}' },
  newestOnly: false,
};

/** The organisations and areas a search found, their rows read and counted by the organisations' and areas' ids. */
const byIds = ({ orgs, areas }: Pick<NamesFound, 'orgs' | 'areas'>): NamesFound => ({ orgs, areas, rows: null, newestOnly: false });

/** How many of a table's rows a search may find by names and still look them up by their ids. */
export const NAMED_ROWS = 1000;

/**
 * What the table's rows must be to be listed under the query's filters but its text, or null when no
 * row of it can match (a kind or stage it does not have).
 */
function filtered(b: Branch, q: InboxQuery): SQL[] | null {
  const listedAs = kindsAndStatuses(b, q);
  if (!listedAs) return null;
  const parts: SQL[] = [b.listed, listedAs];
  if (q.areaId) parts.push(sql`${b.areaId} = ${sql.placeholder('area')}`);
  if (q.orgId) parts.push(sql`${b.orgId} = ${sql.placeholder('org')}`);
  if (q.from) parts.push(sql`${b.at} >= ${sql.placeholder('from')}::timestamptz`);
  if (q.to) parts.push(sql`${b.at} < ${sql.placeholder('to')}::timestamptz`);
  return parts;
}

/** The table's conditions for the query, or null when no row of it can match (a kind or stage it does not have). */
function conditions(b: Branch, q: InboxQuery, names: NamesFound): SQL | null {
  const parts = filtered(b, q);
  if (!parts) return null;
  if (q.q) {
    // Each way of holding the text is one an index serves. The rows holding it in a text of their
    // own (a number) are found first, by that text's search index: the planner cannot tell how few
    // they are, and walked the whole list's order for a number held by one application. Those whose
    // organisation's or area's name holds it are the rows `namesHolding` gathered, by their ids (of
    // many, only the newest the page needs); counted when there are many, or for a page past
    // `NAMED_ROWS` rows, by the organisations' and areas' ids, in a plan made for them.
    const ways = b.texts.map(({ id, table, text }) => sql`${id} = any(array(select f.id from ${sql.identifier(foundIn(table, text))} f))`);
    if (b.formAreaName) ways.push(sql`(${b.areaId} is null and ${found(b.formAreaName, q.q, SEARCH_PLACEHOLDERS)})`);
    if (names.rows) {
      ways.push(sql`${b.id} = any(${sql.placeholder(`named_${b.source}`)}::bigint[])`);
    } else {
      if (names.orgs) ways.push(sql`${b.orgId} = any(${sql.placeholder('orgs')}::bigint[])`);
      if (names.areas) ways.push(sql`${b.areaId} = any(${sql.placeholder('areas')}::bigint[])`);
    }
    parts.push(sql`(${sql.join(ways, sql` or `)})`);
  }
  return sql.join(parts, sql` and `);
}

/** The name of the common table of the rows of `table` whose column `text` holds the search's text. */
const foundIn = (table: string, text: string) => `found_${table}_${text}`;

/**
 * The common tables `conditions` reads a search's matches from: each table's rows whose column holds
 * the text, found once through the column's search index for the page and its count alike (a number
 * held by one application cost 6 ms to find among 300,000 that share its first characters).
 */
function foundSets(parts: readonly { b: Branch }[], text: string): SQL {
  const sets = new Map<string, SQL>();
  for (const { b } of parts)
    for (const { table, text: column, number } of b.texts) {
      const holds = (number ? numberFound : found)(sql`x.${sql.identifier(column)}`, text, SEARCH_PLACEHOLDERS);
      sets.set(
        foundIn(table, column),
        sql`${sql.identifier(foundIn(table, column))} as materialized (select x.id from ${sql.identifier(table)} x where ${holds})`,
      );
    }
  return sql.join([...sets.values()], sql`, `);
}

/** The values of `conditions`' placeholders. */
const filterValues = (q: InboxQuery, names: NamesFound) => ({
  area: q.areaId,
  org: q.orgId,
  from: q.from?.toISOString(),
  to: q.to?.toISOString(),
  ...(q.q ? searchValues(q.q) : {}),
  ...(names.rows
    ? Object.fromEntries(Object.entries(names.rows).map(([source, list]) => [`named_${source}`, list]))
    : { orgs: names.orgs ?? undefined, areas: names.areas ?? undefined }),
});

/** What changes the text of `conditions` of what a search found by names: their rows' ids are values. */
const namesShape = (names: NamesFound) => (names.rows ? '' : `${names.orgs ? ' orgs' : ''}${names.areas ? ' areas' : ''}`);

/** What changes the text of `conditions`: the kind and stage, and which filters are given. */
const filterShape = (q: InboxQuery) =>
  [
    q.kind ?? '',
    q.stage ?? '',
    q.areaId ? 'area' : '',
    q.orgId ? 'org' : '',
    q.from ? 'from' : '',
    q.to ? 'to' : '',
    q.q ? `text${foundShape(q.q)}` : '',
  ].join(' ');

/**
 * The organisations and areas whose names hold the query's text (a few hundred rows each, read
 * whole), then, if any, each table's rows of them that its filters list, newest first, up to
 * `NAMED_ROWS` and a row more. Found apart, so the statement that lists the rows knows which it looks
 * for: by their ids, with the plan it keeps for any text. When a table has more, only each table's
 * newest up to the page's end are needed for the page (`newestOnly`); a page past `NAMED_ROWS` rows is
 * planned for the organisations and areas. The rows are gathered by a statement planned for the
 * organisations and areas found: only the planner knows whether an area has 20 applications or
 * 100,000, and whether to walk the list's order or its index, and a plan kept for any would read one
 * of them wrongly.
 */
async function namesHolding(db: Conn, q: InboxQuery & { q: string }, upTo: number): Promise<NamesFound> {
  const ids = (table: string) =>
    sql`array_to_string(array(select x.id from ${sql.identifier(table)} x where ${found(sql`x.name`, q.q, SEARCH_PLACEHOLDERS)} order by x.id), ',')`;
  const [names] = await builtOnceRows<{ orgs: string; areas: string }>(
    db,
    `inbox names${foundShape(q.q)}`,
    () => sql`select ${ids('organisations')} as orgs, ${ids('property_areas')} as areas`,
    searchValues(q.q),
  );
  const literal = (list: string | undefined) => (list ? `{${list}}` : null);
  const orgs = literal(names?.orgs);
  const areas = literal(names?.areas);
  if (!orgs && !areas) return NO_NAMES;
  const ofNamed = (b: Branch) =>
    sql.join(
      [
        ...(orgs ? [sql`${b.orgId} = any(${sql.placeholder('orgs')}::bigint[])`] : []),
        ...(areas ? [sql`${b.areaId} = any(${sql.placeholder('areas')}::bigint[])`] : []),
      ],
      sql` or `,
    );
  const rowsOfNamed = BRANCHES.map((b) => {
    const where = filtered(b, q);
    const rows = where
      ? sql`array(select ${b.id} from ${b.counted} where ${sql.join(where, sql` and `)} and (${ofNamed(b)})
          order by ${b.at} desc, ${b.no} desc limit ${sql.raw(String(NAMED_ROWS + 1))})`
      : sql`'{}'::bigint[]`;
    return sql`array_to_string(${rows}, ',') as ${sql.identifier(b.source)}`;
  });
  const [row] = await builtOnceRows<Record<InboxSource, string>>(
    db,
    { planned: `inbox named rows ${filterShape({ ...q, q: undefined })}${namesShape(byIds({ orgs, areas }))}` },
    () => sql`select ${sql.join(rowsOfNamed, sql`, `)}`,
    filterValues(q, byIds({ orgs, areas })),
  );
  const lists = BRANCHES.map((b) => [b.source, (row?.[b.source] ?? '').split(',').filter(Boolean)] as const);
  const many = lists.some(([, list]) => list.length > NAMED_ROWS);
  if (many && upTo > NAMED_ROWS) return byIds({ orgs, areas });
  const kept = (list: readonly string[]) => `{${(many ? list.slice(0, upTo) : list).join(',')}}`;
  return {
    orgs,
    areas,
    rows: Object.fromEntries(lists.map(([source, list]) => [source, kept(list)])) as NamesFound['rows'],
    newestOnly: many,
  };
}

/**
 * F-60 业务总览: every business the office follows, newest first, filtered by kind, stage, area,
 * organisation, text and date. Each table gives at most the rows up to the page's end, newest first
 * by its own index, and the page is taken from their union.
 */
export async function officeInbox(ctx: Ctx, q: InboxQuery) {
  requireAnyPermission(ctx, 'office.accept', 'office.review');
  // The window as `pageShape` writes it (the first page's size, a later page's bound, as literals): with
  // the capped count's literal limit, PostgreSQL plans any page once per connection. The statement is
  // built once for its shape (`builtOnce`): the filters' values are placeholders.
  const page = pageShape(q);
  const names = q.q ? await namesHolding(ctx.db, { ...q, q: q.q }, page.upToRows) : NO_NAMES;
  const partsFor = (found: NamesFound) =>
    BRANCHES.flatMap((b) => {
      const where = conditions(b, q, found);
      return where ? [{ b, where }] : [];
    });
  const parts = partsFor(names);
  if (parts.length === 0) return { items: [], total: 0 };
  const filters = filterValues(q, names);
  const values = { ...filters, ...page.values };
  // The rows counted: when the page reads only the newest of many rows found by names, they are
  // counted by their organisations and areas, in a statement planned for them.
  const countedNames = names.newestOnly ? byIds(names) : names;
  const countedParts = names.newestOnly ? partsFor(countedNames) : parts;
  const countedFilters = filterValues(q, countedNames);
  // Each table counted only up to the cap: the total past it is "more than", never a scan of every row.
  const counted = () =>
    sql.join(
      countedParts.map(({ b, where }) => cappedCountOf(sql`${b.counted} where ${where}`)),
      sql` + `,
    );
  const shape = `inbox ${filterShape(q)}${namesShape(names)}`;
  const countedShape = `inbox ${filterShape(q)}${namesShape(countedNames)}`;
  // A statement that reads rows by the organisations' and areas' ids is planned for them each time,
  // not prepared (`{ planned }`): whether walking the list's order or gathering their rows through the
  // indexes is quicker depends on how many they have (an applicant of 100,000 applications, or 20).
  // Any other has its matches found first (`foundSets`, `namesHolding`), and one plan serves every text.
  const named = (found: NamesFound, name: string) => (found.rows ? name : { planned: name });
  const counts = carriedCount(counted(), countedFilters, countedShape, { apart: names.newestOnly });
  // The page's rows are chosen first by what orders them alone (each table's newest by its own
  // index, up to the page's end); only the chosen are joined to their organisation and area. Joined
  // before the choice, a later page joined every row up to its end (page 20: 514 rows for 20).
  // The page carries its total: one statement. Prepared: the filters give a bounded set of statement
  // texts (the values are parameters), and planning the union of three tables cost more than running
  // its first page.
  const rows = await builtOnceRows<Row & { total: string | null }>(
    ctx.db,
    named(names, `${shape} ${page.shape}${counts.carried ? '' : ' uncounted'}`),
    () => {
      const sourceOf = (b: Branch) => sql.raw(`'${b.source}'`);
      const searched = q.q ? sql`${foundSets(parts, q.q)}, ` : sql``;
      const keys = sql.join(
        parts.map(
          ({ b, where }) =>
            sql`(select ${sourceOf(b)} as source, ${b.id} as id, ${b.no} as no, ${b.at} as at from ${b.counted}
              where ${where} order by ${b.at} desc, ${b.no} desc limit ${page.upTo})`,
        ),
        sql` union all `,
      );
      const details = sql.join(
        parts.map(
          ({ b }) =>
            sql`(select ${b.select} from ${b.from} where ${b.id} = any(array(select c.id from chosen c where c.source = ${sourceOf(b)})))`,
        ),
        sql` union all `,
      );
      return sql`with ${searched}chosen as materialized (select k.* from (${keys}) as k order by k.at desc, k.no desc ${page.limit})
        select x.*, ${counts.column} as total from (${details}) as x order by x.at desc, x.no desc`;
    },
    values,
  );
  const total = await counts.total(rows, q, async () => {
    const [alone] = await builtOnceRows<{ n: string }>(
      ctx.db,
      named(countedNames, `${countedShape} counted`),
      () => sql`${q.q ? sql`with ${foundSets(countedParts, q.q)} ` : sql``}select (${counted()})::text as n`,
      countedFilters,
    );
    return Number(alone?.n ?? 0);
  });
  return {
    items: rows.map((r) => {
      const stage = stageOf(r.source, r.kind, r.status) as InboxStage;
      return {
        key: `${r.source}-${r.id}`,
        source: r.source,
        id: Number(r.id),
        no: r.no,
        kind: r.kind,
        kindLabel: INBOX_KIND_LABELS[r.kind],
        stage,
        stageLabel: INBOX_STAGE_LABELS[stage],
        at: new Date(r.at),
        orgId: Number(r.org_id),
        orgName: r.org_name,
        areaId: r.area_id === null ? null : Number(r.area_id),
        areaName: r.area_name,
        amount: r.amount === null ? null : Number(r.amount),
        parentId: r.parent_id === null ? null : Number(r.parent_id),
        subject: r.subject,
      };
    }),
    ...total,
  };
}

/** The list's filters with their Chinese names. */
export function inboxOptions(ctx: Ctx) {
  requireAnyPermission(ctx, 'office.accept', 'office.review');
  return {
    kinds: INBOX_KINDS.map((value) => ({ value, label: INBOX_KIND_LABELS[value] })),
    stages: INBOX_STAGES.map((value) => ({ value, label: INBOX_STAGE_LABELS[value] })),
  };
}
