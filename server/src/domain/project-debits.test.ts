import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';
import { debitsForTransfer, finalList, finalTransferAmount, refundCredits, type Share, shortfalls } from './project-debits.ts';
import { RuleError } from './rule-error.ts';

const list = (...amounts: bigint[]): Share[] => amounts.map((share, i) => ({ houseId: `h${i + 1}`, share }));
const mapSum = (m: ReadonlyMap<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);
const none = new Map<string, bigint>();

describe('R-48 debits of a transfer', () => {
  it('R-48 a transfer before completion is apportioned over the budget shares with R-40 rounding', () => {
    // Budget 100.00 over three equal shares; a 10.00 phase: 3.34 / 3.33 / 3.33.
    const shares = list(3334n, 3333n, 3333n);
    expect(debitsForTransfer({ shares, debitedSoFar: none, amount: 1000n, final: null })).toEqual(
      new Map([
        ['h1', 334n],
        ['h2', 333n],
        ['h3', 333n],
      ]),
    );
  });

  it('R-48 houses with nothing to pay are left out, so the ledger gets no zero entries', () => {
    const d = debitsForTransfer({ shares: list(0n, 500n, 500n), debitedSoFar: none, amount: 1n, final: null });
    expect(d).toEqual(new Map([['h2', 1n]]));
  });

  it('R-48 the completing transfer lands every house on the final list', () => {
    const shares = list(3334n, 3333n, 3333n);
    const debitedSoFar = new Map([
      ['h1', 334n],
      ['h2', 333n],
      ['h3', 333n],
    ]);
    const final = finalList(shares, 9000n); // settlement 90.00: 30.00 each
    expect(final).toEqual(list(3000n, 3000n, 3000n));
    const amount = finalTransferAmount(final, debitedSoFar);
    expect(amount).toBe(8000n);
    const d = debitsForTransfer({ shares, debitedSoFar, amount, final });
    expect(d).toEqual(
      new Map([
        ['h1', 2666n],
        ['h2', 2667n],
        ['h3', 2667n],
      ]),
    );
  });

  it('R-48 a house that paid more than its final share gets a credit: a negative value in the completing transfer', () => {
    // Three equal shares; two phases of 1 fen each both go to the first house (R-40 ties go to the
    // earlier house). The settlement of 3 fen is 1 fen each: the first house paid 1 fen too much.
    const shares = list(100n, 100n, 100n);
    const net = new Map<string, bigint>();
    for (let phase = 0; phase < 2; phase++) {
      for (const [id, v] of debitsForTransfer({ shares, debitedSoFar: net, amount: 1n, final: null })) net.set(id, (net.get(id) ?? 0n) + v);
    }
    expect(net).toEqual(new Map([['h1', 2n]]));
    const final = finalList(shares, 3n);
    const amount = finalTransferAmount(final, net);
    expect(amount).toBe(1n);
    const d = debitsForTransfer({ shares, debitedSoFar: net, amount, final });
    expect(d).toEqual(
      new Map([
        ['h1', -1n],
        ['h2', 1n],
        ['h3', 1n],
      ]),
    );
    expect(mapSum(d)).toBe(amount);
  });

  it('R-48 a settlement equal to what was transferred still rebalances the houses, with a transfer of zero', () => {
    const shares = list(1n, 1n, 1n);
    const debitedSoFar = new Map([
      ['h1', 2n],
      ['h2', 1n],
      ['h3', 0n],
    ]);
    const final = finalList(shares, 3n);
    const d = debitsForTransfer({ shares, debitedSoFar, amount: 0n, final });
    expect(d).toEqual(
      new Map([
        ['h1', -1n],
        ['h3', 1n],
      ]),
    );
    expect(mapSum(d)).toBe(0n);
  });

  it('R-48 a house debited but not on the final list gets all of it back', () => {
    const shares = list(100n, 100n);
    const debitedSoFar = new Map([
      ['h1', 50n],
      ['h2', 50n],
      ['gone', 7n],
    ]);
    const final = finalList(shares, 200n);
    const amount = finalTransferAmount(final, debitedSoFar);
    const d = debitsForTransfer({ shares, debitedSoFar, amount, final });
    expect(d).toEqual(
      new Map([
        ['h1', 50n],
        ['h2', 50n],
        ['gone', -7n],
      ]),
    );
    expect(mapSum(d)).toBe(amount);
  });

  it('R-48 the completing transfer must be the settlement less what was already paid', () => {
    const shares = list(100n, 100n);
    const final = finalList(shares, 200n);
    const debitedSoFar = new Map([['h1', 50n]]);
    expect(() => debitsForTransfer({ shares, debitedSoFar, amount: 149n, final })).toThrow(RuleError);
    expect(() => debitsForTransfer({ shares, debitedSoFar, amount: 149n, final })).toThrow(
      '完成项目的划转金额应为结算金额减去已划转净额，即 1.50 元，而不是 1.49 元',
    );
  });

  it('R-48 refuses a negative transfer, a house listed twice and a negative share', () => {
    expect(() => debitsForTransfer({ shares: list(1n), debitedSoFar: none, amount: -1n, final: null })).toThrow(
      'debitsForTransfer: amount must not be negative',
    );
    const twice = [
      { houseId: 'a', share: 1n },
      { houseId: 'a', share: 1n },
    ];
    expect(() => debitsForTransfer({ shares: twice, debitedSoFar: none, amount: 1n, final: null })).toThrow(
      'debitsForTransfer: house a appears twice',
    );
    expect(() => finalList(list(-1n, 2n), 1n)).toThrow('finalList: house h1 has a negative amount');
    const final = finalList(list(1n, 1n), 2n);
    expect(() => debitsForTransfer({ shares: list(1n, 1n), debitedSoFar: none, amount: 2n, final: [...final, ...final] })).toThrow(
      'debitsForTransfer: house h1 appears twice',
    );
    expect(() => refundCredits(twice, 1n)).toThrow('refundCredits: house a appears twice');
  });

  it('R-48 a completing transfer of the wrong amount is refused under its rule, as a RuleError', () => {
    const shares = list(100n, 100n);
    const final = finalList(shares, 200n);
    expect(() => debitsForTransfer({ shares, debitedSoFar: none, amount: 1n, final })).toThrow(
      expect.objectContaining({ name: 'RuleError', rule: 'R-48' }),
    );
  });

  it('R-48 the final list apportions the settlement like R-40, and a zero settlement is all zeros', () => {
    expect(finalList(list(8915n, 9032n, 12050n), 10n)).toEqual(list(3n, 3n, 4n));
    expect(finalList(list(5n, 5n), 0n)).toEqual(list(0n, 0n));
  });
});

