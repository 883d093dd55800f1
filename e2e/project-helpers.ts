// Steps shared by the repair-project specs (owners' committee manual §1.3): the committee's 维修项目列表
// and editor, the office's 维修项目申请 review (受理, 审核通过), the bank's 划转确认, printing a project
// document to PDF, and an API caller for setup and for reading what the server holds.
import { type APIRequestContext, type Locator, type Page, request } from '@playwright/test';
import { expect } from '@playwright/test';
import { baseUrl, DEMO_PASSWORD } from './browser.ts';
import { goes, openMenu, pngFile, settled, shows, showsText, tickAllReceived, toast, type UploadFile } from './helpers.ts';

// Journeys that import their project steps from here take the dialog wait from here too.
export { settled };
import { printSheets } from './print-check.ts';

// biome-ignore lint/suspicious/noExplicitAny: the answers are read by the assertions that check them
export type Json = any;

/** A logged-in API caller with its own cookies, sending the CSRF token as the pages do. */
export interface Caller {
  ctx: APIRequestContext;
  get(path: string): Promise<Json>;
  send(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<Json>;
  /** A multipart upload of one file as field `file`. */
  upload(path: string, file: UploadFile): Promise<Json>;
}

export async function callerAs(orgCode: string, username: string): Promise<Caller> {
  const ctx = await request.newContext({ baseURL: baseUrl() });
  const login = await ctx.post('/api/auth/login', { data: { orgCode, username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = await login.json();
  const check = async (res: Awaited<ReturnType<APIRequestContext['get']>>) => {
    // 200, or 201 for what a POST creates.
    expect(res.ok(), `${res.url()}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  };
  return {
    ctx,
    get: async (path) => check(await ctx.get(path)),
    send: async (method, path, body) => check(await ctx.fetch(path, { method, data: body ?? {}, headers: { 'x-csrf-token': csrfToken } })),
    upload: async (path, file) => check(await ctx.post(path, { multipart: { file }, headers: { 'x-csrf-token': csrfToken } })),
  };
}

/**
 * F-62: one scanned page for each 要件 the office asks for with the step, uploaded into its slot as
 * the committee does before submitting (`kind` 立项申请要件 or 资金拨付要件).
 */
export async function uploadRequiredDocuments(committee: Caller, projectId: number, kind: string, type: string) {
  const { documents } = (await committee.get(`/api/required-documents?type=${type}`)) as { documents: string[] };
  for (const name of documents) {
    const query = `kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(name)}`;
    await committee.upload(`/api/projects/${projectId}/documents?${query}`, pngFile(`${name}.png`));
  }
  return documents;
}

/** The committee's step page: one upload into each required document's slot (F-62). */
export async function uploadIntoSlots(page: Page, names: readonly string[]) {
  for (const [i, name] of names.entries()) {
    const chooser = page.waitForEvent('filechooser');
    await page
      .getByTestId(`slot-${name}`)
      .getByRole('button', { name: `上传${name}` })
      .click();
    await (await chooser).setFiles(pngFile(`${name}.png`, [230 - i * 10, 225, 210]));
    await shows(page.getByTestId(`slot-${name}`).getByRole('img', { name: `${name}.png` }));
  }
}

/** A row of the page's (or a dialog's) table holding `text`. */
export const projectRow = (scope: Page | Locator, text: string) => scope.locator('.ant-table-tbody tr').filter({ hasText: text });

/** Ticks a facility in 请选择设施设备: its place in the tree, then its row. */
export async function pickFacility(dialog: Locator, place: string, name: string) {
  await dialog
    .getByRole('tree', { name: '安装位置' })
    .locator('.ant-tree-node-content-wrapper')
    .filter({ hasText: new RegExp(`^${place}\\(\\d+\\)$`) })
    .click();
  await projectRow(dialog, name).getByRole('checkbox').check();
}

/**
 * One of the project's 操作 entries on 维修项目列表, opened through the menu (a 公示管理 entry via its
 * submenu). Each menu is let finish sliding in first: a click during the motion can land on the entry
 * above, and a disabled one takes it silently.
 */
export async function operate(page: Page, projectName: string, entry: string, submenu?: string) {
  await projectRow(page, projectName).getByRole('button', { name: '操作' }).click();
  await shows(page.getByRole('menuitem', { name: '查看' }));
  await settled(page.locator('.ant-dropdown:visible'));
  if (submenu) {
    await page.getByRole('menuitem', { name: entry }).hover();
    await shows(page.getByRole('menuitem', { name: submenu }));
    await settled(page.locator('.ant-dropdown-menu-submenu-popup:visible'));
    await page.getByRole('menuitem', { name: submenu }).click();
  } else {
    await page.getByRole('menuitem', { name: entry, exact: true }).click();
  }
}

/** A date in Beijing, `days` from today. */
export const beijingDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** 业务受理 › 维修项目申请 › the request's review page, from the office's menu. */
export async function openRequest(page: Page, no: string) {
  await openMenu(page, '业务受理', '维修项目申请');
  await shows(page.getByRole('heading', { name: '维修项目申请' }));
  await projectRow(page, no).getByRole('link', { name: no }).click();
  await shows(page.getByRole('heading', { name: '维修项目申请审核' }));
  await showsText(page.locator('.ant-descriptions').first(), no);
}

/** 受理 on the open review page (the acceptor records the paper documents received). */
export async function acceptOnPage(page: Page, no: string) {
  await page.getByRole('button', { name: '受理', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '受理' });
  await settled(dialog);
  await tickAllReceived(dialog);
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

/** 银行业务 › 划转确认: looks the approved disbursement up by its number and returns its dialog. */
export async function openTransfer(page: Page, no: string): Promise<Locator> {
  await openMenu(page, '银行业务', '划转确认');
  await shows(page.getByRole('heading', { name: '划转确认' }));
  await page.getByLabel('拨付指令号').fill(no);
  await page.getByRole('button', { name: '查询' }).click();
  const dialog = page.getByRole('dialog', { name: `划转确认：${no}` });
  await settled(dialog);
  return dialog;
}

/** The print view as the browser prints it (A4, no toolbar), as text without white space. */
export async function printedText(page: Page): Promise<string> {
  await shows(page.locator('article.print-sheet'));
  await shows(page.getByTestId('print-barcode'));
  const text = (await printSheets(page)).join('');
  expect(text).not.toContain('返回');
  return text;
}

/** Clicks a print button of the workspace (it opens the print view in a new tab) and prints that tab. */
export async function printFrom(page: Page, button: Locator): Promise<string> {
  const opened = page.context().waitForEvent('page');
  await button.click();
  const print = await opened;
  try {
    return await printedText(print);
  } finally {
    await print.close();
  }
}

/**
 * A facility row's 维修记录 dialog (设施设备查询), opened once the list has finished loading: while it
 * reloads after a location or search change, its spinner overlay takes the click.
 */
export async function openRepairRecords(page: Page, row: Locator, facility: string): Promise<Locator> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await row.getByRole('button', { name: /^维修记录（\d+）$/ }).click();
  const records = page.getByRole('dialog', { name: `维修记录：${facility}` });
  await settled(records);
  return records;
}

/**
 * The confirm dialog a step asks before it commits (录入表决结果, 项目立项, 项目验收, and their
 * corrections): it must state the consequence before the person answers `ok`.
 */
export async function confirmStep(page: Page, title: string, consequence: string | RegExp, ok: string) {
  const dialog = page.locator('.ant-modal-confirm').filter({ hasText: title });
  await settled(dialog);
  await showsText(dialog, consequence);
  await dialog.getByRole('button', { name: ok }).click();
  await goes(dialog);
}
