import { describe, expect, it } from 'vitest';
import { type ListMeasures, paginate, SLACK } from './paginate';

const base = (rows: number[], over: Partial<ListMeasures> = {}): ListMeasures => ({
  page: 1000 + SLACK,
  before: 200,
  after: 100,
  caption: 20,
  head: 30,
  subtotal: 30,
  total: 30,
  rows,
  ...over,
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('A4 list pagination by measured heights', () => {
  it('keeps a list that fits on one sheet whole, without caption or subtotal', () => {
    expect(paginate(base(Array(20).fill(30)))).toEqual([20]);
  });

  it('fills each sheet as far as its rows fit, tall rows taking more room', () => {
    // First sheet: 1000 - 200 - 20 - 30 - 30 = 720 → 24 rows of 30; later sheets 920 → 30 rows.
    const counts = paginate(base(Array(100).fill(30)));
    expect(counts[0]).toBe(24);
    expect(counts[1]).toBe(30);
    expect(sum(counts)).toBe(100);
    const tall = paginate(base([...Array(10).fill(30), ...Array(30).fill(60)]));
    expect(sum(tall)).toBe(40);
    expect(tall[0]).toBeLessThan(24);
  });

  it('never leaves the 合计 and the signatures alone on the last sheet', () => {
    // 54 rows fill the first two sheets exactly; the tail needs the last row's company.
    const counts = paginate(base(Array(54).fill(30)));
    expect(counts).toEqual([24, 29, 1]);
  });

  it('every sheet holds what is printed on it', () => {
    for (const n of [1, 13, 25, 60, 145, 400]) {
      const rows = Array.from({ length: n }, (_, i) => 28 + ((i * 7) % 23));
      const m = base(rows);
      const counts = paginate(m);
      expect(sum(counts)).toBe(n);
      let at = 0;
      counts.forEach((c, p) => {
        const height = sum(rows.slice(at, at + c));
        at += c;
        const last = p === counts.length - 1;
        const fixed = counts.length === 1 ? m.before + m.head : (p === 0 ? m.before : 0) + m.caption + m.head + m.subtotal;
        expect(c).toBeGreaterThan(0);
        expect(fixed + height + (last ? m.total + m.after : 0)).toBeLessThanOrEqual(m.page - SLACK);
      });
    }
  });
});
