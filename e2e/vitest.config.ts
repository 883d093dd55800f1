import { defineConfig } from 'vitest/config';

// Browser specs share one server started by the global setup; they run one file at a time so the
// two CPU cores are not fought over by several Chromiums.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    // A journey through several workspaces on a shared two-core machine can miss a beat: one retry
    // keeps such a beat from failing the run, and the flaky reporter names every spec that needed it.
    retry: 1,
    reporters: ['default', './e2e/flaky-reporter.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
