import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, charactersIndex, ref, trigramIndex, ts } from './columns.ts';
import { organisations, users } from './organisations.ts';
import { houses, propertyAreas } from './registry.ts';

import { APPLICATION_TYPES } from '../../domain/application-types.ts';

export { APPLICATION_TYPES, type ApplicationType } from '../../domain/application-types.ts';

import { APPLICATION_STATUSES } from '../../domain/application-actions.ts';

export { APPLICATION_STATUSES, type ApplicationStatus } from '../../domain/application-actions.ts';

/**
 * 业务单: a developer's request to change the registry. Nothing in the registry changes until the
 * office approves it; then everything it holds is applied in one transaction.
 */
export const applications = pgTable(
  'applications',
  {
    id: id(),
    no: text('no').notNull(),
    type: text('type', { enum: APPLICATION_TYPES }).notNull(),
    orgId: ref('org_id')
      .notNull()
      .references(() => organisations.id),
    areaId: ref('area_id').references(() => propertyAreas.id),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
    /** The header of the form (area details, reason, refund account…), shaped per type. */
    form: jsonb('form').notNull(),
    itemCount: integer('item_count').notNull().default(0),
    createdBy: ref('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    /** F-62: the documents the window asks for, as 要件设置 stood when it was (last) submitted. */
    requiredDocuments: jsonb('required_documents').$type<string[]>(),
    acceptedAt: ts('accepted_at'),
    acceptedBy: ref('accepted_by'),
    acceptNote: text('accept_note'),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: ref('reviewed_by'),
    rejectReason: text('reject_reason'),
    /** What approval produced (ids of created houses, instructions…), for the record and the print. */
    outcome: jsonb('outcome'),
  },
  (t) => [
    uniqueIndex('applications_no_uq').on(t.no),
    index('applications_org_idx').on(t.orgId, t.createdAt),
    index('applications_status_idx').on(t.status, t.submittedAt),
    // F-60 业务总览 reads the newest first.
    index('applications_submitted_idx').on(t.submittedAt),
    // 业务总览 finds an area's applications (its filter, a search by the area's name), newest first.
    index('applications_area_idx').on(t.areaId, t.submittedAt),
    // 业务总览 searches by a part of the number.
    trigramIndex('applications_no_trgm', t.no),
    charactersIndex('applications_no_chars', t.no),
  ],
);

/**
 * The rows of an application: imported houses, buildings, owner sets, before/after pairs. Kept
 * apart from the header so a 20,000-house import is paged and applied with set-based SQL.
 */
export const applicationItems = pgTable(
  'application_items',
  {
    id: id(),
    applicationId: ref('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    seq: integer('seq').notNull(),
    houseId: ref('house_id'),
    buildingId: ref('building_id'),
    before: jsonb('before'),
    data: jsonb('data').notNull(),
  },
  (t) => [index('application_items_app_idx').on(t.applicationId, t.kind, t.seq)],
);

/** a house is held by at most one open application, enforced by the primary key. */
export const applicationHouseClaims = pgTable('application_house_claims', {
  houseId: ref('house_id')
    .primaryKey()
    .references(() => houses.id),
  applicationId: ref('application_id')
    .notNull()
    .references(() => applications.id),
});

/**
 * Money consequences of an approved registry change (R-11 balance moves, R-12 supplements and
 * refunds, R-13 closing refunds), recorded in the approving transaction and carried out by the
 * fund ledger.
 */
export const fundInstructions = pgTable(
  'fund_instructions',
  {
    id: id(),
    applicationId: ref('application_id')
      .notNull()
      .references(() => applications.id),
    kind: text('kind', { enum: ['balance_move', 'supplement', 'refund'] }).notNull(),
    houseId: ref('house_id').references(() => houses.id),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'done', 'cancelled'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
    doneAt: ts('done_at'),
  },
  (t) => [index('fund_instructions_status_idx').on(t.status, t.kind)],
);
