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

// Class 08 connection exceptions; 57P01-57P03 the server shutting down or not yet accepting.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// pg's own words when a connection ends or none can be had in time.
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** The database cannot be reached right now (restart, failover, network): worth a retry, not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const o = e as { code?: string; message?: string };
    if (o.code && (UNAVAILABLE_SQLSTATE.test(o.code) || UNAVAILABLE_ERRNO.has(o.code))) return true;
    if (o.message && UNAVAILABLE_MESSAGE.test(o.message)) return true;
  }
  return false;
}
