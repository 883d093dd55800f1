/**
 * 自定义交款 › 续筹交款 导入 (F-22, R-14): the exported list of picked houses comes back with the
 * amounts filled in. The file is read by the one import reader; the page gets the amounts or the
 * bounded error list, and the whole list as an annotated file.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { houses } from '../../db/schema/index.ts';
import { parseYuan } from '../../domain/money.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';
import { invalid, invalidFields } from '../../lib/errors.ts';
import {
  annotatedWorkbook,
  type CellProblem,
  ImportErrors,
  type ReadColumn,
  readTable,
  type Table,
  type TemplateColumn,
  withProblems,
} from '../../lib/spreadsheet.ts';
import { visibleArea } from '../registry/access.ts';

/** The sheet and columns the page's 导出 writes. */
const SHEET = '续筹交款';
const COLUMNS: (TemplateColumn & ReadColumn)[] = [
  { title: '房屋编号', required: true, kind: 'number' },
  { title: '楼幢', required: false, kind: 'any' },
  { title: '单元', required: false, kind: 'any' },
  { title: '房号', required: false, kind: 'any' },
  { title: '金额(元)', required: true, kind: 'number', width: 14 },
];
/** As many houses as one request for notices may carry. */
export const MAX_CUSTOM_ROWS = 20_000;

export interface AmountsUpload {
  fileName: string;
  bytes: Uint8Array;
  /** `areaId` and `houseIds` (the picked houses, comma-separated), sent before the file. */
  fields: Record<string, string>;
}

function pickedOf(fields: Record<string, string>) {
  const errors: Record<string, string> = {};
  const areaText = fields.areaId?.trim() ?? '';
  const idsText = fields.houseIds?.replace(/\s/g, '') ?? '';
  if (!/^\d{1,15}$/.test(areaText)) errors.areaId = '请选择物业区域';
  if (!/^\d{1,15}(,\d{1,15})*$/.test(idsText)) errors.houseIds = '请先选择房屋，再导入金额';
  const houseIds = [...new Set(idsText.split(',').map(Number))];
  if (!errors.houseIds && houseIds.length > MAX_CUSTOM_ROWS) errors.houseIds = `一次最多选择 ${MAX_CUSTOM_ROWS} 套房屋`;
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return { areaId: Number(areaText), houseIds };
}

/** Every row against the picked houses: the amounts (fen) to fill in, or every error by row and column. */
export function checkAmountRows(table: Pick<Table, 'rows' | 'headerRow'>, picked: ReadonlySet<number>) {
  const errors: CellProblem[] = [];
  const rows: { houseId: number; amount: bigint }[] = [];
  const seen = new Map<number, number>();
  for (const r of table.rows) {
    const idText = r.cells['房屋编号'] ?? '';
    const amountText = r.cells['金额(元)'] ?? '';
    const houseId = /^\d{1,15}$/.test(idText) ? Number(idText) : null;
    const first = houseId === null ? undefined : seen.get(houseId);
    const amount = parseYuan(amountText);
    let ok = true;
    const refuse = (column: string, message: string) => {
      errors.push({ row: r.rowNo, column, message });
      ok = false;
    };
    if (houseId === null || !picked.has(houseId))
      refuse('房屋编号', `房屋编号“${idText}”不是已勾选的房屋；请使用“导出”的文件填写，不要增加或修改房屋`);
    else if (first !== undefined) refuse('房屋编号', `房屋编号 ${houseId} 与第 ${first} 行重复`);
    if (!amountText) refuse('金额(元)', '请填写金额');
    else if (amount === null) refuse('金额(元)', `金额“${amountText}”须为非负金额，最多 2 位小数（千分位逗号可有可无）`);
    else if (amount === 0n) refuse('金额(元)', '金额须大于 0');
    if (houseId !== null && first === undefined) seen.set(houseId, r.rowNo);
    if (ok && houseId !== null && amount !== null) rows.push({ houseId, amount });
  }
  if (table.rows.length === 0) errors.push({ row: table.headerRow + 1, column: '全部', message: '文件中没有房屋行' });
  return { rows, errors };
}

async function checkAmountsFile(ctx: Ctx, upload: AmountsUpload) {
  const actor = requirePermission(ctx, 'payment.notice');
  const { areaId, houseIds } = pickedOf(upload.fields);
  await ctx.db.transaction(async (tx) => {
    await visibleArea(tx, actor, areaId);
    const live = await tx
      .select({ id: houses.id })
      .from(houses)
      .where(and(eq(houses.areaId, areaId), eq(houses.status, 'normal'), inArray(houses.id, houseIds)));
    if (live.length !== houseIds.length) throw invalid('houseIds', '所选房屋不存在、已注销或不属于本物业区域，请重新选择房屋');
  });
  const table = await readTable(upload.bytes, upload.fileName, { sheet: SHEET, columns: COLUMNS, maxRows: MAX_CUSTOM_ROWS });
  const { rows, errors } = checkAmountRows(table, new Set(houseIds));
  return { table, rows, errors: withProblems(table, errors) };
}

/** The amounts of a clean file, in fen; a file with any error gives none. Nothing is written. */
export async function readCustomAmounts(ctx: Ctx, upload: AmountsUpload) {
  const { rows, errors } = await checkAmountsFile(ctx, upload);
  if (errors.length > 0) throw new ImportErrors(errors);
  return { rows: rows.map((r) => ({ houseId: r.houseId, amount: Number(r.amount) })) };
}

/** the file back with every error cell marked, however many there are. */
export async function annotateCustomAmounts(ctx: Ctx, upload: AmountsUpload) {
  const { table, errors } = await checkAmountsFile(ctx, upload);
  if (errors.length === 0) throw invalid('file', '文件没有错误，可直接导入');
  return annotatedWorkbook(SHEET, COLUMNS, table, errors);
}
