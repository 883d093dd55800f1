import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns.ts';
import { organisations } from './organisations.ts';
import { houses } from './registry.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * F-80: an owner who bound an identity on the portal, keyed by the ID number on record. Owners are
 * their own kind of user: no organisation, no roles, no way into any organisation's workspace.
 */
export const ownerAccounts = pgTable(
  'owner_accounts',
  {
    id: id(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('owner_accounts_id_number_uq').on(t.idNumber)],
);

/** Owners' sessions, apart from the organisations' ones; only the token's hash is stored. */
export const ownerSessions = pgTable(
  'owner_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => ownerAccounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip').notNull().default(''),
  },
  (t) => [index('owner_sessions_owner_idx').on(t.ownerId)],
);

/** 业主告知书: one binding code per letter, stored only as a keyed hash; single-use and expiring. */
export const ownerLetters = pgTable(
  'owner_letters',
  {
    id: id(),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    codeHash: text('code_hash').notNull(),
    issuedBy: ref('issued_by'),
    issuedOrgId: ref('issued_org_id').references(() => organisations.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    usedBy: ref('used_by').references(() => ownerAccounts.id),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('owner_letters_open_idx').on(t.houseId).where(sql`${t.usedAt} is null and ${t.revokedAt} is null`)],
);

/** Which houses an owner reaches; a binding ends (never deleted) when the registry says it must. */
export const ownerBindings = pgTable(
  'owner_bindings',
  {
    id: id(),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => ownerAccounts.id),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    letterId: ref('letter_id').references(() => ownerLetters.id),
    boundAt: createdAt(),
    endedAt: ts('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('owner_bindings_live_uq').on(t.ownerId, t.houseId).where(sql`${t.endedAt} is null`),
    index('owner_bindings_house_idx').on(t.houseId).where(sql`${t.endedAt} is null`),
  ],
);

/** F-83: what an owner's message reports — a project's notice, a vote opened, money on the account. */
export const OWNER_MESSAGE_KINDS = ['project.notice', 'project.vote', 'account.money'] as const;
export type OwnerMessageKind = (typeof OWNER_MESSAGE_KINDS)[number];

/**
 * F-83 业主消息: one row per owner and event, written in the transaction of the step it reports
 * (one INSERT … SELECT over the live bindings, however many owners). The message is the owner's
 * own, so its read mark is a column.
 */
export const ownerMessages = pgTable(
  'owner_messages',
  {
    id: id(),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => ownerAccounts.id),
    kind: text('kind', { enum: OWNER_MESSAGE_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** The owner's page (or the public notice) where the matter can be seen, e.g. `/owner/houses/12`. */
    link: text('link'),
    houseId: ref('house_id').references(() => houses.id),
    projectId: ref('project_id'),
    /** Money messages: the change on the house's account in fen (negative for a debit). */
    amount: bigint('amount', { mode: 'bigint' }),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [
    index('owner_messages_owner_idx').on(t.ownerId, t.id),
    index('owner_messages_unread_idx').on(t.ownerId).where(sql`${t.readAt} is null`),
  ],
);

/** Keys the server makes for itself once and shares between its instances (the binding-code hash key). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: bytea('value').notNull(),
  createdAt: createdAt(),
});
