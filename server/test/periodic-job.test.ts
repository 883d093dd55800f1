import { expect, it, vi } from 'vitest';
import type { DbHandle } from '../src/db/client.ts';
import { metricsText } from '../src/service/metrics.ts';
import { periodicJob } from '../src/service/periodic-job.ts';

const runs = (job: string) =>
  metricsText({ kind: 'pglite' } as DbHandle)
    .split('\n')
    .filter((l) => l.startsWith(`wygl_job_runs_total{job="${job}"`));

it('§10 a periodic job runs at start when asked, reports each run to the metrics, goes on after a failure, starts no run beside one still going, and stopping waits for it', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    let calls = 0;
    let finish: () => void = () => undefined;
    const job = periodicJob(
      'probe-job',
      () => {
        calls++;
        if (calls === 1) return Promise.reject(new Error('first run fails'));
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      { everyMs: 20, atStart: true, failure: 'probe job failed:' },
    );
    expect(calls).toBe(1);
    await vi.waitFor(() => expect(calls).toBe(2));
    expect(errors).toHaveBeenCalledWith('probe job failed:', expect.any(Error));
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    expect(calls).toBe(2);
    finish();
    await stopping;
    expect(runs('probe-job')).toEqual([
      'wygl_job_runs_total{job="probe-job",outcome="ok"} 1',
      'wygl_job_runs_total{job="probe-job",outcome="failed"} 1',
    ]);
  } finally {
    errors.mockRestore();
  }
});

it('§10 a periodic job not asked to run at start waits for its first interval', async () => {
  let calls = 0;
  const job = periodicJob(
    'probe-later',
    async () => {
      calls++;
    },
    { everyMs: 30, failure: 'probe failed:' },
  );
  expect(calls).toBe(0);
  await vi.waitFor(() => expect(calls).toBeGreaterThan(0));
  await job.stop();
});
