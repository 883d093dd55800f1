/** What the measuring pass read off the screen, in CSS pixels. */
export interface ListMeasures {
  /** The height a printed A4 sheet holds (297 mm less the page margins). */
  page: number;
  /** What stands above the list on the first sheet (the document's head and text). */
  before: number;
  /** What follows the list on the last sheet (text, signature boxes). */
  after: number;
  /** The "第 x 页 / 共 N 页" caption, the header row, a 本页小计 row and the 合计 row (0 when absent). */
  caption: number;
  head: number;
  subtotal: number;
  total: number;
  rows: number[];
}

/** Rounding of borders and sub-pixel heights between screen and print: kept free on every sheet. */
export const SLACK = 12;

/**
 * Splits a list's rows over A4 sheets by their measured heights: each sheet holds its caption,
 * header, rows and 本页小计; the last sheet also the 合计 and whatever follows the list, so the
 * signatures never stand alone on a sheet. Returns the row counts per sheet (at least one sheet).
 */
export function paginate(m: ListMeasures): number[] {
  const n = m.rows.length;
  const rowsHeight = m.rows.reduce((a, h) => a + h, 0);
  // One sheet holds it all: no caption, no subtotal.
  if (m.before + m.head + rowsHeight + m.total + m.after <= m.page - SLACK) return [n];

  const room = (first: boolean) => m.page - SLACK - (first ? m.before : 0) - m.caption - m.head - m.subtotal;
  const counts: number[] = [];
  let count = 0;
  let used = 0;
  for (const h of m.rows) {
    if (count > 0 && used + h > room(counts.length === 0)) {
      counts.push(count);
      count = 0;
      used = 0;
    }
    count += 1;
    used += h;
  }
  // The last sheet also carries the 合计 and what follows the list. When they do not fit beside its
  // rows, its last row goes on to a sheet of its own with them: signatures never stand alone.
  if (count > 1 && used + m.total + m.after > room(counts.length === 0)) counts.push(count - 1, 1);
  else counts.push(count);
  return counts;
}
