import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_NO_RULE,
  canCancel,
  checkAcceptanceGate,
  checkPhaseCap,
  checkRefund,
  refundedFrom,
  checkSettlement,
  refundedByPhase,
  checkSimplePayees,
  checkSimpleSettlement,
  needsAcceptanceFirst,
  normalizeAccountNo,
  phaseRemaining,
  planMatchesBudget,
  validatePayee,
} from './disbursement.ts';

const fen = fc.bigInt({ min: 0n, max: 10_000_000_000n });

describe('R-41 disbursement plan', () => {
  it('R-41 accepts a plan whose phases sum exactly to the budget total', () => {
    expect(planMatchesBudget([{ amount: 3_000_000n }, { amount: 4_000_000n }, { amount: 3_000_000n }], 10_000_000n)).toBeNull();
  });

  it('R-41 refuses a plan one fen off the budget, showing both totals in yuan', () => {
    expect(planMatchesBudget([{ amount: 3_000_000n }, { amount: 6_999_999n }], 10_000_000n)).toBe(
      '拨付计划合计 99,999.99 元与预算总额 100,000.00 元不一致',
    );
    expect(planMatchesBudget([{ amount: 10_000_001n }], 10_000_000n)).toBe('拨付计划合计 100,000.01 元与预算总额 100,000.00 元不一致');
  });

  it('R-41 refuses an empty plan and a phase of zero or less', () => {
    expect(planMatchesBudget([], 0n)).toBe('请填写拨付计划（至少一期）');
    expect(planMatchesBudget([{ amount: 100n }, { amount: 0n }], 100n)).toBe('第 2 期拨付金额须大于零');
    expect(planMatchesBudget([{ amount: -1n }, { amount: 101n }], 100n)).toBe('第 1 期拨付金额须大于零');
  });

  it('R-41 a plan matches exactly when its phases sum to the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 1_000_000_000n }), { minLength: 1, maxLength: 12 }), fen, (amounts, budget) => {
        const total = amounts.reduce((a, b) => a + b, 0n);
        const phases = amounts.map((amount) => ({ amount }));
        expect(planMatchesBudget(phases, total)).toBeNull();
        expect(planMatchesBudget(phases, budget) === null).toBe(budget === total);
      }),
    );
  });
});

describe('R-45 phase cap', () => {
  it('R-45 proposes what is left of the phase, never less than zero', () => {
    expect(phaseRemaining(500_000n, [])).toBe(500_000n);
    expect(phaseRemaining(500_000n, [200_000n, 100_000n])).toBe(200_000n);
    expect(phaseRemaining(500_000n, [500_000n])).toBe(0n);
    expect(phaseRemaining(500_000n, [600_000n])).toBe(0n);
  });

  it('R-45 allows a phase to be split and used up to the fen, and refuses one fen more', () => {
    expect(checkPhaseCap(500_000n, 0n, 200_000n)).toBeNull();
    expect(checkPhaseCap(500_000n, 200_000n, 300_000n)).toBeNull();
    expect(checkPhaseCap(500_000n, 200_000n, 300_001n)).toBe(
      '本期计划拨付 5,000.00 元，已申请 2,000.00 元，尚可申请 3,000.00 元，本次申请 3,000.01 元超出计划',
    );
    expect(checkPhaseCap(500_000n, 500_000n, 1n)).toContain('尚可申请 0.00 元');
  });

  it('R-45 refuses an application of zero or less', () => {
    expect(checkPhaseCap(500_000n, 0n, 0n)).toBe('申请拨付金额须大于零');
    expect(checkPhaseCap(500_000n, 0n, -5n)).toBe('申请拨付金额须大于零');
  });

  it('R-45 applications accepted one after another never exceed the plan amount, and the proposal is always accepted', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.array(fc.bigInt({ min: -10n, max: 50_000_000n }), { maxLength: 20 }),
        (plan, requests) => {
          const accepted: bigint[] = [];
          for (const r of requests) {
            const applied = accepted.reduce((a, b) => a + b, 0n);
            if (checkPhaseCap(plan, applied, r) === null) accepted.push(r);
            const left = phaseRemaining(plan, accepted);
            expect(left).toBeGreaterThanOrEqual(0n);
            if (left > 0n) expect(checkPhaseCap(plan, plan - left, left)).toBeNull();
          }
          expect(accepted.reduce((a, b) => a + b, 0n)).toBeLessThanOrEqual(plan);
        },
      ),
    );
  });

  it('R-45 a phase already over its plan shows nothing left, never a negative amount', () => {
    expect(checkPhaseCap(500_000n, 600_000n, 1n)).toContain('尚可申请 0.00 元');
  });

  it('R-45 F-46 a refund credits only the phases of the disbursements it takes from', () => {
    const disbursements = [
      { id: 1, phaseId: 10, amount: 100n },
      { id: 2, phaseId: 20, amount: 50n },
      { id: 3, phaseId: null, amount: 40n },
    ];
    // The first refund is covered by disbursement 1 alone; the second takes from the phase-less one.
    const out = refundedByPhase(disbursements, [
      { amount: 100n, sourceIds: [1, 2] },
      { amount: 30n, sourceIds: [3, 2] },
    ]);
    expect([...out]).toEqual([[10, 100n]]);
  });
});

