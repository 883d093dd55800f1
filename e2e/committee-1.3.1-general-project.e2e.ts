// 新建一般维修项目 — owners' committee manual (seeds/000) §1.3.1, the committee's screens: 第一步 新建维修项目
// (基本信息, 维修设施设备, 分摊范围, 预算分摊, 合并分摊清册, 拨付计划, 保存), 第二步 发布立项公示, 第三步 业主表决.
// SPEC §7.1 F-40, R-40, R-41; §7.2 F-41, F-42, R-42, R-43 (the notice period holds the approval back).
// The office's and the bank's steps need the notice period to have passed: they follow in their own spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, loginAs, openBrowser } from './browser.ts';
import { actionButton, goes, openMenu, screenshotFailures, shows, showsText, textOf, toast, uniqueSuffix } from './helpers.ts';
import { operate, pickFacility, projectRow as rowOf } from './project-helpers.ts';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});
screenshotFailures(() => [b?.page]);

const BUILDING = '4栋';
describe('1.3.1 新建一般维修项目（业主委员会）', () => {
  const name = `${BUILDING}屋面及外墙维修${uniqueSuffix()}`;

  it('F-40 R-40: 第一步 主任 creates the project, picks two facilities (三 1), types content and budgets (三 2) and shares them by building area (预算分摊)', async () => {
    const { page } = b;
    await loginAs(page, 'QCHYYWH', 'zhuren');

    // 第一步 一: 维修项目管理 › 维修项目列表 › 新建一般维修项目.
    await openMenu(page, '维修项目管理', '维修项目列表');
    await shows(page.getByRole('heading', { name: '维修项目列表' }));
    await shows(page.getByRole('button', { name: '新建紧急维修项目' }));
    await shows(page.getByRole('button', { name: '新建简单拨付维修项目' }));
    await page.getByRole('button', { name: '新建一般维修项目' }).click();
    await shows(page.getByRole('heading', { name: '新建一般维修项目' }));

    // 二: 项目基本信息 (a name is required).
    await actionButton(page, '保存').click();
    await shows(page.getByText('请填写项目名称'));
    await page.getByLabel('项目名称').fill(name);
    await page.getByLabel('项目描述').fill('屋面渗漏、外墙饰面脱落，需整体维修');
    await actionButton(page, '保存').click();
    await shows(toast(page, /项目已保存，项目编号 WX\d{12}/));
    await page.waitForURL(/\/repair\/projects\/\d+\/edit\?tab=items/);

    // 三 1: 选择 → 请选择设施设备, by location and type; several at once.
    await page.getByRole('button', { name: '选择', exact: true }).click();
    const picker = page.getByRole('dialog', { name: '请选择设施设备' });
    await shows(picker);
    await pickFacility(picker, BUILDING, '屋面防水层');
    await pickFacility(picker, BUILDING, '外墙饰面');
    await picker.getByRole('button', { name: /^确定（已选 2 项）$/ }).click();
    await goes(picker);

    // 三 2, 4 方式一 A: 维修内容, 施工单位, 预算金额 per facility.
    await page.getByLabel('维修内容（屋面防水层）').fill('屋面防水层翻新');
    await page.getByLabel('施工单位（屋面防水层）').fill('江门市建安工程有限公司');
    await page.getByLabel('预算金额（屋面防水层）').fill('120000');
    await page.getByLabel('维修内容（外墙饰面）').fill('外墙空鼓脱落修补');
    await page.getByLabel('施工单位（外墙饰面）').fill('江门市建安工程有限公司');
    await page.getByLabel('预算金额（外墙饰面）').fill('80000.50');
    await showsText(page.getByTestId('budget-total'), '200,000.50');

    // 4 方式一 B: 预算分摊 saves and fills every house's share from the building area.
    await actionButton(page, '预算分摊').click();
    await shows(toast(page, '预算分摊完成'));
    const roof = rowOf(page, '屋面防水层');
    await showsText(roof, /\d+ 户 \/ 120,000\.00/);
    await showsText(rowOf(page, '外墙饰面'), /\d+ 户 \/ 80,000\.50/);
  });

  it('F-40 R-40: 三 3 分摊范围 — the roof’s range defaults to the building’s houses; 删除 one, 添加 it back in the building grid', async () => {
    const { page } = b;
    await rowOf(page, '屋面防水层').click();
    const range = page.getByTestId('range-panel');
    await showsText(range, '房屋分摊列表：屋面防水层');
    await showsText(range.getByTestId('range-total'), /共 \d+ 户，分摊合计 120,000\.00 元/);
    const before = Number(/共 (\d+) 户/.exec(await textOf(range.getByTestId('range-total')))?.[1]);
    expect(before).toBeGreaterThan(10);
    const first = range.locator('.ant-table-tbody tr').first();
    const cells = first.locator('td');
    const house = `${await textOf(cells.nth(2))}${await textOf(cells.nth(3))}${await textOf(cells.nth(4))}`;
    expect(house).toMatch(new RegExp(`^${BUILDING}`));
    await first.getByRole('checkbox').check();
    await range.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await shows(toast(page, '已删除 1 户'));
    await showsText(range.getByTestId('range-total'), `共 ${before - 1} 户`);
    // The shares no longer sum to the budget: the page says which rule is unmet.
    await showsText(page.getByRole('alert').filter({ hasText: '尚未满足的金额规则' }), 'R-40');

    await range.getByRole('button', { name: '添加' }).click();
    const grid = page.getByRole('dialog', { name: '楼盘表选择' });
    await grid.getByRole('navigation', { name: '楼幢列表' }).getByText(BUILDING, { exact: true }).click();
    await grid.getByRole('button', { name: new RegExp(`^${house} `) }).click();
    await grid.getByRole('button', { name: '确定' }).click();
    await shows(toast(page, '已添加 1 户'));
    await showsText(range.getByTestId('range-total'), `共 ${before} 户`);
    await actionButton(page, '预算分摊').click();
    await shows(toast(page, '预算分摊完成'));
    await showsText(range.getByTestId('range-total'), /分摊合计 120,000\.00 元/);
  });

  it('F-40 R-41: 四 合并分摊清册, 五 拨付计划 of three phases checked live, 六 保存', async () => {
    const { page } = b;
    // 四: 合并分摊清册 — one row per house, its total over both items.
    await page.getByRole('tab', { name: '合并分摊清册' }).click();
    await showsText(page.getByTestId('merged-total'), /共 \d+ 户/);
    await showsText(page.getByTestId('merged-total'), '分摊合计 200,000.50 元');

    // 五: 拨付计划 in three phases; the R-41 total is shown as it is typed.
    await page.getByRole('tab', { name: '项目基本信息' }).click();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '添加拨付计划' }).click();
    await page.getByLabel('第 1 期拨付金额').fill('80000');
    await page.getByLabel('第 1 期拨付条件').fill('材料进场');
    await page.getByLabel('第 2 期拨付金额').fill('60000');
    await page.getByLabel('第 2 期拨付条件').fill('主体完工');
    await page.getByLabel('第 3 期拨付金额').fill('60000');
    await page.getByLabel('第 3 期拨付条件').fill('验收合格');
    await showsText(page.getByTestId('plan-total'), '相差 0.50 元');
    await page.getByLabel('第 3 期拨付金额').fill('60000.50');
    await showsText(page.getByTestId('plan-total'), '二者相等（R-41）');

    // 六: 保存 — every amount rule met, no warnings left.
    await actionButton(page, '保存').click();
    await shows(toast(page, '项目信息已保存'));
    await goes(page.getByRole('alert').filter({ hasText: '尚未满足的金额规则' }));
  });

  it('F-41 R-43: 第二步 发布立项公示 from the list’s 操作 › 公示管理; 项目立项 stays blocked until the notice period ends', async () => {
    const { page } = b;
    await openMenu(page, '维修项目管理', '维修项目列表');
    await shows(rowOf(page, name));
    await showsText(rowOf(page, name), '200,000.50');

    // Before the notice: 项目立项 is disabled, 投票表决管理 too.
    await rowOf(page, name).getByRole('button', { name: '操作' }).click();
    await shows(page.locator('.ant-dropdown-menu-item-disabled').filter({ hasText: '项目立项' }));
    await shows(page.locator('.ant-dropdown-menu-item-disabled').filter({ hasText: '投票表决管理' }));
    await page.keyboard.press('Escape');

    await operate(page, name, '公示管理', '立项公示');
    await shows(page.getByRole('heading', { name: '公示管理' }));
    const card = page.getByTestId('notice-initiation');
    await card.getByLabel('公示内容').fill('屋面及外墙维修立项，请业主监督');
    await card.getByRole('button', { name: '发布预览' }).click();
    const preview = page.getByRole('dialog', { name: '立项公示预览' });
    await showsText(preview, '200,000.50 元');
    await preview.getByRole('button', { name: '发布' }).click();
    await shows(toast(page, '立项公示已发布'));
    await showsText(rowOf(card, 'GS'), '屋面及外墙维修立项');
    await shows(card.getByRole('button', { name: '打印公告' }));
    // Published once: publishing again is blocked, and the page says why.
    await showsText(card, '立项公示已发布（截止日');

    // The project page: 项目立项 blocked by R-43 with the notice's deadline; the timeline has both steps.
    await page.getByRole('link', { name: '项目概况' }).click();
    const blocked = page.getByTestId('blocked-actions');
    await showsText(blocked, /项目立项：立项公示截止日为 \d{4}-\d{2}-\d{2}，公示期满后/);
    await showsText(blocked, 'R-43');
    await showsText(page.getByTestId('timeline'), '发布立项公示');
    await showsText(page.getByTestId('timeline'), '新建项目');
    expect(await page.getByTestId('allowed-actions').getByRole('button', { name: '项目立项' }).count()).toBe(0);
  });

  it('F-42 R-42: 第三步 业主表决 — the sheet prints; the totals are judged as they are typed, then saved and passed', async () => {
    const { page } = b;
    await openMenu(page, '维修项目管理', '维修项目列表');
    await operate(page, name, '投票表决管理');
    await shows(page.getByRole('heading', { name: '投票表决管理' }));
    await shows(page.getByRole('button', { name: '打印投票表决签字表' }));

    // 按合计录入: with half the owners taking part the rule is not met, and the page says which condition fails.
    await shows(page.getByText(/^表决范围：[\d,.]+ ㎡，\d+ 人/));
    const [, area, owners] = /表决范围：([\d,.]+) ㎡，(\d+) 人/.exec(await textOf(page.getByText(/^表决范围：/))) ?? [];
    const rangeOwners = Number(owners);
    const rangeArea = area?.replace(/,/g, '') ?? '0';
    expect(rangeOwners).toBeGreaterThan(0);
    await page.getByLabel('参与表决面积（㎡）').fill(rangeArea);
    await page.getByLabel('参与表决人数').fill(String(Math.floor(rangeOwners / 2)));
    await page.getByLabel('同意面积（㎡）').fill(rangeArea);
    await page.getByLabel('同意人数').fill(String(Math.floor(rangeOwners / 2)));
    await showsText(page.getByTestId('vote-verdict'), /未达到表决通过条件：参与表决的业主 \d+ 人未达到总人数 \d+ 人的三分之二/);

    // Everyone took part and all agreed: passes; saved, the server's count confirms it.
    await page.getByLabel('参与表决人数').fill(String(rangeOwners));
    await page.getByLabel('同意人数').fill(String(rangeOwners));
    await showsText(page.getByTestId('vote-verdict'), '达到表决通过条件');
    await actionButton(page, '保存').click();
    await showsText(page.getByTestId('vote-result').first(), '表决通过');

    // 第四步 项目立项 waits for the notice period — the next steps belong to later days.
    await page.getByRole('link', { name: '项目概况' }).click();
    await showsText(page.getByTestId('blocked-actions'), /项目立项：立项公示截止日为/);
    await showsText(page.getByTestId('blocked-actions'), '投票表决：业主表决已通过');
    await showsText(page.getByTestId('timeline'), '录入表决结果（通过）');
  });
});
