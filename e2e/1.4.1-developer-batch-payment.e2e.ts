// 交款管理 › 开发建设单位批量交款 — developer manual (seeds/001) §1.4.1. SPEC §5 F-20, R-30; F-23, F-70, R-22; §4; F-72.
// The only spec that prints a notice for 江景豪庭's 地下车库 (the demo city has none for it).
import { expect, test } from './fixtures.ts';
import { formatYuan } from '../web/src/lib/units.ts';
import type { Browser } from './browser.ts';
import { callerAs } from './project-helpers.ts';
import { goes, logout, openMenu, screenshotFailures, shows, showsText, textOf } from './helpers.ts';
import {
  chooseArea,
  confirmAtBank,
  DEVELOPER,
  fenOf,
  issuedNoticeNumbers,
  maskedName,
  OFFICE,
  openHouse,
  printNotice,
  publicLookup,
  reconciliationShows,
  statementShowsDeposit,
  switchUser,
} from './payment-helpers.ts';

const AREA = '江景豪庭';
const BUILDING = '地下车库';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  // One parking space of the car park is cancelled (房屋注销, approved) before anything is paid: it owes
  // nothing any more, so the building's card, its notice and its 已交足 leave it out.
  const dev = await callerAs(DEVELOPER.code, 'admin');
  const office = await callerAs(OFFICE.code, 'admin');
  const areaId = (await dev.get('/api/areas?pageSize=50')).items.find((a: { name: string }) => a.name === AREA)?.id;
  const spaces = await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent('B1')}&status=normal&pageSize=200`);
  const space = spaces.items
    .filter((h: { building: string; heldBy: string | null }) => h.building === BUILDING && h.heldBy === null)
    .at(-1);
  expect(space, `a free parking space of ${AREA}`).toBeTruthy();
  const app = await dev.send('POST', '/api/applications', { type: 'house_cancellation', areaId, form: { reason: '车位改建为消防通道' } });
  await dev.send('PUT', `/api/applications/${app.id}/items/house`, { rows: [{ houseId: space.id }] });
  await dev.send('POST', `/api/applications/${app.id}/submit`);
  const submitted = await office.get(`/api/applications/${app.id}`);
  await office.send('POST', `/api/applications/${app.id}/accept`, { received: submitted.requiredDocuments });
  await office.send('POST', `/api/applications/${app.id}/approve`);
  await dev.ctx.dispose();
  await office.ctx.dispose();
  b = await openBrowser();
});
test.afterAll(async () => {
  await b?.close();
});
screenshotFailures(() => [b?.page]);

/** Issuer, bank, office and public in one journey: longer than one page's steps on a busy machine. */
const JOURNEY_TIMEOUT = 240_000;

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.4.1 开发建设单位批量交款', () => {
  test('F-20, R-30, F-23, F-70, R-22, F-72: the developer prints one notice for a whole building, the bank confirms it (a wrong amount refused), and the deposit shows in the house statement, to the office and in the public lookup', async () => {
    test.setTimeout(JOURNEY_TIMEOUT);
    const { page, context } = b;

    // 第一步、第二步：登录系统，交款管理 › 开发建设单位批量交款.
    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openMenu(page, '交款管理', '开发建设单位批量交款');
    await shows(page.getByRole('heading', { name: '开发建设单位批量交款' }));
    const print = page.getByRole('button', { name: '打印交款通知单' });
    expect(await print.isDisabled(), 'nothing to print before an area and a building are chosen').toBe(true);

    // 第三步：选择交款的物业区域 — its buildings appear on the right with what each still owes.
    await chooseArea(page, AREA);
    const buildings = page.getByRole('group', { name: '楼幢' });
    await showsText(buildings.getByRole('button', { name: /^1栋，/ }), '有未缴通知单 1 张');
    const card = buildings.getByRole('button', { name: new RegExp(`^${BUILDING}，`) });
    const label = (await card.getAttribute('aria-label')) ?? '';
    const [, houses, unpaid, due] = /(\d+) 套，未交足 (\d+) 套，待交 ([\d,.]+) 元/.exec(label) ?? [];
    expect(Number(houses)).toBeGreaterThan(0);
    expect(unpaid, 'no house of the building has been paid for yet').toBe(houses);
    const total = fenOf(due ?? '');
    expect(total).toBeGreaterThan(0);

    // 第四步：单击选择交款的楼幢.
    await card.click();
    expect(await card.getAttribute('aria-pressed')).toBe('true');
    await showsText(page.locator('.ant-statistic').filter({ hasText: '已选楼幢待交金额' }), formatYuan(total));

    // 第五步：打印交款通知单 — one notice for the building.
    await print.click();
    const dialog = page.getByRole('dialog', { name: '交款通知单' });
    await showsText(dialog, '已生成 1 张交款通知单');
    const [noticeNo, ...more] = await issuedNoticeNumbers(dialog);
    expect(more).toEqual([]);
    expect(noticeNo).toMatch(/^[0-9A-Z]+$/);

    // 第六步：在通知单页面单击“打印” — the A4 notice as printed.
    const printed = await printNotice(context, dialog, noticeNo as string, total);
    expect(printed).toContain('江门市侨城置业有限公司');
    expect(printed).toContain(`交款房屋清单（共${houses}套）`);
    expect(printed).toContain(`${BUILDING}B001`);
    await dialog.getByTestId('issued-notices').getByRole('button', { name: '关闭' }).click();
    await goes(dialog);

    // choosing the building again offers the same unpaid notice for re-printing, not a second one.
    await showsText(card, '有未缴通知单 1 张');
    await card.click();
    await print.click();
    await showsText(dialog, '有 1 张未缴的交款通知单可重新打印');
    await shows(dialog.getByRole('button', { name: `打印交款通知单 ${noticeNo}` }));
    await dialog.getByTestId('issued-notices').getByRole('button', { name: '关闭' }).click();

    // 第七步、第八步：the developer pays at the custodian bank; the teller confirms (F-23, F-70).
    const payment = { channel: '柜台', bankRef: `ICBC${Date.now()}` } as const;
    await confirmAtBank(page, noticeNo as string, total, payment);
    await reconciliationShows(page, noticeNo as string, total, payment);

    // The developer sees the building paid, and the deposit in a house's 分户账明细.
    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openMenu(page, '交款管理', '开发建设单位批量交款');
    await chooseArea(page, AREA);
    await showsText(card, '已交足');
    const drawer = await openHouse(page, AREA, BUILDING, new RegExp(`^${BUILDING}B\\d{3} 已售`));
    const details = await textOf(drawer);
    // A parking space has no 套内面积 on record: the field stays blank rather than reading 0.00 ㎡.
    expect(details).toContain('套内面积');
    expect(details).not.toContain('套内面积0.00');
    const room = (new RegExp(`${BUILDING}(B\\d{3})`).exec(details) ?? [])[1] as string;
    const amountDue = fenOf((/应交金额([\d,.]+) 元/.exec(details) ?? [])[1] ?? '');
    const owner = drawer.locator('.ant-table-tbody tr').first();
    const ownerName = await textOf(owner.getByRole('cell').nth(0));
    const idNumber = await textOf(owner.getByRole('cell').nth(2));
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await statementShowsDeposit(page, drawer, noticeNo as string, amountDue)).toBe(amountDue);

    // The fund office sees the same deposit in the house's statement.
    await switchUser(page, OFFICE.code, OFFICE.admin);
    const officeDrawer = await openHouse(page, AREA, BUILDING, room);
    expect(await statementShowsDeposit(page, officeDrawer, noticeNo as string, amountDue)).toBe(amountDue);
    await page.goto('/workspace');
    await logout(page);

    // F-72: anyone can check the balance with the owner's ID number; names and numbers are masked.
    const result = await publicLookup(page, { area: AREA, building: BUILDING, room, idNumber });
    await showsText(result.locator('.ant-statistic').filter({ hasText: '已交金额' }), formatYuan(amountDue));
    await showsText(result.locator('.ant-statistic').filter({ hasText: '余额' }), formatYuan(amountDue));
    await showsText(result, maskedName(ownerName));
    expect(await textOf(result)).not.toContain(ownerName);
    await showsText(result.getByRole('row').filter({ hasText: noticeNo as string }), '交存');
  });
});
