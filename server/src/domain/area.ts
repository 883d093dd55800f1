/** Areas travel as decimal text (“89.15”) and are held as integer hundredths of a square metre. */
export const AREA_RULE = '须为正数，最多 2 位小数';

/** No single house or parking space is larger: a bigger figure is a typo (or a building's total). */
export const MAX_HOUSE_AREA = 5_000_000;
export const MAX_AREA_RULE = '不能大于 50000.00 平方米，请核对是否多输了位数';

export function parseArea(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** 套内面积 is optional and held as 0 when blank: blank it stays, never “0.00”. */
export const formatOptionalArea = (hundredths: number): string => (hundredths ? formatArea(hundredths) : '');

export function formatArea(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * F-14: a split or merge normally keeps the total building area; a difference is not refused (a
 * re-survey may correct it) but is shown, since it shifts what each result will owe and hold.
 */
export function splitAreaWarning(before: number, after: number): string | null {
  if (before === after) return null;
  return `拆分合并前建筑面积合计 ${formatArea(before)} 平方米，拆分合并后合计 ${formatArea(after)} 平方米，${
    after > before ? '增加' : '减少'
  } ${formatArea(Math.abs(after - before))} 平方米，请核对拆分合并后的建筑面积`;
}
