import { and, eq, inArray } from 'drizzle-orm';
import type { Conn, Tx } from '../../db/client.ts';
import { buildings, houseAccounts, houseHistory, houseOwners, houses, ledgerAccounts, units } from '../../db/schema/index.ts';
import { amountDue, rateFor, type StandardRow } from '../../domain/deposit-standard.ts';
import { housePlaceKey, type ParsedHouse, type ParsedOwner } from '../../domain/house-row.ts';
import { businessDay } from '../../lib/clock.ts';

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

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
  const ids: number[] = [];
  for (const part of chunks(list)) {
    const values = part.map((h) => {
      const buildingId = buildingOf(h);
      const { owners: _owners, building: _b, unit, ...rest } = h;
      return {
        ...rest,
        areaId,
        buildingId,
        unitId: unitIds.get(`${buildingId}/${unit}`) as number,
        createdAt: from.at,
        updatedAt: from.at,
      };
    });
    const rows = await tx.insert(houses).values(values).returning({ id: houses.id, unitId: houses.unitId, room: houses.room });
    const byPlace = new Map(rows.map((r) => [`${r.unitId}/${r.room}`, r.id]));
    const partIds = values.map((v) => byPlace.get(`${v.unitId}/${v.room}`) as number);
    ids.push(...partIds);

    const owners = part.flatMap((h, i) => h.owners.map((o) => ({ ...o, houseId: partIds[i] as number, createdAt: from.at })));
    for (const op of chunks(owners)) await tx.insert(houseOwners).values(op);

    await tx.insert(houseAccounts).values(
      part.map((h, i) => {
        const rate = rateFor(standards, h.use, h.elevator, dayIso);
        if (!rate) throw new Error(`no deposit standard in force on ${dayIso}`);
        return {
          houseId: partIds[i] as number,
          amountDue: amountDue(h.buildingArea, rate),
          openedAt: from.at,
          openedByApplicationId: from.applicationId,
        };
      }),
    );
    await tx.insert(ledgerAccounts).values(
      part.map((h, i) => ({
        kind: 'house' as const,
        houseId: partIds[i] as number,
        name: `${h.building}${h.unit}${h.room}`,
        createdAt: from.at,
      })),
    );
    await tx.insert(houseHistory).values(
      part.map((h, i) => ({
        houseId: partIds[i] as number,
        applicationId: from.applicationId,
        applicationNo: from.applicationNo,
        kind: from.kind,
        summary: from.summary,
        after: { building: h.building, unit: h.unit, room: h.room, buildingArea: h.buildingArea, use: h.use },
        at: from.at,
      })),
    );
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
