import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import type { ProjectStage } from '../../domain/project-stage.ts';
import { STATUS_LABELS, TYPE_LABELS } from './access.ts';
import type { ProjectStatus, ProjectType } from '../../db/schema/index.ts';
import { storedStage } from './summary.ts';

/**
 * F-72 per-area project list: every project that has published a notice (a draft nobody has seen
 * stays private), with the stage the committee's own list shows and its money. No login.
 */
export async function publicAreaProjects(ctx: Ctx, areaId: number) {
  const rows = await rowsOf<{
    id: string;
    no: string;
    name: string;
    type: ProjectType;
    status: ProjectStatus;
    stage: ProjectStage;
    stage_until: string | null;
    stage_next: ProjectStage | null;
    budget: string;
    settlement: string | null;
    transferred: string;
    refunded: string;
    first_notice: Date | string;
  }>(
    ctx.db,
    sql`select p.id::text as id, p.no, p.name, p.type, p.status, p.stage, p.stage_until, p.stage_next, p.budget_total::text as budget, p.settlement_amount::text as settlement,
        (select coalesce(sum(amount), 0) from project_requests r where r.project_id = p.id and r.kind = 'disbursement' and r.status = 'confirmed')::text as transferred,
        (select coalesce(sum(amount), 0) from project_requests r where r.project_id = p.id and r.kind = 'refund' and r.status = 'confirmed')::text as refunded,
        (select min(published_at) from project_notices n where n.project_id = p.id) as first_notice
      from repair_projects p
      where p.area_id = ${areaId} and exists (select 1 from project_notices n where n.project_id = p.id)
      order by first_notice desc, p.id desc`,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      no: r.no,
      name: r.name,
      type: r.type,
      typeLabel: TYPE_LABELS[r.type],
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      ...storedStage(ctx, { stage: r.stage, stageUntil: r.stage_until, stageNext: r.stage_next }),
      budgetTotal: Number(r.budget),
      settlementAmount: r.settlement === null ? null : Number(r.settlement),
      transferred: Number(r.transferred),
      refunded: Number(r.refunded),
      firstNoticeAt: new Date(r.first_notice),
    })),
  };
}
