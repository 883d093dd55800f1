/**
 * R-14: the one reader behind every import. Streams .xlsx (Excel, WPS, LibreOffice) sheet by sheet and
 * stops at the row limit and at an unpacked-size limit; reads .csv (UTF-8 with or without BOM, or GBK).
 * Every cell passes one normal form, and the kind of cell it was (a date, a number) is checked against
 * what its column holds. Runs inside the spreadsheet worker, so nothing here may touch the database.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { CONTROL_CHAR_RULE, hasControlChar, normaliseText } from '../domain/cell-text.ts';
import { decodeText, parseCsv } from './csv.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** What a 50,000-row template unpacks to is far less; more is a bomb or not an import file. */
export const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;
/** A title or notes above the header are allowed in the first rows. */
export const HEADER_SCAN_ROWS = 10;
const NON_DATA_SHEETS = new Set(['填写说明', '错误清单']);

/**
 * text: identifiers and words (a date typed here is refused); id: ID numbers (a number is refused
 * too, Excel keeps only 15 digits); number: figures (a date is refused); any: taken as shown.
 */
export type ColumnKind = 'text' | 'id' | 'number' | 'any';
export interface ReadColumn {
  title: string;
  required: boolean;
  kind?: ColumnKind;
}
export interface ReadSpec {
  /** The template's sheet name, preferred over other visible sheets. */
  sheet: string;
  columns: readonly ReadColumn[];
  maxRows: number;
}
export interface CellProblem {
  row: number;
  column: string;
  message: string;
}
export interface TableRow {
  /** The row number the user sees in the spreadsheet. */
  rowNo: number;
  cells: Record<string, string>;
}
export interface Table {
  sheet: string;
  headerRow: number;
  headers: string[];
  rows: TableRow[];
  /** Cells the reader refused (a date in a text column, a numeric ID, a control character…). */
  problems: CellProblem[];
}

/** A refusal, plain data so it crosses the worker boundary: a file-level message or cell errors. */
export type ReadFailure = { kind: 'file'; message: string } | { kind: 'cells'; errors: CellProblem[] };
export class ReadRefused extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.kind === 'file' ? failure.message : (failure.errors[0]?.message ?? ''));
  }
}
const fileError = (message: string) => new ReadRefused({ kind: 'file', message });
const cellsError = (errors: CellProblem[]) => new ReadRefused({ kind: 'cells', errors });

/** Header text as users type it: “建筑面积(㎡)*”, “ 房号 ” → the template's title. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[*＊\s\u200b-\u200d\ufeff]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

const headerKey = (h: string) => normaliseHeader(normaliseText(h));

type Kind = 'text' | 'number' | 'date' | 'error';
interface Cell {
  text: string;
  kind: Kind;
}
const EMPTY: Cell = { text: '', kind: 'text' };

/** A number format that shows a date or time: y/m/d/h/s outside quoted text and [colour] sections. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare);
}

const isoDate = (d: Date) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10));
const numberText = (n: number) => String(Number(n.toFixed(6)));

function cellOf(value: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { text: numberText(value), kind: 'number' };
  if (typeof value === 'string') return { text: value, kind: 'text' };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', kind: 'text' };
  if (value instanceof Date) return { text: isoDate(value), kind: 'date' };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), kind: 'text' };
    if ('error' in value) return { text: String(value.error), kind: 'error' };
    if ('formula' in value || 'sharedFormula' in value) {
      // A formula is its cached result; none (or "") is an empty cell, not “[object Object]”.
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null || result === '') return EMPTY;
      if (typeof result === 'number') {
        if (Number.isNaN(result)) return { text: '#VALUE!', kind: 'error' };
        if (isDateFormat(numFmt)) return { text: isoDate(excelDate(result)), kind: 'date' };
        return { text: numberText(result), kind: 'number' };
      }
      return cellOf(result as ExcelJS.CellValue, numFmt);
    }
    if ('text' in value) return { text: String((value as { text: unknown }).text), kind: 'text' };
  }
  return { text: String(value), kind: 'text' };
}

/** Excel's serial day number (1900 system) to a date. */
const excelDate = (serial: number) => new Date(Math.round((serial - 25569) * 86_400_000));

