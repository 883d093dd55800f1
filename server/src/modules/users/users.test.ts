import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, sessions, users } from '../../db/schema/index.ts';
import { DEMO, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { DEMO_PASSWORD, testApp, type Agent, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const orgIds: Record<'committee' | 'developer' | 'bank', number> = { committee: 0, developer: 0, bank: 0 };

beforeAll(async () => {
  t = await testApp();
  const orgs = await t.handle.db.select().from(organisations);
  orgIds.committee = orgs.find((o) => o.code === DEMO.committee.code)?.id ?? 0;
  orgIds.developer = orgs.find((o) => o.code === DEMO.developer.code)?.id ?? 0;
  orgIds.bank = orgs.find((o) => o.code === DEMO.bank.code)?.id ?? 0;
});
afterAll(() => t.close());

const director = () => t.login(DEMO.committee.code, DEMO.committee.director);

async function userRow(orgId: number, username: string) {
  const [u] = await t.handle.db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.username, username)));
  if (!u) throw new Error(`no user ${username} in organisation ${orgId}`);
  return u;
}

const userCount = async (orgId: number) => (await t.handle.db.select({ n: count() }).from(users).where(eq(users.orgId, orgId)))[0]?.n;
const auditCount = async () => (await t.handle.db.select({ n: count() }).from(auditLog))[0]?.n;
const sessionsOf = async (userId: number) => t.handle.db.select().from(sessions).where(eq(sessions.userId, userId));
const auditOf = (userId: number, action: string) =>
  t.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(userId)), eq(auditLog.action, action)));

