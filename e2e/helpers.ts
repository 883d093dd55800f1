import { expect, type Locator, type Page } from '@playwright/test';
import { solidPng } from '../server/src/demo/png.ts';
import { DEMO_PASSWORD } from './browser.ts';
import { test } from './fixtures.ts';

/** Waits until the locator shows (the browser context's default timeout applies). */
export async function shows(locator: Locator) {
  await locator.waitFor({ state: 'visible' });
}

/** Waits until the locator shows a text (substring, or a pattern). */
export async function showsText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible' });
}

/** Waits until the locator no longer shows a text (a list refreshes just after its toast). */
export async function lacksText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'hidden' });
}

/** The locator's text, trimmed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** Waits until the locator is gone or hidden. */
export async function goes(locator: Locator) {
  await locator.waitFor({ state: 'hidden' });
}

/**
 * When a test fails, a full-page screenshot of every actor's open page (a journey may drive several
 * browsers at once), attached to the test's result: the HTML report shows them, and they are saved
 * beside its trace in the test's folder under test-results/e2e/.
 */
export function screenshotFailures(pages: () => (Page | undefined)[]) {
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    for (const [i, page] of pages().entries()) {
      if (!page || page.isClosed()) continue;
      const path = testInfo.outputPath(`actor-${i}.png`);
      const saved = await page.screenshot({ path, fullPage: true }).catch(() => undefined);
      if (!saved) continue;
      await testInfo.attach(`actor ${i} (${page.url()})`, { path, contentType: 'image/png' });
      console.error(`screenshot of page ${i} (${page.url()}): ${path}`);
    }
  });
}

/**
 * A button that spins while its request runs (提交, 登录, 添加, 修改, 保存). antd names it "loading 提交"
 * meanwhile, and after a refusal sometimes for a while longer (the spinner's leave motion does not
 * finish), so the name may start with "loading".
 */
export function actionButton(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`^(loading )?${name}$`) });
}

/** The specs share one server and database: everything a spec creates carries a suffix of its own. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2)
    .toString(36)
    .padStart(2, '0')}`.toUpperCase();
}

/** A file as the browser's file chooser hands it over. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A small, real PNG (a scanned document stand-in), well under R-1's 1 MB. */
export function pngFile(name: string, rgb: [number, number, number] = [200, 220, 240]): UploadFile {
  return { name, mimeType: 'image/png', buffer: solidPng(320, 240, rgb) };
}

/** A PNG (real header and image) padded past 1 MB: refused for its size only. */
export function oversizePngFile(name: string, bytes = 1.5 * 1024 * 1024): UploadFile {
  const png = solidPng(64, 48, [250, 250, 250]);
  return { name, mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(bytes - png.length)]) };
}

/** A text file renamed to .png: right name, wrong content. */
export function textFileNamedPng(name: string): UploadFile {
  return { name, mimeType: 'image/png', buffer: Buffer.from('这不是图片，只是改了扩展名的文本文件。\n'.repeat(20)) };
}

/** Picks a file for one registration document (要件) through the browser's file chooser. */
export async function chooseDocument(page: Page, kind: string, file: UploadFile) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(`document-${kind}`).getByRole('button', { name: '选择图片' }).click();
  await (await chooser).setFiles(file);
}

/**
 * Lets the page's next registration request through with the bytes of one uploaded file replaced,
 * as a client that skipped the browser's own R-1 check would send it — so the test sees what the
 * server's own check answers and how the page shows it.
 */
export async function replaceUploadOnce(page: Page, fileName: string, bytes: Buffer) {
  await page.route(
    '**/api/registration',
    async (route) => {
      const request = route.request();
      const body = request.postDataBuffer();
      const boundary = /boundary=(.+)$/.exec(request.headers()['content-type'] ?? '')?.[1];
      if (!body || !boundary) throw new Error('the registration was not sent as multipart/form-data');
      const header = body.indexOf(`filename="${fileName}"`);
      if (header < 0) throw new Error(`the registration carries no file named ${fileName}`);
      const start = body.indexOf('\r\n\r\n', header) + 4;
      const end = body.indexOf(`\r\n--${boundary}`, start);
      await route.continue({ postData: Buffer.concat([body.subarray(0, start), bytes, body.subarray(end)]) });
    },
    { times: 1 },
  );
}

