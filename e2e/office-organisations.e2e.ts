// The fund office's organisation review — SPEC §8 F-61 (with §2 F-1's "the fund office sees it in
// its organisation list with its documents, marks the paper originals as verified… and can suspend
// an organisation", and §10's audit log). Registers a developer of its own, so it depends on no other spec.
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { chooseOption } from './payment-helpers.ts';
import {
  goes,
  newDeveloper,
  openMenu,
  registerDeveloper,
  shows,
  showsText,
  submitLogin,
  toast,
  uniqueSuffix,
  screenshotFailures,
} from './helpers.ts';

let office: Browser;
let member: Browser | undefined;
test.beforeAll(async ({ openBrowser }) => {
  office = await openBrowser();
});
test.afterAll(async () => {
  await member?.close();
  await office?.close();
});
screenshotFailures(() => [office?.page, member?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('机构管理 › 机构列表（维修资金管理部门）', () => {
  test('F-61, F-1, §10: the office finds a newly registered developer, sees its documents, verifies the originals, suspends it with a reason (its users are thrown out and cannot log in), reactivates it, and the audit log shows the suspension with the reason, found also by two characters of who did it', async ({
    openBrowser,
  }) => {
    const { page } = office;
    const developer = newDeveloper();
    const reason = `营业执照副本与上传件不一致，请到窗口核对（${uniqueSuffix()}）`;

    // A developer registers, and its administrator logs in elsewhere.
    await registerDeveloper(page, developer);
    member = await openBrowser();
    const other = member.page;
    await loginAs(other, developer.code, developer.adminUsername, developer.password);
    await showsText(other.getByTestId('header-org'), developer.name);
    await openMenu(other, '机构管理', '信息变更');

    // 机构管理 › 机构列表: the office finds it.
    await loginAs(page, 'JMWXZJ', 'admin');
    await openMenu(page, '机构管理', '机构列表');
    await shows(page.getByRole('heading', { name: '机构列表' }));
    await page.getByLabel('搜索机构').fill(developer.code);
    await page.getByLabel('搜索机构').press('Enter');
    const row = page.getByRole('row').filter({ hasText: developer.code });
    for (const text of [developer.name, '开发建设单位', developer.contactPerson, developer.phone, '正常', '原件未核验'])
      await showsText(row, text);
    await expect.poll(() => page.getByRole('row').count(), { message: 'only the header and its row' }).toBe(2);

    // Its detail: the registration and the three documents as thumbnails of the uploaded files.
    await row.getByRole('link', { name: developer.name }).click();
    await shows(page.getByRole('heading', { name: developer.name }));
    const details = page.locator('.ant-descriptions');
    for (const text of [developer.code, developer.address, developer.legalRepresentative, '1 个']) await showsText(details, text);
    for (const [label, fileName] of [
      ['营业执照', '营业执照.png'],
      ['房地产开发资质证书', '资质证书.png'],
      ['法定代表人身份证', '法定代表人身份证.png'],
    ] as const) {
      const thumbnail = page.getByRole('img', { name: label, exact: true });
      await shows(thumbnail);
      await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
      await shows(page.locator('figure').filter({ hasText: fileName }));
    }

    // 核验要件原件: the paper copies were handed in.
    await page.getByRole('button', { name: '核验要件原件' }).click();
    const verify = page.getByRole('dialog').filter({ hasText: `确认已收到并核对 ${developer.name} 注册要件的纸质材料` });
    await verify.getByRole('button', { name: '确定' }).click();
    await shows(toast(page, '已记录要件原件核验'));
    await goes(page.getByRole('button', { name: '核验要件原件' }));
    await showsText(page.locator('.ant-tag'), '原件已核验');

    // 暂停使用, with a reason.
    await page.getByRole('button', { name: '暂停使用' }).click();
    const suspend = page.getByRole('dialog', { name: '暂停使用' });
    await suspend.getByRole('button', { name: '确定' }).click();
    await showsText(suspend.locator('.ant-form-item-explain-error'), '请填写暂停原因');
    await suspend.getByLabel('原因').fill(reason);
    await suspend.getByRole('button', { name: '确定' }).click();
    await shows(toast(page, '已暂停该机构的使用，其用户已退出登录'));
    await goes(suspend);
    await showsText(page.getByRole('alert'), '该机构已暂停使用');
    await showsText(page.getByRole('alert'), `原因：${reason}`);
    await shows(page.getByRole('button', { name: '恢复使用' }));

    // Its administrator is thrown out at once — reloading the page lands on the login page, which
    // says why — and cannot log in, being told why.
    await other.reload();
    await other.waitForURL('**/login');
    await showsText(other.getByRole('alert'), '登录已失效（用户已注销、机构已暂停或已在别处退出），请重新登录');
    await submitLogin(other, developer.code, developer.adminUsername, developer.password);
    await showsText(other.getByRole('alert'), `本机构已被维修资金管理部门暂停使用（${reason}）`);
    expect(new URL(other.url()).pathname).toBe('/login');

    // The list shows it suspended and verified.
    await page.getByRole('button', { name: '返回机构列表' }).click();
    await showsText(row, '已暂停');
    await showsText(row, '原件已核验');
    await row.getByRole('link', { name: developer.name }).click();

    // 恢复使用 → it logs in again.
    await page.getByRole('button', { name: '恢复使用' }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: `恢复 ${developer.name} 的使用后` })
      .getByRole('button', { name: '确定' })
      .click();
    await shows(toast(page, '已恢复该机构的使用'));
    await goes(page.getByRole('alert').filter({ hasText: '该机构已暂停使用' }));
    await shows(page.getByRole('button', { name: '暂停使用' }));
    await submitLogin(other, developer.code, developer.adminUsername, developer.password);
    await other.waitForURL('**/org/info'); // back where it was thrown out
    await showsText(other.locator('.ant-tag'), '原件已核验');

    // §10 Audit log: the suspension, who did it, and the reason.
    await openMenu(page, '系统管理', '审计日志');
    await page.getByLabel('关键字').fill(developer.name);
    await page.getByLabel('关键字').press('Enter');
    const suspension = page.getByRole('row').filter({ hasText: '暂停机构' });
    await showsText(suspension, `暂停机构：${developer.name}，原因：${reason}`);
    await showsText(suspension, '陈志明');
    for (const action of ['恢复机构', '核验要件原件', '机构注册']) await shows(page.getByRole('row').filter({ hasText: action }).first());

    // Two characters of the person's name, with the kind of operation, find the same record.
    await page.getByLabel('关键字').fill('志明');
    await page.getByLabel('关键字').press('Enter');
    await chooseOption(page, page.getByRole('combobox', { name: '操作' }), '暂停机构');
    await showsText(page.getByRole('row').filter({ hasText: `暂停机构：${developer.name}` }), '陈志明');
  });
});
