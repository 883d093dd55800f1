import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { charactersIndex, createdAt, id, pairsIndex, ref, trigramIndex } from './columns.ts';

/**
 * What 系统日志's search looks in (SPEC §10): a record's summary, who made it and for which
 * organisation, as one text (lines apart, so no pair or trigram spans two of them). Every write of
 * the platform adds a record, so each index here costs every write: one of each kind for the three.
 */
export const auditSearchText = (c: { summary: SQLWrapper; userName: SQLWrapper; orgName: SQLWrapper }): SQL =>
  sql`(${c.summary} || E'\\n' || ${c.userName} || E'\\n' || ${c.orgName})`;

/** Append-only record of every write: who, for which organisation, what, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: createdAt(),
    userId: ref('user_id'),
    userName: text('user_name').notNull().default(''),
    orgId: ref('org_id'),
    orgName: text('org_name').notNull().default(''),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull().default(''),
    summary: text('summary').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip').notNull().default(''),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_org_idx').on(t.orgId, t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    trigramIndex('audit_log_search_trgm', auditSearchText(t)),
    charactersIndex('audit_log_search_chars', auditSearchText(t)),
    pairsIndex('audit_log_search_pairs', auditSearchText(t)),
  ],
);
