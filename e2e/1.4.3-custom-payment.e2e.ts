// 交款管理 › 自定义交款 — developer manual (seeds/001) §1.4.3. SPEC §5 F-22, R-31; F-23, F-70, R-22; §4; F-72.
// The only spec that prints custom notices for 江景豪庭 2栋 1单元 12th floor and 侨城花园 4栋 2单元 17th floor.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures.ts';
import { formatYuan } from '../web/src/lib/units.ts';
import type { Browser } from './browser.ts';
import { goes, logout, openMenu, screenshotFailures, shows, showsText, textOf, uniqueSuffix } from './helpers.ts';
import {
  chooseOption,
  colourByDeposits,
  confirmAtBank,
  DEVELOPER,
  gridCell,
  issuedNoticeNumbers,
  maskedName,
  OFFICE,
  openBuilding,
  openHouse,
  printNotice,
  publicLookup,
  statementShowsDeposit,
  switchUser,
} from './payment-helpers.ts';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(async () => {
  await b?.close();
});
screenshotFailures(() => [b?.page]);

/** Issuer, bank, office and public in one journey: longer than one page's steps on a busy machine. */
const JOURNEY_TIMEOUT = 240_000;

/** 第二步：交款管理 › 自定义交款; 第三步：选择交款类型 and the area. */
async function openCustomPayment(page: import('playwright-core').Page, purpose: string, area: string) {
  await openMenu(page, '交款管理', '自定义交款');
  await shows(page.getByRole('heading', { name: '自定义交款' }));
  await page.getByRole('radiogroup', { name: '交款类型' }).getByText(purpose, { exact: true }).click();
  await chooseOption(page, page.getByRole('combobox', { name: '物业区域' }), area);
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.4.3 自定义交款', () => {
  test('F-22, F-23, F-70, R-22, F-72: a 补交 notice for an amount typed by hand (bad amounts refused) is printed and confirmed at the fund POS; the house shows as part-paid in the 楼盘表 and in its statement, to the office and the public', async () => {
    test.setTimeout(JOURNEY_TIMEOUT);
    const { page, context } = b;
    const area = '江景豪庭';
    const building = '2栋';
    const amount = 100050; // 1,000.50 yuan: less than the house's amount due, so it is part-paid afterwards

    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openCustomPayment(page, '补交', area);

    // Pick one sold, unpaid house of 2栋 1单元's 12th floor in the 楼盘表 (coloured by 交款状态).
    await page.getByRole('button', { name: '选择房屋' }).click();
    const picker = page.getByRole('dialog', { name: '楼盘表选择' });
    await openBuilding(picker, building);
    const cell = picker
      .getByRole('region', { name: `${building}楼盘表` })
      .getByRole('button', { name: /^2栋1单元12\d\d 已售 未交存$/ })
      .first();
    const house = ((await cell.getAttribute('aria-label')) ?? '').split(' ')[0] as string;
    await gridCell(picker, building, house).click();
    await showsText(picker, '已选择 1 套房屋');
    await picker.getByRole('button', { name: '确定' }).click();
    await goes(picker);
    const amountInput = page.getByLabel(`${house} 金额（元）`);

    // 第三步 注：其他交款类型，勾选好房屋后直接点击“打印交款通知单” — not before every amount is right.
    const print = page.getByRole('button', { name: '打印交款通知单' });
    await print.click();
    await showsText(page.getByRole('alert'), '有 1 套房屋的金额未填写或不正确，请修改后再打印');
    await showsText(page.locator('.ant-table'), '请填写金额');
    await amountInput.fill('1000.505');
    await showsText(page.locator('.ant-table'), '金额须为非负金额，最多 2 位小数');
    await amountInput.fill('0');
    await showsText(page.locator('.ant-table'), '金额须大于 0');
    await amountInput.fill('1000.50');
    await print.click();
    const dialog = page.getByRole('dialog', { name: '交款通知单' });
    await showsText(dialog, '已生成 1 张交款通知单');
    const [noticeNo] = await issuedNoticeNumbers(dialog);

    // 第四步：在通知单页面单击“打印”.
    const printed = await printNotice(context, dialog, noticeNo as string, amount);
    expect(printed).toContain('人民币壹仟元伍角整');
    expect(printed).toContain('补交');
    expect(printed).toContain(house);
    await dialog.getByTestId('issued-notices').getByRole('button', { name: '关闭' }).click();
    await goes(dialog);

    // 第五步、第六步：paid at a fund POS, confirmed by the bank.
    await confirmAtBank(page, noticeNo as string, amount, { channel: '维修资金专用POS机', bankRef: `POS${uniqueSuffix()}` });

    // The developer: the house is part-paid (部分交存) in the 楼盘表, and its statement shows the 1,000.50.
    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openMenu(page, '综合查询', '房屋查询');
    await page.getByRole('row').filter({ hasText: area }).first().click();
    await colourByDeposits(page);
    await openBuilding(page, building);
    expect(await gridCell(page, building, house).getAttribute('aria-label')).toMatch(/部分交存$/);
    await gridCell(page, building, house).click();
    const drawer = page.getByRole('dialog', { name: '房屋信息' });
    await shows(drawer.getByText('变更记录'));
    const owner = drawer.locator('.ant-table-tbody tr').first();
    const ownerName = await textOf(owner.getByRole('cell').nth(0));
    const idNumber = await textOf(owner.getByRole('cell').nth(2));
    expect(await statementShowsDeposit(page, drawer, noticeNo as string, amount, '补交')).toBe(amount);

    // The office's view of the same account.
    await switchUser(page, OFFICE.code, OFFICE.admin);
    const officeDrawer = await openHouse(page, area, building, house.replace(building, ''));
    expect(await statementShowsDeposit(page, officeDrawer, noticeNo as string, amount, '补交')).toBe(amount);
    await page.goto('/workspace');
    await logout(page);

    // F-72: the public lookup shows the 1,000.50 deposited, the owner masked.
    const result = await publicLookup(page, { area, building, room: house.slice(-4), idNumber });
    await showsText(result.locator('.ant-statistic').filter({ hasText: '已交金额' }), formatYuan(amount));
    await showsText(result, maskedName(ownerName));
    // The statement names the movement by the notice's purpose: this one collected a 补交.
    await showsText(result.getByRole('row').filter({ hasText: noticeNo as string }), '补交');
  });

  test('F-22, R-14: 续筹交款 amounts go out to Excel with 导出 and come back with 导入 (a bad workbook is refused whole, its errors listed and marked in a download), then one notice per house is printed', async () => {
    const { page, context } = b;
    const area = '侨城花园';
    const building = '4栋';
    const houses = ['4栋2单元1707', '4栋2单元1708'];
    const amounts = [123456, 98700]; // 1,234.56 and 987.00 yuan

    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openCustomPayment(page, '续筹交款', area);
    await page.getByRole('button', { name: '选择房屋' }).click();
    const picker = page.getByRole('dialog', { name: '楼盘表选择' });
    await openBuilding(picker, building);
    for (const h of houses) await gridCell(picker, building, h).click();
    await picker.getByRole('button', { name: '确定' }).click();
    await goes(picker);

    // 注：先“导出”勾选的房屋信息 — an Excel workbook, one row per house, 金额(元) to fill in …
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('续筹交款房屋_2套.xlsx');
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.readFile((await download.path()) as string);
    const sheet = exported.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, '房屋编号', '楼幢', '单元', '房号', '金额(元)']);
    expect(sheet.rowCount).toBe(3);
    const rooms = [2, 3].map((r) => `${sheet.getCell(r, 2).value}${sheet.getCell(r, 3).value}${sheet.getCell(r, 4).value}`);
    expect(rooms.sort()).toEqual([...houses].sort());

    // … 然后“导入”修改后的房屋信息: a workbook with a bad amount changes nothing and says where it is wrong.
    const upload = async (name: string, values: (string | number)[]) => {
      const rowOf = (house: string) => 2 + rooms.indexOf(house);
      houses.forEach((h, i) => {
        sheet.getCell(rowOf(h), 5).value = values[i] as string | number;
      });
      const path = join(tmpdir(), `${uniqueSuffix()}-${name}`);
      await exported.xlsx.writeFile(path);
      await page.getByLabel('导入文件').setInputFiles(path);
    };
    // The server reads it: the error by row and column, and the whole file marked up to download.
    await upload('bad.xlsx', ['1234.56', '九百八十七']);
    const refused = page.getByRole('alert').filter({ hasText: /^导入文件有 1 处错误，未导入任何数据/ });
    await shows(refused);
    const errors = page.getByRole('region', { name: '导入错误' });
    await showsText(errors.getByRole('row').filter({ hasText: '金额(元)' }), '金额“九百八十七”须为非负金额，最多 2 位小数');
    for (const h of houses) expect(await page.getByLabel(`${h} 金额（元）`).inputValue()).toBe('');
    const annotated = page.waitForEvent('download');
    await refused.getByRole('button', { name: '下载标注文件' }).click();
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.readFile((await (await annotated).path()) as string);
    expect(marked.getWorksheet('错误清单')?.getRow(2).getCell(3).text).toContain('九百八十七');

    // Amounts typed as text with a thousands separator or as numbers both come back exactly.
    await upload('good.xlsx', ['1,234.56', 987]);
    await showsText(page.getByText(/^共 2 套，合计/), '2,221.56');
    expect(await page.getByLabel(`${houses[0]} 金额（元）`).inputValue()).toBe('1234.56');
    expect(await page.getByLabel(`${houses[1]} 金额（元）`).inputValue()).toBe('987.00');
    expect(await page.getByRole('alert').filter({ hasText: '导入文件有' }).count()).toBe(0);

    // 最后打印通知单: one notice per house, each for its imported amount.
    await page.getByRole('button', { name: '打印交款通知单' }).click();
    const dialog = page.getByRole('dialog', { name: '交款通知单' });
    await showsText(dialog, '已生成 2 张交款通知单');
    const numbers = await issuedNoticeNumbers(dialog);
    expect(numbers).toHaveLength(2);
    const totals = await Promise.all(
      numbers.map(async (no) => {
        const res = await page.request.get(`/api/notices/${encodeURIComponent(no)}`);
        return ((await res.json()) as { total: number }).total;
      }),
    );
    expect([...totals].sort((x, y) => x - y)).toEqual([...amounts].sort((x, y) => x - y));
    const no = numbers[totals.indexOf(amounts[0] as number)] as string;
    const printed = await printNotice(context, dialog, no, amounts[0] as number);
    expect(printed).toContain('续筹交款');
    expect(printed).toContain(houses[0]);
  });
});
