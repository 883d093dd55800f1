import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApplicationDetail, ApplicationItem, RegistryHouse } from '../../api/types';
import { fetchHouses } from '../registry/api';
import { fetchAllItems } from './api';
import type { HouseSnapshot } from './forms';

/** A row of a page that picks houses (F-14, F-16, F-17, F-18): the house as the registry has it now. */
export interface Picked {
  house: RegistryHouse;
}

/**
 * The rows after “确定” in the building grid: rows still picked keep their edits and their order,
 * newly picked houses are added at the end.
 */
export function mergePicked<R extends Picked>(rows: readonly R[], houses: readonly RegistryHouse[], make: (h: RegistryHouse) => R): R[] {
  const chosen = new Set(houses.map((h) => h.id));
  const kept = rows.filter((r) => chosen.has(r.house.id));
  const have = new Set(kept.map((r) => r.house.id));
  return [...kept, ...houses.filter((h) => !have.has(h.id)).map(make)];
}

/** The registry rows of the given houses of an area, 200 at a time. */
export async function fetchHousesByIds(areaId: number, ids: readonly number[]): Promise<Map<number, RegistryHouse>> {
  const out = new Map<number, RegistryHouse>();
  for (let i = 0; i < ids.length; i += 200) {
    const part = ids.slice(i, i + 200);
    const page = await fetchHouses(areaId, { ids: part.join(','), page: 1, pageSize: 200 });
    for (const h of page.items) out.set(h.id, h);
  }
  return out;
}

/** A house known only from an application's snapshot (should the registry no longer list it). */
function houseFromSnapshot(s: HouseSnapshot): RegistryHouse {
  return {
    ...s,
    buildingId: 0,
    amountDue: null,
    ownerNames: s.owners.map((o) => o.name).join('、'),
    heldBy: null,
  };
}

/** An application's picked items of one kind, each with its house as the registry has it now. */
export async function loadPickedRows<R>(
  appId: number,
  areaId: number,
  kind: string,
  toRow: (item: ApplicationItem, house: RegistryHouse) => R,
): Promise<R[]> {
  const items = await fetchAllItems(appId, kind);
  const houses = await fetchHousesByIds(
    areaId,
    items.flatMap((i) => (i.houseId ? [i.houseId] : [])),
  );
  return items.map((i) => {
    const house = (i.houseId && houses.get(i.houseId)) || houseFromSnapshot(i.before as HouseSnapshot);
    return toRow(i, house);
  });
}

/**
 * The rows of the application the page was opened with (not of a draft created since, which the
 * page already holds), loaded once.
 */
export function useInitialRows<R>(app: ApplicationDetail | undefined, key: string, load: (app: ApplicationDetail) => Promise<R[]>) {
  const [opened] = useState(app);
  const query = useQuery({
    queryKey: ['initial-rows', opened?.id, key],
    queryFn: () => (opened ? load(opened) : Promise.resolve([])),
    enabled: opened !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  return { rows: opened ? query.data : [], query };
}

/** Loads an application's picked houses of one kind as a page's rows. */
export const pickedRowsLoader =
  <R>(kind: string, toRow: (item: ApplicationItem, house: RegistryHouse) => R) =>
  (app: ApplicationDetail) =>
    loadPickedRows(app.id, app.areaId ?? 0, kind, toRow);
