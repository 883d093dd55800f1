// 物业区域管理 › 楼幢变更 — developer manual (seeds/001) §1.3.3. SPEC §3 F-13; the office's 退回 with a reason.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { callerAs } from './project-helpers.ts';
import { goes, openMenu, screenshotFailures, shows, showsText, toast } from './helpers.ts';
import {
  acceptAtWindow,
  approveOnReview,
  chooseArea,
  DEVELOPER,
  openRegistryMenu,
  openReview,
  printApplicationForm,
  rejectOnReview,
  saveAndSubmit,
  saveDraft,
  selectOption,
  WHOLE_WAY,
} from './registry-helpers.ts';

const AREA = '江景豪庭';
const BUILDINGS = ['3栋', '4栋'];

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

const OFFICE_CODE = 'JMWXZJ';

/** A row of a before/after table (变更前 or 变更后) by the building's name. */
function rowIn(page: Page, table: '变更前' | '变更后', building: string): Locator {
  return page
    .getByRole('region', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: building, exact: true }) });
}

/** 批量修改 of the building change page: 建成年代 and 建筑结构 for every picked building. */
async function batchChange(page: Page, year: string, structure: string) {
  const bar = page.getByRole('group', { name: '批量修改' });
  await bar.getByRole('spinbutton', { name: '建成年代' }).fill(year);
  await selectOption(page, bar.getByRole('combobox', { name: '建筑结构' }), structure);
  await bar.getByRole('button', { name: '批量修改' }).click();
  await shows(toast(page, `已批量修改变更后列表中的 ${BUILDINGS.length} 幢楼`));
}

interface Registered {
  floorsBelow: string;
  builtYear: string;
  structure: string;
}

