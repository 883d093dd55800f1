/**
 * A large area for the project benchmarks, built through the real path: its houses from an F-11 import
 * (every house sold, each with its own owner, so every house takes part in a vote), its money from the
 * developer's per-building notices (F-20) confirmed at the bank counter (F-23), and its own committee
 * (F-1, documents verified by the office) with one facility on the first building. Also the helpers
 * the project steps need: the office's users, the bank's teller, and the 要件 upload of a step.
 */
import { idNumber, prng } from '../server/src/demo/people.ts';
import { HOUSE_COLUMNS } from '../server/src/domain/house-row.ts';
import { houseTemplate } from '../server/src/modules/registry/house-import.ts';
import { committeeRegistration, file, registrationForm, smallPng, VALID_PASSWORD } from '../server/test/fixtures.ts';
import type { DemoCity, Headers } from './demo-city.ts';

const PER_BUILDING = 400;

export async function bigArea(city: DemoCity, target: number, timed: <T>(label: string, fn: () => Promise<T>) => Promise<T>) {
  const { call, login } = city;
  /** Multipart bodies for inject: let Request serialise the FormData. */
  const multipart = async (form: FormData) => {
    const req = new Request('http://x/', { method: 'POST', body: form });
    return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type') ?? '' };
  };

  const dev = await login('91440703MA4WJM001Q', 'admin');
  const office = { accept: await login('JMWXZJ', 'shouli'), review: await login('JMWXZJ', 'shenhe') };
  const teller = await login('ICBCJM', 'teller01');
  // 受理 ticks every required document of the request's type (F-62).
  const received = async (type: string) => (await call(office.accept, 'GET', `/api/required-documents?type=${type}`)).documents;
  /** The committee uploads one page for each 要件 of the step before submitting (F-62). */
  const uploadRequired = async (agent: Parameters<typeof call>[0], projectId: number, kind: string, type: string) => {
    for (const name of (await received(type)) as string[]) {
      const form = new FormData();
      form.append('file', file(smallPng(), `${name}.png`));
      const page = await multipart(form);
      const query = `kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(name)}`;
      await call(agent, 'POST', `/api/projects/${projectId}/documents?${query}`, page.body, { 'content-type': page.type });
    }
  };

  // Setup 1: the area via F-11, every house sold so every house has an owner and takes part.
  const rand = prng(10_000);
  const rows = Array.from({ length: target }, (_, i) => {
    const tower = `${Math.floor(i / PER_BUILDING) + 1}栋`;
    const unit = `${(Math.floor(i / (PER_BUILDING / 2)) % 2) + 1}单元`;
    const floor = Math.floor((i % (PER_BUILDING / 2)) / 8) + 1;
    const room = `${floor}${String((i % 8) + 1).padStart(2, '0')}`;
    const raw: Record<string, string> = {
      building: tower,
      unit,
      floor: String(floor),
      room,
      address: `江门市蓬江区基准路 2 号${tower}${unit}${room}`,
      buildingArea: `${80 + (i % 50)}.${String(i % 100).padStart(2, '0')}`,
      use: '住宅',
      elevator: '有',
      salesStatus: '已售',
      ownerName: '陈业主',
      ownerIdType: '居民身份证',
      ownerIdNumber: idNumber(rand),
    };
    return HOUSE_COLUMNS.map((c) => raw[c.key] ?? '');
  });
  const areaName = '分摊基准花园';
  const appl = await call(dev, 'POST', '/api/applications', {
    type: 'area_collection',
    form: {
      area: {
        name: areaName,
        district: '蓬江区',
        street: '',
        address: '江门市蓬江区基准路 2 号',
        depositTiming: '商品房预售前',
        remark: '',
      },
      buildings: [],
    },
  });
  const xlsx = new FormData();
  xlsx.append('file', new File([new Uint8Array(await houseTemplate(rows))], 'houses.xlsx'));
  const up = await multipart(xlsx);
  await timed(`setup: import + approve ${target} houses (F-11)`, async () => {
    await call(dev, 'POST', `/api/applications/${appl.id}/import`, up.body, { 'content-type': up.type });
    await call(dev, 'POST', `/api/applications/${appl.id}/submit`, {});
    await call(office.accept, 'POST', `/api/applications/${appl.id}/accept`, { note: '', received: await received('area_collection') });
    await call(office.review, 'POST', `/api/applications/${appl.id}/approve`, {});
  });
  const areaId = (await call(dev, 'GET', `/api/applications/${appl.id}`)).outcome.areaId as number;
  const buildingIds = ((await call(dev, 'GET', `/api/areas/${areaId}/buildings`)).items as { id: number }[]).map((b) => b.id);

  // Setup 2: the money, one developer notice per building (F-20), each confirmed by the bank.
  await timed(`setup: deposit ${buildingIds.length} building notices`, async () => {
    const { issued } = await call(dev, 'POST', '/api/notices/developer-batch', { areaId, buildingIds });
    for (const no of issued as string[]) {
      const notice = await call(dev, 'GET', `/api/notices/${no}`);
      await call(teller, 'POST', '/api/bank/deposits/confirm', {
        noticeNo: no,
        amount: notice.total,
        channel: '柜台',
        bankRef: `D-${no}`,
        bankDate: '2026-11-22',
      });
    }
  });

  // Setup 3: the area's committee (F-1) and one facility on the first building.
  const docs = { filing: file(smallPng(), '备案.png'), directorId: file(smallPng(), '身份证.png') };
  const reg = await multipart(registrationForm(committeeRegistration(areaId), docs));
  const registered = await call(null, 'POST', '/api/registration', reg.body, { 'content-type': reg.type });
  // The office checks the paper originals (F-61); until then a committee publishes nothing (§10).
  const officeAdmin = await login('JMWXZJ', 'admin');
  await call(officeAdmin, 'POST', `/api/office/organisations/${registered.orgId}/verify-documents`);
  const committee = await login('JJHTYWH', 'admin', VALID_PASSWORD);
  const types = (await call(committee, 'GET', '/api/facility-types')).items as { id: number }[];
  const facility = await call(committee, 'POST', `/api/areas/${areaId}/facilities`, {
    typeId: types[0]?.id,
    name: '二次供水泵房',
    location: `building:${buildingIds[0]}`,
  });
  return {
    areaId,
    buildingIds,
    facilityId: facility.id as number,
    committee,
    office,
    teller,
    /** The owner's ID number of each imported house, in import order. */
    ownerIdNumbers: rows.map((r) => r[HOUSE_COLUMNS.findIndex((c) => c.key === 'ownerIdNumber')] as string),
    uploadRequired,
    received,
  };
}

export type BigArea = Awaited<ReturnType<typeof bigArea>>;
export type { Headers };
