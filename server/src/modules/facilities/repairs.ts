import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { facilityRepairRecords, projectItems, repairProjects } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { readableFacility } from './access.ts';

const STATUS_LABELS = { draft: '编制中', submitted: '立项申请中', approved: '已立项', completed: '已完成', cancelled: '已撤销' } as const;

/**
 * F-31 维修记录: the repairs recorded when projects completed, newest first, and the projects
 * under way that include the facility (not yet records: their amounts are still budgets).
 */
export async function repairRecords(ctx: Ctx, facilityId: number) {
  await readableFacility(ctx.db, ctx, facilityId);
  const [records, ongoing] = await Promise.all([
    ctx.db
      .select()
      .from(facilityRepairRecords)
      .where(eq(facilityRepairRecords.facilityId, facilityId))
      .orderBy(desc(facilityRepairRecords.repairDate), desc(facilityRepairRecords.id)),
    ctx.db
      .select({
        projectId: repairProjects.id,
        projectNo: repairProjects.no,
        projectName: repairProjects.name,
        status: repairProjects.status,
        content: projectItems.content,
        budget: projectItems.budget,
      })
      .from(projectItems)
      .innerJoin(repairProjects, eq(repairProjects.id, projectItems.projectId))
      .where(and(eq(projectItems.facilityId, facilityId), ne(repairProjects.status, 'completed'), ne(repairProjects.status, 'cancelled')))
      .orderBy(asc(repairProjects.id)),
  ]);
  return {
    items: records.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      projectNo: r.projectNo,
      projectName: r.projectName,
      repairDate: r.repairDate,
      content: r.content,
      amount: Number(r.amount),
    })),
    ongoing: ongoing.map((p) => ({ ...p, statusLabel: STATUS_LABELS[p.status], budget: Number(p.budget) })),
  };
}
