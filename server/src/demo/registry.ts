import type { Tx } from '../db/client.ts';
import type { StandardRow } from '../domain/deposit-standard.ts';
import { insertBuildings, insertHouses, type NewBuilding, type NewHouse } from '../modules/registry/bulk.ts';
import { idNumber, mobile, personName, prng } from './people.ts';

interface AreaPlan {
  towers: number;
  floors: number;
  unitsPerTower: number;
  roomsPerFloor: number;
  builtYear: number;
  parking: number;
  street: string;
}

export const DEMO_AREA_PLANS: Record<string, AreaPlan> = {
  侨城花园: {
    towers: 6,
    floors: 18,
    unitsPerTower: 2,
    roomsPerFloor: 4,
    builtYear: 2016,
    parking: 150,
    street: '江门市蓬江区建设路 88 号',
  },
  江景豪庭: {
    towers: 4,
    floors: 25,
    unitsPerTower: 2,
    roomsPerFloor: 4,
    builtYear: 2021,
    parking: 100,
    street: '江门市江海区五邑路 168 号',
  },
};

/** Towers with two units of four flats a floor, and an underground car park of parking spaces. */
export function demoAreaLayout(name: string, plan: AreaPlan, depositTiming: string, seed: number) {
  const rand = prng(seed);
  const buildingsList: NewBuilding[] = [];
  const housesList: NewHouse[] = [];
  const owners = () =>
    Array.from({ length: rand() < 0.3 ? 2 : 1 }, () => ({
      name: personName(rand),
      idType: '居民身份证' as const,
      idNumber: idNumber(rand),
      phone: mobile(rand),
    }));
  for (let t = 1; t <= plan.towers; t++) {
    const building = `${t}栋`;
    buildingsList.push({
      name: building,
      floorsAbove: plan.floors,
      floorsBelow: 1,
      builtYear: plan.builtYear,
      structure: '钢筋混凝土结构',
      elevator: true,
    });
    for (let u = 1; u <= plan.unitsPerTower; u++) {
      for (let f = 1; f <= plan.floors; f++) {
        for (let r = 1; r <= plan.roomsPerFloor; r++) {
          const room = `${f}${String(r + (u - 1) * plan.roomsPerFloor).padStart(2, '0')}`;
          const sold = rand() < 0.92;
          const area = r === 1 || r === plan.roomsPerFloor ? 11000 + Math.floor(rand() * 3000) : 8000 + Math.floor(rand() * 2000);
          housesList.push({
            building,
            unit: `${u}单元`,
            floor: f,
            room,
            address: `${plan.street}${name}${building}${u}单元${room}房`,
            buildingArea: area,
            innerArea: Math.floor(area * 0.82),
            use: f === 1 && r === 1 && t === 1 ? '商业' : '住宅',
            elevator: true,
            salesStatus: sold ? 'sold' : 'unsold',
            depositTiming,
            owners: sold ? owners() : [],
          });
        }
      }
    }
  }
  const garage = '地下车库';
  buildingsList.push({
    name: garage,
    floorsAbove: 0,
    floorsBelow: 1,
    builtYear: plan.builtYear,
    structure: '钢筋混凝土结构',
    elevator: false,
  });
  for (let p = 1; p <= plan.parking; p++) {
    const sold = rand() < 0.7;
    const room = `B${String(p).padStart(3, '0')}`;
    housesList.push({
      building: garage,
      unit: '',
      floor: -1,
      room,
      address: `${plan.street}${name}地下车库${room}车位`,
      buildingArea: 1200 + Math.floor(rand() * 400),
      innerArea: 0,
      use: '车位',
      elevator: false,
      salesStatus: sold ? 'sold' : 'unsold',
      depositTiming,
      owners: sold ? owners() : [],
    });
  }
  return { buildings: buildingsList, houses: housesList };
}

export async function seedDemoRegistry(
  tx: Tx,
  areas: Map<string, { id: number; depositTiming: string }>,
  standards: StandardRow[],
  at: Date,
) {
  let seed = 2026;
  for (const [name, plan] of Object.entries(DEMO_AREA_PLANS)) {
    const area = areas.get(name);
    if (!area) continue;
    const layout = demoAreaLayout(name, plan, area.depositTiming, seed++);
    const ids = await insertBuildings(tx, area.id, layout.buildings, at);
    await insertHouses(tx, area.id, ids, layout.houses, standards, {
      at,
      applicationId: null,
      applicationNo: '',
      kind: 'demo',
      summary: '示例数据：物业区域采集开户',
    });
  }
}
