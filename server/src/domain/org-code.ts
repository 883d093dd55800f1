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