/** The registry's buildings of the area as the 选择需要变更的楼幢 dialog lists them (opened from a new 楼幢变更). */
async function registeredBuildings(page: Page, names: string[]): Promise<Record<string, Registered>> {
  await page.goto('/workspace');
  await openRegistryMenu(page, '楼幢变更');
  await chooseArea(page, AREA);
  await page.getByRole('button', { name: '选择需要变更的楼幢' }).click();
  const dialog = page.getByRole('dialog', { name: '选择需要变更的楼幢' });
  const found: Record<string, Registered> = {};
  for (const name of names) {
    const row = dialog.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await shows(row);
    // Cells: tick box, 楼幢名称, 房屋数, 地上层数, 地下层数, 建成年代, 建筑结构, 电梯.
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe(name);
    found[name] = { floorsBelow: cells[4] ?? '', builtYear: cells[5] ?? '', structure: cells[6] ?? '' };
  }
  await dialog.getByRole('button', { name: '取消' }).click();
  await goes(dialog);
  return found;
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.3 楼幢变更', () => {
  test('F-13: pick buildings, 批量修改 建成年代/建筑结构 and change one by one; 退回 with its reason, corrected and resubmitted; 受理 and 审核 change the registry', async () => {
    test.setTimeout(WHOLE_WAY);
    const { page } = dev;

    // 第一步 登录系统; 第二步 物业区域管理 › 楼幢变更.
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    expect((await registeredBuildings(page, ['4栋']))['4栋']).toEqual({
      floorsBelow: '1',
      builtYear: '2021',
      structure: '钢筋混凝土结构',
    });
    await page.goto('/workspace');
    await openRegistryMenu(page, '楼幢变更');

    // 第三步 选择物业区域并填写变更原因.
    await chooseArea(page, AREA);
    await page.getByLabel('变更原因').fill('竣工验收后按测绘报告更正建成年代和建筑结构');

    // 第四步 单击“选择需要变更的楼幢”, tick the buildings, 确定.
    await page.getByRole('button', { name: '选择需要变更的楼幢' }).click();
    const dialog = page.getByRole('dialog', { name: '选择需要变更的楼幢' });
    for (const b of BUILDINGS) await dialog.getByRole('checkbox', { name: `选择 ${b}` }).check();
    await showsText(dialog, `已选择 ${BUILDINGS.length} 幢`);
    await dialog.getByRole('button', { name: '确定' }).click();
    await goes(dialog);
    await showsText(page.locator('.ant-card-head').filter({ hasText: '第二步' }), `（${BUILDINGS.length} 幢）`);
    for (const b of BUILDINGS) await shows(rowIn(page, '变更后', b));

    // 第五步（1）批量修改 — a wrong year first, which the office will send back.
    await batchChange(page, '2012', '混合结构');
    for (const b of BUILDINGS) {
      await showsText(rowIn(page, '变更后', b), '2012');
      await showsText(rowIn(page, '变更后', b), '混合结构');
      await showsText(rowIn(page, '变更前', b), '2021');
    }

    // 第五步（2）逐个修改: click a row of 变更后 and change that building alone.
    await rowIn(page, '变更后', '4栋').getByRole('button', { name: '修改' }).click();
    const drawer = page.getByRole('dialog', { name: '修改变更后信息：4栋' });
    await drawer.getByLabel('地下层数').fill('2');
    await drawer.getByRole('button', { name: '确定' }).click();
    await goes(drawer);
    await showsText(page.getByRole('region', { name: '变更后' }), '2');

    // 保存 gives the number; 第六步 保存并提交 and the printed 申请表.
    const draftNo = await saveDraft(page);
    const no = await saveAndSubmit(page);
    expect(no).toBe(draftNo);
    const printed = await printApplicationForm(dev, page, '楼幢变更申请表', no);
    for (const text of [AREA, '竣工验收后按测绘报告更正建成年代和建筑结构', '4栋', '混合结构']) expect(printed).toContain(text);

    // 第八步 受理; the 审核员 sends it back with a reason.
    await acceptAtWindow(office, no, '楼幢变更');
    let review = await openReview(office, no);
    await showsText(review.getByRole('region', { name: '变更后' }), '2012');
    await rejectOnReview(review, no, '建成年代有误：竣工验收备案表载明为 2020 年');

    // The 工作台 counts it among the returned applications, and the header's 消息 says why it came back.
    await openMenu(page, '工作台');
    await showsText(page.getByTestId('todo-applicationsReturned'), /被退回的业务单\s*[1-9]/);
    await page.getByTestId('header-messages').click();
    await shows(page.getByRole('heading', { name: '站内消息' }));
    const message = page.getByTestId('message-item').filter({ hasText: no }).first();
    await showsText(message, '建成年代有误');
    await showsText(message, '被退回');

    // The developer finds it 已退回 in 业务单查询 with the reason, corrects it and submits again.
    await openMenu(page, '物业区域管理', '业务单查询');
    await shows(page.getByRole('heading', { name: '业务单查询' }));
    await page.getByLabel('搜索业务单').fill(no);
    await page.getByLabel('搜索业务单').press('Enter');
    const mine = page.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });
    await showsText(mine, '已退回');
    await mine.getByRole('link', { name: no, exact: true }).click();
    await showsText(page.getByTestId('reject-reason'), '建成年代有误：竣工验收备案表载明为 2020 年');
    await shows(rowIn(page, '变更后', '4栋'));
    await batchChange(page, '2020', '混合结构');
    for (const b of BUILDINGS) await showsText(rowIn(page, '变更后', b), '2020');
    expect(await saveAndSubmit(page)).toBe(no);
    await goes(page.getByTestId('reject-reason'));

    // Accepted again and approved.
    await acceptAtWindow(office, no, '楼幢变更');
    review = await openReview(office, no);
    await showsText(review.getByRole('region', { name: '变更后' }), '2020');
    await showsText(review.locator('.ant-timeline'), '审核退回');
    await showsText(review.locator('.ant-timeline'), '重新提交');
    // Each round keeps its own 受理 and 审核: the first ended in 退回, the second is accepted, not yet reviewed.
    const rounds = review.getByRole('list', { name: '历次办理' }).getByRole('listitem');
    await showsText(rounds.nth(0), '（退回）');
    await showsText(rounds.nth(1), '审核 —');
    expect(await rounds.count()).toBe(2);
    await approveOnReview(review, no);

    // The registry's buildings now carry the new values; the others are untouched.
    expect(await registeredBuildings(page, ['2栋', '3栋', '4栋'])).toEqual({
      '2栋': { floorsBelow: '1', builtYear: '2021', structure: '钢筋混凝土结构' },
      '3栋': { floorsBelow: '1', builtYear: '2020', structure: '混合结构' },
      '4栋': { floorsBelow: '2', builtYear: '2020', structure: '混合结构' },
    });
  });

  test('F-13 R-12: a lift added to a building (无 → 有) re-prices its houses, and the reviewer sees the 补交 each house will owe before approving', async () => {
    test.setTimeout(WHOLE_WAY);
    // Through the API: 4栋's lift is taken away (its houses are unpaid, nothing is refunded), then a
    // 楼幢变更 puts it back and waits for review.
    const dev = await callerAs(DEVELOPER.code, 'admin');
    const officeApi = await callerAs(OFFICE_CODE, 'admin');
    const areaId = (await dev.get('/api/areas?pageSize=50')).items.find((a: { name: string }) => a.name === AREA)?.id;
    const four = (await dev.get(`/api/areas/${areaId}/buildings`)).items.find((b: { name: string }) => b.name === '4栋');
    const { id: _id, areaId: _area, createdAt: _at, houseCount: _n, ...fields } = four;
    const liftChange = async (elevator: boolean, approve: boolean) => {
      const app = await dev.send('POST', '/api/applications', { type: 'building_change', areaId, form: { reason: '加装电梯' } });
      await dev.send('PUT', `/api/applications/${app.id}/items/building`, {
        rows: [{ buildingId: four.id, after: { ...fields, elevator, areaId } }],
      });
      await dev.send('POST', `/api/applications/${app.id}/submit`);
      const submitted = await officeApi.get(`/api/applications/${app.id}`);
      await officeApi.send('POST', `/api/applications/${app.id}/accept`, { received: submitted.requiredDocuments });
      if (approve) await officeApi.send('POST', `/api/applications/${app.id}/approve`);
      return app.no as string;
    };
    await liftChange(false, true);
    const no = await liftChange(true, false);
    await dev.ctx.dispose();
    await officeApi.ctx.dispose();

    const review = await openReview(office, no);
    const fund = review
      .locator('.ant-card')
      .filter({ has: review.locator('.ant-card-head-title').filter({ hasText: /^资金处理$/ }) })
      .last();
    await showsText(fund, '补交');
    await showsText(fund.locator('.ant-table-tbody tr').first(), '4栋');
    await approveOnReview(review, no);
  });
});
