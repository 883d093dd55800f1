import { formatArea, formatOptionalArea } from '../../domain/area.ts';
import { type CellError, HOUSE_COLUMNS, type ParsedHouse, parseHouseRow, type RawHouseRow } from '../../domain/house-row.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { normaliseHeader, readTable, templateWorkbook, withProblems } from '../../lib/spreadsheet.ts';
import { HOUSE_INSTRUCTIONS, HOUSE_SHEET, HOUSE_TEMPLATE_COLUMNS, MAX_IMPORT_ROWS } from '../registry/house-import.ts';
import { ImportErrors } from './import.ts';
import { loadApplication, replaceItems } from './service.ts';
import { type HouseSnapshot, itemsOf } from './shared.ts';

/** The column that ties an exported row back to its house, for export → edit → import rounds. */
export const HOUSE_ID_COLUMN = '房屋编号';

export function houseToRow(
  h: Omit<ParsedHouse, 'owners'> & { owners: { name: string; idType: string; idNumber: string; phone: string }[] },
): string[] {
  const raw: Record<(typeof HOUSE_COLUMNS)[number]['key'], string> = {
    building: h.building,
    unit: h.unit,
    floor: String(h.floor),
    room: h.room,
    address: h.address,
    buildingArea: formatArea(h.buildingArea),
    innerArea: formatOptionalArea(h.innerArea),
    use: h.use,
    elevator: h.elevator ? '有' : '无',
    salesStatus: h.salesStatus === 'sold' ? '已售' : '未售',
    ownerName: h.owners.map((o) => o.name).join('；'),
    ownerIdType: h.owners.map((o) => o.idType).join('；'),
    ownerIdNumber: h.owners.map((o) => o.idNumber).join('；'),
    ownerPhone: h.owners.some((o) => o.phone) ? h.owners.map((o) => o.phone).join('；') : '',
  };
  return HOUSE_COLUMNS.map((c) => raw[c.key]);
}

const WITH_ID = [{ title: HOUSE_ID_COLUMN, required: true, note: '系统编号，请勿修改' }, ...HOUSE_TEMPLATE_COLUMNS];

/**
 * F-14 / F-16 批量导出: the picked houses in the import template's layout. House changes carry the
 * house number column so the edited file maps back row by row; split/merge sources come without it,
 * to be edited into the result houses.
 */
export async function exportItems(ctx: Ctx, id: number, kind: string): Promise<Buffer> {
  const actor = requirePermission(ctx, 'registry.edit');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id);
    if (app.type === 'house_change' && kind === 'house') {
      const items = await itemsOf<{ houseId: number; after: Omit<ParsedHouse, 'owners'> }>(tx, app, 'house');
      return templateWorkbook(
        HOUSE_SHEET,
        WITH_ID,
        HOUSE_INSTRUCTIONS,
        items.map((i) => [String(i.data.houseId), ...houseToRow({ ...i.data.after, owners: (i.before as HouseSnapshot).owners })]),
      );
    }
    if (app.type === 'house_split_merge' && kind === 'source') {
      const items = await itemsOf<{ houseId: number }>(tx, app, 'source');
      return templateWorkbook(
        HOUSE_SHEET,
        HOUSE_TEMPLATE_COLUMNS,
        HOUSE_INSTRUCTIONS,
        items.map((i) => houseToRow(i.before as HouseSnapshot)),
      );
    }
    throw invalid('kind', '此业务单没有可导出的明细');
  });
}

/** F-16 批量导入: the edited export back as "after" rows; every row checked, nothing saved on any error. */
export async function importHouseChanges(ctx: Ctx, id: number, file: { fileName: string; bytes: Uint8Array }) {
  const actor = requirePermission(ctx, 'registry.edit');
  const app = await ctx.db.transaction((tx) => loadApplication(tx, actor, id));
  if (app.type !== 'house_change') throw invalid('file', '此类业务单不能批量导入变更');
  // Owners change elsewhere, so their columns are not required here.
  const columns = [
    { title: HOUSE_ID_COLUMN, required: true, kind: 'text' as const },
    ...HOUSE_COLUMNS.map((c) => ({ ...c, required: c.required && !c.key.startsWith('owner') })),
  ];
  const table = await readTable(file.bytes, file.fileName, { sheet: HOUSE_SHEET, columns, maxRows: MAX_IMPORT_ROWS });
  const idTitle = normaliseHeader(HOUSE_ID_COLUMN);
  const byTitle = new Map(HOUSE_COLUMNS.map((c) => [normaliseHeader(c.title), c.key]));
  const errors: CellError[] = [];
  const rows: { houseId: number; after: Omit<ParsedHouse, 'owners'> }[] = [];
  /** House number → the spreadsheet row that first names it. */
  const seen = new Map<number, number>();
  for (const r of table.rows) {
    const raw: RawHouseRow = {};
    for (const [title, value] of Object.entries(r.cells)) {
      const key = byTitle.get(title);
      // Owners change through 房屋权属批量变更, not here.
      if (key && !key.startsWith('owner')) raw[key] = value;
    }
    const houseId = /^\d{1,15}$/.test(r.cells[idTitle] ?? '') ? Number(r.cells[idTitle]) : 0;
    const first = seen.get(houseId);
    if (houseId <= 0) errors.push({ row: r.rowNo, column: HOUSE_ID_COLUMN, message: '房屋编号不正确，请勿修改此列' });
    else if (first !== undefined)
      errors.push({ row: r.rowNo, column: HOUSE_ID_COLUMN, message: `房屋编号 ${houseId} 与第 ${first} 行重复，每套房屋只填一行` });
    else seen.set(houseId, r.rowNo);
    const parsed = parseHouseRow(raw, r.rowNo);
    errors.push(...parsed.errors);
    if (parsed.house) {
      const { owners: _owners, ...after } = parsed.house;
      rows.push({ houseId, after });
    }
  }
  const all = withProblems(table, errors);
  if (all.length > 0) throw new ImportErrors(all);
  return replaceItems(ctx, id, 'house', rows);
}
