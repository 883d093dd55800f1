/**
 * Stored numbers are integers: money in fen (分), areas in hundredths of a square metre. They are
 * shown with two decimals and typed as decimal text, converted by string parsing — never through
 * floating point.
 */

import { AREA_RULE, parseArea } from '../../../server/src/domain/area.ts';

export { AREA_RULE, formatArea, formatOptionalArea, parseArea } from '../../../server/src/domain/area.ts';

/** 123456789 fen → “1,234,567.89”. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** An antd form rule for an area typed as text (e.g. 建筑面积): required unless `optional`, > 0. */
export function areaRules(label: string, optional = false) {
  return [
    { required: !optional, whitespace: true, message: `请填写${label}` },
    {
      validator: (_: unknown, value?: string) => {
        if (!value?.trim()) return Promise.resolve();
        const n = parseArea(value);
        if (n === null || (!optional && n === 0)) return Promise.reject(new Error(`${label}${AREA_RULE}`));
        return Promise.resolve();
      },
    },
  ];
}

export const YUAN_RULE = '须为非负金额，最多 2 位小数';
const YUAN_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** “1234.56” (commas allowed) → 123456 fen; null when the text is not an amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const s = text.trim().replace(/,/g, '');
  if (!YUAN_PATTERN.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** 123456 fen → “1234.56” (no thousands separators: for inputs and exported files). */
export function plainYuan(fen: number): string {
  return formatYuan(fen).replace(/,/g, '');
}
