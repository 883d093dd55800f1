import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/client.ts';

/**
 * What the office's monitoring reads, in Prometheus's text format: requests by route and status,
 * their latency, the connection pool, and the periodic jobs. Kept in this process (each instance
 * is scraped on its own); no library, the format is a few lines of text.
 */
const BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const requests = new Map<string, number>();
const latency = new Map<string, Histogram>();
const jobs = new Map<string, { ok: number; failed: number; lastOk: number }>();

const label = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

/** Counts every answer by method, route pattern (not the raw URL: ids would explode the series) and status. */
export function measureRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `method="${label(req.method)}",route="${label(route)}"`;
    const withStatus = `${key},status="${reply.statusCode}"`;
    requests.set(withStatus, (requests.get(withStatus) ?? 0) + 1);
    const seconds = reply.elapsedTime / 1000;
    const h = latency.get(key) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    for (const [i, b] of BUCKETS.entries()) if (seconds <= b) h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += seconds;
    h.count++;
    latency.set(key, h);
  });
}

/** A periodic job reports each run (sweeping, vacuuming the embedded database, …). */
export function recordJob(name: string, ok: boolean, at = Date.now()): void {
  const j = jobs.get(name) ?? { ok: 0, failed: 0, lastOk: 0 };
  if (ok) {
    j.ok++;
    j.lastOk = at;
  } else j.failed++;
  jobs.set(name, j);
}

export function metricsText(handle: DbHandle): string {
  const out: string[] = [];
  out.push('# HELP wygl_http_requests_total Answered HTTP requests.', '# TYPE wygl_http_requests_total counter');
  for (const [k, n] of requests) out.push(`wygl_http_requests_total{${k}} ${n}`);
  out.push('# HELP wygl_http_request_duration_seconds Time to answer, by route.', '# TYPE wygl_http_request_duration_seconds histogram');
  for (const [k, h] of latency) {
    for (const [i, b] of BUCKETS.entries()) out.push(`wygl_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i]}`);
    out.push(`wygl_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
    out.push(`wygl_http_request_duration_seconds_sum{${k}} ${h.sum}`);
    out.push(`wygl_http_request_duration_seconds_count{${k}} ${h.count}`);
  }
  if (handle.pool) {
    const p = handle.pool;
    out.push(
      '# HELP wygl_db_pool_connections Connections of this instance to PostgreSQL.',
      '# TYPE wygl_db_pool_connections gauge',
      `wygl_db_pool_connections{state="total"} ${p.totalCount}`,
      `wygl_db_pool_connections{state="idle"} ${p.idleCount}`,
      `wygl_db_pool_connections{state="waiting"} ${p.waitingCount}`,
    );
  }
  out.push('# HELP wygl_job_runs_total Runs of the periodic jobs.', '# TYPE wygl_job_runs_total counter');
  for (const [name, j] of jobs) {
    out.push(`wygl_job_runs_total{job="${label(name)}",outcome="ok"} ${j.ok}`);
    out.push(`wygl_job_runs_total{job="${label(name)}",outcome="failed"} ${j.failed}`);
  }
  out.push(
    '# HELP wygl_job_last_success_timestamp_seconds When a job last succeeded.',
    '# TYPE wygl_job_last_success_timestamp_seconds gauge',
  );
  for (const [name, j] of jobs) out.push(`wygl_job_last_success_timestamp_seconds{job="${label(name)}"} ${j.lastOk / 1000}`);
  const mem = process.memoryUsage();
  out.push(
    '# HELP process_resident_memory_bytes Resident memory.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${mem.rss}`,
    '# HELP process_uptime_seconds Time since this instance started.',
    '# TYPE process_uptime_seconds gauge',
    `process_uptime_seconds ${process.uptime()}`,
  );
  return `${out.join('\n')}\n`;
}
