import type { RegistryHouse } from '../../../api/types';

/** What colours a cell of the building grid (F-10). */
export type HouseState = 'sold' | 'unsold' | 'cancelled' | 'held';

export const STATE_LABELS: Record<HouseState, string> = { sold: '已售', unsold: '未售', cancelled: '已注销', held: '办理中' };
export const STATE_ORDER: HouseState[] = ['sold', 'unsold', 'held', 'cancelled'];

/** `ownNo`: the application being edited — its own claims (after a rejection) do not count as held. */
export function houseState(h: RegistryHouse, ownNo?: string): HouseState {
  if (h.status === 'cancelled') return 'cancelled';
  if (h.heldBy && h.heldBy !== ownNo) return 'held';
  return h.salesStatus;
}

/** Why a house cannot be picked for a workflow that changes it, or null when it can. */
export function whyNotSelectable(h: RegistryHouse, ownNo?: string): string | null {
  if (h.status === 'cancelled') return '已注销的房屋不能选择';
  if (h.heldBy && h.heldBy !== ownNo) return `正由业务单 ${h.heldBy} 办理中，不能选择（须待其办结或撤回）`;
  return null;
}

export type SelectabilityRule = (h: RegistryHouse) => string | null;
