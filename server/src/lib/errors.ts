/** The one error body every endpoint answers with: `{ code, message, fieldErrors? }`. */
export interface ErrorBody {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    /** Response headers that belong to the refusal, e.g. `retry-after` of a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return this.fieldErrors
      ? { code: this.code, message: this.message, fieldErrors: this.fieldErrors }
      : { code: this.code, message: this.message };
  }
}

export const invalid = (field: string, message: string) => new AppError(400, 'VALIDATION', message, { [field]: message });
export const invalidFields = (fieldErrors: Record<string, string>) =>
  new AppError(400, 'VALIDATION', Object.values(fieldErrors).join('；'), fieldErrors);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在`);
export const conflict = (message: string, field?: string) =>
  new AppError(409, 'CONFLICT', message, field ? { [field]: message } : undefined);
