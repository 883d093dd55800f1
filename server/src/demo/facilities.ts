import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { buildings, facilities, facilityRepairRecords, facilityTypes, units } from '../db/schema/index.ts';

interface DemoFacility {
  type: string;
  name: string;
  brandModel: string;
  installDate: string;
  quantity: number;
  remark?: string;
  /** Repairs made before the platform, so 维修记录 (F-31) has something to show. */
  repairs?: { projectName: string; repairDate: string; content: string; amount: bigint }[];
}

const SHARED: DemoFacility[] = [
  { type: '大门', name: '小区正门电动伸缩门', brandModel: '金盾 JD-8', installDate: '2016-08-01', quantity: 1, remark: '建设路入口' },
  { type: '大门', name: '人行门禁闸机', brandModel: '海康威视 DS-K3G411', installDate: '2019-05-20', quantity: 4 },
  { type: '道路', name: '小区主干道', brandModel: '沥青混凝土', installDate: '2016-08-01', quantity: 1, remark: '约 1,200 平方米' },
  { type: '绿化', name: '中心花园', brandModel: '', installDate: '2016-08-01', quantity: 1 },
  { type: '安防监控', name: '视频监控系统', brandModel: '海康威视 iVMS-4200', installDate: '2016-08-01', quantity: 64 },
  {
    type: '消防设施',
    name: '消防水泵房',
    brandModel: '上海连成 XBD',
    installDate: '2016-08-01',
    quantity: 1,
    repairs: [{ projectName: '消防水泵更换', repairDate: '2022-07-15', content: '更换 2 台消防水泵及控制柜', amount: 8_650_000n }],
  },
  { type: '供电', name: '10kV 配电房', brandModel: '施耐德 SM6', installDate: '2016-08-01', quantity: 1 },
  { type: '二次供水', name: '生活水泵房及水箱', brandModel: '格兰富 Hydro MPC', installDate: '2016-08-01', quantity: 1 },
  { type: '给排水', name: '雨污水管网', brandModel: 'HDPE 双壁波纹管', installDate: '2016-08-01', quantity: 1 },
];

const PER_TOWER: DemoFacility[] = [
  {
    type: '屋面',
    name: '屋面防水层',
    brandModel: 'SBS 改性沥青卷材',
    installDate: '2016-08-01',
    quantity: 1,
    repairs: [{ projectName: '屋面防水翻新', repairDate: '2021-05-10', content: '屋面局部渗漏处理，重做防水层', amount: 3_280_000n }],
  },
  { type: '外墙', name: '外墙饰面', brandModel: '真石漆', installDate: '2016-08-01', quantity: 1 },
];

const PER_UNIT: DemoFacility[] = [
  { type: '电梯', name: '1号客梯', brandModel: '日立 HGP-1000', installDate: '2016-08-01', quantity: 1 },
  { type: '电梯', name: '2号客梯', brandModel: '日立 HGP-1000', installDate: '2016-08-01', quantity: 1 },
  { type: '消防设施', name: '室内消火栓', brandModel: 'SN65', installDate: '2016-08-01', quantity: 18 },
  { type: '消防设施', name: '楼梯间防火门', brandModel: '乙级钢质防火门', installDate: '2016-08-01', quantity: 36 },
];

const CAR_PARK: DemoFacility[] = [
  { type: '消防设施', name: '自动喷水灭火系统', brandModel: 'ZSTZ-15', installDate: '2016-08-01', quantity: 1 },
  { type: '其他', name: '排风排烟系统', brandModel: '', installDate: '2016-08-01', quantity: 6 },
];

/** The facilities of 侨城花园 (§10 demo data): shared ones, each tower's roof and walls, each unit's lifts and fire equipment. */
export async function seedDemoFacilities(tx: Tx, areaId: number, committeeOrgId: number, now: Date): Promise<void> {
  const types = new Map((await tx.select().from(facilityTypes)).map((t) => [t.name, t.id]));
  const towers = await tx.select().from(buildings).where(eq(buildings.areaId, areaId)).orderBy(asc(buildings.id));
  // Only the towers have units with a name; the car park's facilities are not modelled here.
  const named = (
    await tx
      .select()
      .from(units)
      .where(
        inArray(
          units.buildingId,
          towers.map((t) => t.id),
        ),
      )
      .orderBy(asc(units.buildingId), asc(units.name))
  ).filter((u) => u.name !== '');
  const rows: { f: DemoFacility; buildingId: number | null; unitId: number | null }[] = [];
  for (const f of SHARED) rows.push({ f, buildingId: null, unitId: null });
  for (const t of towers) {
    const ownUnits = named.filter((u) => u.buildingId === t.id);
    // A building without units is the car park.
    for (const f of ownUnits.length > 0 ? PER_TOWER : CAR_PARK) rows.push({ f, buildingId: t.id, unitId: null });
    for (const u of ownUnits) for (const f of PER_UNIT) rows.push({ f, buildingId: t.id, unitId: u.id });
  }
  const inserted = await tx
    .insert(facilities)
    .values(
      rows.map(({ f, buildingId, unitId }) => {
        const typeId = types.get(f.type);
        if (typeId === undefined) throw new Error(`demo facility type ${f.type} missing`);
        return {
          areaId,
          buildingId,
          unitId,
          typeId,
          name: f.name,
          brandModel: f.brandModel,
          installDate: f.installDate,
          quantity: f.quantity,
          remark: f.remark ?? '',
          createdAt: now,
          updatedAt: now,
          createdByOrgId: committeeOrgId,
        };
      }),
    )
    .returning({ id: facilities.id });
  const records = rows.flatMap(({ f }, i) =>
    (f.repairs ?? []).map((r) => ({ ...r, facilityId: inserted[i]?.id as number, createdAt: now })),
  );
  // Only the first tower's roof was repaired; one record per repair, not per tower.
  const seen = new Set<string>();
  const once = records.filter((r) => !seen.has(r.projectName) && seen.add(r.projectName));
  if (once.length > 0) await tx.insert(facilityRepairRecords).values(once);
}
