import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { preparedRowsOf } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';

/** F-71: a request older or newer than this is refused as stale. */
export const MAX_SKEW_SECONDS = 300;

/** A key's 最近使用 time is kept to this many seconds. */
export const LAST_USED_GRAIN_SECONDS = 60;

export const BANK_API_HEADERS = { key: 'x-wygl-key', timestamp: 'x-wygl-timestamp', signature: 'x-wygl-signature' } as const;

/** What the bank signs: timestamp, method, path with query, and the exact body bytes. */
export function signingString(timestamp: string, method: string, path: string, body: string): string {
  return `${timestamp}\n${method.toUpperCase()}\n${path}\n${body}`;
}

export function sign(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return createHmac('sha256', secret)
    .update(signingString(timestamp, method, path, body))
    .digest('hex');
}

const SIGNATURE_FORMAT = /^[0-9a-f]{64}$/;

const refuse = (message: string) => new AppError(401, 'BANK_API_AUTH', message);

/**
 * Authenticates a bank system's request: known, unrevoked key of an active bank; timestamp within
 * five minutes; HMAC-SHA256 signature over timestamp, method, path and body; and a signature never
 * seen before (replays are refused). Returns the bank organisation's id.
 */
export async function authenticateBank(ctx: Ctx, req: FastifyRequest): Promise<number> {
  const keyId = String(req.headers[BANK_API_HEADERS.key] ?? '');
  const timestamp = String(req.headers[BANK_API_HEADERS.timestamp] ?? '');
  // Hex case carries no meaning: the lower-case form is what is compared and remembered.
  const signature = String(req.headers[BANK_API_HEADERS.signature] ?? '').toLowerCase();
  if (!keyId || !timestamp || !signature) throw refuse('缺少接口认证信息（x-wygl-key、x-wygl-timestamp、x-wygl-signature）');
  const now = ctx.clock.now();
  // Prepared once per connection, as the signature record below: a bank's every request asks it.
  // After a rotation the previous secret still signs until its overlap ends.
  const [key] = await preparedRowsOf<{ secret: string; previous: string | null; org_id: string; org_type: string; org_status: string }>(
    ctx.db,
    sql`select k.secret, case when k.previous_until > ${now.toISOString()}::timestamptz then k.previous_secret end as previous,
          k.org_id::text as org_id, o.type as org_type, o.status as org_status
          from bank_api_keys k join organisations o on o.id = k.org_id
         where k.key_id = ${keyId} and k.revoked_at is null`,
  );
  if (key?.org_type !== 'bank' || key.org_status !== 'active') throw refuse('接口密钥无效或已停用');
  if (!/^\d{9,11}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    throw refuse(`请求时间戳已过期或无效（允许误差 ${MAX_SKEW_SECONDS} 秒）`);
  }
  // Exactly the 64 hex digits of an HMAC-SHA256, nothing before or after: Buffer.from(…, 'hex')
  // would stop at the first stray character, so a signature with a tail would verify and, stored
  // under its other spelling, pass the replay check again.
  if (!SIGNATURE_FORMAT.test(signature)) throw refuse('签名格式不正确：须为 64 位十六进制 HMAC-SHA256 值');
  const secrets = [key.secret, ...(key.previous ? [key.previous] : [])];
  const given = Buffer.from(signature, 'hex');
  const matches = secrets.some((secret) =>
    timingSafeEqual(given, Buffer.from(sign(secret, timestamp, req.method, req.url, req.rawBody ?? ''), 'hex')),
  );
  if (!matches) throw refuse('签名不正确');
  // One statement, one commit: remember the signature (a replay finds it and inserts nothing) and,
  // at most once a minute, note the key's last use — every request updating the one key row would
  // make a bank's concurrent requests queue on it. Signatures too old to pass the timestamp check
  // are forgotten by the sweep (auth/sweep.ts), not by each request.
  // Prepared once per connection (one row, the same plan for every request).
  const [fresh] = await preparedRowsOf<{ n: number }>(
    ctx.db,
    sql`with seen as (
        insert into api_nonces (signature, key_id, created_at) values (${signature}, ${keyId}, ${now.toISOString()}::timestamptz)
        on conflict (signature) do nothing returning 1
      ), used as (
        update bank_api_keys set last_used_at = ${now.toISOString()}::timestamptz
         where key_id = ${keyId} and exists (select 1 from seen)
           and (last_used_at is null or last_used_at < ${now.toISOString()}::timestamptz - interval '${sql.raw(String(LAST_USED_GRAIN_SECONDS))} seconds')
      )
      select count(*)::int as n from seen`,
  );
  if (!fresh?.n) throw refuse('重复的请求（签名已使用过），请以新的时间戳重新签名');
  return Number(key.org_id);
}
