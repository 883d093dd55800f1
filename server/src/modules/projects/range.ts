import { type SQL, sql } from 'drizzle-orm';
import { bigintArray, type Conn, rowsOf } from '../../db/client.ts';
import { containing } from '../../lib/search.ts';
import { pageWindow } from '../../lib/paging.ts';
import { projectNoticeHouses } from '../../db/schema/index.ts';
import { DEVELOPER_OWNER_KEY, ownerSetKey, type VoteHouse } from '../../domain/vote.ts';

/**
 * The project's whole range (every house of any item) with what the vote and the lists need:
 * building area, the key of its owners' IDs as a set (R-42; the developer's unsold houses share one
 * key) and total share.
 * One query, whatever the size of the range.
 */
export async function projectRange(db: Conn, projectId: number) {
  const rows = await rowsOf<{ house_id: string; area: number; sold: boolean; owner_ids: string | null; share: string }>(
    db,
    sql`select s.house_id::text as house_id, h.building_area as area, h.sales_status = 'sold' as sold,
        (select string_agg(o.id_number, ',') from house_owners o where o.house_id = h.id) as owner_ids,
        sum(s.share)::text as share
      from project_item_houses s join houses h on h.id = s.house_id
      where s.project_id = ${projectId}
      group by s.house_id, h.id order by s.house_id`,
  );
  return rows.map((r) => ({
    houseId: Number(r.house_id),
    area: Number(r.area),
    share: BigInt(r.share),
    ownerKey: r.sold ? ownerSetKey((r.owner_ids ?? '').split(',')) : DEVELOPER_OWNER_KEY,
  }));
}

export type RangeHouse = Awaited<ReturnType<typeof projectRange>>[number];

export const voteHouses = (range: readonly RangeHouse[]): VoteHouse[] =>
  range.map((h) => ({ houseId: String(h.houseId), areaHundredths: h.area, ownerKey: h.ownerKey }));

/** Houses with an amount each: a project's merged shares, or the list a notice kept. */
type ListSource = SQL;

const rangeSource = (projectId: number): ListSource =>
  sql`(select house_id, sum(share) as share from project_item_houses where project_id = ${projectId} group by house_id)`;

const noticeSource = (noticeId: number): ListSource =>
  sql`(select house_id, amount as share from project_notice_houses where notice_id = ${noticeId})`;

/**
 * 合并分摊清册 / 预算清册 / 签字表 rows: a page of houses in the range with their place, owners (the
 * developer for an unsold house) and total share.
 */
export function rangePage(db: Conn, projectId: number, page: number, pageSize: number, q?: string) {
  return listPage(db, rangeSource(projectId), page, pageSize, q);
}

/**
 * A house number as clerks type it — part of 楼幢+单元+房号 (e.g. 2栋1单元101, 101) or of the address —
 * as a condition on `h` (houses), `b` (buildings) and `u` (units). Nothing when no text is given.
 */
function houseNumberMatch(q: string | undefined): SQL {
  if (!q) return sql`true`;
  const pattern = containing(q);
  return sql`((b.name || u.name || h.room) ilike ${pattern} or h.address ilike ${pattern})`;
}

/** The list a notice published (F-41), a page at a time: what was posted, not what the project holds now. */
export function noticeListPage(db: Conn, noticeId: number, page: number, pageSize: number) {
  return listPage(db, noticeSource(noticeId), page, pageSize);
}

/** F-41: keeps a notice's list — each house's current total share, or the given amounts (验收公示's final list). */
export async function keepNoticeList(db: Conn, noticeId: number, projectId: number, amounts?: ReadonlyMap<number, bigint>) {
  if (!amounts) {
    await db.execute(
      sql`insert into project_notice_houses (notice_id, house_id, amount)
        select ${noticeId}, house_id, share from ${rangeSource(projectId)} r`,
    );
    return;
  }
  const rows = [...amounts].map(([houseId, amount]) => ({ noticeId, houseId, amount }));
  for (let i = 0; i < rows.length; i += NOTICE_LIST_CHUNK) {
    await db.insert(projectNoticeHouses).values(rows.slice(i, i + NOTICE_LIST_CHUNK));
  }
}

/** Rows per insert: three parameters each, well under PostgreSQL's 65,535 per statement. */
const NOTICE_LIST_CHUNK = 5000;

