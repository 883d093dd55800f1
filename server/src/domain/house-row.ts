import { AREA_RULE, formatArea, MAX_AREA_RULE, MAX_HOUSE_AREA, parseArea } from './area.ts';
import { normaliseText } from './cell-text.ts';
import { HOUSE_USES, type HouseUse } from './deposit-standard.ts';
import { ID_CARD_RULE, isValidIdCard } from './id-card.ts';
import { MOBILE_PATTERN } from './contact.ts';

/**
 * the columns of the house import template, in order. `*` marks a required column; `kind` says
 * what a cell may be (text: not a date; id: neither a date nor a number, Excel keeps only 15 digits).
 */
export const HOUSE_COLUMNS = [
  { key: 'building', title: '楼幢名称', required: true, kind: 'text' },
  { key: 'unit', title: '单元', required: false, kind: 'text' },
  { key: 'floor', title: '楼层', required: true, kind: 'number' },
  { key: 'room', title: '房号', required: true, kind: 'text' },
  { key: 'address', title: '坐落', required: true, kind: 'text' },
  { key: 'buildingArea', title: '建筑面积(㎡)', required: true, kind: 'number' },
  { key: 'innerArea', title: '套内面积(㎡)', required: false, kind: 'number' },
  { key: 'use', title: '房屋类型', required: true, kind: 'text' },
  { key: 'elevator', title: '电梯', required: true, kind: 'text' },
  { key: 'salesStatus', title: '销售状态', required: true, kind: 'text' },
  { key: 'ownerName', title: '业主姓名', required: false, kind: 'text' },
  { key: 'ownerIdType', title: '证件类型', required: false, kind: 'text' },
  { key: 'ownerIdNumber', title: '证件号码', required: false, kind: 'id' },
  { key: 'ownerPhone', title: '手机号', required: false, kind: 'text' },
] as const;
export type HouseColumnKey = (typeof HOUSE_COLUMNS)[number]['key'];
export type RawHouseRow = Partial<Record<HouseColumnKey, string>>;

export const ID_TYPE_OPTIONS = [
  '居民身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '外国人永久居留身份证',
  '统一社会信用代码',
] as const;
export type IdType = (typeof ID_TYPE_OPTIONS)[number];
export const YES_NO = ['有', '无'] as const;
export const SALES = ['已售', '未售'] as const;
/** Co-owners share one row: their names, ID types, numbers and phones separated by “；”. */
export const OWNER_SEPARATOR = /[;；]/;

export interface ParsedOwner {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
}

export interface ParsedHouse {
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
  innerArea: number;
  use: HouseUse;
  elevator: boolean;
  salesStatus: 'sold' | 'unsold';
  owners: ParsedOwner[];
}

export interface CellError {
  row: number;
  column: string;
  message: string;
}

const title = (k: HouseColumnKey) => HOUSE_COLUMNS.find((c) => c.key === k)?.title ?? k;

export function checkOwner(o: {
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
}): Partial<Record<'name' | 'idType' | 'idNumber' | 'phone', string>> {
  const e: Partial<Record<'name' | 'idType' | 'idNumber' | 'phone', string>> = {};
  if (!o.name.trim()) e.name = '业主姓名不能为空';
  else if (o.name.trim().length > 50) e.name = '业主姓名不能超过 50 个字符';
  if (!(ID_TYPE_OPTIONS as readonly string[]).includes(o.idType)) e.idType = `证件类型须为：${ID_TYPE_OPTIONS.join('、')}`;
  if (!o.idNumber.trim()) e.idNumber = '证件号码不能为空';
  else if (o.idType === '居民身份证' && !isValidIdCard(o.idNumber)) e.idNumber = ID_CARD_RULE;
  if (o.phone && !MOBILE_PATTERN.test(o.phone.trim())) e.phone = '手机号须为 11 位数字，以 1 开头';
  return e;
}

/**
 * Validates one template row. `rowNo` is the spreadsheet row number the user sees. Returns the
 * parsed house or every problem of the row.
 */
