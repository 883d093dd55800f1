import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ORG_STATUSES } from '../../domain/org-status.ts';
import { createdAt, id, ref, ts } from './columns.ts';
import { propertyAreas } from './registry.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Every party that logs in: owners' committees, developers, the fund office, custodian banks. */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    type: text('type', { enum: ['committee', 'developer', 'office', 'bank'] }).notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    contactPerson: text('contact_person').notNull(),
    phone: text('phone').notNull(),
    address: text('address').notNull(),
    legalRepresentative: text('legal_representative').notNull(),
    status: text('status', { enum: ORG_STATUSES }).notNull().default('active'),
    statusReason: text('status_reason'),
    areaId: ref('area_id').references(() => propertyAreas.id),
    registrationNo: text('registration_no'),
    documentsVerifiedAt: ts('documents_verified_at'),
    documentsVerifiedBy: ref('documents_verified_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_code_uq').on(t.code),
    // One active committee per property area.
    uniqueIndex('organisations_committee_area_uq').on(t.areaId).where(sql`${t.type} = 'committee' and ${t.status} = 'active'`),
    index('organisations_type_idx').on(t.type, t.createdAt),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    orgId: ref('org_id')
      .notNull()
      .references(() => organisations.id),
    username: text('username').notNull(),
    name: text('name').notNull(),
    mobile: text('mobile').notNull().default(''),
    roles: text('roles').array().notNull(),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_org_username_uq').on(t.orgId, t.username)],
);

/** Server-side sessions: any app instance can serve any request. Only the token's hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    orgCode: text('org_code').notNull(),
    username: text('username').notNull(),
    userId: ref('user_id'),
    success: boolean('success').notNull(),
    reason: text('reason').notNull(),
    ip: text('ip').notNull().default(''),
    at: createdAt(),
  },
  (t) => [index('login_attempts_at_idx').on(t.at)],
);

/** Uploaded files live in the database so backups and app instances see the same set. */
export const files = pgTable('files', {
  id: id(),
  orgId: ref('org_id').references(() => organisations.id),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  createdBy: ref('created_by'),
  createdAt: createdAt(),
});

/** 要件: the documents an organisation uploaded at registration. */
export const orgDocuments = pgTable(
  'org_documents',
  {
    id: id(),
    orgId: ref('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    fileId: ref('file_id')
      .notNull()
      .references(() => files.id),
    createdAt: createdAt(),
  },
  (t) => [index('org_documents_org_idx').on(t.orgId)],
);
