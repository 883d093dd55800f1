import { apportion } from './apportion.ts';
import { formatYuan } from './money.ts';
import { RuleError } from './rule-error.ts';

/**
 * R-48 / F-46: how a repair project's money moves between house accounts. A transfer (划转) debits
 * the apportioned houses; a refund (清退) credits them back; the transfer that completes the project
 * lands every house exactly on its share of the final list (决算清册). Fen throughout.
 */

/** A house's amount in a list (budget list, final list, or what was debited), in house order. */
export interface Share {
  houseId: string;
  share: bigint;
}

export interface TransferArgs {
  /** The budget list (预算清册): each house's share of the budget, in house order. */
  shares: readonly Share[];
  /** What this project has debited from each house so far, net of refund credits. */
  debitedSoFar: ReadonlyMap<string, bigint>;
  amount: bigint;
  /** The final list when this transfer completes the project, else null. */
  final: readonly Share[] | null;
}

const sum = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

function checkList(list: readonly Share[], what: string): void {
  const seen = new Set<string>();
  for (const s of list) {
    if (seen.has(s.houseId)) throw new RangeError(`${what}: house ${s.houseId} appears twice`);
    if (s.share < 0n) throw new RangeError(`${what}: house ${s.houseId} has a negative amount`);
    seen.add(s.houseId);
  }
}

/** Map in list order, leaving out zeros: the ledger refuses entries of zero. */
function toMap(ids: readonly string[], amounts: readonly bigint[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  ids.forEach((id, i) => {
    const a = amounts[i] as bigint;
    if (a !== 0n) out.set(id, a);
  });
  return out;
}

/** the final list — the settlement apportioned over the budget shares with R-40 rounding. */
export function finalList(shares: readonly Share[], settlement: bigint): Share[] {
  checkList(shares, 'finalList');
  const amounts = apportion(
    settlement,
    shares.map((s) => s.share),
  );
  return shares.map((s, i) => ({ houseId: s.houseId, share: amounts[i] as bigint }));
}

/**
 * the amount of the transfer that completes the project — the settlement less what the
 * houses have paid so far, net of refunds. May be zero: a project whose settlement equals what was
 * already transferred still settles each house onto its final share with a zero-sum transfer.
 */
export function finalTransferAmount(final: readonly Share[], debitedSoFar: ReadonlyMap<string, bigint>): bigint {
  return sum(final.map((f) => f.share)) - sum(debitedSoFar.values());
}

/**
 * each house's debit for one transfer; the values always sum to `amount`, and houses with
 * nothing to move are left out.
 *
 * A transfer before completion apportions its amount over the budget shares with R-40 rounding.
 * All its values are positive.
 *
 * The transfer that completes the project (`final` given) debits each house its final share less
 * what it has paid so far, so that every house ends exactly on the final list and the houses
 * together on the settlement. Rounding in each earlier phase, and a settlement below the running
 * apportionment, can leave a house having paid more than its final share; its value is then
 * NEGATIVE — a credit back to that house, paid out of what the others still owe — so the ledger
 * must post it to the house's account as a credit, not refuse it. A house that was debited but is
 * not on the final list gets all of it back the same way. `amount` must be
 * `finalTransferAmount(final, debitedSoFar)`; anything else is refused.
 */
export function debitsForTransfer(args: TransferArgs): Map<string, bigint> {
  const { shares, debitedSoFar, amount, final } = args;
  checkList(shares, 'debitsForTransfer');
  if (final === null) {
    if (amount < 0n) throw new RangeError('debitsForTransfer: amount must not be negative');
    return toMap(
      shares.map((s) => s.houseId),
      apportion(
        amount,
        shares.map((s) => s.share),
      ),
    );
  }
  checkList(final, 'debitsForTransfer');
  const expected = finalTransferAmount(final, debitedSoFar);
  if (amount !== expected) {
    throw new RuleError(
      'R-48',
      `完成项目的划转金额应为结算金额减去已划转净额，即 ${formatYuan(expected)} 元，而不是 ${formatYuan(amount)} 元`,
    );
  }
  const onList = new Set(final.map((f) => f.houseId));
  const extra = [...debitedSoFar.keys()].filter((id) => !onList.has(id));
  return toMap(
    [...final.map((f) => f.houseId), ...extra],
    [...final.map((f) => f.share - (debitedSoFar.get(f.houseId) ?? 0n)), ...extra.map((id) => -(debitedSoFar.get(id) ?? 0n))],
  );
}

/**
 * F-46: a refund credited back to the houses in proportion to what was debited from each (R-40
 * rounding). Pass the houses' debits net of earlier refunds — the project's running totals — so a
 * credit can never exceed what the house still has in the project. No house gets more than its own
 * debit: a share rounded up reaches it only when the refund is the whole amount, and then every
 * share is exact. The values sum to `amount`; houses credited nothing are left out.
 * Throws RuleError('F-46') when the amount is negative or exceeds the total debited.
 */
export function refundCredits(debited: readonly Share[], amount: bigint): Map<string, bigint> {
  checkList(debited, 'refundCredits');
  if (amount < 0n) throw new RuleError('F-46', '清退金额不能为负数');
  const total = sum(debited.map((d) => d.share));
  if (amount > total) {
    throw new RuleError('F-46', `清退金额 ${formatYuan(amount)} 元超过已从各户划转的净额 ${formatYuan(total)} 元`);
  }
  if (amount === 0n) return new Map();
  return toMap(
    debited.map((d) => d.houseId),
    apportion(
      amount,
      debited.map((d) => d.share),
    ),
  );
}

/**
 * the houses whose balance cannot cover their debit, with what they lack, in the order of
 * `debits`. Any one of them blocks the application (R-21: no balance goes below zero). Credits
 * (negative debits) never fall short; a house without a known balance has none.
 */
export function shortfalls(
  debits: ReadonlyMap<string, bigint>,
  balances: ReadonlyMap<string, bigint>,
): { houseId: string; shortfall: bigint }[] {
  const out: { houseId: string; shortfall: bigint }[] = [];
  for (const [houseId, debit] of debits) {
    const balance = balances.get(houseId) ?? 0n;
    if (debit > 0n && balance < debit) out.push({ houseId, shortfall: debit - balance });
  }
  return out;
}
