// Steps the registry specs (developer manual §1.3) share: the developer's application pages, the
// 楼盘表 picker, house files made from the downloaded template, the printed 申请表, the office's
// 受理 / 审核 and the registry as 房屋查询 shows it.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { idCardCheckChar } from '../server/src/domain/id-card.ts';
import { type Browser, loginAs } from './browser.ts';
import { actionButton, openMenu, shows, showsText, textOf, tickAllReceived, toast, type UploadFile } from './helpers.ts';
import { printSheets } from './print-check.ts';

export const DEVELOPER = { code: '91440703MA4WJM001Q', clerk: 'jingban' };
export const OFFICE = { code: 'JMWXZJ', acceptor: 'shouli', reviewer: 'shenhe' };

/**
 * Time for one spec that takes an application all the way from the developer through the office's
 * 受理 and 审核 to the registry: two browsers and a print to PDF, on a machine others share.
 */
export const WHOLE_WAY = 360_000;

/** Opens a page of 物业区域管理 from the developer's left menu. */
export async function openRegistryMenu(page: Page, item: string) {
  await openMenu(page, '物业区域管理', item);
  await shows(page.getByRole('heading', { name: item, exact: true }));
}

/** The open drop-down list of an antd Select. */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not(.ant-slide-up-leave)');
}

/** Picks an option of an antd Select (a combobox) by the option's text. */
export async function selectOption(page: Page, combobox: Locator, text: string) {
  await combobox.click();
  const option = openDropdown(page).locator('.ant-select-item-option').filter({ hasText: text }).first();
  await option.click();
  await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
}

/** 选择物业区域: the first step of every application on an existing area. */
export async function chooseArea(page: Page, area: string) {
  const combobox = page.getByRole('combobox', { name: '物业区域' }).first();
  await combobox.fill(area);
  const option = openDropdown(page).locator('.ant-select-item-option').filter({ hasText: area }).first();
  await option.click();
  await showsText(page.locator('.ant-select-content, .ant-select-selection-item').first(), area);
}

/** A house's label as the pages show it: 楼幢 + 单元 + 房号, e.g. 2栋1单元1501. */
export type HouseLabel = string;

/** The building grid's cell of a house (its accessible name starts with the house's label). */
export function gridCell(scope: Page | Locator, label: HouseLabel): Locator {
  return scope.getByRole('button', { name: new RegExp(`^${label} `) });
}

/** Shows a building of the 楼盘表 by clicking it in the building list on the left. */
export async function showBuilding(scope: Page | Locator, building: string) {
  await scope
    .getByRole('navigation', { name: '楼幢列表' })
    .getByRole('menuitem', { name: new RegExp(`^${building}\\s*(已选\\s*\\d+\\s*)?\\d+ 套$`) })
    .click();
  await shows(scope.getByRole('region', { name: `${building}楼盘表` }));
}

/**
 * 楼盘表选择: in the dialog the page's 选择 / 添加 button opened, clicks each building's houses in
 * its grid (they turn 已选择), then 确定.
 */
