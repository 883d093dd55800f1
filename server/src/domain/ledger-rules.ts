/** what makes a set of entries a valid ledger transaction. Pure; the ledger module enforces it. */
export interface Entry {
  accountId: number;
  amount: bigint;
}

export function entriesProblem(entries: readonly Entry[]): string | null {
  if (entries.length < 2) return '一笔资金变动至少包含两条分录';
  if (entries.some((e) => e.amount === 0n)) return '分录金额不能为零';
  const sum = entries.reduce((a, e) => a + e.amount, 0n);
  if (sum !== 0n) return `分录合计须为零（当前为 ${sum} 分）`;
  return null;
}

/** Entries touching the same account are merged, so each account is locked and updated once. */
export function netByAccount(entries: readonly Entry[]): Map<number, bigint> {
  const net = new Map<number, bigint>();
  for (const e of entries) net.set(e.accountId, (net.get(e.accountId) ?? 0n) + e.amount);
  return net;
}

/** Reversing entries: the same accounts with the opposite signs (corrections never edit). */
export function reversalOf(entries: readonly Entry[]): Entry[] {
  return entries.map((e) => ({ accountId: e.accountId, amount: -e.amount }));
}
