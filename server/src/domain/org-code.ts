import { pinyin } from 'pinyin-pro';

/** an organisation code is the login account; one format for 组织机构代码, 统一社会信用代码 and pinyin codes. */
export const ORG_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,31}$/;
export const ORG_CODE_RULE = '机构代码为 4–32 位大写字母、数字或“-”';

export function normaliseOrgCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * A committee without an 组织机构代码证 uses a pinyin code derived from its property area's name
 * (manual §1.1 第三步): the initials of each character, letters and digits kept, plus "YWH".
 */
export function pinyinCodeFor(areaName: string): string {
  const initials = pinyin(areaName, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return `${initials.slice(0, 24) || 'WY'}YWH`;
}

/** The first of `base`, `base2`, `base3`… that is not taken. */
export function firstFreeCode(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority, organisation type, a
 * six-digit region code, the nine-character organisation code, and a check character over the first
 * 17 from the 31-character set below (no I, O, S, V, Z).
 */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const USCC_PATTERN = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;
export const USCC_RULE = '统一社会信用代码校验位不正确，请核对营业执照上的代码后重新输入';

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] as number);
  return USCC_CHARS.charAt((31 - (sum % 31)) % 31);
}

/** A code shaped like a 统一社会信用代码 must carry its check character; other codes (组织机构代码, pinyin codes) pass. */
export function usccProblem(code: string): string | null {
  if (!USCC_PATTERN.test(code)) return null;
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17) ? null : USCC_RULE;
}