describe('R-46 acceptance before the last phase and above 70 %', () => {
  const base = { budgetTotal: 1_000_000n, appliedSoFar: 0n, isLastPhase: false };

  it('R-46 exactly 70 % of the budget may be applied for before acceptance, one fen more may not', () => {
    expect(needsAcceptanceFirst({ ...base, requested: 700_000n })).toBe(false);
    expect(needsAcceptanceFirst({ ...base, requested: 700_001n })).toBe(true);
    expect(needsAcceptanceFirst({ ...base, appliedSoFar: 400_000n, requested: 300_000n })).toBe(false);
    expect(needsAcceptanceFirst({ ...base, appliedSoFar: 400_000n, requested: 300_001n })).toBe(true);
  });

  it('R-46 is exact to the fen when 70 % of the budget is not a whole fen', () => {
    // 70 % of 0.03 yuan is 2.1 fen: 2 fen may go, 3 may not.
    expect(needsAcceptanceFirst({ ...base, budgetTotal: 3n, requested: 2n })).toBe(false);
    expect(needsAcceptanceFirst({ ...base, budgetTotal: 3n, requested: 3n })).toBe(true);
  });

  it('R-46 the last phase always needs acceptance, however small', () => {
    expect(needsAcceptanceFirst({ ...base, requested: 1n, isLastPhase: true })).toBe(true);
  });

  it('R-46 the percentage is configurable and must be a whole percent', () => {
    expect(needsAcceptanceFirst({ ...base, requested: 800_000n, percent: 80 })).toBe(false);
    expect(needsAcceptanceFirst({ ...base, requested: 800_001n, percent: 80 })).toBe(true);
    expect(needsAcceptanceFirst({ ...base, requested: 1n, percent: 0 })).toBe(true);
    expect(() => needsAcceptanceFirst({ ...base, requested: 1n, percent: 70.5 })).toThrow(RangeError);
    expect(() => needsAcceptanceFirst({ ...base, requested: 1n, percent: 101 })).toThrow(RangeError);
  });

  it('R-46 matches the rational comparison (applied + requested) / budget > percent / 100', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        fen,
        fen,
        fc.integer({ min: 0, max: 100 }),
        (budget, soFar, requested, percent) => {
          const cumulative = soFar + requested;
          // Above percent % ⟺ the cumulative amount exceeds the largest whole fen within percent %.
          const limit = (budget * BigInt(percent)) / 100n;
          expect(needsAcceptanceFirst({ budgetTotal: budget, appliedSoFar: soFar, requested, isLastPhase: false, percent })).toBe(
            cumulative > limit,
          );
        },
      ),
    );
  });

  it('R-46 explains what is missing, and lets the application through once acceptance and its notice are done', () => {
    const over = { ...base, appliedSoFar: 600_000n, requested: 200_000n };
    expect(checkAcceptanceGate({ ...over, accepted: false, acceptanceNoticePublished: false })).toBe(
      '本次申请后累计申请 8,000.00 元，超过预算总额 10,000.00 元的 70%，须先完成项目验收并发布验收公示',
    );
    expect(checkAcceptanceGate({ ...over, accepted: true, acceptanceNoticePublished: false })).toBe(
      '本次申请后累计申请 8,000.00 元，超过预算总额 10,000.00 元的 70%，须先发布验收公示',
    );
    expect(checkAcceptanceGate({ ...over, accepted: true, acceptanceNoticePublished: true })).toBeNull();
    expect(checkAcceptanceGate({ ...base, requested: 1n, isLastPhase: true, accepted: false, acceptanceNoticePublished: false })).toBe(
      '最后一期拨付前须先完成项目验收并发布验收公示',
    );
    expect(checkAcceptanceGate({ ...base, requested: 700_000n, accepted: false, acceptanceNoticePublished: false })).toBeNull();
  });

  it('R-46 refuses a percentage that is not an integer from 0 to 100', () => {
    const args = { isLastPhase: false, appliedSoFar: 0n, requested: 1n, budgetTotal: 100n };
    for (const percent of [-1, 101, 70.5]) {
      expect(() => needsAcceptanceFirst({ ...args, percent })).toThrow('needsAcceptanceFirst: percent must be an integer 0–100');
    }
    expect(needsAcceptanceFirst({ ...args, percent: 100 })).toBe(false);
  });
});

