import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultRangeOf,
  deleteRefusal,
  installDateProblem,
  locationKeyOf,
  locationLabel,
  locationOf,
  parseLocationKey,
} from './facility.ts';

describe('§6 facility locations and deletion', () => {
  it('F-30 reads the stored columns as the area, a building or a unit', () => {
    expect(locationOf({ buildingId: null, unitId: null })).toEqual({ kind: 'area' });
    expect(locationOf({ buildingId: 3, unitId: null })).toEqual({ kind: 'building', buildingId: 3 });
    expect(locationOf({ buildingId: 3, unitId: 9 })).toEqual({ kind: 'unit', buildingId: 3, unitId: 9 });
  });

  it('F-30 round-trips location keys and refuses anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (b, u) => {
        expect(parseLocationKey(locationKeyOf({ kind: 'building', buildingId: b }))).toEqual({ kind: 'building', id: b });
        expect(parseLocationKey(locationKeyOf({ kind: 'unit', buildingId: b, unitId: u }))).toEqual({ kind: 'unit', id: u });
      }),
    );
    expect(parseLocationKey('area')).toEqual({ kind: 'area' });
    expect(locationKeyOf({ kind: 'area' })).toBe('area');
    for (const bad of ['', 'building:', 'building:0', 'unit:-1', 'floor:2', 'area:1', 'building:1;drop'])
      expect(parseLocationKey(bad)).toBeNull();
  });

  it('F-30 defaults a project item’s apportionment range to the houses at its facility’s location', () => {
    expect(defaultRangeOf(1, { kind: 'area' })).toStrictEqual({ areaId: 1 });
    expect(defaultRangeOf(1, { kind: 'building', buildingId: 2 })).toStrictEqual({ areaId: 1, buildingId: 2 });
    expect(defaultRangeOf(1, { kind: 'unit', buildingId: 2, unitId: 5 })).toEqual({ areaId: 1, buildingId: 2, unitId: 5 });
  });

  it('F-30 refuses to delete a facility used in a project or carrying repair records (F-31)', () => {
    expect(deleteRefusal({ projectCount: 0, repairRecordCount: 0 })).toBeNull();
    expect(deleteRefusal({ projectCount: 2, repairRecordCount: 0 })).toContain('2 个维修项目');
    expect(deleteRefusal({ projectCount: 0, repairRecordCount: 1 })).toContain('1 条维修记录');
  });

  it('F-30 accepts a real install date up to today only', () => {
    expect(installDateProblem('2016-06-30', '2026-11-22')).toBeNull();
    expect(installDateProblem('2026-11-22', '2026-11-22')).toBeNull();
    expect(installDateProblem('2026-11-23', '2026-11-22')).toContain('不能晚于今天');
    expect(installDateProblem('2023-02-29', '2026-11-22')).toContain('不是有效的日期');
    expect(installDateProblem('2023/02/01', '2026-11-22')).toContain('YYYY-MM-DD');
    expect(installDateProblem('1900-01-01', '2026-11-22')).toContain('1950');
  });

  it('F-30 the install date: exactly YYYY-MM-DD, 1950 itself allowed', () => {
    expect(installDateProblem('1950-01-01', '2026-11-22')).toBeNull();
    expect(installDateProblem('1949-12-31', '2026-11-22')).toBe('安装日期不能早于 1950 年');
    expect(installDateProblem('x2016-06-30', '2026-11-22')).toBe('安装日期格式为 YYYY-MM-DD');
    expect(installDateProblem('2016-06-30x', '2026-11-22')).toBe('安装日期格式为 YYYY-MM-DD');
  });

  it('F-30 labels a location by area, building and unit', () => {
    expect(locationLabel('侨城花园', null, null)).toBe('侨城花园（全区共有）');
    expect(locationLabel('侨城花园', '1栋', null)).toBe('侨城花园 1栋');
    expect(locationLabel('侨城花园', '1栋', '2单元')).toBe('侨城花园 1栋 2单元');
  });
});
