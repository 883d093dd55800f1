// 物业区域管理 › 房屋注销 — developer manual (seeds/001) §1.3.8. SPEC §3 F-18, R-13, R-10, F-10.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { actionButton, goes, screenshotFailures, shows, showsText, textOf, uniqueSuffix } from './helpers.ts';
import {
  acceptAndApprove,
  chooseArea,
  closeDrawer,
  DEVELOPER,
  described,
  gridCell,
  openAreaInHouseQuery,
  openHouseDetail,
  openRegistryMenu,
  printApplicationForm,
  saveAndSubmit,
  showBuilding,
  WHOLE_WAY,
} from './registry-helpers.ts';

const AREA = '侨城花园';
// 3栋: the houses of 1栋, 2栋 and 6栋 are in live repair projects, which refuse 注销.
const BUILDING = '3栋';
const IN_GRID = '3栋1单元1503';
const IN_LIST = '3栋1单元1504';

let dev: Browser;
let office: Browser;
test.beforeAll(async ({ openBrowser }) => {
  dev = await openBrowser();
  office = await openBrowser();
});
test.afterAll(async () => {
  await office?.close();
  await dev?.close();
});
screenshotFailures(() => [dev?.page, office?.page]);

/** 退款账户 of one picked house: 户名, 开户银行, 账号, 确定. */
async function refundAccount(page: Page, label: string, name: string, accountNo: string) {
  await page
    .getByRole('region', { name: '注销的房屋' })
    .getByRole('row')
    .filter({ hasText: label })
    .getByRole('button', { name: '退款账户' })
    .click();
  const dialog = page.getByRole('dialog', { name: `退款账户：${label}` });
  await dialog.getByLabel('户名').fill(name);
  await dialog.getByLabel('开户银行').fill('中国工商银行江门分行');
  await dialog.getByLabel('账号').fill('12');
  await dialog.getByRole('button', { name: '确定' }).click();
  await showsText(dialog.locator('.ant-form-item-explain-error'), '银行账号须为 8–30 位数字');
  await dialog.getByLabel('账号').fill(accountNo);
  await dialog.getByRole('button', { name: '确定' }).click();
  await goes(dialog);
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.8 房屋注销', () => {
  test('F-18, R-13, R-10, F-10: reason, houses from the grid and the list; refused without refund accounts, submitted with them and held from other applications; print; 受理 and 审核 make them 已注销', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const reason = `旧城改造拆迁（${suffix}）`;

    // 第一步 登录系统; 第二步 物业区域管理 › 房屋注销; 第三步 选择物业区域并填写注销原因.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await openRegistryMenu(page, '房屋注销');
    await chooseArea(page, AREA);
    await page.getByLabel('注销原因').fill(reason);

    // 第四步 添加: one house clicked in the grid, one ticked after 切换列表; 确定.
    await page.getByRole('button', { name: '添加', exact: true }).click();
    const picker = page.getByRole('dialog', { name: '楼盘表选择' });
    await showBuilding(picker, BUILDING);
    await gridCell(picker, IN_GRID).click();
    await expect.poll(() => gridCell(picker, IN_GRID).getAttribute('aria-pressed')).toBe('true');
    await picker.getByRole('button', { name: '切换列表' }).click();
    await picker.getByLabel('查询房屋').fill('1504');
    await picker.getByLabel('查询房屋').press('Enter');
    await picker.getByRole('checkbox', { name: `选择 ${IN_LIST}` }).check();
    await showsText(picker.locator('.ant-modal-footer'), '已选择 2 套房屋');
    await picker.getByRole('button', { name: '确定', exact: true }).click();
    await goes(picker);
    const picked = page.getByRole('region', { name: '注销的房屋' });
    for (const h of [IN_GRID, IN_LIST]) await showsText(picked, h);

    // the remaining balance goes back to the owner — without a refund account it cannot be submitted.
    await actionButton(page, '保存并提交').click();
    await page.getByRole('dialog').filter({ hasText: '提交房屋注销业务单？' }).getByRole('button', { name: '保存并提交' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '业务单尚不完整，不能提交' });
    await showsText(refused, '请填写退款账户');
    await showsText(refused, IN_GRID);
    // The list shows that balance — what the owner gets back — beside the house, not its amount due.
    const balance = (new RegExp(`${IN_GRID} 余额 ([\\d,.]+) 元`).exec(await textOf(refused)) ?? [])[1];
    expect(balance).toMatch(/^[\d,]+\.\d{2}$/);
    await showsText(picked.getByRole('row').filter({ hasText: IN_GRID }), balance as string);
    await shows(picked.getByRole('columnheader', { name: '退还余额(元)' }));
    await showsText(page.locator('.ant-descriptions').first(), '草稿');

    // A refund account per house.
    await refundAccount(page, IN_GRID, '业主甲', '6222020703000011111');
    await refundAccount(page, IN_LIST, '业主乙', '6222020703000022222');
    await showsText(picked.getByRole('row').filter({ hasText: IN_GRID }), '6222020703000011111');

    // 第五步 保存并提交, and the printed 申请表.
    const no = await saveAndSubmit(page);
    const printed = await printApplicationForm(dev, page, '房屋注销申请表', no);
    for (const text of [AREA, reason, '6222020703000011111', '6222020703000022222']) expect(printed).toContain(text);

    // while it is open, another application cannot pick these houses.
    await page.goto('/workspace');
    await openRegistryMenu(page, '房屋注销');
    await chooseArea(page, AREA);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await showBuilding(picker, BUILDING);
    const held = picker.getByRole('button', { name: `${IN_GRID} 办理中（${no}）` });
    await shows(held);
    expect(await held.getAttribute('aria-disabled')).toBe('true');
    await held.click({ force: true });
    expect(await held.getAttribute('aria-pressed')).toBe('false');
    await showsText(picker.locator('.ant-modal-footer'), '已选择 0 套房屋');
    await picker.getByRole('button', { name: '取消', exact: true }).click();
    await goes(picker);

    // 第六、七步 受理 and 审核.
    const review = await acceptAndApprove(office, no, '房屋注销');
    await showsText(review.getByRole('region', { name: '注销的房屋' }), IN_LIST);

    // The registry: both houses 已注销 in the 楼盘表 and in their details.
    await openAreaInHouseQuery(page, AREA);
    await showBuilding(page, BUILDING);
    for (const h of [IN_GRID, IN_LIST]) {
      await shows(page.getByRole('button', { name: `${h} 已注销` }));
      const drawer = await openHouseDetail(page, BUILDING, h);
      expect(await described(drawer.locator('.ant-descriptions'), '状态')).toBe('已注销');
      await showsText(drawer, `房屋注销：${reason}`);
      await showsText(drawer, `业务单号：${no}`);
      await closeDrawer(page, drawer);
    }
    await shows(page.getByRole('button', { name: /^3栋1单元1502 已售|^3栋1单元1502 未售/ }));
  });
});
