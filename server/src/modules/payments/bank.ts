import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { bigintArray, PREPARED_ROWS, sentAs, type Tx } from '../../db/client.ts';
import { transaction } from '../../db/retry.ts';
import { bankConfirmations, organisations } from '../../db/schema/index.ts';
import type { Entry } from '../../domain/ledger-rules.ts';
import { formatYuan } from '../../domain/money.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';
import { AppError, invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { groupCommit, groupsBy } from '../../lib/group-commit.ts';
import { groupBy } from '../../lib/group.ts';
import { auditInsert } from '../audit/audit.ts';
import { messagesInsert, type NewMessage } from '../messages/service.ts';
import { postMany, systemAccount } from '../../ledger/post.ts';
import { type CustodianFacts, custodianFacts, isCustodianRefusal, refuseUnlessCustodian } from './custodian.ts';

export const CHANNELS = ['柜台', '侨都之窗', 'POS', '网上银行'] as const;

/** The most confirmations one day file (one request) may carry. */
export const DEPOSIT_FILE_MAX = 5000;

export interface DepositConfirmation {
  noticeNo: string;
  amount: bigint;
  channel: (typeof CHANNELS)[number];
  bankRef: string;
  bankDate: string;
}

export interface ConfirmResult {
  noticeNo: string;
  amount: number;
  status: 'paid';
  paidAt: string;
  confirmationId: number;
  /** True when this call repeated an earlier confirmation and changed nothing. */
  repeated: boolean;
}

type ConfirmationKind = (typeof bankConfirmations.$inferSelect)['kind'];

/**
 * the first confirmation of this number, as its stored result marked `repeated`, or null.
 * The same number with another amount is a conflict.
 */
export async function earlierConfirmation<R>(tx: Tx, kind: ConfirmationKind, what: string, number: string, amount: bigint) {
  const [c] = await tx
    .select()
    .from(bankConfirmations)
    .where(and(eq(bankConfirmations.kind, kind), eq(bankConfirmations.number, number)));
  if (!c) return null;
  if (c.amount !== amount) {
    throw ruleRefusal(
      409,
      'CONFIRMATION_CONFLICT',
      'R-22',
      `${what} ${number} 已按 ${formatYuan(c.amount)} 元确认，与本次金额 ${formatYuan(amount)} 元不符`,
    );
  }
  return { ...(c.result as R), confirmationId: c.id, repeated: true as const };
}

/**
 * records the first confirmation of a number, with the result that repeats of it answer
 * with. The result's `confirmationId` is the row's own id, so it is not stored inside the result
 * but added when the result is read back (see `earlierConfirmation`): one insert, no update.
 */
export async function recordConfirmation<R extends object>(
  tx: Tx,
  values: Omit<typeof bankConfirmations.$inferInsert, 'id' | 'result'>,
  result: R,
): Promise<R & { confirmationId: number }> {
  const [row] = await tx
    .insert(bankConfirmations)
    .values({ ...values, result })
    .returning({ id: bankConfirmations.id });
  return { ...result, confirmationId: row?.id as number };
}

/**
 * A line as confirmDeposits takes it. Lines of separate requests written together (group commit)
 * say where their request came from, for its audit row, and which request they belong to, so the
 * issuer hears of each request's notices as if it had come alone.
 */
export type DepositLine = DepositConfirmation & { ip?: string; request?: number };

/** What one notice of a day file came to: confirmed now, a repeat of an earlier confirmation, or refused. */
export type DepositOutcome = { ok: true; result: ConfirmResult } | { ok: false; noticeNo: string; error: AppError };

interface LockedRow {
  id: string;
  no: string;
  status: LockedNotice['status'];
  total: string;
  issuer_org_id: string | null;
  payer_name: string;
}

interface LockedNotice {
  id: number;
  no: string;
  status: 'unpaid' | 'paid' | 'void';
  total: bigint;
  issuerOrgId: number | null;
  payerName: string;
}

/**
 * F-23 交款确认: credits every house of the notice and debits the custody account in one ledger
 * transaction. R-22: the notice number makes it idempotent — a repeat answers with the first
 * result; the same number with another amount is a conflict.
 */
export async function confirmDeposit(
  ctx: Ctx,
  bankOrgId: number,
  userId: number | null,
  c: DepositConfirmation,
  via: 'workspace' | 'api',
): Promise<ConfirmResult> {
  const [outcome] = await confirmDeposits(ctx, bankOrgId, userId, [c], via);
  if (!outcome) throw new Error('deposit confirmation gave no outcome');
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/**
 * F-71 交款确认 through the signed bank API, one notice a request. A bank's system sends many such
 * requests at once; those that arrive while others are being written are confirmed together, in one
 * transaction of confirmDeposits (group commit): the same statements a day file sends, so the
 * database's work and its log flushes are shared. Each request is answered with its own notice's
 * outcome, exactly as alone — a refused line never holds back the others, a repeated number answers
 * with its first confirmation — and its audit row names its own address.
 */
export async function confirmDepositByApi(ctx: Ctx, bankOrgId: number, c: DepositConfirmation): Promise<ConfirmResult> {
  const outcome = await apiConfirmations(ctx.db, bankOrgId)({ ctx, line: c });
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

const apiConfirmations = groupsBy((_db: Ctx['db'], bankOrgId: number) =>
  groupCommit(
    (calls: { ctx: Ctx; line: DepositConfirmation }[]) =>
      confirmDeposits(
        calls[0]?.ctx as Ctx,
        bankOrgId,
        null,
        calls.map(({ ctx, line }, request) => ({ ...line, ip: ctx.ip, request })),
        'api',
      ),
    // A group's size keeps its statements prepared (see confirmDeposits). One group in flight: the
    // server's work is CPU, not waiting, and a second group halves the groups and so the sharing
    // (bench/README.md). Refusing the bank as not the custodian answers every request of its group
    // alike; any other failure is tried again one request at a time.
    { max: PREPARED_ROWS, parallel: 1, whole: isCustodianRefusal },
  ),
);

/**
 * F-23/F-71 交款确认 of many notices at once (a bank's end-of-day file), in one transaction and a
 * fixed number of statements however many notices: the notices locked in id order, the earlier
 * confirmations (R-22) and the notices' houses read once, every new confirmation's ledger
 * transaction in one posting (`postMany`), then the notices, confirmation rows, audit rows and
 * messages each in one statement. Each notice answers on its own — confirmed, a repeat of its first
 * confirmation, or refused with the reason — and a refused one does not hold back the others; a
 * number given twice is confirmed once and its second line answers as a repeat (or a conflict, if
 * the amounts differ).
 */
export async function confirmDeposits(
  ctx: Ctx,
  bankOrgId: number,
  userId: number | null,
  list: readonly DepositLine[],
  via: 'workspace' | 'api',
): Promise<DepositOutcome[]> {
  const lines = list.map((c) => ({ ...c, noticeNo: c.noticeNo.trim().toUpperCase() }));
  const numbers = [...new Set(lines.map((c) => c.noticeNo))];
  // A single confirmation's statements (and a short file's) are prepared once per connection, their
  // lists of ids out of the planner's sight, and keep one plan: parsing and planning them cost
  // PostgreSQL more than running them. A long file keeps plans made for its size (`sentAs`).
  const { run, array } = sentAs(lines.length);
  const ids = (list: readonly number[]) => array(bigintArray(list), 'bigint[]');
  return transaction(ctx.db, async (tx) => {
    // The custodian check's facts ride on the statement that locks the notices; a bank that
    // is not the custodian is refused before anything about them is read or answered.
    const [first] = await run<{ custodian: CustodianFacts | null; notices: LockedRow[] | null }>(
      tx,
      // Each number is found through the unique index, then the rows locked by id. Written as an
      // equality or a list, the planner prefers the trigram search index on the number
      // (payment_notices_no_trgm) and reads its pending list of recent notices for every number
      // (16 ms each in a bench), or, joined to the list, walks every notice in id order; a range
      // of one value, one number at a time, is a condition only the unique index answers.
      sql`with locked as materialized (
          select p.id::text as id, p.no, p.status, p.total::text as total, p.issuer_org_id::text as issuer_org_id, p.payer_name
            from payment_notices p
           where p.id = any(array(
             select (select n.id from payment_notices n where n.no >= k.no and n.no <= k.no)
               from jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb) as k(no)))
           order by p.id for update
        )
        select ${custodianFacts} as custodian, (select json_agg(l) from locked l) as notices`,
    );
    refuseUnlessCustodian(first?.custodian ?? null, bankOrgId, numbers.length === 1 ? `交款通知单 ${numbers[0]} ` : '交款通知单');
    const locked = first?.notices ?? [];
    const notices = new Map<string, LockedNotice>(
      locked.map((n) => [
        n.no,
        {
          id: Number(n.id),
          no: n.no,
          status: n.status,
          total: BigInt(n.total),
          issuerOrgId: n.issuer_org_id === null ? null : Number(n.issuer_org_id),
          payerName: n.payer_name,
        },
      ]),
    );
    // Read under the notices' locks, so a concurrent confirmation that committed while this one
    // waited for them is found here, and a repeat never posts twice. The houses of every notice
    // still unpaid come in the same statement, with the custody account.
    const unpaid = [...notices.values()].filter((n) => n.status === 'unpaid').map((n) => n.id);
    const [read] = await run<{
      earlier: { id: number; number: string; amount: string; result: Omit<ConfirmResult, 'repeated' | 'confirmationId'> }[] | null;
      items: { notice_id: number; account_id: number; amount: string }[] | null;
      custody: string | null;
    }>(
      tx,
      sql`select
          (select json_agg(json_build_object('id', c.id, 'number', c.number, 'amount', c.amount::text, 'result', c.result))
             from bank_confirmations c
            where c.kind = 'deposit' and c.number = any(array(select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb)))) as earlier,
          (select json_agg(json_build_object('notice_id', i.notice_id, 'account_id', la.id, 'amount', i.amount::text) order by i.notice_id, i.id)
             from payment_notice_items i join ledger_accounts la on la.house_id = i.house_id
            where i.notice_id = any(${ids(unpaid)})) as items,
          (select id::text from ledger_accounts where kind = 'custody' and house_id is null) as custody`,
    );
    const earlier = new Map((read?.earlier ?? []).map((c) => [c.number, { ...c, amount: BigInt(c.amount) }]));
    const itemsOf = new Map<number, Entry[]>();
    for (const i of read?.items ?? []) {
      const list = itemsOf.get(Number(i.notice_id)) ?? [];
      list.push({ accountId: Number(i.account_id), amount: BigInt(i.amount) });
      itemsOf.set(Number(i.notice_id), list);
    }
    const now = ctx.clock.now();
    // One outcome per line; null where a line waits for what is posted or for its number's first line.
    const outcomes: (DepositOutcome | null)[] = [];
    const fresh: { line: (typeof lines)[number]; notice: LockedNotice; at: number }[] = [];
    // A number given again later in the file answers as its first line does (`again`, below).
    const firstAt = new Map<string, number>();
    const again: { at: number; first: number }[] = [];
    for (const [at, c] of lines.entries()) {
      const refuse = (error: AppError) => outcomes.push({ ok: false, noticeNo: c.noticeNo, error });
      const conflict = (amount: bigint, where = '已') =>
        ruleRefusal(
          409,
          'CONFIRMATION_CONFLICT',
          'R-22',
          `通知单 ${c.noticeNo} ${where}按 ${formatYuan(amount)} 元确认，与本次金额 ${formatYuan(c.amount)} 元不符`,
        );
      const first = firstAt.get(c.noticeNo);
      if (first !== undefined) {
        const amount = lines[first]?.amount as bigint;
        if (amount !== c.amount) refuse(conflict(amount, '在本批中已'));
        else {
          again.push({ at, first });
          outcomes.push(null);
        }
        continue;
      }
      firstAt.set(c.noticeNo, at);
      const notice = notices.get(c.noticeNo);
      const earlierOne = earlier.get(c.noticeNo);
      if (!notice) refuse(notFound(`交款通知单 ${c.noticeNo}`));
      else if (earlierOne) {
        if (earlierOne.amount !== c.amount) refuse(conflict(earlierOne.amount));
        else outcomes.push({ ok: true, result: { ...earlierOne.result, confirmationId: earlierOne.id, repeated: true } });
      } else if (notice.status === 'void') refuse(new AppError(409, 'NOTICE_VOID', `交款通知单 ${c.noticeNo} 已作废，不能缴款`));
      else if (notice.status === 'paid') refuse(new AppError(409, 'NOTICE_PAID', `交款通知单 ${c.noticeNo} 已缴款`));
      else if (c.amount !== notice.total)
        refuse(invalid('amount', `缴款金额 ${formatYuan(c.amount)} 元须与通知单金额 ${formatYuan(notice.total)} 元一致`));
      else {
        fresh.push({ line: c, notice, at });
        outcomes.push(null);
      }
    }
    if (fresh.length > 0) {
      const custody = read?.custody ? Number(read.custody) : await systemAccount(tx, 'custody');
      const transactionIds = await postMany(
        tx,
        fresh.map(({ line, notice }) => ({
          kind: 'deposit' as const,
          reference: line.noticeNo,
          memo: `${line.channel} ${line.bankRef}`,
          createdBy: userId,
          at: now,
          entries: [...(itemsOf.get(notice.id) ?? []), { accountId: custody, amount: -notice.total }],
        })),
      );
      // The notices paid and their houses free for another notice, one confirmation row each
      // (R-22), their audit rows and the issuers' messages, in one statement. A confirmation's
      // result does not hold its own id: that is added when it is read back (see `earlierConfirmation`).
      const rows = fresh.map(({ line, notice }, i) => ({
        notice_id: notice.id,
        number: line.noticeNo,
        amount: String(line.amount),
        channel: line.channel,
        bank_ref: line.bankRef,
        bank_date: line.bankDate,
        ledger_transaction_id: transactionIds[i],
        result: { noticeNo: line.noticeNo, amount: Number(line.amount), status: 'paid' as const, paidAt: now.toISOString() },
      }));
      const audits = fresh.map(({ line: c }) => ({
        action: 'notice.confirm' as const,
        entity: 'payment_notice' as const,
        entityId: c.noticeNo,
        summary: `银行确认缴款：${c.noticeNo}，${formatYuan(c.amount)} 元，${c.channel}，流水号 ${c.bankRef}（${via === 'api' ? '银行接口' : '银行工作台'}）`,
        after: { amount: String(c.amount), channel: c.channel, bankRef: c.bankRef, bankDate: c.bankDate },
        orgId: bankOrgId,
        ip: c.ip,
      }));
      // The notices by id as an array: through their index whatever the tables' size. Written as
      // `in (select … from r)`, the planner took the list for a hundred rows and, on tables of a few
      // thousand rows, read every notice item to find a group's few (bench/README.md).
      const paidIds = ids(fresh.map(({ notice }) => notice.id));
      const made = await run<{ number: string; id: string }>(
        tx,
        sql`with r as materialized (
            select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(notice_id bigint, number text, amount bigint,
              channel text, bank_ref text, bank_date date, ledger_transaction_id bigint, result jsonb)
          ), paid as (
            update payment_notices set status = 'paid', paid_at = ${now.toISOString()}::timestamptz where id = any(${paidIds})
          ), closed as (
            update payment_notice_items set open = false where notice_id = any(${paidIds})
          ), audited as (
            ${auditInsert(ctx, audits)}
          ), told as (
            ${messagesInsert(ctx, depositMessages(fresh))}
          )
          insert into bank_confirmations (kind, number, amount, channel, bank_ref, bank_date, bank_org_id, user_id, via,
                                          ledger_transaction_id, result, created_at)
          select 'deposit', number, amount, channel, bank_ref, bank_date, ${bankOrgId}::bigint, ${userId}::bigint, ${via},
                 ledger_transaction_id, result, ${now.toISOString()}::timestamptz
            from r
          returning number, id::text`,
      );
      const idOf = new Map(made.map((m) => [m.number, Number(m.id)]));
      for (const [i, { line, at }] of fresh.entries()) {
        const result = { ...(rows[i]?.result as ConfirmResult), confirmationId: idOf.get(line.noticeNo) as number, repeated: false };
        outcomes[at] = { ok: true, result };
      }
    }
    for (const { at, first } of again) {
      const o = outcomes[first];
      if (!o) throw new Error(`deposit line ${first} has no outcome`);
      outcomes[at] = o.ok ? { ok: true, result: { ...o.result, repeated: true } } : o;
    }
    return outcomes.map((o, at) => {
      if (!o) throw new Error(`deposit line ${at} has no outcome`);
      return o;
    });
  });
}

/**
 * The issuer's 站内消息: one per notice, or, where a file pays several of one issuer's notices,
 * one message saying how many and how much. Requests written together are told apart.
 */
function depositMessages(fresh: readonly { line: DepositLine; notice: LockedNotice }[]): NewMessage[] {
  const byIssuer = groupBy(fresh, (f) => `${f.notice.issuerOrgId}/${f.line.request ?? 0}`);
  return [...byIssuer.values()].map((paid): NewMessage => {
    const orgId = paid[0]?.notice.issuerOrgId ?? null;
    const [one] = paid;
    if (paid.length === 1 && one) {
      return {
        orgId,
        kind: 'bank.deposit',
        title: `交款通知单 ${one.line.noticeNo} 已缴款 ${formatYuan(one.line.amount)} 元`,
        body: `${one.notice.payerName}，银行流水号 ${one.line.bankRef}`,
        link: `/payments/notices?q=${one.line.noticeNo}`,
      };
    }
    const total = paid.reduce((a, f) => a + f.line.amount, 0n);
    return {
      orgId,
      kind: 'bank.deposit',
      title: `${paid.length} 张交款通知单已缴款，共 ${formatYuan(total)} 元`,
      body: paid
        .slice(0, 5)
        .map((f) => f.line.noticeNo)
        .join('、')
        .concat(paid.length > 5 ? ` 等 ${paid.length} 张` : ''),
      link: '/payments/notices',
    };
  });
}

/** The bank workspace's confirmation: the bank is the caller's organisation. */
export async function confirmDepositAtCounter(ctx: Ctx, c: DepositConfirmation) {
  const actor = requirePermission(ctx, 'bank.confirm');
  return confirmDeposit(ctx, actor.orgId, actor.userId, c, 'workspace');
}

/** F-70 daily reconciliation: what this bank confirmed between two dates, with totals per channel. */
export async function reconciliation(ctx: Ctx, from: string, to: string) {
  const actor = requirePermission(ctx, 'bank.confirm');
  const rows = await ctx.db
    .select({ c: bankConfirmations, orgName: organisations.name })
    .from(bankConfirmations)
    .innerJoin(organisations, eq(organisations.id, bankConfirmations.bankOrgId))
    .where(and(eq(bankConfirmations.bankOrgId, actor.orgId), gte(bankConfirmations.bankDate, from), lte(bankConfirmations.bankDate, to)))
    .orderBy(asc(bankConfirmations.bankDate), asc(bankConfirmations.id));
  const totals = new Map<string, { channel: string; count: number; amount: bigint }>();
  for (const { c } of rows) {
    const t = totals.get(c.channel) ?? { channel: c.channel, count: 0, amount: 0n };
    t.count++;
    t.amount += c.amount;
    totals.set(c.channel, t);
  }
  return {
    items: rows.map(({ c }) => ({
      id: c.id,
      kind: c.kind,
      number: c.number,
      amount: Number(c.amount),
      channel: c.channel,
      bankRef: c.bankRef,
      bankDate: c.bankDate,
      via: c.via,
      createdAt: c.createdAt,
    })),
    totals: [...totals.values()].map((t) => ({ ...t, amount: Number(t.amount) })),
    total: Number(rows.reduce((a, r) => a + r.c.amount, 0n)),
  };
}
