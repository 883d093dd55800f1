// Steps shared by the 交款管理 specs (developer manual §1.4): choosing an area, printing a notice to PDF,
// the bank's 交款确认, the house statement (分户账明细) and the public fund lookup.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { amountInWords } from '../web/src/lib/amountInWords.ts';
import { formatYuan, parseYuan } from '../web/src/lib/units.ts';
import { loginAs } from './browser.ts';
import { goes, logout, openMenu, shows, showsText, textOf } from './helpers.ts';
import { printSheets } from './print-check.ts';

export const DEVELOPER = { code: '91440703MA4WJM001Q', clerk: 'jingban' };
export const BANK = { code: 'ICBCJM', teller: 'teller01' };
export const OFFICE = { code: 'JMWXZJ', admin: 'admin', acceptor: 'shouli' };
/** The custody account every notice names (the platform's default setting). */
export const CUSTODY = {
  bankName: '中国工商银行江门分行营业部',
  accountName: '江门市住宅专项维修资金专户',
  accountNo: '2012002019200123456',
};

/** Ends the current session (if any) and logs in as another organisation's user. */
export async function switchUser(page: Page, orgCode: string, username: string) {
  if (await page.getByRole('button', { name: '退出' }).count()) {
    // From the workspace home, so no open dialog or drawer covers 退出.
    await page.goto('/workspace');
    await logout(page);
  }
  await loginAs(page, orgCode, username);
}

/** “1,234.56” as shown on a page → fen. */
export function fenOf(yuanText: string): number {
  const fen = parseYuan(yuanText);
  if (fen === null) throw new Error(`not an amount: ${yuanText}`);
  return fen;
}

/**
 * Picks an option of an antd Select by (part of) its text. The text is typed first: a searchable
 * Select narrows its (virtual, partly drawn) list to it; a plain one ignores the keys.
 */
export async function chooseOption(page: Page, select: Locator, text: string) {
  await select.click();
  await page.keyboard.type(text.trim());
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** 第三步：选择交款的物业区域. */
export async function chooseArea(page: Page, area: string) {
  await chooseOption(page, page.getByRole('combobox', { name: '物业区域' }), area);
}

/** The notice numbers the “已生成” list shows after printing notices. */
export async function issuedNoticeNumbers(scope: Page | Locator): Promise<string[]> {
  const list = scope.getByTestId('issued-notices');
  await shows(list.getByText('新生成').first());
  const labels = await list
    .getByRole('button', { name: /^打印交款通知单 / })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace('打印交款通知单 ', ''));
}

/**
 * 在通知单页面单击“打印”: opens the notice's print view from its 打印 link, renders it as the printer
 * would (PDF) and checks what every notice must say — its number, the amount in figures and in
 * capitals, and the custody account to pay into. Returns the PDF's text for further checks.
 */
export async function printNotice(context: BrowserContext, scope: Page | Locator, noticeNo: string, totalFen: number) {
  const opened = context.waitForEvent('page');
  await scope.getByRole('button', { name: `打印交款通知单 ${noticeNo}` }).click();
  const print = await opened;
  await shows(print.getByRole('heading', { name: '江门市住宅专项维修资金交款通知单' }));
  await shows(print.getByTestId('print-barcode'));
  await shows(print.getByRole('button', { name: '打印' }));
  // Compared without white space: the PDF keeps no spaces between text runs.
  const text = (await printSheets(print)).join('');
  await print.close();
  expect(text).toContain(`编号：${noticeNo}`);
  expect(text).toContain(`¥${formatYuan(totalFen)}元`);
  expect(text).toContain(`人民币${amountInWords(totalFen)}`);
  expect(text).toContain(CUSTODY.accountNo);
  expect(text).toContain(CUSTODY.accountName);
  expect(text).toContain(CUSTODY.bankName);
  expect(text).not.toContain('返回工作台');
  return text;
}

export interface BankPayment {
  channel: '柜台' | '侨都之窗' | '维修资金专用POS机' | '网上银行';
  bankRef: string;
}

