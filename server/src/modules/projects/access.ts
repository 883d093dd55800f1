import { eq } from 'drizzle-orm';
import type { Conn, Tx } from '../../db/client.ts';
import { type ProjectStatus, repairProjects } from '../../db/schema/index.ts';
import { type Actor, type Ctx, requireActor, requirePermission } from '../../lib/context.ts';
import type { Permission } from '../../domain/roles.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { storeStage } from './actions.ts';
import { committeeArea } from '../registry/access.ts';

export type ProjectRow = typeof repairProjects.$inferSelect;

export const TYPE_LABELS = { general: '一般维修项目', emergency: '紧急维修项目', simple: '简单拨付维修项目' } as const;
export const STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '编辑中',
  submitted: '立项申请审核中',
  approved: '已立项',
  completed: '已完成',
  cancelled: '已撤销',
};

/** The project's page in the committee's workspace (messages link to it). */
export const projectPagePath = (id: number) => `/repair/projects/${id}`;

/**
 * A committee sees only its own area's projects, the office all of them; anyone else — and any
 * other committee — is told the project does not exist (SPEC §10).
 */
export async function loadProject(db: Conn, actor: Actor, id: number, lock = false): Promise<ProjectRow> {
  const q = db.select().from(repairProjects).where(eq(repairProjects.id, id));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw notFound('维修项目');
  if (actor.orgType === 'office') return p;
  if (actor.orgType === 'committee' && (await committeeArea(db, actor)) === p.areaId) return p;
  throw notFound('维修项目');
}

/** A committee user with the permission, acting on its own project. */
export function committeeActor(ctx: Ctx, permission: Permission = 'project.edit'): Actor {
  const actor = requirePermission(ctx, permission);
  if (actor.orgType !== 'committee') throw notFound('维修项目');
  return actor;
}

export function readerActor(ctx: Ctx): Actor {
  const actor = requireActor(ctx);
  if (actor.orgType !== 'committee' && actor.orgType !== 'office') throw notFound('维修项目');
  return actor;
}

export function requireProjectStatus(p: ProjectRow, allowed: ProjectStatus[], doing: string) {
  if (!allowed.includes(p.status)) {
    throw new AppError(409, 'PROJECT_STATUS', `维修项目 ${p.no} 当前状态为“${STATUS_LABELS[p.status]}”，不能${doing}`);
  }
}

/** F-40 step 7: everything stays editable until the approval application is submitted. */
export function requireEditable(p: ProjectRow) {
  if (p.status !== 'draft') {
    throw new AppError(409, 'PROJECT_FROZEN', `维修项目 ${p.no} 的立项申请已提交（${STATUS_LABELS[p.status]}），项目内容不能再修改`);
  }
}

/** Every step that changes a project ends here: the change, its time, and the stage it leads to. */
export async function touch(tx: Tx, ctx: Ctx, id: number, set: Partial<typeof repairProjects.$inferInsert> = {}) {
  await tx
    .update(repairProjects)
    .set({ ...set, updatedAt: ctx.clock.now() })
    .where(eq(repairProjects.id, id));
  await storeStage(tx, ctx, id);
}
