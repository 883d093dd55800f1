import { bigint, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { applications, fundInstructions } from './applications.ts';
import { createdAt, id, charactersIndex, ref, trigramIndex, ts } from './columns.ts';
import { houses, propertyAreas } from './registry.ts';

export const REFUND_REASONS = ['due_decrease', 'cancellation'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/**
 * 退款指令: money an approved registry change took out of a house account (R-12 decrease, R-13
 * cancellation) and holds in refunds payable until the bank confirms the payout (F-70, F-71).
 * The number is what the bank confirms, idempotently.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    no: text('no').notNull(),
    reason: text('reason', { enum: REFUND_REASONS }).notNull(),
    applicationId: ref('application_id')
      .notNull()
      .references(() => applications.id),
    fundInstructionId: ref('fund_instruction_id')
      .notNull()
      .references(() => fundInstructions.id),
    areaId: ref('area_id')
      .notNull()
      .references(() => propertyAreas.id),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    /** 收款户名, 开户银行, 账号 as entered at submit. */
    account: jsonb('account').notNull(),
    status: text('status', { enum: ['pending', 'paid'] })
      .notNull()
      .default('pending'),
    transactionId: ref('transaction_id').notNull(),
    payoutTransactionId: ref('payout_transaction_id'),
    createdAt: createdAt(),
    paidAt: ts('paid_at'),
  },
  (t) => [
    uniqueIndex('refunds_no_uq').on(t.no),
    index('refunds_status_idx').on(t.status, t.id),
    index('refunds_application_idx').on(t.applicationId),
    index('refunds_house_idx').on(t.houseId),
    index('refunds_created_idx').on(t.createdAt),
    trigramIndex('refunds_no_trgm', t.no),
    charactersIndex('refunds_no_chars', t.no),
  ],
);
