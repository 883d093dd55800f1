// 业务受理 › 业务总览 (SPEC §8 F-60): every business the fund office follows in one list — registry
// applications, repair projects' 立项申请, 资金拨付申请 and 清退通知单, and the 退款指令 an approved
// registry change leaves for the bank — filtered by kind, stage, area, applicant and date, each row
// opening where it is worked on. The registry change is made through the API here (its pages have
// their own specs): a 房屋注销 of a paid-up 侨城花园 3栋1单元 house (3栋 has no
// live repair project, which would refuse it), which leaves a 退款指令.
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { openMenu, screenshotFailures, shows, showsText, textOf } from './helpers.ts';
import { type Caller, callerAs, projectRow } from './project-helpers.ts';
import { selectOption } from './registry-helpers.ts';

const DEVELOPER = '江门市侨城置业有限公司';

let office: Browser;
let officeApi: Caller;
let cancellation: { id: number; no: string };

test.beforeAll(async ({ openBrowser }) => {
  const dev = await callerAs('91440703MA4WJM001Q', 'admin');
  officeApi = await callerAs('JMWXZJ', 'admin');
  const areas = await dev.get('/api/areas?pageSize=50');
  const areaId = areas.items.find((a: { name: string }) => a.name === '侨城花园')?.id;
  const houses = await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent('3栋1单元')}&status=normal&pageSize=200`);
  const house = houses.items.filter((h: { heldBy: string | null }) => h.heldBy === null).at(-1);
  expect(house, 'a free house in 侨城花园 3栋1单元').toBeTruthy();
  cancellation = await dev.send('POST', '/api/applications', { type: 'house_cancellation', areaId, form: { reason: '旧城改造拆迁' } });
  await dev.send('PUT', `/api/applications/${cancellation.id}/items/house`, {
    rows: [{ houseId: house.id, refundAccount: { accountName: '业主甲', bank: '中国工商银行江门分行', accountNo: '6222020000001234567' } }],
  });
  await dev.send('POST', `/api/applications/${cancellation.id}/submit`);
  const submitted = await officeApi.get(`/api/applications/${cancellation.id}`);
  await officeApi.send('POST', `/api/applications/${cancellation.id}/accept`, { received: submitted.requiredDocuments });
  await officeApi.send('POST', `/api/applications/${cancellation.id}/approve`);
  await dev.ctx.dispose();

  office = await openBrowser();
  office.page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
});
test.afterAll(async () => {
  await officeApi?.ctx.dispose();
  await office?.close();
});
screenshotFailures(() => [office?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('F-60 业务总览（维修资金管理部门）', () => {
  test('F-60 an application and the 退款指令 it left are found by its number; the 退款指令 waits for the bank and opens the application', async () => {
    const { page } = office;
    await loginAs(page, 'JMWXZJ', 'admin');
    await openMenu(page, '业务受理', '业务总览');
    await shows(page.getByRole('heading', { name: '业务总览' }));
    await page.getByLabel('查询').fill(cancellation.no);
    await page.getByLabel('查询').press('Enter');
    const application = projectRow(page, '房屋注销');
    await showsText(application, cancellation.no);
    await showsText(application, '已办结');
    await showsText(application, DEVELOPER);
    const refund = projectRow(page, '退款指令');
    await showsText(refund, '待银行确认');
    await showsText(refund, `业务单 ${cancellation.no}`);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(2);
    const refundNo = await textOf(refund.getByRole('link'));
    expect(refundNo).toMatch(/^TK\d+/);

    await refund.getByRole('link', { name: refundNo }).click();
    await page.waitForURL(`**/office/review/application/${cancellation.id}`);
    await showsText(page.locator('main'), cancellation.no);
  });

  test('F-60 two characters of a project’s name find its requests, as many as the server counts', async () => {
    const { page } = office;
    await openMenu(page, '业务受理', '业务总览');
    await page.getByLabel('查询').fill('屋面');
    await page.getByLabel('查询').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '屋面');
    const expected = await officeApi.get(`/api/office/inbox?q=${encodeURIComponent('屋面')}&pageSize=20`);
    expect(expected.total).toBeGreaterThan(0);
    for (const r of expected.items) expect(r.subject).toContain('屋面');
    await shows(page.getByText(`共 ${expected.total} 条`));
    // Each request shows its project, whose name holds the two characters (other journeys add roof projects too).
    expect(expected.items.map((r: { subject: string | null }) => r.subject)).toContain('1栋屋面防水翻新');
    for (const r of expected.items) await showsText(projectRow(page, r.no), r.subject);
  });

  test('F-60 by kind and stage: the disbursements the bank has transferred, as many as the server counts', async () => {
    const { page } = office;
    await openMenu(page, '业务受理', '业务总览');
    await selectOption(page, page.getByRole('combobox', { name: '业务类别' }), '资金拨付申请');
    await selectOption(page, page.getByRole('combobox', { name: '办理阶段' }), '已办结');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'disbursement' && url.searchParams.get('stage') === 'done');
    // The demo's 1栋屋面防水翻新 has had its disbursements transferred.
    const expected = await officeApi.get('/api/office/inbox?kind=disbursement&stage=done&pageSize=200');
    expect(expected.total).toBeGreaterThan(0);
    await shows(page.getByText(`共 ${expected.total} 条`));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(expected.total, 20));
    for (const r of expected.items.slice(0, 20)) {
      await showsText(projectRow(page, r.no), '资金拨付申请');
      await showsText(projectRow(page, r.no), '已办结');
    }
  });

  test('F-60 F-61 from an organisation’s page: that organisation’s business only', async () => {
    const { page } = office;
    await openMenu(page, '机构管理', '机构列表');
    await page.getByLabel('搜索机构').fill(DEVELOPER);
    await page.getByLabel('搜索机构').press('Enter');
    await projectRow(page, DEVELOPER).getByRole('link', { name: DEVELOPER }).click();
    await shows(page.getByRole('heading', { name: DEVELOPER }));
    await page.getByRole('link', { name: '查看该机构的业务' }).click();
    await shows(page.getByRole('heading', { name: '业务总览' }));
    await showsText(page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '机构' }) }), DEVELOPER);
    const expected = await officeApi.get(`/api/office/inbox?orgId=${new URL(page.url()).searchParams.get('orgId')}&pageSize=20`);
    expect(expected.total).toBeGreaterThan(0);
    await shows(page.getByText(`共 ${expected.total} 条`));
    for (const r of expected.items) await showsText(projectRow(page, r.no), DEVELOPER);
    await showsText(projectRow(page, cancellation.no), '房屋注销');
  });
});
