import { parseYuan, plainYuan } from '../../../lib/units';
import type { ProjectDetail } from '../api';
import { fenOf } from '../money';

/** One 维修设施设备 row as typed in the page: money stays text until it is sent. */
export interface ItemDraft {
  /** Saved items carry their id; a new one gets a temporary key until 保存. */
  id?: number;
  key: string;
  facilityId: number;
  facilityName: string;
  facilityType: string;
  locationLabel: string;
  /** The facility's building (null for one shared by the whole area): the 楼盘表 opens on it. */
  buildingId: number | null;
  content: string;
  contractor: string;
  remark: string;
  budget: string;
  houseCount?: number;
  shareTotal?: number;
}

export interface PhaseDraft {
  key: string;
  amount: string;
  condition: string;
}

export const itemDrafts = (d: ProjectDetail): ItemDraft[] =>
  d.items.map((i) => ({
    id: i.id,
    key: `item-${i.id}`,
    facilityId: i.facilityId,
    facilityName: i.facilityName,
    facilityType: i.facilityType,
    locationLabel: i.locationLabel,
    buildingId: i.buildingId,
    content: i.content,
    contractor: i.contractor,
    remark: i.remark,
    budget: plainYuan(i.budget),
    houseCount: i.houseCount,
    shareTotal: i.shareTotal,
  }));

export const phaseDrafts = (d: ProjectDetail): PhaseDraft[] =>
  d.phases.map((p) => ({ key: `phase-${p.id}`, amount: plainYuan(p.amount), condition: p.condition }));

export const itemsBody = (items: ItemDraft[]) => ({
  items: items.map((i) => ({
    id: i.id,
    facilityId: i.facilityId,
    content: i.content,
    contractor: i.contractor,
    remark: i.remark,
    budget: fenOf(i.budget),
  })),
});

export const planBody = (phases: PhaseDraft[]) => ({
  phases: phases.map((p) => ({ amount: fenOf(p.amount), condition: p.condition })),
});

/** The first problem of the typed rows, naming the row and the field, or null. */
export function draftProblem(items: ItemDraft[], phases: PhaseDraft[] | null): string | null {
  for (const [n, i] of items.entries()) {
    if (!i.content.trim()) return `维修设施设备第 ${n + 1} 项（${i.facilityName}）：请填写维修内容`;
    if (parseYuan(i.budget.trim() || '0') === null) {
      return `维修设施设备第 ${n + 1} 项（${i.facilityName}）：预算金额须为非负金额，最多 2 位小数`;
    }
  }
  for (const [n, p] of (phases ?? []).entries()) {
    if ((parseYuan(p.amount) ?? 0) <= 0) return `拨付计划第 ${n + 1} 期：本期拨付金额须为大于 0 的金额，最多 2 位小数`;
  }
  return null;
}

export const sumFen = (values: string[]) => values.reduce((a, v) => a + fenOf(v), 0);

/**
 * 分摊合并's body: the shares typed into each item's house list and not saved yet, as fen; null
 * when one of them is not an amount (the page then asks for it to be corrected first).
 */
export function typedBody(
  typed: ReadonlyMap<number, ReadonlyMap<number, string>>,
): { itemId: number; rows: { houseId: number; share: number }[] }[] | null {
  const items: { itemId: number; rows: { houseId: number; share: number }[] }[] = [];
  for (const [itemId, houses] of typed) {
    const rows: { houseId: number; share: number }[] = [];
    for (const [houseId, text] of houses) {
      const share = parseYuan(text);
      if (share === null) return null;
      rows.push({ houseId, share });
    }
    if (rows.length > 0) items.push({ itemId, rows });
  }
  return items;
}
