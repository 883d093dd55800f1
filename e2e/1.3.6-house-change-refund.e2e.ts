// Developer manual §1.3.6 房屋信息变更, 第六步–第七步, with SPEC R-12: a change that lowers a house's
// amount due below what was paid asks at 保存并提交 to confirm the refund (“确定”) and for the refund
// account of each house (warning when its name is none of the house's owners), then offers the
// 退款申请表 beside the application form. The draft with its “after” row is
// made through the API (picking and editing houses have their own coverage).
import { request } from '@playwright/test';
import { printSheets } from './print-check.ts';
import { expect, test } from './fixtures.ts';
import { type Browser, baseUrl, DEMO_PASSWORD, loginAs } from './browser.ts';
import { actionButton, goes, screenshotFailures, shows, showsText, uniqueSuffix } from './helpers.ts';

let developer: Browser;
test.beforeAll(async ({ openBrowser }) => {
  developer = await openBrowser();
});
test.afterAll(async () => {
  await developer?.close();
});
screenshotFailures(() => [developer?.page]);

interface House {
  id: number;
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
  innerArea: number;
  use: string;
  elevator: boolean;
  salesStatus: string;
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('物业区域管理 › 房屋信息变更 (R-12 退款)', () => {
  test('R-12 F-16: 保存并提交 asks to confirm the refund and for the refund account, submits, and prints the 退款申请表', async () => {
    const api = await request.newContext({ baseURL: baseUrl() });
    const login = await api.post('/api/auth/login', {
      data: { orgCode: '91440703MA4WJM001Q', username: 'admin', password: DEMO_PASSWORD },
    });
    const headers = { 'x-csrf-token': (await login.json()).csrfToken as string };
    const areas = (await (await api.get('/api/areas?pageSize=50')).json()).items as { id: number; name: string }[];
    const areaId = areas.find((a) => a.name === '侨城花园')?.id;
    const list = (await (await api.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent('1栋')}&status=normal&pageSize=200`)).json())
      .items as House[];
    const h = list.filter((x) => x.unit === '2单元').at(-1);
    if (!h) throw new Error('demo house missing');
    const created = await api.post('/api/applications', {
      headers,
      data: { type: 'house_change', areaId, form: { reason: '重新测绘，面积减少' } },
    });
    const app = (await created.json()) as { id: number; no: string };
    const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = h;
    const after = { building, unit, floor, room, address, buildingArea: buildingArea - 1000, innerArea, use, elevator, salesStatus };
    expect(
      (await api.put(`/api/applications/${app.id}/items/house`, { headers, data: { rows: [{ houseId: h.id, after }] } })).status(),
    ).toBe(200);
    await api.dispose();

    const { page } = developer;
    await loginAs(page, '91440703MA4WJM001Q', 'admin');
    await page.goto(`/registry/house-change/${app.id}`);
    await showsText(page.locator('body'), app.no);
    await actionButton(page, '保存并提交').first().click();
    const submitDialog = page.locator('.ant-modal-confirm').filter({ hasText: '提交房屋信息变更业务单' });
    await submitDialog.getByRole('button', { name: '保存并提交' }).click();

    // 第六步 注: the refund is confirmed with “确定”, then its account is entered and confirmed.
    const refundDialog = page.locator('.ant-modal-confirm').filter({ hasText: '变更涉及维修资金退款' });
    await showsText(refundDialog, '需退还维修资金 300.00 元');
    await refundDialog.getByRole('button', { name: '确定' }).click();
    // The account is asked per house, named with its refund.
    const accountDialog = page.getByRole('dialog').filter({ hasText: `退款账户：${h.building}${h.unit}${h.room}（退款 300.00 元）` });
    await shows(accountDialog);
    const holder = `业主${uniqueSuffix()}`;
    await accountDialog.getByLabel('户名').fill(holder);
    await accountDialog.getByLabel('开户银行').fill('中国工商银行江门分行');
    await accountDialog.getByLabel('账号').fill('6222020000005566778');
    await accountDialog.getByRole('button', { name: '确定' }).click();
    // The holder is none of the house's owners: pointed out, and the developer may still submit.
    const mismatch = page.locator('.ant-modal-confirm').filter({ hasText: '退款账户户名与业主不一致' });
    await showsText(mismatch, `收款户名“${holder}”与该房屋业主`);
    await mismatch.getByRole('button', { name: '仍要提交' }).click();

    // 第七步: 打印变更申请表 & 退款申请表.
    await shows(page.locator('.ant-alert-title').filter({ hasText: `业务单 ${app.no} 已提交` }));
    const [print] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: '打印退款申请表' }).first().click(),
    ]);
    await shows(print.getByRole('heading', { name: '住宅专项维修资金退款申请表' }));
    await showsText(print.locator('.print-list td'), holder);
    await showsText(print.locator('.print-list td'), '300.00');
    // One record, one sheet, its signature boxes on it.
    expect((await printSheets(print)).length).toBe(1);
    await print.close();

    // 撤回: the application is void, and the “已提交” banner goes with it.
    await actionButton(page, '撤回').first().click();
    await page
      .locator('.ant-modal-confirm')
      .filter({ hasText: `撤回业务单 ${app.no}？` })
      .getByRole('button', { name: '撤回' })
      .click();
    await goes(page.locator('.ant-alert-title').filter({ hasText: `业务单 ${app.no} 已提交` }));
  });
});
