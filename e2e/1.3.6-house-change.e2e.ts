// 物业区域管理 › 房屋信息变更 — developer manual (seeds/001) §1.3.6. SPEC §3 F-16, R-12, F-10, R-14.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { actionButton, goes, screenshotFailures, shows, showsText, toast, uniqueSuffix } from './helpers.ts';
import {
  acceptAndApprove,
  applicationNo,
  chooseArea,
  closeDrawer,
  DEVELOPER,
  described,
  downloadBy,
  fillWorkbook,
  importSuccess,
  importThrough,
  openAreaInHouseQuery,
  openHouseDetail,
  openRegistryMenu,
  pickInGrid,
  printApplicationForm,
  readSheet,
  selectOption,
  WHOLE_WAY,
} from './registry-helpers.ts';

const AREA = '侨城花园';
const BUILDING = '3栋';
const HOUSES = ['3栋2单元1705', '3栋2单元1706'];

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

/** 建筑面积, 套内面积, 电梯 and 应交金额 of a house as 房屋查询 shows them. */
async function registered(page: Page, label: string) {
  const drawer = await openHouseDetail(page, BUILDING, label);
  const d = drawer.locator('.ant-descriptions');
  const read = {
    buildingArea: await described(d, '建筑面积'),
    innerArea: await described(d, '套内面积'),
    elevator: await described(d, '电梯'),
    use: await described(d, '房屋类型'),
    due: Number((await described(d, '应交金额')).replace(/[^\d.]/g, '')),
    history: (await drawer.locator('.ant-timeline').textContent()) ?? '',
  };
  await closeDrawer(page, drawer);
  return read;
}

