// The fund office's 资金管理: 统计报表 (SPEC §8 F-63, R-31) and 增值收益分配 (F-64). The only spec that allocates interest.
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { formatYuan } from '../web/src/lib/units.ts';
import type { Browser } from './browser.ts';
import { menuItem, openMenu, screenshotFailures, shows, showsText, textOf } from './helpers.ts';
import { fenOf, OFFICE, switchUser } from './payment-helpers.ts';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(async () => {
  await b?.close();
});
screenshotFailures(() => [b?.page]);

/** A calendar day in Beijing, `days` from today, as YYYY-MM-DD. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function pickDate(page: Page, placeholder: string, day: string) {
  const input = page.getByPlaceholder(placeholder);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

async function enterPeriod(page: Page, from: string, to: string, yuan: string) {
  await pickDate(page, '开始日期', from);
  await pickDate(page, '结束日期', to);
  await page.getByLabel('增值收益金额（元）').fill(yuan);
  await page.getByRole('button', { name: '试算' }).click();
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('资金管理（维修资金管理中心）', () => {
  test('F-63, R-31, R-52: 统计报表 shows the city and every area, the balance as 已交 − 退款 − 支出 + 收益, a chart and a table of the months, the houses flagged for 续筹, and exports it all to Excel', async () => {
    const { page } = b;
    await switchUser(page, OFFICE.code, OFFICE.admin);
    await openMenu(page, '资金管理', '统计报表');
    await shows(page.getByRole('heading', { name: '统计报表' }));

    const city = page.getByRole('region', { name: '全市合计' });
    const figure = async (title: string) =>
      (await textOf(city.locator('.ant-statistic').filter({ hasText: title }))).replace(title, '').trim();
    await shows(city.locator('.ant-statistic').first());
    const deposited = fenOf(await figure('已交金额（元）'));
    const due = fenOf(await figure('应交金额（元）'));
    expect(deposited).toBeGreaterThan(0);
    expect(deposited).toBeLessThan(due); // the demo leaves 侨城花园 5栋 and 江景豪庭 unpaid
    expect(await figure('交存率')).toMatch(/^\d{1,2}\.\d{2}%$/);
    // the balance is explained by the flows, each as the city figures show it.
    const refunded = fenOf(await figure('退款（元）'));
    const disbursed = fenOf(await figure('支出（元）'));
    const income = fenOf(await figure('收益（元）'));
    const balance = fenOf(await figure('余额（元）'));
    expect(deposited - refunded - disbursed + income).toBe(balance);
    await showsText(
      city.getByLabel('余额核对'),
      `已交 ${formatYuan(deposited)} 元 − 退款 ${formatYuan(refunded)} 元 − 支出 ${formatYuan(disbursed)} 元 + 收益 ${formatYuan(income)} 元 = 余额 ${formatYuan(balance)} 元`,
    );

    const areas = page.getByRole('region', { name: '按物业区域' });
    for (const name of ['侨城花园', '江景豪庭']) await shows(areas.getByRole('row').filter({ hasText: name }));
    const rows = await areas
      .locator('tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const areaDeposits = rows.reduce((sum, cells) => sum + fenOf(cells[5] ?? ''), 0);
    expect(areaDeposits, 'the areas add up to the city').toBe(deposited);

    // The chart: twelve months of bars, this month's deposits among them.
    const chart = page.getByRole('img', { name: '按月交存与支出' });
    await shows(chart);
    expect(await chart.locator('rect[aria-label*="交存"]').count()).toBe(12);
    expect(await chart.locator('rect[aria-label*="支出"]').count()).toBe(12);
    const month = chinaDay(0).slice(0, 7);
    const bar = (await chart.locator(`rect[aria-label^="${month} 交存"]`).getAttribute('aria-label')) ?? '';
    const barDeposits = fenOf((/交存 ([\d,.]+) 元/.exec(bar) ?? [])[1] ?? '');
    expect(barDeposits).toBeGreaterThan(0);

    // The month table: this month as the chart shows it, and a 合计 equal to the city.
    const months = page.getByRole('region', { name: '按月明细' });
    const monthRow = months.getByRole('row').filter({ hasText: month });
    expect(fenOf(await textOf(monthRow.getByRole('cell').nth(1)))).toBe(barDeposits);
    const sum = months.locator('.ant-table-summary').getByRole('cell');
    expect(fenOf(await textOf(sum.nth(1)))).toBe(deposited);

    // the flagged list has as many houses as the city figure says.
    const flagged = Number((await figure('续筹提示（户）')).replace(/,/g, ''));
    const list = page.getByRole('region', { name: '续筹提示房屋' });
    if (flagged === 0) await shows(list.getByText('没有需要续筹的房屋'));
    else await showsText(list.locator('.ant-pagination'), `共 ${flagged} 条`);

    // 导出 Excel: the workbook has the same figures.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('维修资金统计.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按物业区域', '按月交存与支出', '续筹提示房屋']);
    const sheet = wb.getWorksheet('按物业区域');
    const total = sheet?.getRow(sheet.rowCount);
    expect(total?.getCell(2).value).toBe('全市合计');
    expect(total?.getCell(6).value, 'money as a number in yuan').toBe(deposited / 100);
    expect((wb.getWorksheet('续筹提示房屋')?.rowCount ?? 0) - 1).toBe(flagged);
  });

  test('F-63, F-64: the reviewer sees 统计报表 but not 增值收益分配; the window clerk sees neither', async () => {
    const { page } = b;
    await switchUser(page, OFFICE.code, 'shenhe');
    await shows(menuItem(page, '工作台'));
    await openMenu(page, '资金管理', '统计报表');
    await shows(page.getByRole('heading', { name: '统计报表' }));
    expect(await menuItem(page, '增值收益分配').count()).toBe(0);
    await switchUser(page, OFFICE.code, 'shouli');
    await shows(menuItem(page, '工作台'));
    expect(await menuItem(page, '资金管理').count()).toBe(0);
    await page.goto('/office/interest');
    await shows(page.getByText('无权访问', { exact: true }));
  });

  test('F-64: 增值收益分配 checks the form, previews the shares by area, allocates once, answers a repeat without posting again, and refuses an overlapping period', async () => {
    test.setTimeout(180_000);
    const { page, context } = b;
    await switchUser(page, OFFICE.code, OFFICE.admin);
    await openMenu(page, '资金管理', '增值收益分配');
    await shows(page.getByRole('heading', { name: '增值收益分配' }));
    const errors = page.locator('.ant-form-item-explain-error');

    // Every field is required; the end must follow the start; the amount is yuan with at most 2 decimals.
    await page.getByRole('button', { name: '试算' }).click();
    for (const m of ['请选择开始日期', '请选择结束日期', '请填写增值收益金额']) await showsText(errors, m);
    await enterPeriod(page, chinaDay(10), chinaDay(5), '12.345');
    await showsText(errors, '结束日期须晚于开始日期');
    await showsText(errors, '增值收益金额须为非负金额，最多 2 位小数');

    // A period before any deposit has nothing to share: the server says so.
    await enterPeriod(page, '2020-01-01', '2020-12-31', '100');
    await shows(page.getByText('该期间没有有余额的分户账，无法分配').first());

    // 试算: the shares by area add up to the amount, to the fen.
    const from = chinaDay(0);
    const to = chinaDay(90);
    await enterPeriod(page, from, to, '12345.67');
    const preview = page.getByTestId('interest-preview');
    await showsText(preview, `${from} 至 ${to}`);
    const summary = preview.locator('.ant-table-summary');
    await showsText(summary, '12,345.67');
    const houses = Number(await textOf(preview.locator('.ant-descriptions-item-content').nth(2)));
    expect(houses, 'every house with money in the period shares').toBeGreaterThan(500);
    await shows(preview.getByRole('row').filter({ hasText: '侨城花园' }));

    // 确认分配 posts it once.
    await preview.getByRole('button', { name: '确认分配' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: `确认分配 ${from} 至 ${to} 的增值收益？` });
    await confirm.getByRole('button', { name: '确认分配' }).click();
    await shows(page.getByText('增值收益分配完成'));
    await showsText(page.locator('.ant-result'), `12,345.67 元已分配到 ${houses} 户分户账`);
    const history = page
      .locator('.ant-card')
      .filter({ hasText: '已分配期间' })
      .getByRole('row')
      .filter({ hasText: `${from} 至 ${to}` });
    await showsText(history, '12,345.67');

    // The same period again: the preview says it is done, and confirming changes nothing.
    await page.getByRole('button', { name: '试算' }).click();
    await showsText(preview.getByRole('alert'), `${from} 至 ${to} 已于`);
    await showsText(preview.getByRole('alert'), '再次确认不会重复入账');
    await preview.getByRole('button', { name: '确认分配' }).click();
    await confirm.getByRole('button', { name: '确认分配' }).click();
    await shows(page.getByText('该期间此前已分配，本次未重复入账'));
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: `${from} 至 ${to}` })
        .count(),
    ).toBe(1);

    // Another amount for it, or a period sharing a day with it, cannot be allocated.
    await enterPeriod(page, from, to, '1');
    await showsText(preview.getByRole('alert'), '该期间不能以其他金额再次分配');
    expect(await preview.getByRole('button', { name: '确认分配' }).isDisabled()).toBe(true);
    await enterPeriod(page, chinaDay(90), chinaDay(120), '100');
    await showsText(preview.getByRole('alert'), `与已分配的 ${from} 至 ${to} 重叠`);
    expect(await preview.getByRole('button', { name: '确认分配' }).isDisabled()).toBe(true);

    // The server refuses the overlap too, whatever the page allows.
    const csrf = await page.evaluate(() =>
      fetch('/api/auth/session')
        .then((r) => r.json())
        .then((s: { csrfToken?: string }) => s.csrfToken ?? ''),
    );
    const res = await context.request.post('/api/office/interest', {
      data: { from: chinaDay(90), to: chinaDay(120), amount: 10000 },
      headers: { 'x-csrf-token': csrf },
    });
    expect(res.status()).toBe(409);
  });
});
