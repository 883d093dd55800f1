import { bigint, check, index, integer, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ref } from './columns.ts';
import { houses } from './registry.ts';

export const ACCOUNT_KINDS = ['house', 'custody', 'refunds_payable', 'disbursements_payable', 'interest'] as const;

/**
 * Fund accounts. Every balance is the sum of the account's entries (credits positive): a house
 * account holds what is owed to the house, the custody account mirrors the money at the bank
 * with the opposite sign. A house account's balance is cached in `balance`; the fund's own
 * accounts (kind other than house) keep theirs in `ledger_balance_buckets` instead, and their row's
 * `balance` stays as it was (0 since migration 0015). The invariant check compares row plus
 * buckets with the sum of the entries.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: id(),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    houseId: ref('house_id').references(() => houses.id),
    name: text('name').notNull(),
    balance: bigint('balance', { mode: 'bigint' }).notNull().default(sql`0`),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_house_uq').on(t.houseId),
    // One account per fund kind (custody, refunds payable…): concurrent first uses cannot make two.
    uniqueIndex('ledger_accounts_system_uq').on(t.kind).where(sql`${t.houseId} is null`),
    // a house account never goes below zero, whatever code path writes it.
    check('ledger_house_non_negative', sql`${t.kind} <> 'house' or ${t.balance} >= 0`),
  ],
);

/**
 * The fund's own accounts' balances, spread over a few rows so that concurrent postings do not
 * queue on one: every deposit debits the custody account, and one cached balance row would let
 * only one confirmation at a time through. A posting adds its net change to one bucket, chosen by
 * its database transaction (`txid_current() % LEDGER_BUCKETS`), so a transaction that posts twice
 * uses the same bucket both times. The account's balance is the sum of its buckets (plus its row).
 */
export const ledgerBalanceBuckets = pgTable(
  'ledger_balance_buckets',
  {
    accountId: ref('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    bucket: smallint('bucket').notNull(),
    balance: bigint('balance', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.bucket] })],
);

/** One movement of money: two or more entries that sum to zero. Never updated or deleted. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: id(),
    kind: text('kind').notNull(),
    /** The external or business number it answers to: notice, instruction, application. */
    reference: text('reference').notNull(),
    memo: text('memo').notNull().default(''),
    reversesId: ref('reverses_id'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_transactions_ref_idx').on(t.reference)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    transactionId: ref('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: ref('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_entries_account_idx').on(t.accountId, t.id), index('ledger_entries_tx_idx').on(t.transactionId)],
);

/** F-64: one allocation per period; a repeat of the same period changes nothing. */
export const interestPeriods = pgTable(
  'interest_periods',
  {
    id: id(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    houses: integer('houses').notNull(),
    transactionId: ref('transaction_id').notNull(),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('interest_periods_uq').on(t.periodFrom, t.periodTo)],
);