const area = (text: string) => Number.parseFloat(text);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.6 房屋信息变更', () => {
  test('F-16, R-12, F-10: pick houses in the grid; change one row, 批量修改 all, 批量导出 → edit → 批量导入; a lower amount due than paid is refused until the refund account is entered; print; 受理 and 审核 re-price both houses', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;
    const suffix = uniqueSuffix();
    const [larger, cheaper] = HOUSES as [string, string];
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);

    // Before: the houses as registered.
    await openAreaInHouseQuery(page, AREA);
    const before = { larger: await registered(page, larger), cheaper: await registered(page, cheaper) };
    expect(before.larger.elevator).toBe('有');
    expect(before.cheaper.elevator).toBe('有');
    const largerArea = (area(before.larger.buildingArea) + 5).toFixed(2);
    const inner = (area(before.cheaper.buildingArea) * 0.8).toFixed(2);

    // 第一步 登录系统; 第二步 物业区域管理 › 房屋信息变更; 第三步 选择物业区域并填写变更原因.
    await openRegistryMenu(page, '房屋信息变更');
    await chooseArea(page, AREA);
    await page.getByLabel('变更原因').fill(`重新测绘，面积调整（${suffix}）`);

    // 第四步 单击“选择”, click the houses in the building's grid, 确定.
    await page.getByRole('button', { name: '选择', exact: true }).click();
    await pickInGrid(page, [{ building: BUILDING, labels: HOUSES }]);
    const after = page.getByRole('region', { name: '变更后' });
    const afterRow = (label: string) => after.getByRole('row').filter({ hasText: label });
    for (const h of HOUSES) await shows(afterRow(h));

    // 第五步（1）逐条变更: a row of 变更后 → its 建筑面积.
    await afterRow(larger).getByRole('button', { name: '修改' }).click();
    const drawer = page.getByRole('dialog', { name: `修改变更后信息：${larger}` });
    await drawer.getByLabel('建筑面积（㎡）').fill(largerArea);
    await drawer.getByRole('button', { name: '确定' }).click();
    await goes(drawer);
    await showsText(afterRow(larger), largerArea);

    // 第五步（2）批量修改: 房屋类型 for every house of 变更后.
    const bar = page.getByRole('group', { name: '批量修改' });
    await selectOption(page, bar.getByRole('combobox', { name: '房屋类型' }), '办公');
    await bar.getByRole('button', { name: '批量修改' }).click();
    await shows(toast(page, '已批量修改变更后列表中的 2 套房屋'));
    for (const h of HOUSES) await showsText(afterRow(h), '办公');

    // 第五步（3）批量导出 → in the file: 套内面积 and no elevator for one house → 批量导入.
    const exported = await downloadBy(page, '批量导出');
    const { rows } = await readSheet(exported.bytes);
    expect(rows.map((r) => `${r.楼幢名称}${r.单元}${r.房号}`)).toEqual(HOUSES);
    expect(rows.map((r) => r.房屋类型)).toEqual(['办公', '办公']);
    expect(rows[0]?.['建筑面积(㎡)']).toBe(largerArea);
    const edited = rows.map((r, i) => (i === 1 ? { ...r, '套内面积(㎡)': inner, 电梯: '无' } : r));
    await importThrough(page, '批量导入', await fillWorkbook(exported.bytes, edited, `房屋变更-${suffix}.xlsx`));
    await showsText(importSuccess(page), '已按文件更新 2 套房屋的变更后信息');
    await showsText(afterRow(cheaper), inner);

    // 第六步 保存并提交: without an elevator less is due than was paid — the refund is confirmed
    // with 确定 and its account entered.
    await actionButton(page, '保存并提交').click();
    await page.getByRole('dialog').filter({ hasText: '提交房屋信息变更业务单？' }).getByRole('button', { name: '保存并提交' }).click();
    const refundDialog = page.locator('.ant-modal-confirm').filter({ hasText: '变更涉及维修资金退款' });
    await showsText(refundDialog, '需退还维修资金');
    await refundDialog.getByRole('button', { name: '确定' }).click();
    // The account is asked for the house that gets money back, named in the dialog.
    const accountDialog = page.getByRole('dialog').filter({ hasText: `退款账户：${cheaper}` });
    await accountDialog.getByLabel('户名').fill('陈志明');
    await accountDialog.getByLabel('开户银行').fill('中国工商银行江门分行');
    await accountDialog.getByLabel('账号').fill('6222020703000033333');
    await accountDialog.getByRole('button', { name: '确定' }).click();
    // A holder who is none of the house's owners is pointed out before the application goes.
    const submitted = page.locator('.ant-alert-success').filter({ hasText: /^业务单 \S+ 已提交/ });
    const mismatch = page.locator('.ant-modal-confirm').filter({ hasText: '退款账户户名与业主不一致' });
    await shows(submitted.or(mismatch).first());
    if (await mismatch.isVisible()) await mismatch.getByRole('button', { name: '仍要提交' }).click();
    await shows(submitted);
    const no = await applicationNo(page);
    await showsText(page.locator('.ant-descriptions'), '已提交');

    // 第七步 the printed 变更申请表.
    const printed = await printApplicationForm(dev, page, '房屋信息变更申请表', no);
    for (const text of [AREA, `重新测绘，面积调整（${suffix}）`, largerArea, inner, '办公']) expect(printed).toContain(text);

    // 第八、九步 受理 and 审核, seeing 变更前 beside 变更后.
    await acceptAndApprove(office, no, '房屋信息变更');

    // The registry: the new values; the larger house owes more (补交), the other less (退款).
    // A fresh page: what was read before the approval is not shown again from the page's memory.
    await page.goto('/workspace');
    await openAreaInHouseQuery(page, AREA);
    const now = { larger: await registered(page, larger), cheaper: await registered(page, cheaper) };
    expect(now.larger.buildingArea).toBe(`${largerArea} ㎡`);
    expect(now.larger.use).toBe('办公');
    expect(now.larger.elevator).toBe('有');
    expect(now.larger.due).toBeGreaterThan(before.larger.due);
    expect(now.larger.history).toContain(no);
    expect(now.cheaper.innerArea).toBe(`${inner} ㎡`);
    expect(now.cheaper.buildingArea).toBe(before.cheaper.buildingArea);
    expect(now.cheaper.use).toBe('办公');
    expect(now.cheaper.elevator).toBe('无');
    expect(now.cheaper.due).toBeLessThan(before.cheaper.due);
  });
});
