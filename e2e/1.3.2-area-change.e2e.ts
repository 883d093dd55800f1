// 物业区域管理 › 物业区域变更 — developer manual (seeds/001) §1.3.2. SPEC §3 F-12.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { actionButton, openMenu, screenshotFailures, shows, showsText, toast, uniqueSuffix } from './helpers.ts';
import { DEVELOPER, OFFICE, openRegistryMenu, WHOLE_WAY } from './registry-helpers.ts';

const AREA = '江景豪庭';
const ORIGINAL_ADDRESS = '江门市江海区五邑路 168 号';

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

/** Waits until the area list of 综合查询 › 房屋查询 shows the area with this 地址. */
async function showsAddressInHouseQuery(page: Page, address: string) {
  await openMenu(page, '综合查询', '房屋查询');
  await shows(page.getByRole('heading', { name: '房屋查询' }));
  await page.getByLabel('搜索物业区域').fill(AREA);
  await page.getByLabel('搜索物业区域').press('Enter');
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: AREA, exact: true }) });
  await shows(row.getByRole('cell', { name: address, exact: true }));
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.2 物业区域变更', () => {
  test('F-12: only 地址 and 备注 can change; 保存 takes effect at once, without 受理 or 审核, for the developer and the fund office alike', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const newAddress = `江门市江海区五邑路 168 号之${uniqueSuffix()}`;
    const remark = '门牌经民政部门重新编定';

    // 第一步 登录系统; 第二步 物业区域管理 › 物业区域变更.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await loginAs(office.page, OFFICE.code, OFFICE.reviewer);
    await openRegistryMenu(page, '物业区域变更');
    await shows(page.getByText('请选择需要变更的物业区域'));
    await shows(page.getByText('只可变更物业区域地址和备注信息，保存后立即生效。'));

    // 第三步 选择物业区域并填写变更信息: the area's other details are shown, not editable.
    const combobox = page.getByRole('combobox', { name: '物业区域' });
    await combobox.fill(AREA);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: AREA }).click();
    const details = page.locator('.ant-descriptions');
    await showsText(details, AREA);
    await showsText(details, '江海区');
    expect(await page.getByLabel('物业区域名称').count()).toBe(0);
    const address = page.getByLabel('物业区域地址');
    expect(await address.inputValue()).toBe(ORIGINAL_ADDRESS);

    // An empty address is refused on its field.
    await address.fill('');
    await actionButton(page, '保存').click();
    await showsText(page.locator('.ant-form-item-explain-error'), '请填写物业区域地址');

    // 第四步 保存: effective at once.
    await address.fill(newAddress);
    await page.getByLabel('备注').fill(remark);
    await actionButton(page, '保存').click();
    await shows(toast(page, '物业区域变更已保存，立即生效'));
    await page.reload();
    await showsText(page.locator('.ant-descriptions'), AREA);
    expect(await page.getByLabel('物业区域地址').inputValue()).toBe(newAddress);
    expect(await page.getByLabel('备注').inputValue()).toBe(remark);

    // Nothing waits at the fund office's window: its 房屋查询 already shows the new address.
    await showsAddressInHouseQuery(office.page, newAddress);
    await showsAddressInHouseQuery(page, newAddress);

    // Changed back the same way, the original address is in force again.
    await openRegistryMenu(page, '物业区域变更');
    await combobox.fill(AREA);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: AREA }).click();
    await page.getByLabel('物业区域地址').fill(ORIGINAL_ADDRESS);
    await page.getByLabel('备注').fill('');
    await actionButton(page, '保存').click();
    await shows(toast(page, '物业区域变更已保存，立即生效'));
    await showsAddressInHouseQuery(office.page, ORIGINAL_ADDRESS);
  });
});
