import { solidPng } from '../src/demo/png.ts';

export const DEMO = {
  office: { code: 'JMWXZJ', admin: 'admin', acceptor: 'shouli', reviewer: 'shenhe' },
  bank: { code: 'ICBCJM', admin: 'admin', teller: 'teller01' },
  developer: { code: '91440703MA4WJM001Q', admin: 'admin', clerk: 'jingban' },
  committee: { code: 'QCHYYWH', director: 'zhuren', member: 'weiyuan', clerk: 'jingban' },
  areas: { withCommittee: '侨城花园', free: '江景豪庭' },
} as const;

export const smallPng = () => solidPng(40, 30, [200, 220, 240]);

/** A PNG whose size is above 1 MB: a valid header followed by padding. */
export function bigPng(bytes = 1.5 * 1024 * 1024): Uint8Array {
  const head = solidPng(4, 4, [0, 0, 0]);
  const out = new Uint8Array(bytes);
  out.set(head);
  return out;
}

export function file(bytes: Uint8Array, name: string, type = 'image/png'): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

export const VALID_PASSWORD = 'Secret#2026';

export function committeeRegistration(areaId: number, overrides: Record<string, unknown> = {}) {
  return {
    type: 'committee',
    name: '江景豪庭业主委员会',
    code: 'JJHTYWH',
    contactPerson: '罗文杰',
    phone: '13711112222',
    address: '江门市江海区五邑路 168 号江景豪庭会所',
    legalRepresentative: '罗文杰',
    areaId,
    adminUsername: 'admin',
    adminName: '罗文杰',
    adminMobile: '13711112222',
    password: VALID_PASSWORD,
    agreementAccepted: true,
    ...overrides,
  };
}

export function registrationForm(data: unknown, docs: Record<string, File>): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const [kind, f] of Object.entries(docs)) form.append(`doc_${kind}`, f);
  return form;
}
