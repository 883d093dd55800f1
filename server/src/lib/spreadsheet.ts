import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';
import { decodeText, parseCsv } from './csv.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface TableRow {
  /** The row number the user sees in the spreadsheet (header is row 1). */
  rowNo: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

const importError = (message: string) => new AppError(400, 'IMPORT_FILE', message, { file: message });

function isZip(b: Uint8Array) {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Header text as users type it: “建筑面积(㎡)*”, “ 房号 ” → the template's title. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[*＊\s]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(Number(v.toFixed(6)));
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
  }
  return String(v).trim();
}

function toTable(grid: string[][], firstRowNo = 1): Table {
  const headerIndex = grid.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw importError('文件是空的：没有表头和数据行');
  const headers = (grid[headerIndex] as string[]).map((h) => normaliseHeader(h));
  const rows: TableRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const r = grid[i] as string[];
    if (r.every((c) => c.trim() === '')) continue;
    const cells: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) cells[h] = (r[j] ?? '').trim();
    });
    rows.push({ rowNo: i + firstRowNo, cells });
  }
  return { headers, rows };
}

/**
 * R-14: reads .xlsx (Excel, WPS, LibreOffice) or .csv (UTF-8 or GBK) into header-keyed rows.
 * `sheet` picks a worksheet by name in a workbook; otherwise the first one.
 */
export async function readTable(bytes: Uint8Array, fileName: string, sheet?: string): Promise<Table> {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  if (bytes.length === 0) throw importError(`文件“${fileName}”是空文件`);
  if (bytes.length > MAX_IMPORT_BYTES) throw importError(`文件“${fileName}”超过 20M，请分批导入`);
  if (ext === 'csv') return toTable(parseCsv(decodeText(bytes)));
  if (ext === 'xls') throw importError(`不支持旧版 .xls 文件“${fileName}”：请在 Excel 或 WPS 中“另存为” .xlsx 后导入`);
  if (ext !== 'xlsx' || !isZip(bytes)) throw importError(`文件“${fileName}”不是有效的 .xlsx 或 .csv 文件，请使用下载的模板`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw importError(`无法读取文件“${fileName}”：文件已损坏或不是 Excel 文件`);
  }
  const ws = (sheet ? wb.getWorksheet(sheet) : undefined) ?? wb.worksheets.find((w) => w.state !== 'hidden' && w.name !== '填写说明');
  if (!ws) throw importError(`文件“${fileName}”中没有工作表“${sheet ?? ''}”`);
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    grid[n - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return toTable(grid);
}

export interface TemplateColumn {
  title: string;
  required: boolean;
  width?: number;
  /** Values for a drop-down list on this column. */
  list?: readonly string[];
  note?: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

function addDataSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly TemplateColumn[],
  rows: readonly string[][],
  validRows: number,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.required ? `${c.title}*` : c.title,
    width: c.width ?? Math.max(10, c.title.length * 2 + 4),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const r of rows) ws.addRow(r);
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.numFmt = '@';
    if (c.list) {
      const letter = col.letter;
      // One range rule covers every data row instead of one rule per cell.
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${validRows + 1}`,
        {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${c.list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: c.title,
          error: `请从下拉列表中选择：${c.list.join('、')}`,
        },
      );
    }
  });
  return ws;
}

/** A downloadable template: the data sheet with drop-downs, and an instructions sheet. */
export async function templateWorkbook(
  sheet: string,
  columns: readonly TemplateColumn[],
  instructions: readonly string[],
  rows: readonly string[][] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '江门市住宅专项维修资金管理平台';
  addDataSheet(wb, sheet, columns, rows, Math.max(rows.length, 20000));
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 110;
  help.addRow(['填写说明']).font = { bold: true, size: 14 };
  for (const line of instructions) help.addRow([line]);
  help.addRow([]);
  help.addRow(['各列说明（带 * 为必填）']).font = { bold: true };
  for (const c of columns)
    help.addRow([`${c.title}${c.required ? '*' : ''}：${c.note ?? ''}${c.list ? `（可选值：${c.list.join('、')}）` : ''}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** R-14: the user's rows back, each error cell marked red with a comment, and an error column. */
export async function annotatedWorkbook(
  sheet: string,
  columns: readonly TemplateColumn[],
  table: Table,
  errors: readonly { row: number; column: string; message: string }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addDataSheet(
    wb,
    sheet,
    [...columns, { title: '错误说明', required: false, width: 60 }],
    table.rows.map((r) => [
      ...columns.map((c) => r.cells[c.title] ?? ''),
      errors
        .filter((e) => e.row === r.rowNo)
        .map((e) => `${e.column}：${e.message}`)
        .join('；'),
    ]),
    table.rows.length,
  );
  // Every error, file-level ones included, also stands in a list of its own.
  const list = wb.addWorksheet('错误清单');
  list.columns = [
    { header: '行', width: 8 },
    { header: '列', width: 20 },
    { header: '原因', width: 80 },
  ];
  list.getRow(1).font = { bold: true };
  for (const e of errors) list.addRow([e.row, e.column, e.message]);
  const rowIndex = new Map(table.rows.map((r, i) => [r.rowNo, i + 2]));
  for (const e of errors) {
    const r = rowIndex.get(e.row);
    const c = columns.findIndex((col) => col.title === e.column);
    if (r === undefined) continue;
    const cell = ws.getCell(r, c >= 0 ? c + 1 : columns.length + 1);
    cell.fill = ERROR_FILL;
    cell.note = e.message;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
