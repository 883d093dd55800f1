import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { PROJECT_STAGES } from '../../domain/project-stage.ts';
import { createdAt, id, ref, charactersIndex, trigramIndex, ts } from './columns.ts';
import { facilities } from './facilities.ts';
import { organisations } from './organisations.ts';
import { houses, propertyAreas } from './registry.ts';

export const PROJECT_TYPES = ['general', 'emergency', 'simple'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/**
 * draft: editable (F-40); submitted: approval application pending (editing frozen); approved:
 * disbursing; completed and cancelled are final. Everything finer (notices, vote, acceptance)
 * is read from the rows below, so one column cannot contradict them.
 */
/** F-40 step 4: shares apportioned by building area (预算分摊), or entered for each house (分摊合并). */
export const SHARE_BASES = ['area', 'custom'] as const;
export type ShareBasis = (typeof SHARE_BASES)[number];

export const PROJECT_STATUSES = ['draft', 'submitted', 'approved', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** 维修项目 of one property area, run by its owners' committee (SPEC §7). */
export const repairProjects = pgTable(
  'repair_projects',
  {
    id: id(),
    no: text('no').notNull(),
    areaId: ref('area_id')
      .notNull()
      .references(() => propertyAreas.id),
    orgId: ref('org_id')
      .notNull()
      .references(() => organisations.id),
    type: text('type', { enum: PROJECT_TYPES }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('draft'),
    /**
     * The list's stage (domain/project-stage.ts), stored by every step that changes the project so
     * the list filters on an index; a running notice stores its deadline and the stage after it.
     */
    stage: text('stage', { enum: PROJECT_STAGES }).notNull().default('editing'),
    stageUntil: text('stage_until'),
    stageNext: text('stage_next', { enum: PROJECT_STAGES }),
    /** How the shares were last set: 预算分摊 by building area, or entered / imported house by house. */
    shareBasis: text('share_basis', { enum: SHARE_BASES }).notNull().default('area'),
    /** Sum of the items' budgets, kept with them in the same transaction. */
    budgetTotal: bigint('budget_total', { mode: 'bigint' }).notNull().default(sql`0`),
    /** F-42: the vote recorded last (null: none yet). */
    voteRule: text('vote_rule'),
    votePassed: boolean('vote_passed'),
    voteTotals: jsonb('vote_totals'),
    voteNoticeId: ref('vote_notice_id'),
    voteRecordedAt: ts('vote_recorded_at'),
    /** F-45 acceptance. */
    acceptanceDate: text('acceptance_date'),
    acceptanceResult: text('acceptance_result'),
    settlementAmount: bigint('settlement_amount', { mode: 'bigint' }),
    acceptanceRecordedAt: ts('acceptance_recorded_at'),
    cancelReason: text('cancel_reason'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    uniqueIndex('repair_projects_no_uq').on(t.no),
    index('repair_projects_area_idx').on(t.areaId, t.createdAt),
    // The list's order (newest first) over every area, and searches for part of a name or number.
    index('repair_projects_created_idx').on(t.createdAt, t.id),
    trigramIndex('repair_projects_name_trgm', t.name),
    trigramIndex('repair_projects_no_trgm', t.no),
    charactersIndex('repair_projects_name_chars', t.name),
    charactersIndex('repair_projects_no_chars', t.no),
    index('repair_projects_stage_idx').on(t.stage, t.createdAt),
    index('repair_projects_stage_next_idx').on(t.stageNext, t.stageUntil),
    check('repair_projects_budget_non_negative', sql`${t.budgetTotal} >= 0`),
  ],
);

/** One facility to repair, with its content, construction unit and budget (F-40 step 2). */
export const projectItems = pgTable(
  'project_items',
  {
    id: id(),
    projectId: ref('project_id')
      .notNull()
      .references(() => repairProjects.id),
    seq: integer('seq').notNull(),
    facilityId: ref('facility_id')
      .notNull()
      .references(() => facilities.id),
    content: text('content').notNull(),
    contractor: text('contractor').notNull().default(''),
    remark: text('remark').notNull().default(''),
    budget: bigint('budget', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [index('project_items_project_idx').on(t.projectId, t.seq), check('project_items_budget_non_negative', sql`${t.budget} >= 0`)],
);

/**
 * 分摊范围 and shares (F-40 steps 3–4): one row per item and house, written set-wise so a
 * 20,000-house range is a single INSERT … SELECT.
 */
export const projectItemHouses = pgTable(
  'project_item_houses',
  {
    itemId: ref('item_id')
      .notNull()
      .references(() => projectItems.id, { onDelete: 'cascade' }),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    projectId: ref('project_id').notNull(),
    share: bigint('share', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.houseId] }),
    index('project_item_houses_project_idx').on(t.projectId, t.houseId),
    check('project_item_houses_share_non_negative', sql`${t.share} >= 0`),
  ],
);

/** 拨付计划 (F-40 step 6): phases per the construction contract. */
export const projectPhases = pgTable(
  'project_phases',
  {
    id: id(),
    projectId: ref('project_id')
      .notNull()
      .references(() => repairProjects.id),
    seq: integer('seq').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    condition: text('condition').notNull().default(''),
  },
  (t) => [uniqueIndex('project_phases_seq_uq').on(t.projectId, t.seq), check('project_phases_amount_positive', sql`${t.amount} > 0`)],
);

export const PROJECT_NOTICE_KINDS = ['initiation', 'acceptance', 'cancellation'] as const;
export type ProjectNoticeKind = (typeof PROJECT_NOTICE_KINDS)[number];

/** F-41 公示: public from the moment it is published; amounts are those of that moment. */
export const projectNotices = pgTable(
  'project_notices',
  {
    id: id(),
    no: text('no').notNull(),
    projectId: ref('project_id')
      .notNull()
      .references(() => repairProjects.id),
    areaId: ref('area_id').notNull(),
    kind: text('kind', { enum: PROJECT_NOTICE_KINDS }).notNull(),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    /** 立项公示: how the published shares were set (the notice's text says so); null for other notices. */
    apportionBasis: text('apportion_basis', { enum: SHARE_BASES }),
    deadline: text('deadline').notNull(),
    budgetTotal: bigint('budget_total', { mode: 'bigint' }).notNull(),
    settlementAmount: bigint('settlement_amount', { mode: 'bigint' }),
    publishedBy: ref('published_by'),
    publishedAt: ts('published_at').notNull(),
  },
  (t) => [uniqueIndex('project_notices_no_uq').on(t.no), index('project_notices_public_idx').on(t.publishedAt, t.areaId)],
);

/**
 * F-41: the list a notice published — each house's share of the budget (立项公示) or of the
 * settlement (验收公示) at that moment. A posted notice never changes, whatever is edited later.
 */
export const projectNoticeHouses = pgTable(
  'project_notice_houses',
  {
    noticeId: ref('notice_id')
      .notNull()
      .references(() => projectNotices.id),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.houseId] })],
);

/** F-42 house by house: the choice read from the signed sheet. */
export const projectBallots = pgTable(
  'project_ballots',
  {
    projectId: ref('project_id')
      .notNull()
      .references(() => repairProjects.id),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    choice: text('choice', { enum: ['agree', 'oppose', 'abstain', 'absent'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.houseId] })],
);

export const PROJECT_REQUEST_KINDS = ['approval', 'disbursement', 'refund'] as const;
export type ProjectRequestKind = (typeof PROJECT_REQUEST_KINDS)[number];
/** confirmed: the bank transferred (disbursement) or received (refund) the money. */
export const PROJECT_REQUEST_STATUSES = ['submitted', 'accepted', 'approved', 'rejected', 'confirmed'] as const;
export type ProjectRequestStatus = (typeof PROJECT_REQUEST_STATUSES)[number];

/**
 * 立项申请 (F-43), 资金拨付申请 (F-44) and 清退通知单 (F-46): what the office accepts and reviews,
 * and what the bank confirms by number.
 */
export const projectRequests = pgTable(
  'project_requests',
  {
    id: id(),
    no: text('no').notNull(),
    projectId: ref('project_id')
      .notNull()
      .references(() => repairProjects.id),
    kind: text('kind', { enum: PROJECT_REQUEST_KINDS }).notNull(),
    status: text('status', { enum: PROJECT_REQUEST_STATUSES }).notNull(),
    phaseId: ref('phase_id').references(() => projectPhases.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull().default(sql`0`),
    /** Payees: construction unit, account name, bank, account number, amount (fen as string). */
    payees: jsonb('payees').notNull().default(sql`'[]'::jsonb`),
    /** Refund: the disbursements it returns money from. */
    sourceIds: jsonb('source_ids').notNull().default(sql`'[]'::jsonb`),
    /** Refund: the custody account the applicant pays into, as it stood when the notice was issued. */
    payInAccount: jsonb('pay_in_account').$type<{ bankName: string; accountName: string; accountNo: string }>(),
    note: text('note').notNull().default(''),
    submittedBy: ref('submitted_by'),
    submittedAt: ts('submitted_at').notNull(),
    /** F-62: the documents the window asks for, as 要件设置 stood at submission (approval, disbursement). */
    requiredDocuments: jsonb('required_documents').$type<string[]>(),
    acceptedBy: ref('accepted_by'),
    acceptedAt: ts('accepted_at'),
    acceptNote: text('accept_note'),
    reviewedBy: ref('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    rejectReason: text('reject_reason'),
    confirmedAt: ts('confirmed_at'),
    ledgerTransactionId: ref('ledger_transaction_id'),
  },
  (t) => [
    uniqueIndex('project_requests_no_uq').on(t.no),
    index('project_requests_project_idx').on(t.projectId, t.kind),
    index('project_requests_status_idx').on(t.status, t.submittedAt),
    index('project_requests_submitted_idx').on(t.submittedAt),
    trigramIndex('project_requests_no_trgm', t.no),
    charactersIndex('project_requests_no_chars', t.no),
    check('project_requests_amount_non_negative', sql`${t.amount} >= 0`),
  ],
);
