import { and, desc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { type MessageKind, orgMessageReads, orgMessages, users } from '../../db/schema/index.ts';
import { type Actor, type Ctx, requireActor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageAhead } from '../../lib/paging.ts';

export interface NewMessage {
  orgId: number | null;
  kind: MessageKind;
  title: string;
  body?: string;
  link?: string | null;
}

/**
 * 站内消息: called inside the transaction of the step it reports, so
 * the message and the step commit together or not at all. A message to no organisation is dropped.
 */
export async function notifyOrg(tx: Tx, ctx: Ctx, m: NewMessage): Promise<void> {
  await notifyOrgs(tx, ctx, [m]);
}

/** Several messages of one step in one insert; those to no organisation are dropped. */
export async function notifyOrgs(tx: Tx, ctx: Ctx, messages: readonly NewMessage[]): Promise<void> {
  if (messages.some((m) => m.orgId !== null)) await tx.execute(messagesInsert(ctx, messages));
}

/**
 * The insert `notifyOrgs` runs, as a statement a set-based use case can also run as one part of its
 * own (`with told as (${messagesInsert(…)}) …`). Messages to no organisation are dropped.
 */
export function messagesInsert(ctx: Ctx, messages: readonly NewMessage[]): SQL {
  const rows = messages.flatMap((m) =>
    m.orgId === null ? [] : [{ org_id: m.orgId, kind: m.kind, title: m.title, body: m.body ?? '', link: m.link ?? null }],
  );
  return sql`insert into org_messages (org_id, kind, title, body, link, created_at)
    select r.org_id, r.kind, r.title, r.body, r.link, ${ctx.clock.now().toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(org_id bigint, kind text, title text, body text, link text)`;
}

/** The unread badge stops counting here: "99+" says enough, and the count stays one short scan. */
export const UNREAD_CAP = 99;

/**
 * Messages a user is shown: their organisation's from the moment the user was created (a new colleague does
 * not inherit years of unread history).
 */
async function visibleFrom(ctx: Ctx, actor: Actor) {
  const [u] = await ctx.db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, actor.userId));
  return and(eq(orgMessages.orgId, actor.orgId), gte(orgMessages.createdAt, u?.createdAt ?? new Date(0)));
}

const unread = (userId: number) =>
  sql`not exists (select 1 from ${orgMessageReads} r where r.message_id = ${orgMessages.id} and r.user_id = ${userId})`;

export async function listMessages(ctx: Ctx, q: { page: number; pageSize: number; unreadOnly?: boolean }) {
  const actor = requireActor(ctx);
  const where = and(await visibleFrom(ctx, actor), q.unreadOnly ? unread(actor.userId) : undefined);
  // No count of every message: the list says whether another page follows.
  const page = await pageAhead(
    q,
    ctx.db
      .select({
        m: orgMessages,
        unread: sql<boolean>`${unread(actor.userId)}`.mapWith(Boolean),
      })
      .from(orgMessages)
      .where(where)
      .orderBy(desc(orgMessages.id)),
  );
  return {
    ...page,
    items: page.items.map(({ m, unread: isUnread }) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      body: m.body,
      link: m.link,
      createdAt: m.createdAt,
      read: !isUnread,
    })),
  };
}

export async function unreadCount(ctx: Ctx): Promise<{ count: number; capped: boolean }> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select({ id: orgMessages.id })
    .from(orgMessages)
    .where(and(await visibleFrom(ctx, actor), unread(actor.userId)))
    .limit(UNREAD_CAP + 1);
  return { count: Math.min(rows.length, UNREAD_CAP), capped: rows.length > UNREAD_CAP };
}

/** Marks one message read for the caller; another organisation's message does not exist for them. */
export async function markRead(ctx: Ctx, id: number) {
  const actor = requireActor(ctx);
  const [m] = await ctx.db
    .select({ id: orgMessages.id })
    .from(orgMessages)
    .where(and(eq(orgMessages.id, id), eq(orgMessages.orgId, actor.orgId)));
  if (!m) throw notFound('消息');
  await ctx.db.insert(orgMessageReads).values({ messageId: id, userId: actor.userId, readAt: ctx.clock.now() }).onConflictDoNothing();
  return unreadCount(ctx);
}

/** 全部标为已读: one statement, however many messages there are. */
export async function markAllRead(ctx: Ctx) {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  await ctx.db.execute(sql`
    insert into ${orgMessageReads} (message_id, user_id, read_at)
    select ${orgMessages.id}, ${actor.userId}, ${now.toISOString()}::timestamptz from ${orgMessages}
    where ${and(await visibleFrom(ctx, actor), unread(actor.userId))}
    on conflict do nothing`);
  return unreadCount(ctx);
}
