// 设施设备查询 — owners' committee manual (seeds/000) §1.4.1: 添加设施设备, 查询设施设备, 移动设施设备.
// SPEC §6 F-30, F-31; §8 F-62 (facility types); §10 (a committee sees only its area, the office all).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { actionButton, goes, logout, openMenu, screenshotFailures, shows, showsText, toast, uniqueSuffix } from './helpers.ts';
import { openRepairRecords, settled } from './project-helpers.ts';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(async () => {
  await b?.close();
});
screenshotFailures(() => [b?.page]);

/** A node of the 安装位置 tree by its place name (the count follows in brackets). */
const place = (page: Page, name: string) =>
  page
    .getByRole('tree', { name: '安装位置' })
    .locator('.ant-tree-node-content-wrapper')
    .filter({ hasText: new RegExp(`^${name}\\(\\d+\\)$`) });

const row = (page: Page, text: string) => page.locator('.ant-table-tbody tr').filter({ hasText: text });

async function chooseType(page: Page, type: string) {
  await page.getByRole('combobox', { name: '设施设备类型' }).click();
  await page.getByRole('combobox', { name: '设施设备类型' }).fill(type);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${type}$`) })
    .click();
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.4.1 设施设备查询（业主委员会）', () => {
  test('F-30, F-31: 经办人 adds a gate at the whole area, finds the lifts of a unit and a pump’s repair record, moves the gate to a building, edits and deletes it', async () => {
    const { page } = b;
    const name = `北门岗亭${uniqueSuffix()}`;

    // 第一步、第二步: log in, 综合查询 › 设施设备查询.
    await loginAs(page, 'QCHYYWH', 'jingban');
    const asked: string[] = [];
    const recordApi = (req: { url(): string }) => {
      if (req.url().includes('/api/')) asked.push(req.url());
    };
    page.on('request', recordApi);
    await openMenu(page, '综合查询', '设施设备查询');
    await shows(page.getByRole('heading', { name: '设施设备查询' }));

    // 第三步: 物业区域 — the committee's own area, chosen for it.
    await showsText(page.locator('.ant-select').filter({ has: page.getByLabel('物业区域') }), '侨城花园');
    await shows(place(page, '侨城花园（全区共有）'));
    // Before an area is chosen the page asks the server nothing about facilities.
    page.off('request', recordApi);
    expect(asked.filter((url) => /NaN|undefined/.test(url))).toEqual([]);

    // 第四步: 安装位置 — the whole area (shared by all, e.g. the main gate).
    await place(page, '侨城花园（全区共有）').click();
    // 第五步: 类型.
    await chooseType(page, '大门');
    await goes(row(page, '中心花园'));
    await shows(row(page, '小区正门电动伸缩门'));

    // 第六步: 添加 → a new row; type its details; 保存.
    await actionButton(page, '添加').click();
    const editing = page.locator('.ant-table-tbody tr').filter({ has: page.getByLabel('设施设备名称') });
    await shows(editing);
    await actionButton(editing, '保存').click();
    await shows(page.getByText('请填写设施设备名称'));
    await editing.getByLabel('设施设备名称').fill(name);
    await editing.getByLabel('品牌型号').fill('金盾 JD-6');
    await editing.getByLabel('数量').fill('2');
    await actionButton(editing, '保存').click();
    await shows(toast(page, '设施设备添加完成'));
    const added = row(page, name);
    await shows(added);
    await showsText(added, '侨城花园（全区共有）');
    await showsText(added, '金盾 JD-6');

    // 查询设施设备: a unit's lifts.
    await chooseType(page, '电梯');
    await place(page, '1单元').first().click();
    await shows(row(page, '1号客梯'));
    await shows(row(page, '2号客梯'));
    await showsText(row(page, '1号客梯'), '侨城花园 1栋 1单元');

    // 维修记录 of a facility: the fire pump's replacement in 2022.
    await page.getByRole('combobox', { name: '设施设备类型' }).hover();
    await page
      .locator('.ant-select')
      .filter({ has: page.getByLabel('设施设备类型') })
      .locator('.ant-select-clear')
      .click();
    await place(page, '侨城花园（全区共有）').click();
    await page.getByLabel('搜索设施设备').fill('消防水泵房');
    await page.getByLabel('搜索设施设备').press('Enter');
    await showsText(row(page, '消防水泵房'), '维修记录（1）');
    const records = await openRepairRecords(page, row(page, '消防水泵房'), '消防水泵房');
    await showsText(records, '消防水泵更换');
    await showsText(records, '86,500.00');
    await page.keyboard.press('Escape');
    await goes(records);

    // 移动设施设备: tick the new gate, 移动到 1栋.
    await page.getByLabel('搜索设施设备').fill(name);
    await page.getByLabel('搜索设施设备').press('Enter');
    await shows(row(page, name));
    await row(page, name).getByRole('checkbox').check();
    await page.getByLabel('移动到').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: /^1栋$/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '移动到' });
    await settled(confirm);
    await confirm.getByRole('button', { name: '确定' }).click();
    await shows(toast(page, '已移动 1 项设施设备'));
    await goes(row(page, name));
    await place(page, '1栋').click();
    await showsText(row(page, name), '侨城花园 1栋');

    // 修改 and 删除 (a facility never in a project and without repair records).
    await row(page, name).getByRole('button', { name: '修改' }).click();
    await editing.getByLabel('数量').fill('3');
    await actionButton(editing, '保存').click();
    await shows(toast(page, '设施设备修改完成'));
    await row(page, name).getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await shows(toast(page, '设施设备已删除'));
    await goes(row(page, name));

    // The fire pump room has a repair record, so it cannot be deleted: the page says why.
    await place(page, '侨城花园（全区共有）').click();
    await page.getByLabel('搜索设施设备').fill('消防水泵房');
    await page.getByLabel('搜索设施设备').press('Enter');
    const pump = row(page, '消防水泵房');
    await showsText(pump, '维修记录（1）');
    await pump.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await shows(toast(page, '该设施设备已有 1 条维修记录，不能删除'));
    await shows(pump);
    await logout(page);
  });

  test('F-30, F-62: the office browses any area read-only and adds and disables a facility type', async () => {
    const { page } = b;
    const type = `充电桩${uniqueSuffix()}`;
    await b.context.clearCookies();
    await loginAs(page, 'JMWXZJ', 'admin');
    await openMenu(page, '综合查询', '设施设备查询');
    await shows(page.locator('.ant-empty-description').filter({ hasText: '请选择物业区域' }));
    await page.getByLabel('物业区域').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '侨城花园' }).click();
    await shows(row(page, '小区正门电动伸缩门'));
    expect(await page.getByRole('button', { name: '添加' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);

    await openMenu(page, '系统管理', '设施设备类型');
    await shows(page.getByRole('heading', { name: '设施设备类型' }));
    await page.getByRole('button', { name: '新增类型' }).click();
    const dialog = page.getByRole('dialog', { name: '新增设施设备类型' });
    await settled(dialog);
    await dialog.getByLabel('类型名称').fill(type);
    await actionButton(dialog, '保存').click();
    await shows(toast(page, `设施设备类型“${type}”已保存`));
    const typeRow = row(page, type);
    await showsText(typeRow, '启用');
    await typeRow.getByRole('button', { name: '停用' }).click();
    await shows(toast(page, `已停用“${type}”`));
    await showsText(typeRow, '停用');
  });
});
