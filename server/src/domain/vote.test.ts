import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ballotsOutsideRange,
  type Choice,
  countOwners,
  decideVote,
  ownerSetKey,
  tallyBallots,
  type VoteHouse,
  type VoteRule,
  type VoteTotals,
  validateTotals,
} from './vote.ts';

const totals = (t: Partial<VoteTotals>): VoteTotals => ({
  rangeArea: 30000,
  rangeOwners: 30,
  participatingArea: 30000,
  participatingOwners: 30,
  agreeArea: 30000,
  agreeOwners: 30,
  ...t,
});

const house = (houseId: string, areaHundredths: number, ownerKey = `id-${houseId}`): VoteHouse => ({ houseId, areaHundredths, ownerKey });

describe('R-42 civil-code-2021', () => {
  it('R-42 civil-code-2021 passes at exactly two thirds taking part and a bare majority agreeing', () => {
    // 300.00 m² / 30 owners; 200.00 m² and 20 owners took part; 100.01 m² and 11 owners agreed.
    const t = totals({ participatingArea: 20000, participatingOwners: 20, agreeArea: 10001, agreeOwners: 11 });
    expect(decideVote('civil-code-2021', t)).toEqual({ passed: true, reasons: [] });
  });

  it('R-42 civil-code-2021 fails one hundredth of a square metre short of two thirds of the area', () => {
    const t = totals({ participatingArea: 19999, participatingOwners: 20, agreeArea: 19999, agreeOwners: 20 });
    const d = decideVote('civil-code-2021', t);
    expect(d.passed).toBe(false);
    expect(d.reasons).toEqual(['参与表决的专有部分面积 199.99 平方米未达到总面积 300.00 平方米的三分之二']);
  });

  it('R-42 civil-code-2021 fails one owner short of two thirds of the owners', () => {
    const t = totals({ participatingArea: 30000, participatingOwners: 19, agreeArea: 30000, agreeOwners: 19 });
    expect(decideVote('civil-code-2021', t).reasons).toEqual(['参与表决的业主 19 人未达到总人数 30 人的三分之二']);
  });

  it('R-42 civil-code-2021 two thirds of a range not divisible by three needs the next whole unit', () => {
    // ⅔ of 100 owners is 66.67: 66 is short, 67 is enough.
    const base = { rangeOwners: 100, agreeOwners: 60 };
    expect(decideVote('civil-code-2021', totals({ ...base, participatingOwners: 66 })).passed).toBe(false);
    expect(decideVote('civil-code-2021', totals({ ...base, participatingOwners: 67 })).passed).toBe(true);
  });

  it('R-42 civil-code-2021 an exact half of the participating area agreeing is not a majority', () => {
    const t = totals({ participatingArea: 20000, participatingOwners: 20, agreeArea: 10000, agreeOwners: 11 });
    expect(decideVote('civil-code-2021', t).reasons).toEqual(['同意的专有部分面积 100.00 平方米未超过参与表决面积 200.00 平方米的半数']);
  });

  it('R-42 civil-code-2021 an exact half of the participating owners agreeing is not a majority', () => {
    const t = totals({ participatingArea: 20000, participatingOwners: 20, agreeArea: 10001, agreeOwners: 10 });
    expect(decideVote('civil-code-2021', t).reasons).toEqual(['同意的业主 10 人未超过参与表决人数 20 人的半数']);
  });

  it('R-42 civil-code-2021 gives one reason per unmet condition', () => {
    const t = totals({ participatingArea: 100, participatingOwners: 1, agreeArea: 0, agreeOwners: 0 });
    const d = decideVote('civil-code-2021', t);
    expect(d.passed).toBe(false);
    expect(d.reasons).toHaveLength(4);
    expect(d.reasons[0]).toContain('参与表决的专有部分面积 1.00 平方米');
    expect(d.reasons[1]).toContain('参与表决的业主 1 人');
    expect(d.reasons[2]).toContain('同意的专有部分面积 0.00 平方米');
    expect(d.reasons[3]).toContain('同意的业主 0 人');
  });

  it('R-42 civil-code-2021 a vote nobody took part in fails on every count', () => {
    const d = decideVote('civil-code-2021', totals({ participatingArea: 0, participatingOwners: 0, agreeArea: 0, agreeOwners: 0 }));
    expect(d.passed).toBe(false);
    expect(d.reasons).toHaveLength(4);
  });
});

