import { z } from 'zod';
import { ORG_CODE_PATTERN, ORG_CODE_RULE, usccProblem } from '../../domain/org-code.ts';
import { mobile, pathId, phone, text } from '../../lib/fields.ts';

export const orgDetailsFields = {
  name: text('机构名称', 100, 2),
  contactPerson: text('联系人', 30),
  phone: phone(),
  address: text('地址', 200),
  legalRepresentative: text('法定代表人（负责人）', 30),
};

export const registrationData = z.object({
  type: z.enum(['committee', 'developer'], { error: '请选择注册类型（业主委员会或开发建设单位）' }),
  ...orgDetailsFields,
  code: z
    .string({ error: '机构代码不能为空' })
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(
      z
        .string()
        .regex(ORG_CODE_PATTERN, `机构代码格式不正确：${ORG_CODE_RULE}`)
        .superRefine((code, c) => {
          const problem = usccProblem(code);
          if (problem) c.addIssue({ code: 'custom', message: problem });
        }),
    ),
  areaId: z.number({ error: '请选择物业区域' }).int().positive().optional(),
  adminUsername: z
    .string({ error: '管理员用户名不能为空' })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '管理员用户名为 3–32 位字母、数字或 _ . -'),
  adminName: text('管理员姓名', 30),
  adminMobile: mobile('管理员手机号'),
  password: z.string({ error: '密码不能为空' }).max(128, '密码不能超过 128 位'),
  agreementAccepted: z.literal(true, { error: '请先阅读并同意《机构注册协议》' }),
});
export type RegistrationData = z.infer<typeof registrationData>;

export const registrationResult = z.object({
  orgId: z.number(),
  registrationNo: z.string(),
  code: z.string(),
  name: z.string(),
  adminUsername: z.string(),
  status: z.enum(['active', 'pending']).describe('pending：该物业区域已有业主委员会，本次注册为换届申请，待维修资金管理部门审核后方可登录'),
});

export const requirementsQuery = z.object({ type: z.enum(['committee', 'developer']) });
export const requirements = z.object({
  documents: z.array(z.object({ kind: z.string(), label: z.string(), required: z.boolean() })),
  agreement: z.string(),
  passwordRule: z.string(),
  documentRule: z.string(),
});

export const codeSuggestionQuery = z.object({ areaId: pathId('物业区域') });
