/**
 * One normal form for every identifier and number that comes from a file or a form, applied before
 * validating and before comparing: “１０１”, “101\u200b” and “ 101 ” are the same room as “101”.
 */

// Zero-width space/joiners, word joiner, BOM and soft hyphen: invisible, yet make two texts differ.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// C0 (except tab and line breaks) and C1 control characters and DEL: no one types these.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const CONTROL_CHAR_RULE = '含有不可见的控制字符，请删除后重新输入';

/** NFKC (full-width → half-width), invisible characters removed, trimmed. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** True when the text holds a control character that must be refused rather than silently dropped. */
export function hasControlChar(text: string): boolean {
  return CONTROL.test(text);
}
