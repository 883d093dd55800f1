import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './xlsx-export.ts';
import { AppError, type ErrorBody } from './errors.ts';
import type { CellProblem, ReadFailure, ReadSpec, Table } from './spreadsheet-read.ts';

export { MAX_IMPORT_BYTES, normaliseHeader } from './spreadsheet-read.ts';
export type { CellProblem, ColumnKind, ReadColumn, ReadSpec, Table, TableRow } from './spreadsheet-read.ts';

/** The API lists this many errors; the annotated file holds them all. */
export const MAX_LISTED_ERRORS = 200;

/** R-14 refusal of a file's cells: the first errors by row, with the total, and nothing imported. */
export class ImportErrors extends AppError {
  constructor(readonly errors: readonly CellProblem[]) {
    super(422, 'IMPORT_ERRORS', `导入文件有 ${errors.length} 处错误，未导入任何数据；请按提示修改后重新导入`);
  }
  override body(): ErrorBody {
    return { ...super.body(), errors: this.errors.slice(0, MAX_LISTED_ERRORS), total: this.errors.length };
  }
}

/** The reader's own refusals first; a checker's error on a cell the reader already refused is noise. */
export function withProblems(table: Table, errors: readonly CellProblem[]): CellProblem[] {
  const refused = new Set(table.problems.map((p) => `${p.row}\u0000${p.column}`));
  return [...table.problems, ...errors.filter((e) => !refused.has(`${e.row}\u0000${e.column}`))].sort((a, b) => a.row - b.row);
}

// One long-lived worker parses every upload, which also bounds the memory uploads can take.
let nextId = 1;

interface Pending {
  resolve: (t: Table) => void;
  reject: (e: unknown) => void;
}
/** A started worker and the reads it has not answered yet: those are the ones its death fails. */
interface ParseWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * The worker's code: in the bundle it sits beside main.js; run from source (tsx, vitest) it is
 * TypeScript, which a worker thread cannot load, so it is bundled once into node_modules/.cache.
 */
async function workerFile(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return new URL('./spreadsheet-worker.js', import.meta.url);
  const { build } = await import('esbuild');
  // Test files may run as threads of one process: each bundles its own copy, removed on exit.
  const out = new URL(`../../node_modules/.cache/spreadsheet-worker-${randomUUID()}.mjs`, import.meta.url);
  process.once('exit', () => rmSync(out, { force: true }));
  await build({
    entryPoints: [fileURLToPath(new URL('./spreadsheet-worker.ts', import.meta.url))],
    outfile: fileURLToPath(out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}

let file: Promise<URL> | null = null;
let current: ParseWorker | null = null;

/**
 * R-14: the worker died (it exited, threw, or ran out of memory) with these reads unanswered. Which
 * file did it cannot be told, so every one of them is told to try again; nothing was saved.
 */
const workerDied = () =>
  new AppError(503, 'IMPORT_WORKER', '读取文件时出现故障，本次没有导入任何数据；请稍后重新导入，如仍不成功请联系维修资金管理中心');

function startWorker(url: URL): ParseWorker {
  const w = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: 768 } });
  const self: ParseWorker = { worker: w, pending: new Map() };
  w.on('message', (msg: { id: number; table?: Table; failure?: ReadFailure }) => {
    const p = self.pending.get(msg.id);
    if (!p) return;
    self.pending.delete(msg.id);
    // An idle worker does not keep the process alive (a listener added later would ref it again).
    if (self.pending.size === 0) w.unref();
    if (msg.table) p.resolve(msg.table);
    else p.reject(refusal(msg.failure as ReadFailure));
  });
  // 'error' comes before 'exit' when it threw; either way this worker is done and the next read
  // starts a fresh one. Only this worker's reads fail: a newer worker's are not touched.
  const died = () => {
    if (current === self) current = null;
    for (const p of self.pending.values()) p.reject(workerDied());
    self.pending.clear();
  };
  w.on('error', died);
  w.on('exit', died);
  w.unref();
  return self;
}

/** The worker that answers the next read, started when there is none (or the last one died). */
async function running(): Promise<ParseWorker> {
  file ??= workerFile().catch((e) => {
    file = null;
    throw e;
  });
  const url = await file;
  current ??= startWorker(url);
  return current;
}

/** The running worker and its unanswered reads, for a test that stops it the way a crash would. */
export async function spreadsheetWorker(): Promise<{ worker: Worker; reads: number }> {
  const w = await running();
  return { worker: w.worker, reads: w.pending.size };
}

function refusal(f: ReadFailure): AppError {
  return f.kind === 'file' ? new AppError(400, 'IMPORT_FILE', f.message, { file: f.message }) : new ImportErrors(f.errors);
}

/**
 * R-14: reads .xlsx (Excel, WPS, LibreOffice) or .csv (UTF-8 or GBK) into header-keyed rows, in the
 * spreadsheet worker. `spec` names the template's sheet, its columns (what each holds) and the row limit.
 */
export async function readTable(bytes: Uint8Array, fileName: string, spec: ReadSpec): Promise<Table> {
  const w = await running();
  const id = nextId++;
  return new Promise<Table>((resolve, reject) => {
    w.pending.set(id, { resolve, reject });
    // While it has reads to answer, the worker keeps the process alive: no read is left hanging.
    w.worker.ref();
    w.worker.postMessage({ id, bytes, fileName, spec });
  });
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
  const wb = await newWorkbook();
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
  table: Pick<Table, 'rows'>,
  errors: readonly CellProblem[],
): Promise<Buffer> {
  const wb = await newWorkbook();
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
