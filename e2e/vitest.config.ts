import { defineConfig } from 'vitest/config';

// Browser specs share one server started by the global setup; they run one file at a time so the
// two CPU cores are not fought over by several Chromiums.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    // A journey through several workspaces on a shared two-core machine can miss a beat; a test
    // that fails twice is reported.
    retry: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
