import { businessDate } from '../lib/clock.ts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import { buildings, facilities, organisations, ownerMessages, projectNotices, propertyAreas, repairProjects } from '../db/schema/index.ts';
import type { Actor, Ctx } from '../lib/context.ts';
import { actorOf } from '../modules/auth/sessions.ts';
import { submitApproval } from '../modules/projects/approval.ts';
import { confirmProjectMoney } from '../modules/projects/bank.ts';
import { applyDisbursement } from '../modules/projects/disbursement.ts';
import { addProjectDocument, DOCUMENT_STEP_KINDS, type DocumentStep } from '../modules/projects/documents.ts';
import { solidPng } from './png.ts';
import { apportionBudgets, createProject, saveItems, savePlan } from '../modules/projects/editor.ts';
import { storeStage } from '../modules/projects/actions.ts';
import { phasesOf } from '../modules/projects/facts.ts';
import { publishNotice } from '../modules/projects/notices.ts';
import { projectRange } from '../modules/projects/range.ts';
import { acceptRequest, approveRequest } from '../modules/projects/review.ts';
import { getSetting } from '../modules/settings/store.ts';
import { recordVote } from '../modules/projects/vote.ts';
import { openEvote } from '../modules/evote/service.ts';
import { redateEvents } from '../modules/workflow/events.ts';

const DAY = 24 * 3600_000;
const isoDay = businessDate;

/**
 * Repair projects of 侨城花园, made through the same use cases as real ones: a general project of
 * 1栋's roof whose notice went up four weeks ago, voted, approved and with its first phase
 * transferred; an emergency project of 2栋's walls waiting for the office to accept its approval
 * application; a three-phase general project of 6栋 and a simple one of a 1栋 lift, both past their
 * notice periods with the vote to enter; one of 1栋 1单元's fire doors whose electronic vote is open
 * for two more weeks; and a draft of the lifts of 3栋 being prepared.
 */
