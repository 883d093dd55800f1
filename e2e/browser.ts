import type { BrowserContext, BrowserContextOptions, LaunchOptions, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Wygl@2026';

/** Where the global setup passes the address of the app it started on to the workers. */
export const BASE_URL_ENV = 'WYGL_E2E_BASE_URL';

/** The app under test, as the global setup started it. */
export function baseUrl(): string {
  const url = process.env[BASE_URL_ENV];
  if (!url) throw new Error(`${BASE_URL_ENV} is not set: run the browser specs through e2e/playwright.config.ts`);
  return url;
}

/** How long a click, a fill or a wait may take, and an `expect` may retry, on a busy two-core machine. */
export const ACTION_TIMEOUT = 30_000;

/** Debian's Chromium, headless, offline except for the app under test: no browser is downloaded. */
export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Every actor's browser context: a Chinese desktop in Jiangmen's time zone. */
export const CONTEXT_OPTIONS: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1440, height: 900 },
  // The app then opens dialogs and menus without animation: a click lands on a control at rest.
  reducedMotion: 'reduce',
};

/** One actor's browser (an office clerk, a developer, an owner): its own context and cookies, one page. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Logs in through the login page, as a person would. */
export async function loginAs(page: Page, orgCode: string, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('机构代码').fill(orgCode);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