describe('R-42 double-two-thirds', () => {
  it('R-42 double-two-thirds passes when agreeing owners hold exactly two thirds of the area and are two thirds of the owners', () => {
    const t = totals({ participatingArea: 20000, participatingOwners: 20, agreeArea: 20000, agreeOwners: 20 });
    expect(decideVote('double-two-thirds', t)).toEqual({ passed: true, reasons: [] });
  });

  it('R-42 double-two-thirds fails one hundredth of a square metre short of two thirds of the area', () => {
    const t = totals({ agreeArea: 19999, agreeOwners: 20 });
    expect(decideVote('double-two-thirds', t).reasons).toEqual(['同意的专有部分面积 199.99 平方米未达到总面积 300.00 平方米的三分之二']);
  });

  it('R-42 double-two-thirds fails one owner short of two thirds of the owners', () => {
    const t = totals({ agreeArea: 30000, agreeOwners: 19 });
    expect(decideVote('double-two-thirds', t).reasons).toEqual(['同意的业主 19 人未达到总人数 30 人的三分之二']);
  });

  it('R-42 double-two-thirds counts agreement against the whole range, not the participants', () => {
    // Everyone who took part agreed, but they are only 60 % of the range: the civil code passes it, 双2/3 does not.
    const t = totals({ participatingArea: 20000, participatingOwners: 20, agreeArea: 18000, agreeOwners: 18 });
    expect(decideVote('civil-code-2021', t).passed).toBe(true);
    expect(decideVote('double-two-thirds', t).reasons).toHaveLength(2);
  });
});

describe('R-42 entered totals', () => {
  it('R-42 refuses impossible totals, naming the field', () => {
    expect(validateTotals(totals({}))).toEqual([]);
    expect(validateTotals(totals({ participatingArea: 30001, agreeArea: 100 }))).toEqual([
      '参与表决面积 300.01 平方米超过表决范围总面积 300.00 平方米',
    ]);
    expect(validateTotals(totals({ participatingOwners: 31, agreeOwners: 1 }))).toEqual(['参与表决人数 31 人超过表决范围总人数 30 人']);
    expect(validateTotals(totals({ participatingArea: 100, agreeArea: 101 }))).toEqual([
      '同意面积 1.01 平方米超过参与表决面积 1.00 平方米',
    ]);
    expect(validateTotals(totals({ participatingOwners: 3, agreeOwners: 4 }))).toEqual(['同意人数 4 人超过参与表决人数 3 人']);
  });

  it('R-42 refuses negative, fractional and empty-range totals', () => {
    expect(validateTotals(totals({ agreeOwners: -1 }))).toEqual(['同意人数不能为负数']);
    expect(validateTotals(totals({ rangeArea: -5 }))).toEqual(['表决范围总面积不能为负数']);
    expect(validateTotals(totals({ agreeArea: 0.5 }))).toEqual(['同意面积须为整数（面积最多 2 位小数）']);
    expect(validateTotals(totals({ participatingOwners: 2.5 }))).toEqual(['参与表决人数须为整数']);
    expect(validateTotals(totals({ rangeOwners: Number.NaN }))).toEqual(['表决范围总人数须为整数']);
    expect(
      validateTotals({ rangeArea: 0, rangeOwners: 0, participatingArea: 0, participatingOwners: 0, agreeArea: 0, agreeOwners: 0 }),
    ).toEqual(['表决范围总面积须大于零', '表决范围总人数须大于零']);
  });

  it('R-42 impossible totals never pass, under either rule', () => {
    for (const rule of ['civil-code-2021', 'double-two-thirds'] as VoteRule[]) {
      const d = decideVote(rule, totals({ agreeOwners: 31, participatingOwners: 31 }));
      expect(d.passed).toBe(false);
      expect(d.reasons).toEqual(['参与表决人数 31 人超过表决范围总人数 30 人']);
    }
  });

  it('R-42 refuses a rule name it does not know instead of guessing', () => {
    expect(() => decideVote('majority' as VoteRule, totals({}))).toThrow('decideVote: unknown rule majority');
  });

  it('R-42 decides exactly even for city-sized areas beyond 2^53 when multiplied', () => {
    const big = Number.MAX_SAFE_INTEGER - 1; // even, so ⅔ is not an integer and ½ is
    const t = { rangeArea: big, rangeOwners: 3, participatingArea: big, participatingOwners: 2, agreeArea: big / 2, agreeOwners: 2 };
    expect(decideVote('civil-code-2021', t).reasons).toEqual([expect.stringContaining('同意的专有部分面积')]);
    expect(decideVote('civil-code-2021', { ...t, agreeArea: big / 2 + 1 }).passed).toBe(true);
  });
});

