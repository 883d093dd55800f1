import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { pageClause } from './paging.ts';

const dialect = new PgDialect();
const text = (q: Parameters<typeof pageClause>[0]) => {
  const { limit, upTo } = pageClause(q);
  const { sql, params } = dialect.sqlToQuery(limit);
  return { limit: { sql, params }, upTo: dialect.sqlToQuery(upTo).sql };
};

describe('a page window written into SQL', () => {
  it('F-60 the first page writes its size into the statement; later pages pass their window and read up to a power of two past its end', () => {
    expect(text({ page: 1, pageSize: 20 })).toEqual({ limit: { sql: 'limit 20', params: [] }, upTo: '20' });
    expect(text({ page: 2, pageSize: 20 })).toEqual({ limit: { sql: 'limit $1 offset $2', params: [20, 20] }, upTo: '64' });
    expect(text({ page: 20, pageSize: 20 }).upTo).toBe('512');
    expect(text({ page: 16, pageSize: 32 }).upTo).toBe('512');
    expect(text({ page: 17, pageSize: 32 }).upTo).toBe('1024');
    // Pages 13 to 25 of 20 rows (ending at rows 260 to 500) share one bound, so one statement text.
    expect(new Set(Array.from({ length: 13 }, (_, i) => text({ page: 13 + i, pageSize: 20 }).upTo))).toEqual(new Set(['512']));
    expect(text({ page: 26, pageSize: 20 }).upTo).toBe('1024');
  });
});
