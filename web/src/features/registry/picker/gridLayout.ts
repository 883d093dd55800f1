import type { RegistryHouse } from '../../../api/types';

/** One floor of the grid: for each unit, its rooms in column order (null where a floor has fewer rooms). */
export interface GridRow {
  floor: number;
  units: (RegistryHouse | null)[][];
}

export interface GridLayout {
  units: { name: string; columns: number }[];
  rows: GridRow[];
  /** House ids in reading order (floors top to bottom, units and rooms left to right): shift-click ranges. */
  order: number[];
  /** Each house's row and column over the whole grid: drag rectangles. */
  position: Map<number, { row: number; col: number }>;
}

const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/**
 * Lays a building's houses out as floors (highest first) × rooms grouped by unit. A room's column
 * is its place among the rooms of its unit on its floor, so rooms 1801…1804 stand above 1701…1704.
 */
export function layoutGrid(houses: readonly RegistryHouse[]): GridLayout {
  const unitNames = [...new Set(houses.map((h) => h.unit))].sort(natural);
  const floors = [...new Set(houses.map((h) => h.floor))].sort((a, b) => b - a);
  const byFloorUnit = new Map<string, RegistryHouse[]>();
  for (const h of houses) {
    const key = `${h.floor}\u0000${h.unit}`;
    const list = byFloorUnit.get(key);
    if (list) list.push(h);
    else byFloorUnit.set(key, [h]);
  }
  for (const list of byFloorUnit.values()) list.sort((a, b) => natural(a.room, b.room));
  const units = unitNames.map((name) => ({
    name,
    columns: Math.max(1, ...floors.map((f) => byFloorUnit.get(`${f}\u0000${name}`)?.length ?? 0)),
  }));

  const order: number[] = [];
  const position = new Map<number, { row: number; col: number }>();
  const rows = floors.map((floor, row) => {
    let offset = 0;
    const cells = units.map((u) => {
      const list = byFloorUnit.get(`${floor}\u0000${u.name}`) ?? [];
      const line = Array.from({ length: u.columns }, (_, i) => list[i] ?? null);
      line.forEach((h, i) => {
        if (!h) return;
        order.push(h.id);
        position.set(h.id, { row, col: offset + i });
      });
      offset += u.columns;
      return line;
    });
    return { floor, units: cells };
  });
  return { units, rows, order, position };
}

/** The ids inside the rectangle spanned by two houses. */
export function idsInRectangle(layout: GridLayout, a: number, b: number): number[] {
  const pa = layout.position.get(a);
  const pb = layout.position.get(b);
  if (!pa || !pb) return [];
  const [r0, r1] = [Math.min(pa.row, pb.row), Math.max(pa.row, pb.row)];
  const [c0, c1] = [Math.min(pa.col, pb.col), Math.max(pa.col, pb.col)];
  const out: number[] = [];
  for (const [id, p] of layout.position) if (p.row >= r0 && p.row <= r1 && p.col >= c0 && p.col <= c1) out.push(id);
  return out;
}

/** The ids between two houses in reading order, both included. */
export function idsInRange(layout: GridLayout, a: number, b: number): number[] {
  const i = layout.order.indexOf(a);
  const j = layout.order.indexOf(b);
  if (i < 0 || j < 0) return [];
  return layout.order.slice(Math.min(i, j), Math.max(i, j) + 1);
}

export const floorLabel = (floor: number) => (floor < 0 ? `地下${-floor}层` : `${floor}层`);
