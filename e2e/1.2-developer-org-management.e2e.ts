// 机构管理 — developer manual (seeds/001) §1.2.2 机构用户管理. SPEC §2 F-3 (roles decide menus and actions).
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import {
  actionButton,
  goes,
  menuItem,
  openMenu,
  shows,
  showsText,
  submitLogin,
  toast,
  uniqueSuffix,
  screenshotFailures,
} from './helpers.ts';

const DEVELOPER = { code: '91440703MA4WJM001Q', admin: 'admin', adminName: '梁伟强', clerk: 'jingban' };

let b: Browser;
let second: Browser | undefined;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
});
test.afterAll(async () => {
  await second?.close();
  await b?.close();
});
screenshotFailures(() => [b?.page, second?.page]);

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.2 机构管理（开发建设单位）', () => {
  test('F-3: 管理员 adds a 经办人, modifies it, views it, deactivates it (it cannot log in) and activates it again; the last 管理员 keeps its role', async ({
    openBrowser,
  }) => {
    const { page } = b;
    const user = {
      username: `jb${uniqueSuffix().toLowerCase()}`,
      name: '林晓峰',
      mobile: '13560001111',
      newMobile: '13560002222',
      password: 'Jingban#2026',
    };

    await loginAs(page, DEVELOPER.code, DEVELOPER.admin);
    await openMenu(page, '机构管理', '机构用户管理');
    await shows(page.getByRole('heading', { name: '机构用户管理' }));
    const rowOf = (username: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
    // Each row's choice is named in Chinese by its user, not antd's English "Select row n".
    await shows(page.getByRole('radio', { name: `选择 ${DEVELOPER.admin}` }));
    expect(await page.getByRole('radio', { name: /Select row/ }).count()).toBe(0);

    // 二、添加用户 — a taken 用户名 is refused on that field, then the new one is added as 经办人.
    await page.getByRole('button', { name: '添加用户' }).click();
    const add = page.getByRole('dialog', { name: '添加机构用户' });
    await add.getByLabel('用户名').fill(DEVELOPER.clerk);
    await add.getByLabel('姓名').fill(user.name);
    await add.getByLabel('手机号').fill(user.mobile);
    await add.getByLabel('初始密码').fill(user.password);
    await add.getByRole('checkbox', { name: /^经办人/ }).check();
    await actionButton(add, '添加').click();
    await showsText(add.locator('.ant-form-item-explain-error'), `用户名 ${DEVELOPER.clerk} 已存在`);
    await add.getByLabel('用户名').fill(user.username);
    await actionButton(add, '添加').click();
    await shows(toast(page, `用户 ${user.username} 已添加`));
    await goes(add);
    await showsText(rowOf(user.username).locator('.ant-tag'), '经办人');

    // 三、修改用户: a new 手机号 → 修改.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '修改用户' }).click();
    const edit = page.getByRole('dialog', { name: '修改机构用户' });
    await edit.getByLabel('手机号').fill(user.newMobile);
    await actionButton(edit, '修改').click();
    await shows(toast(page, `用户 ${user.username} 已修改`));
    await showsText(rowOf(user.username), user.newMobile);

    // 4、查看用户.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '查看用户' }).click();
    const view = page.getByRole('dialog', { name: '查看用户' });
    for (const text of [user.username, user.name, user.newMobile, '经办人', '办理物业区域与交款业务', '正常']) await showsText(view, text);
    await view.getByRole('button', { name: '确定' }).click();
    await goes(view);

    // 5、注销用户 → the account cannot log in.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '注销用户' }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: `注销用户 ${user.username}` })
      .getByRole('button', { name: '确定' })
      .click();
    await shows(toast(page, `用户 ${user.username} 已注销`));
    await showsText(rowOf(user.username), '已注销');
    second = await openBrowser();
    const other = second.page;
    await other.goto('/login');
    await submitLogin(other, DEVELOPER.code, user.username, user.password);
    await showsText(other.getByRole('alert'), '该用户已注销，请联系本机构管理员激活');

    // 6、激活用户 → it logs in.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '激活用户' }).click();
    await shows(toast(page, `用户 ${user.username} 已激活`));
    await submitLogin(other, DEVELOPER.code, user.username, user.password);
    await other.waitForURL('**/workspace');
    await showsText(other.getByTestId('header-user'), `${user.name}（经办人）`);

    // The only 管理员 cannot give its role away.
    await rowOf(DEVELOPER.admin).click();
    await page.getByRole('button', { name: '修改用户' }).click();
    await edit.getByRole('checkbox', { name: /^管理员/ }).uncheck();
    await edit.getByRole('checkbox', { name: /^经办人/ }).check();
    await actionButton(edit, '修改').click();
    await showsText(edit.locator('.ant-form-item-explain-error'), '不能移除本机构最后一位管理员');
    await edit.getByRole('button', { name: /取\s*消/ }).click();
    await goes(edit);
    await showsText(rowOf(DEVELOPER.admin).locator('.ant-tag'), '管理员');
  });

  test('F-3: a 经办人 has no 机构用户管理 in its menu, and opening /org/users directly shows 无权访问 (the server refuses too)', async () => {
    const { page } = b;
    await b.context.clearCookies();
    await loginAs(page, DEVELOPER.code, DEVELOPER.clerk);
    await showsText(page.getByTestId('header-user'), '吴敏（经办人）');
    await shows(menuItem(page, '工作台'));
    expect(await menuItem(page, '机构用户管理').count()).toBe(0);
    expect(await menuItem(page, '信息变更').count()).toBe(0);

    await page.goto('/org/users');
    await shows(page.getByText('无权访问', { exact: true }));
    await shows(page.getByText('当前用户的角色无权使用此功能，如需使用请联系本机构管理员。'));
    expect(await page.getByRole('button', { name: '添加用户' }).count()).toBe(0);
    const api = await page.request.get('/api/org/users');
    expect(api.status()).toBe(403);

    await page.getByRole('button', { name: '返回工作台' }).click();
    await page.waitForURL('**/workspace');
  });
});