/** Adds a committee user through the API and returns its id. */
async function addCommitteeUser(admin: Agent, username: string, roles: string[] = ['clerk'], password = VALID_PASSWORD) {
  const res = await admin.post('/api/org/users', { username, name: `测试${username}`, mobile: '13612345678', roles, password });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

describe('F-3 organisation users: listing', () => {
  it('F-3 lists only the own organisation’s users, paginated by page and pageSize', async () => {
    const admin = await director();
    const own = (await t.handle.db.select().from(users).where(eq(users.orgId, orgIds.committee))).map((u) => u.id).sort((a, b) => a - b);
    expect(own).toHaveLength(3);

    const first = await admin.get('/api/org/users?pageSize=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().total).toBe(3);
    expect(first.json().items).toHaveLength(2);
    const second = await admin.get('/api/org/users?pageSize=2&page=2');
    expect(second.json().total).toBe(3);
    expect(second.json().items).toHaveLength(1);
    const seen = [...first.json().items, ...second.json().items].map((u: { id: number }) => u.id);
    expect(seen).toEqual(own);
    expect(first.json().items[0]).toMatchObject({ username: DEMO.committee.director, roles: ['director'], roleLabels: ['主任'] });

    // The developer (which also has a user called jingban) sees its own two users, none of the committee's.
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const devList = (await dev.get('/api/org/users')).json();
    expect(devList.total).toBe(2);
    for (const u of devList.items as { id: number }[]) expect(own).not.toContain(u.id);
  });

  it('F-3 searches by q (user name, name or mobile) and filters by status, within the own organisation', async () => {
    const admin = await director();
    const byName = (await admin.get(`/api/org/users?q=${encodeURIComponent('刘美玲')}`)).json();
    expect(byName.total).toBe(1);
    expect(byName.items[0].username).toBe(DEMO.committee.member);
    // jingban exists in the developer too; the committee finds only its own.
    const byUsername = (await admin.get('/api/org/users?q=JINGBAN')).json();
    expect(byUsername.total).toBe(1);
    expect(byUsername.items[0].name).toBe('何家乐');
    const byMobile = (await admin.get('/api/org/users?q=1390000003')).json();
    expect(byMobile.total).toBe(3);
    expect((await admin.get('/api/org/users?q=nosuchuser')).json()).toEqual({ items: [], total: 0 });
    expect((await admin.get('/api/org/users?status=active')).json().total).toBe(3);
    expect((await admin.get('/api/org/users?status=inactive')).json().total).toBe(0);
    const bad = await admin.get('/api/org/users?status=gone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors).toHaveProperty('status');
  });
});

describe('F-3 organisation users: adding', () => {
  it('F-3 adds a user with a role (201); the new user can log in with that role', async () => {
    const admin = await director();
    const res = await admin.post('/api/org/users', {
      username: 'xiaoli',
      name: '李小丽',
      mobile: '13622223333',
      roles: ['clerk'],
      password: VALID_PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'xiaoli',
      name: '李小丽',
      mobile: '13622223333',
      roles: ['clerk'],
      roleLabels: ['经办人'],
      status: 'active',
      locked: false,
      lastLoginAt: null,
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const row = await userRow(orgIds.committee, 'xiaoli');
    expect(row.id).toBe(res.json().id);
    expect(row.passwordHash).not.toContain(VALID_PASSWORD);
    const session = (await (await t.login(DEMO.committee.code, 'xiaoli', VALID_PASSWORD)).get('/api/auth/session')).json();
    expect(session.org.code).toBe(DEMO.committee.code);
    expect(session.permissions).toEqual(['project.edit']);
  });

  it('F-3 refuses a duplicate user name in the same organisation (409 fieldErrors.username) and adds nothing', async () => {
    const admin = await director();
    const before = await userCount(orgIds.committee);
    const res = await admin.post('/api/org/users', {
      username: DEMO.committee.member,
      name: '另一人',
      mobile: '13622224444',
      roles: ['clerk'],
      password: VALID_PASSWORD,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
    expect(res.json().fieldErrors.username).toBe(`用户名 ${DEMO.committee.member} 已存在`);
    expect(await userCount(orgIds.committee)).toBe(before);
    expect((await userRow(orgIds.committee, DEMO.committee.member)).name).toBe('刘美玲');
  });

  it('F-3 allows the same user name in another organisation', async () => {
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const res = await dev.post('/api/org/users', {
      username: DEMO.committee.member,
      name: '开发商委员同名',
      mobile: '13622225555',
      roles: ['clerk'],
      password: VALID_PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().roleLabels).toEqual(['经办人']);
    expect((await userRow(orgIds.developer, DEMO.committee.member)).name).toBe('开发商委员同名');
    expect((await userRow(orgIds.committee, DEMO.committee.member)).name).toBe('刘美玲');
  });

  it('F-3 refuses a role unknown to the organisation type (400 fieldErrors.roles) and an empty role list', async () => {
    const admin = await director();
    const before = await userCount(orgIds.committee);
    const devRole = await admin.post('/api/org/users', {
      username: 'wrongrole',
      name: '错角色',
      mobile: '13622226666',
      roles: ['admin'], // a developer role, not a committee one
      password: VALID_PASSWORD,
    });
    expect(devRole.statusCode).toBe(400);
    expect(devRole.json().code).toBe('VALIDATION');
    expect(devRole.json().fieldErrors.roles).toBe('角色不存在：admin');
    const none = await admin.post('/api/org/users', {
      username: 'norole',
      name: '无角色',
      mobile: '13622226666',
      roles: [],
      password: VALID_PASSWORD,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().fieldErrors.roles).toBe('请至少选择一个角色');
    expect(await userCount(orgIds.committee)).toBe(before);
  });

  it('F-3 refuses a weak password (400 fieldErrors.password) and a bad mobile (400 fieldErrors.mobile), adding nothing', async () => {
    const admin = await director();
    const before = await userCount(orgIds.committee);
    const auditsBefore = await auditCount();
    const weak = await admin.post('/api/org/users', {
      username: 'weakpw',
      name: '弱密码',
      mobile: '13622227777',
      roles: ['clerk'],
      password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fieldErrors.password).toBe('密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类');
    const badMobile = await admin.post('/api/org/users', {
      username: 'badmobile',
      name: '错手机',
      mobile: '12345678901',
      roles: ['clerk'],
      password: VALID_PASSWORD,
    });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json().fieldErrors.mobile).toBe('手机号格式不正确：手机号须为 11 位数字，以 1 开头');
    const badName = await admin.post('/api/org/users', {
      username: 'x',
      name: '',
      mobile: '13622227777',
      roles: ['clerk'],
      password: VALID_PASSWORD,
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().fieldErrors.username).toContain('用户名为 3–32 位');
    expect(badName.json().fieldErrors.name).toBe('姓名不能为空');
    expect(await userCount(orgIds.committee)).toBe(before);
    expect(await auditCount()).toBe(auditsBefore);
  });
});

describe('F-3 organisation users: modify and view', () => {
  it('F-3 modifies name, mobile and roles; the view shows them with role labels and the live session gains the permissions', async () => {
    const admin = await director();
    const id = await addCommitteeUser(admin, 'xiaozhang', ['clerk']);
    const user = await t.login(DEMO.committee.code, 'xiaozhang', VALID_PASSWORD);
    const before = (await user.get('/api/auth/session')).json();
    expect(before.permissions).not.toContain('project.submit');

    const res = await admin.put(`/api/org/users/${id}`, { name: '张小明', mobile: '13788889999', roles: ['member'] });
    expect(res.statusCode).toBe(200);
    const view = await admin.get(`/api/org/users/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      id,
      username: 'xiaozhang',
      name: '张小明',
      mobile: '13788889999',
      roles: ['member'],
      roleLabels: ['委员'],
      status: 'active',
    });

    // Same cookie, no new login: the promotion applies at once.
    const after = await user.get('/api/auth/session');
    expect(after.statusCode).toBe(200);
    expect(after.json().permissions).toContain('project.submit');
    expect(after.json().user).toMatchObject({ name: '张小明', roles: ['member'], roleLabels: ['委员'] });

    // And a demotion takes the permission away just as fast.
    expect((await admin.put(`/api/org/users/${id}`, { name: '张小明', mobile: '13788889999', roles: ['clerk'] })).statusCode).toBe(200);
    expect((await user.get('/api/auth/session')).json().permissions).toEqual(['project.edit']);
  });

  it('F-3 refuses invalid modifications with field errors and leaves the user unchanged', async () => {
    const admin = await director();
    const member = await userRow(orgIds.committee, DEMO.committee.member);
    const badMobile = await admin.put(`/api/org/users/${member.id}`, { name: '刘美玲', mobile: '1380000', roles: ['member'] });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json().fieldErrors.mobile).toContain('手机号格式不正确');
    const badRole = await admin.put(`/api/org/users/${member.id}`, { name: '刘美玲', mobile: member.mobile, roles: ['teller'] });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().fieldErrors.roles).toBe('角色不存在：teller');
    expect(await userRow(orgIds.committee, DEMO.committee.member)).toEqual(member);
    expect((await admin.get('/api/org/users/999999')).statusCode).toBe(404);
  });
});

describe('F-3 organisation users: deactivate and re-activate', () => {
  it('F-3 deactivation ends the live session at once, refuses login with 已注销, and shows the user inactive', async () => {
    const admin = await director();
    const id = await addCommitteeUser(admin, 'zhuxiao');
    const user = await t.login(DEMO.committee.code, 'zhuxiao', VALID_PASSWORD);
    expect((await user.get('/api/auth/session')).statusCode).toBe(200);
    expect(await sessionsOf(id)).toHaveLength(1);

    const res = await admin.post(`/api/org/users/${id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('inactive');
    expect(await sessionsOf(id)).toHaveLength(0);

    const next = await user.get('/api/org');
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe('SESSION_ENDED');
    const login = await t.agent().post('/api/auth/login', { orgCode: DEMO.committee.code, username: 'zhuxiao', password: VALID_PASSWORD });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('USER_INACTIVE');
    expect(login.json().message).toContain('已注销');
    expect(login.cookies.find((c) => c.name === 'wygl_sid')).toBeUndefined();

    expect((await admin.get(`/api/org/users/${id}`)).json().status).toBe('inactive');
    const inactive = (await admin.get('/api/org/users?status=inactive')).json();
    expect(inactive.items.map((u: { id: number }) => u.id)).toEqual([id]);
    expect((await userRow(orgIds.committee, 'zhuxiao')).status).toBe('inactive');
  });

  it('F-3 re-activation lets the user log in again', async () => {
    const admin = await director();
    const { id } = await userRow(orgIds.committee, 'zhuxiao');
    const res = await admin.post(`/api/org/users/${id}/activate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    const user = await t.login(DEMO.committee.code, 'zhuxiao', VALID_PASSWORD);
    expect((await user.get('/api/auth/session')).json().user.username).toBe('zhuxiao');
    expect((await admin.get('/api/org/users?status=inactive')).json().total).toBe(0);
  });
});

describe('F-3 the steps the server offers on each user', () => {
  const offered = (u: { actions: { action: string; allowed: boolean; blockedBy: { message: string } | null }[] }) =>
    Object.fromEntries(u.actions.map((a) => [a.action, a.allowed || a.blockedBy?.message]));

  it('F-3 the list offers each user its own steps: never deactivating the caller, activating only an inactive user', async () => {
    const admin = await director();
    const id = await addCommitteeUser(admin, 'offered1');
    const items = (await admin.get('/api/org/users?pageSize=50')).json().items as { id: number; username: string; actions: never[] }[];
    const self = items.find((u) => u.username === DEMO.committee.director);
    if (!self) throw new Error('the director is not listed');
    expect(offered(self)).toMatchObject({
      deactivate: '不能注销当前登录的用户（自己）',
      activate: `用户 ${self.username} 正在使用，无需激活`,
    });
    const other = items.find((u) => u.id === id);
    if (!other) throw new Error('the new user is not listed');
    expect(offered(other)).toEqual({ deactivate: true, activate: '用户 offered1 正在使用，无需激活', unlock: '用户 offered1 未被锁定' });

    const after = await admin.post(`/api/org/users/${id}/deactivate`);
    expect(after.statusCode).toBe(200);
    expect(offered(after.json())).toEqual({ deactivate: '用户 offered1 已注销', activate: true, unlock: '用户 offered1 未被锁定' });
  });
});

describe('F-3 the administrator rules', () => {
  it('F-3 refuses an administrator deactivating itself (400) and its session stays', async () => {
    const admin = await director();
    const self = await userRow(orgIds.committee, DEMO.committee.director);
    const res = await admin.post(`/api/org/users/${self.id}/deactivate`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'SELF', message: '不能注销当前登录的用户（自己）' });
    expect((await userRow(orgIds.committee, DEMO.committee.director)).status).toBe('active');
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('F-3 refuses removing the admin role from the last active administrator (最后一位管理员)', async () => {
    const admin = await director();
    const self = await userRow(orgIds.committee, DEMO.committee.director);
    const auditsBefore = await auditCount();
    const res = await admin.put(`/api/org/users/${self.id}`, { name: self.name, mobile: self.mobile, roles: ['member'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.roles).toContain('最后一位管理员');
    expect(res.json().message).toContain('最后一位管理员');
    expect((await userRow(orgIds.committee, DEMO.committee.director)).roles).toEqual(['director']);
    expect(await auditCount()).toBe(auditsBefore);
    // Keeping the admin role among others is fine.
    const both = await admin.put(`/api/org/users/${self.id}`, { name: self.name, mobile: self.mobile, roles: ['director', 'member'] });
    expect(both.statusCode).toBe(200);
    expect(both.json().roleLabels).toEqual(['主任', '委员']);
    expect((await admin.put(`/api/org/users/${self.id}`, { name: self.name, mobile: self.mobile, roles: ['director'] })).statusCode).toBe(
      200,
    );
  });

  it('F-3 allows removing an administrator once another active administrator exists', async () => {
    const admin = await director();
    const self = await userRow(orgIds.committee, DEMO.committee.director);
    const deputyId = await addCommitteeUser(admin, 'fuzhuren', ['director']);
    const deputy = await t.login(DEMO.committee.code, 'fuzhuren', VALID_PASSWORD);

    // With two administrators, the director may step down to member…
    const down = await admin.put(`/api/org/users/${self.id}`, { name: self.name, mobile: self.mobile, roles: ['member'] });
    expect(down.statusCode).toBe(200);
    expect(down.json().roles).toEqual(['member']);
    // …and at once loses user management.
    expect((await admin.get('/api/org/users')).statusCode).toBe(403);

    // Now the deputy is the last one: it cannot step down, nor can it be deactivated by itself.
    const deputyRow = await userRow(orgIds.committee, 'fuzhuren');
    const refused = await deputy.put(`/api/org/users/${deputyId}`, { name: deputyRow.name, mobile: deputyRow.mobile, roles: ['clerk'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors.roles).toContain('最后一位管理员');

    // Restore the demo director, then the deputy may be deactivated by it.
    expect((await deputy.put(`/api/org/users/${self.id}`, { name: self.name, mobile: self.mobile, roles: ['director'] })).statusCode).toBe(
      200,
    );
    const restored = await director();
    const gone = await restored.post(`/api/org/users/${deputyId}/deactivate`);
    expect(gone.statusCode).toBe(200);
    expect(gone.json().status).toBe('inactive');
    expect((await deputy.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('F-3 two administrators deactivating each other at the same moment still leave one active administrator', async () => {
    const bankAdmin = await t.login(DEMO.bank.code, DEMO.bank.admin);
    const secondRes = await bankAdmin.post('/api/org/users', {
      username: 'admin2',
      name: '副管理员',
      mobile: '13800000019',
      roles: ['admin'],
      password: VALID_PASSWORD,
    });
    expect(secondRes.statusCode).toBe(201);
    const second = await t.login(DEMO.bank.code, 'admin2', VALID_PASSWORD);
    const first = await userRow(orgIds.bank, DEMO.bank.admin);

    const [a, b] = await Promise.all([
      bankAdmin.post(`/api/org/users/${secondRes.json().id}/deactivate`),
      second.post(`/api/org/users/${first.id}/deactivate`),
    ]);
    // One wins; the other is refused as the last administrator (or, if the winner got there first, finds its own session ended).
    expect([a.statusCode, b.statusCode].filter((s) => s === 200)).toHaveLength(1);
    const loser = a.statusCode === 200 ? b : a;
    expect([400, 401]).toContain(loser.statusCode);
    if (loser.statusCode === 400) expect(loser.json().message).toContain('最后一位管理员');
    const activeAdmins = (await t.handle.db.select().from(users).where(eq(users.orgId, orgIds.bank))).filter(
      (u) => u.status === 'active' && u.roles.includes('admin'),
    );
    expect(activeAdmins).toHaveLength(1);
  });

  it('F-3 two administrators stepping down at the same moment still leave one administrator', async () => {
    const officeOrg = (await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.office.code)))[0];
    if (!officeOrg) throw new Error('no office');
    const one = await t.login(DEMO.office.code, DEMO.office.admin);
    const oneRow = await userRow(officeOrg.id, DEMO.office.admin);
    const added = await one.post('/api/org/users', {
      username: 'admin9',
      name: '第二管理员',
      mobile: '13800000009',
      roles: ['admin'],
      password: VALID_PASSWORD,
    });
    expect(added.statusCode).toBe(201);
    const two = await t.login(DEMO.office.code, 'admin9', VALID_PASSWORD);
    const [a, b] = await Promise.all([
      one.put(`/api/org/users/${oneRow.id}`, { name: oneRow.name, mobile: oneRow.mobile, roles: ['reviewer'] }),
      two.put(`/api/org/users/${added.json().id}`, { name: '第二管理员', mobile: '13800000009', roles: ['reviewer'] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400]);
    expect((a.statusCode === 400 ? a : b).json().fieldErrors.roles).toContain('最后一位管理员');
    const admins = (await t.handle.db.select().from(users).where(eq(users.orgId, officeOrg.id))).filter(
      (u) => u.status === 'active' && u.roles.includes('admin'),
    );
    expect(admins).toHaveLength(1);
  });
});

describe('F-3 only administrators manage users', () => {
  const who = [
    ['committee member', DEMO.committee.code, DEMO.committee.member, DEMO.committee.clerk],
    ['committee clerk', DEMO.committee.code, DEMO.committee.clerk, DEMO.committee.member],
    ['developer clerk', DEMO.developer.code, DEMO.developer.clerk, DEMO.developer.admin],
  ] as const;

  for (const [label, orgCode, username, targetName] of who) {
    it(`F-3 refuses a ${label} listing, adding, modifying or deactivating users (403), changing nothing`, async () => {
      const a = await t.login(orgCode, username);
      const orgId = orgCode === DEMO.committee.code ? orgIds.committee : orgIds.developer;
      const target = await userRow(orgId, targetName);
      const countBefore = await userCount(orgId);
      const auditsBefore = await auditCount();
      const responses = [
        await a.get('/api/org/users'),
        await a.get(`/api/org/users/${target.id}`),
        await a.post('/api/org/users', {
          username: 'sneaky',
          name: '越权',
          mobile: '13600000000',
          roles: ['clerk'],
          password: VALID_PASSWORD,
        }),
        await a.put(`/api/org/users/${target.id}`, { name: '越权改名', mobile: '13600000000', roles: ['clerk'] }),
        await a.post(`/api/org/users/${target.id}/deactivate`),
        await a.post(`/api/org/users/${target.id}/reset-password`, { password: 'Hijack#2026' }),
      ];
      for (const res of responses) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
      }
      expect(await userCount(orgId)).toBe(countBefore);
      expect(await userRow(orgId, target.username)).toEqual(target);
      expect(await auditCount()).toBe(auditsBefore);
    });
  }
});

describe('F-3 one organisation cannot reach another’s users', () => {
  it('F-3 answers 404 to a developer administrator viewing or changing a committee user, and the user is unchanged', async () => {
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const victim = await userRow(orgIds.committee, DEMO.committee.clerk);
    const auditsBefore = await auditCount();
    const responses = [
      await dev.get(`/api/org/users/${victim.id}`),
      await dev.put(`/api/org/users/${victim.id}`, { name: '被改了', mobile: '13600000001', roles: ['clerk'] }),
      await dev.post(`/api/org/users/${victim.id}/deactivate`),
      await dev.post(`/api/org/users/${victim.id}/activate`),
      await dev.post(`/api/org/users/${victim.id}/reset-password`, { password: 'Hijack#2026' }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '用户不存在' });
    }
    expect(await userRow(orgIds.committee, DEMO.committee.clerk)).toEqual(victim);
    expect(await auditCount()).toBe(auditsBefore);
    await t.login(DEMO.committee.code, DEMO.committee.clerk, DEMO_PASSWORD);
  });
});

describe('F-3 password reset by the administrator', () => {
  it('F-3 resets a password: the new one works, the old does not, a lockout is lifted and the user’s sessions end', async () => {
    const admin = await director();
    const id = await addCommitteeUser(admin, 'wangwu');
    const user = await t.login(DEMO.committee.code, 'wangwu', VALID_PASSWORD);
    for (let i = 1; i <= 5; i++) {
      const res = await t.agent().post('/api/auth/login', { orgCode: DEMO.committee.code, username: 'wangwu', password: `wrong-${i}` });
      expect(res.statusCode).toBe(401);
    }
    expect((await admin.get(`/api/org/users/${id}`)).json().locked).toBe(true);
    const stillLocked = await t
      .agent()
      .post('/api/auth/login', { orgCode: DEMO.committee.code, username: 'wangwu', password: VALID_PASSWORD });
    expect(stillLocked.statusCode).toBe(401);

    const weak = await admin.post(`/api/org/users/${id}/reset-password`, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fieldErrors.password).toContain('至少 8 位');
    expect((await admin.get(`/api/org/users/${id}`)).json().locked).toBe(true);

    const res = await admin.post(`/api/org/users/${id}/reset-password`, { password: 'Reset#Pass2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json().locked).toBe(false);
    const row = await userRow(orgIds.committee, 'wangwu');
    expect(row.failedLogins).toBe(0);
    expect(row.lockedUntil).toBeNull();

    expect((await user.get('/api/auth/session')).statusCode).toBe(401);
    expect(await sessionsOf(id)).toHaveLength(0);
    const old = await t.agent().post('/api/auth/login', { orgCode: DEMO.committee.code, username: 'wangwu', password: VALID_PASSWORD });
    expect(old.statusCode).toBe(401);
    await t.login(DEMO.committee.code, 'wangwu', 'Reset#Pass2026');
    // The administrator's own session is untouched.
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);
  });
});

describe('F-3 every write is audit-logged', () => {
  it('F-3 records user.create / update / deactivate / activate / reset-password with the actor, its organisation and before/after, never the password', async () => {
    const admin = await director();
    const actor = await userRow(orgIds.committee, DEMO.committee.director);
    const secret = 'Audit#Init2026';
    const reset = 'Audit#Reset2026';
    const id = await addCommitteeUser(admin, 'shenji', ['clerk'], secret);
    expect((await admin.put(`/api/org/users/${id}`, { name: '审计对象', mobile: '13612345678', roles: ['member'] })).statusCode).toBe(200);
    expect((await admin.post(`/api/org/users/${id}/deactivate`)).statusCode).toBe(200);
    expect((await admin.post(`/api/org/users/${id}/activate`)).statusCode).toBe(200);
    expect((await admin.post(`/api/org/users/${id}/reset-password`, { password: reset })).statusCode).toBe(200);
    // Repeating an activation changes nothing and is not logged again.
    expect((await admin.post(`/api/org/users/${id}/activate`)).statusCode).toBe(200);

    const rows = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(id))))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.update', 'user.deactivate', 'user.activate', 'user.reset-password']);
    for (const r of rows) {
      expect(r.orgId).toBe(orgIds.committee);
      expect(r.orgName).toBe('侨城花园业主委员会');
      expect(r.userId).toBe(actor.id);
      expect(r.userName).toContain(DEMO.committee.director);
      const text = JSON.stringify(r);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(reset);
      expect(text).not.toContain('scrypt$');
      expect(JSON.stringify([r.before, r.after])).not.toMatch(/password/i);
    }
    const [create, update, deactivate, activate] = rows;
    expect(create?.before).toBeNull();
    expect(create?.after).toEqual({ username: 'shenji', name: '测试shenji', mobile: '13612345678', roles: ['clerk'] });
    expect(update?.before).toEqual({ name: '测试shenji', roles: ['clerk'] });
    expect(update?.after).toEqual({ name: '审计对象', roles: ['member'] });
    expect(deactivate?.before).toEqual({ status: 'active' });
    expect(deactivate?.after).toEqual({ status: 'inactive' });
    expect(activate?.before).toEqual({ status: 'inactive' });
    expect(activate?.after).toEqual({ status: 'active' });
    expect(await auditOf(id, 'user.reset-password')).toHaveLength(1);
  });
});
