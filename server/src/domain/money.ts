/** Fen to “1,234.56” without floating point. */
export function formatYuan(fen: bigint | number): string {
  const v = BigInt(fen);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * “1234.5” / “1,234.56” yuan to fen, or null when it is not an amount with at most 2 decimals. A comma
 * is read only as a thousands separator in its place: “12,34” is a typo, not 1,234.00.
 */
export function parseYuan(text: string): bigint | null {
  const t = text.trim();
  if (t.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return null;
  const s = t.replaceAll(',', '');
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return BigInt(whole as string) * 100n + BigInt(frac.padEnd(2, '0'));
}

/** The largest amount a JSON number (and so the page) carries exactly: 2^53 − 1 fen. */
export const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Every total is capped like each amount in it: a sum past 2^53 fen would be shown, exported and
 * compared inexactly. The reason names the total, or null when it fits.
 */
export function totalTooLarge(label: string, total: bigint): string | null {
  if (total <= MAX_FEN) return null;
  return `${label} ${formatYuan(total)} 元超过上限 ${formatYuan(MAX_FEN)} 元，请核对金额`;
}
