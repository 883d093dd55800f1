import { recordJob } from './metrics.ts';

/**
 * A job run every `everyMs` on an unref'd timer, and once at once when `atStart`. Each run is
 * reported to the metrics under `name` (`recordJob`); a failure is logged after `failure` and the
 * next run comes as planned. A run still going when the next is due is not joined by another. `stop`
 * ends the timer and waits for a run in progress, so the database is not closed under it.
 */
export function periodicJob(
  name: string,
  run: () => Promise<unknown>,
  { everyMs, atStart = false, failure }: { everyMs: number; atStart?: boolean; failure: string },
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const round = () => {
    if (busy) return;
    busy = true;
    running = run()
      .then(() => recordJob(name, true))
      .catch((err: unknown) => {
        recordJob(name, false);
        console.error(failure, err);
      })
      .finally(() => {
        busy = false;
      });
  };
  if (atStart) round();
  const timer = setInterval(round, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