export async function pickInGrid(page: Page, picks: { building: string; labels: HouseLabel[] }[]) {
  const dialog = page.getByRole('dialog', { name: '楼盘表选择' });
  await shows(dialog);
  let count = 0;
  for (const { building, labels } of picks) {
    await showBuilding(dialog, building);
    for (const label of labels) {
      const cell = gridCell(dialog, label);
      await cell.click();
      await expect.poll(() => cell.getAttribute('aria-pressed')).toBe('true');
      count++;
    }
  }
  await showsText(dialog.locator('.ant-modal-footer'), `已选择 ${count} 套房屋`);
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The 业务单号 the page shows once the application has been saved. */
export async function applicationNo(page: Page): Promise<string> {
  const no = page.getByTestId('application-no');
  await shows(no);
  return textOf(no);
}

/** 保存: the draft is saved and gets its 业务单号. */
export async function saveDraft(page: Page): Promise<string> {
  await actionButton(page, '保存').click();
  await shows(toast(page, /^已保存，业务单号 /));
  return applicationNo(page);
}

/** 保存并提交, confirmed: the page says the application is submitted and offers 打印申请表. */
export async function saveAndSubmit(page: Page): Promise<string> {
  await actionButton(page, '保存并提交').click();
  const confirm = page.getByRole('dialog').filter({ hasText: /^提交.*业务单？/ });
  await confirm.getByRole('button', { name: '保存并提交' }).click();
  const submitted = page.locator('.ant-alert-success').filter({ hasText: /^业务单 \S+ 已提交/ });
  await shows(submitted);
  const no = await applicationNo(page);
  await showsText(submitted, `业务单 ${no} 已提交`);
  await showsText(page.locator('.ant-descriptions'), '已提交');
  return no;
}

/**
 * 打印申请表: opens the A4 print view in a new tab, renders it to PDF as the browser prints it, and
 * returns the printed text (checked to carry the form's title and its business number).
 */
export async function printApplicationForm(b: Browser, page: Page, title: string, no: string): Promise<string> {
  const opened = b.context.waitForEvent('page');
  await page.getByRole('button', { name: '打印申请表' }).first().click();
  const print = await opened;
  await shows(print.getByRole('heading', { name: title }));
  const sheet = print.locator('article.print-sheet');
  await showsText(sheet, `编号：${no}`);
  await shows(print.getByTestId('print-barcode'));
  const text = (await printSheets(print)).join('\n');
  await print.close();
  expect(text).toContain(title);
  expect(text).toContain(`编号：${no}`);
  expect(text).toContain(`业务单号${no}`);
  expect(text).not.toContain('返回工作台');
  return text;
}

/** Logs a browser in as someone else (the office's 受理员 and 审核员 share one browser in turn). */
export async function loginFresh(b: Browser, orgCode: string, username: string) {
  await b.context.clearCookies();
  await loginAs(b.page, orgCode, username);
}

/** 业务受理 › 待办业务, searched for one business number: that application's row. */
export async function inboxRow(page: Page, no: string): Promise<Locator> {
  await openMenu(page, '业务受理', '待办业务');
  await shows(page.getByRole('heading', { name: '待办业务' }));
  const search = page.getByRole('searchbox', { name: '搜索业务单' }).or(page.getByLabel('搜索业务单')).first();
  await search.fill(no);
  await search.press('Enter');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });
  await shows(row);
  return row;
}

/** The office's 受理员 accepts the application at the window (the applicant has brought the printed form). */
export async function acceptAtWindow(office: Browser, no: string, typeLabel: string) {
  const { page } = office;
  await loginFresh(office, OFFICE.code, OFFICE.acceptor);
  const row = await inboxRow(page, no);
  await showsText(row, typeLabel);
  await showsText(row, '已提交');
  await row.getByRole('button', { name: '受理', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '受理' });
  await showsText(dialog, no);
  await tickAllReceived(dialog);
  await dialog.getByRole('button', { name: '受理', exact: true }).click();
  await shows(toast(page, `业务单 ${no} 已受理`));
  await showsText(row, '已受理');
}

/** The office's 审核员 opens an accepted application for review: the page of 业务审核. */
export async function openReview(office: Browser, no: string): Promise<Page> {
  const { page } = office;
  await loginFresh(office, OFFICE.code, OFFICE.reviewer);
  const row = await inboxRow(page, no);
  await row
    .getByRole('button', { name: /^(审核|查看)$/ })
    .first()
    .click();
  await shows(page.getByRole('heading', { name: '业务审核' }));
  await showsText(page.getByTestId('application-no'), no);
  return page;
}

/** 审核通过 on the review page, confirmed: the application's changes take effect. */
export async function approveOnReview(page: Page, no: string) {
  await page.getByRole('button', { name: '审核通过' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `审核通过业务单 ${no}？` });
  await confirm.getByRole('button', { name: '审核通过' }).click();
  await shows(toast(page, `业务单 ${no} 已审核通过`));
  await showsText(page.locator('.ant-descriptions'), '已审核通过');
}

/** 退回 on the review page with a reason: the application goes back to the developer. */
export async function rejectOnReview(page: Page, no: string, reason: string) {
  await page.getByRole('button', { name: '退回', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '退回' });
  await dialog.getByRole('button', { name: '退回', exact: true }).click();
  await showsText(dialog.locator('.ant-form-item-explain-error'), '请填写退回原因');
  await dialog.getByLabel('退回原因').fill(reason);
  await dialog.getByRole('button', { name: '退回', exact: true }).click();
  await shows(toast(page, `业务单 ${no} 已退回`));
  await showsText(page.getByRole('alert').or(page.locator('.ant-alert-warning')).first(), `已退回：${reason}`);
}

