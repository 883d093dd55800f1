import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiErrorBody, call, errorBodyOf } from './client';

const refusedBy = (status: number, error: unknown) => call(Promise.resolve({ error, response: new Response(null, { status }) }));

afterEach(() => vi.restoreAllMocks());

describe('§10 the web client reads the API error body', () => {
  it('R-42 a refusal keeps its code, message, fieldErrors and rule; the rule goes to the console, not into the message', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const body: ApiErrorBody = {
      code: 'VALIDATION',
      message: '参与表决面积不能大于总面积',
      fieldErrors: { totals: '参与表决面积不能大于总面积' },
      rule: 'R-42',
    };
    const err = await refusedBy(400, body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).body).toEqual(body);
    expect((err as ApiError).message).toBe('参与表决面积不能大于总面积');
    expect(info).toHaveBeenCalledWith(expect.stringContaining('R-42'));
  });

  it('R-48 a shortfall refusal carries each house as the server listed it', async () => {
    const shortfalls = [{ houseId: 7, name: '5栋1单元101', balance: 0, debit: 600, shortfall: 600 }];
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const err = (await refusedBy(409, { code: 'SHORTFALL', message: '1 户分户账余额不足', rule: 'R-48', shortfalls }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.body.shortfalls).toEqual(shortfalls);
  });

  it('§10 an answer that is not the error body (a proxy page, nothing, a stray object) becomes a plain message with the status', async () => {
    for (const answer of ['<html>502 Bad Gateway</html>', null, undefined, { message: 'no code' }, { code: 1, message: 'x' }]) {
      expect(errorBodyOf(answer, 502)).toEqual({ code: 'HTTP', message: '请求失败（502）' });
    }
    const err = (await refusedBy(503, { status: 'unavailable' }).catch((e: unknown) => e)) as ApiError;
    expect(err.body).toEqual({ code: 'HTTP', message: '请求失败（503）' });
    expect(errorBodyOf(null, 500, '注册提交失败')).toEqual({ code: 'HTTP', message: '注册提交失败' });
  });

  it('§10 a success answer is returned as it is', async () => {
    await expect(call(Promise.resolve({ data: { ok: true }, response: new Response(null, { status: 200 }) }))).resolves.toEqual({
      ok: true,
    });
  });
});
