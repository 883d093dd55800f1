import type { Conn } from '../../db/client.ts';
import { finalList } from '../../domain/project-debits.ts';
import { projectRange, rangePage } from './range.ts';

/**
 * 决算清册 (F-41 acceptance notice): the settlement over the houses by their budget shares (R-48,
 * R-40 rounding). The whole list is computed — a house's amount depends on every other's remainder —
 * and one page of it is returned with the houses' places.
 */
export async function finalListPage(db: Conn, projectId: number, settlement: bigint, page: number, pageSize: number) {
  const range = await projectRange(db, projectId);
  const final = finalList(
    range.map((h) => ({ houseId: String(h.houseId), share: h.share })),
    settlement,
  );
  const amount = new Map(final.map((f) => [Number(f.houseId), f.share]));
  const list = await rangePage(db, projectId, page, pageSize);
  return {
    ...list,
    totalShare: Number(settlement),
    items: list.items.map((h) => ({ ...h, share: Number(amount.get(h.houseId) ?? 0n) })),
  };
}
