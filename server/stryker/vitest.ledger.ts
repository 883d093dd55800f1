import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { env } from '../vitest.config.ts';

// Mutation testing of the ledger: its own API-tier tests on pglite, not every suite that posts (see
// docs/testing.md) — each mutant runs them again, so the whole API suite per mutant would take days.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['src/ledger/ledger.test.ts', 'test/ledger-concurrency.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
