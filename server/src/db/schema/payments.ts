import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, charactersIndex, trigramIndex, ts } from './columns.ts';
import { organisations } from './organisations.ts';
import { houses, propertyAreas } from './registry.ts';

export const NOTICE_PURPOSES = ['deposit', 'supplement', 'replenish', 'other'] as const;
export type NoticePurpose = (typeof NOTICE_PURPOSES)[number];

/** 交款通知单: what a payer owes for which houses, payable into the custody account until a date. */
export const paymentNotices = pgTable(
  'payment_notices',
  {
    id: id(),
    no: text('no').notNull(),
    purpose: text('purpose', { enum: NOTICE_PURPOSES }).notNull(),
    purposeNote: text('purpose_note').notNull().default(''),
    areaId: ref('area_id')
      .notNull()
      .references(() => propertyAreas.id),
    issuerOrgId: ref('issuer_org_id')
      .notNull()
      .references(() => organisations.id),
    payerType: text('payer_type', { enum: ['developer', 'owner'] }).notNull(),
    payerName: text('payer_name').notNull(),
    payerIdNumber: text('payer_id_number').notNull().default(''),
    payerPhone: text('payer_phone').notNull().default(''),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    bankAccount: jsonb('bank_account').notNull(),
    validUntil: date('valid_until').notNull(),
    status: text('status', { enum: ['unpaid', 'paid', 'void'] })
      .notNull()
      .default('unpaid'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    paidAt: ts('paid_at'),
    voidedAt: ts('voided_at'),
    /** The source of a 补交 notice: the registry change that raised the amount due. */
    applicationId: ref('application_id'),
  },
  (t) => [
    uniqueIndex('payment_notices_no_uq').on(t.no),
    index('payment_notices_area_idx').on(t.areaId, t.createdAt),
    // The list's order (newest id first) within what a developer or an area filter keeps.
    index('payment_notices_issuer_list_idx').on(t.issuerOrgId, t.id),
    index('payment_notices_area_list_idx').on(t.areaId, t.id),
    // Searches for part of a number or a payer's name.
    trigramIndex('payment_notices_no_trgm', t.no),
    trigramIndex('payment_notices_payer_trgm', t.payerName),
    charactersIndex('payment_notices_no_chars', t.no),
    charactersIndex('payment_notices_payer_chars', t.payerName),
  ],
);

export const paymentNoticeItems = pgTable(
  'payment_notice_items',
  {
    id: id(),
    noticeId: ref('notice_id')
      .notNull()
      .references(() => paymentNotices.id),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    purpose: text('purpose', { enum: NOTICE_PURPOSES }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    /** True while the notice is unpaid: R-30 allows one open notice per house and purpose. */
    open: boolean('open').notNull().default(true),
  },
  (t) => [
    index('payment_notice_items_notice_idx').on(t.noticeId),
    index('payment_notice_items_house_idx').on(t.houseId),
    uniqueIndex('payment_notice_items_open_uq').on(t.houseId, t.purpose).where(sql`${t.open}`),
  ],
);

/**
 * every external confirmation, keyed by what it confirms. A repeat returns `result`; the
 * same number with another amount is a conflict.
 */
export const bankConfirmations = pgTable(
  'bank_confirmations',
  {
    id: id(),
    kind: text('kind', { enum: ['deposit', 'refund', 'transfer', 'project_refund'] }).notNull(),
    number: text('number').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    channel: text('channel').notNull(),
    bankRef: text('bank_ref').notNull(),
    bankDate: date('bank_date').notNull(),
    bankOrgId: ref('bank_org_id')
      .notNull()
      .references(() => organisations.id),
    userId: ref('user_id'),
    via: text('via', { enum: ['workspace', 'api'] }).notNull(),
    ledgerTransactionId: ref('ledger_transaction_id'),
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('bank_confirmations_number_uq').on(t.kind, t.number), index('bank_confirmations_day_idx').on(t.bankDate, t.channel)],
);

/**
 * F-71: a bank system's API credentials, issued, rotated and revoked by the office. The secret
 * signs requests (HMAC-SHA256), so the server must keep it, not a hash; it is shown once at issue.
 * A rotation keeps the key id and replaces the secret; the previous secret still verifies until
 * `previousUntil`, so the bank can switch its system over without a gap.
 */
export const bankApiKeys = pgTable(
  'bank_api_keys',
  {
    keyId: text('key_id').primaryKey(),
    orgId: ref('org_id')
      .notNull()
      .references(() => organisations.id),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousUntil: ts('previous_until'),
    createdAt: createdAt(),
    createdBy: ref('created_by'),
    rotatedAt: ts('rotated_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('bank_api_keys_org_idx').on(t.orgId, t.createdAt)],
);

/** Signatures seen recently: a replayed request is refused. */
export const apiNonces = pgTable(
  'api_nonces',
  {
    signature: text('signature').primaryKey(),
    keyId: text('key_id').notNull(),
    at: createdAt(),
  },
  (t) => [index('api_nonces_at_idx').on(t.at)],
);
