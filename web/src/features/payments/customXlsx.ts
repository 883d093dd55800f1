import type { RegistryHouse } from '../../api/types';
import { parseYuan, plainYuan } from '../../lib/units';

/** The columns the server's 续筹交款 import reads back; the sheet name is the one it prefers. */
const COLUMNS = [
  { header: '房屋编号', width: 12 },
  { header: '楼幢', width: 14 },
  { header: '单元', width: 10 },
  { header: '房号', width: 10 },
  { header: '金额(元)', width: 14 },
];

/** exceljs is large: loaded only when a workbook is written. */
const excel = async () => (await import('exceljs')).default;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 导出 as .xlsx: the picked houses with the amounts entered so far; only the 金额(元) column is to be filled. */
export async function exportAmountsXlsx(houses: readonly RegistryHouse[], amounts: ReadonlyMap<number, string>): Promise<Blob> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('续筹交款');
  ws.columns = COLUMNS;
  ws.getRow(1).font = { bold: true };
  for (const h of houses) {
    const fen = parseYuan(amounts.get(h.id) ?? '');
    // The amount as text: no spreadsheet rounding touches it on the way out.
    ws.addRow([h.id, h.building, h.unit, h.room, fen === null ? '' : plainYuan(fen)]);
  }
  ws.getColumn(5).numFmt = '@';
  return new Blob([await wb.xlsx.writeBuffer()], { type: XLSX_TYPE });
}
