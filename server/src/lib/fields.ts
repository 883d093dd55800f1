import { z } from 'zod';
import { MOBILE_PATTERN, MOBILE_RULE, PHONE_PATTERN, PHONE_RULE } from '../domain/contact.ts';
import { isValidDate } from '../domain/notice-period.ts';

/**
 * Field builders whose messages name the field in Chinese, so an API error reads
 * "联系人不能为空" rather than a generic type error.
 */
export const text = (label: string, max = 100, min = 1) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(min, min === 1 ? `${label}不能为空` : `${label}至少 ${min} 个字符`)
    .max(max, `${label}不能超过 ${max} 个字符`);

export const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label}须为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`)
    .default('');

export const mobile = (label = '手机号') =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .regex(MOBILE_PATTERN, `${label}格式不正确：${MOBILE_RULE}`);

export const phone = (label = '联系电话') =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .regex(PHONE_PATTERN, `${label}格式不正确：${PHONE_RULE}`);

/** Money in: integer fen, never a float; `min` 1 where nothing is paid with 0. Read as a bigint. */
export const fen = (label: string, min = 0) =>
  z
    .number({ error: `${label}须为整数（单位：分）` })
    .int(`${label}须为整数（单位：分）`)
    .min(min, min > 0 ? `${label}须大于 0` : `${label}不能为负数`)
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => BigInt(n));

/** A calendar day as YYYY-MM-DD that exists (2026-13-45 and 2026-02-30 do not). */
export const day = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式为 YYYY-MM-DD`)
    .refine(isValidDate, `${label}不是有效日期，请按 YYYY-MM-DD 填写实际存在的日期`);

/** A row's id named in a path or a query string (text read as a number). */
export const pathId = (label = '编号') =>
  z.coerce
    .number({ error: `${label}须为数字` })
    .int()
    .positive(`${label}须为正整数`);

/** A row's id named in a JSON body. */
export const bodyId = (label = '编号') =>
  z
    .number({ error: `${label}须为数字` })
    .int()
    .positive(`${label}须为正整数`);

export const idParam = z.object({ id: pathId() });

export const page = z.object({
  // No list reaches a millionth page; a larger number would put the page's window past what the
  // server computes exactly (the statement's bound is written into its text, lib/paging.ts).
  page: z.coerce.number().int().min(1).max(1_000_000, '页码过大').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.literal(true).optional().describe('有时：符合条件的行多于 total（只数到 total 为止），请加筛选条件缩小范围'),
  });

/**
 * The one error body (ErrorBody in lib/errors.ts is its type). Every route declares it for its
 * refusals (installErrorResponses in lib/http.ts), so it is also the serialiser of those answers:
 * a field some refusal carries must be declared here, or the answer loses it.
 */
export const errorBody = z
  .object({
    code: z.string().describe('错误类别，如 VALIDATION、UNAUTHENTICATED、FORBIDDEN、NOT_FOUND、CONFLICT'),
    message: z.string().describe('给人看的中文说明'),
    fieldErrors: z.record(z.string(), z.string()).optional().describe('逐字段的说明；键为字段路径，如 rows.0.name'),
    rule: z.string().optional().describe('拒绝所依据的业务规则编号，供程序与测试识别；message 中不出现，也不向用户展示'),
    shortfalls: z
      .array(
        z.object({
          houseId: z.number().int(),
          name: z.string(),
          balance: z.number().int().describe('分户账余额（分）'),
          debit: z.number().int().describe('本次应扣的分摊金额（分）'),
          shortfall: z.number().int().describe('差额（分）'),
        }),
      )
      .optional()
      .describe('余额不足（SHORTFALL）时：每户的余额、应扣金额与差额'),
    errors: z
      .array(z.object({ row: z.number().int(), column: z.string(), message: z.string() }))
      .optional()
      .describe('导入文件有错（IMPORT_ERRORS）时：按行排列的错误，最多 200 处'),
    total: z.number().int().optional().describe('导入文件的错误总数；errors 只列出前 200 处'),
  })
  .meta({ id: 'ErrorBody' });

export const ok = z.object({ ok: z.literal(true) });

/**
 * The steps the server offers the caller on an object, each allowed or blocked with the reason
 * (`ActionState` in domain/review-steps.ts), so no page repeats the rules; `offered` says which.
 */
export const offeredActions = <A extends string>(actions: readonly [A, ...A[]], offered: string) =>
  z
    .array(
      z.object({
        action: z.enum(actions),
        allowed: z.boolean(),
        blockedBy: z.object({ message: z.string() }).nullable().describe('不能办理时：原因'),
      }),
    )
    .describe(offered);

/**
 * A JSON field whose shape depends on something outside the body, such as an application's stored
 * type: the route takes it as it is and the use case parses it with the schema of that type, while
 * the API document names the schemas it may be, so the web's types are generated from them. Each
 * schema carries `.meta({ id })`; a request refers to the `…Input` twin the document gives it.
 */
export function oneOfNamed(schemas: readonly z.ZodType[], io: 'input' | 'output', description: string) {
  const ids = [...new Set(schemas.map(schemaId))];
  return z
    .unknown()
    .meta({ description, anyOf: ids.map((id) => ({ $ref: `#/components/schemas/${io === 'input' ? `${id}Input` : id}` })) });
}

function schemaId(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('oneOfNamed: every schema needs .meta({ id })');
  return id;
}

/** Validates outside a route schema (multipart fields, imported rows) with the same error body. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || '_'] ??= issue.message;
  return out;
}
