import { configDefaults, defineConfig } from 'vitest/config';

// Cheap password hashing in tests; the stored format keeps its parameters, so nothing else changes.
// Every test logs in from the one inject address: the per-IP throttle is raised, not switched off.
export const env = {
  WYGL_PASSWORD_MEMORY_KIB: '1024',
  TZ: 'UTC',
  WYGL_LOGIN_LIMIT_PER_IP: '100000',
  WYGL_REGISTRATION_LIMIT_PER_IP: '10000',
  WYGL_BINDING_LIMIT_PER_IP: '10000',
};
// The global setup (demo users of the template database) runs in this process, not in the workers.
Object.assign(process.env, env);

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/lib/**/*.test.ts'], env } },
      {
        test: {
          name: 'api',
          include: ['src/modules/**/*.test.ts', 'src/ledger/**/*.test.ts', 'test/**/*.test.ts'],
          // *.pg.test.ts concern PostgreSQL alone (side-by-side transactions, lost connections): they
          // run in the PostgreSQL suite, not as skipped tests in the embedded one.
          exclude: process.env.DATABASE_URL ? configDefaults.exclude : [...configDefaults.exclude, '**/*.pg.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          env,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
