import { z } from 'zod';
import { mobile, offeredActions, page, text } from '../../lib/fields.ts';
import { USER_ACTIONS } from '../../domain/user-actions.ts';

export const username = z
  .string({ error: '用户名不能为空' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字或 _ . -');

const roles = z.array(z.string(), { error: '请选择角色' }).min(1, '请至少选择一个角色').max(10);

export const createUserBody = z.object({
  username,
  name: text('姓名', 30),
  mobile: mobile(),
  roles,
  password: z.string({ error: '初始密码不能为空' }).max(128),
});

export const updateUserBody = z.object({ name: text('姓名', 30), mobile: mobile(), roles });
export const resetPasswordBody = z.object({ password: z.string({ error: '新密码不能为空' }).max(128) });

export const userListQuery = page.extend({
  q: z.string().trim().max(50).optional(),
  status: z.enum(['active', 'inactive']).optional(),
});

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  mobile: z.string(),
  roles: z.array(z.string()),
  roleLabels: z.array(z.string()),
  status: z.enum(['active', 'inactive']),
  locked: z.boolean(),
  lockedUntil: z.date().nullable(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
  actions: offeredActions(USER_ACTIONS, '管理员对该用户可办理的步骤（注销、激活、解锁），不能办理的附原因'),
});

export const roleList = z.object({
  items: z.array(
    z.object({ key: z.string(), label: z.string(), description: z.string(), admin: z.boolean(), permissions: z.array(z.string()) }),
  ),
});

export const orgUserParams = z.object({
  id: z.coerce.number({ error: '编号须为数字' }).int().positive('编号须为正整数'),
  userId: z.coerce.number({ error: '编号须为数字' }).int().positive('编号须为正整数'),
});

export const lockedUserList = z.object({
  items: z.array(z.object({ id: z.number(), username: z.string(), name: z.string(), lockedUntil: z.date() })),
});