describe('F-46 refund credits', () => {
  it('F-46 a refund is credited in proportion to what was debited from each house', () => {
    expect(refundCredits(list(600n, 300n, 100n), 500n)).toEqual(
      new Map([
        ['h1', 300n],
        ['h2', 150n],
        ['h3', 50n],
      ]),
    );
  });

  it('F-46 rounding never credits a house more than its own debit', () => {
    // 2 fen back over debits of 1 fen each: the remainder rule may not give a house a second fen.
    const c = refundCredits(list(1n, 1n, 1n), 2n);
    expect(c).toEqual(
      new Map([
        ['h1', 1n],
        ['h2', 1n],
      ]),
    );
    expect(refundCredits(list(1n, 0n, 1n), 2n)).toEqual(
      new Map([
        ['h1', 1n],
        ['h3', 1n],
      ]),
    );
  });

  it('F-46 refunding everything gives each house exactly its debit back', () => {
    expect(refundCredits(list(7n, 0n, 13n), 20n)).toEqual(
      new Map([
        ['h1', 7n],
        ['h3', 13n],
      ]),
    );
  });

  it('F-46 refuses a refund above what was debited, in Chinese, and a negative refund', () => {
    expect(() => refundCredits(list(100n, 100n), 201n)).toThrow(RuleError);
    try {
      refundCredits(list(100n, 100n), 201n);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).rule).toBe('F-46');
      expect((e as RuleError).message).toBe('清退金额 2.01 元超过已从各户划转的净额 2.00 元');
    }
    expect(() => refundCredits(list(100n), -1n)).toThrow(expect.objectContaining({ rule: 'F-46', message: '清退金额不能为负数' }));
    expect(refundCredits(list(100n), 0n)).toEqual(new Map());
  });
});