/** What a cell of this column may not be; null when the cell is fine. */
function cellProblem(cell: Cell, raw: string, kind: ColumnKind): string | null {
  if (cell.kind === 'error') return `公式结果为错误值 ${cell.text}，请改正公式或直接填写内容`;
  if (hasControlChar(raw)) return CONTROL_CHAR_RULE;
  if (cell.kind === 'date' && kind !== 'any') return `内容被表格软件识别成了日期（${cell.text}），请把此列设置为“文本”格式后重新填写`;
  if (cell.kind === 'number' && kind === 'id') return '证件号码被存成了数字，末几位可能已丢失；请把此列设置为“文本”格式后重新填写完整号码';
  return null;
}

/** Turns the sheet's rows into header-keyed rows: header search, empty rows skipped, row limit. */
class SheetCollector {
  headerRow = 0;
  headers: string[] = [];
  rows: TableRow[] = [];
  problems: CellProblem[] = [];
  /** The first rows as read, kept to find the header and to say what was seen when it is missing. */
  private seen: { rowNo: number; titles: string[] }[] = [];
  private readonly required: string[];
  private readonly kinds: Map<string, ColumnKind>;
  private readonly titles: Map<string, string>;
  /** Header as matched (full-width, ㎡ or m2 alike) → the template's title, which keys the cells. */
  private readonly canonical: Map<string, string>;

  constructor(
    readonly name: string,
    private readonly spec: ReadSpec,
  ) {
    this.required = spec.columns.filter((c) => c.required).map((c) => headerKey(c.title));
    this.kinds = new Map(spec.columns.map((c) => [normaliseHeader(c.title), c.kind ?? 'any']));
    this.titles = new Map(spec.columns.map((c) => [normaliseHeader(c.title), c.title]));
    this.canonical = new Map(spec.columns.map((c) => [headerKey(c.title), normaliseHeader(c.title)]));
  }

  get found() {
    return this.headerRow > 0;
  }
  /** Still looking for the header within the first rows. */
  get searching() {
    return !this.found && this.seen.length < HEADER_SCAN_ROWS;
  }

  /** One physical row; returns false once the header could not be found in time. */
  add(rowNo: number, cells: Cell[], raws: string[]): void {
    if (!this.found) {
      if (cells.every((c) => c.text.trim() === '')) return;
      const titles = cells.map((c) => headerKey(c.text));
      this.seen.push({ rowNo, titles });
      if (this.required.every((r) => titles.includes(r))) {
        this.headerRow = rowNo;
        this.headers = titles.map((t) => this.canonical.get(t) ?? t);
      }
      return;
    }
    const texts = cells.map((c) => normaliseText(c.text));
    if (texts.every((t) => t === '')) return;
    if (this.rows.length >= this.spec.maxRows)
      throw cellsError([{ row: 1, column: '全部', message: `一次最多导入 ${this.spec.maxRows} 行，请分批导入` }]);
    const row: Record<string, string> = {};
    this.headers.forEach((h, j) => {
      if (!h) return;
      const cell = cells[j] ?? EMPTY;
      row[h] = texts[j] ?? '';
      const problem = cellProblem(cell, raws[j] ?? '', this.kinds.get(h) ?? 'any');
      if (problem) this.problems.push({ row: rowNo, column: this.titles.get(h) ?? h, message: problem });
    });
    this.rows.push({ rowNo, cells: row });
  }

  /** The one “缺少列” error: which required columns, and where the header was looked for. */
  missing(): CellProblem {
    const best = [...this.seen].sort(
      (a, b) => this.required.filter((r) => b.titles.includes(r)).length - this.required.filter((r) => a.titles.includes(r)).length,
    )[0];
    const absent = this.spec.columns.filter((c) => c.required && !best?.titles.includes(headerKey(c.title)));
    const where = `在工作表“${this.name}”的前 ${HEADER_SCAN_ROWS} 行中没有找到含有这些列的表头`;
    return {
      row: best?.rowNo ?? 1,
      column: absent.map((c) => c.title).join('、'),
      message: `缺少必填列：${where}${best ? `（第 ${best.rowNo} 行最接近）` : ''}，请使用下载的模板，不要修改表头`,
    };
  }

  table(): Table {
    return { sheet: this.name, headerRow: this.headerRow, headers: this.headers, rows: this.rows, problems: this.problems };
  }
}

