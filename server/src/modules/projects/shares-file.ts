import { and, eq } from 'drizzle-orm';
import { projectItems } from '../../db/schema/index.ts';
import { formatArea } from '../../domain/area.ts';
import { formatYuan, parseYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { readTable, type TemplateColumn, templateWorkbook } from '../../lib/spreadsheet.ts';
import { ImportErrors } from '../applications/import.ts';
import { loadProject, readerActor } from './access.ts';
import { setShares } from './editor.ts';
import { itemHousesPage } from './range.ts';

const SHEET = '分摊清单';
const COLUMNS: TemplateColumn[] = [
  { title: '房屋编号', required: true, note: '系统编号，请勿修改' },
  { title: '楼幢', required: false },
  { title: '单元', required: false },
  { title: '房号', required: false },
  { title: '建筑面积(㎡)', required: false },
  { title: '分摊金额(元)', required: true, width: 16 },
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

/** 导入分摊: every row checked, every error listed at once; nothing is written unless the whole file is clean. */
export async function importShares(ctx: Ctx, id: number, itemId: number, file: { fileName: string; bytes: Uint8Array }) {
  const table = await readTable(file.bytes, file.fileName, SHEET);
  const errors: { row: number; column: string; message: string }[] = [];
  const rows: { houseId: number; share: bigint }[] = [];
  const seen = new Set<number>();
  for (const r of table.rows) {
    const idText = r.cells['房屋编号'] ?? '';
    const amountText = r.cells['分摊金额(元)'] ?? '';
    const houseId = /^\d{1,15}$/.test(idText) ? Number(idText) : null;
    const share = parseYuan(amountText);
    if (houseId === null) errors.push({ row: r.rowNo, column: '房屋编号', message: '房屋编号须为导出文件中的数字编号' });
    else if (seen.has(houseId)) errors.push({ row: r.rowNo, column: '房屋编号', message: '同一房屋在文件中出现多次' });
    if (share === null) errors.push({ row: r.rowNo, column: '分摊金额(元)', message: '分摊金额须为不小于 0 的金额，最多 2 位小数' });
    if (houseId !== null && share !== null && !seen.has(houseId)) rows.push({ houseId, share });
    if (houseId !== null) seen.add(houseId);
  }
  if (errors.length > 0) throw new ImportErrors(errors);
  return setShares(ctx, id, itemId, rows);
}
