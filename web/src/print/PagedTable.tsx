import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { paginate } from './paginate';

export interface PrintColumn<T> {
  title: string;
  cell: (row: T, index: number) => ReactNode;
  /** Right-aligned figures (areas, amounts). */
  num?: boolean;
  width?: string;
}

/** Cells of a summary row, keyed by column index; the label fills the columns before the first one. */
export type SummaryCells = Partial<Record<number, ReactNode>>;

interface PagedTableProps<T> {
  columns: PrintColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** 本页小计 of one page's rows, as the paper form has it; none when left out. */
  pageTotal?: (rows: T[]) => SummaryCells;
  /** 合计 under the last page. */
  total?: SummaryCells;
  rowClassName?: string;
}

/** The printed A4 sheet's height: 297 mm less the two 15 mm page margins of print.css. */
const SHEET_CONTENT = '267mm';

function splitAt<T>(rows: T[], counts: number[]): T[][] {
  const pages: T[][] = [];
  let at = 0;
  for (const c of counts) {
    pages.push(rows.slice(at, at + c));
    at += c;
  }
  return pages;
}

/**
 * A long list printed over several A4 sheets, the column headers repeated on each, each sheet
 * ending with its own 本页小计 and the last with the 合计. The rows are first laid out once and
 * measured, then split so that every sheet holds what is printed on it: "第 x 页 / 共 N 页" is
 * the number of sheets that come out, and the signatures after the list share the last sheet.
 */
export function PagedTable<T>({ columns, rows, rowKey, pageTotal, total, rowClassName }: PagedTableProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [counts, setCounts] = useState<number[] | null>(null);
  const [fontsReady, setFontsReady] = useState(0);

  // Fonts change the rows' heights: measure again once they have loaded.
  useLayoutEffect(() => {
    let live = true;
    void document.fonts?.ready.then(() => {
      if (live) setFontsReady((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list or loaded fonts start a new measuring pass
  useLayoutEffect(() => {
    setCounts(null);
  }, [rows, fontsReady]);

  useLayoutEffect(() => {
    if (counts !== null || !ref.current) return;
    setCounts(measure(ref.current, rows.length));
  }, [counts, rows.length]);

  if (counts === null) {
    // The measuring pass: every row on one sheet, with a caption and a subtotal row to measure.
    return (
      <div ref={ref} data-measuring="">
        <p className="print-list-caption" data-measure="caption">
          第 1 页 / 共 1 页
        </p>
        <ListTable columns={columns} rows={rows} rowKey={rowKey} start={0} rowClassName={rowClassName}>
          {pageTotal && <SummaryRow label="本页小计" cells={pageTotal(rows)} columns={columns} measure="subtotal" />}
          {total && <SummaryRow label="合计" cells={total} columns={columns} measure="total" />}
        </ListTable>
        <div data-measure="page" style={{ height: SHEET_CONTENT, position: 'absolute', visibility: 'hidden' }} />
      </div>
    );
  }

  const pages = splitAt(rows, counts);
  let offset = 0;
  return (
    <div ref={ref}>
      {pages.map((page, p) => {
        const start = offset;
        offset += page.length;
        return (
          <div key={start} className={p > 0 ? 'print-page-break' : undefined} data-testid="print-list-page">
            {pages.length > 1 && (
              <p className="print-list-caption">
                第 {p + 1} 页 / 共 {pages.length} 页
              </p>
            )}
            <ListTable columns={columns} rows={page} rowKey={rowKey} start={start} rowClassName={rowClassName}>
              {pageTotal && pages.length > 1 && <SummaryRow label="本页小计" cells={pageTotal(page)} columns={columns} />}
              {total && p === pages.length - 1 && <SummaryRow label="合计" cells={total} columns={columns} />}
            </ListTable>
          </div>
        );
      })}
    </div>
  );
}

const heightOf = (el: Element | null | undefined) => (el ? el.getBoundingClientRect().height : 0);

/** Reads the measuring pass: the sheet around the list, the list's parts, each row. */
function measure(box: HTMLDivElement, rowCount: number): number[] {
  const sheet = box.closest('.print-sheet') as HTMLElement | null;
  if (!sheet) return [rowCount];
  // On screen the sheet is drawn at least one A4 high; measure only what it holds.
  const minHeight = sheet.style.minHeight;
  sheet.style.minHeight = '0px';
  const style = getComputedStyle(sheet);
  const sheetRect = sheet.getBoundingClientRect();
  const contentTop = sheetRect.top + Number.parseFloat(style.paddingTop);
  const contentBottom = sheetRect.bottom - Number.parseFloat(style.paddingBottom);
  const boxRect = box.getBoundingClientRect();
  const caption = box.querySelector('[data-measure="caption"]');
  const captionStyle = caption ? getComputedStyle(caption) : null;
  const result = paginate({
    page: heightOf(box.querySelector('[data-measure="page"]')),
    before: boxRect.top - contentTop,
    after: Math.max(0, contentBottom - boxRect.bottom),
    caption:
      heightOf(caption) + (captionStyle ? Number.parseFloat(captionStyle.marginTop) + Number.parseFloat(captionStyle.marginBottom) : 0),
    head: heightOf(box.querySelector('thead')),
    subtotal: heightOf(box.querySelector('[data-measure="subtotal"]')),
    total: heightOf(box.querySelector('[data-measure="total"]')),
    rows: [...box.querySelectorAll('tbody tr[data-row]')].map(heightOf),
  });
  sheet.style.minHeight = minHeight;
  return result;
}

/** A list printed as one table (its rows numbered from `start`), as on every sheet of a PagedTable. */
export function ListTable<T>({
  columns,
  rows,
  rowKey,
  start,
  rowClassName,
  children,
}: {
  columns: PrintColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  start: number;
  rowClassName?: string;
  children?: ReactNode;
}) {
  return (
    <table className="print-list">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title} style={c.width ? { width: c.width } : undefined}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row)} className={rowClassName} data-row="">
            {columns.map((c) => (
              <td key={c.title} className={c.num ? 'num' : undefined}>
                {c.cell(row, start + i)}
              </td>
            ))}
          </tr>
        ))}
        {children}
      </tbody>
    </table>
  );
}

function SummaryRow<T>({
  label,
  cells,
  columns,
  measure,
}: {
  label: string;
  cells: SummaryCells;
  columns: PrintColumn<T>[];
  measure?: string;
}) {
  const first = columns.findIndex((_, i) => cells[i] !== undefined);
  const span = Math.max(first, 1);
  return (
    <tr className="print-summary" data-measure={measure}>
      <td colSpan={span}>{label}</td>
      {columns.slice(span).map((c, i) => (
        <td key={c.title} className={c.num ? 'num' : undefined}>
          {cells[span + i]}
        </td>
      ))}
    </tr>
  );
}
