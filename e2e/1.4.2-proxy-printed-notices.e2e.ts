// 交款管理 › 代打交款通知单 — developer manual (seeds/001) §1.4.2. SPEC §5 F-21, R-30; F-23, F-70, R-22; §4; F-72.
// The only spec that prints notices for 江景豪庭 3栋 (the demo city has none for it).
import { expect, test } from './fixtures.ts';
import { formatYuan } from '../web/src/lib/units.ts';
import type { Browser } from './browser.ts';
import { goes, logout, openMenu, screenshotFailures, shows, showsText, textOf } from './helpers.ts';
import {
  chooseArea,
  chooseOption,
  colourByDeposits,
  confirmAtBank,
  DEVELOPER,
  fenOf,
  gridCell,
  idCardNumber,
  issuedNoticeNumbers,
  maskedName,
  OFFICE,
  openBuilding,
  openHouse,
  printNotice,
  printReceipt,
  publicLookup,
  reconciliationShows,
  statementShowsDeposit,
  switchUser,
} from './payment-helpers.ts';

const AREA = '江景豪庭';
const BUILDING = '3栋';
/** The owner the developer adds for a house with none on record (it is recorded with the notice). */
const OWNER = { name: '欧阳志远', idType: '居民身份证', idNumber: idCardNumber('44070419790808003'), phone: '13760002222' } as const;
/** A new mobile typed over a registered owner's (for the notice only). */
const SOLD_PHONE = '13760001111';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
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

