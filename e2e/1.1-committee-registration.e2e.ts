// 业主委员会注册 — owners' committee manual (seeds/000) §1.1, SPEC §2 F-1, R-1, R-2, §10 Printing.
// The only spec that registers a committee for 江景豪庭 (the demo area without one).
import { expect, test } from './fixtures.ts';
import type { Browser } from './browser.ts';
import {
  actionButton,
  chooseDocument,
  fillRegistrationFields,
  goes,
  openMenu,
  oversizePngFile,
  pngFile,
  readAndAcceptAgreement,
  replaceUploadOnce,
  shows,
  showsText,
  submitLogin,
  textFileNamedPng,
  textOf,
  screenshotFailures,
} from './helpers.ts';
import { printSheets } from './print-check.ts';

const committee = {
  contactPerson: '黄家明',
  phone: '13612345678',
  address: '江门市江海区五邑路 168 号江景豪庭管理处',
  legalRepresentative: '黄家明',
  adminUsername: 'huangjm',
  adminName: '黄家明',
  adminMobile: '13612345678',
  password: 'Yewei@2026',
};

let b: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(() => b?.close());
screenshotFailures(() => [b?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.1 业主委员会注册', () => {
  test('F-1, R-1, R-2, §10: 江景豪庭 registers from the home page with the pinyin code, bad uploads are refused by the page and by the server, then it logs in and prints its 机构注册登记表', async () => {
    const { page } = b;

    // 第一步、第二步: home page → 注册 → 业主委员会注册.
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '注册' }).click();
    await page.getByRole('button', { name: '业主委员会注册' }).click();
    await page.waitForURL('**/register/committee');
    await shows(page.getByRole('heading', { name: '业主委员会注册' }));

    // 第三步: the property area, and a pinyin 机构代码 derived from its name (no 组织机构代码证).
    await page.getByLabel('物业区域').click();
    const areas = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // An area with a committee can be chosen, but only as a handover request (office-committee-handover.e2e.ts).
    await showsText(areas, '侨城花园（蓬江区）— 已有业主委员会，注册即为换届申请');
    await areas.filter({ hasText: '江景豪庭' }).click();
    expect(await page.getByLabel('机构名称').inputValue()).toBe('江景豪庭业主委员会');
    await page.getByRole('button', { name: '按物业区域名称生成拼音代码' }).click();
    await expect.poll(() => page.getByLabel('机构代码', { exact: true }).inputValue()).toBe('JJHTYWH');
    // A password that breaks §10's rule gets past the page; the server's answer will name it.
    await fillRegistrationFields(page, { ...committee, password: 'yewei2026' });

    // R-1 in the page: a PNG over 1 MB, and a text file renamed to .png, each refused with its name.
    const filing = page.getByTestId('document-filing');
    const directorId = page.getByTestId('document-directorId');
    await chooseDocument(page, 'filing', oversizePngFile('备案证明扫描件.png'));
    await showsText(filing.locator('.ant-form-item-explain-error'), '文件“备案证明扫描件.png”超过 1M（1.50M）');
    await showsText(filing.locator('.ant-form-item-explain-error'), '不能超过 1M');
    await chooseDocument(page, 'directorId', textFileNamedPng('主任身份证.png'));
    await showsText(directorId.locator('.ant-form-item-explain-error'), '文件“主任身份证.png”不是有效的图片');

    // Nothing is sent while the page refuses a file.
    let registrationRequests = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/registration') && r.method() === 'POST') registrationRequests++;
    });
    await readAndAcceptAgreement(page);
    await actionButton(page, '提交').click();
    await showsText(filing.locator('.ant-form-item-explain-error'), '超过 1M');
    expect(registrationRequests).toBe(0);

    // Real, small scans replace them; the page's messages go.
    await chooseDocument(page, 'filing', pngFile('备案证明.png', [240, 230, 200]));
    await chooseDocument(page, 'directorId', pngFile('主任身份证.png', [220, 200, 240]));
    await goes(filing.locator('.ant-form-item-explain-error'));
    await goes(directorId.locator('.ant-form-item-explain-error'));

    // R-1 on the server: the same file name carrying text instead of a picture (as a client without
    // the page's check would send it) is refused by content, and the page shows it under that upload;
    // the weak password is refused in the same answer (every problem at once, nothing saved).
    await replaceUploadOnce(page, '主任身份证.png', textFileNamedPng('x.png').buffer);
    await actionButton(page, '提交').click();
    await showsText(page.getByRole('alert'), '注册未成功，请按提示修改后重新提交');
    await showsText(
      directorId.locator('.ant-form-item-explain-error'),
      '业主委员会主任身份证：文件“主任身份证.png”不是有效的图片，仅支持 JPG、JPEG、PNG 格式图片，且不能超过 1M',
    );
    const passwordItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('密码', { exact: true }) });
    await showsText(
      passwordItem.locator('.ant-form-item-explain-error'),
      '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类',
    );
    expect(registrationRequests).toBe(1);
    expect(page.url()).toContain('/register/committee');

    // 第四步: a proper password, and 提交 again with the real files.
    await page.getByLabel('密码', { exact: true }).fill(committee.password);
    await page.getByLabel('确认密码').fill(committee.password);
    await goes(passwordItem.locator('.ant-form-item-explain-error')); // the form stops moving before 提交 is clicked
    await actionButton(page, '提交').click();

    // 第五步: 注册成功, with the login account and the registration number.
    await page.waitForURL('**/registered');
    await shows(page.getByText('注册成功', { exact: true }));
    const detail = (label: string) =>
      page
        .locator('tr')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('td');
    expect(await textOf(detail('机构代码（登录账号）'))).toBe('JJHTYWH');
    expect(await textOf(detail('管理员用户名'))).toBe(committee.adminUsername);
    const registrationNo = await textOf(detail('注册编号'));
    expect(registrationNo).toMatch(/^ZC\d{8}\d{4,}$/);
    await showsText(page.locator('main'), '在提交首单业务纸质材料时，一并提交注册时需上传要件的纸质材料');

    // 登录 at once: the login page has the new account filled in.
    await actionButton(page, '登录').click();
    await page.waitForURL('**/login?**');
    expect(await page.getByLabel('机构代码').inputValue()).toBe('JJHTYWH');
    expect(await page.getByLabel('用户名').inputValue()).toBe(committee.adminUsername);
    await submitLogin(page, 'JJHTYWH', committee.adminUsername, committee.password);
    await page.waitForURL('**/workspace');
    await showsText(page.getByTestId('header-org'), '江景豪庭业主委员会');
    await showsText(page.getByTestId('header-user'), '黄家明（主任）');

    // The organisation's own view of its registration: its area and both uploaded documents.
    await openMenu(page, '机构管理', '信息变更');
    expect(await page.getByLabel('物业区域').inputValue()).toBe('江景豪庭');
    expect(await page.getByLabel('注册编号').inputValue()).toBe(registrationNo);
    await shows(page.getByRole('img', { name: '业主委员会备案证明' }));
    await shows(page.getByRole('img', { name: '业主委员会主任身份证' }));
    await shows(page.getByText('主任身份证.png', { exact: true }));

    // §10 Printing: 打印注册登记表 opens the A4 print view in a new tab.
    const opened = b.context.waitForEvent('page');
    await page.getByRole('button', { name: '打印注册登记表' }).click();
    const print = await opened;
    await shows(print.getByRole('heading', { name: '机构注册登记表' }));
    const sheet = print.locator('article.print-sheet');
    await showsText(sheet, `编号：${registrationNo}`);
    await shows(print.getByTestId('print-barcode'));
    await shows(print.getByTestId('print-qrcode'));
    for (const text of ['江门市住宅专项维修资金管理平台', 'JJHTYWH', '江景豪庭', '备案证明.png', '单位盖章', '受理人']) {
      await showsText(sheet, text);
    }
    const printed = (await printSheets(print)).join('\n');
    expect(printed).toContain('机构注册登记表');
    expect(printed).toContain(`编号：${registrationNo}`);
    expect(printed).toContain('JJHTYWH');
    expect(printed).toContain('江景豪庭业主委员会');
    expect(printed).not.toContain('返回工作台');
    await print.close();
  });
});
