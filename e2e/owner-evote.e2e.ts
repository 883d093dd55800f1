// SPEC §11 F-82, R-81, R-82 电子投票. On a phone (375×812) a demo owner of 侨城花园 1栋 logs in, votes on
// the demo project 1栋1单元楼梯间防火门更换 (server/src/demo/projects.ts opens its e-vote), changes the vote
// and checks both receipts. On the desktop the committee opens an e-vote on a project of its own, watches
// the turnout (never the direction), and prints the 表决结果公告 of a vote that has ended, with its totals
// and the ballot chain's final hash. Projects are made through the API on 1栋1单元, the unit the demo's
// lift project already covers (R-52: registry specs leave it alone).
import type { APIRequestContext, Page } from '@playwright/test';
import { request } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, baseUrl, DEMO_PASSWORD, loginAs } from './browser.ts';
import { screenshotFailures, shows, showsText, textOf, toast, uniqueSuffix } from './helpers.ts';
import { beijingDay, type Caller, callerAs, confirmStep, type Json, printFrom } from './project-helpers.ts';

/** The second demo owner bound online (README): 侨城花园 1栋1单元. */
const OWNER_ID = '440704198812277657';
const DEMO_PROJECT = '1栋1单元楼梯间防火门更换';
const suffix = uniqueSuffix();

let owner: Browser;
let committee: Browser;
let api: Caller;
test.beforeAll(async ({ openBrowser }) => {
  owner = await openBrowser();
  await owner.page.setViewportSize({ width: 375, height: 812 });
  committee = await openBrowser();
  api = await callerAs('QCHYYWH', 'weiyuan');
});
test.afterAll(async () => {
  await owner?.close();
  await committee?.close();
});
screenshotFailures(() => [owner?.page, committee?.page]);