describe('R-48 shortfalls', () => {
  it('R-48 lists each house whose balance cannot cover its debit, with what it lacks', () => {
    const debits = new Map([
      ['h1', 500n],
      ['h2', 500n],
      ['h3', 500n],
      ['h4', -200n],
    ]);
    const balances = new Map([
      ['h1', 500n],
      ['h2', 499n],
      ['h4', 0n],
    ]);
    expect(shortfalls(debits, balances)).toEqual([
      { houseId: 'h2', shortfall: 1n },
      { houseId: 'h3', shortfall: 500n },
    ]);
    expect(shortfalls(debits, new Map([...balances, ['h2', 500n], ['h3', 10_000n]]))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// R-48 over a whole project: phases, refunds and completion.

type Step = { kind: 'transfer'; part: bigint } | { kind: 'refund'; part: bigint };

const project = fc.record({
  areas: fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 200 }).filter((a) => a.some((x) => x > 0)),
  budget: fc.bigInt({ min: 1n, max: 5_000_000_000n }),
  // Parts are in thousandths of what is still possible, so every step is legal.
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('transfer' as const), part: fc.bigInt({ min: 0n, max: 1000n }) }),
      fc.record({ kind: fc.constant('refund' as const), part: fc.bigInt({ min: 0n, max: 1000n }) }),
    ),
    { maxLength: 12 },
  ),
  settlementPart: fc.bigInt({ min: 0n, max: 2000n }),
});

describe('R-48 properties', () => {
  it('R-48 net debits end exactly on the final list, never go negative, and every transfer sums to its amount', () => {
    fc.assert(
      fc.property(project, ({ areas, budget, steps, settlementPart }) => {
        const shares = apportion(
          budget,
          areas.map((a) => BigInt(a)),
        ).map((share, i) => ({ houseId: `h${i}`, share }));
        const net = new Map<string, bigint>();
        let gross = 0n; // applications never exceed the plan, i.e. the budget
        let transferredNet = 0n;
        const apply = (m: ReadonlyMap<string, bigint>, sign: bigint) => {
          for (const [id, v] of m) net.set(id, (net.get(id) ?? 0n) + sign * v);
        };
        const allNonNegative = () => [...net.values()].every((v) => v >= 0n);

        for (const step of steps as Step[]) {
          if (step.kind === 'transfer') {
            const amount = ((budget - gross) * step.part) / 1000n;
            const d = debitsForTransfer({ shares, debitedSoFar: net, amount, final: null });
            expect(mapSum(d)).toBe(amount);
            expect([...d.values()].every((v) => v > 0n)).toBe(true);
            apply(d, 1n);
            gross += amount;
            transferredNet += amount;
          } else {
            const amount = (transferredNet * step.part) / 1000n;
            const debited = shares.map((s) => ({ houseId: s.houseId, share: net.get(s.houseId) ?? 0n }));
            const c = refundCredits(debited, amount);
            expect(mapSum(c)).toBe(amount);
            for (const [id, v] of c) expect(v).toBeLessThanOrEqual(net.get(id) ?? 0n);
            apply(c, -1n);
            transferredNet -= amount;
          }
          expect(allNonNegative()).toBe(true);
          expect(mapSum(net)).toBe(transferredNet);
        }

        // settlement ≥ what was transferred (net); here up to twice the budget above it.
        const settlement = transferredNet + (budget * settlementPart) / 1000n;
        const final = finalList(shares, settlement);
        const amount = finalTransferAmount(final, net);
        expect(amount).toBe(settlement - transferredNet);
        const d = debitsForTransfer({ shares, debitedSoFar: net, amount, final });
        expect(mapSum(d)).toBe(amount);
        apply(d, 1n);

        expect(allNonNegative()).toBe(true);
        for (const f of final) expect(net.get(f.houseId) ?? 0n).toBe(f.share);
        expect(mapSum(net)).toBe(settlement);
      }),
      { numRuns: 200 },
    );
  });

  it('R-48 every final share is within one fen of the settlement in proportion to the budget share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { minLength: 1, maxLength: 200 }).filter((s) => s.some((x) => x > 0n)),
        fc.bigInt({ min: 0n, max: 10_000_000_000n }),
        (amounts, settlement) => {
          const budget = amounts.reduce((a, b) => a + b, 0n);
          const final = finalList(list(...amounts), settlement);
          expect(final.reduce((a, f) => a + f.share, 0n)).toBe(settlement);
          final.forEach((f, i) => {
            const diff = f.share * budget - settlement * (amounts[i] as bigint);
            expect(diff > -budget && diff < budget).toBe(true);
          });
        },
      ),
    );
  });

  it('F-46 refund credits sum to the amount and never exceed a house’s own debit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 1, maxLength: 200 }),
        fc.bigInt({ min: 0n, max: 1000n }),
        (debits, part) => {
          const total = debits.reduce((a, b) => a + b, 0n);
          const amount = (total * part) / 1000n;
          const c = refundCredits(list(...debits), amount);
          expect(mapSum(c)).toBe(amount);
          debits.forEach((d, i) => {
            const v = c.get(`h${i + 1}`) ?? 0n;
            expect(v >= 0n && v <= d).toBe(true);
          });
        },
      ),
    );
  });
});