test.describe('1.4.2 代打交款通知单', () => {
  test('F-21, F-23, F-70, R-22, F-72: houses picked in the 楼盘表 get one notice each with owners entered in 业主交款列表 (all four fields checked); the bank confirms one at 侨都之窗 and the owner sees it in the public lookup', async () => {
    test.setTimeout(JOURNEY_TIMEOUT);
    const { page, context } = b;

    // 第一步～第三步：登录，交款管理 › 代打交款通知单，选择交款的物业区域.
    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openMenu(page, '交款管理', '代打交款通知单');
    await shows(page.getByRole('heading', { name: '代打交款通知单' }));
    await chooseArea(page, AREA);

    // 第四步：在楼盘表中单击选择交款的房屋（可多选）— the grid is coloured by 交款状态, with its legend.
    // One sold house (its owners are on record) and one unsold house (none yet), neither paid for.
    await page.getByRole('button', { name: '选择房屋' }).click();
    const picker = page.getByRole('dialog', { name: '楼盘表选择' });
    await openBuilding(picker, BUILDING);
    const legend = picker.getByLabel('图例（交款状态）');
    for (const state of ['已交足', '部分交存', '未交存']) await showsText(legend, state);
    const grid = picker.getByRole('region', { name: `${BUILDING}楼盘表` });
    const houses: string[] = [];
    for (const sales of ['已售', '未售']) {
      const cell = grid.getByRole('button', { name: new RegExp(`^${BUILDING}\\d单元\\d+ ${sales} 未交存$`) }).first();
      const house = ((await cell.getAttribute('aria-label')) ?? '').split(' ')[0] as string;
      houses.push(house);
      await gridCell(picker, BUILDING, house).click();
      expect(await gridCell(picker, BUILDING, house).getAttribute('aria-pressed')).toBe('true');
    }
    const [sold, unsold] = houses as [string, string];
    await showsText(picker, '已选择 2 套房屋');
    await picker.getByRole('button', { name: '确定' }).click();
    await goes(picker);

    const due = new Map<string, number>();
    for (const house of houses) {
      const row = page.getByRole('row').filter({ hasText: house });
      await showsText(row, '未交');
      const cells = await row.getByRole('cell').allTextContents();
      due.set(house, fenOf(cells[4] ?? ''));
      expect(due.get(house)).toBeGreaterThan(0);
    }

    // 第五步、第六步：打印交款单 → 业主交款列表; the icon before each house opens its owners.
    await page.getByRole('button', { name: '打印交款单' }).click();
    const list = page.getByRole('dialog', { name: '业主交款列表' });
    for (const house of houses) {
      const row = list.getByRole('row').filter({ hasText: house }).first();
      await showsText(row, house);
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.getByRole('button', { name: /展开/ }).click();
    }
    const field = (house: string, label: string) => list.getByLabel(`${house} 第 1 位${label}`);
    // 注：若房屋已有业主，会显示已有的业主信息，该信息可编辑.
    await shows(field(sold, '业主姓名'));
    const soldOwner = { name: await field(sold, '业主姓名').inputValue(), idNumber: await field(sold, '证件号码').inputValue() };
    expect(soldOwner.name).not.toBe('');
    expect(soldOwner.idNumber).toMatch(/^\d{17}[\dX]$/);
    // The unsold house has none: 添加.
    await showsText(list, '该房屋暂无业主，请单击“添加”');
    await list.getByRole('button', { name: '添加' }).nth(1).click();

    // 注：业主姓名、证件号、证件类型、手机号都是必填项 — a blank name, a bad ID number and a short mobile are refused.
    const wrongCheckDigit = `${soldOwner.idNumber.slice(0, 17)}${soldOwner.idNumber.endsWith('1') ? '2' : '1'}`;
    await field(sold, '证件号码').fill(wrongCheckDigit);
    await field(sold, '手机号').fill('1376000');
    await list.getByRole('button', { name: '打印交款单' }).click();
    await showsText(list.getByRole('alert'), '有 2 套房屋的业主信息不完整，请补充后再打印');
    await showsText(list, '请填写业主姓名');
    await showsText(list, '居民身份证号须为 18 位，出生日期有效且校验位正确');
    await showsText(list, '手机号须为 11 位数字，以 1 开头');

    await field(sold, '证件号码').fill(soldOwner.idNumber);
    await field(sold, '手机号').fill(SOLD_PHONE);
    await field(unsold, '业主姓名').fill(OWNER.name);
    await chooseOption(page, field(unsold, '证件类型'), OWNER.idType);
    await field(unsold, '证件号码').fill(OWNER.idNumber);
    await field(unsold, '手机号').fill(OWNER.phone);
    for (const house of houses) await showsText(list.getByRole('row').filter({ hasText: house }).first(), '已完整');

    // 第七步：在“业主交款列表”框上点击“打印交款单” — one notice per house.
    await list.getByRole('button', { name: '打印交款单' }).click();
    await showsText(list, '已生成 2 张交款通知单');
    const numbers = await issuedNoticeNumbers(list);
    expect(numbers).toHaveLength(2);
    expect(new Set(numbers).size).toBe(2);

    // 第八步：在通知单页面单击“打印” — each notice names its payer and its house, for its own amount.
    const notices = new Map<string, string>();
    for (const no of numbers) notices.set((await noticeText(page, no)).includes(sold) ? sold : unsold, no);
    const payers = new Map([
      [sold, [soldOwner.name, soldOwner.idNumber, SOLD_PHONE]],
      [unsold, [OWNER.name, OWNER.idNumber, OWNER.phone]],
    ]);
    for (const house of houses) {
      const text = await printNotice(context, list, notices.get(house) as string, due.get(house) as number);
      for (const t of payers.get(house) ?? []) expect(text).toContain(t);
      expect(text).toContain(house);
      expect(text).toContain('请携本通知单及身份证到专户银行柜台、侨都之窗或维修资金专用POS机交存');
    }
    await list.getByTestId('issued-notices').getByRole('button', { name: '关闭' }).click();
    await goes(list);

    // 交款通知单查询 finds a notice by its house (楼幢+单元+房号 as printed on it), and not the other house's.
    await openMenu(page, '交款管理', '交款通知单查询');
    await shows(page.getByRole('heading', { name: '交款通知单查询' }));
    const noticeRow = (no: string) => page.getByRole('row').filter({ hasText: no });
    await shows(noticeRow(notices.get(unsold) as string));
    await page.getByLabel('搜索交款通知单').fill(sold);
    await page.getByLabel('搜索交款通知单').press('Enter');
    // The list narrows to the house's notice: the other house's leaves it.
    await expect.poll(() => noticeRow(notices.get(unsold) as string).count(), { timeout: 15_000 }).toBe(0);
    await shows(noticeRow(notices.get(sold) as string));

    // 第十步：侨都之窗 confirms the unsold house's notice (F-23, F-70).
    const [paidHouse, unpaidHouse] = [unsold, sold];
    const paidNo = notices.get(paidHouse) as string;
    const payment = { channel: '侨都之窗', bankRef: `QDZC${Date.now()}` } as const;
    await confirmAtBank(page, paidNo, due.get(paidHouse) as number, payment);
    await reconciliationShows(page, paidNo, due.get(paidHouse) as number, payment);

    // The developer's 楼盘表 in 交款状态 colours: the paid house 已交足, the other 未交存; its statement shows the deposit.
    await switchUser(page, DEVELOPER.code, DEVELOPER.clerk);
    await openMenu(page, '综合查询', '房屋查询');
    await page.getByRole('row').filter({ hasText: AREA }).first().click();
    await colourByDeposits(page);
    await openBuilding(page, BUILDING);
    await showsText(page.getByLabel('图例（交款状态）'), '部分交存');
    expect(await gridCell(page, BUILDING, paidHouse).getAttribute('aria-label')).toMatch(/已交足$/);
    expect(await gridCell(page, BUILDING, unpaidHouse).getAttribute('aria-label')).toMatch(/未交存$/);
    await gridCell(page, BUILDING, paidHouse).click();
    const drawer = page.getByRole('dialog', { name: '房屋信息' });
    await showsText(drawer, OWNER.idNumber);
    // The owner typed at the notice is a registry change: it stands in the house's 变更记录.
    await showsText(drawer, `代打交款通知单登记业主：${OWNER.name}`);
    // 房屋信息 shows what the house has paid (已交) and its balance (余额).
    const paidYuan = `${formatYuan(due.get(paidHouse) as number)} 元`;
    await showsText(drawer.getByRole('row').filter({ hasText: '余额' }), `已交${paidYuan}余额${paidYuan}`);
    expect(await statementShowsDeposit(page, drawer, paidNo, due.get(paidHouse) as number)).toBe(due.get(paidHouse));

    // The office sees the same statement.
    await switchUser(page, OFFICE.code, OFFICE.admin);
    const officeDrawer = await openHouse(page, AREA, BUILDING, paidHouse.replace(BUILDING, ''));
    expect(await statementShowsDeposit(page, officeDrawer, paidNo, due.get(paidHouse) as number)).toBe(due.get(paidHouse));

    // §1.4.2: the office window prints the 交款回单 again from the notice number.
    await switchUser(page, OFFICE.code, OFFICE.acceptor);
    await openMenu(page, '业务受理', '交款回单补打');
    await page.getByLabel('交款通知单号').fill(paidNo);
    await page.getByRole('button', { name: '查询' }).click();
    await showsText(page.locator('.ant-card').filter({ hasText: paidNo }), payment.bankRef);
    await printReceipt(page, page.getByRole('button', { name: '打印交款回单' }), paidNo, due.get(paidHouse) as number, payment);
    await page.goto('/workspace');
    await logout(page);

    // F-72: the owner entered above checks the house with their ID number; the name is masked.
    const result = await publicLookup(page, {
      area: AREA,
      building: BUILDING,
      room: paidHouse.replace(/^.*单元/, ''),
      idNumber: OWNER.idNumber,
    });
    await showsText(result, maskedName(OWNER.name));
    expect(await textOf(result)).not.toContain(OWNER.name);
    await showsText(result.locator('.ant-statistic').filter({ hasText: '已交金额' }), formatYuan(due.get(paidHouse) as number));
    await showsText(result.getByRole('row').filter({ hasText: paidNo }), '交存');
  });
});

/** The text of a notice as the API gives it to its issuer (to tell which house a number belongs to). */
async function noticeText(page: import('playwright-core').Page, no: string): Promise<string> {
  const res = await page.request.get(`/api/notices/${encodeURIComponent(no)}`);
  expect(res.status()).toBe(200);
  const n = (await res.json()) as { items: { building: string; unit: string; room: string }[] };
  return n.items.map((i) => `${i.building}${i.unit}${i.room}`).join(',');
}