/** An owner's own API session, as the owner page holds it. */
async function ownerApi(idNumber: string) {
  const ctx: APIRequestContext = await request.newContext({ baseURL: baseUrl() });
  const login = await ctx.post('/api/owner/login', { data: { idNumber, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = await login.json();
  return {
    get: async (path: string): Promise<Json> => (await ctx.get(path)).json(),
    vote: async (body: unknown) => {
      const res = await ctx.post('/api/owner/evote-ballots', { data: body, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), await res.text()).toBe(200);
      return res.json();
    },
  };
}

/** A general project over 1栋1单元's fire hydrants with its initiation notice published: ready to vote on. */
async function noticedProject(name: string): Promise<number> {
  const areas = await api.get('/api/public/areas');
  const areaId = areas.items.find((a: { name: string }) => a.name === '侨城花园')?.id as number;
  const found = await api.get(`/api/areas/${areaId}/facilities?q=${encodeURIComponent('室内消火栓')}&pageSize=50`);
  const facility = found.items.find((f: { locationLabel: string }) => f.locationLabel.includes('1栋 1单元'));
  expect(facility, '1栋1单元 室内消火栓 in the demo facilities').toBeTruthy();
  const created = await api.send('POST', '/api/projects', { type: 'general', name, description: '消火栓箱及阀门锈蚀' });
  await api.send('PUT', `/api/projects/${created.id}/items`, {
    items: [
      { facilityId: facility.id, content: '更换消火栓阀门及水带', contractor: '江门市消防工程有限公司', remark: '', budget: 360_000 },
    ],
  });
  await api.send('POST', `/api/projects/${created.id}/apportion`);
  await api.send('PUT', `/api/projects/${created.id}/plan`, { phases: [{ amount: 360_000, condition: '验收合格' }] });
  await api.send('POST', `/api/projects/${created.id}/notices`, { kind: 'initiation', deadline: beijingDay(8), content: '' });
  return created.id as number;
}

async function ownerLogin(page: Page) {
  await page.goto('/owner/login');
  const login = page.getByTestId('owner-login');
  await login.getByLabel('证件号码').fill(OWNER_ID);
  await login.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await login.getByRole('button', { name: /登\s*录/ }).click();
  await shows(page.getByTestId('owner-votes'));
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('业主服务 › 投票（手机）', () => {
  test('F-82 R-82 a demo owner votes on a phone, changes the vote, and checks that the receipt is counted as cast', async () => {
    const { page } = owner;
    await ownerLogin(page);
    const card = page.getByTestId('owner-vote').filter({ hasText: DEMO_PROJECT });
    await showsText(card, '投票中');
    await showsText(card, '尚未投票');

    await card.locator('.ant-radio-button-wrapper', { hasText: '同意' }).click();
    await card.getByRole('button', { name: /提交投票/ }).click();
    await showsText(card.getByTestId('owner-vote-current'), '当前意见：同意');
    const first = /回执码\s*([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})/.exec(await textOf(card.getByTestId('owner-vote-current')))?.[1];
    expect(first).toBeTruthy();

    await card.locator('.ant-radio-button-wrapper', { hasText: '反对' }).click();
    await card.getByRole('button', { name: /修改投票/ }).click();
    await showsText(card.getByTestId('owner-vote-current'), '当前意见：反对');
    const second = /回执码\s*([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})/.exec(await textOf(card.getByTestId('owner-vote-current')))?.[1];
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);

    // 查验回执: the latest ballot is counted as cast; the first one says it was replaced.
    const receipt = page.getByLabel('回执码');
    await receipt.fill(second?.toLowerCase() ?? '');
    await page.getByRole('button', { name: /查\s*验/ }).click();
    await showsText(page.getByTestId('receipt-result'), /已计入：房屋 1栋1单元\d+，反对，/);
    await receipt.fill(first ?? '');
    await page.getByRole('button', { name: /查\s*验/ }).click();
    await showsText(page.getByTestId('receipt-result'), '已被该房屋此后的投票替代');

    // The vote's card fits the phone's width.
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
  });
});

test.describe('维修项目管理 › 投票表决管理 › 电子投票', () => {
  test('F-82 R-81 the committee opens an e-vote, sees turnout without the direction, and paper entry waits for the end', async () => {
    const name = `1栋1单元消火栓维修${suffix}`;
    const id = await noticedProject(name);
    const { page } = committee;
    await loginAs(page, 'QCHYYWH', 'weiyuan');
    await page.goto(`/repair/projects/${id}/vote`);
    await page.getByPlaceholder('开始日期').click();
    await page.getByPlaceholder('开始日期').fill(beijingDay(0));
    await page.getByPlaceholder('开始日期').press('Enter');
    await page.getByPlaceholder('结束日期').fill(beijingDay(7));
    // Enter in the last field submits the form, as a click on 发起电子投票 would.
    await page.getByPlaceholder('结束日期').press('Enter');
    await page
      .locator('.ant-modal-confirm')
      .waitFor({ state: 'visible', timeout: 3000 })
      .catch(() => page.getByRole('button', { name: '发起电子投票' }).click());
    await confirmStep(page, '发起电子投票？', '到期自动结束', '确认发起');
    await shows(toast(page, '电子投票已发起'));
    const panel = page.getByTestId('evote-panel');
    await showsText(panel, '投票中');
    await showsText(panel.getByTestId('evote-turnout-owners'), /^0 \/ \d+ 人$/);
    await showsText(page.locator('.ant-card').filter({ hasText: '录入投票表决结果' }), '电子投票进行中');

    // An owner votes: the turnout moves, the direction stays hidden.
    const me = await ownerApi(OWNER_ID);
    const vote = (await me.get('/api/owner/evotes')).items.find((v: { projectId: number }) => v.projectId === id);
    await me.vote({ evoteId: vote.evoteId, houseId: vote.houseId, choice: 'agree' });
    await page.reload();
    await showsText(panel.getByTestId('evote-turnout-owners'), /^1 \/ \d+ 人$/);
    expect(await textOf(panel)).not.toMatch(/同意|反对|弃权/);
  });

  test('F-82 R-81 R-82 after the end the online houses are marked in the paper entry and the 表决结果公告 prints the totals and the final hash', async () => {
    const name = `1栋1单元消火栓箱更换${suffix}`;
    const id = await noticedProject(name);
    // A vote of a few seconds, through the API: the page offers whole days.
    const closesAt = new Date(Date.now() + 4000).toISOString();
    await api.send('POST', `/api/projects/${id}/evote`, { opensAt: new Date().toISOString(), closesAt });
    const me = await ownerApi(OWNER_ID);
    const vote = (await me.get('/api/owner/evotes')).items.find((v: { projectId: number }) => v.projectId === id);
    const cast = await me.vote({ evoteId: vote.evoteId, houseId: vote.houseId, choice: 'agree' });
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(closesAt) - Date.now() + 500)));

    const { page } = committee;
    await page.goto(`/repair/projects/${id}/vote`);
    const panel = page.getByTestId('evote-panel');
    await showsText(panel, '已结束');
    // Paper entry: house by house only, the online house marked and not editable.
    await shows(page.getByTestId('evote-entry-note'));
    await showsText(page.locator('.ant-table-tbody'), '已网上投票');

    const printed = await printFrom(page, panel.getByRole('button', { name: '打印表决结果公告' }));
    const result = await api.get(`/api/projects/${id}/evote/result`);
    for (const text of ['表决结果公告', name, '网上投票1户', '纸质表决票0户', '表决未通过', result.finalHash]) {
      expect(printed).toContain(text);
    }
    expect(result.chain.valid).toBe(true);
    expect(cast.receiptCode.replaceAll('-', '')).toBe(result.finalHash.slice(0, 12).toUpperCase());
  });
});
