import type { ReactNode } from 'react';

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
  /** Rows on the first printed page (it also carries the document's head) and on each further page. */
  firstPageRows: number;
  pageRows: number;
  /** 本页小计 of one page's rows, as the paper form has it; none when left out. */
  pageTotal?: (rows: T[]) => SummaryCells;
  /** 合计 under the last page. */
  total?: SummaryCells;
  rowClassName?: string;
}

export function chunk<T>(rows: T[], first: number, rest: number): T[][] {
  const pages: T[][] = [rows.slice(0, first)];
  for (let i = first; i < rows.length; i += rest) pages.push(rows.slice(i, i + rest));
  return pages;
}

/**
 * A long list printed over several A4 pages: fixed rows per page so each page can end with its own
 * subtotal, the column headers repeated on every page, and the grand total after the last row.
 */
export function PagedTable<T>({ columns, rows, rowKey, firstPageRows, pageRows, pageTotal, total, rowClassName }: PagedTableProps<T>) {
  const pages = chunk(rows, firstPageRows, pageRows);
  let offset = 0;
  return (
    <>
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
                {page.map((row, i) => (
                  <tr key={rowKey(row)} className={rowClassName}>
                    {columns.map((c) => (
                      <td key={c.title} className={c.num ? 'num' : undefined}>
                        {c.cell(row, start + i)}
                      </td>
                    ))}
                  </tr>
                ))}
                {pageTotal && pages.length > 1 && <SummaryRow label="本页小计" cells={pageTotal(page)} columns={columns} />}
                {total && p === pages.length - 1 && <SummaryRow label="合计" cells={total} columns={columns} />}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

function SummaryRow<T>({ label, cells, columns }: { label: string; cells: SummaryCells; columns: PrintColumn<T>[] }) {
  const first = columns.findIndex((_, i) => cells[i] !== undefined);
  const span = Math.max(first, 1);
  return (
    <tr className="print-summary">
      <td colSpan={span}>{label}</td>
      {columns.slice(span).map((c, i) => (
        <td key={c.title} className={c.num ? 'num' : undefined}>
          {cells[span + i]}
        </td>
      ))}
    </tr>
  );
}
