import { type BrowserContext, test as base } from '@playwright/test';
import { ACTION_TIMEOUT, type Browser, baseUrl, CONTEXT_OPTIONS } from './browser.ts';

export { expect } from '@playwright/test';

/** How long one test may take unless it says otherwise (`test.setTimeout`); hooks get the config's 120 s. */
export const TEST_TIMEOUT = 90_000;

export interface TestFixtures {
  /** Gives each test 90 s; the config's timeout (120 s) is what a beforeAll or afterAll hook gets. */
  testTimeout: undefined;
}

export interface WorkerFixtures {
  /** The app under test, started on a fresh demo city by the global setup. */
  baseUrl: string;
  /**
   * Opens a fresh browser context for one actor in the worker's Chromium (the `browser` fixture,
   * launched with the config's launch options). A spec closes its actors in its afterAll; whatever a
   * failed spec left open is closed with the worker, which Playwright ends after a failure.
   */
  openBrowser: () => Promise<Browser>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  testTimeout: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function needs from this pattern
    async ({}, use, testInfo) => {
      testInfo.setTimeout(TEST_TIMEOUT);
      await use(undefined);
    },
    { auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function needs from this pattern
  baseUrl: [async ({}, use) => use(baseUrl()), { scope: 'worker' }],
  openBrowser: [
    async ({ browser, baseUrl }, use) => {
      const open = new Set<BrowserContext>();
      await use(async () => {
        const context = await browser.newContext({ ...CONTEXT_OPTIONS, baseURL: baseUrl });
        open.add(context);
        context.on('close', () => open.delete(context));
        context.setDefaultTimeout(ACTION_TIMEOUT);
        const page = await context.newPage();
        return { context, page, close: () => context.close() };
      });
      await Promise.all([...open].map((context) => context.close()));
    },
    { scope: 'worker' },
  ],
});
