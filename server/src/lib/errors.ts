import type { z } from 'zod';
import type { errorBody } from './fields.ts';

/**
 * The one error body every endpoint answers with: `{ code, message, fieldErrors?, rule? }`, plus the
 * details a few refusals carry (`shortfalls`, an import's `errors` and `total`). `rule` is the SPEC
 * number of the business rule that refused the request, for programs and tests; the message is what
 * a person reads and never carries it. The type is the zod schema's (lib/fields.ts), which also
 * serialises the answer and drops what it does not declare: a subclass adding a field overrides
 * `body(): ErrorBody` with that annotation, so an undeclared field does not compile.
 */
export type ErrorBody = z.output<typeof errorBody>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    /** Response headers that belong to the refusal, e.g. `retry-after` of a 429. */
    readonly headers?: Record<string, string>,
    readonly rule?: string,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
      ...(this.rule ? { rule: this.rule } : {}),
    };
  }
}

/** A business rule refused the request: `rule` names it in the answer's own field, not in the message. */
export const ruleRefusal = (status: number, code: string, rule: string, message: string, fieldErrors?: Record<string, string>) =>
  new AppError(status, code, message, fieldErrors, undefined, rule);

export const invalid = (field: string, message: string) => new AppError(400, 'VALIDATION', message, { [field]: message });
export const invalidFields = (fieldErrors: Record<string, string>) =>
  new AppError(400, 'VALIDATION', Object.values(fieldErrors).join('；'), fieldErrors);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在`);
export const conflict = (message: string, field?: string) =>
  new AppError(409, 'CONFLICT', message, field ? { [field]: message } : undefined);