describe('R-47 simple projects', () => {
  it('R-47 the payees are paid exactly the budget total', () => {
    expect(checkSimplePayees([{ amount: 60_000n }, { amount: 40_000n }], 100_000n)).toBeNull();
    expect(checkSimplePayees([{ amount: 60_000n }, { amount: 39_999n }], 100_000n)).toBe(
      '收款金额合计 999.99 元须等于预算总额 1,000.00 元',
    );
    expect(checkSimplePayees([{ amount: 100_001n }], 100_000n)).toBe('收款金额合计 1,000.01 元须等于预算总额 1,000.00 元');
  });

  it('R-47 needs at least one payee, each with a positive amount', () => {
    expect(checkSimplePayees([], 100_000n)).toBe('请至少填写一个收款账户');
    expect(checkSimplePayees([{ amount: 100_000n }, { amount: 0n }], 100_000n)).toBe('第 2 个收款账户的金额须大于零');
  });

  it('R-47 the settlement of a simple project equals its budget total', () => {
    expect(checkSimpleSettlement(100_000n, 100_000n)).toBeNull();
    expect(checkSimpleSettlement(99_999n, 100_000n)).toBe('简单拨付项目的结算金额 999.99 元须等于预算总额 1,000.00 元');
  });

  it('R-47 names the first payee whose amount is not positive', () => {
    expect(checkSimplePayees([{ amount: 0n }, { amount: 100n }], 100n)).toBe('第 1 个收款账户的金额须大于零');
    expect(checkSimplePayees([{ amount: 100n }, { amount: -1n }], 99n)).toBe('第 2 个收款账户的金额须大于零');
  });
});

describe('R-49 settlement and F-46 refunds', () => {
  it('R-49 the settlement may equal but not fall below what was transferred', () => {
    expect(checkSettlement(500_000n, 500_000n, 1_000_000n)).toBeNull();
    expect(checkSettlement(800_000n, 500_000n, 1_000_000n)).toBeNull();
    expect(checkSettlement(499_999n, 500_000n, 1_000_000n)).toBe('结算金额 4,999.99 元不能低于已划转金额 5,000.00 元');
    expect(checkSettlement(0n, 0n, 1_000_000n)).toBeNull();
    expect(checkSettlement(-1n, 0n, 1_000_000n)).toBe('结算金额不能为负数');
  });

  it('R-49 the settlement may equal but not exceed the budget total; the refusal says an increase needs a new notice and vote', () => {
    expect(checkSettlement(1_000_000n, 0n, 1_000_000n)).toBeNull();
    const above = checkSettlement(1_000_001n, 0n, 1_000_000n);
    expect(above).toContain('超过预算总额 10,000.00 元');
    expect(above).toContain('重新发布立项公示并经业主表决');
  });

  it('R-45 F-46 a refund gives back to the phases of its disbursements, each up to what earlier refunds left', () => {
    const given = refundedByPhase(
      [
        { id: 1, phaseId: 10, amount: 500n },
        { id: 2, phaseId: 20, amount: 300n },
      ],
      [
        { amount: 400n, sourceIds: [1] },
        { amount: 250n, sourceIds: [1, 2] },
      ],
    );
    expect(given).toEqual(
      new Map([
        [10, 500n],
        [20, 150n],
      ]),
    );
  });

  it('F-46 a refund is at most what was transferred net of earlier refunds', () => {
    expect(checkRefund(500_000n, 100_000n, 400_000n)).toBeNull();
    expect(checkRefund(500_000n, 100_000n, 400_001n)).toBe(
      '清退金额 4,000.01 元超过可清退金额 4,000.00 元（已划转 5,000.00 元，已清退 1,000.00 元）',
    );
    expect(checkRefund(500_000n, 0n, 0n)).toBe('清退金额须大于零');
    expect(checkRefund(0n, 0n, 1n)).toContain('可清退金额 0.00 元');
  });

  it('F-46 when more was refunded than is now counted as transferred, nothing is refundable, never a negative amount', () => {
    expect(checkRefund(100_00n, 120_00n, 5_00n)).toBe('清退金额 5.00 元超过可清退金额 0.00 元（已划转 100.00 元，已清退 120.00 元）');
  });
});

