/** Both drivers surface PostgreSQL's SQLSTATE as `code` (pglite sometimes on `cause`). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const o = e as { code?: string; constraint?: string; message?: string };
    if (o.code === '23505') return !constraint || o.constraint === constraint || (o.message ?? '').includes(constraint);
  }
  return false;
}

/** 40001 serialization failure, 40P01 deadlock: the transaction may simply be run again. */
export function isRetryable(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: string }).code;
    if (code === '40001' || code === '40P01') return true;
  }
  return false;
}

/** 23503: a row is still referenced (e.g. a facility a project item points at). */
export function isForeignKeyViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23503') return true;
  }
  return false;
}
