import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, sentAs, type Tx } from '../../db/client.ts';
import type { OwnerMessageKind } from '../../db/schema/index.ts';
import type { TransactionKind } from '../../ledger/post.ts';

/**
 * The owners who reach a house now: a live binding whose ID number is still on the house's record
 * (F-80). Every owner message goes to these and nobody else.
 */
export const LIVE_BINDINGS = sql`select b.owner_id, b.house_id from owner_bindings b
  join owner_accounts oa on oa.id = b.owner_id
  where b.ended_at is null
    and exists (select 1 from house_owners ho where ho.house_id = b.house_id and upper(ho.id_number) = oa.id_number)`;

/** The owner's page of one house (messages about it link there). */
export const ownerHousePath = (houseId: number | string) => `/owner/houses/${houseId}`;

/** Yuan with two decimals and thousands separators, in SQL on an integer fen column (exact numeric, no float). */
const yuanSql = (fen: ReturnType<typeof sql>) => sql`to_char(abs(${fen})::numeric / 100, 'FM999,999,999,999,990.00')`;

export interface OwnerMessage {
  kind?: OwnerMessageKind;
  title: string;
  body?: string;
  /** Where the owner reads more; by default the owner's page of the house in the project's range. */
  link?: string | null;
  at: Date;
}

/**
 * F-83: one message to every bound owner of the houses in a project's range (a notice published,
 * an electronic vote opened), in the caller's transaction, as ONE INSERT … SELECT however many
 * owners. An owner of several houses in the range gets one message. Returns how many were sent.
 */
export async function notifyProjectOwners(tx: Tx, projectId: number, m: OwnerMessage): Promise<number> {
  return sentCount(
    tx,
    rowsOf,
    sql`insert into owner_messages (owner_id, kind, title, body, link, house_id, project_id, created_at)
    select lb.owner_id, ${m.kind ?? 'project.notice'}, ${m.title}, ${m.body ?? ''},
      coalesce(${m.link ?? null}::text, ${ownerHousePath('')} || min(lb.house_id)::text),
      case when count(distinct lb.house_id) = 1 then min(lb.house_id) end, ${projectId}::bigint, ${m.at.toISOString()}::timestamptz
    from (${LIVE_BINDINGS}) lb
    where lb.house_id in (select house_id from project_item_houses where project_id = ${projectId})
    group by lb.owner_id`,
  );
}

/**
 * F-83: money moved on house accounts — one message per bound owner and house of each ledger
 * transaction, naming the house, what moved and the amount. Called by `postMany()` for its postings,
 * so deposits, project transfers and refunds, refunds to owners, interest and corrections all
 * report themselves. ONE INSERT … SELECT, driven by the live bindings (a few per house) joined to
 * the transaction's entries through the account index, so an interest allocation over 500,000
 * accounts costs one statement whose size follows the bound owners, not the accounts.
 */
export async function notifyPostingOwners(
  tx: Tx,
  postings: readonly { transactionId: number; kind: TransactionKind; label: string; reference: string; at: Date }[],
): Promise<number> {
  if (postings.length === 0) return 0;
  const rows = JSON.stringify(
    postings.map((p) => ({
      t: p.transactionId,
      title: MONEY_TITLES[p.kind],
      label: p.label,
      ref: p.reference ? `（${p.reference}）` : '',
      at: p.at.toISOString(),
    })),
  );
  return sentCount(
    tx,
    sentAs(postings.length).run,
    sql`insert into owner_messages (owner_id, kind, title, body, link, house_id, amount, created_at)
    select lb.owner_id, 'account.money', p.title,
      h.address || '：' || p.label || ' ' || case when e.amount < 0 then '-' else '' end || ${yuanSql(sql`e.amount`)} || ' 元'
        || p.ref || '，余额 ' || ${yuanSql(sql`a.balance`)} || ' 元',
      ${ownerHousePath('')} || lb.house_id::text, lb.house_id, e.amount, p.at
    from (${LIVE_BINDINGS}) lb
    join ledger_accounts a on a.house_id = lb.house_id and a.kind = 'house'
    join ledger_entries e on e.account_id = a.id
    join jsonb_to_recordset(${rows}::jsonb) as p(t bigint, title text, label text, ref text, at timestamptz) on p.t = e.transaction_id
    join houses h on h.id = lb.house_id
    where e.amount <> 0`,
  );
}

/** What the owner reads as the title of a money message, by what the ledger transaction records. */
export const MONEY_TITLES: Record<TransactionKind, string> = {
  deposit: '维修资金交存到账',
  deposit_reversal: '维修资金交存冲正',
  refund: '维修资金退款',
  project_transfer: '维修项目划转维修资金',
  project_refund: '维修项目清退资金退回',
  balance_move: '房屋拆分合并资金转移',
  refund_payout: '维修资金退款付款',
  interest: '增值收益分配到账',
  reversal: '分户账冲正',
};

/**
 * Runs the INSERT and answers how many messages it wrote (the same on both drivers); `run` is
 * `rowsOf`, or `sentAs(rows).run` for a statement sent many times a second (a deposit's), whose
 * planning costs more than its run.
 */
async function sentCount(tx: Tx, run: typeof rowsOf, insert: SQL): Promise<number> {
  const [r] = await run<{ n: number }>(tx, sql`with sent as (${insert} returning 1) select count(*)::int as n from sent`);
  return Number(r?.n ?? 0);
}
