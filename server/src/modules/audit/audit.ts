import { type SQL, sql } from 'drizzle-orm';
import type { AuditAction, AuditEntity } from './labels.ts';
import type { Tx } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { maskIdNumber, maskName } from '../../domain/id-card.ts';

export interface AuditEntry {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | number;
  summary: string;
  before?: unknown;
  after?: unknown;
  /** For writes made before anyone is logged in (registration), name the organisation concerned. */
  orgId?: number;
  orgName?: string;
  /** Where requests written together in one transaction (group commit) each came from; else the caller's. */
  ip?: string;
}

/** Called inside the use case's transaction, so the record and the change commit together. */
export async function audit(tx: Tx, ctx: Ctx, e: AuditEntry): Promise<void> {
  await auditMany(tx, ctx, [e]);
}

/** Several records of one use case (a bank's day file, one per notice) in one insert. */
export async function auditMany(tx: Tx, ctx: Ctx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.execute(auditInsert(ctx, entries));
}

/**
 * The insert `auditMany` runs, as a statement a set-based use case can also run as one part of its
 * own (`with audited as (${auditInsert(…)}) …`), saving a round trip. The rows travel as one JSON
 * document.
 */
export function auditInsert(ctx: Ctx, entries: readonly AuditEntry[]): SQL {
  const a = ctx.actor;
  const rows = entries.map((e) => ({
    user_id: a?.userId ?? null,
    // An owner on the portal (F-80) is named masked, as everywhere the office reads owners.
    user_name: a
      ? `${a.userName}（${a.username}）`
      : ctx.owner
        ? `业主 ${maskName(ctx.owner.name)}（${maskIdNumber(ctx.owner.idNumber)}）`
        : '',
    org_id: e.orgId ?? a?.orgId ?? null,
    org_name: e.orgName ?? a?.orgName ?? '',
    action: e.action,
    entity: e.entity,
    entity_id: String(e.entityId),
    summary: e.summary,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip ?? ctx.ip,
  }));
  return sql`insert into audit_log (created_at, user_id, user_name, org_id, org_name, action, entity, entity_id, summary, before, after, ip)
    select ${ctx.clock.now().toISOString()}::timestamptz, r.user_id, r.user_name, r.org_id, r.org_name, r.action, r.entity,
           r.entity_id, r.summary, r.before, r.after, r.ip
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(user_id bigint, user_name text, org_id bigint,
           org_name text, action text, entity text, entity_id text, summary text, before jsonb, after jsonb, ip text)`;
}

/** Only the fields that changed, as two objects: what the office reads in the audit search. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) {
      b[k] = before[k];
      a[k] = v;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** How many ids or rows a set-based change keeps in its audit row besides the count and totals. */
export const AUDIT_SAMPLE = 20;

/**
 * A change over many houses (a range, shares, imported rows) is recorded compactly: how many, and
 * the first few, so one audit row never carries thousands of entries.
 */
export function bounded<T>(list: readonly T[], limit = AUDIT_SAMPLE): { count: number; sample: T[]; more?: number } {
  return list.length > limit
    ? { count: list.length, sample: list.slice(0, limit), more: list.length - limit }
    : { count: list.length, sample: [...list] };
}