/**
 * F-23 交款确认 at the bank: look the notice up by number, check its total, refuse a wrong amount,
 * then confirm with the amount, channel, bank reference and date (today).
 */
export async function confirmAtBank(page: Page, noticeNo: string, totalFen: number, payment: BankPayment) {
  await switchUser(page, BANK.code, BANK.teller);
  await openMenu(page, '银行业务', '交款确认');
  await page.getByLabel('交款通知单号').fill(noticeNo.toLowerCase());
  await page.getByRole('button', { name: '查询' }).click();
  const notice = page.getByRole('group').or(page.locator('.ant-card')).filter({ hasText: '交款通知单' }).first();
  await showsText(notice, noticeNo);
  await showsText(notice, `${formatYuan(totalFen)} 元（人民币${amountInWords(totalFen)}）`);
  await showsText(notice, '待缴');

  const amount = page.getByLabel('缴款金额（元）');
  const errors = page.locator('.ant-form-item-explain-error');
  await page.getByRole('button', { name: '确认缴款' }).click();
  await showsText(errors, '请填写缴款金额');
  await showsText(errors, '请选择缴款渠道');
  await showsText(errors, '请填写银行流水号');

  // One fen short: the server refuses, naming both amounts, and nothing is credited.
  await amount.fill(formatYuan(totalFen - 1).replace(/,/g, ''));
  await chooseOption(page, page.getByLabel('缴款渠道'), payment.channel);
  await page.getByLabel('银行流水号').fill(payment.bankRef);
  await page.getByRole('button', { name: '确认缴款' }).click();
  await showsText(errors, `缴款金额 ${formatYuan(totalFen - 1)} 元须与通知单金额 ${formatYuan(totalFen)} 元一致`);

  await amount.fill(formatYuan(totalFen));
  await page.getByRole('button', { name: '确认缴款' }).click();
  await shows(page.getByText('缴款确认成功'));
  await showsText(page.locator('.ant-result'), `通知单 ${noticeNo} 缴款 ${formatYuan(totalFen)} 元已入账`);

  // Looked up again, it is paid and cannot be confirmed twice from the page.
  await page.getByRole('button', { name: '继续确认下一张' }).click();
  await page.getByLabel('交款通知单号').fill(noticeNo);
  await page.getByRole('button', { name: '查询' }).click();
  await shows(page.getByText(/该通知单已缴款.*无需再次确认/));
  expect(await page.getByRole('button', { name: '确认缴款' }).count()).toBe(0);

  // The teller hands the payer a 交款回单.
  await printReceipt(page, page.getByRole('button', { name: '打印交款回单' }), noticeNo, totalFen, payment);
}

/** 打印交款回单 opens the receipt in a new tab: one sheet naming the notice, the amount and the bank's reference. */
export async function printReceipt(page: Page, button: Locator, noticeNo: string, totalFen: number, payment: BankPayment) {
  const opened = page.context().waitForEvent('page');
  await button.click();
  const print = await opened;
  try {
    await shows(print.getByRole('heading', { name: '维修资金交款回单' }));
    await shows(print.getByTestId('print-barcode'));
    const text = (await printSheets(print)).join('');
    for (const part of [
      noticeNo,
      payment.bankRef,
      payment.channel,
      `¥${formatYuan(totalFen)}元`,
      `人民币${amountInWords(totalFen)}`,
      '银行盖章',
    ]) {
      expect(text).toContain(part);
    }
  } finally {
    await print.close();
  }
}

/** The bank's 日终对账 for today lists the confirmation with its channel and reference. */
export async function reconciliationShows(page: Page, noticeNo: string, totalFen: number, payment: BankPayment) {
  await openMenu(page, '银行业务', '日终对账');
  await shows(page.getByRole('heading', { name: '日终对账' }));
  const row = page.locator('tr.ant-table-row').filter({ hasText: noticeNo });
  await shows(row);
  const text = await textOf(row);
  expect(text).toContain(payment.bankRef);
  expect(text).toContain(formatYuan(totalFen));
}