/** An antd message (toast) saying `text`. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.ant-message-notice').filter({ hasText: text });
}

/** A left-menu entry of the workspace by its text (an icon's name may precede it). */
export function menuItem(page: Page, text: string): Locator {
  return page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${text}$`) });
}

/** Opens a page from the workspace's left menu: 机构管理 › 信息变更, or a top entry such as 工作台. */
export async function openMenu(page: Page, group: string, item = group) {
  const entry = menuItem(page, item);
  if (group !== item) {
    const parent = menuItem(page, group);
    await shows(parent);
    if ((await parent.getAttribute('aria-expanded')) === 'false') await parent.click();
  }
  await entry.click();
}

/** 退出: ends the session and goes back to the public home page. */
export async function logout(page: Page) {
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Fills and submits the login page (already open), without waiting for where it leads. */
export async function submitLogin(page: Page, orgCode: string, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('机构代码').fill(orgCode);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await actionButton(page, '登录').click();
}

/** The organisation and the administrator a registration creates. */
export interface NewOrganisation {
  name: string;
  code: string;
  contactPerson: string;
  phone: string;
  address: string;
  legalRepresentative: string;
  adminUsername: string;
  adminName: string;
  adminMobile: string;
  password: string;
}

/** A developer (开发建设单位) that no other spec uses. */
export function newDeveloper(): NewOrganisation {
  const suffix = uniqueSuffix();
  return {
    name: `江门市测试置业有限公司${suffix}`,
    code: `9144E2E${suffix}`,
    contactPerson: '周晓明',
    phone: '0750-3666888',
    address: '江门市江海区东海路 66 号',
    legalRepresentative: '周国平',
    adminUsername: 'admin',
    adminName: '周晓明',
    adminMobile: '13712345678',
    password: 'Kaifa#2026',
  };
}

/** Fills the organisation and administrator fields of the registration form (not 物业区域, not the files). */
export async function fillRegistrationFields(page: Page, org: Omit<NewOrganisation, 'name' | 'code'> & { name?: string; code?: string }) {
  if (org.name !== undefined) await page.getByLabel('机构名称').fill(org.name);
  if (org.code !== undefined) await page.getByLabel('机构代码', { exact: true }).fill(org.code);
  await page.getByLabel('联系人').fill(org.contactPerson);
  await page.getByLabel('联系电话').fill(org.phone);
  await page.getByLabel('地址').fill(org.address);
  await page.getByLabel('法定代表人（负责人）').fill(org.legalRepresentative);
  await page.getByLabel('管理员用户名').fill(org.adminUsername);
  await page.getByLabel('管理员姓名').fill(org.adminName);
  await page.getByLabel('管理员手机号').fill(org.adminMobile);
  await page.getByLabel('密码', { exact: true }).fill(org.password);
  await page.getByLabel('确认密码').fill(org.password);
}

/** Ticks the agreement by reading it: 《机构注册协议》 opens in full, 我已阅读并同意 closes it ticked. */
export async function readAndAcceptAgreement(page: Page) {
  await page.getByRole('link', { name: '《机构注册协议》' }).click();
  const dialog = page.getByRole('dialog', { name: '机构注册协议' });
  await shows(dialog);
  const text = await textOf(dialog);
  expect(text).toContain('机构代码是本机构在本平台的登录账号');
  expect(text).toContain('本协议自注册机构勾选“我已阅读并同意”并提交注册之日起生效');
  await dialog.getByRole('button', { name: '我已阅读并同意' }).click();
  await goes(dialog);
  expect(await page.getByRole('checkbox', { name: /我已阅读并同意/ }).isChecked()).toBe(true);
}

/**
 * Registers a developer through the portal as a person would (home → 注册 → 开发建设单位注册),
 * ending on the success page. For specs that need a fresh organisation of their own.
 */
export async function registerDeveloper(page: Page, org: NewOrganisation) {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '注册' }).click();
  await page.getByRole('button', { name: '开发建设单位注册' }).click();
  await fillRegistrationFields(page, org);
  await chooseDocument(page, 'businessLicence', pngFile('营业执照.png', [230, 200, 200]));
  await chooseDocument(page, 'qualification', pngFile('资质证书.png', [200, 230, 200]));
  await chooseDocument(page, 'legalRepId', pngFile('法定代表人身份证.png', [200, 200, 230]));
  await readAndAcceptAgreement(page);
  await actionButton(page, '提交').click();
  await shows(page.getByText('注册成功', { exact: true }));
}

/**
 * The 受理 dialog's F-62 checklist, once the request type's list has loaded: ticks 全部已收 (a
 * type without required documents has no checklist).
 */
export async function tickAllReceived(dialog: Locator) {
  await settled(dialog);
  await shows(dialog.getByText(/全部已收|无需核对要件/).first());
  const all = dialog.getByRole('checkbox', { name: '全部已收' });
  if ((await all.count()) > 0) await all.check();
}

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
