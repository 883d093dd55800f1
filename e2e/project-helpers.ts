// Helpers shared by the repair-project specs: an API caller for setup and server-side checks, the
// office's 维修项目申请 review steps (受理, 审核通过), and printed documents read back as text.
import { type APIRequestContext, type BrowserContext, type Locator, type Page, request } from 'playwright-core';
import { expect } from 'vitest';
import { baseUrl, DEMO_PASSWORD } from './browser.ts';
import { goes, openMenu, shows, showsText, toast } from './helpers.ts';
import { pdfText } from './pdf-text.ts';

// biome-ignore lint/suspicious/noExplicitAny: the answers are read by the assertions that check them
export type Json = any;

/** A logged-in API caller with its own cookies, sending the CSRF token as the pages do. */
export interface Caller {
  ctx: APIRequestContext;
  get(path: string): Promise<Json>;
  send(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<Json>;
}

export async function callerAs(orgCode: string, username: string): Promise<Caller> {
  const ctx = await request.newContext({ baseURL: baseUrl() });
  const login = await ctx.post('/api/auth/login', { data: { orgCode, username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = await login.json();
  const check = async (res: Awaited<ReturnType<APIRequestContext['get']>>) => {
    expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  return {
    ctx,
    get: async (path) => check(await ctx.get(path)),
    send: async (method, path, body) => check(await ctx.fetch(path, { method, data: body ?? {}, headers: { 'x-csrf-token': csrfToken } })),
  };
}

/** A date in Beijing, `days` from today. */
export const beijingDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Rows of the antd tables on a page (or in a part of it) that contain a text. */
export const tableRow = (scope: Page | Locator, text: string) => scope.locator('.ant-table-tbody tr').filter({ hasText: text });

/** Waits for a dialog to finish opening: a click during antd's zoom-in can land beside its button. */
export async function settled(dialog: Locator) {
  await shows(dialog);
  await expect
    .poll(() =>
      dialog.evaluate(
        (el) => (el.closest('.ant-modal-wrap') ?? el).getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
      ),
    )
    .toBe(0);
}

/** 业务受理 › 维修项目申请 › the request's review page, from the office's menu. */
export async function openRequest(page: Page, no: string) {
  await openMenu(page, '业务受理', '维修项目申请');
  await shows(page.getByRole('heading', { name: '维修项目申请' }));
  await tableRow(page, no).getByRole('link', { name: no }).click();
  await shows(page.getByRole('heading', { name: '维修项目申请审核' }));
  await showsText(page.locator('.ant-descriptions').first(), no);
}

/** 受理 on the open review page: the window has received the paper documents. */
export async function acceptOnPage(page: Page, no: string) {
  await page.getByRole('button', { name: '受理', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '受理' });
  await settled(dialog);
  await dialog.getByRole('button', { name: '受理' }).click();
  await shows(toast(page, `${no} 已受理`));
  await goes(dialog);
}

/** 审核通过 on the open review page, confirmed. */
export async function approveOnPage(page: Page, no: string) {
  await page.getByRole('button', { name: '审核通过' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `${no}？` });
  await settled(confirm);
  await confirm.getByRole('button', { name: '审核通过' }).click();
  await shows(toast(page, `${no} 已审核通过`));
  await goes(confirm);
}

/** The print view as the browser prints it (A4, no toolbar), as text without white space. */
export async function printedText(page: Page): Promise<string> {
  await shows(page.locator('article.print-sheet'));
  await shows(page.getByTestId('print-barcode'));
  await page.emulateMedia({ media: 'print' });
  await goes(page.getByRole('button', { name: '打印' }));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).not.toContain('返回');
  await page.emulateMedia({ media: 'screen' });
  return text.replace(/\s+/g, '');
}

/** Presses a print button (it opens the print view in a new tab) and reads the printed document, closing the tab. */
export async function printFrom(context: BrowserContext, button: Locator): Promise<{ path: string; text: string }> {
  const opened = context.waitForEvent('page');
  await button.click();
  const tab = await opened;
  try {
    await tab.waitForLoadState();
    const text = await printedText(tab);
    return { path: new URL(tab.url()).pathname, text };
  } finally {
    await tab.close();
  }
}
