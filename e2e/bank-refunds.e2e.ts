// The custodian bank's 退款确认 — SPEC §9 F-70 (“execute/confirm transfers for … house refunds”)
// with §3 R-13: a house cancellation approved by the office refunds the house's balance; the
// developer prints the 退款申请表, the bank teller finds the refund instruction and confirms the
// payout. The application is made through the API (the registry pages have their own specs).
import { type APIRequestContext, request } from '@playwright/test';
import { printSheets } from './print-check.ts';
import { expect, test } from './fixtures.ts';
import { type Browser, baseUrl, DEMO_PASSWORD, loginAs } from './browser.ts';
import { goes, openMenu, screenshotFailures, shows, showsText, toast, uniqueSuffix } from './helpers.ts';

let teller: Browser;
let developer: Browser;
const apis: APIRequestContext[] = [];

/** A logged-in API client: the session cookie stays in the context, the CSRF token goes in a header. */
async function apiAs(orgCode: string, username: string) {
  const ctx = await request.newContext({ baseURL: baseUrl() });
  apis.push(ctx);
  const login = await ctx.post('/api/auth/login', { data: { orgCode, username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const csrf = (await login.json()).csrfToken as string;
  const call = async (method: 'get' | 'post' | 'put', url: string, data?: unknown) => {
    const res = await ctx[method](url, { data, headers: { 'x-csrf-token': csrf } });
    const body = await res.json();
    if (res.status() >= 300) throw new Error(`${method} ${url}: ${res.status()} ${JSON.stringify(body)}`);
    return body;
  };
  return call;
}

test.beforeAll(async ({ openBrowser }) => {
  teller = await openBrowser();
  developer = await openBrowser();
});
test.afterAll(async () => {
  for (const a of apis) await a.dispose();
  await teller?.close();
  await developer?.close();
});
screenshotFailures(() => [teller?.page, developer?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('银行业务 › 退款确认', () => {
  test('F-70 R-13: the developer prints the 退款申请表 of an approved cancellation; the teller confirms the payout and the instruction moves to 已付款', async () => {
    const dev = await apiAs('91440703MA4WJM001Q', 'admin');
    const acceptor = await apiAs('JMWXZJ', 'shouli');
    const reviewer = await apiAs('JMWXZJ', 'shenhe');
    const areas = (await dev('get', '/api/areas?pageSize=50')).items as { id: number; name: string }[];
    const areaId = areas.find((a) => a.name === '侨城花园')?.id;
    // 3栋1单元 is in no repair project (a live project's houses cannot be cancelled, R-52); its first
    // free house, far from the ones the registry specs take.
    const houses = (await dev('get', `/api/areas/${areaId}/houses?q=${encodeURIComponent('3栋1单元')}&status=normal&pageSize=200`))
      .items as {
      id: number;
      unit: string;
      floor: number;
      heldBy: string | null;
    }[];
    const house = houses.filter((h) => h.unit === '1单元' && h.heldBy === null).at(0);
    if (!house) throw new Error('demo house missing');
    const accountName = `业主${uniqueSuffix()}`;
    const app = await dev('post', '/api/applications', { type: 'house_cancellation', areaId, form: { reason: '旧城改造拆迁' } });
    await dev('put', `/api/applications/${app.id}/items/house`, {
      rows: [{ houseId: house.id, refundAccount: { accountName, bank: '中国工商银行江门分行', accountNo: '6222020000009988776' } }],
    });
    await dev('post', `/api/applications/${app.id}/submit`);
    // 受理 at the window ticks every required document (F-62).
    const { documents } = await acceptor('get', '/api/required-documents?type=house_cancellation');
    await acceptor('post', `/api/applications/${app.id}/accept`, { note: '', received: documents });
    const approved = await reviewer('post', `/api/applications/${app.id}/approve`);
    const [refund] = approved.outcome.fund.refunds as { no: string; amount: number }[];
    expect(refund?.no).toMatch(/^TK\d+$/);
    const refundNo = refund?.no as string;

    // The developer's 退款申请表 names the refund instruction and the account.
    await loginAs(developer.page, '91440703MA4WJM001Q', 'admin');
    await developer.page.goto(`/print/refund/${app.id}`);
    await shows(developer.page.getByRole('heading', { name: '住宅专项维修资金退款申请表' }));
    await showsText(developer.page.locator('.print-list td'), refundNo);
    await showsText(developer.page.locator('.print-list td'), accountName);
    expect((await printSheets(developer.page)).length).toBe(1);

    // The teller finds it among the pending refunds and confirms the payout.
    const { page } = teller;
    await loginAs(page, 'ICBCJM', 'teller01');
    await openMenu(page, '银行业务', '退款确认');
    const row = page.getByRole('row').filter({ hasText: refundNo });
    await shows(row);
    await showsText(row, accountName);
    await row.getByRole('button', { name: `确认付款 ${refundNo}` }).click();
    const dialog = page.getByRole('dialog');
    await shows(dialog.getByText(`确认付款：${refundNo}`));
    await dialog.getByLabel('银行流水号').fill(`E2E-${refundNo}`);
    await dialog.getByRole('button', { name: /确认付款$/ }).click();
    await shows(toast(page, `退款指令 ${refundNo} 付款`));
    await goes(page.getByRole('row').filter({ hasText: refundNo }));

    await page.getByLabel('状态').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已付款' }).click();
    const paid = page.getByRole('row').filter({ hasText: refundNo });
    await shows(paid);
    await showsText(paid, '已付款');
  });
});
