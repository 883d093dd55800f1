import type { Conn } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';
import {
  checkReceived,
  REQUIRED_DOC_TYPE_LABELS,
  REQUIRED_DOC_TYPES,
  type RequiredDocType,
  type RequiredDocuments,
} from '../../domain/required-documents.ts';
import { type Ctx, requireActor, requirePermission } from '../../lib/context.ts';
import { ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { getSetting } from './store.ts';

/** F-62 要件设置 as the office edits it: one row per type, in a fixed order, with its Chinese name. */
export async function requiredDocumentsView(db: Conn) {
  const lists = await getSetting(db, 'requiredDocuments');
  return { items: REQUIRED_DOC_TYPES.map((type) => ({ type, label: REQUIRED_DOC_TYPE_LABELS[type], documents: lists[type] })) };
}

export async function officeRequiredDocuments(ctx: Ctx) {
  requirePermission(ctx, 'office.config');
  return requiredDocumentsView(ctx.db);
}

/** The list of one type, for anyone logged in: the submitter sees what to bring to the window. */
export async function requiredDocumentsOf(ctx: Ctx, type: RequiredDocType) {
  requireActor(ctx);
  return { type, label: REQUIRED_DOC_TYPE_LABELS[type], documents: await currentRequiredDocuments(ctx.db, type) };
}

/** F-62: a change applies to the requests submitted after it; it is audited with the lists before and after. */
export async function saveRequiredDocuments(ctx: Ctx, input: RequiredDocuments) {
  const actor = requirePermission(ctx, 'office.config');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await getSetting(tx, 'requiredDocuments');
    const changed = REQUIRED_DOC_TYPES.filter((t) => before[t].join('\n') !== input[t].join('\n'));
    await tx
      .insert(settings)
      .values({ key: 'requiredDocuments', value: input, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: settings.key, set: { value: input, updatedAt: now, updatedBy: actor.userId } });
    await audit(tx, ctx, {
      action: 'config.required-documents',
      entity: 'settings',
      entityId: 'requiredDocuments',
      summary:
        changed.length > 0
          ? `要件设置：修改${changed.map((t) => `${REQUIRED_DOC_TYPE_LABELS[t]}（${input[t].length} 项）`).join('、')}`
          : '要件设置：保存，未改变',
      before,
      after: input,
    });
  });
  return requiredDocumentsView(ctx.db);
}

/** The list of one type as it stands now: kept with a request when it is submitted (F-62). */
export async function currentRequiredDocuments(db: Conn, type: RequiredDocType): Promise<string[]> {
  return (await getSetting(db, 'requiredDocuments'))[type];
}

/**
 * The list a submitted request is checked against at 受理: the one kept at its submission, since a
 * change applies only to what is submitted after it (F-62). Requests submitted before lists were
 * kept with them are checked against the list in force.
 */
export async function requiredDocumentsFor(db: Conn, type: RequiredDocType, kept: string[] | null): Promise<string[]> {
  return kept ?? (await currentRequiredDocuments(db, type));
}

/**
 * F-62 at 受理, inside the accepting transaction: refuses (409, nothing saved) unless every
 * required document of the request's list is received; returns the list to record with the acceptance.
 */
export async function requireReceived(
  db: Conn,
  type: RequiredDocType,
  kept: string[] | null,
  received: readonly string[],
): Promise<string[]> {
  const { message, recorded } = checkReceived(type, await requiredDocumentsFor(db, type, kept), received);
  if (message) throw ruleRefusal(409, 'RULE', 'F-62', message, { received: message });
  return recorded;
}