export function parseHouseRow(raw: RawHouseRow, rowNo: number): { house: ParsedHouse | null; errors: CellError[] } {
  const errors: CellError[] = [];
  const err = (k: HouseColumnKey, message: string) => errors.push({ row: rowNo, column: title(k), message });
  // Each cell is put in normal form once; the checks below ask for most of them several times.
  const normal = {} as Record<HouseColumnKey, string>;
  for (const c of HOUSE_COLUMNS) normal[c.key] = normaliseText(raw[c.key] ?? '');
  const v = (k: HouseColumnKey) => normal[k];

  for (const c of HOUSE_COLUMNS) if (c.required && !v(c.key)) err(c.key, '必填');
  if (v('building').length > 50) err('building', '不能超过 50 个字符');
  if (v('unit').length > 20) err('unit', '不能超过 20 个字符');
  if (v('room').length > 20) err('room', '不能超过 20 个字符');
  if (v('address').length > 200) err('address', '不能超过 200 个字符');

  const floor = Number(v('floor'));
  if (v('floor') && (!/^-?\d{1,3}$/.test(v('floor')) || floor === 0)) err('floor', '须为非零整数（地下层为负数）');
  const buildingArea = v('buildingArea') ? parseArea(v('buildingArea')) : null;
  if (v('buildingArea') && (buildingArea === null || buildingArea === 0)) err('buildingArea', AREA_RULE);
  else if (buildingArea && buildingArea > MAX_HOUSE_AREA) err('buildingArea', MAX_AREA_RULE);
  const innerArea = v('innerArea') ? parseArea(v('innerArea')) : 0;
  if (v('innerArea') && innerArea === null) err('innerArea', AREA_RULE);
  else if (innerArea && innerArea > MAX_HOUSE_AREA) err('innerArea', MAX_AREA_RULE);
  else if (buildingArea && innerArea && innerArea > buildingArea) err('innerArea', `不能大于建筑面积 ${formatArea(buildingArea)}`);
  const use = v('use') as HouseUse;
  if (v('use') && !HOUSE_USES.includes(use)) err('use', `房屋类型不存在，须为：${HOUSE_USES.join('、')}`);
  const elevator = v('elevator');
  if (elevator && !['有', '无', '是', '否'].includes(elevator)) err('elevator', '须为“有”或“无”');
  const sales = v('salesStatus');
  if (sales && !SALES.includes(sales as (typeof SALES)[number])) err('salesStatus', '须为“已售”或“未售”');

  const split = (k: HouseColumnKey) =>
    v(k)
      ? v(k)
          .split(OWNER_SEPARATOR)
          .map((s) => s.trim())
      : [];
  const names = split('ownerName');
  const types = split('ownerIdType');
  const numbers = split('ownerIdNumber');
  const phones = split('ownerPhone');
  const owners: ParsedOwner[] = [];
  if (names.length + types.length + numbers.length + phones.length > 0) {
    if (types.length !== names.length || numbers.length !== names.length || (phones.length > 0 && phones.length !== names.length)) {
      err('ownerName', '多个业主用“；”分隔，姓名、证件类型、证件号码（及手机号）的个数须一致');
    } else {
      names.forEach((name, i) => {
        const o = { name, idType: types[i] ?? '', idNumber: (numbers[i] ?? '').toUpperCase(), phone: phones[i] ?? '' };
        const e = checkOwner(o);
        const who = names.length > 1 ? `第 ${i + 1} 位业主：` : '';
        if (e.name) err('ownerName', who + e.name);
        if (e.idType) err('ownerIdType', who + e.idType);
        if (e.idNumber) err('ownerIdNumber', who + e.idNumber);
        if (e.phone) err('ownerPhone', who + e.phone);
        owners.push(o as ParsedOwner);
      });
    }
  }
  if (sales === '未售' && owners.length > 0) err('ownerName', '未售房屋不能填写业主');

  if (errors.length > 0) return { house: null, errors };
  return {
    house: {
      building: v('building'),
      unit: v('unit'),
      floor,
      room: v('room'),
      address: v('address'),
      buildingArea: buildingArea as number,
      innerArea: innerArea ?? 0,
      use,
      elevator: elevator === '有' || elevator === '是',
      salesStatus: sales === '已售' ? 'sold' : 'unsold',
      owners,
    },
    errors,
  };
}

/** Normalised on both sides, so a registry row saved with full-width digits still matches “101”. */
export const housePlaceKey = (h: { building: string; unit: string; room: string }) =>
  `${normaliseText(h.building)}\u0000${normaliseText(h.unit)}\u0000${normaliseText(h.room)}`;

/** a house may appear once in a file; its later rows are errors naming the first. */
export function duplicateErrors(rows: readonly { rowNo: number; house: ParsedHouse }[], existing: ReadonlySet<string>): CellError[] {
  const seen = new Map<string, number>();
  const errors: CellError[] = [];
  for (const { rowNo, house } of rows) {
    const key = housePlaceKey(house);
    const label = `${house.building}${house.unit}${house.room}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ row: rowNo, column: '房号', message: `房屋 ${label} 与第 ${first} 行重复` });
    else if (existing.has(key)) errors.push({ row: rowNo, column: '房号', message: `房屋 ${label} 已在登记系统中存在` });
    else seen.set(key, rowNo);
  }
  return errors;
}
