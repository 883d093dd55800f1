import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { PREPARED_ROWS, preparedRowsOf } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { groupCommit, groupPerDb } from '../../lib/group-commit.ts';

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

/** What one request brings to be authenticated. */
interface BankCall {
  ctx: Ctx;
  keyId: string;
  timestamp: string;
  signature: string;
  method: string;
  url: string;
  body: string;
}

/**
 * Authenticates a bank system's request: known, unrevoked key of an active bank; timestamp within
 * five minutes; HMAC-SHA256 signature over timestamp, method, path and body; and a signature never
 * seen before (replays are refused). Returns the bank organisation's id.
 *
 * A bank's system sends many requests at once: those that arrive while others are being checked
 * are checked together (group commit), their keys read in one statement and their signatures
 * remembered in one, so each request still gets its own answer but not its own round trips.
 */
export async function authenticateBank(ctx: Ctx, req: FastifyRequest): Promise<number> {
  const keyId = String(req.headers[BANK_API_HEADERS.key] ?? '');
  const timestamp = String(req.headers[BANK_API_HEADERS.timestamp] ?? '');
  // Hex case carries no meaning: the lower-case form is what is compared and remembered.
  const signature = String(req.headers[BANK_API_HEADERS.signature] ?? '').toLowerCase();
  if (!keyId || !timestamp || !signature) throw refuse('缺少接口认证信息（x-wygl-key、x-wygl-timestamp、x-wygl-signature）');
  const answer = await bankCalls(ctx.db)({ ctx, keyId, timestamp, signature, method: req.method, url: req.url, body: req.rawBody ?? '' });
  if (answer instanceof AppError) throw answer;
  return answer;
}

const bankCalls = groupPerDb((_db: Ctx['db']) => groupCommit(authenticateTogether, { max: PREPARED_ROWS, parallel: 1 }));

/** Each call's bank organisation id, or the refusal it gets: the checks of `authenticateBank`, in its order. */
async function authenticateTogether(calls: BankCall[]): Promise<(number | AppError)[]> {
  const { ctx } = calls[0] as BankCall;
  const now = ctx.clock.now();
  // Prepared once per connection: a bank's every request asks it, and its one parameter is a list.
  // After a rotation the previous secret still signs until its overlap ends.
  const keys = await preparedRowsOf<{
    key_id: string;
    secret: string;
    previous: string | null;
    org_id: string;
    org_type: string;
    org_status: string;
  }>(
    ctx.db,
    sql`select k.key_id, k.secret, case when k.previous_until > ${now.toISOString()}::timestamptz then k.previous_secret end as previous,
          k.org_id::text as org_id, o.type as org_type, o.status as org_status
          from bank_api_keys k join organisations o on o.id = k.org_id
         where k.key_id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(calls.map((c) => c.keyId))])}::jsonb))
           and k.revoked_at is null`,
  );
  const keyOf = new Map(keys.map((k) => [k.key_id, k]));
  const answers: (number | AppError)[] = [];
  // Signatures to remember, each with the call it answers; a signature twice in one group is a replay.
  const toRemember = new Map<string, { at: number; keyId: string }>();
  for (const [at, c] of calls.entries()) {
    const key = keyOf.get(c.keyId);
    if (key?.org_type !== 'bank' || key.org_status !== 'active') answers.push(refuse('接口密钥无效或已停用'));
    else if (!/^\d{9,11}$/.test(c.timestamp) || Math.abs(now.getTime() / 1000 - Number(c.timestamp)) > MAX_SKEW_SECONDS) {
      answers.push(refuse(`请求时间戳已过期或无效（允许误差 ${MAX_SKEW_SECONDS} 秒）`));
    }
    // Exactly the 64 hex digits of an HMAC-SHA256, nothing before or after: Buffer.from(…, 'hex')
    // would stop at the first stray character, so a signature with a tail would verify and, stored
    // under its other spelling, pass the replay check again.
    else if (!SIGNATURE_FORMAT.test(c.signature)) answers.push(refuse('签名格式不正确：须为 64 位十六进制 HMAC-SHA256 值'));
    else if (!signedBy([key.secret, ...(key.previous ? [key.previous] : [])], c)) answers.push(refuse('签名不正确'));
    else if (toRemember.has(c.signature)) answers.push(REPLAY());
    else {
      toRemember.set(c.signature, { at, keyId: c.keyId });
      answers.push(Number(key.org_id));
    }
  }
  if (toRemember.size === 0) return answers;
  // One statement, one commit: remember the signatures (a replay finds its own and inserts nothing)
  // and, at most once a minute, note the keys' last use — every request updating the one key row
  // would make a bank's concurrent requests queue on it. Signatures too old to pass the timestamp
  // check are forgotten by the sweep (auth/sweep.ts), not by each request.
  // The commit does not wait for the disk (synchronous_commit off for this statement's own
  // transaction): the request's own transaction commits after it and flushes the log up to and
  // including these signatures. A crash can only lose the signatures of requests that wrote
  // nothing, and sending one of those again does what it did the first time.
  const given = [...toRemember].map(([signature, { keyId }]) => ({ signature, key_id: keyId }));
  const fresh = await preparedRowsOf<{ signature: string }>(
    ctx.db,
    sql`with given as (
        select * from jsonb_to_recordset(${JSON.stringify(given)}::jsonb) as g(signature text, key_id text)
      ), seen as (
        insert into api_nonces (signature, key_id, created_at) select signature, key_id, ${now.toISOString()}::timestamptz from given
        on conflict (signature) do nothing returning signature, key_id
      ), used as (
        update bank_api_keys set last_used_at = ${now.toISOString()}::timestamptz
         where key_id in (select key_id from seen)
           and (last_used_at is null or last_used_at < ${now.toISOString()}::timestamptz - interval '${sql.raw(String(LAST_USED_GRAIN_SECONDS))} seconds')
      ), unflushed as (
        select set_config('synchronous_commit', 'off', true)
      )
      select signature from seen, unflushed`,
  );
  const remembered = new Set(fresh.map((f) => f.signature));
  for (const [signature, { at }] of toRemember) if (!remembered.has(signature)) answers[at] = REPLAY();
  return answers;
}

const REPLAY = () => refuse('重复的请求（签名已使用过），请以新的时间戳重新签名');

function signedBy(secrets: readonly string[], c: BankCall): boolean {
  const given = Buffer.from(c.signature, 'hex');
  return secrets.some((secret) => timingSafeEqual(given, Buffer.from(sign(secret, c.timestamp, c.method, c.url, c.body), 'hex')));
}
