import { defineConfig } from '@playwright/test';
import { ACTION_TIMEOUT, CONTEXT_OPTIONS, LAUNCH_OPTIONS } from './browser.ts';

// Browser specs share one server and one demo city started by the global setup. They run one file at
// a time in one worker, in the files' alphabetical order (later specs read what earlier ones left in
// the city), so the two CPU cores are not fought over by several Chromiums.
export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  workers: 1,
  fullyParallel: false,
  globalSetup: './global-setup.ts',
  // A beforeAll or afterAll hook (several browsers opened, logged in) gets this long; each test gets
  // 90 s from the `testTimeout` fixture, or what it sets itself with `test.setTimeout`.
  timeout: 120_000,
  expect: { timeout: ACTION_TIMEOUT },
  // A spec that passes only on its retry is "flaky", and a flaky spec fails the run: the retry shows
  // the spec is unsteady, it does not hide it.
  retries: 1,
  failOnFlakyTests: true,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { outputFolder: '../test-results/e2e-report', open: 'never' }]],
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: LAUNCH_OPTIONS,
    ...CONTEXT_OPTIONS,
    actionTimeout: ACTION_TIMEOUT,
    navigationTimeout: ACTION_TIMEOUT,
    screenshot: 'only-on-failure',
    // Recording a trace of every test doubled the suite's time on two cores; the retry of a failed
    // test records one, so a failure still leaves its trace.
    trace: 'on-first-retry',
  },
});
