import type { Conn } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';
import { audit } from '../audit/audit.ts';
import { getSettings } from '../settings/store.ts';

export interface ProjectSettings {
  voteRule: 'civil-code-2021' | 'double-two-thirds';
  projectNoticeMinDays: number;
  acceptanceFirstPercent: number;
}

/** The settings in force, for any caller that needs to explain a rule (the project page shows them). */
export async function readProjectSettings(db: Conn): Promise<ProjectSettings> {
  return getSettings(db, ['voteRule', 'projectNoticeMinDays', 'acceptanceFirstPercent']);
}

/** F-62: the vote rule, the minimum notice period (F-41) and the R-46 percentage. */
export async function projectSettings(ctx: Ctx) {
  requirePermission(ctx, 'office.orgs');
  return readProjectSettings(ctx.db);
}

/** F-62: changes apply to what is done after them; every change is audited with old and new values. */
export async function saveProjectSettings(ctx: Ctx, input: ProjectSettings) {
  const actor = requirePermission(ctx, 'office.config');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await readProjectSettings(tx);
    for (const [key, value] of Object.entries(input)) {
      await tx
        .insert(settings)
        .values({ key, value, updatedAt: now, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, updatedBy: actor.userId } });
    }
    await audit(tx, ctx, {
      action: 'config.project-settings',
      entity: 'settings',
      entityId: 'projects',
      summary: `维修项目参数：表决规则 ${input.voteRule}，最短公示期 ${input.projectNoticeMinDays} 日，验收前拨付上限 ${input.acceptanceFirstPercent}%`,
      before,
      after: input,
    });
  });
  return readProjectSettings(ctx.db);
}
