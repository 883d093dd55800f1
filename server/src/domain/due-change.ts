/**
 * what a change of a house's amount due settles. An increase is collected by a 补交 notice
 * for the increase, but never for more than is still unpaid of the new amount; a decrease below
 * what was already paid refunds the excess, but never more than the account holds (R-21: money
 * already spent on repairs is not refunded twice).
 */
export interface DueChange {
  oldDue: bigint;
  newDue: bigint;
  /** Net deposits of the house so far (deposits, supplements, moved-in balances, less refunds). */
  paid: bigint;
  balance: bigint;
}

export interface Settlement {
  supplement: bigint;
  refund: bigint;
}

const max0 = (n: bigint) => (n > 0n ? n : 0n);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

export function settleDueChange(c: DueChange): Settlement {
  if (c.newDue > c.oldDue) return { supplement: max0(min(c.newDue - c.oldDue, c.newDue - c.paid)), refund: 0n };
  if (c.newDue < c.oldDue) return { supplement: 0n, refund: max0(min(c.paid - c.newDue, c.balance)) };
  return { supplement: 0n, refund: 0n };
}
