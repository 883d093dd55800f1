import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Conn, rowsOf, type Tx } from '../../db/client.ts';
import { buildings, houses, units } from '../../db/schema/index.ts';
import { amountDue, rateFor, type StandardRow } from '../../domain/deposit-standard.ts';
import { housePlaceKey, type ParsedHouse, type ParsedOwner } from '../../domain/house-row.ts';
import { businessDay } from '../../lib/clock.ts';

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;
/** Houses per statement in `insertHouses`: one JSON parameter, so bounded only to keep each document small. */
const HOUSE_CHUNK = 5000;

export interface NewBuilding {
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  builtYear: number;
  structure: (typeof buildings.$inferInsert)['structure'];
  elevator: boolean;
}

export type NewOwner = ParsedOwner;

export interface NewHouse extends ParsedHouse {
  depositTiming: string;
}

export interface Provenance {
  at: Date;
  applicationId: number | null;
  applicationNo: string;
  kind: string;
  summary: string;
}

export function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export async function insertBuildings(tx: Tx, areaId: number, list: readonly NewBuilding[], at: Date): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(list)) {
    const rows = await tx
      .insert(buildings)
      .values(part.map((b) => ({ ...b, areaId, createdAt: at })))
      .returning({ id: buildings.id, name: buildings.name });
    for (const r of rows) ids.set(r.name, r.id);
  }
  return ids;
}

/** Finds or creates the units named by `pairs` (building id, unit name); returns "buildingId/unit" → id. */
export async function ensureUnits(tx: Tx, pairs: readonly { buildingId: number; name: string }[]): Promise<Map<string, number>> {
  const key = (b: number, n: string) => `${b}/${n}`;
  const wanted = new Map(pairs.map((p) => [key(p.buildingId, p.name), p]));
  const ids = new Map<string, number>();
  const buildingIds = [...new Set(pairs.map((p) => p.buildingId))];
  for (const part of chunks(buildingIds)) {
    const rows = await tx.select().from(units).where(inArray(units.buildingId, part));
    for (const u of rows) ids.set(key(u.buildingId, u.name), u.id);
  }
  const missing = [...wanted.entries()].filter(([k]) => !ids.has(k)).map(([, p]) => p);
  for (const part of chunks(missing)) {
    const rows = await tx.insert(units).values(part).returning();
    for (const u of rows) ids.set(key(u.buildingId, u.name), u.id);
  }
  return ids;
}

/**
 * Creates houses with their owners, opens one fund account (分户账 and its ledger account) each with its amount due (§5), and
 * writes each house's first history row — in set-based batches, never a query per house.
 * Returns the new house ids in input order.
 */
export async function insertHouses(
  tx: Tx,
  areaId: number,
  buildingIds: ReadonlyMap<string, number>,
  list: readonly NewHouse[],
  standards: readonly StandardRow[],
  from: Provenance,
): Promise<number[]> {
  const buildingOf = (h: NewHouse) => {
    const id = buildingIds.get(h.building);
    if (id === undefined) throw new Error(`building ${h.building} not in area ${areaId}`);
    return id;
  };
  const unitIds = await ensureUnits(
    tx,
    list.map((h) => ({ buildingId: buildingOf(h), name: h.unit })),
  );
  const day = businessDay(from.at);
  const dayIso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
  const at = from.at.toISOString();
  const ids: number[] = [];
  for (const part of chunks(list, HOUSE_CHUNK)) {
    // Each house as one JSON record: the statement takes three parameters however many houses,
    // and the database, not the query builder, turns them into rows.
    const rows = part.map((h, n) => {
      const buildingId = buildingOf(h);
      const rate = rateFor(standards, h.use, h.elevator, dayIso);
      if (!rate) throw new Error(`no deposit standard in force on ${dayIso}`);
      return {
        n,
        building_id: buildingId,
        unit_id: unitIds.get(`${buildingId}/${h.unit}`) as number,
        floor: h.floor,
        room: h.room,
        address: h.address,
        building_area: h.buildingArea,
        inner_area: h.innerArea,
        use: h.use,
        elevator: h.elevator,
        sales_status: h.salesStatus,
        deposit_timing: h.depositTiming,
        amount_due: String(amountDue(h.buildingArea, rate)),
        account_name: `${h.building}${h.unit}${h.room}`,
        after: { building: h.building, unit: h.unit, room: h.room, buildingArea: h.buildingArea, use: h.use },
        owners: h.owners.map((o) => ({ name: o.name, id_type: o.idType, id_number: o.idNumber, phone: o.phone })),
      };
    });
    // One statement a chunk: the houses with their owners, fund accounts (分户账), ledger accounts and
    // first history rows.
    const made = await rowsOf<{ id: string }>(
      tx,
      sql`with m as materialized (
          -- Each house's id drawn from the table's own identity sequence in input order, so every
          -- row below refers to it directly, without joining the inserted houses back.
          select s.*, nextval(pg_get_serial_sequence('houses', 'id')) as house_id
            from (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(n int, building_id bigint, unit_id bigint,
              floor int, room text, address text, building_area int, inner_area int, use text, elevator boolean,
              sales_status text, deposit_timing text, amount_due bigint, account_name text, after jsonb, owners jsonb) order by n) s
        ), h as (
          insert into houses (id, area_id, building_id, unit_id, floor, room, address, building_area, inner_area, use,
                              elevator, sales_status, deposit_timing, created_at, updated_at)
          overriding system value
          select house_id, ${areaId}, building_id, unit_id, floor, room, address, building_area, inner_area, use, elevator,
                 sales_status, deposit_timing, ${at}::timestamptz, ${at}::timestamptz
            from m order by n
        ), o as (
          insert into house_owners (house_id, name, id_type, id_number, phone, created_at)
          select m.house_id, x.o->>'name', x.o->>'id_type', x.o->>'id_number', x.o->>'phone', ${at}::timestamptz
            from m cross join lateral jsonb_array_elements(m.owners) with ordinality as x(o, k)
           order by m.n, x.k
        ), a as (
          insert into house_accounts (house_id, amount_due, opened_at, opened_by_application_id)
          select house_id, amount_due, ${at}::timestamptz, ${from.applicationId}::bigint from m order by n
        ), l as (
          insert into ledger_accounts (kind, house_id, name, created_at)
          select 'house', house_id, account_name, ${at}::timestamptz from m order by n
        ), hh as (
          insert into house_history (house_id, application_id, application_no, kind, summary, after, created_at)
          select house_id, ${from.applicationId}::bigint, ${from.applicationNo}, ${from.kind}, ${from.summary}, after, ${at}::timestamptz
            from m order by n
        )
        select house_id::text as id from m order by n`,
    );
    if (made.length !== part.length) throw new Error(`insertHouses: ${made.length} of ${part.length} houses made`);
    ids.push(...made.map((r) => Number(r.id)));
  }
  return ids;
}

/** Live houses of an area keyed by their place, to refuse duplicates against the registry. */
export async function livePlaces(tx: Conn, areaId: number): Promise<Set<string>> {
  const rows = await tx
    .select({ building: buildings.name, unit: units.name, room: houses.room })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(units, eq(units.id, houses.unitId))
    .where(and(eq(houses.areaId, areaId), eq(houses.status, 'normal')));
  return new Set(rows.map(housePlaceKey));
}
