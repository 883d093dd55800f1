import { formatArea, formatOptionalArea } from '../../lib/units';
import { SALES_LABELS, yesNo } from '../registry/enums';
import type { BuildingAfter, HouseFields, OwnerInput, RefundAccount } from './forms';

/**
 * One field of a before/after comparison: `value` is compared to find what changed, `text` is
 * what the screen and the printed form show. Defined once for tables, review and print.
 */
export interface FieldDef<T> {
  key: string;
  title: string;
  value: (row: T) => string | number | boolean;
  text?: (row: T) => string;
  width?: number;
}

export const fieldText = <T>(f: FieldDef<T>, row: T) => (f.text ? f.text(row) : String(f.value(row)));

export const HOUSE_FIELDS: FieldDef<HouseFields>[] = [
  { key: 'building', title: '楼幢名称', value: (h) => h.building, width: 90 },
  { key: 'unit', title: '单元', value: (h) => h.unit, width: 70 },
  { key: 'floor', title: '楼层', value: (h) => h.floor, width: 56 },
  { key: 'room', title: '房号', value: (h) => h.room, width: 70 },
  { key: 'address', title: '地址', value: (h) => h.address, width: 220 },
  { key: 'buildingArea', title: '建筑面积(㎡)', value: (h) => h.buildingArea, text: (h) => formatArea(h.buildingArea), width: 100 },
  { key: 'innerArea', title: '套内面积(㎡)', value: (h) => h.innerArea, text: (h) => formatOptionalArea(h.innerArea), width: 100 },
  { key: 'use', title: '房屋类型', value: (h) => h.use, width: 80 },
  { key: 'elevator', title: '电梯', value: (h) => h.elevator, text: (h) => yesNo(h.elevator), width: 56 },
  { key: 'salesStatus', title: '销售状态', value: (h) => h.salesStatus, text: (h) => SALES_LABELS[h.salesStatus], width: 80 },
];

/** The registry fields of a house, taken from any richer shape (a registry row, a snapshot). */
export function houseFieldsOf(h: HouseFields): HouseFields {
  return {
    building: h.building,
    unit: h.unit,
    floor: h.floor,
    room: h.room,
    address: h.address,
    buildingArea: h.buildingArea,
    innerArea: h.innerArea,
    use: h.use,
    elevator: h.elevator,
    salesStatus: h.salesStatus,
  };
}

export function buildingFields(areaName: (id: number) => string): FieldDef<BuildingAfter>[] {
  return [
    { key: 'name', title: '楼幢名称', value: (b) => b.name, width: 100 },
    { key: 'areaId', title: '物业区域', value: (b) => b.areaId, text: (b) => areaName(b.areaId), width: 120 },
    { key: 'builtYear', title: '建成年代', value: (b) => b.builtYear, width: 80 },
    { key: 'structure', title: '建筑结构', value: (b) => b.structure, width: 140 },
    { key: 'floorsAbove', title: '地上层数', value: (b) => b.floorsAbove, width: 80 },
    { key: 'floorsBelow', title: '地下层数', value: (b) => b.floorsBelow, width: 80 },
    { key: 'elevator', title: '电梯', value: (b) => b.elevator, text: (b) => yesNo(b.elevator), width: 56 },
  ];
}

export const ownerText = (o: OwnerInput) => `${o.name}（${o.idType} ${o.idNumber}${o.phone ? `，${o.phone}` : ''}）`;
export const ownersText = (owners: readonly OwnerInput[]) => (owners.length ? owners.map(ownerText).join('；') : '无');

export const OWNERS_FIELD: FieldDef<{ owners: OwnerInput[] }> = {
  key: 'owners',
  title: '业主',
  value: (r) => JSON.stringify(r.owners.map((o) => [o.name, o.idType, o.idNumber.toUpperCase(), o.phone])),
  text: (r) => ownersText(r.owners),
  width: 420,
};

export const refundText = (a: RefundAccount | null | undefined) => (a ? `${a.accountName}，${a.bank}，${a.accountNo}` : '未填写');
