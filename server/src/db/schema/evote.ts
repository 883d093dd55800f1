import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns.ts';
import { ownerAccounts } from './owners.ts';
import { projectNotices, repairProjects } from './projects.ts';
import { houses } from './registry.ts';

export const EVOTE_CHOICES = ['agree', 'oppose', 'abstain'] as const;
export type EvoteChoice = (typeof EVOTE_CHOICES)[number];

/**
 * F-82 电子投票: the committee opens one per project and initiation notice, from `opensAt` until
 * `closesAt`. It is closed once `closesAt` has passed, whether or not the closing job has run yet;
 * the job only writes down `closedAt` and the chain's last hash.
 */
export const projectEvotes = pgTable(
  'project_evotes',
  {
    id: id(),
    projectId: ref('project_id')
      .notNull()
      .references(() => repairProjects.id),
    noticeId: ref('notice_id')
      .notNull()
      .references(() => projectNotices.id),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: ts('closed_at'),
    /** the hash of the last ballot when the vote closed (the genesis hash when nobody voted). */
    finalHash: text('final_hash'),
    /** Turnout and online choices at closing, for the record (the result itself is R-42 over paper + online). */
    totals: jsonb('totals'),
    openedBy: ref('opened_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('project_evotes_notice_uq').on(t.projectId, t.noticeId),
    index('project_evotes_due_idx').on(t.closesAt).where(sql`${t.status} = 'open'`),
    check('project_evotes_period_ck', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/**
 * every ballot ever cast, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). A
 * changed vote is a new row; the latest row per house counts. Each row's hash chains it to
 * the previous row of the same e-vote, in insertion order.
 */
export const evoteBallots = pgTable(
  'evote_ballots',
  {
    id: id(),
    evoteId: ref('evote_id')
      .notNull()
      .references(() => projectEvotes.id),
    /** Position in the e-vote's chain, from 1. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => ownerAccounts.id),
    choice: text('choice', { enum: EVOTE_CHOICES }).notNull(),
    castAt: ts('cast_at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    receiptCode: text('receipt_code').notNull(),
  },
  (t) => [
    uniqueIndex('evote_ballots_seq_uq').on(t.evoteId, t.seq),
    index('evote_ballots_house_idx').on(t.evoteId, t.houseId, t.seq),
    index('evote_ballots_receipt_idx').on(t.receiptCode),
  ],
);
