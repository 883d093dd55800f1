import { eq } from 'drizzle-orm';
import { organisations } from '../../db/schema/index.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../audit/audit.ts';
import { loadOrgView } from './view.ts';

const FIELD_LABELS: Record<keyof OrgDetailsInput, string> = {
  name: '机构名称',
  contactPerson: '联系人',
  phone: '联系电话',
  address: '地址',
  legalRepresentative: '法定代表人（负责人）',
};

export interface OrgDetailsInput {
  name: string;
  contactPerson: string;
  phone: string;
  address: string;
  legalRepresentative: string;
}

/** F-2 信息变更: effective on save, no review; the audit row keeps the old and new values. */
export async function changeOwnInfo(ctx: Ctx, input: OrgDetailsInput) {
  const actor = requirePermission(ctx, 'org.info');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId)).for('update');
    if (!before) throw new Error('own organisation vanished');
    const diff = changedFields(before, input);
    if (!diff.changed) return;
    await tx
      .update(organisations)
      .set({ ...input, updatedAt: ctx.clock.now() })
      .where(eq(organisations.id, actor.orgId));
    await audit(tx, ctx, {
      action: 'org.update',
      entity: 'organisation',
      entityId: actor.orgId,
      summary: `信息变更：${Object.keys(diff.after)
        .map((k) => FIELD_LABELS[k as keyof OrgDetailsInput] ?? k)
        .join('、')}`,
      before: diff.before,
      after: diff.after,
    });
  });
  return loadOrgView(ctx.db, actor.orgId);
}
