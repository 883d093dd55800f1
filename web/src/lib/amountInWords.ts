/**
 * 金额大写 as printed on payment notices and bank slips: 267450 fen → “贰仟陆佰柒拾肆元伍角整”.
 * Pure integer arithmetic on fen.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

const digit = (d: number) => DIGITS[d] ?? '';

/** 1–9999 in words, without leading 零. */
function sectionWords(n: number): string {
  let s = '';
  let pendingZero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.trunc(n / 10 ** i) % 10;
    if (d === 0) {
      if (s) pendingZero = true;
    } else {
      if (pendingZero) s += '零';
      pendingZero = false;
      s += digit(d) + PLACES[i];
    }
  }
  return s;
}

function integerWords(n: number): string {
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.trunc(rest / 10000)) sections.push(rest % 10000);
  let s = '';
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const sec = sections[i] ?? 0;
    if (sec === 0) {
      if (s) gap = true;
      continue;
    }
    if (s && (gap || sec < 1000)) s += '零';
    s += sectionWords(sec) + SECTIONS[i];
    gap = false;
  }
  return s;
}

export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('金额须为整数（分）');
  if (fen < 0) return `负${amountInWords(-fen)}`;
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let s = yuan > 0 ? `${integerWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${s}整`;
  if (jiao > 0) s += `${digit(jiao)}角`;
  else if (yuan > 0) s += '零';
  s += cents > 0 ? `${digit(cents)}分` : '整';
  return s;
}
