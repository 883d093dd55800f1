import { z } from 'zod';

export const loginBody = z.object({
  orgCode: z.string({ error: '机构代码不能为空' }).trim().min(1, '机构代码不能为空').max(64),
  username: z.string({ error: '用户名不能为空' }).trim().min(1, '用户名不能为空').max(64),
  password: z.string({ error: '密码不能为空' }).min(1, '密码不能为空').max(128),
});

export const changePasswordBody = z.object({
  oldPassword: z.string({ error: '原密码不能为空' }).min(1, '原密码不能为空').max(128),
  newPassword: z.string({ error: '新密码不能为空' }).min(1, '新密码不能为空').max(128),
});

export const sessionInfo = z.object({
  user: z.object({ id: z.number(), username: z.string(), name: z.string(), roles: z.array(z.string()), roleLabels: z.array(z.string()) }),
  org: z.object({
    id: z.number(),
    type: z.enum(['committee', 'developer', 'office', 'bank']),
    typeLabel: z.string(),
    name: z.string(),
    code: z.string(),
  }),
  permissions: z.array(z.string()),
  isAdmin: z.boolean(),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number(),
});
