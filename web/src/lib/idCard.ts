/**
 * The owner checks the server makes (居民身份证 GB 11643-1999, mobile numbers), run in the page so a
 * clerk sees the problem while typing. The server checks every one again.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export const ID_CARD_RULE = '居民身份证号须为 18 位，出生日期有效且校验位正确';
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const MOBILE_RULE = '手机号须为 11 位数字，以 1 开头';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export function isValidIdCard(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return false;
  return idCardCheckChar(id.slice(0, 17)) === id[17];
}