/** 综合查询 › 房屋查询 → the area → the building → the house's drawer (房屋信息). */
export async function openHouse(page: Page, area: string, building: string, room: string | RegExp) {
  await openMenu(page, '综合查询', '房屋查询');
  await page.getByRole('row').filter({ hasText: area }).first().click();
  await page
    .getByRole('navigation', { name: '楼幢列表' })
    .getByRole('menuitem', { name: new RegExp(`^${building}`) })
    .click();
  const cell = page.getByRole('region', { name: `${building}楼盘表` }).getByRole('button', {
    name: typeof room === 'string' ? new RegExp(`^${building}${room} `) : room,
  });
  await cell.first().click();
  const drawer = page.getByRole('dialog', { name: '房屋信息' });
  await shows(drawer.getByText('变更记录'));
  return drawer;
}

/**
 * 分户账明细 of the open house: the statement shows the deposit by its notice number, named by the
 * notice's purpose (交存, 补交, 续筹), and the balance.
 */
export async function statementShowsDeposit(page: Page, drawer: Locator, noticeNo: string, amountFen: number, label = '交存') {
  await drawer.getByRole('button', { name: '分户账明细' }).click();
  const statement = page.getByRole('dialog', { name: /^分户账明细：/ });
  const row = statement.getByRole('row').filter({ hasText: noticeNo });
  await shows(row);
  const text = await textOf(row);
  expect(text).toContain(label);
  expect(text).toContain(formatYuan(amountFen));
  await showsText(statement, /当前余额：[\d,]+\.\d{2} 元/);
  const balance = fenOf((/当前余额：([\d,.]+)/.exec(await textOf(statement)) ?? [])[1] ?? '');
  expect(balance).toBeGreaterThanOrEqual(amountFen);
  await statement.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await goes(statement);
  return balance;
}

/** The owner's name masked as the public portal shows it: 张三 → 张*, 欧阳娜娜 → 欧***. */
export const maskedName = (name: string) => `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}`;

/**
 * F-72 维修资金查询 without logging in: area → building → room and the owner's ID number. Returns the
 * result card after checking that names and ID numbers are masked.
 */
export async function publicLookup(page: Page, q: { area: string; building: string; room: string; idNumber: string }) {
  await page.goto('/fund-lookup');
  await chooseOption(page, page.getByLabel('物业区域'), q.area);
  await chooseOption(page, page.getByLabel('楼幢'), q.building);
  await chooseOption(page, page.getByLabel('房号'), ` ${q.room}`);
  await page.getByLabel('业主证件号码').fill(q.idNumber);
  await page.getByRole('button', { name: '查询' }).click();
  const result = page.getByTestId('fund-lookup-result');
  await shows(result);
  const text = await textOf(result);
  expect(text, 'the full ID number is never shown in public').not.toContain(q.idNumber);
  expect(text).toContain(`${q.idNumber.slice(0, 4)}**********${q.idNumber.slice(-4)}`);
  return result;
}

/** A 居民身份证 number with a correct check digit (GB 11643), from its first 17 digits. */
export function idCardNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

/** A house cell of the 楼盘表 shown, by building + unit + room, e.g. 3栋1单元801. */
export function gridCell(scope: Page | Locator, building: string, label: string): Locator {
  return scope.getByRole('region', { name: `${building}楼盘表` }).getByRole('button', { name: new RegExp(`^${label} `) });
}

/** Opens a building of the 楼盘表 from the building list on its left. */
export async function openBuilding(scope: Page | Locator, building: string) {
  await scope
    .getByRole('navigation', { name: '楼幢列表' })
    .getByRole('menuitem', { name: new RegExp(`^${building}`) })
    .click();
  await shows(scope.getByRole('region', { name: `${building}楼盘表` }));
}

/** 房屋查询's 楼盘表着色 switched to 交款状态 (paid / part-paid / unpaid). */
export async function colourByDeposits(page: Page) {
  await page.getByLabel('楼盘表着色').getByText('交款状态', { exact: true }).click();
}