/** 受理 then 审核通过: what the fund office does with a correct application. */
export async function acceptAndApprove(office: Browser, no: string, typeLabel: string): Promise<Page> {
  await acceptAtWindow(office, no, typeLabel);
  const page = await openReview(office, no);
  await approveOnReview(page, no);
  return page;
}

/** 综合查询 › 房屋查询 → an area of the list → the registry browser (buildings and the 楼盘表). */
export async function openAreaInHouseQuery(page: Page, area: string) {
  await openMenu(page, '综合查询', '房屋查询');
  await shows(page.getByRole('heading', { name: '房屋查询' }));
  await page.getByLabel('搜索物业区域').fill(area);
  await page.getByLabel('搜索物业区域').press('Enter');
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: area, exact: true }) });
  await row.click();
  await shows(page.getByRole('navigation', { name: '楼幢列表' }));
}

/** 房屋查询: clicks a house in its building's grid and returns the 房屋信息 drawer. */
export async function openHouseDetail(page: Page, building: string, label: HouseLabel): Promise<Locator> {
  await showBuilding(page, building);
  await gridCell(page, label).click();
  const drawer = page.getByRole('dialog', { name: '房屋信息' });
  await showsText(drawer.locator('.ant-descriptions'), label);
  return drawer;
}

/** Closes the 房屋信息 drawer. */
export async function closeDrawer(page: Page, drawer: Locator) {
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
  await drawer.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => !document.querySelector('.ant-drawer-open'));
}

/** The value shown beside a label in an antd Descriptions (e.g. 建筑面积 in 房屋信息). */
export async function described(scope: Locator, label: string): Promise<string> {
  const cell = scope.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }).first();
  return textOf(cell.locator('xpath=following-sibling::*[1]'));
}

/** A valid 18-digit resident ID number (birth date 1980-01-01 + `n`, correct check character). */
export function idCard(n: number): string {
  const body = `440703${19800101 + (n % 28)}${String(100 + (n % 900)).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
}

/** One row of the house template: column title (as in the template, without *) → cell text. */
export type HouseRow = Record<string, string | number>;

/** 下载模板: the house import template as the page hands it out. */
export async function downloadTemplate(page: Page): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page
    .getByRole('link', { name: '下载模板' })
    .or(page.getByRole('button', { name: '下载模板' }))
    .first()
    .click();
  const file = await download;
  const path = await file.path();
  return readFileSync(path);
}

/** Downloads through a button of the page (导出 / 批量导出) and returns the file. */
export async function downloadBy(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await actionButton(page, button).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

const header = (v: unknown) => String(v ?? '').replace(/[*\s]/g, '');

/** Reads the first sheet of a workbook: its header titles (without *) and data rows. */
export async function readSheet(bytes: Buffer): Promise<{ headers: string[]; rows: HouseRow[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('the workbook has no sheet');
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(header);
  const rows: HouseRow[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    if (values.every((v) => v === null || v === undefined || v === '')) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, String(values[i] ?? '')])));
  });
  return { headers, rows };
}

/**
 * Fills the downloaded template (or an exported file) with `rows` in place of its data rows, as a
 * clerk editing it in Excel would, and returns it as an .xlsx upload.
 */
export async function fillWorkbook(template: Buffer, rows: HouseRow[], name: string): Promise<UploadFile> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('the template has no sheet');
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(header);
  for (const r of rows) {
    for (const key of Object.keys(r)) if (!headers.includes(key)) throw new Error(`the template has no column ${key}`);
  }
  if (ws.rowCount > 1) ws.spliceRows(2, ws.rowCount - 1);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    headers.forEach((h, c) => {
      const v = r[h];
      row.getCell(c + 1).value = v === undefined ? null : String(v);
    });
    row.commit();
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer };
}

/** A UTF-8 CSV of house rows, with the template's column titles as its header. */
export function csvFile(headers: string[], rows: HouseRow[], name: string): UploadFile {
  const cell = (v: string | number | undefined) => {
    const s = String(v ?? '');
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n');
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}\r\n`, 'utf8') };
}

/** 导入 / 批量导入: chooses the file through the page's import button. */
export async function importThrough(page: Page, button: string, file: UploadFile) {
  const chooser = page.waitForEvent('filechooser');
  await actionButton(page, button).click();
  await (await chooser).setFiles(file);
}

/** The import's success message (导入成功：…). */
export function importSuccess(page: Page): Locator {
  return page.locator('.ant-alert-success').filter({ hasText: /^导入成功：/ });
}
