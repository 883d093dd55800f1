import { and, eq } from 'drizzle-orm';
import { projectItemHouses, projectItems } from '../../db/schema/index.ts';
import { formatArea } from '../../domain/area.ts';
import { formatYuan, parseYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import {
  annotatedWorkbook,
  type CellProblem,
  ImportErrors,
  readTable,
  type TemplateColumn,
  templateWorkbook,
  withProblems,
} from '../../lib/spreadsheet.ts';
import { loadProject, readerActor } from './access.ts';
import { setShares } from './editor.ts';
import { itemHousesPage } from './range.ts';

const SHEET = '分摊清单';
/** A share file holds one row per house of the range; more is not a share file. */
export const MAX_SHARE_ROWS = 50_000;
const COLUMNS: (TemplateColumn & { kind: 'text' | 'number' | 'any' })[] = [
  { title: '房屋编号', required: true, note: '系统编号，请勿修改', kind: 'number' },
  { title: '楼幢', required: false, kind: 'any' },
  { title: '单元', required: false, kind: 'any' },
  { title: '房号', required: false, kind: 'any' },
  { title: '建筑面积(㎡)', required: false, kind: 'any' },
  { title: '分摊金额(元)', required: true, width: 16, kind: 'number' },
];

/** 导出分摊: the item's range as a workbook to fill in (every house, its current share in yuan). */
export async function exportShares(ctx: Ctx, id: number, itemId: number) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, id);
  const [item] = await ctx.db
    .select()
    .from(projectItems)
    .where(and(eq(projectItems.id, itemId), eq(projectItems.projectId, p.id)));
  if (!item) throw notFound('维修设施设备');
  const list = await itemHousesPage(ctx.db, itemId, 1, 1_000_000);
  return templateWorkbook(
    SHEET,
    COLUMNS,
    ['每行一套房屋；只填写“分摊金额(元)”一列，金额最多 2 位小数。', '导入后请点击“分摊合并”，使预算金额等于分摊金额合计。'],
    list.items.map((h) => [
      String(h.houseId),
      h.building,
      h.unit,
      h.room,
      formatArea(h.buildingArea),
      formatYuan(h.share).replaceAll(',', ''),
    ]),
  );
}

/** Every row of a share file checked against the item's range: the rows to save, or every error. */
async function checkShares(ctx: Ctx, id: number, itemId: number, file: { fileName: string; bytes: Uint8Array }) {
  const actor = readerActor(ctx);
  const range = await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id);
    const [item] = await tx
      .select({ id: projectItems.id })
      .from(projectItems)
      .where(and(eq(projectItems.id, itemId), eq(projectItems.projectId, p.id)));
    if (!item) throw notFound('维修设施设备');
    const inRange = await tx
      .select({ houseId: projectItemHouses.houseId })
      .from(projectItemHouses)
      .where(eq(projectItemHouses.itemId, itemId));
    return new Set(inRange.map((h) => h.houseId));
  });
  const table = await readTable(file.bytes, file.fileName, { sheet: SHEET, columns: COLUMNS, maxRows: MAX_SHARE_ROWS });
  const errors: CellProblem[] = [];
  const rows: { houseId: number; share: bigint }[] = [];
  const seen = new Map<number, number>();
  for (const r of table.rows) {
    const idText = r.cells['房屋编号'] ?? '';
    const amountText = r.cells['分摊金额(元)'] ?? '';
    const houseId = /^\d{1,15}$/.test(idText) ? Number(idText) : null;
    const share = parseYuan(amountText);
    const first = houseId === null ? undefined : seen.get(houseId);
    if (houseId === null) errors.push({ row: r.rowNo, column: '房屋编号', message: `房屋编号“${idText}”须为导出文件中的数字编号` });
    else if (first !== undefined) errors.push({ row: r.rowNo, column: '房屋编号', message: `房屋编号 ${houseId} 与第 ${first} 行重复` });
    else if (!range.has(houseId))
      errors.push({ row: r.rowNo, column: '房屋编号', message: `房屋编号 ${houseId} 不在此项的分摊范围内，请先加入分摊范围或删除此行` });
    if (share === null)
      errors.push({
        row: r.rowNo,
        column: '分摊金额(元)',
        message: `分摊金额“${amountText}”须为不小于 0 的金额，最多 2 位小数（千分位逗号可有可无）`,
      });
    if (houseId !== null && share !== null && first === undefined && range.has(houseId)) rows.push({ houseId, share });
    if (houseId !== null && first === undefined) seen.set(houseId, r.rowNo);
  }
  if (table.rows.length === 0) errors.push({ row: table.headerRow + 1, column: '全部', message: '文件中没有数据行' });
  return { table, rows, errors: withProblems(table, errors) };
}

/** 导入分摊: every row checked, every error listed; nothing is written unless the whole file is clean. */
export async function importShares(ctx: Ctx, id: number, itemId: number, file: { fileName: string; bytes: Uint8Array }) {
  const { rows, errors } = await checkShares(ctx, id, itemId, file);
  if (errors.length > 0) throw new ImportErrors(errors);
  return setShares(ctx, id, itemId, rows);
}

/** the share file back with every error cell marked, however many there are. */
export async function annotateShares(ctx: Ctx, id: number, itemId: number, file: { fileName: string; bytes: Uint8Array }) {
  const { table, errors } = await checkShares(ctx, id, itemId, file);
  if (errors.length === 0) throw invalid('file', '文件没有错误，可直接导入');
  return annotatedWorkbook(SHEET, COLUMNS, table, errors);
}
