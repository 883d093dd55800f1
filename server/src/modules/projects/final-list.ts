import type { Conn } from '../../db/client.ts';
import { finalList } from '../../domain/project-debits.ts';
import { projectRange, rangePage } from './range.ts';

/**
 * 决算清册 (F-41 acceptance notice): the settlement over the houses by their budget shares (R-48,
 * R-40 rounding). The whole list is computed — a house's amount depends on every other's remainder.
 */
export async function finalAmounts(db: Conn, projectId: number, settlement: bigint): Promise<Map<number, bigint>> {
  const range = await projectRange(db, projectId);
  const final = finalList(
    range.map((h) => ({ houseId: String(h.houseId), share: h.share })),
    settlement,
  );
  return new Map(final.map((f) => [Number(f.houseId), f.share]));
}

/** One page of the 决算清册 as the project stands now, with the houses' places. */
export async function finalListPage(db: Conn, projectId: number, settlement: bigint, page: number, pageSize: number) {
  const amount = await finalAmounts(db, projectId, settlement);
  const list = await rangePage(db, projectId, page, pageSize);
  return {
    ...list,
    totalShare: Number(settlement),
    items: list.items.map((h) => ({ ...h, share: Number(amount.get(h.houseId) ?? 0n) })),
  };
}