describe('R-50 cancellation', () => {
  it('R-50 a project with nothing transferred, or everything refunded, can be cancelled', () => {
    expect(canCancel(0n, 0n)).toBeNull();
    expect(canCancel(500_000n, 500_000n)).toBeNull();
  });

  it('R-50 a project with transferred money not yet refunded cannot be cancelled', () => {
    expect(canCancel(500_000n, 499_999n)).toBe('已划转 5,000.00 元，已清退 4,999.99 元，尚有 0.01 元未清退，须先清退才能撤销');
  });
});

describe('F-44 payee', () => {
  const ok = {
    unitName: '江门市某建筑工程有限公司',
    accountName: '江门市某建筑工程有限公司',
    bankName: '中国工商银行江门分行',
    accountNo: '6222 0212 3456 7890 123',
    amount: 100n,
  };

  it('F-44 accepts a complete payee; the account number may be written in groups', () => {
    expect(validatePayee(ok)).toEqual({});
    expect(normalizeAccountNo('6222-0212 3456')).toBe('622202123456');
  });

  it('F-44 names every missing or wrong field in Chinese', () => {
    expect(validatePayee({ unitName: ' ', accountName: '', bankName: '', accountNo: '', amount: 0n })).toEqual({
      unitName: '请填写收款单位（施工单位）',
      accountName: '请填写账户名称',
      bankName: '请填写开户银行',
      accountNo: ACCOUNT_NO_RULE,
      amount: '拨付金额须大于零',
    });
    expect(validatePayee({ ...ok, unitName: '工'.repeat(101) })).toEqual({ unitName: '收款单位（施工单位）不能超过 100 个字' });
  });

  it('F-44 account numbers are 8 to 32 digits', () => {
    expect(validatePayee({ ...ok, accountNo: '1234567' })).toEqual({ accountNo: ACCOUNT_NO_RULE });
    expect(validatePayee({ ...ok, accountNo: '12345678' })).toEqual({});
    expect(validatePayee({ ...ok, accountNo: '1'.repeat(32) })).toEqual({});
    expect(validatePayee({ ...ok, accountNo: '1'.repeat(33) })).toEqual({ accountNo: ACCOUNT_NO_RULE });
    expect(validatePayee({ ...ok, accountNo: '1234567X' })).toEqual({ accountNo: ACCOUNT_NO_RULE });
    expect(validatePayee({ ...ok, accountNo: '１２３４５６７８' })).toEqual({ accountNo: ACCOUNT_NO_RULE });
  });

  it('F-44 refuses a negative amount', () => {
    expect(validatePayee({ ...ok, amount: -100n })).toEqual({ amount: '拨付金额须大于零' });
  });

  it('F-44 a name of exactly 100 characters is accepted, one more is refused', () => {
    expect(validatePayee({ ...ok, unitName: '建'.repeat(100) })).toEqual({});
    expect(validatePayee({ ...ok, unitName: '建'.repeat(101) })).toEqual({ unitName: '收款单位（施工单位）不能超过 100 个字' });
  });
});

describe('F-46 what earlier refund notices take from the chosen disbursements', () => {
  const refunds = [
    { amount: 100n, status: 'confirmed', sourceIds: [1, 2] },
    { amount: 30n, status: 'submitted', sourceIds: [2] },
    { amount: 500n, status: 'rejected', sourceIds: [1] },
    { amount: 7n, status: 'confirmed', sourceIds: [3] },
  ];

  it('F-46 counts a notice that names several chosen disbursements once, pending ones too, rejected ones not', () => {
    expect(refundedFrom([1, 2], refunds)).toBe(130n);
    expect(refundedFrom([1], refunds)).toBe(100n);
    expect(refundedFrom([2, 3], refunds)).toBe(137n);
    expect(refundedFrom([4], refunds)).toBe(0n);
    expect(refundedFrom([], refunds)).toBe(0n);
  });
});