describe('R-42 owner count and the house-by-house sheet', () => {
  it('R-42 one owner of several houses counts once, the developer once, and an unknown owner per house', () => {
    const houses = [
      house('1-101', 8915, '440701199001011234'),
      house('1-102', 8915, '440701199001011234'),
      house('1-201', 9032, 'developer'),
      house('1-202', 9032, 'developer'),
      house('1-301', 12050, '44070119800202567x'),
      house('1-302', 12050, '44070119800202567X'),
      house('1-401', 10000, ''),
      house('1-402', 10000, ' '),
    ];
    expect(countOwners(houses)).toBe(5);
    expect(countOwners([])).toBe(0);
  });

  it('R-42 a co-owned house counts by its set of owners: the same two people in another order are one owner', () => {
    const houses = [
      house('2-101', 8915, ownerSetKey(['440701199001011234', '44070119800202567X'])),
      house('2-102', 8915, ownerSetKey(['44070119800202567x', ' 440701199001011234', '440701199001011234'])),
      house('2-201', 9032, '44070119800202567X,440701199001011234'),
      // One of the two alone is another owner, as is the pair with a third person.
      house('2-202', 9032, '440701199001011234'),
      house('2-301', 12050, ownerSetKey(['440701199001011234', '44070119800202567X', '440701197505050011'])),
    ];
    expect(countOwners(houses)).toBe(3);
    expect(ownerSetKey([' ', ''])).toBe('');
  });

  it('R-42 area counts per house; a house missing from the sheet did not take part; abstaining is taking part', () => {
    const houses = [house('a', 10000), house('b', 5000), house('c', 2500), house('d', 1250)];
    const ballots = new Map<string, Choice>([
      ['a', 'agree'],
      ['b', 'oppose'],
      ['c', 'abstain'],
    ]);
    expect(tallyBallots(houses, ballots)).toEqual({
      rangeArea: 18750,
      rangeOwners: 4,
      participatingArea: 17500,
      participatingOwners: 3,
      agreeArea: 10000,
      agreeOwners: 1,
    });
  });

  it('R-42 an owner whose houses voted differently agrees when the agreeing houses hold most of the area they voted with', () => {
    const houses = [house('big', 12000, 'X'), house('small', 8000, 'X'), house('unvoted', 50000, 'X')];
    const split = (big: Choice, small: Choice) =>
      tallyBallots(
        houses,
        new Map([
          ['big', big],
          ['small', small],
        ]),
      );
    // The house that did not vote weighs nothing in the owner's decision.
    expect(split('agree', 'oppose')).toMatchObject({ participatingOwners: 1, agreeOwners: 1, participatingArea: 20000, agreeArea: 12000 });
    expect(split('oppose', 'agree')).toMatchObject({ participatingOwners: 1, agreeOwners: 0, agreeArea: 8000 });
    expect(split('abstain', 'agree')).toMatchObject({ participatingOwners: 1, agreeOwners: 0 });
  });

  it('R-42 an owner split exactly in half by area does not count as agreeing', () => {
    const houses = [house('a', 9000, 'X'), house('b', 9000, 'X')];
    const t = tallyBallots(
      houses,
      new Map<string, Choice>([
        ['a', 'agree'],
        ['b', 'oppose'],
      ]),
    );
    expect(t).toMatchObject({ rangeOwners: 1, participatingOwners: 1, agreeOwners: 0, agreeArea: 9000 });
  });

  it('R-42 the developer’s unsold houses are one owner, decided by the area of its ballots', () => {
    const houses = [house('s1', 10000, 'developer'), house('s2', 10000, 'developer'), house('s3', 10000, 'developer'), house('o', 10000)];
    const ballots = new Map<string, Choice>([
      ['s1', 'agree'],
      ['s2', 'agree'],
      ['s3', 'oppose'],
      ['o', 'oppose'],
    ]);
    expect(tallyBallots(houses, ballots)).toEqual({
      rangeArea: 40000,
      rangeOwners: 2,
      participatingArea: 40000,
      participatingOwners: 2,
      agreeArea: 20000,
      agreeOwners: 1,
    });
  });

  it('R-42 an owner whose voting houses all have zero area is decided by the number of houses', () => {
    const houses = [house('p1', 0, 'X'), house('p2', 0, 'X'), house('p3', 0, 'X')];
    const ballots = (...cs: Choice[]) => new Map(cs.map((c, i) => [`p${i + 1}`, c]));
    expect(tallyBallots(houses, ballots('agree', 'agree', 'oppose')).agreeOwners).toBe(1);
    expect(tallyBallots(houses, ballots('agree', 'oppose')).agreeOwners).toBe(0);
  });

  it('R-42 ballots for houses outside the range are ignored and reported', () => {
    const houses = [house('a', 100)];
    const ballots = new Map<string, Choice>([
      ['a', 'agree'],
      ['zz', 'agree'],
    ]);
    expect(tallyBallots(houses, ballots)).toMatchObject({ participatingArea: 100, agreeArea: 100, participatingOwners: 1 });
    expect(ballotsOutsideRange(houses, ballots)).toEqual(['zz']);
  });

  it('R-42 refuses a range with a house twice or an impossible area', () => {
    expect(() => tallyBallots([house('a', 1), house('a', 1)], new Map())).toThrow('tallyBallots: house a appears twice');
    expect(() => tallyBallots([house('a', -1)], new Map())).toThrow('tallyBallots: house a has an invalid area');
    expect(() => tallyBallots([house('a', 1.5)], new Map())).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const choice = fc.constantFrom<Choice | null>('agree', 'oppose', 'abstain', null);
const sheet = fc
  .array(
    fc.record({
      area: fc.integer({ min: 0, max: 50_000 }),
      owner: fc.integer({ min: 0, max: 40 }),
      choice,
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((rows) => ({
    houses: rows.map((r, i) => house(`h${i}`, r.area, r.owner === 0 ? 'developer' : `id${r.owner}`)),
    ballots: new Map(rows.flatMap((r, i) => (r.choice === null ? [] : [[`h${i}`, r.choice] as [string, Choice]]))),
  }));

/** The thresholds in another form: ⅔ 以上 means at least ⌈2y/3⌉, 过半数 more than ⌊y/2⌋. */
function reference(rule: VoteRule, t: VoteTotals): boolean {
  const ceil23 = (y: number) => (2n * BigInt(y) + 2n) / 3n;
  const floor12 = (y: number) => BigInt(y) / 2n;
  const n = BigInt;
  if (rule === 'double-two-thirds') return n(t.agreeArea) >= ceil23(t.rangeArea) && n(t.agreeOwners) >= ceil23(t.rangeOwners);
  return (
    n(t.participatingArea) >= ceil23(t.rangeArea) &&
    n(t.participatingOwners) >= ceil23(t.rangeOwners) &&
    n(t.agreeArea) > floor12(t.participatingArea) &&
    n(t.agreeOwners) > floor12(t.participatingOwners)
  );
}

const validTotals = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.nat(), fc.nat(), fc.nat())
  .map(([ra, ro, a, b, c, d]) => {
    const participatingArea = a % (ra + 1);
    const participatingOwners = b % (ro + 1);
    return {
      rangeArea: ra,
      rangeOwners: ro,
      participatingArea,
      participatingOwners,
      agreeArea: c % (participatingArea + 1),
      agreeOwners: d % (participatingOwners + 1),
    };
  });

describe('R-42 properties', () => {
  it('R-42 decideVote matches the ceiling/floor form of the thresholds under both rules', () => {
    fc.assert(
      fc.property(validTotals, fc.constantFrom<VoteRule>('civil-code-2021', 'double-two-thirds'), (t, rule) => {
        const d = decideVote(rule, t);
        expect(d.passed).toBe(reference(rule, t));
        expect(d.passed).toBe(d.reasons.length === 0);
      }),
    );
  });

  it('R-42 totals tallied from a sheet are always possible and their areas are plain per-house sums', () => {
    fc.assert(
      fc.property(sheet, ({ houses, ballots }) => {
        const t = tallyBallots(houses, ballots);
        const sum = (f: (h: VoteHouse) => boolean) => houses.filter(f).reduce((a, h) => a + h.areaHundredths, 0);
        expect(t.rangeArea).toBe(sum(() => true));
        expect(t.participatingArea).toBe(sum((h) => ballots.has(h.houseId)));
        expect(t.agreeArea).toBe(sum((h) => ballots.get(h.houseId) === 'agree'));
        expect(t.rangeOwners).toBe(countOwners(houses));
        const problems = validateTotals(t);
        expect(problems.filter((p) => !p.includes('须大于零'))).toEqual([]);
      }),
    );
  });

  it('R-42 the result does not depend on the order of the sheet', () => {
    fc.assert(
      fc.property(sheet, fc.nat(), ({ houses, ballots }, seed) => {
        const k = seed % houses.length;
        const shuffled = [...houses.slice(k), ...houses.slice(0, k)].reverse();
        expect(tallyBallots(shuffled, ballots)).toEqual(tallyBallots(houses, ballots));
      }),
    );
  });

  it('R-42 when every owner holds one house, owners counted are houses counted', () => {
    fc.assert(
      fc.property(sheet, ({ houses, ballots }) => {
        const single = houses.map((h) => ({ ...h, ownerKey: h.houseId }));
        const t = tallyBallots(single, ballots);
        expect(t.rangeOwners).toBe(single.length);
        expect(t.participatingOwners).toBe(ballots.size);
        expect(t.agreeOwners).toBe([...ballots.values()].filter((c) => c === 'agree').length);
      }),
    );
  });

  it('R-42 turning one more ballot into agree never makes a passed vote fail', () => {
    fc.assert(
      fc.property(sheet, fc.nat(), fc.constantFrom<VoteRule>('civil-code-2021', 'double-two-thirds'), ({ houses, ballots }, pick, rule) => {
        const voted = [...ballots.keys()];
        if (voted.length === 0) return;
        const id = voted[pick % voted.length] as string;
        const before = tallyBallots(houses, ballots);
        const after = tallyBallots(houses, new Map(ballots).set(id, 'agree'));
        expect(after.agreeArea).toBeGreaterThanOrEqual(before.agreeArea);
        expect(after.agreeOwners).toBeGreaterThanOrEqual(before.agreeOwners);
        expect(after.participatingOwners).toBe(before.participatingOwners);
        if (before.rangeArea > 0 && decideVote(rule, before).passed) expect(decideVote(rule, after).passed).toBe(true);
      }),
    );
  });

  it('R-42 an owner-set key is the upper-cased ID numbers, blanks left out, sorted and comma-separated', () => {
    expect(ownerSetKey(['44070319800101002x'])).toBe('44070319800101002X');
    expect(ownerSetKey([' B ', '', '  ', 'A'])).toBe('A,B');
    // Without a separator two owners "A1" + "B" and "A" + "1B" would be one key.
    expect(ownerSetKey(['A1', 'B'])).not.toBe(ownerSetKey(['A', '1B']));
  });
});
