import { HOUSE_COLUMNS } from '../src/domain/house-row.ts';
import { idCardCheckChar } from '../src/domain/id-card.ts';
import { houseTemplate } from '../src/modules/registry/house-import.ts';
import type { Agent } from './harness.ts';
import { acceptApplication } from './acceptance-fixtures.ts';

export type Row = Partial<Record<(typeof HOUSE_COLUMNS)[number]['key'], string>>;

export function houseRow(overrides: Row = {}): Row {
  return {
    building: 'A栋',
    unit: '1单元',
    floor: '1',
    room: '101',
    address: '江门市蓬江区新城路 1 号A栋101',
    buildingArea: '89.15',
    innerArea: '72.30',
    use: '住宅',
    elevator: '有',
    salesStatus: '未售',
    ...overrides,
  };
}

export const rowsToGrid = (rows: Row[]) => rows.map((r) => HOUSE_COLUMNS.map((c) => r[c.key] ?? ''));

/** A template filled in as a user would, saved as .xlsx. */
export async function houseXlsx(rows: Row[]): Promise<Uint8Array> {
  return new Uint8Array(await houseTemplate(rowsToGrid(rows)));
}

export function houseCsv(rows: Row[]): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [HOUSE_COLUMNS.map((c) => c.title), ...rowsToGrid(rows)].map((r) => r.map(esc).join(',')).join('\r\n');
}

/** A tower of `floors` × `perFloor` flats named A栋, B栋… */
export function tower(building: string, floors: number, perFloor: number, extra: Row = {}): Row[] {
  const rows: Row[] = [];
  for (let f = 1; f <= floors; f++)
    for (let r = 1; r <= perFloor; r++) {
      const room = `${f}${String(r).padStart(2, '0')}`;
      rows.push(houseRow({ building, floor: String(f), room, address: `江门市蓬江区新城路 1 号${building}${room}`, ...extra }));
    }
  return rows;
}

export function uploadForm(bytes: Uint8Array | string, name: string): FormData {
  const form = new FormData();
  form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  return form;
}

export const newAreaForm = (name = '新城花园') => ({
  area: { name, district: '蓬江区', street: '环市街道', address: '江门市蓬江区新城路 1 号', depositTiming: '商品房预售前', remark: '' },
  buildings: [],
});

/** Creates an area-collection draft and imports `rows` into it; returns the application id. */
export async function collectionDraft(dev: Agent, rows: Row[], name?: string): Promise<number> {
  const created = await dev.post('/api/applications', { type: 'area_collection', form: newAreaForm(name) });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as number;
  const imported = await dev.postForm(`/api/applications/${id}/import`, uploadForm(await houseXlsx(rows), 'houses.xlsx'));
  if (imported.statusCode !== 200) throw new Error(imported.body);
  return id;
}

/** Submit, accept and approve: the whole office path. */
export async function pushThrough(dev: Agent, office: Agent, id: number) {
  for (const [who, step] of [
    [dev, 'submit'],
    [office, 'accept'],
    [office, 'approve'],
  ] as const) {
    const res = step === 'accept' ? await acceptApplication(who, id) : await who.post(`/api/applications/${id}/${step}`);
    if (res.statusCode !== 200) throw new Error(`${step}: ${res.body}`);
  }
}

let gbkTable: Map<string, number[]> | null = null;

/**
 * A string as GBK bytes, the way Chinese Excel saves a .csv: the table comes from decoding every
 * two-byte GBK code with the platform's own GB18030 decoder (GBK is its two-byte part).
 */
export function gbkBytes(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`“${ch}” has no GBK code`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** UTF-8 with the byte-order mark Excel writes for “CSV UTF-8”. */
export const utf8BomBytes = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

/** A valid 居民身份证 number: 17 digits plus their check character. */
export function idCard(first17: string): string {
  return first17 + idCardCheckChar(first17);
}
