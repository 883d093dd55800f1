import { describe, expect, it } from 'vitest';
import { aheadPagination } from './paging.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
const onChange = () => {};

describe('aheadPagination (a list answered without a count)', () => {
  it('F-83 shows no pager while everything fits on the first page', () => {
    expect(aheadPagination(1, 20, { items: rows(7), more: false }, onChange)).toBe(false);
  });

  it('F-83 offers exactly one page further while another page follows', () => {
    const p = aheadPagination(1, 20, { items: rows(20), more: true }, onChange);
    expect(p).toMatchObject({ current: 1, pageSize: 20, total: 21, showSizeChanger: false });
    expect(p && p.size).toBeUndefined();
  });

  it('F-83 on the last page the total is what has been seen, so no page after it is offered', () => {
    expect(aheadPagination(3, 20, { items: rows(5), more: false }, onChange, 'small')).toMatchObject({
      current: 3,
      total: 45,
      size: 'small',
    });
  });
});
