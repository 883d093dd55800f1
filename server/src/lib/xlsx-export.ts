import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** A new workbook. exceljs loads on the first spreadsheet, not with the server: it is the biggest part of a start's code. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Money in an exported sheet: a number of yuan, shown with thousands separators and two decimals. */
export const YUAN_FORMAT = '#,##0.00';

export interface ExportColumn<T> {
  header: string;
  width?: number;
  /** The value is an amount in fen: written as a yuan number (never text), formatted as money. */
  fen?: boolean;
  /** The value is an area in 0.01 m²: written as a number of m² with two decimals. */
  area?: boolean;
  value: (row: T) => string | number | null;
}

/**
 * One list as a worksheet, the way clerks use it in Excel: bold headers, money as numbers, and an
 * optional bold 合计 row. Amounts are integer fen in the system; Excel keeps them as yuan numbers.
 */
export async function listWorkbook<T>(
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: readonly T[],
  total?: Partial<Record<number, string | number>>,
): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? 14,
    style: c.fen ? { numFmt: YUAN_FORMAT } : c.area ? { numFmt: '0.00' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  const cell = (c: ExportColumn<T>, v: string | number | null) => ((c.fen || c.area) && typeof v === 'number' ? v / 100 : v);
  for (const r of rows) ws.addRow(columns.map((c) => cell(c, c.value(r))));
  if (total) ws.addRow(columns.map((c, i) => (i in total ? cell(c, total[i] ?? null) : null))).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Content-Disposition for a download named in Chinese (RFC 5987). */
export function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sendXlsx(reply: FastifyReply, name: string, body: Buffer) {
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(name)).send(body);
}
