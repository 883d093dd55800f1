// 开发建设单位注册 — developer manual (seeds/001) §1.1, SPEC §2 F-1, R-1, R-2, §10 Printing.
import { expect, test } from './fixtures.ts';
import type { Browser } from './browser.ts';
import {
  actionButton,
  chooseDocument,
  fillRegistrationFields,
  goes,
  newDeveloper,
  openMenu,
  oversizePngFile,
  pngFile,
  readAndAcceptAgreement,
  shows,
  showsText,
  submitLogin,
  textOf,
  screenshotFailures,
} from './helpers.ts';
import { printSheets } from './print-check.ts';

/** The demo city's developer: its code is taken. */
const DEMO_DEVELOPER_CODE = '91440703MA4WJM001Q';

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(() => b?.close());
screenshotFailures(() => [b?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.1 开发建设单位注册', () => {
  test('F-1, R-1, R-2, §10: a developer registers with its three documents; a taken 机构代码 is refused on that field; it logs in and prints its 机构注册登记表', async () => {
    const { page } = b;
    const developer = newDeveloper();

    // 第一步、第二步: home page → 注册 → 开发建设单位注册.
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '注册' }).click();
    await page.getByRole('button', { name: '开发建设单位注册' }).click();
    await page.waitForURL('**/register/developer');
    await shows(page.getByRole('heading', { name: '开发建设单位注册' }));
    expect(await page.getByLabel('物业区域').count(), 'a developer is not bound to one area').toBe(0);

    // 第三步: the form, with the demo developer's code typed in lower case (the page upper-cases it).
    await fillRegistrationFields(page, { ...developer, code: DEMO_DEVELOPER_CODE.toLowerCase() });
    const code = page.getByLabel('机构代码', { exact: true });
    expect(await code.inputValue()).toBe(DEMO_DEVELOPER_CODE);

    // Three documents: 营业执照, 房地产开发资质证书, 法定代表人身份证 — all required.
    for (const label of ['营业执照', '房地产开发资质证书', '法定代表人身份证']) {
      await shows(page.locator('.ant-form-item-required', { hasText: label }));
    }
    await chooseDocument(page, 'businessLicence', pngFile('营业执照.png', [230, 200, 200]));
    await chooseDocument(page, 'qualification', oversizePngFile('资质证书-高清.png'));
    await readAndAcceptAgreement(page);
    await actionButton(page, '提交').click();
    await showsText(page.getByTestId('document-qualification').locator('.ant-form-item-explain-error'), '文件“资质证书-高清.png”超过 1M');
    await showsText(page.getByTestId('document-legalRepId').locator('.ant-form-item-explain-error'), '请上传要件：法定代表人身份证');
    await chooseDocument(page, 'qualification', pngFile('资质证书.png', [200, 230, 200]));
    await chooseDocument(page, 'legalRepId', pngFile('法定代表人身份证.png', [200, 200, 230]));
    await goes(page.getByTestId('document-qualification').locator('.ant-form-item-explain-error'));
    await goes(page.getByTestId('document-legalRepId').locator('.ant-form-item-explain-error'));

    // 提交 — the server refuses the taken code, under 机构代码, and keeps everything typed.
    await actionButton(page, '提交').click();
    const codeItem = page.locator('.ant-form-item').filter({ has: code });
    await showsText(codeItem.locator('.ant-form-item-explain-error'), `机构代码 ${DEMO_DEVELOPER_CODE} 已被注册`);
    await showsText(page.getByRole('alert'), '注册未成功，请按提示修改后重新提交');
    expect(page.url()).toContain('/register/developer');
    expect(await page.getByLabel('机构名称').inputValue()).toBe(developer.name);

    // 第四步: its own code, 提交.
    await code.fill(developer.code);
    await goes(codeItem.locator('.ant-form-item-explain-error'));
    await actionButton(page, '提交').click();

    // 第五步: 注册成功 → 登录 at once.
    await page.waitForURL('**/registered');
    const detail = (label: string) =>
      page
        .locator('tr')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('td');
    expect(await textOf(detail('机构代码（登录账号）'))).toBe(developer.code);
    const registrationNo = await textOf(detail('注册编号'));
    expect(registrationNo).toMatch(/^ZC\d{12,}$/);
    await actionButton(page, '登录').click();
    await page.waitForURL('**/login?**');
    await submitLogin(page, developer.code, developer.adminUsername, developer.password);
    await page.waitForURL('**/workspace');
    await showsText(page.getByTestId('header-org'), developer.name);
    await showsText(page.getByTestId('header-org'), '开发建设单位');
    await showsText(page.getByTestId('header-user'), `${developer.adminName}（管理员）`);

    // Its registration as it sees it: the three documents, not yet verified by the fund office.
    await openMenu(page, '机构管理', '信息变更');
    for (const label of ['营业执照', '房地产开发资质证书', '法定代表人身份证']) await shows(page.getByRole('img', { name: label }));
    await shows(page.getByText('原件未核验'));

    // §10 Printing: the 机构注册登记表, as an A4 PDF.
    const opened = b.context.waitForEvent('page');
    await page.getByRole('button', { name: '打印注册登记表' }).click();
    const print = await opened;
    await shows(print.getByRole('heading', { name: '机构注册登记表' }));
    await shows(print.getByTestId('print-barcode'));
    const printed = (await printSheets(print)).join('\n');
    for (const text of [
      '机构注册登记表',
      `编号：${registrationNo}`,
      developer.code,
      developer.name,
      '营业执照',
      '房地产开发资质证书',
      '法定代表人身份证',
    ]) {
      expect(printed).toContain(text);
    }
    await print.close();
  });
});
