import { and, eq } from 'drizzle-orm';
import { projectNotices } from '../../db/schema/index.ts';
import { CHOICE_LABELS } from '../../domain/vote.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { type ExportColumn, listWorkbook } from '../../lib/xlsx-export.ts';
import { loadProject, readerActor } from './access.ts';
import { noticeListPage, rangePage } from './range.ts';
import { listProjects, type ProjectListQuery } from './summary.ts';
import { voteSheet } from './vote.ts';

/** Exports read every row at once: a 20,000-house area's list is one sheet, well within Excel. */
const ALL = 100_000;

type ListHouse = Awaited<ReturnType<typeof rangePage>>['items'][number];

const houseColumns = (shareTitle: string): ExportColumn<ListHouse>[] => [
  { header: '楼幢', value: (h) => h.building },
  { header: '单元', value: (h) => h.unit },
  { header: '房号', value: (h) => h.room },
  { header: '坐落', width: 40, value: (h) => h.address },
  { header: '业主', width: 24, value: (h) => h.owners },
  { header: '建筑面积（㎡）', area: true, value: (h) => h.buildingArea },
  { header: shareTitle, width: 18, fen: true, value: (h) => h.share },
];

/** 合并分摊清册 as Excel: each house of the range with its total share over every item. */
export async function mergedListWorkbook(ctx: Ctx, projectId: number) {
  await loadProject(ctx.db, readerActor(ctx), projectId);
  const list = await rangePage(ctx.db, projectId, 1, ALL);
  return listWorkbook('合并分摊清册', houseColumns('分摊金额（元）'), list.items, {
    0: '合计',
    5: list.totalArea,
    6: list.totalShare,
  });
}

/** A published notice's 预算清册 or 决算清册 as Excel: the list as posted, not as the project holds it now. */
export async function noticeListWorkbook(ctx: Ctx, projectId: number, noticeNo: string) {
  await loadProject(ctx.db, readerActor(ctx), projectId);
  const [n] = await ctx.db
    .select({ id: projectNotices.id, kind: projectNotices.kind })
    .from(projectNotices)
    .where(and(eq(projectNotices.projectId, projectId), eq(projectNotices.no, noticeNo.trim().toUpperCase())));
  if (!n) throw notFound(`公示 ${noticeNo}`);
  const list = await noticeListPage(ctx.db, n.id, 1, ALL);
  const final = n.kind === 'acceptance';
  return {
    name: final ? '决算清册' : '预算清册',
    body: await listWorkbook(final ? '决算清册' : '预算清册', houseColumns(final ? '决算分摊金额（元）' : '分摊金额（元）'), list.items, {
      0: '合计',
      5: list.totalArea,
      6: list.totalShare,
    }),
  };
}

/** 表决结果 as Excel: every house of the range with its owners, area and the recorded choice. */
export async function voteResultWorkbook(ctx: Ctx, projectId: number) {
  const sheet = await voteSheet(ctx, projectId, 1, ALL);
  type Row = (typeof sheet.items)[number];
  const columns: ExportColumn<Row>[] = [
    { header: '楼幢', value: (h) => h.building },
    { header: '单元', value: (h) => h.unit },
    { header: '房号', value: (h) => h.room },
    { header: '业主', width: 24, value: (h) => h.owners },
    { header: '建筑面积（㎡）', area: true, value: (h) => h.buildingArea },
    { header: '表决意见', value: (h) => (h.choice ? (CHOICE_LABELS[h.choice as keyof typeof CHOICE_LABELS] ?? h.choice) : '未表决') },
    // which houses voted online (their choice shows once the electronic vote has ended).
    { header: '表决方式', value: (h) => (h.online ? '网上投票' : h.choice ? '纸质表决票' : '') },
  ];
  return listWorkbook('表决结果', columns, sheet.items, { 0: '合计', 4: sheet.rangeArea });
}

/** 维修项目列表 as Excel, with the list's own filters. */
export async function projectListWorkbook(ctx: Ctx, q: Omit<ProjectListQuery, 'page' | 'pageSize'>) {
  const list = await listProjects(ctx, { ...q, page: 1, pageSize: ALL });
  type Row = (typeof list.items)[number];
  const columns: ExportColumn<Row>[] = [
    { header: '项目编号', width: 20, value: (p) => p.no },
    { header: '项目名称', width: 32, value: (p) => p.name },
    { header: '物业区域', width: 18, value: (p) => p.areaName },
    { header: '类型', value: (p) => p.typeLabel },
    { header: '阶段', value: (p) => p.stageLabel },
    { header: '预算（元）', width: 16, fen: true, value: (p) => p.budgetTotal },
    { header: '结算（元）', width: 16, fen: true, value: (p) => p.settlementAmount },
    { header: '已划转（元）', width: 16, fen: true, value: (p) => p.transferred },
    { header: '已清退（元）', width: 16, fen: true, value: (p) => p.refunded },
  ];
  return listWorkbook('维修项目列表', columns, list.items);
}
