// 物业区域管理 › 房屋权属批量变更 — developer manual (seeds/001) §1.3.7. SPEC §3 F-17, F-10.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { goes, screenshotFailures, shows, showsText, uniqueSuffix } from './helpers.ts';
import {
  acceptAndApprove,
  chooseArea,
  closeDrawer,
  DEVELOPER,
  idCard,
  openAreaInHouseQuery,
  openHouseDetail,
  openRegistryMenu,
  pickInGrid,
  printApplicationForm,
  saveAndSubmit,
  selectOption,
  WHOLE_WAY,
} from './registry-helpers.ts';

const AREA = '侨城花园';
const BUILDING = '4栋';
const JOINED = '4栋1单元1601';
const SOLD = '4栋1单元1602';

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

interface Owner {
  name: string;
  idNumber: string;
  phone: string;
}

/** The owners listed in the 编辑业主 dialog, one a row (a blank row counts as none). */
async function ownerNames(dialog: Locator): Promise<string[]> {
  const inputs = dialog.getByRole('textbox', { name: /^第 \d+ 位业主姓名$/ });
  const names: string[] = [];
  for (const input of await inputs.all()) names.push(await input.inputValue());
  return names.filter((n) => n.trim() !== '');
}

/** 添加 in the 编辑业主 dialog, then fills the new (last) row. */
async function addOwner(page: Page, dialog: Locator, owner: Owner) {
  const rows = dialog.getByRole('textbox', { name: /^第 \d+ 位业主姓名$/ });
  const blank = (await rows.count()) === 1 && (await rows.first().inputValue()) === '';
  if (!blank) await dialog.getByRole('button', { name: '添加', exact: true }).click();
  const n = await rows.count();
  await dialog.getByLabel(`第 ${n} 位业主姓名`).fill(owner.name);
  await selectOption(page, dialog.getByRole('combobox', { name: `第 ${n} 位业主证件类型` }), '居民身份证');
  await dialog.getByLabel(`第 ${n} 位业主证件号码`).fill(owner.idNumber);
  await dialog.getByLabel(`第 ${n} 位业主手机号`).fill(owner.phone);
}

/** The owners of a house as 房屋查询 shows them. */
async function registeredOwners(page: Page, label: string): Promise<string[]> {
  const drawer = await openHouseDetail(page, BUILDING, label);
  const table = drawer.locator('.ant-table').first();
  await shows(table);
  const names = await table.locator('tbody tr:not(.ant-table-placeholder) td:first-child').allTextContents();
  await closeDrawer(page, drawer);
  return names;
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.7 房屋权属批量变更', () => {
  test('F-17, F-10: add houses from the grid; 编辑业主 shows the registered owners, a co-owner is added to one house and the other changes hands; 保存并提交, print; 受理 and 审核 change the owners', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const coOwner: Owner = { name: `林婉清${suffix.slice(-2)}`, idNumber: idCard(31), phone: '13922223333' };
    const buyer: Owner = { name: `郑国栋${suffix.slice(-2)}`, idNumber: idCard(32), phone: '13944445555' };

    // 第一步 登录系统; 第二步 物业区域管理 › 房屋权属批量变更; 第三步 选择物业区域.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await openAreaInHouseQuery(page, AREA);
    const before = await registeredOwners(page, JOINED);
    await openRegistryMenu(page, '房屋权属批量变更');
    await chooseArea(page, AREA);

    // 第四步 添加 → 楼盘表选择框 → click the houses → 确定.
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await pickInGrid(page, [{ building: BUILDING, labels: [JOINED, SOLD] }]);
    const picked = page.getByRole('region', { name: '变更权属的房屋' });
    const rowOf = (label: string) => picked.getByRole('row').filter({ hasText: label });
    await showsText(rowOf(JOINED), '未修改');

    // 第五步 修改权属信息 → 编辑业主: the registered owners are there; 添加 a co-owner; 保存.
    await rowOf(JOINED).getByRole('button', { name: '修改权属信息' }).click();
    let dialog = page.getByRole('dialog', { name: `编辑业主：${JOINED}` });
    await shows(dialog);
    await expect.poll(() => ownerNames(dialog)).toEqual(before);
    await addOwner(page, dialog, { ...coOwner, idNumber: '440703198001011235' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await showsText(dialog.locator('.ant-form-item-explain-error'), '居民身份证号须为 18 位');
    await dialog.getByLabel(`第 ${before.length + 1} 位业主证件号码`).fill(coOwner.idNumber);
    await dialog.getByRole('button', { name: '保存' }).click();
    await goes(dialog);
    await showsText(rowOf(JOINED), [...before, coOwner.name].join('、'));

    // The other house is sold: its owners are deleted and the buyer added.
    await rowOf(SOLD).getByRole('button', { name: '修改权属信息' }).click();
    dialog = page.getByRole('dialog', { name: `编辑业主：${SOLD}` });
    await shows(dialog.locator('.ant-table'));
    for (let left = await dialog.getByRole('button', { name: '删除' }).count(); left > 0; left--) {
      await dialog.getByRole('button', { name: '删除' }).first().click();
    }
    await dialog.getByRole('button', { name: '保存' }).click();
    await showsText(dialog.getByRole('alert'), '每套房屋至少一位业主');
    await addOwner(page, dialog, buyer);
    await dialog.getByRole('button', { name: '保存' }).click();
    await goes(dialog);
    await showsText(rowOf(SOLD), buyer.name);

    // 第六步 保存并提交, and the printed 申请表.
    const no = await saveAndSubmit(page);
    const printed = await printApplicationForm(dev, page, '房屋权属批量变更申请表', no);
    for (const text of [AREA, coOwner.name, buyer.name, buyer.idNumber]) expect(printed).toContain(text);

    // 第七、八步 受理 and 审核.
    await acceptAndApprove(office, no, '房屋权属批量变更');

    // The registry's owners are the new ones.
    // A fresh page: what was read before the approval is not shown again from the page's memory.
    await page.goto('/workspace');
    await openAreaInHouseQuery(page, AREA);
    expect(await registeredOwners(page, JOINED)).toEqual([...before, coOwner.name]);
    expect(await registeredOwners(page, SOLD)).toEqual([buyer.name]);
  });
});
