import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { organisations, users } from '../../db/schema/index.ts';
import { ORG_CODE_PATTERN, ORG_CODE_RULE, normaliseOrgCode } from '../../domain/org-code.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { adminRoleOf, isAdmin } from '../../domain/roles.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, conflict, invalid, invalidFields } from '../../lib/errors.ts';
import { mobile, text } from '../../lib/fields.ts';
import { hashPassword } from '../../lib/password.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { audit } from '../audit/audit.ts';
import { username } from '../users/schemas.ts';
import { insertOrganisation, insertUsers } from './create.ts';

export const firstAdminInput = z.object({
  orgCode: z.string({ error: '机构代码不能为空' }).transform(normaliseOrgCode).pipe(z.string().regex(ORG_CODE_PATTERN, ORG_CODE_RULE)),
  orgName: text('机构名称', 100),
  username,
  name: text('姓名', 30),
  mobile: mobile().or(z.literal('')).default(''),
  password: z.string({ error: '密码不能为空' }),
});
export type FirstAdminInput = z.input<typeof firstAdminInput>;

export const ADMIN_EXISTS = '平台已有维修资金管理部门的管理员：请由其登录后在“机构用户管理”中添加用户';

/**
 * §10: the first office administrator of a platform without one, made from the command line. The
 * office organisation is created when missing; a platform that already has an active office
 * administrator is refused, so the command cannot become a way around the office's own users.
 */
export async function createFirstAdmin(ctx: Ctx, raw: FirstAdminInput) {
  const parsed = firstAdminInput.safeParse(raw);
  if (!parsed.success) {
    throw invalidFields(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'input'), i.message])));
  }
  const input = parsed.data;
  const pw = passwordProblem(input.password);
  if (pw) throw invalid('password', pw);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const staff = [{ username: input.username, name: input.name, mobile: input.mobile, roles: [adminRoleOf('office')] }];
  try {
    return await ctx.db.transaction(async (tx) => {
      // The office row is locked, so two runs at once cannot both find "no administrator yet".
      const [office] = await tx.select().from(organisations).where(eq(organisations.type, 'office')).for('update');
      if (office) {
        const staffRows = await tx
          .select({ roles: users.roles })
          .from(users)
          .where(and(eq(users.orgId, office.id), eq(users.status, 'active')));
        if (staffRows.some((u) => isAdmin('office', u.roles))) throw new AppError(409, 'ADMIN_EXISTS', ADMIN_EXISTS);
      }
      let org = office ? { id: office.id, code: office.code, name: office.name } : null;
      if (!org) {
        const fields = {
          type: 'office' as const,
          name: input.orgName,
          code: input.orgCode,
          contactPerson: input.name,
          phone: input.mobile,
          address: '',
          legalRepresentative: input.name,
        };
        const { orgId } = await insertOrganisation(tx, fields, [], passwordHash, now);
        org = { id: orgId, code: fields.code, name: fields.name };
        await audit(tx, ctx, {
          action: 'org.create',
          entity: 'organisation',
          entityId: orgId,
          summary: `创建维修资金管理部门 ${fields.name}（${fields.code}）`,
          after: fields,
          orgId,
          orgName: fields.name,
        });
      }
      const [userId] = await insertUsers(tx, org.id, staff, passwordHash, now);
      await audit(tx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: userId as number,
        summary: `创建首位管理员 ${input.username}（${input.name}）`,
        after: staff[0],
        orgId: org.id,
        orgName: org.name,
      });
      return {
        orgId: org.id,
        orgCode: org.code,
        orgName: org.name,
        userId: userId as number,
        username: input.username,
        orgCreated: !office,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organisations_code_uq')) throw conflict(`机构代码 ${input.orgCode} 已被其他机构使用`, 'orgCode');
    throw err;
  }
}
