import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { ownerMessages } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { pageAhead } from '../../lib/paging.ts';
import { UNREAD_CAP } from '../messages/service.ts';
import { requireOwner } from './service.ts';

const mine = (ownerId: number) => eq(ownerMessages.ownerId, ownerId);

/** F-83 业主消息, newest first, a page at a time; no count of every message, the list says whether more follow. */
export async function listOwnerMessages(ctx: Ctx, q: { page: number; pageSize: number; unreadOnly?: boolean }) {
  const owner = requireOwner(ctx);
  const page = await pageAhead(
    q,
    ctx.db
      .select()
      .from(ownerMessages)
      .where(and(mine(owner.ownerId), q.unreadOnly ? isNull(ownerMessages.readAt) : undefined))
      .orderBy(desc(ownerMessages.id)),
  );
  return {
    ...page,
    items: page.items.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      body: m.body,
      link: m.link,
      houseId: m.houseId,
      amount: m.amount === null ? null : Number(m.amount),
      createdAt: m.createdAt,
      read: m.readAt !== null,
    })),
  };
}

export async function ownerUnreadCount(ctx: Ctx): Promise<{ count: number; capped: boolean }> {
  const owner = requireOwner(ctx);
  const rows = await ctx.db
    .select({ id: ownerMessages.id })
    .from(ownerMessages)
    .where(and(mine(owner.ownerId), isNull(ownerMessages.readAt)))
    .limit(UNREAD_CAP + 1);
  return { count: Math.min(rows.length, UNREAD_CAP), capped: rows.length > UNREAD_CAP };
}

/** Marks one of the owner's own messages read; anyone else's message does not exist for them. */
export async function markOwnerMessageRead(ctx: Ctx, id: number) {
  const owner = requireOwner(ctx);
  const [m] = await ctx.db
    .update(ownerMessages)
    .set({ readAt: sql`coalesce(${ownerMessages.readAt}, ${ctx.clock.now().toISOString()}::timestamptz)` })
    .where(and(eq(ownerMessages.id, id), mine(owner.ownerId)))
    .returning({ id: ownerMessages.id });
  if (!m) throw new AppError(404, 'NOT_FOUND', '该消息不存在');
  return ownerUnreadCount(ctx);
}

/** 全部标为已读: one statement, however many messages. */
export async function markAllOwnerMessagesRead(ctx: Ctx) {
  const owner = requireOwner(ctx);
  await ctx.db
    .update(ownerMessages)
    .set({ readAt: ctx.clock.now() })
    .where(and(mine(owner.ownerId), isNull(ownerMessages.readAt)));
  return ownerUnreadCount(ctx);
}
