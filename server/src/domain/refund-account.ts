/**
 * A refund is paid to the account the applicant names. The platform cannot verify who
 * holds an account, but an account whose name is none of the house's owners is worth a second look
 * before one owner's money goes to someone else.
 */
const comparable = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s·・•]/gu, '')
    .toUpperCase();

/** A warning to show beside the account when its name matches none of the owners; null when it matches or the house has none on record. */
export function accountNameWarning(accountName: string, owners: readonly { name: string }[]): string | null {
  if (owners.length === 0) return null;
  const name = comparable(accountName);
  if (owners.some((o) => comparable(o.name) === name)) return null;
  return `收款户名“${accountName}”与该房屋业主（${owners.map((o) => o.name).join('、')}）均不一致，请核对退款账户`;
}