async function listPage(db: Conn, source: ListSource, page: number, pageSize: number, q?: string) {
  const slice = pageWindow({ page, pageSize });
  const rows = await rowsOf<{
    house_id: string;
    building: string;
    unit: string;
    room: string;
    address: string;
    area: number;
    owners: string;
    share: string;
  }>(
    db,
    sql`select s.house_id::text as house_id, b.name as building, u.name as unit, h.room, h.address, h.building_area as area,
        -- R-42: the developer owns its unsold houses, and signs for them (as one owner) on the vote sheet.
        case when h.sales_status = 'sold'
          then coalesce((select string_agg(o.name, '、' order by o.id) from house_owners o where o.house_id = h.id), '')
          else coalesce((select d.name || '（开发建设单位，未售）' from property_areas a join organisations d on d.id = a.developer_org_id
            where a.id = h.area_id), '开发建设单位（未售）')
        end as owners,
        s.share::text as share
      from ${source} s join houses h on h.id = s.house_id
      join buildings b on b.id = h.building_id join units u on u.id = h.unit_id
      where ${houseNumberMatch(q)}
      order by s.house_id
      limit ${slice.limit} offset ${slice.offset}`,
  );
  // The area and amount totals are the whole list's; with a search, the count is the matches' (paging).
  const [stats] = await rowsOf<{ n: number; area: string; total: string }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(h.building_area), 0)::text as area, coalesce(sum(s.share), 0)::text as total
      from ${source} s join houses h on h.id = s.house_id`,
  );
  const matched = q ? await matchCount(db, source, q) : Number(stats?.n ?? 0);
  return {
    items: rows.map((r) => ({
      houseId: Number(r.house_id),
      building: r.building,
      unit: r.unit,
      room: r.room,
      address: r.address,
      buildingArea: Number(r.area),
      owners: r.owners,
      share: Number(r.share),
    })),
    total: matched,
    totalArea: Number(stats?.area ?? 0),
    totalShare: Number(stats?.total ?? 0),
  };
}

/** How many houses of a list match a house number search. */
async function matchCount(db: Conn, source: ListSource, q: string) {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${source} s join houses h on h.id = s.house_id
      join buildings b on b.id = h.building_id join units u on u.id = h.unit_id
      where ${houseNumberMatch(q)}`,
  );
  return Number(row?.n ?? 0);
}

/** One item's 房屋分摊列表: a page of its range with each house's share (matching `q`'s house number). */
export async function itemHousesPage(db: Conn, itemId: number, page: number, pageSize: number, q?: string) {
  const slice = pageWindow({ page, pageSize });
  const rows = await rowsOf<{
    house_id: string;
    building: string;
    unit: string;
    room: string;
    address: string;
    area: number;
    share: string;
  }>(
    db,
    sql`select s.house_id::text as house_id, b.name as building, u.name as unit, h.room, h.address, h.building_area as area,
        s.share::text as share
      from project_item_houses s join houses h on h.id = s.house_id
      join buildings b on b.id = h.building_id join units u on u.id = h.unit_id
      where s.item_id = ${itemId} and ${houseNumberMatch(q)} order by s.house_id
      limit ${slice.limit} offset ${slice.offset}`,
  );
  const [stats] = await rowsOf<{ n: number; total: string }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(share), 0)::text as total from project_item_houses where item_id = ${itemId}`,
  );
  const matched = q
    ? await matchCount(db, sql`(select house_id from project_item_houses where item_id = ${itemId})`, q)
    : Number(stats?.n ?? 0);
  return {
    items: rows.map((r) => ({
      houseId: Number(r.house_id),
      building: r.building,
      unit: r.unit,
      room: r.room,
      address: r.address,
      buildingArea: Number(r.area),
      share: Number(r.share),
    })),
    total: matched,
    totalShare: Number(stats?.total ?? 0),
  };
}

/**
 * the live projects whose range holds any of `houseIds` — a project counts from its first
 * notice (or its approval, for one approved without a notice) until it is completed or cancelled,
 * since from then on it may take money from the house or pay 清退 back into it. One query: the few
 * live projects first, then their ranges by the (project_id, house_id) index.
 */
export async function liveProjectsOf(db: Conn, houseIds: readonly number[]) {
  if (houseIds.length === 0) return [];
  const rows = await rowsOf<{ house_id: string; project_id: string; no: string; name: string }>(
    db,
    sql`select distinct s.house_id::text as house_id, p.id::text as project_id, p.no, p.name
      from repair_projects p join project_item_houses s on s.project_id = p.id
      where p.status in ('draft', 'submitted', 'approved')
        and (p.status = 'approved' or exists (select 1 from project_notices n where n.project_id = p.id))
        and s.house_id = any(${bigintArray(houseIds)})
      order by 2, 1`,
  );
  return rows.map((r) => ({ houseId: Number(r.house_id), projectId: Number(r.project_id), no: r.no, name: r.name }));
}
