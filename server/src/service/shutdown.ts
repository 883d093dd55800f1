import type { FastifyInstance } from 'fastify';

/** Within a process manager's usual stop timeout (systemd 90 s, Docker and Kubernetes 10 s and 30 s). */
export const STOP_GRACE_MS = 8_000;

/**
 * Stops answering without cutting anyone off: the port closes at once, requests in flight finish,
 * and keep-alive connections are closed as soon as they are idle — also those whose last request
 * was still running when the stop began, which Node would otherwise keep for the keep-alive
 * timeout (72 s). After `graceMs` whatever is still open is closed.
 */
export async function drain(app: FastifyInstance, graceMs = STOP_GRACE_MS): Promise<void> {
  const idle = setInterval(() => app.server.closeIdleConnections(), 100);
  const late = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(idle);
    clearTimeout(late);
  }
}

/**
 * Runs `stop` once on SIGTERM or SIGINT (a terminal's Ctrl-C reaches the launcher and the server
 * both: the second signal must not kill a stop in progress), or when the launcher that started
 * this process is gone.
 */
export function onStopRequest(stop: () => Promise<void>): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('stop failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', once);
  process.on('SIGINT', once);
  // Started by scripts/start.mjs: its IPC channel closes when the launcher ends, even by SIGKILL.
  if (process.send) process.on('disconnect', once);
}
