import type { RegistryHouse } from '../../api/types';
import { parseYuan, plainYuan } from '../../lib/units';
import { CSV_HEADER, type ImportOutcome, importAmountRows, importAmounts } from './customCsv';

/** exceljs is large: loaded only when a workbook is written or read. */
const excel = async () => (await import('exceljs')).default;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 导出 as .xlsx: the picked houses with the amounts entered so far; only the 金额(元) column is to be filled. */
export async function exportAmountsXlsx(houses: readonly RegistryHouse[], amounts: ReadonlyMap<number, string>): Promise<Blob> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('续筹交款');
  ws.columns = [
    { header: CSV_HEADER[0], width: 12 },
    { header: CSV_HEADER[1], width: 14 },
    { header: CSV_HEADER[2], width: 10 },
    { header: CSV_HEADER[3], width: 10 },
    { header: CSV_HEADER[4], width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const h of houses) {
    const fen = parseYuan(amounts.get(h.id) ?? '');
    // The amount as text: no spreadsheet rounding touches it on the way out.
    ws.addRow([h.id, h.building, h.unit, h.room, fen === null ? '' : plainYuan(fen)]);
  }
  ws.getColumn(5).numFmt = '@';
  return new Blob([await wb.xlsx.writeBuffer()], { type: XLSX_TYPE });
}

/** A cell as the text a person typed: numbers as written, formulas by their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'result' in value) return cellText((value as { result: unknown }).result);
  if (typeof value === 'object' && 'richText' in value)
    return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  return String(value);
}

/** 导入: an .xlsx (by its ZIP signature, whatever its name) or a .csv exported earlier. */
export async function importAmountsFile(file: File, houses: readonly RegistryHouse[]): Promise<ImportOutcome> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return importAmounts(new TextDecoder().decode(bytes), houses);
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer);
  } catch {
    return { amounts: new Map(), errors: ['文件不是有效的 Excel 工作簿，请使用“导出”的文件填写'] };
  }
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from({ length: CSV_HEADER.length }, (_, i) => cellText(row.getCell(i + 1).value)));
  });
  return importAmountRows(rows, houses);
}
