import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { COUNT_CAP, cappedCountOf, pastCap } from '../db/capped-count.ts';
import { pageShape } from './paging.ts';

const dialect = new PgDialect();
const text = (q: Parameters<typeof pageShape>[0]) => {
  const { limit, upTo, values } = pageShape(q);
  return { limit: dialect.sqlToQuery(limit).sql, values, upTo: dialect.sqlToQuery(upTo).sql };
};

describe('a page window written into SQL', () => {
  it('F-60 the first page writes its size into the statement; later pages pass their window and read up to a power of two past its end', () => {
    expect(text({ page: 1, pageSize: 20 })).toEqual({ limit: 'limit 20', values: {}, upTo: '20' });
    expect(text({ page: 2, pageSize: 20 })).toEqual({ limit: 'limit $1 offset $2', values: { limit: 20, offset: 20 }, upTo: '64' });
    expect(text({ page: 20, pageSize: 20 }).upTo).toBe('512');
    expect(text({ page: 16, pageSize: 32 }).upTo).toBe('512');
    expect(text({ page: 17, pageSize: 32 }).upTo).toBe('1024');
    // Pages 13 to 25 of 20 rows (ending at rows 260 to 500) share one bound, so one statement text.
    expect(new Set(Array.from({ length: 13 }, (_, i) => text({ page: 13 + i, pageSize: 20 }).upTo))).toEqual(new Set(['512']));
    expect(text({ page: 26, pageSize: 20 }).upTo).toBe('1024');
  });
});

describe('a count past the cap, kept a minute', () => {
  const count = (areaId: number) => cappedCountOf(sql`houses where area_id = ${areaId}`);
  it('F-60 a count found past the cap is known for a minute, then counted again; a count within it is never kept', () => {
    const t0 = 1_000_000;
    expect(pastCap(count(1), t0).known).toBe(false);
    pastCap(count(1), t0).note(COUNT_CAP + 1, t0);
    expect(pastCap(count(1), t0 + 59_999).known).toBe(true);
    // Another value is another list: one organisation's or area's count never answers another's.
    expect(pastCap(count(2), t0).known).toBe(false);
    expect(pastCap(count(1), t0 + 60_000).known).toBe(false);
    pastCap(count(3), t0).note(COUNT_CAP, t0);
    expect(pastCap(count(3), t0).known).toBe(false);
    // Found within the cap again, the earlier finding is forgotten at once.
    pastCap(count(4), t0).note(COUNT_CAP + 5, t0);
    pastCap(count(4), t0 + 1).note(12, t0 + 1);
    expect(pastCap(count(4), t0 + 2).known).toBe(false);
  });
});