function readCsv(bytes: Uint8Array, spec: ReadSpec): Table {
  const grid = parseCsv(decodeText(bytes));
  if (grid.every((r) => r.every((c) => c.trim() === ''))) throw fileError('文件是空的：没有表头和数据行');
  const sheet = new SheetCollector('CSV', spec);
  grid.forEach((r, i) => {
    if (sheet.found || sheet.searching)
      sheet.add(
        i + 1,
        r.map((text) => ({ text, kind: 'text' })),
        r,
      );
  });
  if (!sheet.found) throw cellsError([sheet.missing()]);
  return sheet.table();
}

// --- .xlsx ---------------------------------------------------------------------------------------

/** A part of the zip as its central directory lists it; sizes it declares are never trusted. */
interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  /** Where its compressed bytes start, and how many the directory says there are. */
  start: number;
  length: number;
}

/** The zip's central directory: entry names and where their bytes lie, without unpacking anything. */
function zipEntries(b: Uint8Array): ZipEntry[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(p + 28, true);
    const local = view.getUint32(p + 42, true);
    if (local + 30 > b.length || view.getUint32(local, true) !== 0x04034b50) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const length = view.getUint32(p + 20, true);
    if (start + length > b.length) return null;
    entries.push({
      name: new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      flags: view.getUint16(p + 8, true),
      start,
      length,
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

const tooBig = (fileName: string) =>
  fileError(`文件“${fileName}”解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024}M，不是正常的导入文件；请检查文件，或分批导入`);
const damaged = (fileName: string) => fileError(`无法读取文件“${fileName}”：文件已损坏或不是 Excel 文件`);

/** The parts the reader uses, in the order that lets exceljs stream every sheet (no temporary files). */
const PART_ORDER = [
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/workbook\.xml$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/styles\.xml$/,
  /^xl\/worksheets\/sheet\d+\.xml$/,
];
const partRank = (name: string) => PART_ORDER.findIndex((re) => re.test(name));

/** A part's bytes as they unpack, chunk by chunk; a part stored without compression is itself. */
async function* unpack(bytes: Uint8Array, e: ZipEntry): AsyncGenerator<Uint8Array> {
  const data = bytes.subarray(e.start, e.start + e.length);
  if (e.method === 0) {
    yield data;
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  inflater.end(data);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
  }
}

interface Part {
  entry: ZipEntry;
  size: number;
}

/**
 * R-14: what the parts the reader uses really unpack to, counted byte by byte as they inflate — a
 * zip's declared sizes are never trusted, and parts the reader does not use are never unpacked.
 */
async function measureParts(bytes: Uint8Array, entries: ZipEntry[], fileName: string): Promise<Part[]> {
  const used = entries.filter((e) => partRank(e.name) >= 0).sort((a, b) => partRank(a.name) - partRank(b.name));
  let total = 0;
  const parts: Part[] = [];
  for (const entry of used) {
    // Encrypted, or compressed other than by deflate: not what Excel, WPS or LibreOffice save.
    if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) throw damaged(fileName);
    let size = 0;
    try {
      for await (const chunk of unpack(bytes, entry)) {
        size += chunk.length;
        total += chunk.length;
        if (total > MAX_UNPACKED_BYTES) throw tooBig(fileName);
      }
    } catch (e) {
      if (e instanceof ReadRefused) throw e;
      throw damaged(fileName);
    }
    parts.push({ entry, size });
  }
  return parts;
}

/**
 * The measured parts again as a zip exceljs reads without inflating anything itself: each part
 * stored, its sizes the measured ones, unpacked anew as exceljs asks for it (nothing is held whole).
 */
function storedZip(bytes: Uint8Array, parts: Part[]): Readable {
  return Readable.from(
    (async function* () {
      for (const { entry, size } of parts) {
        const name = new TextEncoder().encode(entry.name);
        const header = Buffer.alloc(30 + name.length);
        header.writeUInt32LE(0x04034b50, 0);
        header.writeUInt16LE(20, 4);
        header.writeUInt32LE(size, 18);
        header.writeUInt32LE(size, 22);
        header.writeUInt16LE(name.length, 26);
        header.set(name, 30);
        yield header;
        let sent = 0;
        for await (const chunk of unpack(bytes, entry)) {
          sent += chunk.length;
          // The same bytes inflate the same way twice; anything else is a damaged file.
          if (sent > size) throw new Error('part grew between two reads');
          yield chunk;
        }
        if (sent !== size) throw new Error('part shrank between two reads');
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      yield end;
    })(),
    { objectMode: false },
  );
}

interface SheetEvent {
  name?: string;
  state?: string;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

/** One streaming pass over the workbook: the visible sheets that look like the template. */
async function streamSheets(bytes: Uint8Array, parts: Part[], spec: ReadSpec) {
  const input = storedZip(bytes, parts);
  // Loaded on the first workbook read, not with the server (see newWorkbook in xlsx-export.ts).
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const candidates: SheetCollector[] = [];
  let firstVisible: SheetCollector | undefined;
  try {
    for await (const ws of reader as unknown as AsyncIterable<SheetEvent>) {
      const name = ws.name ?? '';
      if (ws.state === 'hidden' || ws.state === 'veryHidden' || NON_DATA_SHEETS.has(name)) continue;
      const sheet = new SheetCollector(name, spec);
      firstVisible ??= sheet;
      if (name === spec.sheet) firstVisible = sheet;
      for await (const row of ws) {
        if (!sheet.found && !sheet.searching) break;
        const cells: Cell[] = [];
        const raws: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          const c = cellOf(cell.value, cell.numFmt);
          cells[col - 1] = c;
          raws[col - 1] = c.text;
        });
        for (let i = 0; i < cells.length; i++) {
          cells[i] ??= EMPTY;
          raws[i] ??= '';
        }
        sheet.add(row.number, cells, raws);
      }
      if (sheet.found) candidates.push(sheet);
    }
  } finally {
    input.destroy();
  }
  return { candidates, firstVisible };
}

async function readXlsx(bytes: Uint8Array, fileName: string, spec: ReadSpec): Promise<Table> {
  const entries = zipEntries(bytes);
  if (!entries) throw damaged(fileName);
  const names = entries.map((e) => e.name);
  if (names.includes('mimetype') && new TextDecoder().decode(bytes.subarray(0, 120)).includes('opendocument'))
    throw fileError(`文件“${fileName}”是 OpenDocument（.ods）表格，只是改了扩展名：请在 LibreOffice 或 WPS 中“另存为” .xlsx 后导入`);
  if (!names.includes('xl/workbook.xml')) throw damaged(fileName);
  const parts = await measureParts(bytes, entries, fileName);

  // exceljs 4.4's stream reader now and then fails on a valid file (a race inside the library, seen
  // now and then in test runs); the same bytes read again settle it, and a damaged file fails twice.
  let read: Awaited<ReturnType<typeof streamSheets>>;
  try {
    read = await streamSheets(bytes, parts, spec);
  } catch (e) {
    if (e instanceof ReadRefused) throw e;
    try {
      read = await streamSheets(bytes, parts, spec);
    } catch (again) {
      if (again instanceof ReadRefused) throw again;
      throw damaged(fileName);
    }
  }
  const { candidates, firstVisible } = read;
  if (!firstVisible) throw fileError(`文件“${fileName}”中没有可见的工作表`);
  const named = candidates.find((s) => s.name === spec.sheet);
  if (named) return named.table();
  if (candidates.length > 1)
    throw fileError(
      `文件“${fileName}”中有多个工作表（${candidates.map((s) => s.name).join('、')}）都像导入模板：请只保留要导入的一个，或把它命名为“${spec.sheet}”`,
    );
  const only = candidates[0];
  if (only) return only.table();
  throw cellsError([firstVisible.missing()]);
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Reads an import file against the template's columns; throws ReadRefused with what to tell the user. */
export async function readTableNow(bytes: Uint8Array, fileName: string, spec: ReadSpec): Promise<Table> {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  if (bytes.length === 0) throw fileError(`文件“${fileName}”是空文件`);
  if (bytes.length > MAX_IMPORT_BYTES) throw fileError(`文件“${fileName}”超过 20M，请分批导入`);
  if (ext === 'csv') return readCsv(bytes, spec);
  if (ext === 'xls') throw fileError(`不支持旧版 .xls 文件“${fileName}”：请在 Excel 或 WPS 中“另存为” .xlsx 后导入`);
  if (ext === 'ods') throw fileError(`不支持 .ods 文件“${fileName}”：请在 LibreOffice 或 WPS 中“另存为” .xlsx 后导入`);
  if (ext !== 'xlsx' || !isZip(bytes)) throw fileError(`文件“${fileName}”不是有效的 .xlsx 或 .csv 文件，请使用下载的模板`);
  return readXlsx(bytes, fileName, spec);
}
