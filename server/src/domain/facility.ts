/**
 * Facilities registry rules (SPEC §6, F-30/F-31): where a facility is installed, what a location
 * key looks like on the wire, and when a facility may no longer be deleted.
 */

/** An installation location: the whole area, one building, or one unit of a building. */
export type FacilityLocation =
  | { kind: 'area' }
  | { kind: 'building'; buildingId: number }
  | { kind: 'unit'; buildingId: number; unitId: number };

/** The stored columns (building_id, unit_id) → a location. Both null = shared by the whole area. */
export function locationOf(row: { buildingId: number | null; unitId: number | null }): FacilityLocation {
  if (row.buildingId === null) return { kind: 'area' };
  if (row.unitId === null) return { kind: 'building', buildingId: row.buildingId };
  return { kind: 'unit', buildingId: row.buildingId, unitId: row.unitId };
}

/** Location keys as the tree and the API use them: `area`, `building:12`, `unit:34`. */
export const LOCATION_KEY = /^(area|building:[1-9]\d{0,14}|unit:[1-9]\d{0,14})$/;
export const LOCATION_KEY_RULE = '安装位置须为 area、building:楼幢编号 或 unit:单元编号';

export type LocationKey = { kind: 'area' } | { kind: 'building'; id: number } | { kind: 'unit'; id: number };

export function parseLocationKey(key: string): LocationKey | null {
  if (!LOCATION_KEY.test(key)) return null;
  if (key === 'area') return { kind: 'area' };
  const [kind, id] = key.split(':');
  return { kind: kind as 'building' | 'unit', id: Number(id) };
}

export function locationKeyOf(loc: FacilityLocation): string {
  if (loc.kind === 'area') return 'area';
  return loc.kind === 'building' ? `building:${loc.buildingId}` : `unit:${loc.unitId}`;
}

/** "侨城花园（全区共有）", "侨城花园 1栋", "侨城花园 1栋 2单元". */
export function locationLabel(areaName: string, building: string | null, unit: string | null): string {
  if (!building) return `${areaName}（全区共有）`;
  return unit ? `${areaName} ${building} ${unit}` : `${areaName} ${building}`;
}

/**
 * §7.1 step 3: a project item's default apportionment range is the houses at its facility's
 * location — the area's houses, the building's, or the unit's.
 */
export function defaultRangeOf(areaId: number, loc: FacilityLocation) {
  if (loc.kind === 'area') return { areaId } as const;
  if (loc.kind === 'building') return { areaId, buildingId: loc.buildingId } as const;
  return { areaId, buildingId: loc.buildingId, unitId: loc.unitId } as const;
}

/**
 * F-30: a facility that was ever part of a repair project, or that carries repair records (F-31),
 * is history the owners rely on and may not be deleted. Null = may be deleted.
 */
export function deleteRefusal(use: { projectCount: number; repairRecordCount: number }): string | null {
  if (use.projectCount > 0) return `该设施设备已在 ${use.projectCount} 个维修项目中使用，不能删除`;
  if (use.repairRecordCount > 0) return `该设施设备已有 ${use.repairRecordCount} 条维修记录，不能删除`;
  return null;
}

/** F-30 install date: a real calendar date, not after today. Null = acceptable. */
export function installDateProblem(date: string, today: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '安装日期格式为 YYYY-MM-DD';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) return '安装日期不是有效的日期';
  if (Number(m[1]) < 1950) return '安装日期不能早于 1950 年';
  if (date > today) return '安装日期不能晚于今天';
  return null;
}