export async function seedDemoProjects(handle: DbHandle, now: Date) {
  const db = handle.db;
  const [area] = await db.select().from(propertyAreas).where(eq(propertyAreas.name, '侨城花园'));
  if (!area) return;
  const [bank] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'ICBCJM'));
  const member = await actorOf(db, 'QCHYYWH', 'weiyuan');
  const acceptor = await actorOf(db, 'JMWXZJ', 'shouli');
  // The window receives every document F-62 asks for.
  const docs = await getSetting(db, 'requiredDocuments');
  const reviewer = await actorOf(db, 'JMWXZJ', 'shenhe');
  const teller = await actorOf(db, 'ICBCJM', 'teller01');
  // The loader's own writes (audit rows included) follow each other a second apart after the rest of
  // the demo city, so the audit log stays in order; the business dates of the story are set below.
  let tick = 0;
  const at = (actor: Actor): Ctx => {
    const when = new Date(now.getTime() + ++tick * 1000);
    return { db, dbKind: handle.kind, clock: { now: () => when }, actor, ip: 'demo' };
  };
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  // The committee scans one page for each 要件 the office asks for with the step (F-62), as it must before submitting.
  const scan = async (projectId: number, step: DocumentStep, names: readonly string[]) => {
    for (const [i, name] of names.entries()) {
      const bytes = solidPng(420, 594, [235 - i * 12, 238 - i * 6, 242]);
      await addProjectDocument(at(member), projectId, DOCUMENT_STEP_KINDS[step], name, { fileName: `${name}.png`, bytes });
    }
  };
  const facility = async (building: string, name: string) => {
    const [b] = await db
      .select({ id: buildings.id })
      .from(buildings)
      .where(and(eq(buildings.areaId, area.id), eq(buildings.name, building)));
    const [f] = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(and(eq(facilities.buildingId, b?.id as number), eq(facilities.name, name), isNull(facilities.unitId)));
    return f?.id as number;
  };
  const lift = async (building: string) => {
    const [b] = await db
      .select({ id: buildings.id })
      .from(buildings)
      .where(and(eq(buildings.areaId, area.id), eq(buildings.name, building)));
    const [f] = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(and(eq(facilities.buildingId, b?.id as number), eq(facilities.name, '1号客梯')));
    return f?.id as number;
  };

  /** The facility named `name` of the unit another facility belongs to. */
  const sameUnitFacility = async (facilityId: number, name: string) => {
    const [of] = await db.select({ unitId: facilities.unitId }).from(facilities).where(eq(facilities.id, facilityId));
    const [f] = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(and(eq(facilities.unitId, of?.unitId as number), eq(facilities.name, name)));
    return f?.id as number;
  };

  /** Moves a project's creation and initiation notice `days` back, its notice period over eight days later. */
  const backdate = async (projectId: number, days: number) => {
    await db
      .update(projectNotices)
      .set({ publishedAt: ago(days - 1), deadline: isoDay(ago(days - 9)) })
      .where(eq(projectNotices.projectId, projectId));
    // The owners' messages of the notice (F-83) name the deadline the notice now has.
    await db
      .update(ownerMessages)
      .set({ body: sql`replace(${ownerMessages.body}, ${inDays(8)}, ${isoDay(ago(days - 9))})` })
      .where(and(eq(ownerMessages.projectId, projectId), eq(ownerMessages.kind, 'project.notice')));
    await db
      .update(repairProjects)
      .set({ createdAt: ago(days) })
      .where(eq(repairProjects.id, projectId));
    await redateEvents(db, { projectId }, ['notice.initiation'], ago(days - 1));
    await redateEvents(db, { projectId }, ['create', 'apportion'], ago(days));
    // The stored stage ends the notice on its deadline: it moves with the notice.
    const ctx = at(member);
    await db.transaction((tx) => storeStage(tx, ctx, projectId));
  };

  const inDays = (days: number) => isoDay(new Date(now.getTime() + days * DAY));

  /**
   * A project as the committee prepares it: created, its items budgeted and apportioned, its plan,
   * and — when `noticedDaysAgo` is given — its initiation notice, posted that many days ago.
   */
  const prepare = async (d: {
    type: 'general' | 'emergency' | 'simple';
    name: string;
    description: string;
    period: [string, string] | null;
    items: { facilityId: number; content: string; contractor: string; remark?: string; budget: bigint }[];
    plan?: { amount: bigint; condition: string }[];
    notice?: { content: string; daysAgo?: number };
  }) => {
    const p = await createProject(at(member), {
      type: d.type,
      name: d.name,
      description: d.description,
      periodFrom: d.period?.[0] ?? null,
      periodTo: d.period?.[1] ?? null,
    });
    await saveItems(
      at(member),
      p.id,
      d.items.map((i) => ({ ...i, remark: i.remark ?? '' })),
    );
    if (d.items.some((i) => i.budget > 0n)) await apportionBudgets(at(member), p.id);
    if (d.plan) await savePlan(at(member), p.id, d.plan);
    if (d.notice) {
      await publishNotice(at(member), p.id, { kind: 'initiation', deadline: inDays(8), content: d.notice.content });
      if (d.notice.daysAgo) await backdate(p.id, d.notice.daysAgo);
    }
    return p;
  };

  // General project: its notice went up four weeks ago and the period is over, so the vote and the
  // approval that follow were possible; its first phase was transferred today.
  const roof = await prepare({
    type: 'general',
    name: '1栋屋面防水翻新',
    description: '1栋屋面多处渗漏，顶层住户反映天花渗水，拟整体翻新屋面防水层。',
    period: [isoDay(ago(10)), inDays(50)],
    items: [
      {
        facilityId: await facility('1栋', '屋面防水层'),
        content: '铲除原防水层，重做 SBS 改性沥青卷材防水两道及保护层',
        contractor: '江门市建安防水工程有限公司',
        budget: 18_600_000n,
      },
    ],
    plan: [
      { amount: 9_300_000n, condition: '材料进场、开工后拨付 50%' },
      { amount: 9_300_000n, condition: '竣工验收合格并公示后拨付余款' },
    ],
    notice: { content: '请各位业主监督，并于公示期内参加表决。', daysAgo: 30 },
  });
  const range = await projectRange(db, roof.id);
  await recordVote(at(member), roof.id, {
    mode: 'houses',
    ballots: range.filter((_, i) => i % 12 !== 11).map((h, i) => ({ houseId: h.houseId, choice: i % 15 === 0 ? 'oppose' : 'agree' })),
  });
  await scan(roof.id, 'approval', docs['project.approval.general']);
  const approval = await submitApproval(at(member), roof.id, { payees: [], note: '施工合同已签订' });
  await acceptRequest(at(acceptor), approval.id, '施工合同原件已核验', docs['project.approval.general']);
  await approveRequest(at(reviewer), approval.id);
  const phases = await phasesOf(db, roof.id);
  const first = phases.find((p) => p.seq === 1);
  const payees = [
    {
      unitName: '江门市建安防水工程有限公司',
      accountName: '江门市建安防水工程有限公司',
      bankName: '中国工商银行江门分行营业部',
      accountNo: '2012002019200654321',
      amount: 9_300_000n,
    },
  ];
  await scan(roof.id, 'disbursement', docs['project.disbursement']);
  const disbursement = await applyDisbursement(at(member), roof.id, { phaseId: first?.id as number, payees, note: '第一期' });
  await acceptRequest(at(acceptor), disbursement.id, '', docs['project.disbursement']);
  await approveRequest(at(reviewer), disbursement.id);
  await confirmProjectMoney(
    at(teller),
    'transfer',
    bank?.id as number,
    teller.userId,
    { number: disbursement.no, amount: 9_300_000n, bankRef: 'DEMOZZ000001', bankDate: isoDay(now) },
    'workspace',
  );

  // Emergency project: notice published, approval application waiting at the office window.
  const walls = await prepare({
    type: 'emergency',
    name: '2栋外墙饰面脱落应急处理',
    description: '2栋外墙真石漆大面积空鼓脱落，危及行人安全，需紧急处理。',
    period: [isoDay(ago(2)), inDays(20)],
    items: [
      {
        facilityId: await facility('2栋', '外墙饰面'),
        content: '搭设防护棚，铲除空鼓饰面，重做外墙涂料',
        contractor: '江门市安居建筑工程有限公司',
        remark: '已设置警戒区',
        budget: 4_200_000n,
      },
    ],
    plan: [
      { amount: 2_520_000n, condition: '进场后拨付 60%' },
      { amount: 1_680_000n, condition: '验收合格后拨付余款' },
    ],
    notice: { content: '紧急维修，先行施工。' },
  });
  await scan(walls.id, 'approval', docs['project.approval.emergency']);
  await submitApproval(at(member), walls.id, { payees: [], note: '附现场照片' });

  // General project in three phases: its notice went up three weeks ago and the period is over;
  // the signed vote sheets are being counted, so 录入投票表决结果 is the next step.
  const fabric = await prepare({
    type: 'general',
    name: '6栋屋面及外墙综合维修',
    description: '6栋屋面渗漏、外墙空鼓，拟一并维修，分三期拨付。',
    period: [isoDay(now), inDays(90)],
    items: [
      {
        facilityId: await facility('6栋', '屋面防水层'),
        content: '屋面防水层整体翻新',
        contractor: '江门市建安防水工程有限公司',
        budget: 12_000_000n,
      },
      {
        facilityId: await facility('6栋', '外墙饰面'),
        content: '外墙空鼓铲除，重做真石漆',
        contractor: '江门市安居建筑工程有限公司',
        remark: '需搭设吊篮',
        budget: 9_000_000n,
      },
    ],
    plan: [
      { amount: 6_300_000n, condition: '材料进场、开工后拨付 30%' },
      { amount: 6_300_000n, condition: '主体工程完工后拨付 30%' },
      { amount: 8_400_000n, condition: '竣工验收合格并公示后拨付余款' },
    ],
    notice: { content: '请各位业主监督，并于公示期内参加表决。', daysAgo: 21 },
  });

  // Simple project of a 1栋 lift: notice over, vote still to be entered; it is paid in one go after
  // acceptance.
  const rope = await prepare({
    type: 'simple',
    name: '1栋1号客梯钢丝绳更换',
    description: '年检指出曳引钢丝绳磨损超标，需整体更换。',
    period: [isoDay(now), inDays(15)],
    items: [
      {
        facilityId: await lift('1栋'),
        content: '更换曳引钢丝绳 6 根及绳头组合',
        contractor: '日立电梯（中国）有限公司江门分公司',
        budget: 2_880_000n,
      },
    ],
    notice: { content: '简单拨付维修项目，请业主监督并参加表决。', daysAgo: 16 },
  });

  // A draft being prepared.
  const lifts = await prepare({
    type: 'general',
    name: '3栋电梯曳引机更换',
    description: '3栋 1 号客梯曳引机老化，年检提出整改。',
    period: null,
    items: [{ facilityId: await lift('3栋'), content: '更换曳引机及钢丝绳', contractor: '日立电梯（中国）有限公司江门分公司', budget: 0n }],
  });
  // General project of 1栋 1单元's fire doors (the unit of the demo owners), its notice up five days:
  // the committee opened an electronic vote (F-82) running two more weeks, so a demo owner can vote at once.
  const doors = await prepare({
    type: 'general',
    name: '1栋1单元楼梯间防火门更换',
    description: '消防检查指出 1栋1单元部分楼梯间防火门闭门器失效、门体变形，需整体更换。',
    period: [inDays(20), inDays(50)],
    items: [
      {
        facilityId: await sameUnitFacility(await lift('1栋'), '楼梯间防火门'),
        content: '更换乙级钢质防火门 36 樘及闭门器',
        contractor: '江门市安居建筑工程有限公司',
        budget: 1_620_000n,
      },
    ],
    plan: [{ amount: 1_620_000n, condition: '竣工验收合格并公示后一次拨付' }],
    notice: { content: '请各位业主监督；本次表决可在业主门户网上投票，也可填写纸质表决票。', daysAgo: 5 },
  });
  const opening = at(member);
  // Opened an hour before the demo city was loaded, so it takes ballots from the first minute.
  await openEvote(opening, doors.id, { opensAt: new Date(now.getTime() - 3600_000), closesAt: new Date(now.getTime() + 14 * DAY) });

  return { roof: roof.id, walls: walls.id, fabric: fabric.id, rope: rope.id, doors: doors.id, lifts: lifts.id };
}
