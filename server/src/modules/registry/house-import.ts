import { HOUSE_USES } from '../../domain/deposit-standard.ts';
import {
  type CellError,
  duplicateErrors,
  HOUSE_COLUMNS,
  ID_TYPE_OPTIONS,
  type ParsedHouse,
  parseHouseRow,
  type RawHouseRow,
  SALES,
  YES_NO,
} from '../../domain/house-row.ts';
import { normaliseHeader, readTable, type Table, type TemplateColumn, templateWorkbook, withProblems } from '../../lib/spreadsheet.ts';

export const HOUSE_SHEET = '房屋信息';
export const MAX_IMPORT_ROWS = 50_000;

const NOTES: Partial<Record<(typeof HOUSE_COLUMNS)[number]['key'], string>> = {
  building: '如“1栋”“地下车库”，须与楼幢列表一致，新楼幢导入后在页面补充楼幢信息',
  unit: '无单元的留空',
  floor: '整数，地下层为负数，如 -1',
  room: '同一楼幢同一单元内不能重复',
  buildingArea: '单位平方米，最多 2 位小数',
  innerArea: '单位平方米，最多 2 位小数，不大于建筑面积',
  ownerName: '已售房屋可填写；多个共有人用“；”分隔，证件类型、证件号码、手机号按相同顺序分隔',
  ownerIdNumber: '居民身份证须为 18 位且校验位正确',
};

const LISTS: Partial<Record<(typeof HOUSE_COLUMNS)[number]['key'], readonly string[]>> = {
  use: HOUSE_USES,
  elevator: YES_NO,
  salesStatus: SALES,
  ownerIdType: ID_TYPE_OPTIONS,
};

export const HOUSE_TEMPLATE_COLUMNS: TemplateColumn[] = HOUSE_COLUMNS.map((c) => ({
  title: c.title,
  required: c.required,
  list: LISTS[c.key],
  note: NOTES[c.key],
  width: c.key === 'address' ? 40 : c.key.startsWith('owner') ? 24 : undefined,
}));

export const HOUSE_INSTRUCTIONS = [
  '1. 在“房屋信息”工作表中每行填写一套房屋（含车库、车位），表头不要修改，带 * 的列为必填。',
  '2. 可用 Microsoft Excel、WPS 或 LibreOffice 编辑并保存为 .xlsx；也可保存为 .csv（UTF-8 或 GBK 编码）。',
  '3. 面积以平方米为单位，最多 2 位小数；楼层为整数，地下层填负数。',
  '4. 同一物业区域内“楼幢名称 + 单元 + 房号”不能重复，也不能与已登记的房屋重复。',
  '5. 导入时系统会检查每一行，全部无误后才会导入；有错误时会列出“第 N 行，某列：原因”，并可下载标注了错误的文件。',
];

export function houseTemplate(rows: readonly string[][] = []): Promise<Buffer> {
  return templateWorkbook(HOUSE_SHEET, HOUSE_TEMPLATE_COLUMNS, HOUSE_INSTRUCTIONS, rows);
}

export interface HouseImportResult {
  table: Table;
  houses: { rowNo: number; house: ParsedHouse }[];
  errors: CellError[];
}

/** The reader's cell titles (the template's, normalised) and the row fields they fill. */
const CELL_KEYS = HOUSE_COLUMNS.map((c) => [normaliseHeader(c.title), c.key] as const);

/** the house file read into rows, in the spreadsheet worker. Call it outside any transaction. */
export function readHouseFile(bytes: Uint8Array, fileName: string): Promise<Table> {
  return readTable(bytes, fileName, { sheet: HOUSE_SHEET, columns: HOUSE_COLUMNS, maxRows: MAX_IMPORT_ROWS });
}

/**
 * every row checked, every problem listed at once; `existing` holds the places of houses
 * already registered in the area (duplicates against the registry are errors too).
 */
export function checkHouses(table: Table, existing: ReadonlySet<string>): HouseImportResult {
  if (table.rows.length === 0)
    return { table, houses: [], errors: [{ row: table.headerRow + 1, column: '全部', message: '文件中没有数据行' }] };
  const errors: CellError[] = [];
  const houses: HouseImportResult['houses'] = [];
  for (const r of table.rows) {
    const raw: RawHouseRow = {};
    for (const [title, key] of CELL_KEYS) raw[key] = r.cells[title];
    const parsed = parseHouseRow(raw, r.rowNo);
    errors.push(...parsed.errors);
    if (parsed.house) houses.push({ rowNo: r.rowNo, house: parsed.house });
  }
  errors.push(...duplicateErrors(houses, existing));
  return { table, houses, errors: withProblems(table, errors) };
}
