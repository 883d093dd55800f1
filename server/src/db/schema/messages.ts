import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns.ts';
import { organisations, users } from './organisations.ts';

export const MESSAGE_KINDS = [
  'application.accept',
  'application.reject',
  'application.approve',
  'project.accept',
  'project.reject',
  'project.approve',
  'bank.deposit',
  'bank.transfer',
  'bank.refund',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * 站内消息: what the office or the bank did to an organisation's business, written in the same
 * transaction as the step it reports, so a message exists exactly when the step happened.
 * Addressed to the organisation: every user of it sees it.
 */
export const orgMessages = pgTable(
  'org_messages',
  {
    id: id(),
    orgId: ref('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** The page in the workspace where the business can be seen, e.g. `/repair/projects/12`. */
    link: text('link'),
    createdAt: createdAt(),
  },
  (t) => [index('org_messages_org_idx').on(t.orgId, t.id)],
);

/** Which user has read which message: read state is each person's own, the message is the organisation's. */
export const orgMessageReads = pgTable(
  'org_message_reads',
  {
    messageId: ref('message_id')
      .notNull()
      .references(() => orgMessages.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    readAt: ts('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] })],
);
