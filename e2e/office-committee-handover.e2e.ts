// 业主委员会换届 and owners' privacy — SPEC §10 "Committee handover (换届)" and privacy by default.
// The handover here is rejected: the demo committee of 侨城花园 must stay in office for the other specs.
import { expect, test } from './fixtures.ts';
import type { Browser } from './browser.ts';
import {
  actionButton,
  chooseDocument,
  fillRegistrationFields,
  openMenu,
  pngFile,
  readAndAcceptAgreement,
  screenshotFailures,
  shows,
  showsText,
  submitLogin,
  textOf,
  uniqueSuffix,
} from './helpers.ts';
import { OFFICE, switchUser } from './payment-helpers.ts';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(() => b?.close());
screenshotFailures(() => [b?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('§10 committee handover and owners’ privacy', () => {
  test('§10 handover: registering a committee for 侨城花园 files a 换届申请 that cannot log in until the office decides; the office rejects it with a reason', async () => {
    const { page } = b;
    const code = `QCHHJ${uniqueSuffix()}`;
    await page.goto('/register/committee');
    await page.getByLabel('物业区域').click();
    const areas = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await areas.filter({ hasText: '侨城花园' }).click();
    await fillRegistrationFields(page, {
      name: `侨城花园新一届业主委员会${code.slice(-4)}`,
      code,
      contactPerson: '陈志华',
      phone: '13623456789',
      address: '江门市蓬江区建设路 88 号',
      legalRepresentative: '陈志华',
      adminUsername: 'admin',
      adminName: '陈志华',
      adminMobile: '13623456789',
      password: 'Huanjie#2026',
    });
    await chooseDocument(page, 'filing', pngFile('备案证明.png'));
    await chooseDocument(page, 'directorId', pngFile('主任身份证.png', [220, 200, 240]));
    await readAndAcceptAgreement(page);
    await actionButton(page, '提交').click();
    await page.waitForURL('**/registered');
    await shows(page.getByText('换届申请已提交', { exact: true }));

    await page.goto('/login');
    await submitLogin(page, code, 'admin', 'Huanjie#2026');
    await showsText(page.getByRole('alert'), '本机构的换届申请尚待维修资金管理部门审核，审核通过后方可登录');

    await switchUser(page, OFFICE.code, OFFICE.admin);
    await page.goto('/office/organisations');
    const request = page.getByTestId('handover-request').filter({ hasText: code });
    await showsText(request, '现任业主委员会');
    const text = await textOf(request);
    expect(text).toContain('侨城花园业主委员会');
    expect(text).toContain('申请接任的业主委员会');
    await request.getByRole('button', { name: /^驳\s?回$/ }).click();
    const dialog = page.getByRole('dialog', { name: '驳回换届申请' });
    await dialog.getByLabel('驳回原因').fill('未提交业主大会换届决议');
    await dialog.getByRole('button', { name: /^驳\s?回$/ }).click();
    await shows(page.getByText('换届申请已驳回'));
    await expect.poll(() => page.getByTestId('handover-request').filter({ hasText: code }).count()).toBe(0);
  });

  test('§10 privacy: the committee sees an owner’s ID number masked in 房屋查询 and reveals it with 查看完整信息', async () => {
    const { page } = b;
    await switchUser(page, 'QCHYYWH', 'zhuren');
    // A committee's 房屋查询 opens on its own area: straight to the building and a sold house.
    await openMenu(page, '综合查询', '房屋查询');
    await page.getByRole('navigation', { name: '楼幢列表' }).getByRole('menuitem', { name: /^1栋/ }).click();
    await page
      .getByRole('region', { name: '1栋楼盘表' })
      .getByRole('button', { name: /^1栋1单元1801 / })
      .click();
    const drawer = page.getByRole('dialog', { name: '房屋信息' });
    await shows(drawer.getByText('变更记录'));
    const idCell = drawer.getByRole('row').filter({ hasText: '居民身份证' }).first().getByRole('cell').nth(2);
    await expect.poll(() => textOf(idCell)).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    await drawer.getByRole('button', { name: '查看完整信息' }).click();
    await expect.poll(() => textOf(idCell)).toMatch(/^\d{17}[\dX]$/);
  });
});
