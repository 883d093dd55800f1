// 机构管理 — owners' committee manual (seeds/000) §1.2: 1.2.1 信息变更, 1.2.2 机构用户管理.
// SPEC §2 F-2, F-3, §10 (sessions end at once, audit log).
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import {
  actionButton,
  goes,
  lacksText,
  logout,
  menuItem,
  openMenu,
  shows,
  showsText,
  submitLogin,
  textOf,
  toast,
  uniqueSuffix,
  screenshotFailures,
} from './helpers.ts';

const COMMITTEE = { code: 'QCHYYWH', name: '侨城花园业主委员会', admin: 'zhuren' };

let b: Browser;
let second: Browser | undefined;
/** The 委员 the second journey adds; the lockout journey locks it out and lets it in again. */
let user: { username: string; name: string; renamed: string; mobile: string; password: string };
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

test.describe('1.2 机构管理（业主委员会）', () => {
  test('F-2, §10: 主任 changes 联系电话 and 地址 under 信息变更; saved is effective at once, survives a reload and is audit-logged with old and new values', async () => {
    const { page } = b;
    const suffix = uniqueSuffix();
    const phone = `0750-${String(Date.now()).slice(-7)}`;
    const address = `江门市蓬江区建设路 88 号侨城花园会所二楼（${suffix}）`;

    // 第一步、第二步: log in, 机构管理 › 信息变更.
    await loginAs(page, COMMITTEE.code, COMMITTEE.admin);
    await openMenu(page, '机构管理', '信息变更');
    await shows(page.getByRole('heading', { name: '信息变更' }));
    expect(await page.getByLabel('机构代码').isDisabled(), '机构代码 is the account and cannot change').toBe(true);
    const oldPhone = await page.getByLabel('联系电话').inputValue();
    const oldAddress = await page.getByLabel('地址').inputValue();

    // 第三步: 填写变更信息, 保存.
    await page.getByLabel('联系电话').fill(phone);
    await page.getByLabel('地址').fill(address);
    await actionButton(page, '保存').click();
    await shows(toast(page, '信息变更已保存，立即生效'));

    // Effective at once: a reload reads the new values back from the server, and 工作台 shows them.
    await page.reload();
    await shows(page.getByRole('heading', { name: '信息变更' }));
    await expect.poll(() => page.getByLabel('联系电话').inputValue()).toBe(phone);
    expect(await page.getByLabel('地址').inputValue()).toBe(address);
    await openMenu(page, '工作台');
    await showsText(page.locator('.ant-descriptions'), address);

    // §10 Audit log: the fund office finds the change with the values before and after.
    await logout(page);
    await loginAs(page, 'JMWXZJ', 'admin');
    await openMenu(page, '系统管理', '审计日志');
    await page.getByLabel('关键字').fill(COMMITTEE.name);
    await page.getByLabel('关键字').press('Enter');
    const row = page.getByRole('row').filter({ hasText: '信息变更' }).filter({ hasText: COMMITTEE.name }).first();
    await showsText(row, '联系电话');
    await row.getByRole('button', { name: /展开/ }).click();
    const change = page.locator('.wygl-json');
    await showsText(change.first(), oldPhone);
    await showsText(change.nth(1), phone);
    await showsText(change.first(), oldAddress);
    await showsText(change.nth(1), address);
  });

  test('F-3, §10: 主任 adds a 委员, modifies it to 经办人, views it, deactivates it (its live session ends and it cannot log in) and activates it again', async ({
    openBrowser,
  }) => {
    const { page } = b;
    const suffix = uniqueSuffix();
    user = {
      username: `wy${suffix.toLowerCase()}`,
      name: '陈嘉欣',
      renamed: '陈嘉怡',
      mobile: '13790001234',
      password: 'Weiyuan#2026',
    };

    // 一、进入机构用户管理 (in a browser nobody is logged in to).
    await b.context.clearCookies();
    await loginAs(page, COMMITTEE.code, COMMITTEE.admin);
    await openMenu(page, '机构管理', '机构用户管理');
    await shows(page.getByRole('heading', { name: '机构用户管理' }));
    const rowOf = (username: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });

    // The administrator cannot deactivate itself.
    await rowOf(COMMITTEE.admin).click();
    expect(await page.getByRole('button', { name: '注销用户' }).isDisabled()).toBe(true);
    // …and reads why, without having to hover over the greyed-out button.
    await shows(page.getByText('不能注销当前登录的用户（自己）', { exact: true }));

    // 二、添加用户: 用户名, 姓名, 手机号, 初始密码, role 委员 → 添加.
    await page.getByRole('button', { name: '添加用户' }).click();
    const add = page.getByRole('dialog', { name: '添加机构用户' });
    await add.getByLabel('用户名').fill(user.username);
    await add.getByLabel('姓名').fill(user.name);
    await add.getByLabel('手机号').fill(user.mobile);
    await add.getByLabel('初始密码').fill(user.password);
    await add.getByRole('checkbox', { name: /^委员/ }).check();
    await actionButton(add, '添加').click();
    await shows(toast(page, `用户 ${user.username} 已添加`));
    await goes(add);
    await showsText(rowOf(user.username), user.name);
    await showsText(rowOf(user.username), '委员');
    await showsText(rowOf(user.username), '正常');

    // 三、修改用户: select it, change 姓名 and the role to 经办人 → 修改.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '修改用户' }).click();
    const edit = page.getByRole('dialog', { name: '修改机构用户' });
    expect(await edit.getByLabel('用户名').isDisabled()).toBe(true);
    expect(await edit.getByRole('checkbox', { name: /^委员/ }).isChecked()).toBe(true);
    await edit.getByLabel('姓名').fill(user.renamed);
    await edit.getByRole('checkbox', { name: /^委员/ }).uncheck();
    await edit.getByRole('checkbox', { name: /^经办人/ }).check();
    await actionButton(edit, '修改').click();
    await shows(toast(page, `用户 ${user.username} 已修改`));
    await goes(edit);
    await showsText(rowOf(user.username), user.renamed);
    await showsText(rowOf(user.username).locator('.ant-tag'), '经办人');
    expect(await textOf(rowOf(user.username))).not.toContain('委员');

    // 4、查看用户: its information and role.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '查看用户' }).click();
    const view = page.getByRole('dialog', { name: '查看用户' });
    for (const text of [user.username, user.renamed, user.mobile, '经办人', '准备维修项目，不能提交', '正常', '从未登录'])
      await showsText(view, text);
    await view.getByRole('button', { name: '确定' }).click();
    await goes(view);

    // The new user logs in elsewhere (a second browser), with the menus of a 经办人.
    second = await openBrowser();
    const other = second.page;
    await loginAs(other, COMMITTEE.code, user.username, user.password);
    await showsText(other.getByTestId('header-user'), `${user.renamed}（经办人）`);
    await shows(menuItem(other, '工作台'));
    expect(await menuItem(other, '机构用户管理').count(), '经办人 does not manage users').toBe(0);
    await other.getByRole('button', { name: '修改密码' }).click();
    await shows(other.getByRole('heading', { name: '修改密码' }));

    // 5、注销用户: select it, 注销用户, 确定.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '注销用户' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: `注销用户 ${user.username}（${user.renamed}）？` });
    await confirm.getByRole('button', { name: '确定' }).click();
    await shows(toast(page, `用户 ${user.username} 已注销`));
    await showsText(rowOf(user.username), '已注销');

    // Its live session ended at once: the next navigation lands on the login page, saying why.
    await menuItem(other, '工作台').click();
    await other.waitForURL('**/login');
    await showsText(other.getByRole('alert'), '登录已失效（用户已注销、机构已暂停或已在别处退出），请重新登录');
    expect(await other.getByLabel('机构代码').inputValue()).toBe(COMMITTEE.code);
    expect(await other.getByLabel('用户名').inputValue()).toBe(user.username);

    // …and the account cannot log in.
    await submitLogin(other, COMMITTEE.code, user.username, user.password);
    await showsText(other.getByRole('alert'), '该用户已注销，请联系本机构管理员激活');
    expect(new URL(other.url()).pathname).toBe('/login');

    // 6、激活用户: the account can be used again.
    await rowOf(user.username).click();
    await page.getByRole('button', { name: '激活用户' }).click();
    await shows(toast(page, `用户 ${user.username} 已激活`));
    await showsText(rowOf(user.username), '正常');
    await submitLogin(other, COMMITTEE.code, user.username, user.password);
    await other.waitForURL('**/workspace');
    await showsText(other.getByTestId('header-user'), `${user.renamed}（经办人）`);
  });

  test('§10 lockout: five wrong passwords lock the user, who is told no more than for any wrong password; 主任 sees 已锁定至 and 解锁 lets the user in again', async () => {
    const { page } = b;
    const other = (second as Browser).page;
    await (second as Browser).context.clearCookies();
    await other.goto('/login');
    const wrong = '机构代码、用户名或密码错误';
    for (let i = 0; i < 5; i++) {
      await submitLogin(other, COMMITTEE.code, user.username, `Wrong#${i}abc`);
      await showsText(other.getByRole('alert'), wrong);
    }
    // Locked: the right password gets the same answer as a wrong one, so nobody learns the account exists.
    await submitLogin(other, COMMITTEE.code, user.username, user.password);
    await showsText(other.getByRole('alert'), wrong);
    expect(new URL(other.url()).pathname).toBe('/login');

    // 主任 sees the lock in 机构用户管理 and lifts it.
    await openMenu(page, '机构管理', '机构用户管理');
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: user.username, exact: true }) });
    await page.reload();
    await showsText(row, '已锁定至');
    await row.click();
    await page.getByRole('button', { name: '解锁' }).click();
    await shows(toast(page, `用户 ${user.username} 已解锁`));
    await lacksText(row, '已锁定');

    await submitLogin(other, COMMITTEE.code, user.username, user.password);
    await other.waitForURL('**/workspace');
    await showsText(other.getByTestId('header-user'), `${user.renamed}（经办人）`);
  });
});
